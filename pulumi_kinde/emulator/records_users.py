"""The records of users, their identities and their organization memberships.

A user's email address, phone number and username are not fields of :class:`User`: they are
its :class:`Identity` records (``type`` ``email``, ``phone``, ``username``), and the user's
``preferred_email``/``phone``/``username`` are those of its primary identity of each type.
A membership (:class:`OrganizationUser`) holds the roles and the directly granted permissions
a user has in one organization; its key is ``"<org_code>/<user_id>"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pulumi_kinde.emulator import ids

__all__ = ["Identity", "OrganizationUser", "User", "identity_id", "membership_id"]


def _strings() -> list[str]:
    return []


def identity_id() -> str:
    """An identity's id, e.g. ``identity_019617f0cd72460a42192cf37b41084f``."""
    # ids.api_id() is the generic time-ordered 32-hex generator.
    return "identity_" + ids.api_id()


def membership_id(org_code: str, user_id: str) -> str:
    """The key of the membership of ``user_id`` in ``org_code``."""
    return f"{org_code}/{user_id}"


@dataclass
class User:
    """A user's profile. ``provided_id`` is the caller's external id for the user."""

    id: str
    created_on: str
    first_name: str | None = None
    last_name: str | None = None
    picture: str | None = None
    provided_id: str | None = None
    is_suspended: bool = False
    is_password_reset_requested: bool = False
    total_sign_ins: int = 0
    failed_sign_ins: int = 0
    last_signed_in: str | None = None
    password_hash: str | None = None
    """The hashed password last set (never returned by any endpoint)."""
    password_hashing_method: str | None = None
    is_password_temporary: bool = False


@dataclass
class Identity:
    """One way a user signs in.

    ``type`` is ``email``, ``phone`` or ``username``, or for ``social``/``enterprise``
    identities the strategy of connection ``connection_id`` (``oauth2:google``). ``name`` is
    the value (the address, number or username). One identity of each type is primary.
    """

    id: str
    user_id: str
    type: str
    name: str
    created_on: str
    is_primary: bool = False
    is_confirmed: bool = False
    connection_id: str | None = None
    phone_country_id: str | None = None
    total_logins: int = 0
    last_login_on: str | None = None


@dataclass
class OrganizationUser:
    """A user's membership of an organization, with its role ids, the ids of the
    permissions granted directly (permissions granted through a role are not listed) and
    the API scopes granted to it."""

    org_code: str
    user_id: str
    joined_on: str
    role_ids: list[str] = field(default_factory=_strings)
    permission_ids: list[str] = field(default_factory=_strings)
    api_scopes: list[str] = field(default_factory=_strings)
    """API scopes granted to the member, as ``api_id/scope_id`` (Kinde cannot list them)."""
    last_accessed_on: str | None = None
    id: str = field(init=False)

    def __post_init__(self) -> None:
        self.id = membership_id(self.org_code, self.user_id)
