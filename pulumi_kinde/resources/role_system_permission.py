"""Gives a role one of Kinde's system permissions (what members may do in the self-serve
portal, such as ``org:write:billing``)."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Replace
from ._ids import join_id, split_id
from ._link import LinkProvider
from ._provider import KindeArgs, Rollback
from ._references import SYSTEM_PERMISSIONS
from ._resource import KindeResource, declared

__all__ = ["RoleSystemPermission", "RoleSystemPermissionArgs"]


class RoleSystemPermissionArgs(KindeArgs):
    role_id: Annotated[str, Replace, Field(min_length=1)]
    system_permission_id: Annotated[str, Replace, Field(min_length=1)]


class RoleSystemPermissionProvider(LinkProvider):
    kind = "role system permission"
    args_model = RoleSystemPermissionArgs
    state_model = RoleSystemPermissionArgs
    parent_field = "role_id"
    child_field = "system_permission_id"
    collection = "/api/v1/roles/{parent}/system_permissions"
    items_key = "system_permissions"
    page_style = "next_token"

    def create_object(
        self, api: KindeClient, args: KindeArgs, rollback: Rollback
    ) -> tuple[str, KindeArgs]:
        role_id, permission_id = self._parts(args)
        # Read before the write (fail early, naming the key given for an id): the system
        # permission exists; once per provider process.
        SYSTEM_PERMISSIONS.require(api, [permission_id], "system_permission_id")
        _change(api, role_id, {"id": permission_id})
        return join_id(role_id, permission_id), self.state_from(args)

    def delete_object(self, api: KindeClient, id_: str) -> None:
        role_id, permission_id = split_id(id_, self.kind, self.parent_field, self.child_field)
        # Kinde answers a removal of a permission the role does not hold like any other.
        _change(api, role_id, {"id": permission_id, "operation": "delete"})


def _change(api: KindeClient, role_id: str, entry: dict[str, str]) -> None:
    api.patch(f"/api/v1/roles/{role_id}/system_permissions", {"system_permissions": [entry]})


class RoleSystemPermission(KindeResource, module="kinde", name="RoleSystemPermission"):
    """Gives a role one of Kinde's system permissions. Its id is
    ``role_id/system_permission_id``.

    System permissions are Kinde's own (they govern what organization members may do in the
    self-serve portal, e.g. ``org:write:billing``): find their ids with
    ``kinde.get_system_permission(key="org:write:billing")["id"]``. A role's own
    ``permissions`` are a separate set; this resource leaves them alone.

    Example::

        import pulumi_kinde as kinde

        billing = kinde.Role("billing-admin", key="billing-admin", name="Billing admin")
        kinde.RoleSystemPermission(
            "billing-admin-portal",
            role_id=billing.id,
            system_permission_id=kinde.get_system_permission(key="org:write:billing")["id"],
        )

    :id: ``role_id/system_permission_id``
    :find_id: In Kinde: *Settings > Roles*, open the role: its *System permissions*. The
        role's id is ``Role.id``; a system permission's id is
        ``kinde.get_system_permission(key=...)["id"]``.
    :scopes: ``ru:role_system_permissions, r:system_permissions``
    :limitation: System permissions are Kinde's own: they cannot be created, only given to
        roles.
    :param resource_name: the Pulumi name of this resource.
    :param role_id: the role (``Role.id``).
    :param system_permission_id: the system permission (``perm_...``).
    :param import_id: ``role_id/system_permission_id`` of an existing grant to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = RoleSystemPermissionProvider

    role_id: pulumi.Output[str]
    """The role's id."""
    system_permission_id: pulumi.Output[str]
    """The system permission's id (``perm_...``)."""

    def __init__(
        self,
        resource_name: str,
        *,
        role_id: pulumi.Input[str],
        system_permission_id: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
