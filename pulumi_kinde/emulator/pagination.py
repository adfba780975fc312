"""The two pagination styles the Management API uses.

- Token style (applications, organizations, roles, permissions, role permissions, ...):
  request ``page_size`` and ``next_token``; the answer carries ``next_token`` while more
  pages follow and omits it on the last page.
- Cursor style (connections, properties, property categories, application access roles):
  request ``page_size`` and one of ``starting_after`` / ``ending_before`` (an object id);
  the answer carries ``has_more``.

``page_size`` defaults to 10; zero, negative or above the maximum (500, as documented; 100 on
the lists that say so) is a 400 ``PAGE_SIZE_LIMIT_EXCEEDED``.

Live: a ``next_token`` is an opaque cursor that decodes to an offset and the sort
(``<offset>:::<sort>``, as a recorded page of moredure/kinde-go shows), not to the last item
seen. So, as on the live service, walking the pages while objects are added or deleted can
repeat an item or skip one: clients must de-duplicate, and look twice before concluding that
an object is gone.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pulumi_kinde.emulator.errors import ApiError, error_body
from pulumi_kinde.emulator.routing import Call

__all__ = ["DEFAULT_PAGE_SIZE", "cursor_page", "page_size", "token_page"]

DEFAULT_PAGE_SIZE = 10

Item = TypeVar("Item")
SortKey = tuple[Any, ...]


def page_size(call: Call, limit: int | None = None) -> int:
    """The requested page size, checked against the emulator's maximum (or ``limit``)."""
    size = call.query_int("page_size")
    if size is None:
        return DEFAULT_PAGE_SIZE
    if size < 1:
        raise ApiError(400, error_body("INVALID_PAGE_SIZE", "page_size must be at least 1"))
    largest = min(call.max_page_size, limit) if limit else call.max_page_size
    if size > largest:
        raise ApiError(
            400,
            error_body("PAGE_SIZE_LIMIT_EXCEEDED", f"Page size cannot be greater than {largest}"),
        )
    return size


def token_page(
    call: Call, items: Sequence[Item], key: Callable[[Item], SortKey], *, reverse: bool = False
) -> tuple[list[Item], str | None]:
    """One page of ``items`` ordered by ``key``, and the token for the next page (or None)."""
    size = page_size(call)
    ordered = sorted(items, key=key, reverse=reverse)
    token = call.query.get("next_token")
    offset = _decode_token(token) if token else 0
    page = ordered[offset : offset + size]
    more = offset + size < len(ordered)
    sort = call.query.get("sort") or ("id_desc" if reverse else "id_asc")
    return page, (_encode_token(offset + size, sort) if more else None)


def cursor_page(
    call: Call, items: Sequence[Item], id_of: Callable[[Item], str], *, limit: int | None = None
) -> tuple[list[Item], bool]:
    """One page of ``items`` (ordered by id) after ``starting_after`` or before
    ``ending_before``, and whether more follow in that direction. ``limit``: a lower maximum
    page size than the emulator's, for the lists that have one."""
    size = page_size(call, limit)
    after = call.query.get("starting_after") or None
    before = call.query.get("ending_before") or None
    if after and before:
        raise ApiError(
            400,
            error_body(
                "TOO_MANY_PARAMETERS",
                "Only one of starting_after or ending_before may be specified",
            ),
        )
    ordered = sorted(items, key=id_of)
    if after:
        rest = [item for item in ordered if id_of(item) > after]
        return rest[:size], len(rest) > size
    if before:
        rest = [item for item in ordered if id_of(item) < before]
        return rest[-size:], len(rest) > size
    return ordered[:size], len(ordered) > size


def _encode_token(offset: int, sort: str) -> str:
    return base64.urlsafe_b64encode(f"{offset}:::{sort}".encode()).decode().rstrip("=")


def _decode_token(token: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        offset = int(raw.split(":::", 1)[0])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
    if offset < 0:
        raise ApiError(400, error_body("INVALID_NEXT_TOKEN", "next_token is not valid"))
    return offset
