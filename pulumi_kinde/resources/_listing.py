"""Reads of objects Kinde only lets us list (permissions, webhooks, ...), shared per process.

Refreshing 100 permissions would otherwise walk the whole permission list 100 times. A walk
is kept for a few seconds and reused by every resource of the provider process; any write
through the same client makes it stale at once, so a read after our own write is fresh.
Concurrent readers of the same list wait for one walk instead of starting their own.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ..client import KindeClient, PageStyle

__all__ = ["find_listed", "find_unique", "list_all"]

_TTL = 5.0


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    items: list[dict[str, Any]] | None = None
    writes: int = -1
    at: float = 0.0


_entries: dict[tuple[int, str, str], _Entry] = {}
_entries_lock = threading.Lock()


def list_all(
    api: KindeClient, path: str, items_key: str, style: PageStyle = "next_token"
) -> list[dict[str, Any]]:
    """Every item of a list, from a walk at most a few seconds old and newer than any write."""
    key = (id(api), path, items_key)
    with _entries_lock:
        entry = _entries.setdefault(key, _Entry())
    with entry.lock:
        fresh = entry.writes == api.stats.writes and time.monotonic() - entry.at < _TTL
        if entry.items is None or not fresh:
            writes = api.stats.writes
            entry.items = list(api.paginate(path, items_key, style=style))
            entry.writes, entry.at = writes, time.monotonic()
        return entry.items


def find_listed(
    api: KindeClient, path: str, items_key: str, id_: str, *, id_key: str = "id"
) -> dict[str, Any] | None:
    """The item of a list whose ``id_key`` is ``id_``, or ``None``."""
    return next((i for i in list_all(api, path, items_key) if i.get(id_key) == id_), None)


def find_unique(items: list[dict[str, Any]], *, id_key: str = "id", **equals: Any) -> str | None:
    """The id of the one item whose fields equal ``equals``; ``None`` if none or several."""
    matches = [i for i in items if all(i.get(k) == v for k, v in equals.items())]
    return str(matches[0][id_key]) if len(matches) == 1 else None
