"""The emulator's data on disk: every stored object as JSON, written atomically.

``python -m pulumi_kinde.emulator --data FILE`` and ``pulumi-kinde try --state FILE`` keep a
business between runs with these functions. A file is replaced in one ``os.replace`` of a
fully written and synced temporary file beside it, so a process killed at any moment leaves
either the previous file or the new one, never a half-written one.

The data holds what the emulator holds, application client secrets included: it describes a
local, made-up business and is written readable by its owner only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pulumi_kinde.emulator.store import Store

__all__ = ["FORMAT", "dump_store", "load_store", "read_json", "write_atomic"]

FORMAT = "pulumi-kinde-emulator/1"
"""The ``format`` of the data :func:`dump_store` returns."""


def dump_store(store: Store) -> dict[str, Any]:
    """Every record of ``store`` as plain JSON-ready data."""
    with store.lock:
        collections = {
            name: [dataclasses.asdict(record) for record in collection.all()]
            for name, collection in store.collections().items()
        }
    return {"format": FORMAT, "collections": collections}


def load_store(store: Store, data: dict[str, Any]) -> None:
    """Replace what ``store`` holds with ``data`` (from :func:`dump_store`).

    Fields a record no longer has are dropped and new fields take their defaults, so data
    written by an older version still loads.
    """
    if data.get("format") != FORMAT:
        raise ValueError(f"not emulator data (format {data.get('format')!r}, want {FORMAT!r})")
    stored: dict[str, list[dict[str, Any]]] = data.get("collections") or {}
    with store.lock:
        collections = store.collections()
        unknown = sorted(set(stored) - set(collections))
        if unknown:
            raise ValueError(f"emulator data has unknown collections: {', '.join(unknown)}")
        for name, collection in collections.items():
            collection.clear()
            init = {f.name for f in dataclasses.fields(collection.record_type) if f.init}
            for item in stored.get(name, []):
                values = {key: value for key, value in item.items() if key in init}
                collection.add(collection.record_type(**values))


def read_json(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None when there is no such file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path} does not hold a JSON object")
    return data


def write_atomic(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` so that ``path`` is never seen half-written."""
    target = Path(path)
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
