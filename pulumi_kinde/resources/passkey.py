"""Passkey policy: the environment's, and an organization's override of it."""

from __future__ import annotations

from typing import Annotated, Literal

import pulumi

from ..client import KindeClient
from ._fields import Replace
from ._ids import ENVIRONMENT, OrganizationCode
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["EnvironmentPasskey", "OrganizationPasskey"]

Policy = Literal["off", "optional", "mandatory"]


class EnvironmentPasskeyArgs(KindeArgs):
    policy: Policy


class OrganizationPasskeyArgs(KindeArgs):
    org_code: Annotated[OrganizationCode, Replace]
    policy: Policy


class EnvironmentPasskeyProvider(KindeProvider[EnvironmentPasskeyArgs, EnvironmentPasskeyArgs]):
    kind = "environment passkey policy"
    args_model = EnvironmentPasskeyArgs
    state_model = EnvironmentPasskeyArgs
    kept_on_delete = "the environment always has a passkey policy (set policy 'off' to disable)"
    unique = ((),)  # one per environment

    def create_object(
        self, api: KindeClient, args: EnvironmentPasskeyArgs, rollback: Rollback
    ) -> tuple[str, EnvironmentPasskeyArgs]:
        # The policy always exists: adopt it, writing only when it differs (the one read a
        # create needs: whether it differs is not known without it).
        if _environment_policy(api) != args.policy:
            api.put("/api/v1/passkey", {"policy": args.policy})
        return ENVIRONMENT, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> EnvironmentPasskeyArgs | None:
        if id_ != ENVIRONMENT:
            return None
        return EnvironmentPasskeyArgs(policy=_environment_policy(api))

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[EnvironmentPasskeyArgs, EnvironmentPasskeyArgs],
    ) -> EnvironmentPasskeyArgs:
        api.put("/api/v1/passkey", {"policy": change.new.policy})
        return change.merged()


def _environment_policy(api: KindeClient) -> Policy:
    policy: Policy = api.get("/api/v1/passkey")["policy"]
    return policy


class OrganizationPasskeyProvider(KindeProvider[OrganizationPasskeyArgs, OrganizationPasskeyArgs]):
    kind = "organization passkey policy"
    args_model = OrganizationPasskeyArgs
    state_model = OrganizationPasskeyArgs
    unique = (("org_code",),)

    def create_object(
        self, api: KindeClient, args: OrganizationPasskeyArgs, rollback: Rollback
    ) -> tuple[str, OrganizationPasskeyArgs]:
        _override(api, args.org_code, args.policy)
        return args.org_code, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationPasskeyArgs | None:
        found = api.get(f"/api/v1/organizations/{id_}/passkey")
        if not found.get("is_override_environment_passkey_settings"):
            return None  # the organization follows the environment: no override to manage
        return OrganizationPasskeyArgs(org_code=id_, policy=found["policy"])

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[OrganizationPasskeyArgs, OrganizationPasskeyArgs],
    ) -> OrganizationPasskeyArgs:
        _override(api, id_, change.new.policy)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        body = {"is_override_environment_passkey_settings": False}
        api.put(f"/api/v1/organizations/{id_}/passkey", body)


def _override(api: KindeClient, org_code: str, policy: str) -> None:
    body = {"policy": policy, "is_override_environment_passkey_settings": True}
    api.put(f"/api/v1/organizations/{org_code}/passkey", body)


class EnvironmentPasskey(KindeResource, module="kinde", name="EnvironmentPasskey"):
    """The environment's passkey policy.

    A singleton: declare one per environment (per ``profile``). There is nothing to create:
    creating this resource adopts the policy, writing it only when it differs (no write at
    all when it matches). Policies other than ``"off"`` need the passkeys feature of Kinde's
    plan.

    Example::

        import pulumi_kinde as kinde

        kinde.EnvironmentPasskey("passkeys", policy="optional")

    :id: ``environment``
    :find_id: The id is always ``environment``: the credentials reach one environment.
    :scopes: ``ru:passkey``
    :limitation: The environment always has a passkey policy: deleting the resource leaves it
        as it is, with a warning (declare ``policy="off"`` to turn passkeys off).
    :param resource_name: the Pulumi name of this resource.
    :param policy: ``"off"``; ``"optional"`` (users may skip setting up a passkey after
        signing in with a password); ``"mandatory"`` (users must set one up after their first
        password sign-in).
    :param import_id: ``"environment"`` (optional: creating adopts the policy anyway).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = EnvironmentPasskeyProvider

    policy: pulumi.Output[str]
    """The environment's passkey policy."""

    def __init__(
        self,
        resource_name: str,
        *,
        policy: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class OrganizationPasskey(KindeResource, module="kinde", name="OrganizationPasskey"):
    """An organization's own passkey policy, overriding the environment's.

    Deleting the resource removes the override: the organization follows the environment's
    policy again.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        kinde.OrganizationPasskey("acme-passkeys", org_code=acme.code, policy="mandatory")

    :id: the org code (``org_...``)
    :find_id: The organization's code (see ``Organization``).
    :scopes: ``ru:organization_passkey``
    :limitation: An organization without an override has nothing to adopt: ``import_id``
        then fails, and refresh drops a resource whose override was removed in the Kinde UI.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code.
    :param policy: ``"off"``, ``"optional"`` or ``"mandatory"`` (see ``EnvironmentPasskey``).
    :param import_id: the org code of an organization whose override to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationPasskeyProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    policy: pulumi.Output[str]
    """The organization's passkey policy."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        policy: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
