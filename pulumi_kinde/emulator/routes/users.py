"""Users: ``POST/GET/PATCH/DELETE /user?id=`` and the ``GET /users`` listing.

A user's email address, phone number and username are identities (see ``identities.py``);
``preferred_email``/``phone``/``username`` are the primary identity of each type. Email
addresses, phone numbers and usernames are unique across the business: creating a user with
one in use answers 400 ``EMAIL_ALREADY_EXISTS`` (``PHONE_``/``USERNAME_``). A user created with
``organization_code`` joins that organization; without one it joins none. Every not-found is
400 ``USER_NOT_FOUND`` in the list shape; ``organizations``/``identities`` appear in a user
only when asked for with ``expand``.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.records_users import Identity, OrganizationUser, User
from pulumi_kinde.emulator.routes import _lookup, _users
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store
from pulumi_kinde.emulator.validation import RequestBody

__all__ = ["organization_codes", "user_json"]


class Profile(RequestBody):
    given_name: str | None = None
    family_name: str | None = None
    picture: str | None = None


class IdentityDetails(RequestBody):
    email: str | None = None
    phone: str | None = None
    phone_country_id: str | None = None
    username: str | None = None


class NewIdentity(RequestBody):
    type: Literal["email", "phone", "username"]
    is_verified: bool | None = None
    details: IdentityDetails


class CreateUser(RequestBody):
    profile: Profile | None = None
    organization_code: str | None = None
    provided_id: str | None = None
    identities: list[NewIdentity] | None = None


class UpdateUser(RequestBody):
    given_name: str | None = None
    family_name: str | None = None
    picture: str | None = None
    is_suspended: bool | None = None
    is_password_reset_requested: bool | None = None
    provided_id: str | None = None


def _user_id(call: Call) -> str:
    user_id = call.query.get("id")
    if not user_id:
        raise bad_request("USER_ID_REQUIRED", "id is required")
    return user_id


def _query_bool(call: Call, name: str) -> bool | None:
    value = call.query.get(name)
    if value is None or value == "":
        return None
    if value not in ("true", "false"):
        raise bad_request(f"INVALID_{name.upper()}", f"{name} must be true or false")
    return value == "true"


def _value(identity: NewIdentity, index: int) -> str:
    value = getattr(identity.details, identity.type)
    if not value:
        raise bad_request(
            f"{identity.type.upper()}_REQUIRED",
            f"identities[{index}].details.{identity.type} is required",
        )
    if identity.type == "email" and "@" not in value:
        raise bad_request("INVALID_EMAIL", f"identities[{index}].details.email is not an address")
    return str(value)


def _check_identities(store: Store, identities: list[NewIdentity]) -> list[tuple[str, str]]:
    """Each requested identity's ``(type, value)``, all checked before anything is written."""
    wanted: list[tuple[str, str]] = []
    for index, identity in enumerate(identities):
        kind, value = identity.type, _value(identity, index)
        _users.check_unique(store, kind, value)
        if any(k == kind and v.lower() == value.lower() for k, v in wanted):
            raise bad_request(_users.UNIQUE_TYPES[kind], f"{kind.capitalize()} given twice")
        wanted.append((kind, value))
    return wanted


def organization_codes(store: Store, user_id: str) -> list[str]:
    """The codes of the organizations ``user_id`` belongs to, in the order joined."""
    return [m.org_code for m in store.organization_users.filter(user_id=user_id)]


def user_json(
    store: Store, user: User, expand: set[str], *, email_field: str = "preferred_email"
) -> dict[str, Any]:
    """A user as ``GET /user`` (``email_field="preferred_email"``) or ``GET /users``
    (``email_field="email"``) shows it. Unset strings are null, although the spec declares them
    non-nullable: the live service answers null for a field without a value."""
    body: dict[str, Any] = {"id": user.id, "provided_id": user.provided_id}
    for field, kind in ((email_field, "email"), ("phone", "phone"), ("username", "username")):
        found = _users.primary(store, user.id, kind)
        body[field] = found.name if found is not None else None
    body.update(
        last_name=user.last_name,
        first_name=user.first_name,
        is_suspended=user.is_suspended,
        picture=user.picture,
    )
    body.update(
        total_sign_ins=user.total_sign_ins,
        failed_sign_ins=user.failed_sign_ins,
        last_signed_in=user.last_signed_in,
        created_on=user.created_on,
    )
    if "organizations" in expand:
        body["organizations"] = organization_codes(store, user.id)
    if "identities" in expand:
        body["identities"] = [
            _identity_summary(i, with_connection=email_field == "email")
            for i in store.identities.filter(user_id=user.id)
        ]
    return body


def _identity_summary(identity: Identity, *, with_connection: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"type": identity.type, "identity": identity.name}
    if with_connection:
        item["connection_id"] = identity.connection_id
    return item


@route("POST", "/api/v1/user", "createUser")
def create_user(call: Call) -> Reply:
    body = call.body(CreateUser, required=False)
    store = call.store
    organization = None
    if body.organization_code:
        organization = store.organizations.get(body.organization_code)
        if organization is None:
            raise bad_request(
                "ORGANIZATION_NOT_FOUND", f"Organization {body.organization_code} not found"
            )
    requested = body.identities or []
    wanted = _check_identities(store, requested)
    profile = body.profile or Profile()
    user = store.users.add(
        User(
            id=ids.user_id(),
            created_on=_lookup.now(),
            first_name=profile.given_name or None,
            last_name=profile.family_name or None,
            picture=profile.picture or None,
            provided_id=body.provided_id or None,
        )
    )
    for identity, (kind, value) in zip(requested, wanted, strict=True):
        _users.add_identity(
            store,
            user.id,
            kind,
            value,
            is_confirmed=bool(identity.is_verified),
            phone_country_id=identity.details.phone_country_id if kind == "phone" else None,
        )
    if organization is not None:
        store.organization_users.add(
            OrganizationUser(org_code=organization.code, user_id=user.id, joined_on=_lookup.now())
        )
    return reply(
        id=user.id,
        created=True,
        identities=[{"type": kind, "result": {"created": True}} for kind, _ in wanted],
    )


@route("GET", "/api/v1/user", "getUserData")
def get_user(call: Call) -> Reply:
    user = _users.user(call.store, _user_id(call))
    return reply(**user_json(call.store, user, _users.expand(call)))


@route("PATCH", "/api/v1/user", "updateUser")
def update_user(call: Call) -> Reply:
    user = _users.user(call.store, _user_id(call))
    body = call.body(UpdateUser)
    renames = {"given_name": "first_name", "family_name": "last_name"}
    for name in body.model_fields_set:
        value = getattr(body, name)
        if name in ("is_suspended", "is_password_reset_requested"):
            if value is not None:
                setattr(user, name, value)
        else:
            setattr(user, renames.get(name, name), value or None)
    email = _users.primary(call.store, user.id, "email")
    # Live: unset is null, not absent.
    answer: dict[str, Any] = {
        "id": user.id,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "email": email.name if email is not None else None,
    }
    answer.update(
        is_suspended=user.is_suspended,
        is_password_reset_requested=user.is_password_reset_requested,
        picture=user.picture,
    )
    return reply(**answer)


@route("DELETE", "/api/v1/user", "deleteUser")
def delete_user(call: Call) -> Reply:
    user = _users.user(call.store, _user_id(call))
    _query_bool(call, "is_delete_profile")
    call.store.delete_user(user.id)
    return reply(message="User successfully deleted", code="USER_DELETED")


def _listed(call: Call, name: str) -> set[str] | None:
    """A comma-separated filter parameter, lowercased, or None when absent."""
    raw = call.query.get(name)
    if not raw:
        return None
    return {part.strip().lower() for part in raw.split(",") if part.strip()}


def _since(call: Call) -> datetime.datetime | None:
    raw = call.query.get("active_since")
    if not raw:
        return None
    try:
        since = datetime.datetime.fromisoformat(raw)
    except ValueError:
        raise bad_request(
            "INVALID_ACTIVE_SINCE", "active_since must be a date in ISO 8601 format"
        ) from None
    return since if since.tzinfo else since.replace(tzinfo=datetime.timezone.utc)


def _active_since(user: User, since: datetime.datetime) -> bool:
    if user.last_signed_in is None:
        return False
    return datetime.datetime.fromisoformat(user.last_signed_in) >= since


@route("GET", "/api/v1/users", "getUsers")
def list_users(call: Call) -> Reply:
    store = call.store
    expand = _users.expand(call)
    has_organization = _query_bool(call, "has_organization")
    since = _since(call)
    users = store.users.all()
    user_ids = _listed(call, "user_id")
    if user_ids is not None:
        users = [u for u in users if u.id.lower() in user_ids]
    for kind in ("email", "username", "phone"):
        values = _listed(call, kind)
        if values is not None:
            holders = {
                i.user_id for i in store.identities.filter(type=kind) if i.name.lower() in values
            }
            users = [u for u in users if u.id in holders]
    if has_organization is not None:
        members = {m.user_id for m in store.organization_users.all()}
        users = [u for u in users if (u.id in members) == has_organization]
    if since is not None:
        users = [u for u in users if _active_since(u, since)]
    page, token = token_page(call, users, lambda u: (u.id,))
    body: dict[str, Any] = {
        "code": "OK",
        "message": "Success",
        "users": [user_json(store, u, expand, email_field="email") for u in page],
    }
    if token:
        body["next_token"] = token
    return reply(**body)
