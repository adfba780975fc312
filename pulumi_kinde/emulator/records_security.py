"""Records of security policy (MFA, passkeys, organization sessions), logos, API keys and
SCIM directories.

Policies are keyed by their owner: ``"environment"`` or an organization's code. A record
exists only where something was set: no passkey record means the environment's policy is
``off`` (an organization's: it follows the environment), no session record means the
organization follows the environment's session settings. The live service keeps an
override's last values when the override is switched off; the emulator forgets them, so a
switched-off override and one never set look the same (and a destroyed one leaves the store
as it was).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from pulumi_kinde.emulator import ids

__all__ = [
    "ENVIRONMENT",
    "ApiKey",
    "Directory",
    "Logo",
    "MfaPolicy",
    "PasskeyPolicy",
    "SessionPolicy",
    "api_key_id",
    "api_key_value",
    "directory_endpoint_id",
    "directory_id",
    "scim_token",
]

ENVIRONMENT = "environment"
"""The owner key of the environment's own policies and logos."""


def _strings() -> list[str]:
    return []


@dataclass
class MfaPolicy:
    """MFA configuration of the environment (with ``policy``) or of one organization."""

    owner: str
    enabled_factors: list[str] = field(default_factory=_strings)
    is_recovery_codes_enabled: bool = True
    policy: str | None = None


@dataclass
class PasskeyPolicy:
    """The environment's passkey policy, or an organization's override of it."""

    owner: str
    policy: str


@dataclass
class SessionPolicy:
    """An organization's session overrides; ``None``: follows the environment."""

    org_code: str
    sso_session_persistence_mode: str | None = None
    authenticated_session_lifetime: int | None = None


@dataclass
class Logo:
    """An uploaded logo (``id`` ``owner/type``). The content is kept as its hash."""

    id: str
    owner: str
    type: str
    file_name: str
    content_type: str
    sha256: str
    size: int


@dataclass
class ApiKey:
    """An API key. Its value is kept apart (``Store.api_key_values``): it changes on each
    rotation, and two equivalent runs must leave equal records."""

    id: str
    name: str
    type: str
    api_id: str
    created_on: str
    scope_ids: list[str] = field(default_factory=_strings)
    org_code: str | None = None
    user_id: str | None = None
    status: str = "active"
    created_by: str | None = None


@dataclass
class Directory:
    """A SCIM directory of an organization."""

    id: str
    org_code: str
    directory_name: str
    provider_code: str
    directory_endpoint_id: str
    secret_token: str
    created_on: str
    enterprise_connection_id: str | None = None
    status: str = "Pending"


# Formats as in the spec's examples.


def api_key_id() -> str:
    """An API key's id, e.g. ``api_key_0195ac80a14e8d71f42b98e75d3c61ad``."""
    return "api_key_" + ids.api_id()


def api_key_value() -> str:
    """A new API key value, e.g. ``k_live_1234567890abcdef...`` (48 characters)."""
    return "k_live_" + secrets.token_hex(20) + secrets.choice("abcdefghij")


def directory_id() -> str:
    """A SCIM directory's id, e.g. ``directory_0192b1941f125645fa15bf28a662a0b3``."""
    return "directory_" + ids.api_id()


def directory_endpoint_id() -> str:
    """A SCIM directory's endpoint id, e.g. ``ksde_0192b1941f125645fa15bf28a662a0b3``."""
    return "ksde_" + ids.api_id()


def scim_token() -> str:
    """A SCIM directory's bearer token, e.g. ``kstkn_`` and 64 hex digits."""
    return "kstkn_" + secrets.token_hex(32)
