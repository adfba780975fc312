"""What the user, identity and organization-user routes share: lookups that raise Kinde's
not-found answers, identity bookkeeping (one primary identity per type; email addresses,
phone numbers and usernames unique across the business) and the ``expand`` parameter."""

from __future__ import annotations

from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.records_users import Identity, OrganizationUser, User, identity_id
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call
from pulumi_kinde.emulator.store import Store

__all__ = [
    "UNIQUE_TYPES",
    "add_identity",
    "check_unique",
    "expand",
    "identity",
    "membership",
    "primary",
    "user",
]

#: Identity types whose value no two identities may share, and the code a clash answers.
UNIQUE_TYPES = {
    "email": "EMAIL_ALREADY_EXISTS",
    "phone": "PHONE_ALREADY_EXISTS",
    "username": "USERNAME_ALREADY_EXISTS",
}


def user(store: Store, user_id: str) -> User:
    """The user ``user_id``."""
    return _lookup.require(store.users, user_id, "USER_NOT_FOUND", "User not found")


def identity(store: Store, identity_id: str) -> Identity:
    """The identity ``identity_id``."""
    return _lookup.require(
        store.identities, identity_id, "IDENTITY_NOT_FOUND", "Identity not found"
    )


def membership(store: Store, org_code: str, user_id: str) -> OrganizationUser:
    """The membership of ``user_id`` (an existing user) in ``org_code``."""
    found = store.organization_users.find(org_code=org_code, user_id=user_id)
    if found is None:
        raise not_found("USER_NOT_IN_ORGANIZATION", "The user is not a member of this organization")
    return found


def primary(store: Store, user_id: str, kind: str) -> Identity | None:
    """The primary identity of type ``kind`` of ``user_id``, if any."""
    return store.identities.find(user_id=user_id, type=kind, is_primary=True)


def _same(kind: str, left: str, right: str) -> bool:
    return left == right if kind == "phone" else left.lower() == right.lower()


def check_unique(store: Store, kind: str, value: str, connection_id: str | None = None) -> None:
    """400 when an identity of type ``kind`` with ``value`` exists (for a social or
    enterprise identity: with ``value`` on the same connection)."""
    for other in store.identities.filter(type=kind):
        if other.connection_id == connection_id and _same(kind, other.name, value):
            code = UNIQUE_TYPES.get(kind, "IDENTITY_ALREADY_EXISTS")
            raise bad_request(code, f"{kind.capitalize()} already in use")


def add_identity(
    store: Store,
    user_id: str,
    kind: str,
    value: str,
    *,
    is_confirmed: bool,
    connection_id: str | None = None,
    phone_country_id: str | None = None,
) -> Identity:
    """Record a new identity (checked with :func:`check_unique` first by the caller); the
    first of its type becomes the user's primary one."""
    return store.identities.add(
        Identity(
            id=identity_id(),
            user_id=user_id,
            type=kind,
            name=value,
            created_on=_lookup.now(),
            is_primary=primary(store, user_id, kind) is None,
            is_confirmed=is_confirmed,
            connection_id=connection_id,
            phone_country_id=phone_country_id,
        )
    )


_EXPANDABLE = ("organizations", "identities", "billing")


def expand(call: Call) -> set[str]:
    """The comma-separated ``expand`` parameter of the user endpoints; 400 for other values."""
    values = {part.strip() for part in (call.query.get("expand") or "").split(",")} - {""}
    unknown = sorted(values - set(_EXPANDABLE))
    if unknown:
        raise bad_request(
            "INVALID_EXPAND", f"expand must be one or more of: {', '.join(_EXPANDABLE)}"
        )
    return values
