"""The exporters, one per resource type, in dependency order (a type before its referrers).

To export a new resource type, add one entry here: its ``--include`` name, its Resource
class, where its objects are listed, what names them and which fields refer to other types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..client import PageStyle
from ..resources.api import Api
from ..resources.api_application import ApiApplication
from ..resources.api_scope import ApiScope
from ..resources.application import Application
from ..resources.application_connection import ApplicationConnection
from ..resources.connection import Connection
from ..resources.organization import Organization
from ..resources.organization_connection import OrganizationConnection
from ..resources.organization_user import OrganizationUser
from ..resources.permission import Permission
from ..resources.role import Role
from ..resources.user import User
from ..resources.webhook import Webhook
from ._model import ExportContext, Exporter, ExportResult, Item, Names, Ref

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
        "application",
        Application,
        name="name",
        items=listing("/api/v1/applications", "applications"),
        prefix="app",
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
        "webhook",
        Webhook,
        name="name",
        items=listing("/api/v1/webhooks", "webhooks"),
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
)
