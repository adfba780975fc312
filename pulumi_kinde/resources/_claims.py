"""What the resources of one deployment declare and hold, as the provider process sees it.

Two resources of one program that declare the same unique thing (two permissions with one
key, two users with one e-mail address, two pairings of the same application and API) would
fight too, or fail half-way: each provider claims its unique keys in check(), and the second
claimant fails naming both.

Two ways to say "connection C is enabled for application A" would fight on every run: a
``Connection`` that declares all of its ``enabled_applications``, and an
``ApplicationConnection`` that adds one pairing. The provider process sees every resource of
a deployment, so the set owner claims its parent id here (in diff and create, which run
before any resource that depends on it is checked), and a pairing resource's check() fails
when its parent is claimed.

A delete never removes what another resource took over: each create records the Kinde
object it made or adopted (:func:`hold`), and a delete of the same object by another
resource in the same deployment (a renamed resource's old name, whose object the new name
adopted) leaves it in Kinde. So does the delete of the old half of a replacement whose new
half took the very object it replaces: diff records each resource's object (:func:`diffed`),
so a create that comes after the diff, and holds the object the diff saw, is that case (it
also lets a create that clashes with the object it replaces say so).

Nothing here is pickled; all of it lives as long as the process, which the engine starts
afresh for each deployment.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

__all__ = [
    "Diffed",
    "Held",
    "claim_unique",
    "claim_whole_set",
    "diffed",
    "hold",
    "holder",
    "last_diff",
    "release",
    "reset",
    "whole_set_owner",
]

_order = itertools.count()
"""Orders holds and diffs in the process: a hold after a diff is a replacement's."""


@dataclass(frozen=True)
class Held:
    """Who made or adopted an object in this process, how, and when (an order)."""

    owner: str
    how: str
    order: int = field(default_factory=lambda: next(_order))


@dataclass(frozen=True)
class Diffed:
    """The object a resource held when it was last diffed, the fields that force its
    replacement (none: an update or no change), and when (an order)."""

    id: str
    replaces: tuple[str, ...]
    order: int = field(default_factory=lambda: next(_order))


_lock = threading.Lock()
_claims: dict[tuple[str, str], str] = {}
_unique: dict[tuple[object, ...], str] = {}
_held: dict[tuple[object, ...], Held] = {}
_diffed: dict[tuple[object, ...], Diffed] = {}


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


def hold(key: tuple[object, ...], owner: str, how: str) -> None:
    """Record that the resource ``owner`` made or adopted (``how``) the Kinde object ``key``
    (profile, provider, id)."""
    with _lock:
        _held[key] = Held(owner, how)


def holder(key: tuple[object, ...]) -> Held | None:
    """The resource that made or adopted the object ``key`` in this process, if any."""
    with _lock:
        return _held.get(key)


def release(key: tuple[object, ...]) -> None:
    """Forget who holds the object ``key`` (it was deleted)."""
    with _lock:
        _held.pop(key, None)


def diffed(key: tuple[object, ...], id_: str, replaces: tuple[str, ...]) -> None:
    """Record that the resource ``key`` (profile, provider, name) holding the object ``id_``
    was diffed, and which fields force its replacement."""
    with _lock:
        _diffed[key] = Diffed(id_, replaces)


def last_diff(key: tuple[object, ...]) -> Diffed | None:
    """The last diff of the resource ``key`` (profile, provider, name) in this process."""
    with _lock:
        return _diffed.get(key)


def reset() -> None:
    with _lock:
        _claims.clear()
        _unique.clear()
        _held.clear()
        _diffed.clear()
