"""Who manages an association: a whole set on the parent, or one resource per pairing.

Two resources of one program that declare the same unique thing (two permissions with one
key, two pairings of the same application and API) would fight too, or fail half-way: each
provider claims its unique keys in check(), and the second claimant fails naming both.

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

__all__ = ["claim_unique", "claim_whole_set", "reset", "whole_set_owner"]

_lock = threading.Lock()
_claims: dict[tuple[str, str], str] = {}
_unique: dict[tuple[object, ...], str] = {}


def claim_unique(key: tuple[object, ...], owner: str) -> str | None:
    """Record that the resource ``owner`` declares the unique ``key`` (say, a permission
    key in one business); return another resource that declared it already, if any."""
    with _lock:
        other = _unique.setdefault(key, owner)
    return None if other == owner else other


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
        _unique.clear()
