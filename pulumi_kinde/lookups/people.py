"""Lookups of users, their memberships and their property values."""

from __future__ import annotations

from typing import Any

import pulumi

from ..resources.organization_user import OrganizationUserProvider, OrganizationUserState
from ..resources.user import UserProvider, UserState
from ._base import Found, Kind, KindeLookupError, client, filtered, get, listed, output

__all__ = [
    "get_organization_user",
    "get_organization_user_output",
    "get_user",
    "get_user_output",
    "list_organization_users",
    "list_user_properties",
    "list_users",
]

_USERS = Kind("user", "/api/v1/users", "users", UserProvider)
_MEMBERS = Kind(
    "member", "/api/v1/organizations/{parent}/users", "organization_users",
    OrganizationUserProvider, resource_id="{parent}/{id}",
)  # fmt: skip
_USER_PROPERTIES = Kind(
    "property", "/api/v1/users/{parent}/properties", "properties", style="single"
)


def get_user(
    id: str | None = None,
    *,
    email: str | None = None,
    username: str | None = None,
    provided_id: str | None = None,
    profile: str | None = None,
) -> Found[UserState]:
    """A user by id (``kp_...``), by (primary) e-mail address, username or your own
    ``provided_id``. An e-mail lookup asks Kinde for that address only."""
    if email is not None and id is None and username is None and provided_id is None:
        # Kinde filters its user list by e-mail: one request, not a walk of every user.
        api = client(profile)
        users = api.get("/api/v1/users", params={"email": email}).get("users") or []
        matches = filtered(users, {"email": email})
        if len(matches) != 1:
            how = "no" if not matches else f"{len(matches)}"
            raise KindeLookupError(f"{how} users match {{'email': {email!r}}}")
        id = str(matches[0]["id"])
        email = None
    return get(_USERS, profile, id, email=email, username=username, provided_id=provided_id)


def get_user_output(
    id: pulumi.Input[str] | None = None, *, email: pulumi.Input[str] | None = None,
    username: pulumi.Input[str] | None = None, provided_id: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[UserState]]:  # fmt: skip
    """:func:`get_user` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(
        lambda **v: get_user(**v, profile=profile),
        id=id, email=email, username=username, provided_id=provided_id,
    )  # fmt: skip


def list_users(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Every user whose listed fields equal ``equals`` (e.g. ``is_suspended=True``)."""
    return filtered(listed(_USERS, client(profile)), equals)


def get_organization_user(
    organization_code: str, user_id: str, *, profile: str | None = None
) -> Found[OrganizationUserState]:
    """A user's membership of an organization, with its roles and direct permissions.
    ``Found.id`` is the ``OrganizationUser`` resource id, ``organization_code/user_id``."""
    return get(_MEMBERS, profile, user_id, parent=organization_code, id_name="user id")


def get_organization_user_output(
    organization_code: pulumi.Input[str], user_id: pulumi.Input[str], *,
    profile: str | None = None,
) -> pulumi.Output[Found[OrganizationUserState]]:  # fmt: skip
    """:func:`get_organization_user` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(
        lambda **v: get_organization_user(**v, profile=profile),
        organization_code=organization_code, user_id=user_id,
    )  # fmt: skip


def list_organization_users(
    organization_code: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every member of an organization whose listed fields equal ``equals``."""
    return filtered(listed(_MEMBERS, client(profile), organization_code), equals)


def list_user_properties(
    user_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """A user's property values (``{id, key, name, value, ...}``) whose fields equal
    ``equals``."""
    return filtered(listed(_USER_PROPERTIES, client(profile), user_id), equals)
