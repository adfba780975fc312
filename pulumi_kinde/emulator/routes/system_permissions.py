"""Kinde's system permissions (they govern the self-serve portal) and the roles that carry
them. The list is Kinde's: nothing creates or deletes a system permission."""

from __future__ import annotations

from typing import Any, Literal

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.records_access import SystemPermission
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.validation import RequestBody

_SORTS = ("name_asc", "name_desc", "id_asc", "id_desc")


class SystemPermissionChange(RequestBody):
    id: str
    operation: Literal["delete"] | None = None


class UpdateRoleSystemPermissions(RequestBody):
    system_permissions: list[SystemPermissionChange]


def _json(permission: SystemPermission) -> dict[str, Any]:
    # Live: fields without a value come back as null (shared/spec/README.md, "Null fields").
    return {
        "id": permission.id,
        "key": permission.key,
        "name": permission.name,
        "description": permission.description,
    }


def _page(call: Call, permissions: list[SystemPermission]) -> Reply:
    sort = call.query_choice("sort", _SORTS)
    if sort in ("name_asc", "name_desc"):
        page, token = token_page(
            call, permissions, lambda p: (p.name.lower(), p.id), reverse=sort == "name_desc"
        )
    else:
        page, token = token_page(call, permissions, lambda p: (p.id,), reverse=sort == "id_desc")
    body: dict[str, Any] = {
        "code": "OK",
        "message": "Success",
        "system_permissions": [_json(p) for p in page],
    }
    if token:
        body["next_token"] = token
    return reply(**body)


@route("GET", "/api/v1/system_permissions", "GetSystemPermissions")
def list_system_permissions(call: Call) -> Reply:
    return _page(call, call.store.system_permissions.all())


@route("GET", "/api/v1/roles/{role_id}/system_permissions", "GetRoleSystemPermissions")
def list_role_system_permissions(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    held = (call.store.system_permissions.get(i) for i in role.system_permission_ids)
    return _page(call, [p for p in held if p is not None])


@route("PATCH", "/api/v1/roles/{role_id}/system_permissions", "UpdateRoleSystemPermissions")
def update_role_system_permissions(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    body = call.body(UpdateRoleSystemPermissions)
    for change in body.system_permissions:
        if change.id not in call.store.system_permissions:
            raise bad_request(
                "SYSTEM_PERMISSION_NOT_FOUND", f"System permission {change.id} not found"
            )
    added, removed = [], []
    for change in body.system_permissions:
        if change.operation == "delete":
            if change.id in role.system_permission_ids:
                role.system_permission_ids.remove(change.id)
            removed.append(change.id)
        else:
            if change.id not in role.system_permission_ids:
                role.system_permission_ids.append(change.id)
            added.append(change.id)
    return reply(
        code="SYSTEM_PERMISSIONS_UPDATED",
        message="System permissions updated",
        system_permissions_added=added,
        system_permissions_removed=removed,
    )
