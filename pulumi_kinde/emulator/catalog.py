"""The Management API's operations, read from the bundled ``endpoints.tsv``.

One row per operation: method, path, operationId, the scope a token needs, and the success
codes. The emulator takes the required scope of every route from here, so a route and its
scope can never disagree with the published table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

__all__ = ["Operation", "all_scopes", "operations"]


@dataclass(frozen=True)
class Operation:
    """One operation of the Management API."""

    method: str
    path: str
    operation_id: str
    scope: str | None
    success_codes: tuple[int, ...]


@functools.cache
def operations() -> dict[str, Operation]:
    """Every operation, keyed by operationId."""
    text = resources.files(__package__).joinpath("endpoints.tsv").read_text(encoding="utf-8")
    table: dict[str, Operation] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        method, path, operation_id, scope, codes = line.split("\t")
        table[operation_id] = Operation(
            method=method.upper(),
            path=path,
            operation_id=operation_id,
            scope=scope or None,
            success_codes=tuple(int(code) for code in codes.split(",")),
        )
    return table


@functools.cache
def all_scopes() -> frozenset[str]:
    """Every scope any operation requires: what a token with full access carries."""
    return frozenset(op.scope for op in operations().values() if op.scope)
