"""Permissions. There is no GET by id: a client lists and filters. Permission keys are unique.

Live: create answers with the new id as ``permission.id`` (Kinde's seed script in its guide
"manage Kinde configuration"; the e2e tests of nxt-fwd/kinde-go), where the spec's answer has
no id. The spec form ``permission_create_without_id`` answers without it, so that clients
keep working when the id is missing (they list and match on ``key``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import StringConstraints

from pulumi_kinde.emulator import ids, live
from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Permission, Store
from pulumi_kinde.emulator.validation import RequestBody

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^\S+$")]

PERMISSION_SORTS = ("name_asc", "name_desc", "id_asc", "id_desc")


class CreatePermission(RequestBody):
    # The spec marks nothing required; the live service needs a name and a key.
    name: Name
    key: Key
    description: str | None = None


class UpdatePermission(RequestBody):
    name: Name | None = None
    key: Key | None = None
    description: str | None = None


def permission_json(permission: Permission) -> dict[str, Any]:
    """A permission as the list endpoints return it."""
    item: dict[str, Any] = {"id": permission.id, "key": permission.key, "name": permission.name}
    item["description"] = permission.description  # Live: unset is null, not absent
    return item


def sort_key(sort: str | None) -> tuple[Callable[[Permission], tuple[str, ...]], bool]:
    """The ordering of a permission list for ``sort`` (default: creation order)."""
    if sort in ("name_asc", "name_desc"):
        return (lambda p: (p.name.lower(), p.id)), sort == "name_desc"
    return (lambda p: (p.id,)), sort == "id_desc"


def _check_key(store: Store, key: str, permission_id: str | None) -> None:
    existing = store.permissions.find(key=key)
    if existing is not None and existing.id != permission_id:
        raise bad_request(
            "PERMISSION_KEY_ALREADY_EXISTS", f"A permission with key {key!r} already exists"
        )


@route("GET", "/api/v1/permissions", "GetPermissions")
def list_permissions(call: Call) -> Reply:
    key, reverse = sort_key(call.query_choice("sort", PERMISSION_SORTS))
    page, token = token_page(call, call.store.permissions.all(), key, reverse=reverse)
    body: dict[str, Any] = {
        "code": "OK",
        "message": "Success",
        "permissions": [permission_json(p) for p in page],
    }
    if token:
        body["next_token"] = token
    return reply(**body)


@route("POST", "/api/v1/permissions", "CreatePermission")
def create_permission(call: Call) -> Reply:
    body = call.body(CreatePermission)
    _check_key(call.store, body.key, None)
    permission = call.store.permissions.add(
        Permission(
            id=ids.permission_id(), key=body.key, name=body.name, description=body.description
        )
    )
    if live.PERMISSION_CREATE_WITHOUT_ID in call.spec_forms:
        return reply(201, code="PERMISSION_CREATED", message="Permission successfully created")
    # Live: the new id comes back as permission.id.
    return reply(
        201,
        code="PERMISSION_CREATED",
        message="Permission successfully created",
        permission={"id": permission.id},
    )


@route("PATCH", "/api/v1/permissions/{permission_id}", "UpdatePermissions")
def update_permission(call: Call) -> Reply:
    permission = _lookup.permission(call.store, call.params["permission_id"])
    body = call.body(UpdatePermission, required=False)
    if body.key is not None:
        _check_key(call.store, body.key, permission.id)
        permission.key = body.key
    if body.name is not None:
        permission.name = body.name
    if "description" in body.model_fields_set:
        permission.description = body.description
    return reply(message="Permission successfully updated", code="PERMISSION_UPDATED")


@route("DELETE", "/api/v1/permissions/{permission_id}", "DeletePermission")
def delete_permission(call: Call) -> Reply:
    permission = _lookup.permission(call.store, call.params["permission_id"])
    call.store.delete_permission(permission.id)
    return reply(message="Permission successfully deleted", code="PERMISSION_DELETED")
