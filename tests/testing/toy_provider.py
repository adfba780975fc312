"""A tiny dynamic provider, for the harness tests only.

Objects live in a JSON file named by ``$TOY_PROVIDER_STATE``, so the provider process and the
test share them. Every call is logged in the same file. ``kind`` can only change by
replacement, ``token`` is a secret output (``additional_secret_outputs``), ``label`` comes
from the ``toy:label`` configuration read in ``configure()``, ``size`` must not be negative.
An object whose stored ``fail_delete`` is true refuses to be deleted.
The module must stay importable by the provider process: the provider is pickled by reference.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

STATE_ENV = "TOY_PROVIDER_STATE"
"""Names the JSON file shared by the provider process and the test."""
FIELDS = ("name", "kind", "size", "ref")

_lock = threading.Lock()
_label: list[str | None] = [None]


class ToyStore:
    """The JSON file both sides read: ``{"objects": {id: {...}}, "log": [...], ...}``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"objects": {}, "log": []}
        data: dict[str, Any] = json.loads(self.path.read_text())
        return data

    def save(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self.path)

    @property
    def objects(self) -> dict[str, Any]:
        objects: dict[str, Any] = self.load()["objects"]
        return objects

    @property
    def log(self) -> list[dict[str, Any]]:
        log: list[dict[str, Any]] = self.load()["log"]
        return log

    def ops(self) -> list[str]:
        return [entry["op"] for entry in self.log]


def import_root() -> str:
    """The sys.path entry from which the provider process imports this module by name."""
    path = Path(__file__).resolve().parent
    for _ in range(__name__.count(".")):
        path = path.parent
    return str(path)


def provider_env(store: ToyStore) -> dict[str, str]:
    """Environment for a provider process that can unpickle ``ToyProvider``."""
    pythonpath = os.pathsep.join(p for p in (import_root(), os.environ.get("PYTHONPATH")) if p)
    return {STATE_ENV: str(store.path), "PYTHONPATH": pythonpath}


def _store() -> ToyStore:
    return ToyStore(os.environ[STATE_ENV])


def _log(op: str, **details: Any) -> dict[str, Any]:
    """Append a call to the log; return the stored data for further changes."""
    store = _store()
    data = store.load()
    data["log"].append({"op": op, **details})
    store.save(data)
    return data


def _unknown_keys(props: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in props.items() if isinstance(v, Unknown))


def _secret_wrapped(props: dict[str, Any]) -> list[str]:
    """Keys whose value still carries a secret marker (the engine must strip them)."""
    return sorted(k for k, v in props.items() if isinstance(v, dict) and "value" in v)


class ToyProvider(ResourceProvider):
    """CRUD over the JSON file."""

    def configure(self, req: ConfigureRequest) -> None:
        _label[0] = req.config.get("toy:label")
        with _lock:
            data = _log("configure", label=_label[0])
            data["configured"] = _label[0]
            _store().save(data)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        with _lock:
            _log(
                "check",
                olds=sorted(olds),
                unknowns=_unknown_keys(news),
                wrapped=_secret_wrapped(news),
            )
        failures = []
        size = news.get("size", 0)
        if not isinstance(size, Unknown) and (not isinstance(size, (int, float)) or size < 0):
            failures.append(CheckFailure("size", "size must be a number >= 0"))
        return CheckResult(news, failures)

    def diff(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        with _lock:
            _log("diff", id=id, unknowns=_unknown_keys(news))
        changed = [
            k for k in FIELDS if isinstance(news.get(k), Unknown) or olds.get(k) != news.get(k)
        ]
        return DiffResult(
            changes=bool(changed),
            replaces=[k for k in changed if k == "kind"],
            delete_before_replace=bool(news.get("dbr")),
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        if props.get("fail") == "create":
            raise ValueError(f"toy create refused for {props.get('name')}")
        id = uuid.uuid4().hex[:8]
        obj = {k: props[k] for k in FIELDS if k in props}
        obj.update(token=f"tok-{uuid.uuid4().hex}", label=_label[0])
        with _lock:
            data = _log("create", id=id, wrapped=_secret_wrapped(props))
            data["objects"][id] = obj
            _store().save(data)
        return CreateResult(id, dict(obj))

    def read(self, id: str, props: dict[str, Any]) -> ReadResult:
        with _lock:
            data = _log("read", id=id, props=sorted(props))
        obj = data["objects"].get(id)
        if obj is None:
            return ReadResult("", {})
        return ReadResult(id, dict(obj), inputs={k: obj[k] for k in FIELDS if k in obj})

    def update(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        if news.get("fail") == "update":
            raise ValueError(f"toy update refused for {news.get('name')}")
        with _lock:
            data = _log("update", id=id, olds=sorted(olds))
            obj = data["objects"][id]
            obj.update({k: news[k] for k in FIELDS if k in news})
            _store().save(data)
        return UpdateResult(dict(obj))

    def delete(self, id: str, props: dict[str, Any]) -> None:
        with _lock:
            data = _log("delete", id=id, props=sorted(props))
            if data["objects"].get(id, {}).get("fail_delete"):
                raise ValueError(f"toy delete refused for {id}")
            data["objects"].pop(id, None)
            _store().save(data)


class Thing(Resource, module="toy", name="Thing"):
    """A toy resource: ``kind`` forces replacement, ``token`` is secret."""

    name: pulumi.Output[str]
    kind: pulumi.Output[str]
    size: pulumi.Output[float]
    token: pulumi.Output[str]
    label: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        kind: pulumi.Input[str] = "a",
        size: pulumi.Input[float] = 0,
        ref: pulumi.Input[str] | None = None,
        fail: str | None = None,
        dbr: bool | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = {
            "name": name,
            "kind": kind,
            "size": size,
            "ref": ref,
            "fail": fail,
            "dbr": dbr,
            "token": None,
            "label": None,
        }
        secret = pulumi.ResourceOptions(additional_secret_outputs=["token"])
        super().__init__(
            ToyProvider(), resource_name, props, pulumi.ResourceOptions.merge(secret, opts)
        )

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str]) -> Thing:
        """Look up an existing object by id (a read-only reference)."""
        thing: Thing = Thing.__new__(Thing)
        props = {"name": None, "kind": None, "size": None, "token": None, "label": None}
        secret = pulumi.ResourceOptions(id=id, additional_secret_outputs=["token"])
        Resource.__init__(thing, ToyProvider(), resource_name, props, secret)
        return thing
