"""An organization's session settings, overriding the environment's."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient
from ._fields import Replace, WriteOnly, validating_inputs
from ._ids import OrganizationCode
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["OrganizationSessions"]

_PATH = "/api/v1/organizations/{}/sessions"
# Each setting, and the switch that makes Kinde use it instead of the environment's.
_SWITCHES = {
    "sso_session_persistence_mode": "is_use_org_sso_session_policy",
    "authenticated_session_lifetime": "is_use_org_authenticated_session_lifetime",
}


class OrganizationSessionsArgs(KindeArgs):
    org_code: Annotated[OrganizationCode, Replace]
    sso_session_persistence_mode: Annotated[
        Literal["persistent", "non_persistent"] | None, WriteOnly
    ] = None
    authenticated_session_lifetime: Annotated[
        int | None, WriteOnly, Field(ge=1, validate_default=True)
    ] = None

    @field_validator("authenticated_session_lifetime")
    @classmethod
    def _overrides_something(cls, lifetime: int | None, info: ValidationInfo) -> int | None:
        # The mode is in info.data only when valid and known (a preview may not know it).
        no_mode = info.data.get("sso_session_persistence_mode", "invalid") is None
        if validating_inputs(info.context) and lifetime is None and no_mode:
            raise ValueError(
                "must be given (in seconds), or sso_session_persistence_mode: an "
                "organization's session settings override at least one of the environment's"
            )
        return lifetime


def _write(api: KindeClient, org_code: str, args: OrganizationSessionsArgs, names: Any) -> None:
    values = args.model_dump(include=set(names) & set(_SWITCHES), exclude_none=True)
    body = {**values, **{_SWITCHES[name]: True for name in values}}
    if body:
        api.patch(_PATH.format(org_code), body)


class OrganizationSessionsProvider(
    KindeProvider[OrganizationSessionsArgs, OrganizationSessionsArgs]
):
    kind = "organization sessions"
    args_model = OrganizationSessionsArgs
    state_model = OrganizationSessionsArgs
    unique = (("org_code",),)

    def create_object(
        self, api: KindeClient, args: OrganizationSessionsArgs, rollback: Rollback
    ) -> tuple[str, OrganizationSessionsArgs]:
        _write(api, args.org_code, args, _SWITCHES)
        return args.org_code, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationSessionsArgs | None:
        # The settings cannot be read; the organization can (gone with it).
        api.get("/api/v1/organization", params={"code": id_})
        return OrganizationSessionsArgs(org_code=id_)

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[OrganizationSessionsArgs, OrganizationSessionsArgs],
    ) -> OrganizationSessionsArgs:
        _write(api, id_, change.new, change.changed)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.patch(_PATH.format(id_), dict.fromkeys(_SWITCHES.values(), False))


class OrganizationSessions(KindeResource, module="kinde", name="OrganizationSessions"):
    """An organization's session settings, overriding the environment's.

    Declare at least one setting; a setting left out follows the environment. Deleting the
    resource switches both overrides off: the organization follows the environment again.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        kinde.OrganizationSessions(
            "acme-sessions",
            org_code=acme.code,
            sso_session_persistence_mode="non_persistent",
            authenticated_session_lifetime=8 * 3600,
        )

    :id: the org code (``org_...``)
    :find_id: The organization's code (see ``Organization``).
    :scopes: ``ru:organizations``
    :limitation: Kinde can write an organization's session settings but never show them:
        they are write-only (refresh keeps what was last written and notices only the
        organization's deletion), and adopting them (``import_id``) writes the declared
        ones once.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code.
    :param sso_session_persistence_mode: ``"persistent"`` (the SSO session survives closing
        the browser) or ``"non_persistent"``.
    :param authenticated_session_lifetime: how long a signed-in session lasts, in seconds.
    :param import_id: the org code, to adopt its settings (the declared ones are written).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationSessionsProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    sso_session_persistence_mode: pulumi.Output[str | None]
    """The SSO session mode, as last written."""
    authenticated_session_lifetime: pulumi.Output[int | None]
    """The session lifetime in seconds, as last written."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        sso_session_persistence_mode: pulumi.Input[str] | None = None,
        authenticated_session_lifetime: pulumi.Input[int] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
