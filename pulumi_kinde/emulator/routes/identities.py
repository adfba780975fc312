"""A user's identities: the email addresses, phone numbers, usernames and social or
enterprise accounts the user signs in with.

``POST /users/{user_id}/identities`` takes the value, its type and, for a phone number, its
``phone_country_id``, or for a social or enterprise identity the ``connection_id`` (whose
strategy, such as ``oauth2:google``, becomes the identity's type). Values are unique across
the business (400 ``EMAIL_ALREADY_EXISTS``, ...). One identity of each type is primary: the
first one added, or the one ``PATCH`` sets; deleting the primary promotes the next oldest.
Not-found is 400 ``USER_NOT_FOUND`` / ``IDENTITY_NOT_FOUND`` in the list shape.
"""

from __future__ import annotations

from typing import Any, Literal

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import cursor_page
from pulumi_kinde.emulator.records_users import Identity
from pulumi_kinde.emulator.routes import _users
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.validation import RequestBody

__all__ = ["identity_json"]


class CreateIdentity(RequestBody):
    value: str
    type: Literal["email", "username", "phone", "enterprise", "social"]
    phone_country_id: str | None = None
    connection_id: str | None = None


class UpdateIdentity(RequestBody):
    is_primary: bool | None = None


def identity_json(identity: Identity) -> dict[str, Any]:
    """An identity as ``GET /identities/{identity_id}`` returns it."""
    body: dict[str, Any] = {
        "id": identity.id,
        "type": identity.type,
        "is_confirmed": identity.is_confirmed,
        "created_on": identity.created_on,
    }
    body["last_login_on"] = identity.last_login_on  # Live: unset is null, not absent
    body.update(total_logins=identity.total_logins, name=identity.name)
    if identity.type == "email" or (identity.connection_id and "@" in identity.name):
        body["email"] = identity.name
    body.update(connection_id=identity.connection_id, is_primary=identity.is_primary)
    return body


@route("GET", "/api/v1/users/{user_id}/identities", "GetUserIdentities")
def list_identities(call: Call) -> Reply:
    user = _users.user(call.store, call.params["user_id"])
    identities = call.store.identities.filter(user_id=user.id)
    page, more = cursor_page(call, identities, lambda i: i.id)
    return reply(
        code="OK",
        message="Success",
        identities=[identity_json(i) for i in page],
        has_more=more,
    )


@route("POST", "/api/v1/users/{user_id}/identities", "CreateUserIdentity")
def create_identity(call: Call) -> Reply:
    store = call.store
    user = _users.user(store, call.params["user_id"])
    body = call.body(CreateIdentity)
    if not body.value:
        raise bad_request("VALUE_REQUIRED", "value is required")
    kind: str = body.type
    connection_id = None
    if body.type in ("social", "enterprise"):
        if not body.connection_id:
            raise bad_request(
                "CONNECTION_ID_REQUIRED", f"A {body.type} identity needs connection_id"
            )
        connection = store.connections.get(body.connection_id)
        if connection is None:
            raise bad_request("CONNECTION_NOT_FOUND", f"Connection {body.connection_id} not found")
        kind, connection_id = connection.strategy, connection.id
    elif body.type == "phone" and not body.phone_country_id:
        raise bad_request("PHONE_COUNTRY_ID_REQUIRED", "A phone identity needs phone_country_id")
    elif body.type == "email" and "@" not in body.value:
        raise bad_request("INVALID_VALUE", "value is not an email address")
    _users.check_unique(store, kind, body.value, connection_id)
    identity = _users.add_identity(
        store,
        user.id,
        kind,
        body.value,
        is_confirmed=connection_id is not None,
        connection_id=connection_id,
        phone_country_id=body.phone_country_id if body.type == "phone" else None,
    )
    return reply(
        201,
        message="Identity successfully created",
        code="IDENTITY_CREATED",
        identity={"id": identity.id},
    )


@route("GET", "/api/v1/identities/{identity_id}", "GetIdentity")
def get_identity(call: Call) -> Reply:
    return reply(**identity_json(_users.identity(call.store, call.params["identity_id"])))


@route("PATCH", "/api/v1/identities/{identity_id}", "UpdateIdentity")
def update_identity(call: Call) -> Reply:
    identity = _users.identity(call.store, call.params["identity_id"])
    body = call.body(UpdateIdentity)
    if body.is_primary:
        current = _users.primary(call.store, identity.user_id, identity.type)
        if current is not None:
            current.is_primary = False
        identity.is_primary = True
    elif body.is_primary is False and identity.is_primary:
        raise bad_request(
            "PRIMARY_IDENTITY_REQUIRED",
            "Make another identity of this type primary instead of unsetting this one",
        )
    return reply(message="Identity successfully updated", code="IDENTITY_UPDATED")


@route("DELETE", "/api/v1/identities/{identity_id}", "DeleteIdentity")
def delete_identity(call: Call) -> Reply:
    store = call.store
    identity = _users.identity(store, call.params["identity_id"])
    store.identities.remove(identity.id)
    if identity.is_primary:
        rest = store.identities.filter(user_id=identity.user_id, type=identity.type)
        if rest:
            rest[0].is_primary = True
    return reply(message="Identity successfully deleted", code="IDENTITY_DELETED")
