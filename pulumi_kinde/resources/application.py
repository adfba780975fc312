"""Kinde applications: the clients your users sign in to, and M2M clients."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient, NotFoundError
from ._fields import Computed, Replace, Secret, Unordered, WriteOnly, validating_inputs
from ._ids import OrganizationCode
from ._listing import find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._references import ROLES, remember
from ._resource import KindeResource, declared
from ._urls import CallbackUrl, WebUrl

__all__ = ["Application", "ApplicationArgs", "ApplicationProvider"]


Lifetime = Annotated[int, WriteOnly, Field(ge=1, le=31_536_000)]

# Sign-in settings: written with PATCH /applications/{id} and read back with GET.
_SETTINGS = (
    "login_uri",
    "homepage_uri",
    "is_access_control_enabled",
    "is_allow_faceless_auth",
    "is_ask_for_name",
    "has_marketing_consent",
    "has_sign_in_link_on_sign_up_page",
    "has_register_link_on_sign_in_page",
    "has_sign_in_with_sso_button",
    "use_gravatar_fallback",
)
# Token lifetimes: written with PATCH /applications/{id}/tokens; Kinde never returns them.
_TOKENS = (
    "access_token_lifetime",
    "refresh_token_lifetime",
    "id_token_lifetime",
    "authenticated_session_lifetime",
)


class ApplicationArgs(KindeArgs):
    name: Annotated[str, Field(min_length=1, max_length=128)]
    type: Annotated[Literal["reg", "spa", "m2m", "device"], Replace]
    org_code: Annotated[OrganizationCode | None, Replace, WriteOnly] = None
    login_uri: WebUrl | None = None
    homepage_uri: WebUrl | None = None
    redirect_uris: Annotated[list[CallbackUrl] | None, Unordered] = None
    logout_uris: Annotated[list[CallbackUrl] | None, Unordered] = None
    is_access_control_enabled: bool | None = None
    is_allow_faceless_auth: bool | None = None
    is_ask_for_name: bool | None = None
    has_marketing_consent: bool | None = None
    has_sign_in_link_on_sign_up_page: bool | None = None
    has_register_link_on_sign_in_page: bool | None = None
    has_sign_in_with_sso_button: bool | None = None
    use_gravatar_fallback: bool | None = None
    access_token_lifetime: Lifetime | None = None
    refresh_token_lifetime: Lifetime | None = None
    id_token_lifetime: Lifetime | None = None
    authenticated_session_lifetime: Lifetime | None = None
    access_roles: Annotated[list[Annotated[str, Field(min_length=1)]] | None, Unordered] = None

    @field_validator("org_code")
    @classmethod
    def _only_m2m_belongs_to_an_organization(
        cls, org_code: str | None, info: ValidationInfo
    ) -> str | None:
        # Emulator routes/applications.py, as Kinde answers: 400 INVALID_ORG_CODE "Only
        # machine-to-machine applications can belong to an org".
        kind = info.data.get("type")
        if validating_inputs(info.context) and org_code is not None and kind not in (None, "m2m"):
            raise ValueError(
                "only an m2m application can belong to an organization (Kinde refuses "
                "org_code for reg, spa and device applications): remove org_code, or declare "
                "type='m2m' for a machine-to-machine application of that organization"
            )
        return org_code

    @field_validator("is_access_control_enabled")
    @classmethod
    def _access_control_needs_a_user_facing_type(
        cls, enabled: bool | None, info: ValidationInfo
    ) -> bool | None:
        # Spec: PATCH /applications/{id} answers ACCESS_CONTROL_NOT_SUPPORTED for m2m.
        if validating_inputs(info.context) and enabled and info.data.get("type") == "m2m":
            raise ValueError(
                "an m2m application has no role-based access control (Kinde supports it for "
                "reg, spa and device applications): remove is_access_control_enabled"
            )
        return enabled

    @field_validator("access_roles")
    @classmethod
    def _roles_need_a_user_facing_type(
        cls, roles: list[str] | None, info: ValidationInfo
    ) -> list[str] | None:
        if not validating_inputs(info.context) or roles is None:
            return roles
        # Spec: AddApplicationAccessRole answers APPLICATION_TYPE_NOT_SUPPORTED for m2m.
        if info.data.get("type") == "m2m":
            raise ValueError(
                "an m2m application has no access roles (Kinde supports them for reg, spa "
                "and device applications): remove access_roles"
            )
        # Spec: PATCH /applications/{id} answers ACCESS_ROLES_REQUIRED when none is allowed.
        if not roles and info.data.get("is_access_control_enabled"):
            raise ValueError(
                "is empty, but is_access_control_enabled is on and Kinde needs at least one "
                "allowed role: add a role id, or turn access control off"
            )
        return roles


class ApplicationState(ApplicationArgs):
    client_id: Annotated[str | None, Computed] = None
    client_secret: Annotated[str | None, Computed, Secret] = None


class ApplicationProvider(KindeProvider[ApplicationArgs, ApplicationState]):
    kind = "application"
    args_model = ApplicationArgs
    state_model = ApplicationState
    # A new application (emulator records.Application; GET /applications/{id} shows every
    # switch): no callback or logout URL, and the sign-in switches as Kinde sets them.
    assigned = defaults(
        redirect_uris=[],
        logout_uris=[],
        is_access_control_enabled=False,
        is_allow_faceless_auth=False,
        is_ask_for_name=False,
        has_marketing_consent=False,
        has_sign_in_link_on_sign_up_page=True,
        has_register_link_on_sign_in_page=True,
        has_sign_in_with_sso_button=False,
        use_gravatar_fallback=False,
    )

    def assigned_for(self, args: ApplicationArgs) -> dict[str, Any]:
        # An m2m application has no access roles at all; the others have none allowed yet.
        return {**self.assigned, "access_roles": None if args.type == "m2m" else []}

    def create_object(
        self, api: KindeClient, args: ApplicationArgs, rollback: Rollback
    ) -> tuple[str, ApplicationState]:
        # Read before the first write (fail early, not half-way): the roles exist; no
        # request for ids this provider process made or read already.
        ROLES.require(api, args.access_roles or (), "access_roles")
        body: dict[str, Any] = {"name": args.name, "type": args.type}
        if args.org_code:
            body["org_code"] = args.org_code
        created = api.post(
            "/api/v1/applications", body, operation=f"create application {args.name!r}"
        )["application"]
        app_id = str(created["id"])
        api.add_secret(created.get("client_secret"))
        rollback.add(f"application {app_id}", lambda: api.delete(f"/api/v1/applications/{app_id}"))
        fields = set(_SETTINGS) | set(_TOKENS) | {"redirect_uris", "logout_uris", "access_roles"}
        _write(api, app_id, args, fields, old_roles=[])
        state = self.state_from(
            args, client_id=created.get("client_id"), client_secret=created.get("client_secret")
        )
        return app_id, state

    def find_created(self, api: KindeClient, args: ApplicationArgs) -> str | None:
        # Names are not unique in Kinde: adopt only when exactly one application matches.
        return find_one(
            api, "/api/v1/applications", "applications", {"name": args.name, "type": args.type}
        )

    def read_object(self, api: KindeClient, id_: str) -> ApplicationState | None:
        app = api.get(f"/api/v1/applications/{id_}")["application"]
        api.add_secret(app.get("client_secret"))
        redirects = api.get(f"/api/v1/applications/{id_}/auth_redirect_urls")
        logouts = api.get(f"/api/v1/applications/{id_}/auth_logout_urls")
        roles = None if app["type"] == "m2m" else _access_roles(api, id_)
        return ApplicationState(
            name=app["name"],
            type=app["type"],
            redirect_uris=sorted((redirects or {}).get("redirect_urls") or []),
            logout_uris=sorted((logouts or {}).get("logout_urls") or []),
            access_roles=roles,
            client_id=app.get("client_id"),
            client_secret=app.get("client_secret"),
            **{k: app.get(k) for k in _SETTINGS if app.get(k) not in (None, "")},
        )

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[ApplicationArgs, ApplicationState],
    ) -> ApplicationState:
        if "access_roles" in change:
            added = set(change.new.access_roles or ()) - set(change.old.access_roles or ())
            ROLES.require(api, added, "access_roles")
        _write(api, id_, change.new, set(change.changed), old_roles=change.old.access_roles or [])
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/applications/{id_}")


def _write(
    api: KindeClient, app_id: str, args: ApplicationArgs, fields: set[str], old_roles: list[str]
) -> None:
    """Send the declared values of ``fields``, each to the endpoint that owns it.

    New access roles are added before the settings and old ones removed after: Kinde
    enables role-based access control only while at least one role is allowed.
    """
    declared_values = args.model_dump(exclude_none=True)
    wanted = {k: v for k, v in declared_values.items() if k in fields}
    roles_path = f"/api/v1/applications/{app_id}/access_roles"
    new_roles = set(wanted.get("access_roles", old_roles))
    for role_id in sorted(new_roles - set(old_roles)):
        api.post(f"{roles_path}/{role_id}")
    settings = {k: v for k, v in wanted.items() if k in _SETTINGS or k == "name"}
    if settings:
        api.patch(f"/api/v1/applications/{app_id}", settings)
    for role_id in sorted(set(old_roles) - new_roles):
        try:
            api.delete(f"{roles_path}/{role_id}")
        except NotFoundError:
            continue  # not allowed any more: an earlier, interrupted run removed it
    tokens = {k: v for k, v in wanted.items() if k in _TOKENS}
    if tokens:
        api.patch(f"/api/v1/applications/{app_id}/tokens", tokens)
    for field_name, path in (("redirect_uris", "redirect"), ("logout_uris", "logout")):
        if field_name in wanted:
            api.put(f"/api/v1/applications/{app_id}/auth_{path}_urls", {"urls": wanted[field_name]})


def _access_roles(api: KindeClient, app_id: str) -> list[str]:
    listed = api.paginate(
        f"/api/v1/applications/{app_id}/access_roles", "roles", style="starting_after"
    )
    roles = sorted({str(r["id"]) for r in listed if r.get("id")})
    remember(api, "role", *roles)
    return roles


class Application(KindeResource, module="kinde", name="Application"):
    """A Kinde application: a web, single-page, device or machine-to-machine client.

    Settings left out (``None``) are not managed: Kinde's values stay as they are.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        web = kinde.Application(
            "web",
            name="Web",
            type="reg",
            redirect_uris=["https://example.com/callback"],
            logout_uris=["https://example.com"],
        )
        pulumi.export("client_id", web.client_id)
        pulumi.export("client_secret", web.client_secret)  # a Pulumi secret

    :id: the application's id (32 hex digits)
    :find_id: In Kinde: *Settings > Environment > Applications*, *View details* on the
        application; its *App keys* show the client id and secret.
        ``kinde.get_application(name="Web").id`` gives the id.
    :scopes: ``crud:applications, ru:applications_redirect_uris, ru:application_logout_uris,
        u:application_tokens``; ``r:roles`` with ``access_roles`` (their ids are checked)
    :limitation: Kinde never returns token lifetimes: they are write-only.
    :limitation: Kinde turns role-based access control on only while at least one role is
        allowed: ``access_roles`` are added before ``is_access_control_enabled`` is written
        (and removed after it is turned off), so one ``up`` does both; m2m applications have
        neither.
    :limitation: An application's type cannot change: a new ``type`` (or ``org_code``)
        replaces the application, with a new client id and secret.
    :param resource_name: the Pulumi name of this resource.
    :param name: the application's name.
    :param type: ``"reg"`` (back-end web), ``"spa"`` (front-end and mobile), ``"m2m"``
        (machine to machine) or ``"device"``; changing it replaces the application.
    :param org_code: for an M2M application, the organization it belongs to (set at creation).
    :param login_uri: where Kinde sends users to start sign-in.
    :param homepage_uri: the application's home page.
    :param redirect_uris: allowed callback URLs (a set): absolute ``http(s)://`` URLs, or an
        app's own scheme (``myapp://app.example.com/kinde_callback``); one wildcard allowed
        in the leftmost label of an http(s) host (``https://*.example.com/callback``).
    :param logout_uris: allowed post-logout redirect URLs (a set; the same rules).
    :param is_access_control_enabled: only users holding one of ``access_roles`` may sign in.
    :param is_allow_faceless_auth: allow sign-in without a name.
    :param is_ask_for_name: ask new users for their name.
    :param has_marketing_consent: ask new users for marketing consent.
    :param has_sign_in_link_on_sign_up_page: show a sign-in link on the sign-up page.
    :param has_register_link_on_sign_in_page: show a sign-up link on the sign-in page.
    :param has_sign_in_with_sso_button: show the "sign in with SSO" button.
    :param use_gravatar_fallback: use Gravatar pictures for users without one.
    :param access_roles: ids of the roles whose users may sign in to the application when
        ``is_access_control_enabled`` is on (a set this resource owns; not for ``m2m``).
        They are added before access control is turned on, so one ``up`` can do both.
    :param access_token_lifetime: access token lifetime in seconds (write-only in Kinde).
    :param refresh_token_lifetime: refresh token lifetime in seconds (write-only in Kinde).
    :param id_token_lifetime: ID token lifetime in seconds (write-only in Kinde).
    :param authenticated_session_lifetime: session lifetime in seconds (write-only in Kinde).
    :param import_id: the id of an existing application to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApplicationProvider

    name: pulumi.Output[str]
    """The application's name."""
    type: pulumi.Output[str]
    """The application's type: ``reg``, ``spa``, ``m2m`` or ``device``."""
    org_code: pulumi.Output[str | None]
    """The organization of an M2M application, as declared (write-only)."""
    login_uri: pulumi.Output[str | None]
    """Where Kinde sends users to start sign-in."""
    homepage_uri: pulumi.Output[str | None]
    """The application's home page."""
    redirect_uris: pulumi.Output[list[str]]
    """The allowed callback URLs, sorted."""
    logout_uris: pulumi.Output[list[str]]
    """The allowed post-logout redirect URLs, sorted."""
    is_access_control_enabled: pulumi.Output[bool | None]
    """Whether only users with access may sign in."""
    is_allow_faceless_auth: pulumi.Output[bool | None]
    """Whether users may sign in without a name."""
    is_ask_for_name: pulumi.Output[bool | None]
    """Whether new users are asked for their name."""
    has_marketing_consent: pulumi.Output[bool | None]
    """Whether new users are asked for marketing consent."""
    has_sign_in_link_on_sign_up_page: pulumi.Output[bool | None]
    """Whether the sign-up page links to sign-in."""
    has_register_link_on_sign_in_page: pulumi.Output[bool | None]
    """Whether the sign-in page links to sign-up."""
    has_sign_in_with_sso_button: pulumi.Output[bool | None]
    """Whether the "sign in with SSO" button shows."""
    use_gravatar_fallback: pulumi.Output[bool | None]
    """Whether users without a picture get their Gravatar."""
    access_roles: pulumi.Output[list[str] | None]
    """Ids of the roles allowed to sign in while access control is on."""
    access_token_lifetime: pulumi.Output[int | None]
    """Access token lifetime in seconds, as last written."""
    refresh_token_lifetime: pulumi.Output[int | None]
    """Refresh token lifetime in seconds, as last written."""
    id_token_lifetime: pulumi.Output[int | None]
    """ID token lifetime in seconds, as last written."""
    authenticated_session_lifetime: pulumi.Output[int | None]
    """Session lifetime in seconds, as last written."""
    client_id: pulumi.Output[str]
    """The OAuth client id."""
    client_secret: pulumi.Output[str]
    """The OAuth client secret: a Pulumi secret."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        type: pulumi.Input[str],
        org_code: pulumi.Input[str] | None = None,
        login_uri: pulumi.Input[str] | None = None,
        homepage_uri: pulumi.Input[str] | None = None,
        redirect_uris: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        logout_uris: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        is_access_control_enabled: pulumi.Input[bool] | None = None,
        is_allow_faceless_auth: pulumi.Input[bool] | None = None,
        is_ask_for_name: pulumi.Input[bool] | None = None,
        has_marketing_consent: pulumi.Input[bool] | None = None,
        has_sign_in_link_on_sign_up_page: pulumi.Input[bool] | None = None,
        has_register_link_on_sign_in_page: pulumi.Input[bool] | None = None,
        has_sign_in_with_sso_button: pulumi.Input[bool] | None = None,
        use_gravatar_fallback: pulumi.Input[bool] | None = None,
        access_roles: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        access_token_lifetime: pulumi.Input[int] | None = None,
        refresh_token_lifetime: pulumi.Input[int] | None = None,
        id_token_lifetime: pulumi.Input[int] | None = None,
        authenticated_session_lifetime: pulumi.Input[int] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
