"""API keys: made for an API (and some of its scopes) and owned by the environment, an
organization or a user.

The key's value is in the reply to create and to rotate, and never again: reads show its
first 6 and last 4 characters. ``POST /api_keys/verify`` is public (no token), as in the
spec. Not-found on one key answers 404 in the object shape, as the spec declares.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from pulumi_kinde.emulator.errors import ApiError, bad_request, error_body
from pulumi_kinde.emulator.pagination import cursor_page
from pulumi_kinde.emulator.records_security import ApiKey, api_key_id, api_key_value
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store
from pulumi_kinde.emulator.validation import RequestBody

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
STATUSES = ("active", "inactive", "revoked")


class CreateApiKey(RequestBody):
    name: Name
    type: Literal["user", "organization", "environment"]
    api_id: str
    scope_ids: list[str] | None = None
    user_id: str | None = None
    org_code: str | None = None


class VerifyApiKey(RequestBody):
    api_key: str


def _key(store: Store, key_id: str) -> ApiKey:
    return _lookup.require(store.api_keys, key_id, "API_KEY_NOT_FOUND", "API key not found")


def _scope_keys(store: Store, key: ApiKey) -> list[str]:
    scopes = (store.api_scopes.get(scope_id) for scope_id in key.scope_ids)
    return sorted(scope.key for scope in scopes if scope is not None)


def _summary(store: Store, key: ApiKey) -> dict[str, Any]:
    value = store.api_key_values.get(key.id, "")
    return {
        "id": key.id,
        "name": key.name,
        "type": key.type,
        "status": key.status,
        "key_prefix": value[:6],
        "key_suffix": value[-4:] or None,
        "created_on": key.created_on,
        "last_verified_on": None,
        "last_verified_ip": None,
        "created_by": key.created_by,
        "api_ids": [key.api_id],
        "scopes": _scope_keys(store, key),
    }


def _owner(store: Store, body: CreateApiKey) -> tuple[str | None, str | None]:
    """The organization and user that own a key of ``body.type``, checked."""
    if body.type == "organization":
        if not body.org_code or body.user_id:
            raise bad_request(
                "ORG_CODE_REQUIRED", "An organization key needs org_code (and no user_id)"
            )
        return _lookup.organization(store, body.org_code).code, None
    if body.type == "user":
        if not body.user_id or body.org_code:
            raise bad_request("USER_ID_REQUIRED", "A user key needs user_id (and no org_code)")
        _lookup.require(store.users, body.user_id, "USER_NOT_FOUND", "User not found")
        return None, body.user_id
    if body.org_code or body.user_id:
        raise bad_request("INVALID_OWNER", "An environment key takes neither org_code nor user_id")
    return None, None


@route("POST", "/api/v1/api_keys", "createApiKey")
def create_api_key(call: Call) -> Reply:
    body = call.body(CreateApiKey)
    _lookup.api(call.store, body.api_id)
    scope_ids = sorted(set(body.scope_ids or []))
    for scope_id in scope_ids:
        _lookup.api_scope(call.store, body.api_id, scope_id)
    org_code, user_id = _owner(call.store, body)
    key = ApiKey(
        id=api_key_id(),
        name=body.name,
        type=body.type,
        api_id=body.api_id,
        created_on=_lookup.now(),
        scope_ids=scope_ids,
        org_code=org_code,
        user_id=user_id,
    )
    value = api_key_value()
    call.store.api_keys.add(key)
    call.store.api_key_values[key.id] = value
    return reply(
        201, message="API key created", code="API_KEY_CREATED", api_key={"id": key.id, "key": value}
    )


@route("GET", "/api/v1/api_keys", "getApiKeys")
def list_api_keys(call: Call) -> Reply:
    key_type = call.query_choice("key_type", ("organization", "user"))
    status = call.query_choice("status", STATUSES)
    keys = call.store.api_keys.filter(
        lambda k: (
            (key_type is None or k.type == key_type)
            and (status is None or k.status == status)
            and (not call.query.get("user_id") or k.user_id == call.query["user_id"])
            and (not call.query.get("org_code") or k.org_code == call.query["org_code"])
        )
    )
    page, more = cursor_page(call, keys, lambda k: k.id)
    return reply(
        code="OK",
        message="Success",
        has_more=more,
        api_keys=[_summary(call.store, k) for k in page],
    )


@route("GET", "/api/v1/api_keys/{key_id}", "getApiKey", not_found="object")
def get_api_key(call: Call) -> Reply:
    key = _key(call.store, call.params["key_id"])
    shown = {
        **_summary(call.store, key),
        "verification_count": 0,
        "organization_id": key.org_code,
        "user_id": key.user_id,
    }
    return reply(code="OK", message="Success", api_key=shown)


@route("PUT", "/api/v1/api_keys/{key_id}", "rotateApiKey", not_found="object")
def rotate_api_key(call: Call) -> Reply:
    key = _key(call.store, call.params["key_id"])
    if key.status == "revoked":
        raise bad_request("API_KEY_REVOKED", "A revoked API key cannot be rotated")
    value = api_key_value()
    call.store.api_key_values[key.id] = value
    return reply(
        201,
        code="API_KEY_ROTATED",
        message="API key rotated successfully",
        api_key={"id": key.id, "key": value},
    )


@route("DELETE", "/api/v1/api_keys/{key_id}", "deleteApiKey", not_found="object")
def delete_api_key(call: Call) -> Reply:
    key = _key(call.store, call.params["key_id"])
    call.store.delete_api_key(key.id)
    return reply(message="API key deleted", code="API_KEY_DELETED")


@route("POST", "/api/v1/api_keys/verify", "verifyApiKey")
def verify_api_key(call: Call) -> Reply:
    body = call.body(VerifyApiKey)
    found = next((k for k, v in call.store.api_key_values.items() if v == body.api_key), None)
    key = call.store.api_keys.get(found) if found else None
    if key is None:
        raise ApiError(401, error_body("INVALID_API_KEY", "The API key is not valid"))
    return reply(
        code="API_KEY_VERIFIED",
        message="API key verified",
        is_valid=key.status == "active",
        key_id=key.id,
        status=key.status,
        scopes=_scope_keys(call.store, key),
        org_code=key.org_code,
        user_id=key.user_id,
        last_verified_on=None,
        verification_count=0,
    )
