"""Values as the dynamic provider server hands them over: unknowns, and comparison."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.dynamic.dynamic import PROVIDER_KEY
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

__all__ = ["PROVIDER_KEY", "contains_unknown", "same_value", "user_props"]


def contains_unknown(value: Any) -> bool:
    """Whether ``value`` is, or holds, a value not known yet (a preview of a new dependency)."""
    if isinstance(value, Unknown) or value == UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_unknown(v) for v in value)
    return False


def user_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` without the serialized provider."""
    return {k: v for k, v in props.items() if k != PROVIDER_KEY}


def _canonical(value: Any, unordered: bool) -> Any:
    if isinstance(value, Mapping):
        return {k: _canonical(v, False) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        items = [_canonical(v, False) for v in value]
        if unordered:
            return sorted({repr(v): v for v in items}.items())
        return items
    return value


def same_value(old: Any, new: Any, *, unordered: bool = False) -> bool:
    """Whether two field values mean the same to Kinde (sets compare without order)."""
    return bool(_canonical(old, unordered) == _canonical(new, unordered))
