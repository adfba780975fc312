"""A fault at any HTTP step of an update or a delete: the rerun converges on the declaration.

For each lifecycle case, the update (both ways between the case's two declarations) and the
delete are run once cleanly to learn their HTTP steps from the emulator's log. Then each step
in turn gets a 500, a dropped connection, and, for writes, a lost reply (the request
is handled, then the connection drops), with ``kinde:maxRetries`` at 0 so the fault fails
the step. The same program is then run again; the emulator must hold exactly what a clean
run leaves (no orphan, no duplicate, no lost setting), the provider must read back the
declared values and the checkpoint must hold them; at the end a run finds nothing to do.
Once more with the default retries, a 429 at any write step, and a 500 at any PUT, PATCH or
DELETE, is absorbed by the client (a 500 at a POST fails the run, and the rerun converges).

Runs share one provider process per test (see ``harness.Runner``); a rerun is then cheap,
and the client must recover from each fault within the process.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import pytest

from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.faults import FailureStatus
from pulumi_kinde.resources._fields import field_behaviour
from pulumi_kinde.testing import RunFailed
from tests.conftest import stack_config
from tests.reliability import tally
from tests.reliability.conftest import MakeRunner
from tests.reliability.harness import Runner, Step, comparable, inject, live_outputs, steps_of
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES, declared, outputs, program, resource_id


def _role_grants(api: KindeClient) -> dict[str, Any]:
    body = {"name": "Ledger", "audience": "https://ledger.example"}
    api_id = api.post("/api/v1/apis", body)["api"]["id"]
    scopes = [
        api.post(f"/api/v1/apis/{api_id}/scopes", {"key": key})["scope"]["id"]
        for key in ("ledger:read", "ledger:write")
    ]
    for key in ("read:ledger", "write:ledger"):
        api.post("/api/v1/permissions", {"key": key, "name": key})
    listed = api.get("/api/v1/permissions")["permissions"]
    permissions = [p["id"] for p in listed if p["key"].endswith(":ledger")]
    return {"scopes": sorted(scopes), "permissions": sorted(permissions)}


ROLE_WITH_GRANTS = dataclasses.replace(
    next(case for case in ALL_CASES if case.name == "role"),
    name="role_with_grants",
    create={"key": "clerk", "name": "Clerk"},
    update={"scopes": [], "permissions": []},
    setup=_role_grants,
)
"""A role whose update takes away its scopes and permissions (one request per scope)."""

UPDATABLE = [case for case in ALL_CASES if case.update is not None] + [ROLE_WITH_GRANTS]
Kind = Literal[429, 500, "drop", "lost reply"]
STATUSES: tuple[Kind, ...] = (500, "drop")
"""With retries off, a 429 fails a step exactly as a 500 does (both are an APIError, which
update and delete do not tell apart): 429s are injected in the retried rounds below."""
LOST: Kind = "lost reply"
IDEMPOTENT = frozenset({"GET", "PUT", "PATCH", "DELETE"})  # what the client retries on a 500

Fault = tuple[Step, Kind]


@dataclass(frozen=True)
class Target:
    """A declaration, what a clean run to it leaves in the emulator and in the checkpoint,
    and its HTTP steps."""

    args: dict[str, Any]
    reference: dict[str, list[str]]
    steps: list[Step]
    outputs: dict[str, Any]


def plan(steps: list[Step]) -> list[Fault]:
    """Every step with each status, then every write step with a lost reply."""
    faults: list[Fault] = [(step, status) for status in STATUSES for step in steps]
    return faults + [(step, LOST) for step in steps if step.writes]


@contextmanager
def inject_kind(
    emu: Emulator, runner: Runner, step: Step, kind: Kind, *, retry_after: float | None = None
) -> Iterator[Callable[[], bool]]:
    """``inject`` a fault of ``kind`` (a lost reply: drop the connection after handling).

    A 429 teaches the provider process a slower pace (``client/_throttle.py``), as a real
    one should; these tests are about convergence and retries, not pace, so the run after
    an injected 429 starts a fresh provider process (or hundreds of them pace it to a crawl).
    """
    status: FailureStatus = "drop" if kind == "lost reply" else kind
    try:
        with inject(emu, step, status, after=kind == "lost reply", retry_after=retry_after) as f:
            yield f
    finally:
        if kind == 429:
            runner.close()


def sort_lists(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value


def assert_holds(case: Case, emu: Emulator, runner: Runner, id_: str, target: Target) -> None:
    """The emulator, the checkpoint and a fresh read all agree with ``target``."""
    assert comparable(emu.snapshot()) == target.reference
    assert resource_id(runner) == id_
    declared_values = {k: sort_lists(v) for k, v in case.outputs_of(target.args).items()}
    kept = outputs(runner)
    assert {k: sort_lists(kept.get(k)) for k in declared_values} == declared_values
    fields = field_behaviour(case.resource.provider_class.args_model)
    live = live_outputs(case.resource.provider_class, runner.config, id_)
    readable = {k: v for k, v in declared_values.items() if not fields[k].write_only}
    assert {k: sort_lists(live.get(k)) for k in readable} == readable


def fail_then_converge(
    case: Case, emu: Emulator, runner: Runner, id_: str, target: Target, fault: Fault
) -> bool:
    """Run to ``target`` with ``fault``; then the rerun must converge on ``target``.

    Returns whether the fault failed the run (a failed read back is absorbed instead).
    """
    step, status = fault
    declare = program(case, **target.args)
    failed = False
    with inject_kind(emu, runner, step, status) as fired:
        try:
            runner.up(declare)
        except RunFailed as failure:
            failed = True
            message = str(failure)
            assert f"{case.resource.provider_class.kind} {id_!r}: update: " in message, message
        assert fired(), f"{step} was not requested"
    # A failed write fails the update; a failed read back after the writes is tolerated.
    assert failed or not step.writes, f"{status} on {step} did not fail the update"

    rerun = runner.up(declare)
    tally.add("reruns")
    assert rerun.ops == {"it": "update" if failed else "same"}, f"{status} on {step}"
    assert_holds(case, emu, runner, id_, target)
    return failed


def learn_updates(
    case: Case, emu: Emulator, runner: Runner, args: dict[str, Any]
) -> tuple[str, Target, Target]:
    """Create from ``args``, update to the case's change and back; return both targets.

    The first round trip is not learned from: its update may add what the way back leaves
    alone (a value the first declaration does not manage), and every later one does not.
    """
    assert case.update is not None
    changed = {**args, **case.update}
    runner.up(program(case, **args))
    id_ = resource_id(runner)
    # The way back declares the first values of what the change sets (as far as Kinde shows
    # them), so that it is an update too even where the first declaration left them out.
    created = outputs(runner)
    back = {**args, **{k: created[k] for k in case.update if k in created}}
    runner.up(program(case, **changed))
    runner.up(program(case, **back))
    targets = []
    for declaration in (changed, back):
        emu.reset_log()
        assert runner.up(program(case, **declaration)).ops == {"it": "update"}
        kept = outputs(runner)
        targets.append(Target(declaration, comparable(emu.snapshot()), steps_of(emu), kept))
        assert_holds(case, emu, runner, id_, targets[-1])
    return id_, targets[0], targets[1]


@pytest.mark.parametrize("case", UPDATABLE, ids=str)
def test_a_fault_at_each_step_of_an_update_converges_on_rerun(
    case: Case, emu: Emulator, make_runner: MakeRunner
) -> None:
    runner = make_runner()
    id_, changed, back = learn_updates(case, emu, runner, declared(case, emu))
    assert any(step.writes for step in changed.steps + back.steps)
    for there, home in itertools.zip_longest(plan(changed.steps), plan(back.steps)):
        for target, fault in ((changed, there), (back, home)):
            if fault is None:
                runner.up(program(case, **target.args))  # a clean update, to go on from there
            elif (
                not fail_then_converge(case, emu, runner, id_, target, fault)
                and outputs(runner) != target.outputs
            ):
                # The update kept what it wrote instead of what it read back (a write-only
                # value the target does not manage, say): a clean round trip makes the state
                # what the learned steps start from again.
                other = back if target is changed else changed
                runner.up(program(case, **other.args))
                runner.up(program(case, **target.args))
    # The checkpoint agrees with Kinde: a last run finds nothing to do.
    runner.up(program(case, **back.args))
    emu.reset_log()
    assert runner.up(program(case, **back.args)).ops == {"it": "same"}
    assert emu.api_requests() == []

    # With the default retries, each write step's 429 or 500 (both ways) is absorbed.
    runner.reconfigure(stack_config(emu))
    writes = [retried(target.steps) for target in (changed, back)]
    for there, home in itertools.zip_longest(*writes):
        for target, fault in ((changed, there), (back, home)):
            if fault is None:
                runner.up(program(case, **target.args))
                continue
            step, status = fault
            with inject_kind(emu, runner, step, status, retry_after=0) as fired:
                try:
                    assert runner.up(program(case, **target.args)).ops == {"it": "update"}
                except RunFailed:
                    assert not absorbed(step, status), f"{status} on {step} was not retried"
                    runner.up(program(case, **target.args))
                    tally.add("reruns")
                assert fired(), f"{step} was not requested"
            assert_holds(case, emu, runner, id_, target)


def learn_delete(
    case: Case, emu: Emulator, runner: Runner, args: dict[str, Any]
) -> tuple[list[Step], dict[str, Any]]:
    """Create and destroy once cleanly: the delete's steps, and the state it leaves."""
    runner.up(program(case, **args))
    id_ = resource_id(runner)
    emu.reset_log()
    runner.destroy()
    return steps_of(emu, tuple(id_.split("/"))), comparable(emu.snapshot())


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_a_fault_at_each_step_of_a_delete_converges_on_rerun(
    case: Case, emu: Emulator, make_runner: MakeRunner
) -> None:
    runner = make_runner()
    args = declared(case, emu)
    declare = program(case, **args)
    steps, reference = learn_delete(case, emu, runner, args)
    if not any(step.writes for step in steps):
        pytest.skip(f"{case.name}: a delete sends no write ({', '.join(map(str, steps))})")
    # What Kinde cannot delete (an application's property value) a delete leaves: compare
    # with what a clean delete leaves.
    for step, status in plan(steps):
        runner.up(declare)
        with inject_kind(emu, runner, step, status) as fired:
            with pytest.raises(RunFailed) as failure:
                runner.destroy()
            assert fired(), f"{step} was not requested"
        message = str(failure.value)
        assert f"{case.resource.provider_class.kind} " in message and ": delete: " in message
        assert [entry.name for entry in runner.state if entry.name == "it"] == ["it"]

        assert runner.destroy().ops == {"it": "delete"}, f"{status} on {step}"
        tally.add("reruns")
        assert comparable(emu.snapshot()) == reference, f"{status} on {step} left something"
        assert runner.state == []

    # With the default retries, a 429 or 500 at a delete step is absorbed.
    runner.reconfigure(stack_config(emu))
    for step, status in retried(steps):
        runner.up(declare)
        with inject_kind(emu, runner, step, status, retry_after=0) as fired:
            assert runner.destroy().ops == {"it": "delete"}, f"{status} on {step}"
            assert fired(), f"{step} was not requested"
        assert comparable(emu.snapshot()) == reference


def retried(steps: list[Step]) -> list[Fault]:
    """A 429 and a 500 at each write step, each with ``Retry-After: 0``: the client retries
    at once (after a jitter of up to a quarter second)."""
    return [(step, status) for step in steps if step.writes for status in (429, 500)]


def absorbed(step: Step, status: Kind) -> bool:
    """Whether the client retries ``status`` on ``step`` (a 429 always; a 500 if idempotent)."""
    return status == 429 or step.method in IDEMPOTENT
