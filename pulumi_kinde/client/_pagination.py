"""Walking Kinde's paginated lists: ``next_token`` style and ``starting_after`` style."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

__all__ = ["MAX_PAGES", "PAGE_SIZE", "PageStyle", "iterate_pages"]

PAGE_SIZE = 100
"""Kinde documents 500 in prose and 100 in an example; 100 is accepted everywhere."""

MAX_PAGES = 10_000
"""A bound on any walk, so that a server that keeps answering cannot loop us forever."""

PageStyle = Literal["next_token", "starting_after"]

Fetch = Callable[[Mapping[str, Any]], Any]


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
    """
    query: dict[str, Any] = {**(params or {}), "page_size": page_size}
    seen_cursors: set[str] = set()
    for _ in range(MAX_PAGES):
        body = fetch(query)
        items = body.get(items_key) if isinstance(body, dict) else None
        items = items if isinstance(items, list) else []
        yield from items
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
