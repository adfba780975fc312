"""The exporters, one per resource type, in dependency order (a type before its referrers).

To export a new resource type, add one entry here: its ``--include`` name, its Resource
class, where its objects are listed, what names them and which fields refer to other types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..client import PageStyle
from ..resources._ids import ENVIRONMENT
from ..resources._resource import KindeResource
from ..resources.api import Api
from ..resources.api_application import ApiApplication
from ..resources.api_key import ApiKey
from ..resources.api_scope import ApiScope
from ..resources.application import Application
from ..resources.application_connection import ApplicationConnection
from ..resources.business_settings import BusinessSettings
from ..resources.connection import Connection
from ..resources.environment_variable import EnvironmentVariable
from ..resources.feature_flag import FeatureFlag
from ..resources.feature_flag_override import (
    EnvironmentFeatureFlag,
    OrganizationFeatureFlag,
    UserFeatureFlag,
)
from ..resources.logo import EnvironmentLogo, OrganizationLogo
from ..resources.mfa import EnvironmentMfa, OrganizationMfa
from ..resources.organization import Organization
from ..resources.organization_connection import OrganizationConnection
from ..resources.organization_sessions import OrganizationSessions
from ..resources.organization_user import OrganizationUser
from ..resources.organization_user_api_scope import OrganizationUserApiScope
from ..resources.passkey import EnvironmentPasskey, OrganizationPasskey
from ..resources.permission import Permission
from ..resources.property import Property
from ..resources.property_category import PropertyCategory
from ..resources.property_value import ApplicationProperty, OrganizationProperty, UserProperty
from ..resources.role import Role
from ..resources.role_system_permission import RoleSystemPermission
from ..resources.scim_directory import ScimDirectory
from ..resources.user import User
from ..resources.user_password import UserPassword
from ..resources.webhook import Webhook
from ._model import CannotDeclare, ExportContext, Exporter, ExportResult, Item, Names, Ref

__all__ = ["EXPORTERS", "child_listing", "listing"]


def listing(
    path: str, items_key: str, *, style: PageStyle = "next_token"
) -> Callable[[ExportContext], Iterable[Item]]:
    """The items of a top-level list endpoint, e.g. ``listing("/api/v1/roles", "roles")``."""
    return lambda ctx: ctx.list_items(path, items_key, style=style)


def child_listing(
    path: str, items_key: str, *, style: PageStyle = "next_token"
) -> Callable[[ExportContext, str], Iterable[str]]:
    """Ids ``parent/child`` of the items of a parent's list, e.g. ``/api/v1/apis/{parent}/scopes``.

    Items may come bare or wrapped (``{"connection": {...}}``), as Kinde returns both.
    """

    def children(ctx: ExportContext, parent: str) -> Iterable[str]:
        for item in ctx.list_items(path.format(parent=parent), items_key, style=style):
            inner = next((v for v in item.values() if isinstance(v, dict)), item)
            child = item.get("id") or inner.get("id")
            if child:
                yield f"{parent}/{child}"

    return children


def _authorized_applications(ctx: ExportContext, api_id: str) -> Iterable[str]:
    found = ctx.api.get(f"/api/v1/apis/{api_id}")["api"]
    return [f"{api_id}/{a['id']}" for a in found.get("applications") or [] if a.get("id")]


def _builtin_connection(item: Item) -> str | None:
    strategy = str(item.get("strategy") or "")
    if strategy.split(":", 1)[0] in ("oauth2", "saml", "wsfed"):
        return None
    return f"Kinde's built-in sign-in method ({strategy})"


def _signs_in_with(state: Any, result: ExportResult) -> str | None:
    if result.client_id and state.client_id == result.client_id:
        return "pulumi-kinde signs in with this application: deleting it locks Pulumi out"
    return None


def _user_name(state: Any, _names: Names) -> str:
    emails, usernames = state.emails or [], state.usernames or []
    full = " ".join(n for n in (state.given_name, state.family_name) if n)
    return str((emails[:1] or usernames[:1] or [full])[0])


def _user_label(item: Item) -> str:
    full = " ".join(str(item.get(k) or "") for k in ("first_name", "last_name")).strip()
    return str(item.get("email") or item.get("username") or full)


def _joined(*parts: tuple[str, str]) -> Callable[[Any, Names], str]:
    """Name an object after the objects it links: ``_joined(("api", "api_id"), ...)``."""

    def name(state: Any, names: Names) -> str:
        return "-".join(names.of(type_, getattr(state, field)) for type_, field in parts)

    return name


# -- business settings: flags, variables, properties ------------------------------------------

_FLAGS = "/api/v1/environment/feature_flags"
_CATEGORIES = "/api/v1/property_categories"
_PROPERTIES = "/api/v1/properties"


def _environment_flags(ctx: ExportContext) -> list[Item]:
    """Every flag, as the environment's list shows it: key, type and current value."""
    flags = ctx.get(_FLAGS).get("feature_flags") or {}
    return [{"key": key, **flags[key]} for key in sorted(flags)]


def _valueless_flag(item: Item) -> str | None:
    if item.get("value") in (None, ""):
        return "Kinde shows no value for it, so it cannot be declared"
    return None


def _organization_flags(ctx: ExportContext, org_code: str) -> dict[str, Any]:
    found: dict[str, Any] = ctx.get(f"/api/v1/organizations/{org_code}/feature_flags")
    return found.get("feature_flags") or {}


def _organization_overrides(ctx: ExportContext, org_code: str) -> Iterable[str]:
    if not ctx.get(_FLAGS).get("feature_flags"):
        return []  # no flag, so no override: spare a request per organization
    return [f"{org_code}/{key}" for key in sorted(_organization_flags(ctx, org_code))]


def _flag_levels(state: Any, result: ExportResult) -> str | None:
    """What the export knows of a flag's override level: organizations override it."""
    overrides = [
        o
        for o in result.objects.get("organization_feature_flag", [])
        if o.id.endswith(f"/{state.key}")
    ]
    if not overrides:
        return None
    who = (
        "1 organization overrides"
        if len(overrides) == 1
        else f"{len(overrides)} organizations override"
    )
    return f"{who} it: declare allow_override_level='org' (or 'usr') with its definition"


def _not_listable(_ctx: ExportContext, _parent: str) -> Iterable[str]:
    """Children Kinde has no way to list or read."""
    return ()


def _listed_under(ctx: ExportContext, path: str, items_key: str, id_: str, context: str) -> bool:
    listed = ctx.list_items(path, items_key, style="starting_after", params={"context": context})
    return any(item.get("id") == id_ for item in listed)


def _category_context(ctx: ExportContext, id_: str) -> str:
    """A category's context: Kinde's list filters by "org" and "usr"; the rest are "app"."""
    for context in ("org", "usr"):
        if _listed_under(ctx, _CATEGORIES, "categories", id_, context):
            return context
    return "app"


def _category(ctx: ExportContext, id_: str, _state: Any) -> dict[str, Any]:
    return {"context": _category_context(ctx, id_)}


def _property_context(ctx: ExportContext, id_: str, _state: Any) -> dict[str, Any]:
    """A property's context, through the list's filter (which adoption checks again)."""
    context = next(
        (c for c in ("org", "usr", "app") if _listed_under(ctx, _PROPERTIES, "properties", id_, c)),
        None,
    )
    if context is None:
        raise CannotDeclare("Kinde lists it under no context (org, usr or app)")
    return {"context": context}


def _valued(path: str, context: str) -> Callable[[ExportContext, str], Iterable[str]]:
    """Ids ``owner/key`` of the properties (of ``context``) an owner has a value for."""

    def children(ctx: ExportContext, owner: str) -> Iterable[str]:
        params = {"context": context}
        if not ctx.list_items(_PROPERTIES, "properties", style="starting_after", params=params):
            return []  # no property, so no value: spare a request per owner
        listed = ctx.get(path.format(parent=owner)).get("properties") or []
        return [
            f"{owner}/{p['key']}"
            for p in listed
            if p.get("key") and p.get("value") not in (None, "")
        ]

    return children


def _value_name(owner: tuple[str, str]) -> Callable[[Any, Names], str]:
    """Name a property value after its owner and the property's key."""
    type_, field = owner
    return lambda state, names: f"{names.of(type_, getattr(state, field))}-{state.key}"


def _business(ctx: ExportContext) -> list[Item]:
    return [ctx.get("/api/v1/business")["business"]]


# -- security policy, logos, API keys and SCIM directories ------------------------------------

_WRITE_ONLY_POLICY = (
    "Kinde can write {what} but never show it: none can be exported. Declare it by hand "
    "(adopting it writes the declared settings once)."
)
_NO_IMAGE = "Kinde never returns a logo's image: declare it with file= to manage it"


def _nothing(_ctx: ExportContext) -> list[Item]:
    """What Kinde can write but not read: there is nothing to list."""
    return []


def _environment_passkey(ctx: ExportContext) -> list[Item]:
    return [{"id": ENVIRONMENT, **ctx.get("/api/v1/passkey")}]


def _passkey_override(ctx: ExportContext, org_code: str) -> Iterable[str]:
    found = ctx.get(f"/api/v1/organizations/{org_code}/passkey")
    return [org_code] if found.get("is_override_environment_passkey_settings") else []


def _organization_logos(ctx: ExportContext, org_code: str) -> Iterable[str]:
    logos = ctx.get(f"/api/v1/organizations/{org_code}/logos").get("logos") or []
    return [f"{org_code}/{logo['type']}" for logo in logos if logo.get("type")]


def _no_image(_ctx: ExportContext, _id: str, _state: Any) -> dict[str, Any]:
    raise CannotDeclare(_NO_IMAGE)


def _organization_setting(
    type_: str,
    resource: type[KindeResource],
    children: Callable[[ExportContext, str], Iterable[str]],
    **more: Any,
) -> Exporter:
    """The exporter of a resource whose id is an organization's code (or starts with it)."""
    return Exporter(
        type_,
        resource,
        name=_joined(("organization", "org_code")),
        parent="organization",
        children=children,
        refs={"org_code": Ref("organization", "code")},
        prefix=type_.replace("organization_", "org_"),
        **more,
    )


def _directory_provider(_ctx: ExportContext, _id: str, _state: Any) -> dict[str, Any]:
    return {"provider_code": "custom_scim_v2"}


EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        "api",
        Api,
        name="name",
        items=listing("/api/v1/apis", "apis"),
        skip=lambda i: "Kinde's own Management API" if i.get("is_management_api") else None,
    ),
    Exporter(
        "api_scope",
        ApiScope,
        name=lambda s, n: f"{n.of('api', s.api_id)}-{s.key}",
        parent="api",
        children=child_listing("/api/v1/apis/{parent}/scopes", "scopes"),
        refs={"api_id": Ref("api")},
        prefix="scope",
    ),
    Exporter(
        "permission",
        Permission,
        name="key",
        items=listing("/api/v1/permissions", "permissions"),
    ),
    Exporter(
        "role",
        Role,
        name="key",
        items=listing("/api/v1/roles", "roles"),
        refs={"permissions": Ref("permission"), "scopes": Ref("api_scope", "scope_id")},
    ),
    Exporter(
        "role_system_permission",
        RoleSystemPermission,
        name=lambda s, n: f"{n.of('role', s.role_id)}-{s.system_permission_id}",
        parent="role",
        children=child_listing("/api/v1/roles/{parent}/system_permissions", "system_permissions"),
        refs={"role_id": Ref("role")},
        prefix="role_system_permission",
    ),
    Exporter(
        "application",
        Application,
        name="name",
        items=listing("/api/v1/applications", "applications"),
        prefix="app",
        refs={"access_roles": Ref("role")},
        comment=_signs_in_with,
        notes=(
            "Token lifetimes and org_code are write-only in Kinde and are not declared: "
            "Kinde keeps their current values. Client secrets are outputs "
            "(Application.client_secret), never inputs.",
        ),
    ),
    Exporter(
        "api_application",
        ApiApplication,
        name=_joined(("api", "api_id"), ("application", "application_id")),
        parent="api",
        children=_authorized_applications,
        refs={"api_id": Ref("api"), "application_id": Ref("application")},
        prefix="api_access",
        notes=(
            "Kinde does not return the scopes granted to an application, so `scopes` is not "
            "declared: the grants stay as they are. Declare them to manage them.",
        ),
    ),
    Exporter(
        "connection",
        Connection,
        name="name",
        items=listing("/api/v1/connections", "connections", style="starting_after"),
        skip=_builtin_connection,
        notes=(
            "Kinde never returns a connection's options (client secrets, SAML keys) or its "
            "organization_code: they are not declared, and Kinde keeps them. To manage "
            "options, add options={...} with secrets from pulumi.Config().require_secret(). "
            "Enabled applications are exported as ApplicationConnection resources. Kinde's "
            "own social connections (such as Google) look like any other through the API and "
            "are declared; Kinde refuses to delete them.",
        ),
    ),
    Exporter(
        "application_connection",
        ApplicationConnection,
        name=_joined(("application", "application_id"), ("connection", "connection_id")),
        parent="application",
        children=child_listing(
            "/api/v1/applications/{parent}/connections", "connections", style="starting_after"
        ),
        refs={"application_id": Ref("application"), "connection_id": Ref("connection")},
        prefix="app_connection",
    ),
    Exporter(
        "organization",
        Organization,
        name=lambda s, _: s.handle or s.name,
        items=listing("/api/v1/organizations", "organizations"),
        id_key="code",
        skip=lambda i: "Kinde's default organization" if i.get("is_default") else None,
        prefix="org",
        notes=(
            "is_auto_join_domain_list and is_enforce_mfa are write-only in Kinde and are not "
            "declared: Kinde keeps their current values.",
        ),
    ),
    Exporter(
        "organization_connection",
        OrganizationConnection,
        name=_joined(("organization", "organization_code"), ("connection", "connection_id")),
        parent="organization",
        children=child_listing(
            "/api/v1/organizations/{parent}/connections", "connections", style="starting_after"
        ),
        refs={
            "organization_code": Ref("organization", "code"),
            "connection_id": Ref("connection"),
        },
        prefix="org_connection",
    ),
    Exporter(
        "scim_directory",
        ScimDirectory,
        name=lambda s, n: n.of("organization", s.org_code),
        items=listing("/api/v1/directories", "directories", style="starting_after"),
        refs={
            "org_code": Ref("organization", "code"),
            "enterprise_connection_id": Ref("connection"),
        },
        prefix="scim",
        declare=_directory_provider,
        assumed={"provider_code": "assumed: Kinde does not return it; set the real provider"},
        notes=(
            "Kinde does not return a directory's provider_code: the export assumes "
            "custom_scim_v2, which adopting takes as declared (it writes nothing). Set the real "
            "provider before changing it: a change of provider replaces the directory.",
        ),
    ),
    Exporter(
        "webhook",
        Webhook,
        name="name",
        items=listing("/api/v1/webhooks", "webhooks"),
    ),
    Exporter(
        "business_settings",
        BusinessSettings,
        name=lambda _s, _n: "settings",
        items=_business,
        id_key="code",
        prefix="business",
        notes=(
            "The business cannot be created or deleted: removing BusinessSettings from the "
            "program leaves every setting as it is in Kinde.",
        ),
    ),
    Exporter(
        "environment_mfa",
        EnvironmentMfa,
        name=lambda _s, _n: "mfa",
        items=_nothing,
        prefix="environment",
        notes=(_WRITE_ONLY_POLICY.format(what="the MFA configuration"),),
    ),
    Exporter(
        "environment_passkey",
        EnvironmentPasskey,
        name=lambda _s, _n: "passkey",
        items=_environment_passkey,
        skip=lambda i: "passkeys are off (Kinde's default)" if i.get("policy") == "off" else None,
        prefix="environment",
        notes=("Deleting EnvironmentPasskey leaves the policy as it is in Kinde.",),
    ),
    Exporter(
        "environment_logo",
        EnvironmentLogo,
        name="type",
        items=lambda ctx: ctx.get("/api/v1/environment/logos").get("logos") or [],
        id_key="type",
        skip=lambda _item: _NO_IMAGE,
        label=lambda item: f"{item.get('type')} logo {item.get('file_name') or ''}".strip(),
        prefix="logo",
    ),
    Exporter(
        "environment_variable",
        EnvironmentVariable,
        name="key",
        items=lambda ctx: (
            ctx.get("/api/v1/environment_variables").get("environment_variables") or []
        ),
        prefix="env_var",
        in_clear=lambda state: () if state.is_secret else ("value",),
        notes=(
            # Live: docs.kinde.com, "Add and update environment variables": a secret value
            # is never returned and cannot be updated, so adoption cannot write it either.
            "Kinde never returns a secret variable's value, and cannot update it: the "
            "program reads it from stack config (config.require_secret) and adopting takes "
            "it as given, writing nothing. Set it to the value Kinde holds: Kinde cannot "
            "say whether it matches, so a wrong value goes unnoticed until you change it, "
            "and changing it replaces the variable (deleted, then created with the new "
            "value).",
        ),
    ),
    Exporter(
        "feature_flag",
        FeatureFlag,
        name="key",
        items=_environment_flags,
        id_key="key",
        prefix="flag",
        comment=_flag_levels,
        notes=(
            "Kinde never returns a flag's name, description, default value or override "
            "level: they are not declared, and adopting leaves them as Kinde has them. To "
            "manage them, declare name, description and default_value together (with "
            "allow_override_level, 'env' unless given): the next pulumi up writes them, as "
            "Kinde's update writes a flag's definition whole. Kinde cannot update a flag "
            "users may override (allow_override_level='usr'): declaring its definition "
            "replaces it, losing its overrides.",
        ),
    ),
    Exporter(
        "environment_feature_flag",
        EnvironmentFeatureFlag,
        name=_joined(("feature_flag", "flag_key")),
        items=_environment_flags,
        id_key="key",
        skip=_valueless_flag,
        refs={"flag_key": Ref("feature_flag", "key")},
        prefix="env_flag",
        notes=(
            "Kinde shows each flag's value in the environment without saying whether it "
            "overrides the flag's default, so every flag's environment value is declared "
            "(adopting writes nothing). Deleting one removes the override, if any.",
        ),
    ),
    Exporter(
        "organization_feature_flag",
        OrganizationFeatureFlag,
        name=_joined(("organization", "org_code"), ("feature_flag", "flag_key")),
        parent="organization",
        children=_organization_overrides,
        refs={"org_code": Ref("organization", "code"), "flag_key": Ref("feature_flag", "key")},
        prefix="org_flag",
    ),
    Exporter(
        "property_category",
        PropertyCategory,
        name="name",
        items=listing(_CATEGORIES, "categories", style="starting_after"),
        prefix="category",
        declare=_category,
        notes=(
            "Kinde does not return a category's context: the export finds it through the "
            "list's filter. Kinde cannot delete a category: removing one from the program "
            "leaves it in Kinde.",
        ),
    ),
    Exporter(
        "property",
        Property,
        name="key",
        items=listing(_PROPERTIES, "properties", style="starting_after"),
        skip=lambda i: "Kinde's own property" if i.get("is_kinde_property") else None,
        refs={"category_id": Ref("property_category")},
        declare=_property_context,
        notes=(
            "Kinde returns neither a property's context, type nor category. The context is "
            "found through the list's filter; the type and category are not declared, and "
            "adopting leaves them as Kinde has them. Declare category_id before changing "
            "name, description or is_private (Kinde's update writes the category with "
            "them); a type declared later is taken as declared, not written.",
        ),
    ),
    Exporter(
        "organization_property",
        OrganizationProperty,
        name=_value_name(("organization", "org_code")),
        parent="organization",
        children=_valued("/api/v1/organizations/{parent}/properties", "org"),
        refs={"org_code": Ref("organization", "code"), "key": Ref("property", "key")},
        prefix="org_property",
    ),
    _organization_setting(
        "organization_mfa",
        OrganizationMfa,
        _not_listable,
        notes=(_WRITE_ONLY_POLICY.format(what="an organization's MFA factors"),),
    ),
    _organization_setting(
        "organization_sessions",
        OrganizationSessions,
        _not_listable,
        notes=(_WRITE_ONLY_POLICY.format(what="an organization's session settings"),),
    ),
    _organization_setting(
        "organization_passkey",
        OrganizationPasskey,
        _passkey_override,
        default=False,
        notes=(
            "Finding which organizations override the passkey policy takes one request per "
            "organization: exported only with --include organization_passkey.",
        ),
    ),
    _organization_setting(
        "organization_logo",
        OrganizationLogo,
        _organization_logos,
        declare=_no_image,
        default=False,
        notes=(
            f"{_NO_IMAGE}. Listing them takes one request per organization: listed only "
            "with --include organization_logo.",
        ),
    ),
    Exporter(
        "application_property",
        ApplicationProperty,
        name=_value_name(("application", "application_id")),
        parent="application",
        children=_valued("/api/v1/applications/{parent}/properties", "app"),
        refs={"application_id": Ref("application"), "key": Ref("property", "key")},
        prefix="app_property",
    ),
    Exporter(
        "user",
        User,
        name=_user_name,
        items=listing("/api/v1/users", "users"),
        label=_user_label,
        default=False,
        notes=(
            "organization_code and phone_country are write-only in Kinde and are not declared.",
        ),
    ),
    Exporter(
        "organization_user",
        OrganizationUser,
        name=_joined(("organization", "organization_code"), ("user", "user_id")),
        parent="organization",
        children=child_listing("/api/v1/organizations/{parent}/users", "organization_users"),
        refs={
            "organization_code": Ref("organization", "code"),
            "user_id": Ref("user"),
            "roles": Ref("role"),
            "permissions": Ref("permission"),
        },
        prefix="member",
        default=False,
    ),
    Exporter(
        "organization_user_api_scope",
        OrganizationUserApiScope,
        name=_joined(("organization", "organization_code"), ("user", "user_id")),
        parent="organization",
        children=_not_listable,
        refs={
            "organization_code": Ref("organization", "code"),
            "user_id": Ref("user"),
            "api_id": Ref("api"),
            "scope_id": Ref("api_scope", "scope_id"),
        },
        prefix="member_api_scope",
        default=False,
        notes=(
            "Kinde can neither list nor read the API scopes granted to a member: none can be "
            "exported. Declare them by hand (adopting one grants it again).",
        ),
    ),
    Exporter(
        "user_feature_flag",
        UserFeatureFlag,
        name=_joined(("user", "user_id"), ("feature_flag", "flag_key")),
        parent="user",
        children=_not_listable,
        refs={"user_id": Ref("user"), "flag_key": Ref("feature_flag", "key")},
        prefix="user_flag",
        default=False,
        notes=(
            "Kinde can neither list nor read a user's feature flag overrides: none can be "
            "exported. Declare them by hand (adopting one writes its value).",
        ),
    ),
    Exporter(
        "user_password",
        UserPassword,
        name=_joined(("user", "user_id")),
        parent="user",
        children=_not_listable,
        refs={"user_id": Ref("user")},
        prefix="password",
        default=False,
        notes=(
            "Kinde never returns a password or says whether a user has one: none can be "
            "exported. Declare them by hand, with the hash from stack config.",
        ),
    ),
    Exporter(
        "user_property",
        UserProperty,
        name=_value_name(("user", "user_id")),
        parent="user",
        children=_valued("/api/v1/users/{parent}/properties", "usr"),
        refs={"user_id": Ref("user"), "key": Ref("property", "key")},
        prefix="user_property",
        default=False,
    ),
    Exporter(
        "api_key",
        ApiKey,
        name="name",
        items=listing("/api/v1/api_keys", "api_keys", style="starting_after"),
        skip=lambda i: "revoked" if i.get("status") == "revoked" else None,
        refs={
            "api_id": Ref("api"),
            "org_code": Ref("organization", "code"),
            "user_id": Ref("user"),
        },
        notes=(
            "Kinde shows a key's value only when it makes or rotates the key: an adopted "
            "ApiKey's key output stays empty until you set rotation_trigger (which rotates "
            "it). scope_ids are write-only and not declared: Kinde keeps the key's scopes.",
        ),
    ),
)
