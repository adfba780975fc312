"""Grants one API scope to a user in one organization (a member's API scope)."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Replace
from ._ids import OrganizationCode, UserId, join_id, split_id
from ._provider import KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["OrganizationUserApiScope", "OrganizationUserApiScopeArgs"]

_PARTS = ("organization_code", "user_id", "api_id", "scope_id")


class OrganizationUserApiScopeArgs(KindeArgs):
    organization_code: Annotated[OrganizationCode, Replace, Field(min_length=1)]
    user_id: Annotated[UserId, Replace, Field(min_length=1)]
    api_id: Annotated[str, Replace, Field(min_length=1)]
    scope_id: Annotated[str, Replace, Field(min_length=1)]


class OrganizationUserApiScopeProvider(
    KindeProvider[OrganizationUserApiScopeArgs, OrganizationUserApiScopeArgs]
):
    kind = "member API scope"
    args_model = OrganizationUserApiScopeArgs
    state_model = OrganizationUserApiScopeArgs
    unique = (_PARTS,)

    def _path(self, id_: str) -> str:
        code, user_id, api_id, scope_id = split_id(id_, self.kind, *_PARTS)
        member = f"/api/v1/organizations/{code}/users/{user_id}"
        return f"{member}/apis/{api_id}/scopes/{scope_id}"

    def create_object(
        self, api: KindeClient, args: OrganizationUserApiScopeArgs, rollback: Rollback
    ) -> tuple[str, OrganizationUserApiScopeArgs]:
        id_ = join_id(*(getattr(args, part) for part in _PARTS))
        api.post(self._path(id_))
        return id_, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationUserApiScopeArgs | None:
        # Kinde cannot list a member's API scopes: what refresh can see is whether the
        # membership and the scope still exist (a grant goes with either).
        code, user_id, api_id, scope_id = split_id(id_, self.kind, *_PARTS)
        api.get(f"/api/v1/organizations/{code}/users/{user_id}/roles")
        api.get(f"/api/v1/apis/{api_id}/scopes/{scope_id}")
        parts = (code, user_id, api_id, scope_id)
        return OrganizationUserApiScopeArgs.model_validate(dict(zip(_PARTS, parts, strict=True)))

    def verify_adoption(
        self, api: KindeClient, id_: str, args: OrganizationUserApiScopeArgs
    ) -> None:
        # Kinde cannot say whether the grant exists: adopting grants it (granting twice
        # changes nothing), so the adopted resource holds what it declares.
        api.post(self._path(id_))

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(self._path(id_))


class OrganizationUserApiScope(KindeResource, module="kinde", name="OrganizationUserApiScope"):
    """Grants one of an API's scopes to a user in one organization. Its id is
    ``organization_code/user_id/api_id/scope_id``.

    Kinde has no way to list the scopes granted to a member: refresh notices a grant gone
    only when the membership or the scope is gone, and adopting (``import_id``) grants the
    scope again, which changes nothing if it was granted.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        ada = kinde.User("ada", given_name="Ada", emails=["ada@acme.example"])
        member = kinde.OrganizationUser("ada-in-acme", organization_code=acme.code, user_id=ada.id)
        reports = kinde.Api("reports", name="Reports", audience="https://reports.example.com")
        read = kinde.ApiScope("reports-read", api_id=reports.id, key="reports:read")
        kinde.OrganizationUserApiScope(
            "ada-reports-read",
            organization_code=member.organization_code,  # waits for the membership
            user_id=member.user_id,
            api_id=reports.id,
            scope_id=read.scope_id,
        )

    :id: ``organization_code/user_id/api_id/scope_id``
    :find_id: Kinde does not show a member's API scopes. The parts are the org code
        (``Organization.code``), the user's id (``User.id``), the API's id (``Api.id``) and
        the scope's id (``ApiScope.scope_id``).
    :scopes: ``cd:organization_user_api_scopes, r:organization_user_roles, r:api_scopes``
    :limitation: Kinde cannot list a member's API scopes: refresh notices a grant gone only
        with its membership or its scope, and adopting grants the scope again.
    :param resource_name: the Pulumi name of this resource.
    :param organization_code: the organization (``Organization.code``).
    :param user_id: the member (``User.id``; an ``OrganizationUser`` of the organization).
    :param api_id: the API the scope belongs to (``Api.id``).
    :param scope_id: the scope (``ApiScope.scope_id``).
    :param import_id: ``organization_code/user_id/api_id/scope_id`` of a grant to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationUserApiScopeProvider

    organization_code: pulumi.Output[str]
    """The organization's code."""
    user_id: pulumi.Output[str]
    """The member's user id."""
    api_id: pulumi.Output[str]
    """The API's id."""
    scope_id: pulumi.Output[str]
    """The granted scope's id."""

    def __init__(
        self,
        resource_name: str,
        *,
        organization_code: pulumi.Input[str],
        user_id: pulumi.Input[str],
        api_id: pulumi.Input[str],
        scope_id: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
