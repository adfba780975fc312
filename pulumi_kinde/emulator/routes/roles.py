"""Roles, their permissions and their API scopes. Role keys are unique."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routes.permissions import PERMISSION_SORTS, permission_json, sort_key
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Role, Store
from pulumi_kinde.emulator.validation import RequestBody, check_bulk

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^\S+$")]

#: Sent as ``assignment_permission_id`` on update: no permission is needed to assign the role.
NO_PERMISSION_REQUIRED = "NO_PERMISSION_REQUIRED"


def _uuid_or_none(value: str | None) -> str | None:
    if value is not None and value != NO_PERMISSION_REQUIRED:
        try:
            uuid.UUID(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a permission id") from None
    return value


class CreateRole(RequestBody):
    name: Name
    key: Key
    description: str | None = None
    is_default_role: bool | None = None
    assignment_permission_id: str | None = None

    @field_validator("assignment_permission_id")
    @classmethod
    def _assignment(cls, value: str | None) -> str | None:
        return _uuid_or_none(value)


class UpdateRole(CreateRole):
    pass


class PermissionChange(RequestBody):
    id: str
    operation: Literal["delete"] | None = None


class UpdateRolePermissions(RequestBody):
    permissions: list[PermissionChange]


class AddRoleScope(RequestBody):
    scope_id: str


def _check_key(store: Store, key: str, role_id: str | None) -> None:
    existing = store.roles.find(key=key)
    if existing is not None and existing.id != role_id:
        raise bad_request("ROLE_KEY_ALREADY_EXISTS", f"A role with key {key!r} already exists")


def _assignment_permission(store: Store, value: str | None) -> str | None:
    if value is None or value == NO_PERMISSION_REQUIRED:
        return None
    if value not in store.permissions:
        raise bad_request("PERMISSION_NOT_FOUND", f"Permission {value} not found")
    return value


@route("GET", "/api/v1/roles", "GetRoles")
def list_roles(call: Call) -> Reply:
    sort = call.query_choice("sort", ("name_asc", "name_desc", "key_asc", "key_desc"))
    roles = call.store.roles.all()
    if sort:
        field = sort.rsplit("_", 1)[0]
        page, token = token_page(
            call,
            roles,
            lambda r: (getattr(r, field).lower(), r.id),
            reverse=sort.endswith("_desc"),
        )
    else:
        page, token = token_page(call, roles, lambda r: (r.id,))
    items = [
        {
            "id": r.id,
            "key": r.key,
            "name": r.name,
            "description": r.description,
            "is_default_role": r.is_default_role,
        }
        for r in page
    ]
    body: dict[str, Any] = {"code": "OK", "message": "Success", "roles": items}
    if token:
        body["next_token"] = token
    return reply(**body)


@route("POST", "/api/v1/roles", "CreateRole")
def create_role(call: Call) -> Reply:
    body = call.body(CreateRole)
    _check_key(call.store, body.key, None)
    role = call.store.roles.add(
        Role(
            id=ids.role_id(),
            key=body.key,
            name=body.name,
            description=body.description,
            is_default_role=bool(body.is_default_role),
            assignment_permission_id=_assignment_permission(
                call.store, body.assignment_permission_id
            ),
        )
    )
    return reply(
        201, code="ROLE_CREATED", message="Role successfully created", role={"id": role.id}
    )


@route("GET", "/api/v1/roles/{role_id}", "GetRole")
def get_role(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    item: dict[str, Any] = {"id": role.id, "key": role.key, "name": role.name}
    item["description"] = role.description  # Live: unset is null, not absent
    item["is_default_role"] = role.is_default_role
    return reply(code="OK", message="Success", role=item)


@route("PATCH", "/api/v1/roles/{role_id}", "UpdateRoles")
def update_role(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    body = call.body(UpdateRole)
    _check_key(call.store, body.key, role.id)
    if "assignment_permission_id" in body.model_fields_set:
        requested = body.assignment_permission_id
        if requested is not None:
            role.assignment_permission_id = _assignment_permission(call.store, requested)
    role.name = body.name
    role.key = body.key
    if "description" in body.model_fields_set:
        role.description = body.description
    if body.is_default_role is not None:
        role.is_default_role = body.is_default_role
    return reply(201, message="Role successfully updated", code="ROLE_UPDATED")


@route("DELETE", "/api/v1/roles/{role_id}", "DeleteRole")
def delete_role(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    call.store.delete_role(role.id)
    return reply(message="Role successfully deleted", code="ROLE_DELETED")


@route("GET", "/api/v1/roles/{role_id}/permissions", "GetRolePermissions")
def list_role_permissions(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    sort = call.query_choice("sort", PERMISSION_SORTS)
    permissions = [p for p in (call.store.permissions.get(i) for i in role.permission_ids) if p]
    key, reverse = sort_key(sort)
    page, token = token_page(call, permissions, key, reverse=reverse)
    body: dict[str, Any] = {
        "code": "OK",
        "message": "Success",
        "permissions": [permission_json(p) for p in page],
    }
    if token:
        body["next_token"] = token
    return reply(**body)


@route("PATCH", "/api/v1/roles/{role_id}/permissions", "UpdateRolePermissions")
def update_role_permissions(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    body = call.body(UpdateRolePermissions)
    # Live: docs.kinde.com: a bulk PATCH updates at most 100 objects a request.
    check_bulk(body.permissions, "TOO_MANY_PERMISSIONS", "permissions")
    for change in body.permissions:
        _lookup.permission(call.store, change.id)
    added, removed = [], []
    for change in body.permissions:
        if change.operation == "delete":
            if change.id in role.permission_ids:
                role.permission_ids.remove(change.id)
            removed.append(change.id)
        else:
            if change.id not in role.permission_ids:
                role.permission_ids.append(change.id)
            added.append(change.id)
    return reply(
        code="PERMISSIONS_UPDATED",
        message="Permissions updated",
        permissions_added=added,
        permissions_removed=removed,
    )


@route("DELETE", "/api/v1/roles/{role_id}/permissions/{permission_id}", "RemoveRolePermission")
def remove_role_permission(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    permission = _lookup.permission(call.store, call.params["permission_id"])
    if permission.id not in role.permission_ids:
        raise not_found("PERMISSION_NOT_FOUND", "The role does not have this permission")
    role.permission_ids.remove(permission.id)
    return reply(message="Permission removed from role", code="PERMISSION_REMOVED")


@route("GET", "/api/v1/roles/{role_id}/scopes", "GetRoleScopes")
def list_role_scopes(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    scopes = []
    for scope in (call.store.api_scopes.get(i) for i in role.scope_ids):
        if scope is not None:
            item: dict[str, Any] = {"id": scope.id, "key": scope.key, "api_id": scope.api_id}
            item["description"] = scope.description  # Live: unset is null, not absent
            scopes.append(item)
    return reply(code="OK", message="Success", scopes=scopes)


@route("POST", "/api/v1/roles/{role_id}/scopes", "AddRoleScope")
def add_role_scope(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    scope_id = call.body(AddRoleScope).scope_id
    if scope_id not in call.store.api_scopes:
        raise not_found("SCOPE_NOT_FOUND", "Scope not found")
    if scope_id not in role.scope_ids:
        role.scope_ids.append(scope_id)
    return reply(201, code="ROLE_SCOPE_ADDED", message="Scope added to role")


@route("DELETE", "/api/v1/roles/{role_id}/scopes/{scope_id}", "DeleteRoleScope")
def delete_role_scope(call: Call) -> Reply:
    role = _lookup.role(call.store, call.params["role_id"])
    scope_id = call.params["scope_id"]
    if scope_id not in role.scope_ids:
        raise not_found("SCOPE_NOT_FOUND", "The role does not have this scope")
    role.scope_ids.remove(scope_id)
    return reply(code="SCOPE_DELETED", message="Scope deleted from role")
