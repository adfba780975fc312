"""Kinde permissions: what a role lets its holders do, e.g. ``read:invoices``."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient, KindeError
from ._listing import ensure_listable, find_listed, find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._references import remember
from ._resource import KindeResource, declared

__all__ = ["Permission", "PermissionArgs", "PermissionProvider"]

_LIST = "/api/v1/permissions"


class PermissionArgs(KindeArgs):
    key: Annotated[str, Field(min_length=1, max_length=128, pattern=r"^\S+$")]
    name: Annotated[str, Field(min_length=1, max_length=128)]
    description: str | None = None


class PermissionState(PermissionArgs):
    pass


class PermissionProvider(KindeProvider[PermissionArgs, PermissionState]):
    kind = "permission"
    unique = (("key",),)
    args_model = PermissionArgs
    state_model = PermissionState

    def create_object(
        self, api: KindeClient, args: PermissionArgs, rollback: Rollback
    ) -> tuple[str, PermissionState]:
        # Read before the write, once per provider process: the answer may lack the new id
        # (the spec's form; live Kinde returns it), and only the list then finds it: a list
        # we may not read would leave a permission behind that no rerun could adopt.
        ensure_listable(api, _LIST, "permissions")
        body = api.post(_LIST, _body(args), operation=f"create permission {args.key!r}")
        # Kinde may not return the new id: find it by its (unique) key.
        new_id = ((body or {}).get("permission") or {}).get("id") or self.find_created(api, args)
        if not new_id:
            raise KindeError(f"created permission {args.key!r} but could not find its id")
        remember(api, "permission", str(new_id))
        return str(new_id), self.state_from(args)

    def find_created(self, api: KindeClient, args: PermissionArgs) -> str | None:
        return find_one(api, _LIST, "permissions", {"key": args.key})

    def read_object(self, api: KindeClient, id_: str) -> PermissionState | None:
        found = find_listed(api, _LIST, "permissions", id_)
        if found is None:
            return None
        remember(api, "permission", id_)
        return PermissionState(
            key=found["key"], name=found["name"], description=found.get("description")
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[PermissionArgs, PermissionState]
    ) -> PermissionState:
        api.patch(f"{_LIST}/{id_}", _body(change.new))
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_LIST}/{id_}")


def _body(args: PermissionArgs) -> dict[str, object]:
    return args.model_dump(include={"key", "name", "description"}, exclude_none=True)


class Permission(KindeResource, module="kinde", name="Permission"):
    """A Kinde permission, given to users through roles (``Role(permissions=[...])``).

    Example::

        import pulumi_kinde as kinde

        kinde.Permission("read-invoices", key="read:invoices", name="Read invoices")

    :id: the permission's id (a UUID)
    :find_id: In Kinde: *Settings > User Management > Permissions* lists permissions by key;
        ``kinde.get_permission(key="read:invoices").id`` gives the id.
    :scopes: ``crud:permissions``
    :limitation: Kinde has no read of one permission: refresh lists them and picks this one,
        and a create whose answer lacks the id finds it by its key.
    :param resource_name: the Pulumi name of this resource.
    :param key: the permission's key, unique in the business, used in tokens
        (e.g. ``"read:invoices"``).
    :param name: the permission's display name.
    :param description: what the permission allows.
    :param import_id: the id of an existing permission to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = PermissionProvider

    key: pulumi.Output[str]
    """The permission's key, as tokens carry it."""
    name: pulumi.Output[str]
    """The permission's display name."""
    description: pulumi.Output[str | None]
    """What the permission allows."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        name: pulumi.Input[str],
        description: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
