"""Who manages an association: a whole set on the parent, or one resource per pairing.

Two ways to say "connection C is enabled for application A" would fight on every run: a
``Connection`` that declares all of its ``enabled_applications``, and an
``ApplicationConnection`` that adds one pairing. The provider process sees every resource of
a deployment, so the set owner claims its parent id here (in diff and create, which run
before any resource that depends on it is checked), and a pairing resource's check() fails
when its parent is claimed. Nothing here is pickled; claims live as long as the process,
which the engine starts afresh for each deployment.
"""

from __future__ import annotations

import threading

__all__ = ["claim_whole_set", "reset", "whole_set_owner"]

_lock = threading.Lock()
_claims: dict[tuple[str, str], str] = {}


def claim_whole_set(relation: str, parent_id: str, owner: str) -> None:
    """Record that ``owner`` declares the whole ``relation`` set of ``parent_id``."""
    with _lock:
        _claims[(relation, parent_id)] = owner


def whole_set_owner(relation: str, parent_id: str) -> str | None:
    """Who declared the whole ``relation`` set of ``parent_id``, if anyone did."""
    with _lock:
        return _claims.get((relation, parent_id))


def reset() -> None:
    with _lock:
        _claims.clear()
