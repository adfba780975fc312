"""The two pagination styles the Management API uses.

- Token style (applications, organizations, roles, permissions, role permissions, ...):
  request ``page_size`` and ``next_token``; the answer carries ``next_token`` while more
  pages follow and omits it on the last page.
- Cursor style (connections, properties, property categories, application access roles):
  request ``page_size`` and one of ``starting_after`` / ``ending_before`` (an object id);
  the answer carries ``has_more``.

``page_size`` defaults to 10; zero, negative or above the maximum (500, as documented) is a
400. A ``next_token`` encodes the sort key of the last item returned, not an offset, so
walking the pages while objects are added or deleted skips or repeats nothing that stayed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pulumi_kinde.emulator.errors import ApiError, error_body
from pulumi_kinde.emulator.routing import Call

__all__ = ["DEFAULT_PAGE_SIZE", "cursor_page", "page_size", "token_page"]

DEFAULT_PAGE_SIZE = 10

Item = TypeVar("Item")
SortKey = tuple[Any, ...]


def page_size(call: Call) -> int:
    """The requested page size, checked against the emulator's maximum."""
    size = call.query_int("page_size")
    if size is None:
        return DEFAULT_PAGE_SIZE
    if size < 1:
        raise ApiError(400, error_body("INVALID_PAGE_SIZE", "page_size must be at least 1"))
    if size > call.max_page_size:
        raise ApiError(
            400,
            error_body(
                "PAGE_SIZE_LIMIT_EXCEEDED",
                f"Page size cannot be greater than {call.max_page_size}",
            ),
        )
    return size


def token_page(
    call: Call, items: Sequence[Item], key: Callable[[Item], SortKey], *, reverse: bool = False
) -> tuple[list[Item], str | None]:
    """One page of ``items`` ordered by ``key``, and the token for the next page (or None)."""
    size = page_size(call)
    ordered = sorted(items, key=key, reverse=reverse)
    token = call.query.get("next_token")
    if token:
        after = _decode_token(token)
        try:
            if reverse:
                ordered = [item for item in ordered if list(key(item)) < after]
            else:
                ordered = [item for item in ordered if list(key(item)) > after]
        except TypeError:
            raise ApiError(
                400, error_body("INVALID_NEXT_TOKEN", "next_token is not valid")
            ) from None
    page = ordered[:size]
    more = len(ordered) > size
    return page, (_encode_token(list(key(page[-1]))) if more and page else None)


def cursor_page(
    call: Call, items: Sequence[Item], id_of: Callable[[Item], str]
) -> tuple[list[Item], bool]:
    """One page of ``items`` (ordered by id) after ``starting_after`` or before
    ``ending_before``, and whether more follow in that direction."""
    size = page_size(call)
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


def _encode_token(position: list[Any]) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_token(token: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        position = json.loads(raw)
    except (binascii.Error, ValueError):
        position = None
    if not isinstance(position, list):
        raise ApiError(400, error_body("INVALID_NEXT_TOKEN", "next_token is not valid"))
    return position
