"""Walking Kinde's paginated lists: ``next_token`` style and ``starting_after`` style.

Live: a ``next_token`` decodes to an offset (a recorded page of moredure/kinde-go), so a list
that changes while it is walked shifts under the cursor: an object added before the cursor
comes again, one removed before it makes the next page skip an object that never moved.
Every walk therefore yields each id once, and :func:`collect` walks a list of several pages
a second time and keeps what either walk saw, so that an object present all along is not
missed (it would have to be skipped by both walks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar

__all__ = [
    "BULK_LIMIT",
    "MAX_PAGES",
    "PAGE_SIZE",
    "PageStyle",
    "batches",
    "collect",
    "item_id",
    "iterate_pages",
]

PAGE_SIZE = 100
"""Kinde documents 500 in prose and 100 in an example; 100 is accepted everywhere."""

BULK_LIMIT = 100
"""The most objects one bulk POST/PATCH takes (live: docs.kinde.com, API rate limits: bulk
endpoints update at most 100 objects a request; for organization members the evidence says
so of ``PATCH /organizations/{code}/users``)."""

MAX_PAGES = 10_000
"""A bound on any walk, so that a server that keeps answering cannot loop us forever."""

PageStyle = Literal["next_token", "starting_after"]

Fetch = Callable[[Mapping[str, Any]], Any]
T = TypeVar("T")


def iterate_pages(
    fetch: Fetch,
    items_key: str,
    params: Mapping[str, Any] | None = None,
    *,
    style: PageStyle = "next_token",
    id_key: str = "id",
    page_size: int = PAGE_SIZE,
) -> Iterator[dict[str, Any]]:
    """Yield every item of a list, fetching page after page with ``fetch(params)``.

    ``next_token`` style: each page carries ``next_token``; pass it back until it is empty.
    ``starting_after`` style: each page carries ``has_more``; pass the last item's id back.
    An item whose id (:func:`item_id`) came already is not yielded again.
    """
    query: dict[str, Any] = {**(params or {}), "page_size": page_size}
    seen_cursors: set[str] = set()
    seen_ids: set[str] = set()
    for _ in range(MAX_PAGES):
        body = fetch(query)
        items = body.get(items_key) if isinstance(body, dict) else None
        items = items if isinstance(items, list) else []
        for item in items:
            identity = item_id(item, id_key)
            if identity is None or identity not in seen_ids:
                if identity is not None:
                    seen_ids.add(identity)
                yield item
        if not items:
            return
        if style == "next_token":
            cursor = body.get("next_token") if isinstance(body, dict) else None
            if not cursor or cursor in seen_cursors:
                return
            query["next_token"] = cursor
        else:
            if not (isinstance(body, dict) and body.get("has_more")):
                return
            cursor = items[-1].get(id_key)
            if not cursor or cursor in seen_cursors:
                return
            query["starting_after"] = cursor
        seen_cursors.add(str(cursor))


def item_id(item: Any, id_key: str = "id") -> str | None:
    """The identity of a listed item: its ``id_key``, else its ``code`` (organizations), else
    the ``id`` of the one object it wraps (``{"connection": {...}}``); None if it has none."""
    if not isinstance(item, dict):
        return None
    for key in (id_key, "code"):
        if item.get(key) is not None:
            return str(item[key])
    inner = [v for v in item.values() if isinstance(v, dict)]
    if len(inner) == 1 and inner[0].get(id_key) is not None:
        return str(inner[0][id_key])
    return None


def collect(
    fetch: Fetch,
    items_key: str,
    params: Mapping[str, Any] | None = None,
    *,
    style: PageStyle = "next_token",
    id_key: str = "id",
    page_size: int = PAGE_SIZE,
) -> list[dict[str, Any]]:
    """Every item of a list, each id once, correct while the list changes under the walk.

    A ``next_token`` list longer than one page is walked twice and what either walk saw is
    kept (first walk's order, then what only the second saw): one walk may skip an object
    that an offset cursor moved past. ``starting_after`` cursors name the last id seen, so
    one walk is enough.
    """

    def walk() -> Iterator[dict[str, Any]]:
        return iterate_pages(
            fetch, items_key, params, style=style, id_key=id_key, page_size=page_size
        )

    first = list(walk())
    if style != "next_token" or len(first) < page_size:
        return first
    seen = {item_id(item, id_key) for item in first}
    return first + [item for item in walk() if item_id(item, id_key) not in seen]


def batches(items: Sequence[T], size: int = BULK_LIMIT) -> Iterator[Sequence[T]]:
    """``items`` in runs of at most ``size``, for bulk endpoints (:data:`BULK_LIMIT`)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
