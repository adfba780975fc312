"""Reads of objects Kinde only lets us list (permissions, webhooks, ...), shared per process.

Refreshing 100 permissions would otherwise walk the whole permission list 100 times. A walk
is kept for a few seconds and reused by every resource of the provider process; any write
through the same client makes it stale at once, so a read after our own write is fresh.
Concurrent readers of the same list wait for one walk instead of starting their own.

Live: Kinde's ``next_token`` is an offset, so a list can move under a walk (objects created
or deleted meanwhile, by us or by anyone). Each walk is de-duplicated by id and settled
(:meth:`KindeClient.collect`), and nothing here concludes that an object is absent from one
walk: a lookup that finds nothing walks the list afresh and looks a second time.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..client import KindeClient, PageStyle

__all__ = ["ensure_listable", "find_listed", "find_one", "list_all", "look_twice"]

_TTL = 5.0


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    items: list[dict[str, Any]] | None = None
    writes: int = -1
    at: float = 0.0


# Per client (weakly: a client rebuilt after a config change could reuse a dead one's id()
# and be served its walks), then per (path, items key).
_entries: weakref.WeakKeyDictionary[KindeClient, dict[tuple[str, str], _Entry]] = (
    weakref.WeakKeyDictionary()
)
_entries_lock = threading.Lock()


def list_all(
    api: KindeClient,
    path: str,
    items_key: str,
    style: PageStyle = "next_token",
    *,
    fresh: bool = False,
) -> list[dict[str, Any]]:
    """Every item of a list, from a walk at most a few seconds old and newer than any write
    (``fresh``: a new walk in any case)."""
    with _entries_lock:
        entry = _entries.setdefault(api, {}).setdefault((path, items_key), _Entry())
    with entry.lock:
        recent = entry.writes == api.stats.writes and time.monotonic() - entry.at < _TTL
        if entry.items is None or fresh or not recent:
            writes = api.stats.writes
            entry.items = api.collect(path, items_key, style=style)
            entry.writes, entry.at = writes, time.monotonic()
        return entry.items


def ensure_listable(api: KindeClient, path: str, items_key: str) -> None:
    """Walk the list once per client, unless walked already: a refusal (a missing read
    scope) then fails here, before a write whose result only the list can show."""
    with _entries_lock:
        entry = _entries.get(api, {}).get((path, items_key))
    if entry is None or entry.items is None:
        list_all(api, path, items_key)


def look_twice(
    api: KindeClient,
    path: str,
    items_key: str,
    match: Callable[[dict[str, Any]], bool],
    style: PageStyle = "next_token",
) -> list[dict[str, Any]]:
    """The items of a list that ``match``; when none does, a second look at a fresh walk
    (the list may have moved under the first one) before answering that there are none."""
    found = [i for i in list_all(api, path, items_key, style) if match(i)]
    if not found:
        found = [i for i in list_all(api, path, items_key, style, fresh=True) if match(i)]
    return found


def find_listed(
    api: KindeClient,
    path: str,
    items_key: str,
    id_: str,
    *,
    id_key: str = "id",
    style: PageStyle = "next_token",
) -> dict[str, Any] | None:
    """The item of a list whose ``id_key`` is ``id_``, or ``None`` (after a second look)."""
    found = look_twice(api, path, items_key, lambda i: i.get(id_key) == id_, style)
    return found[0] if found else None


def find_one(
    api: KindeClient,
    path: str,
    items_key: str,
    where: Mapping[str, Any],
    *,
    id_key: str = "id",
    style: PageStyle = "next_token",
) -> str | None:
    """The id of the one listed item whose fields equal ``where``; ``None`` if none (after
    a second look) or several."""
    found = look_twice(
        api, path, items_key, lambda i: all(i.get(k) == v for k, v in where.items()), style
    )
    return str(found[0][id_key]) if len(found) == 1 else None
