"""The stand-in held to the real engine: the same program and edits through both, compared.

:func:`observe` runs a sequence of programs (each an ``up``, then a ``destroy``) on one
engine against a fresh emulator and records, after every operation, the step of each
resource (op, the keys that changed, the keys that forced a replacement), each resource's
outputs in the checkpoint, and the emulator's objects. Ids, secrets, timestamps and the
emulator's address differ between two emulators by construction, so they are masked:
every id the emulator holds (and any string containing one), every application secret, the
emulator's URL and ISO timestamps. :func:`differences` lists what differs, per operation.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import RunFailed, RunResult
from pulumi_kinde.testing.engines import choose_engine, make_runner
from tests.conftest import stack_config

__all__ = ["Observation", "differences", "observe"]

_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_HIDDEN = frozenset({"__provider"})
_MADE_SECRETS = frozenset({"client_secret", "secret_token"})  # made anew by each emulator


@dataclass
class Observation:
    """What one operation did on one engine, masked for comparison."""

    operation: str
    steps: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, list[str]] = field(default_factory=dict)
    error: str = ""


class _Masker:
    """Replaces what differs between two emulators by construction with placeholders."""

    def __init__(self, emu: Emulator) -> None:
        self.url = emu.url
        self.secrets = {emu.client_secret}
        self.ids: set[str] = set()

    def learn(self, snapshot: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
        for records in snapshot.values():
            for key, record in records.items():
                self.ids.add(key)
                for name, value in record.items():
                    if isinstance(value, str) and (name == "id" or name.endswith("_id")):
                        self.ids.add(value)
                    if name in _MADE_SECRETS and isinstance(value, str):
                        self.secrets.add(value)

    def learn_outputs(self, outputs: Mapping[str, Any]) -> None:
        """An API key's value and its last characters: made by Kinde, kept out of records."""
        for name in ("key", "key_suffix"):
            if isinstance(outputs.get(name), str) and "key_prefix" in outputs:
                self.secrets.add(outputs[name])

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {self(k): self(v) for k, v in value.items() if k not in _HIDDEN}
        if isinstance(value, list):
            return [self(v) for v in value]
        if not isinstance(value, str):
            return value
        if value in self.secrets:
            return "<secret>"
        if _TIME.match(value):
            return "<time>"
        text = value.replace(self.url, "<emulator>")
        for known in sorted((i for i in self.ids if len(i) >= 8 and i in text), key=len)[::-1]:
            text = text.replace(known, "<id>")
        return text


def _steps(result: RunResult) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {
        step.name: (
            step.op,
            tuple(k for k in step.changed if k not in _HIDDEN),
            tuple(k for k in step.replaces if k not in _HIDDEN),
        )
        for step in result.steps.values()
    }


def observe(engine: str, programs: Sequence[Callable[[], Any]], **config: str) -> list[Observation]:
    """Run each program's ``up`` in turn on ``engine``, then ``destroy``; observe each."""
    observations: list[Observation] = []
    with Emulator() as emu:
        masker = _Masker(emu)
        runner = make_runner(
            choose_engine(engine),
            config=stack_config(emu, **config),
            secret_keys=["kinde:clientSecret", *config],
        )
        with contextlib.closing(runner):
            operations: list[tuple[str, Callable[[], RunResult]]] = [
                (f"up {n}", lambda p=program: runner.up(p)) for n, program in enumerate(programs)
            ]
            operations.append(("destroy", runner.destroy))
            for name, operation in operations:
                seen = Observation(name)
                try:
                    result = operation()
                except RunFailed as failure:
                    result = failure.result
                    seen.error = "; ".join(type(e).__name__ for e in failure.result.errors)
                snapshot = emu.snapshot()
                masker.learn(snapshot)
                for state in runner.state:
                    masker.learn_outputs(state.outputs)
                seen.steps = _steps(result)
                seen.outputs = {s.name: masker(s.outputs) for s in runner.state if s.custom}
                seen.objects = {
                    collection: sorted(
                        json.dumps(masker(r), sort_keys=True) for r in records.values()
                    )
                    for collection, records in snapshot.items()
                }
                observations.append(seen)
    return observations


def differences(standin: list[Observation], real: list[Observation]) -> list[str]:
    """What the stand-in did differently from the real engine, one line per difference."""
    found: list[str] = []
    for ours, theirs in zip(standin, real, strict=True):
        where = ours.operation
        if ours.error != theirs.error:
            found.append(f"{where}: errors {ours.error!r} (stand-in) vs {theirs.error!r} (pulumi)")
        for name in sorted(set(ours.steps) | set(theirs.steps)):
            if ours.steps.get(name) != theirs.steps.get(name):
                found.append(
                    f"{where}: step of {name}: {ours.steps.get(name)} (stand-in) vs "
                    f"{theirs.steps.get(name)} (pulumi)"
                )
        for name in sorted(set(ours.outputs) | set(theirs.outputs)):
            if ours.outputs.get(name) != theirs.outputs.get(name):
                found.append(
                    f"{where}: outputs of {name}: {ours.outputs.get(name)} (stand-in) vs "
                    f"{theirs.outputs.get(name)} (pulumi)"
                )
        for collection in sorted(set(ours.objects) | set(theirs.objects)):
            mine, real_ones = ours.objects.get(collection), theirs.objects.get(collection)
            if mine != real_ones:
                only_ours = sorted(set(mine or []) - set(real_ones or []))
                only_real = sorted(set(real_ones or []) - set(mine or []))
                found.append(
                    f"{where}: emulator {collection}: stand-in only {only_ours}; "
                    f"pulumi only {only_real}"
                )
    return found
