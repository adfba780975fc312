"""SCIM directories: users and groups provisioned into an organization by its identity
provider (Okta, Microsoft Entra ID, ...)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pydantic import Field

from ..client import KindeClient, KindeError, NotFoundError
from ._fields import Computed, Replace, Secret, WriteOnly
from ._ids import OrganizationCode
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["ScimDirectory"]

_PATH = "/api/v1/directories"
_ENTERPRISE_OAUTH2 = ("oauth2:azure_ad",)
"""The one OAuth2 strategy of an enterprise connection (Microsoft Entra ID); every other
``oauth2:`` strategy is a social connection, which a SCIM directory cannot use."""
Provider = Literal[
    "entra_id_azure_ad",
    "okta",
    "google_workspace",
    "custom_scim_v2",
    "cyberark",
    "jumpcloud",
    "onelogin",
    "pingfederate",
    "rippling",
]


class ScimDirectoryArgs(KindeArgs):
    org_code: Annotated[OrganizationCode, Replace]
    directory_name: Annotated[str, Field(min_length=1, max_length=255)]
    provider_code: Annotated[Provider, Replace, WriteOnly]
    enterprise_connection_id: Annotated[str | None, Replace] = None


class ScimDirectoryState(KindeArgs):
    org_code: str
    directory_name: str
    provider_code: str | None = None
    enterprise_connection_id: str | None = None
    directory_endpoint_id: Annotated[str | None, Computed] = None
    secret_token: Annotated[str | None, Secret, Computed] = None
    status: Annotated[str | None, Computed] = None


def _state(api: KindeClient, found: dict[str, Any]) -> ScimDirectoryState:
    token = found.get("secret_token")
    if token:
        api.add_secret(str(token))  # never in a log line or an error message
    return ScimDirectoryState(
        org_code=found["organization_code"],
        directory_name=found["directory_name"],
        # Not enterprise_connection_name: it follows the connection's display name, so a
        # rename of the connection would show as drift here.
        enterprise_connection_id=found.get("enterprise_connection_id"),
        directory_endpoint_id=found.get("directory_endpoint_id"),
        secret_token=token,
        status=found.get("status"),
    )


class ScimDirectoryProvider(KindeProvider[ScimDirectoryArgs, ScimDirectoryState]):
    kind = "SCIM directory"
    args_model = ScimDirectoryArgs
    state_model = ScimDirectoryState
    delete_before_replace = True  # Kinde allows one directory per organization
    # Live spec example: a second directory of an organization is 409 DIRECTORY_EXISTS.
    unique = (("org_code",),)

    def create_object(
        self, api: KindeClient, args: ScimDirectoryArgs, rollback: Rollback
    ) -> tuple[str, ScimDirectoryState]:
        if args.enterprise_connection_id:
            _require_enterprise(api, args.enterprise_connection_id)
        body = args.model_dump(exclude={"import_id"}, exclude_none=True)
        made = api.post(_PATH, body, operation=f"create SCIM directory {args.directory_name!r}")
        found = made["directory"]
        state = _state(api, found).model_copy(update={"provider_code": args.provider_code})
        return str(found["id"]), state

    def find_created(self, api: KindeClient, args: ScimDirectoryArgs) -> str | None:
        # Live spec example: a second directory of an organization is 409 DIRECTORY_EXISTS.
        listed = api.get(_PATH, params={"organization_code": args.org_code})
        found = [d for d in listed.get("directories") or [] if d.get("id")]
        return str(found[0]["id"]) if len(found) == 1 else None

    def read_object(self, api: KindeClient, id_: str) -> ScimDirectoryState | None:
        return _state(api, api.get(f"{_PATH}/{id_}")["directory"])

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[ScimDirectoryArgs, ScimDirectoryState],
    ) -> ScimDirectoryState:
        api.patch(f"{_PATH}/{id_}", {"directory_name": change.new.directory_name})
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_PATH}/{id_}")


def _require_enterprise(api: KindeClient, connection_id: str) -> None:
    """Read before the first write (fail early, with the fix): a directory provisions users
    through an enterprise connection (SAML or WS-Federation; emulator routes/directories.py,
    after the spec's examples: INVALID_ENTERPRISE_CONNECTION otherwise)."""
    try:
        found = api.get(f"/api/v1/connections/{connection_id}")["connection"]
    except NotFoundError:
        raise KindeError(
            f"enterprise_connection_id: Kinde knows no connection {connection_id!r}: use "
            "Connection.id of the organization's SAML or Entra ID connection"
        ) from None
    strategy = str(found.get("strategy") or "")
    if not strategy.startswith("oauth2:") or strategy in _ENTERPRISE_OAUTH2:
        return  # SAML, WS-Federation, or a strategy this version does not know
    named = found.get("display_name") or found.get("name")
    raise KindeError(
        f"enterprise_connection_id: connection {connection_id!r} ({named!r}, strategy "
        f"{strategy!r}) is a social connection, and a SCIM directory provisions users only "
        "through an enterprise connection: give the id of the organization's SAML or "
        "Microsoft Entra ID connection (a Connection with strategy 'saml:...' or "
        "'wsfed:azure_ad'), or leave enterprise_connection_id out when it has one"
    )


class ScimDirectory(KindeResource, module="kinde", name="ScimDirectory"):
    """A SCIM directory: the endpoint an organization's identity provider (Okta, Microsoft
    Entra ID, ...) provisions its users and groups through.

    Kinde needs an enterprise connection (SAML or Entra ID) enabled for the organization
    first, and ``enterprise_connection_id`` to say which one when there are several. Give the
    identity provider ``directory_endpoint_id`` and ``secret_token`` (a Pulumi secret). Only
    the name changes in place; another provider, organization or connection replaces the
    directory (the old one is deleted first).

    Example::

        import pulumi
        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        okta = kinde.Connection(
            "acme-okta",
            name="acme-okta",
            display_name="Acme Okta",
            strategy="saml:okta",
            organization_code=acme.code,
        )
        directory = kinde.ScimDirectory(
            "acme-scim",
            org_code=acme.code,
            directory_name="Acme Okta",
            provider_code="okta",
            enterprise_connection_id=okta.id,
        )
        pulumi.export("scim_token", directory.secret_token)

    :id: the directory's id (``directory_...``)
    :find_id: In Kinde: *Organizations*, select the organization, then its SCIM settings;
        ``GET /api/v1/directories?organization_code=...`` gives the id.
    :scopes: ``crud:scim_directories, r:connections``
    :limitation: One directory per organization: a second one is refused (``DIRECTORY_EXISTS``),
        so two resources for one organization fail at preview, and a replacement deletes the
        old directory first.
    :limitation: Kinde does not return ``provider_code``: it is write-only.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization the directory provisions users into.
    :param directory_name: a name for the directory.
    :param provider_code: the identity provider: ``"entra_id_azure_ad"``, ``"okta"``,
        ``"google_workspace"``, ``"custom_scim_v2"``, ``"cyberark"``, ``"jumpcloud"``,
        ``"onelogin"``, ``"pingfederate"`` or ``"rippling"``.
    :param enterprise_connection_id: the organization's enterprise connection that
        provisioned users sign in with (required when it has several).
    :param import_id: the id of an existing directory to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ScimDirectoryProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    directory_name: pulumi.Output[str]
    """The directory's name."""
    provider_code: pulumi.Output[str]
    """The identity provider, as declared (write-only)."""
    enterprise_connection_id: pulumi.Output[str]
    """The enterprise connection provisioned users sign in with."""
    directory_endpoint_id: pulumi.Output[str]
    """The SCIM endpoint id to give the identity provider."""
    secret_token: pulumi.Output[str]
    """The SCIM bearer token to give the identity provider: a Pulumi secret."""
    status: pulumi.Output[str]
    """``Pending``, ``Validating``, ``Active``, ``Inactive`` or ``Error``."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        directory_name: pulumi.Input[str],
        provider_code: pulumi.Input[str],
        enterprise_connection_id: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
