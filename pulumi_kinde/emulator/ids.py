"""Identifiers in the styles Kinde uses.

Every generator is monotonic within a process: a later id sorts after an earlier one, so the
emulator can list objects in creation order by sorting on their id (which keeps cursor
pagination stable while objects are added or deleted between pages).

Styles, as seen in the Management API spec's examples:

- APIs, applications (id and client id): 32 lowercase hex digits.
- API scopes: ``api_scope_`` + 32 hex; connections: ``conn_`` + 32 hex; properties ``prop_``.
- Roles and permissions: UUID-shaped (``0192c16a-bb53-b442-77e5-97d31877ba5b``).
- Organizations: ``org_`` + 11 hex digits.
- Users: ``kp_`` + 32 hex.
"""

from __future__ import annotations

import secrets
import string
import threading
import time

__all__ = [
    "api_id",
    "api_scope_id",
    "application_id",
    "billing_customer_id",
    "category_id",
    "client_secret",
    "connection_id",
    "org_code",
    "permission_id",
    "property_id",
    "role_id",
    "user_id",
    "webhook_id",
]

_lock = threading.Lock()
_last_wide = 0
_last_short = 0

_SECRET_ALPHABET = string.ascii_letters + string.digits


def _time_ordered_hex() -> str:
    """32 hex digits: a millisecond timestamp then random bits, strictly increasing."""
    global _last_wide
    value = (time.time_ns() // 1_000_000) << 80 | secrets.randbits(80)
    with _lock:
        value = max(value, _last_wide + 1)
        _last_wide = value
    return f"{value:032x}"


def _as_uuid(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def api_id() -> str:
    """An API's id, e.g. ``7ccd126599aa422a771abcb341596881``."""
    return _time_ordered_hex()


def application_id() -> str:
    """An application's id, which is also its client id."""
    return _time_ordered_hex()


def api_scope_id() -> str:
    """An API scope's id, e.g. ``api_scope_019391daf58d87d8a7213419c016ac95``."""
    return "api_scope_" + _time_ordered_hex()


def connection_id() -> str:
    """A connection's id, e.g. ``conn_0192c16abb53b44277e597d31877ba5b``."""
    return "conn_" + _time_ordered_hex()


def role_id() -> str:
    """A role's id, UUID-shaped."""
    return _as_uuid(_time_ordered_hex())


def permission_id() -> str:
    """A permission's id, UUID-shaped (roles reference it as ``format: uuid``)."""
    return _as_uuid(_time_ordered_hex())


def webhook_id() -> str:
    """A webhook's id, ``webhook_`` + 32 hex (live: docs.kinde.com, "About webhooks")."""
    return "webhook_" + _time_ordered_hex()


def property_id() -> str:
    """A property definition's id, e.g. ``prop_0192b7e8b4f8ca08110d2b22059662a8``."""
    return "prop_" + _time_ordered_hex()


def category_id() -> str:
    """A property category's id."""
    return "cat_" + _time_ordered_hex()


def user_id() -> str:
    """A user's id, e.g. ``kp_c3143a4b50ad43c88e541d9077681782``."""
    return "kp_" + _time_ordered_hex()


def billing_customer_id() -> str:
    """A billing customer's id."""
    return "customer_" + _time_ordered_hex()


def org_code() -> str:
    """An organization's code, e.g. ``org_1ccfb819462`` (11 hex digits, increasing)."""
    global _last_short
    with _lock:
        value = max(time.time_ns() // 1_000_000, _last_short + 1)
        _last_short = value
    return f"org_{value & 0xFFFFFFFFFFF:011x}"


def client_secret() -> str:
    """An application's client secret: 52 letters and digits."""
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(52))
