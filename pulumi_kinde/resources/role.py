"""Kinde roles: a named set of permissions given to users in organizations."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient, NotFoundError
from ..client._pagination import batches
from ._fields import Unordered
from ._ids import PermissionId, ScopeId
from ._listing import find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._references import PERMISSIONS, remember
from ._resource import KindeResource, declared

__all__ = ["Role", "RoleArgs", "RoleProvider"]


class RoleArgs(KindeArgs):
    key: Annotated[str, Field(min_length=1, max_length=128, pattern=r"^\S+$")]
    name: Annotated[str, Field(min_length=1, max_length=128)]
    description: str | None = None
    is_default_role: bool | None = None
    permissions: Annotated[list[PermissionId] | None, Unordered] = None
    scopes: Annotated[list[ScopeId] | None, Unordered] = None


class RoleState(RoleArgs):
    pass


class RoleProvider(KindeProvider[RoleArgs, RoleState]):
    kind = "role"
    unique = (("key",),)
    args_model = RoleArgs
    state_model = RoleState
    # A new role (emulator records.Role; spec: is_default_role "Set role as default for new
    # users", off unless sent) holds no permission and no API scope.
    assigned = defaults(is_default_role=False, permissions=[], scopes=[])

    def create_object(
        self, api: KindeClient, args: RoleArgs, rollback: Rollback
    ) -> tuple[str, RoleState]:
        if args.permissions:
            # Read before the first write (fail early, not half-way): the permissions
            # exist; no request for ids this provider process made or read already.
            PERMISSIONS.require(api, args.permissions, "permissions")
        body = api.post("/api/v1/roles", _role_body(args), operation=f"create role {args.key!r}")
        role_id = str(body["role"]["id"])
        remember(api, "role", role_id)
        rollback.add(f"role {role_id}", lambda: api.delete(f"/api/v1/roles/{role_id}"))
        if args.permissions:
            _change_permissions(api, role_id, add=args.permissions, remove=[])
        _change_scopes(api, role_id, add=args.scopes or [], remove=[])
        return role_id, self.state_from(args)

    def find_created(self, api: KindeClient, args: RoleArgs) -> str | None:
        return find_one(api, "/api/v1/roles", "roles", {"key": args.key})

    def read_object(self, api: KindeClient, id_: str) -> RoleState | None:
        role = api.get(f"/api/v1/roles/{id_}")["role"]
        permissions = api.collect(f"/api/v1/roles/{id_}/permissions", "permissions")
        remember(api, "role", id_)
        remember(api, "permission", *(str(p["id"]) for p in permissions))
        scopes = api.get(f"/api/v1/roles/{id_}/scopes").get("scopes") or []
        return RoleState(
            key=role["key"],
            name=role["name"],
            description=role.get("description"),
            is_default_role=role.get("is_default_role"),
            permissions=sorted(p["id"] for p in permissions),
            scopes=sorted(s["id"] for s in scopes),
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[RoleArgs, RoleState]
    ) -> RoleState:
        if "permissions" in change:
            added = set(change.new.permissions or ()) - set(change.old.permissions or ())
            PERMISSIONS.require(api, added, "permissions")
        if change.any("key", "name", "description", "is_default_role"):
            api.patch(f"/api/v1/roles/{id_}", _role_body(change.new))
        if "permissions" in change:
            old, new = set(change.old.permissions or ()), set(change.new.permissions or ())
            _change_permissions(api, id_, add=sorted(new - old), remove=sorted(old - new))
        if "scopes" in change:
            old, new = set(change.old.scopes or ()), set(change.new.scopes or ())
            _change_scopes(api, id_, add=sorted(new - old), remove=sorted(old - new))
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/roles/{id_}")


def _role_body(args: RoleArgs) -> dict[str, object]:
    return args.model_dump(
        include={"key", "name", "description", "is_default_role"}, exclude_none=True
    )


def _change_permissions(
    api: KindeClient, role_id: str, *, add: list[str], remove: list[str]
) -> None:
    operations = [{"id": p} for p in add] + [{"id": p, "operation": "delete"} for p in remove]
    for batch in batches(operations):  # a bulk PATCH takes at most 100 objects
        api.patch(f"/api/v1/roles/{role_id}/permissions", {"permissions": list(batch)})


def _change_scopes(api: KindeClient, role_id: str, *, add: list[str], remove: list[str]) -> None:
    for scope_id in add:
        api.post(f"/api/v1/roles/{role_id}/scopes", {"scope_id": scope_id})
    for scope_id in remove:
        try:
            api.delete(f"/api/v1/roles/{role_id}/scopes/{scope_id}")
        except NotFoundError:
            continue  # not held: an earlier, interrupted run removed it already


class Role(KindeResource, module="kinde", name="Role"):
    """A Kinde role: a named set of permissions, given to users in organizations.

    Example::

        import pulumi_kinde as kinde

        read = kinde.Permission("read-invoices", key="read:invoices", name="Read invoices")
        kinde.Role("accountant", key="accountant", name="Accountant", permissions=[read.id])

    :id: the role's id (a UUID)
    :find_id: In Kinde: *Settings > User Management > Roles* lists roles by key;
        ``kinde.get_role(key="accountant").id`` gives the id.
    :scopes: ``crud:roles, rud:role_permissions, crd:role_scopes, r:permissions``
    :limitation: A declared ``permissions`` or ``scopes`` is the role's whole set: ones added
        in the Kinde UI are removed by the next ``up``.
    :param resource_name: the Pulumi name of this resource.
    :param key: the role's key, unique in the business, used in tokens (e.g. ``"admin"``).
    :param name: the role's display name.
    :param description: what the role is for.
    :param is_default_role: give this role to every new user of an organization.
    :param permissions: ids of the permissions the role carries (a set; order means nothing).
        This resource owns the whole set: permissions added in the Kinde UI are removed.
    :param scopes: ids of API scopes the role carries (``ApiScope.scope_id``; a set this
        resource owns).
    :param import_id: the id of an existing role to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = RoleProvider

    key: pulumi.Output[str]
    """The role's key, as tokens carry it."""
    name: pulumi.Output[str]
    """The role's display name."""
    description: pulumi.Output[str | None]
    """What the role is for."""
    is_default_role: pulumi.Output[bool | None]
    """Whether new users of an organization get this role."""
    permissions: pulumi.Output[list[str] | None]
    """Ids of the permissions the role carries, sorted."""
    scopes: pulumi.Output[list[str] | None]
    """Ids of the API scopes the role carries, sorted."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        name: pulumi.Input[str],
        description: pulumi.Input[str] | None = None,
        is_default_role: pulumi.Input[bool] | None = None,
        permissions: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        scopes: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
