"""The convergence promise, checked on one program, and shrinking a program that breaks it.

:func:`check_converges` runs a program through the engine stand-in (or the real Pulumi
engine) against a fresh emulator: ``up``; ``up`` again changes nothing and sends no
request; ``refresh`` finds no drift; ``up`` changes nothing; an edited program is applied by
one ``up``, after which ``up`` and ``refresh`` are clean again; ``destroy`` leaves the
emulator as it started (but for what Kinde cannot delete). It returns ``None`` or a
description of the first broken promise. :func:`shrink` removes declarations while the same
promise still breaks.
"""

from __future__ import annotations

import contextlib
import pprint
from collections.abc import Callable
from typing import Any

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import RunFailed, RunResult
from pulumi_kinde.testing.engines import Runner, choose_engine, make_runner
from tests.conftest import stack_config
from tests.convergence.programs import Decl, Program, declare, without

__all__ = ["Failure", "check_converges", "lasting_removed", "render", "shrink"]

LASTING = frozenset({"property_categories", "businesses", "user_feature_flags"})
"""Collections destroy cannot empty: Kinde cannot delete a property category, the business,
or a user's flag override (each resource says so and warns)."""
LASTING_RECORDS = frozenset({("mfa_policies", "environment"), ("passkey_policies", "environment")})
"""Records destroy cannot remove: the environment's MFA configuration and passkey policy
(an organization's go with the organization)."""


class Failure(Exception):
    """A broken promise: ``stage`` names it (stable across shrinking), ``detail`` says how."""

    def __init__(self, stage: str, detail: str) -> None:
        super().__init__(f"{stage}: {detail}")
        self.stage = stage
        self.detail = detail


def lasting_removed(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {key: r for key, r in records.items() if (name, key) not in LASTING_RECORDS}
        for name, records in snapshot.items()
        if name not in LASTING
    }


def _run(stage: str, action: Callable[[], RunResult]) -> RunResult:
    try:
        return action()
    except RunFailed as failure:
        raise Failure(stage, str(failure)) from None
    except Exception as error:  # CheckFailed and harness errors alike
        raise Failure(stage, f"{type(error).__name__}: {error}") from None


def _quiet(stage: str, emu: Emulator, result: RunResult) -> None:
    """No resource changed and no API request was sent."""
    changed = {
        step.name: (step.op, step.changed or step.replaces)
        for step in result.steps.values()
        if step.op != "same"
    }
    requests = [f"{r.method} {r.path}" for r in emu.api_requests()]
    if changed or requests:
        raise Failure(stage, f"changed {changed}; requests {requests}")


def _no_drift(stage: str, result: RunResult) -> None:
    drift = {
        s.name: (s.op, s.changed) for s in result.steps.values() if s.changed or s.op != "read"
    }
    if drift:
        raise Failure(stage, f"refresh found {drift}")


def check_converges(program: Program, edited: Program, *, engine: str = "standin") -> None:
    """Raise :class:`Failure` at the first broken promise (``engine``: ``standin`` or
    ``pulumi``, the real engine)."""
    with Emulator() as emu, contextlib.closing(_runner(engine, emu)) as runner:
        baseline = lasting_removed(emu.snapshot())
        _run("first up", lambda: runner.up(declare(program)))
        emu.reset_log()
        _quiet("second up", emu, _run("second up", lambda: runner.up(declare(program))))
        _no_drift("refresh", _run("refresh", runner.refresh))
        emu.reset_log()
        settled = _run("up after refresh", lambda: runner.up(declare(program), skip_preview=True))
        _quiet("up after refresh", emu, settled)
        _run("edit", lambda: runner.up(declare(edited)))
        emu.reset_log()
        again = _run("up after edit", lambda: runner.up(declare(edited), skip_preview=True))
        _quiet("up after edit", emu, again)
        _no_drift("refresh after edit", _run("refresh after edit", runner.refresh))
        _run("destroy", runner.destroy)
        left = lasting_removed(emu.snapshot())
        if left != baseline:
            extra = {
                name: sorted(set(left[name]) ^ set(baseline.get(name, {})))
                for name in left
                if left[name] != baseline.get(name)
            }
            raise Failure("destroy", f"the emulator differs from before: {extra}")


def _runner(engine: str, emu: Emulator) -> Runner:
    return make_runner(
        choose_engine(engine), config=stack_config(emu), secret_keys=["kinde:clientSecret"]
    )


def shrink(
    program: Program, edited: Program, stage: str, budget: int = 40, *, engine: str = "standin"
) -> tuple[Program, Program]:
    """The smallest pair found (removing declarations) that still fails at ``stage``."""
    tries = 0
    changed = True
    while changed and tries < budget:
        changed = False
        for decl in reversed(program):
            if tries >= budget:
                break
            smaller = without(program, {decl.name})
            if not smaller or len(smaller) == len(program):
                continue
            names = {d.name for d in smaller}
            smaller_edit = [d for d in edited if d.name in names]
            tries += 1
            try:
                check_converges(smaller, smaller_edit, engine=engine)
            except Failure as failure:
                if failure.stage == stage:
                    program, edited, changed = smaller, smaller_edit, True
                    break
    return program, edited


def render(program: Program, edited: Program) -> str:
    """Python for a regression case (``tests/convergence/regressions.py``)."""
    edits = {d.name: e.args for d, e in zip(program, edited, strict=True) if d != e}
    return (
        "Regression(\n"
        f"    program={pprint.pformat(program, width=90)},\n"
        f"    edits={pprint.pformat(edits, width=90)},\n"
        ")"
    )


def apply_edits(program: Program, edits: dict[str, dict[str, Any]]) -> Program:
    """``program`` with the arguments of the named declarations replaced."""
    return [Decl(d.type, d.name, edits[d.name]) if d.name in edits else d for d in program]
