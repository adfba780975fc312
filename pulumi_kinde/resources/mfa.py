"""Multi-factor authentication: the environment's policy, and an organization's factors.

Kinde can only replace an MFA configuration (``PUT``), never read it back or remove it: every
argument is write-only, refresh keeps what was last written, and deleting the resource
leaves the configuration as it is, with a warning.
"""

from __future__ import annotations

from typing import Annotated, Literal

import pulumi

from ..client import KindeClient
from ._fields import Replace, Unordered, WriteOnly
from ._ids import ENVIRONMENT, OrganizationCode
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["EnvironmentMfa", "OrganizationMfa"]

Factor = Literal["mfa:email", "mfa:sms", "mfa:authenticator_app"]
Factors = Annotated[list[Factor], Unordered, WriteOnly]
RecoveryCodes = Annotated[bool, WriteOnly]


class EnvironmentMfaArgs(KindeArgs):
    policy: Annotated[Literal["required", "optional", "off"], WriteOnly]
    enabled_factors: Factors
    # PUT replaces the whole configuration: a value left out would reset to Kinde's default,
    # so the default is declared (and sent) instead.
    is_recovery_codes_enabled: RecoveryCodes = True


class EnvironmentMfaState(KindeArgs):
    policy: str | None = None
    enabled_factors: list[str] | None = None
    is_recovery_codes_enabled: bool | None = None


class OrganizationMfaArgs(KindeArgs):
    org_code: Annotated[OrganizationCode, Replace]
    enabled_factors: Factors
    is_recovery_codes_enabled: RecoveryCodes = True


class OrganizationMfaState(KindeArgs):
    org_code: str
    enabled_factors: list[str] | None = None
    is_recovery_codes_enabled: bool | None = None


def _body(args: EnvironmentMfaArgs | OrganizationMfaArgs) -> dict[str, object]:
    return args.model_dump(exclude={"import_id", "org_code"})


class EnvironmentMfaProvider(KindeProvider[EnvironmentMfaArgs, EnvironmentMfaState]):
    kind = "environment MFA"
    args_model = EnvironmentMfaArgs
    state_model = EnvironmentMfaState
    kept_on_delete = "Kinde has no way to remove the MFA configuration"
    unique = ((),)  # one per environment

    def create_object(
        self, api: KindeClient, args: EnvironmentMfaArgs, rollback: Rollback
    ) -> tuple[str, EnvironmentMfaState]:
        api.put("/api/v1/mfa", _body(args))
        return ENVIRONMENT, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> EnvironmentMfaState | None:
        return EnvironmentMfaState() if id_ == ENVIRONMENT else None

    def update_object(
        self, api: KindeClient, id_: str, change: Change[EnvironmentMfaArgs, EnvironmentMfaState]
    ) -> EnvironmentMfaState:
        api.put("/api/v1/mfa", _body(change.new))
        return change.merged()


class OrganizationMfaProvider(KindeProvider[OrganizationMfaArgs, OrganizationMfaState]):
    kind = "organization MFA"
    args_model = OrganizationMfaArgs
    state_model = OrganizationMfaState
    kept_on_delete = "Kinde has no way to remove an organization's MFA configuration"
    unique = (("org_code",),)

    def create_object(
        self, api: KindeClient, args: OrganizationMfaArgs, rollback: Rollback
    ) -> tuple[str, OrganizationMfaState]:
        api.put(f"/api/v1/organizations/{args.org_code}/mfa", _body(args))
        return args.org_code, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationMfaState | None:
        # The configuration cannot be read; the organization can (gone with it).
        api.get("/api/v1/organization", params={"code": id_})
        return OrganizationMfaState(org_code=id_)

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[OrganizationMfaArgs, OrganizationMfaState],
    ) -> OrganizationMfaState:
        api.put(f"/api/v1/organizations/{id_}/mfa", _body(change.new))
        return change.merged()


class EnvironmentMfa(KindeResource, module="kinde", name="EnvironmentMfa"):
    """The environment's multi-factor authentication policy and the factors users may use.

    A singleton: declare one per environment (per ``profile``). Each write replaces the whole
    configuration, so ``is_recovery_codes_enabled`` is always sent (default ``True``).

    Example::

        import pulumi_kinde as kinde

        kinde.EnvironmentMfa(
            "mfa",
            policy="optional",
            enabled_factors=["mfa:email", "mfa:authenticator_app"],
        )

    :id: ``environment``
    :find_id: The id is always ``environment``: the credentials reach one environment.
    :scopes: ``u:mfa``
    :limitation: Kinde can write the MFA configuration but never show it: every argument is
        write-only (refresh keeps what was last written, and a change made in the Kinde UI
        goes unseen), and adopting it (``import_id="environment"``) writes it once.
    :limitation: Kinde cannot remove the configuration: deleting the resource leaves it as it
        is, with a warning.
    :param resource_name: the Pulumi name of this resource.
    :param policy: ``"required"``, ``"optional"`` or ``"off"``.
    :param enabled_factors: the factors users may use: ``"mfa:email"``, ``"mfa:sms"``,
        ``"mfa:authenticator_app"`` (a set).
    :param is_recovery_codes_enabled: show recovery codes when a user sets up MFA.
    :param import_id: ``"environment"``, to adopt the configuration (it is written once).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = EnvironmentMfaProvider

    policy: pulumi.Output[str]
    """The MFA policy, as last written."""
    enabled_factors: pulumi.Output[list[str]]
    """The factors users may use, as last written (sorted)."""
    is_recovery_codes_enabled: pulumi.Output[bool]
    """Whether recovery codes are shown, as last written."""

    def __init__(
        self,
        resource_name: str,
        *,
        policy: pulumi.Input[str],
        enabled_factors: pulumi.Input[list[pulumi.Input[str]]],
        is_recovery_codes_enabled: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class OrganizationMfa(KindeResource, module="kinde", name="OrganizationMfa"):
    """An organization's MFA factors, overriding the environment's.

    Whether the organization requires MFA at all is ``Organization.is_enforce_mfa``. Each
    write replaces the whole configuration, so ``is_recovery_codes_enabled`` is always sent
    (default ``True``).

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme", is_enforce_mfa=True)
        kinde.OrganizationMfa("acme-mfa", org_code=acme.code, enabled_factors=["mfa:sms"])

    :id: the org code (``org_...``)
    :find_id: The organization's code (see ``Organization``).
    :scopes: ``u:organization_mfa, r:organizations``
    :limitation: Kinde can write an organization's MFA factors but never show them: they are
        write-only (refresh keeps what was last written and notices only the organization's
        deletion), and adopting them writes them once.
    :limitation: Kinde cannot remove them: deleting the resource leaves them as they are,
        with a warning.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code.
    :param enabled_factors: the factors its members may use: ``"mfa:email"``,
        ``"mfa:sms"``, ``"mfa:authenticator_app"`` (a set).
    :param is_recovery_codes_enabled: show recovery codes when a member sets up MFA.
    :param import_id: the org code, to adopt the configuration (it is written once).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationMfaProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    enabled_factors: pulumi.Output[list[str]]
    """The factors its members may use, as last written (sorted)."""
    is_recovery_codes_enabled: pulumi.Output[bool]
    """Whether recovery codes are shown, as last written."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        enabled_factors: pulumi.Input[list[pulumi.Input[str]]],
        is_recovery_codes_enabled: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
