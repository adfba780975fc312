"""Kinde organizations: the tenants of a B2B business. Their id is Kinde's org code."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Computed, Unordered, WriteOnly
from ._listing import find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._references import ORGANIZATION, remember
from ._resource import KindeResource, declared

__all__ = ["Organization", "OrganizationArgs", "OrganizationProvider"]

Color = Annotated[str, Field(pattern=r"^#?(?:[0-9a-fA-F]{3}){1,2}$")]

_COLORS = (
    "background_color",
    "button_color",
    "button_text_color",
    "link_color",
    "background_color_dark",
    "button_color_dark",
    "button_text_color_dark",
    "link_color_dark",
)
# Accepted by POST /organization; the rest needs a PATCH after creation.
_CREATE_FIELDS = {
    "name",
    "external_id",
    "handle",
    "theme_code",
    "is_allow_registrations",
    "is_auto_membership_enabled",
    "sender_name",
    "sender_email",
    *_COLORS,
}
_READABLE = (
    "name",
    "external_id",
    "handle",
    "theme_code",
    "is_allow_registrations",
    "is_auto_membership_enabled",
    "sender_name",
    "sender_email",
)


class OrganizationArgs(KindeArgs):
    name: Annotated[str, Field(min_length=1, max_length=128)]
    external_id: str | None = None
    handle: Annotated[str | None, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")] = None
    background_color: Color | None = None
    button_color: Color | None = None
    button_text_color: Color | None = None
    link_color: Color | None = None
    background_color_dark: Color | None = None
    button_color_dark: Color | None = None
    button_text_color_dark: Color | None = None
    link_color_dark: Color | None = None
    theme_code: Literal["light", "dark", "user_preference"] | None = None
    is_allow_registrations: bool | None = None
    is_auto_membership_enabled: bool | None = None
    allowed_domains: Annotated[list[str] | None, Unordered] = None
    is_auto_join_domain_list: Annotated[bool | None, WriteOnly] = None
    is_enforce_mfa: Annotated[bool | None, WriteOnly] = None
    sender_name: str | None = None
    sender_email: Annotated[str | None, Field(pattern=r"^[^@\s]+@[^@\s]+$")] = None


class OrganizationState(OrganizationArgs):
    code: Annotated[str | None, Computed] = None
    is_default: Annotated[bool | None, Computed] = None


class OrganizationProvider(KindeProvider[OrganizationArgs, OrganizationState]):
    kind = "organization"
    unique = (("handle",), ("external_id",))
    unique_ignoring_case = frozenset({"handle"})  # emulator routes/organizations.py
    args_model = OrganizationArgs
    state_model = OrganizationState
    # A new organization (emulator records.Organization; spec: theme_code light | dark |
    # user_preference): light theme, no automatic membership, no allowed domain, not the
    # business's default organization.
    assigned = defaults(
        theme_code="light", is_auto_membership_enabled=False, allowed_domains=[], is_default=False
    )

    def create_object(
        self, api: KindeClient, args: OrganizationArgs, rollback: Rollback
    ) -> tuple[str, OrganizationState]:
        values = args.model_dump(exclude={"import_id"}, exclude_none=True)
        first = {k: v for k, v in values.items() if k in _CREATE_FIELDS}
        body = api.post(
            "/api/v1/organization", first, operation=f"create organization {args.name!r}"
        )
        code = str(body["organization"]["code"])
        remember(api, ORGANIZATION, code)  # members of it need no lookup (see _references)
        rollback.add(f"organization {code}", lambda: api.delete(f"/api/v1/organization/{code}"))
        rest = {k: v for k, v in values.items() if k not in _CREATE_FIELDS}
        if rest:
            api.patch(f"/api/v1/organization/{code}", rest)
        return code, self.state_from(args, code=code)

    def find_created(self, api: KindeClient, args: OrganizationArgs) -> str | None:
        # Only a handle or an external id identifies an organization; names repeat.
        unique = {
            k: v for k, v in (("handle", args.handle), ("external_id", args.external_id)) if v
        }
        if not unique:
            return None
        return find_one(api, "/api/v1/organizations", "organizations", unique, id_key="code")

    def read_object(self, api: KindeClient, id_: str) -> OrganizationState | None:
        org = api.get("/api/v1/organization", params={"code": id_})
        values: dict[str, Any] = {k: org.get(k) for k in _READABLE if org.get(k) is not None}
        for name in _COLORS:
            color = org.get(name)
            if isinstance(color, dict) and color.get("raw"):
                values[name] = color["raw"]
        return OrganizationState(
            **values,
            allowed_domains=sorted(org.get("allowed_domains") or []),
            code=org.get("code"),
            is_default=org.get("is_default"),
        )

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[OrganizationArgs, OrganizationState],
    ) -> OrganizationState:
        values = change.new.model_dump(include=set(change.changed), exclude_none=True)
        api.patch(f"/api/v1/organization/{id_}", values)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/organization/{id_}")


class Organization(KindeResource, module="kinde", name="Organization"):
    """A Kinde organization: a tenant of a B2B business.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme", handle="acme", button_color="#0a7cff")
        pulumi.export("acme_code", acme.code)

    :id: the org code (``org_...``)
    :find_id: In Kinde: *Organizations*, select the organization: its details show the code.
        ``kinde.get_organization(handle="acme").id`` finds it too.
    :scopes: ``crud:organizations``
    :limitation: Kinde never returns ``is_auto_join_domain_list`` and ``is_enforce_mfa``:
        they are write-only.
    :limitation: Kinde returns each colour as ``{raw, hex, hsl}``: a colour compares by its raw
        value, as declared.
    :param resource_name: the Pulumi name of this resource.
    :param name: the organization's name.
    :param external_id: your own id for it.
    :param handle: a unique, URL-friendly handle (letters, digits, ``-`` and ``_``).
    :param background_color: the sign-in page's background colour, ``#rrggbb`` or ``#rgb``.
    :param button_color: the sign-in page's button colour.
    :param button_text_color: the sign-in page's button text colour.
    :param link_color: the sign-in page's link colour.
    :param background_color_dark: ``background_color`` in dark mode.
    :param button_color_dark: ``button_color`` in dark mode.
    :param button_text_color_dark: ``button_text_color`` in dark mode.
    :param link_color_dark: ``link_color`` in dark mode.
    :param theme_code: ``"light"``, ``"dark"`` or ``"user_preference"``.
    :param is_allow_registrations: let new users sign up into this organization.
    :param is_auto_membership_enabled: add new users of the business to it automatically.
    :param allowed_domains: e-mail domains whose users may join (a set).
    :param is_auto_join_domain_list: let users of ``allowed_domains`` join automatically
        (write-only in Kinde).
    :param is_enforce_mfa: require multi-factor authentication (write-only in Kinde).
    :param sender_name: the name e-mails to its users come from.
    :param sender_email: the address e-mails to its users come from.
    :param import_id: the code of an existing organization to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationProvider

    name: pulumi.Output[str]
    """The organization's name."""
    code: pulumi.Output[str]
    """Kinde's organization code (also the resource id)."""
    is_default: pulumi.Output[bool]
    """Whether this is the business's default organization."""
    external_id: pulumi.Output[str | None]
    """Your own id for it."""
    handle: pulumi.Output[str | None]
    """Its unique, URL-friendly handle."""
    background_color: pulumi.Output[str | None]
    """The sign-in page's background colour, as declared."""
    button_color: pulumi.Output[str | None]
    """The sign-in page's button colour."""
    button_text_color: pulumi.Output[str | None]
    """The sign-in page's button text colour."""
    link_color: pulumi.Output[str | None]
    """The sign-in page's link colour."""
    background_color_dark: pulumi.Output[str | None]
    """The background colour in dark mode."""
    button_color_dark: pulumi.Output[str | None]
    """The button colour in dark mode."""
    button_text_color_dark: pulumi.Output[str | None]
    """The button text colour in dark mode."""
    link_color_dark: pulumi.Output[str | None]
    """The link colour in dark mode."""
    theme_code: pulumi.Output[str | None]
    """The sign-in page theme: ``light``, ``dark`` or ``user_preference``."""
    is_allow_registrations: pulumi.Output[bool | None]
    """Whether new users may sign up into it."""
    is_auto_membership_enabled: pulumi.Output[bool | None]
    """Whether new users of the business join it."""
    allowed_domains: pulumi.Output[list[str] | None]
    """E-mail domains whose users may join, sorted."""
    is_auto_join_domain_list: pulumi.Output[bool | None]
    """Whether users of ``allowed_domains`` join automatically, as last written (write-only)."""
    is_enforce_mfa: pulumi.Output[bool | None]
    """Whether MFA is required, as last written (write-only)."""
    sender_name: pulumi.Output[str | None]
    """The name e-mails to its users come from."""
    sender_email: pulumi.Output[str | None]
    """The address e-mails to its users come from."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        external_id: pulumi.Input[str] | None = None,
        handle: pulumi.Input[str] | None = None,
        background_color: pulumi.Input[str] | None = None,
        button_color: pulumi.Input[str] | None = None,
        button_text_color: pulumi.Input[str] | None = None,
        link_color: pulumi.Input[str] | None = None,
        background_color_dark: pulumi.Input[str] | None = None,
        button_color_dark: pulumi.Input[str] | None = None,
        button_text_color_dark: pulumi.Input[str] | None = None,
        link_color_dark: pulumi.Input[str] | None = None,
        theme_code: pulumi.Input[str] | None = None,
        is_allow_registrations: pulumi.Input[bool] | None = None,
        is_auto_membership_enabled: pulumi.Input[bool] | None = None,
        allowed_domains: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        is_auto_join_domain_list: pulumi.Input[bool] | None = None,
        is_enforce_mfa: pulumi.Input[bool] | None = None,
        sender_name: pulumi.Input[str] | None = None,
        sender_email: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
