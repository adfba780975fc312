"""Conversion between wire-form property maps and ``google.protobuf.struct_pb2.Struct``.

Both directions go through the SDK's own marshalling (``rpc.serialize_properties`` and
``rpc.deserialize_properties``), so what goes on the wire is byte-for-byte what the SDK
would produce. Unknowns come back as the ``rpc.UNKNOWN`` string, secrets stay wrapped.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Mapping
from typing import Any, TypeVar

from google.protobuf import struct_pb2
from pulumi.output import Unknown
from pulumi.runtime import rpc

from ._values import UNKNOWN

__all__ = ["from_struct", "run_sync", "to_struct"]

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on a private event loop, from any thread.

    A private loop keeps the caller's loop (if any) untouched; when the calling thread is
    already running a loop, the coroutine runs on a short-lived helper thread instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run_on_new_loop(coro)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = _run_on_new_loop(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="pulumi-kinde-wire", daemon=True)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


def _run_on_new_loop(coro: Coroutine[Any, Any, T]) -> T:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    """Serialize a wire-form property map the way the SDK does."""
    struct: struct_pb2.Struct = run_sync(rpc.serialize_properties(dict(props), {}))
    return struct


def from_struct(struct: struct_pb2.Struct | None) -> dict[str, Any]:
    """Deserialize a ``Struct`` into a wire-form property map (unknowns kept)."""
    if struct is None:
        return {}
    value = rpc.deserialize_properties(struct, keep_unknowns=True)
    normalized = _normalize(value)
    if not isinstance(normalized, dict):
        raise TypeError(f"expected a property map, got {type(normalized).__name__}")
    return normalized


def _normalize(value: Any) -> Any:
    """Turn SDK ``Unknown`` objects into the wire sentinel, recursively."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value
