"""A user's membership of an organization, with the roles and permissions it carries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from pydantic import Field, PrivateAttr

from ..client import KindeClient, NotFoundError
from ._fields import Replace, Unordered
from ._ids import OrganizationCode, PermissionId, RoleId, UserId, join_id, split_id
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._references import PERMISSIONS, ROLES, require_organization
from ._resource import KindeResource, declared

__all__ = ["OrganizationUser", "OrganizationUserArgs", "OrganizationUserProvider"]


class OrganizationUserArgs(KindeArgs):
    organization_code: Annotated[OrganizationCode, Replace, Field(min_length=1)]
    user_id: Annotated[UserId, Replace, Field(min_length=1)]
    roles: Annotated[list[RoleId] | None, Unordered] = None
    permissions: Annotated[list[PermissionId] | None, Unordered] = None


class OrganizationUserState(OrganizationUserArgs):
    _role_given: frozenset[str] = PrivateAttr(default=frozenset())
    """Permissions the member holds through a role: held directly too, or not (Kinde's list
    cannot tell; see ``reconcile``)."""


class OrganizationUserProvider(KindeProvider[OrganizationUserArgs, OrganizationUserState]):
    kind = "organization membership"
    unique = (("organization_code", "user_id"),)
    args_model = OrganizationUserArgs
    state_model = OrganizationUserState
    assigned = defaults(roles=[], permissions=[])

    def create_object(
        self, api: KindeClient, args: OrganizationUserArgs, rollback: Rollback
    ) -> tuple[str, OrganizationUserState]:
        # Read before the first write (fail early, not half-way): the organization, roles
        # and permissions exist; no request for ids this provider process made or read.
        code = args.organization_code
        require_organization(api, self.profile, code, "organization_code", "membership")
        ROLES.require(api, args.roles or (), "roles")
        PERMISSIONS.require(api, args.permissions or (), "permissions")
        members = f"/api/v1/organizations/{args.organization_code}/users"
        api.post(members, {"users": [{"id": args.user_id}]})
        rollback.add("membership", lambda: api.delete(f"{members}/{args.user_id}"))
        base = f"{members}/{args.user_id}"
        _apply(api, base, "roles", "role_id", add=args.roles or [], remove=[])
        _apply(api, base, "permissions", "permission_id", add=args.permissions or [], remove=[])
        # The one read a create needs: Kinde gives a new member the business's default roles
        # (spec: a role's is_default_role, "Set role as default for new users") besides the
        # declared ones, and only the member's roles can tell which (the emulator gives none).
        roles = _roles(api, base)
        return join_id(args.organization_code, args.user_id), self.state_from(args, roles=roles)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationUserState | None:
        code, user_id = split_id(id_, self.kind, "organization_code", "user_id")
        base = f"/api/v1/organizations/{code}/users/{user_id}"
        roles = _roles(api, base)
        # Kinde lists every permission the member holds, direct and role-given alike;
        # expand=roles says which roles give each. This resource owns the direct ones only.
        listed = api.get(f"{base}/permissions", params={"expand": "roles"})
        permissions = (listed or {}).get("permissions") or []
        state = OrganizationUserState(
            organization_code=code,
            user_id=user_id,
            roles=roles,
            permissions=sorted(p["id"] for p in permissions if not p.get("roles")),
        )
        state._role_given = frozenset(p["id"] for p in permissions if p.get("roles"))
        return state

    def reconcile(
        self, live: OrganizationUserState, known: Mapping[str, Any]
    ) -> OrganizationUserState:
        # A permission a role gives may be held directly as well: the list cannot say. Keep
        # it direct where we know it was (our last state, or the declaration adopted).
        kept = live._role_given & set(known.get("permissions") or ())
        if not kept:
            return live
        merged = live.model_copy(update={"permissions": sorted({*(live.permissions or ()), *kept})})
        merged._role_given = live._role_given
        return merged

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[OrganizationUserArgs, OrganizationUserState],
    ) -> OrganizationUserState:
        code, user_id = split_id(id_, self.kind, "organization_code", "user_id")
        base = f"/api/v1/organizations/{code}/users/{user_id}"
        fields = (("roles", "role_id", ROLES), ("permissions", "permission_id", PERMISSIONS))
        changes = {
            field: (set(getattr(change.old, field) or ()), set(getattr(change.new, field) or ()))
            for field, _, _ in fields
            if field in change
        }
        for field, _, catalog in fields:  # every reference checked before the first write
            if field in changes:
                catalog.require(api, changes[field][1] - changes[field][0], field)
        for field, body_key, _ in fields:
            if field in changes:
                old, new = changes[field]
                _apply(api, base, field, body_key, add=new - old, remove=old - new)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        code, user_id = split_id(id_, self.kind, "organization_code", "user_id")
        api.delete(f"/api/v1/organizations/{code}/users/{user_id}")


def _roles(api: KindeClient, base: str) -> list[str]:
    """The ids of the roles the member at ``base`` holds, sorted."""
    return sorted(str(r["id"]) for r in api.collect(f"{base}/roles", "roles"))


def _apply(
    api: KindeClient,
    base: str,
    field: str,
    body_key: str,
    *,
    add: set[str] | list[str],
    remove: set[str] | list[str],
) -> None:
    """Add and remove exactly the given roles or permissions of a membership."""
    for item in sorted(add):
        api.post(f"{base}/{field}", {body_key: item})
    for item in sorted(remove):
        try:
            api.delete(f"{base}/{field}/{item}")
        except NotFoundError:
            continue  # not held: an earlier, interrupted run removed it already


class OrganizationUser(KindeResource, module="kinde", name="OrganizationUser"):
    """A user's membership of an organization, with its roles and direct permissions.

    It owns the membership's whole set of roles and of direct permissions (permissions a role
    brings are not listed here); runs add and remove exactly the difference.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
        admin = kinde.Role("admin", key="admin", name="Administrator")
        kinde.OrganizationUser(
            "ada-acme",
            organization_code=acme.code,
            user_id=ada.id,
            roles=[admin.id],
        )

    :id: ``organization_code/user_id``
    :find_id: In Kinde: *Organizations*, select the organization: its members. The two parts
        are the org code (see ``Organization``) and the user's id (see ``User``).
    :scopes: ``crud:organization_users, crd:organization_user_roles,
        crd:organization_user_permissions, r:organizations, r:roles, r:permissions``
    :limitation: Kinde lists a member's permissions with those its roles bring: ``permissions``
        holds only the direct ones.
    :limitation: A declared ``roles`` or ``permissions`` is the membership's whole set: ones
        added in the Kinde UI are removed by the next ``up``.
    :param resource_name: the Pulumi name of this resource.
    :param organization_code: the organization (``Organization.code``).
    :param user_id: the user (``User.id``).
    :param roles: ids of the roles the user has in the organization (a set).
    :param permissions: ids of permissions given directly, beyond the roles' (a set).
    :param import_id: ``organization_code/user_id`` of an existing membership to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationUserProvider

    organization_code: pulumi.Output[str]
    """The organization's code."""
    user_id: pulumi.Output[str]
    """The user's id."""
    roles: pulumi.Output[list[str] | None]
    """Ids of the user's roles in the organization, sorted."""
    permissions: pulumi.Output[list[str] | None]
    """Ids of the permissions given directly (not through a role), sorted."""

    def __init__(
        self,
        resource_name: str,
        *,
        organization_code: pulumi.Input[str],
        user_id: pulumi.Input[str],
        roles: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        permissions: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
