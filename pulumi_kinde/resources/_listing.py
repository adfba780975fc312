"""Reads of objects Kinde only lets us list (permissions, webhooks, ...), shared per process.

Refreshing 100 permissions would otherwise walk the whole permission list 100 times. A walk
is kept for a few seconds and reused by every resource of the provider process; any write
through the same client makes it stale at once, so a read after our own write is fresh.
Concurrent readers of the same list wait for one walk instead of starting their own.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..client import KindeClient, PageStyle

__all__ = ["ensure_listable", "find_listed", "find_unique", "list_all"]

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
    api: KindeClient, path: str, items_key: str, style: PageStyle = "next_token"
) -> list[dict[str, Any]]:
    """Every item of a list, from a walk at most a few seconds old and newer than any write."""
    with _entries_lock:
        entry = _entries.setdefault(api, {}).setdefault((path, items_key), _Entry())
    with entry.lock:
        fresh = entry.writes == api.stats.writes and time.monotonic() - entry.at < _TTL
        if entry.items is None or not fresh:
            writes = api.stats.writes
            entry.items = list(api.paginate(path, items_key, style=style))
            entry.writes, entry.at = writes, time.monotonic()
        return entry.items


def ensure_listable(api: KindeClient, path: str, items_key: str) -> None:
    """Walk the list once per client, unless walked already: a refusal (a missing read
    scope) then fails here, before a write whose result only the list can show."""
    with _entries_lock:
        entry = _entries.get(api, {}).get((path, items_key))
    if entry is None or entry.items is None:
        list_all(api, path, items_key)


def find_listed(
    api: KindeClient, path: str, items_key: str, id_: str, *, id_key: str = "id"
) -> dict[str, Any] | None:
    """The item of a list whose ``id_key`` is ``id_``, or ``None``."""
    return next((i for i in list_all(api, path, items_key) if i.get(id_key) == id_), None)


def find_unique(items: list[dict[str, Any]], *, id_key: str = "id", **equals: Any) -> str | None:
    """The id of the one item whose fields equal ``equals``; ``None`` if none or several."""
    matches = [i for i in items if all(i.get(k) == v for k, v in equals.items())]
    return str(matches[0][id_key]) if len(matches) == 1 else None
