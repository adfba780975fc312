"""A create that fails at any HTTP step leaves nothing behind, and a rerun converges."""

from __future__ import annotations

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._provider import KindeProvider
from pulumi_kinde.testing import ProgramRunner, RunFailed
from tests.conftest import stack_config
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES, WRITES, declared, program, resource_id


# With retries off, a 429 fails a step exactly as a 500 does (both are an APIError, which
# create does not tell apart); 429s are injected where they differ, with retries on
# (tests/reliability/test_update_delete_faults.py, test_rate_limit.py).
@pytest.mark.parametrize("fault", [500, "drop"])
@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_a_fault_at_each_step_of_create_leaves_no_orphan(
    case: Case, fault: int | str, emu: Emulator
) -> None:
    # Retries off: every injected fault fails the step it hits.
    config = stack_config(emu, **{"kinde:maxRetries": "0"})
    declare = program(case, **declared(case, emu))

    probe = ProgramRunner(config=config)
    emu.reset_log()
    probe.up(declare, skip_preview=True)
    created = resource_id(probe)
    steps = [
        (r.method, r.path.replace(created, "*")) for r in emu.api_requests() if r.method in WRITES
    ]
    probe.destroy()
    baseline = emu.snapshot()
    assert steps, "a create sends at least one write"

    for method, path in steps:
        runner = ProgramRunner(config=config)
        emu.faults.fail_next(status=fault, method=method, path=path)  # type: ignore[arg-type]
        with pytest.raises(RunFailed):
            runner.up(declare, skip_preview=True)
        emu.faults.clear()
        assert emu.snapshot() == baseline, f"{fault} on {method} {path} left an orphan"
        assert all(entry.name != "it" for entry in runner.state)

    rerun = ProgramRunner(config=config)
    assert rerun.up(declare, skip_preview=True).ops == {"it": "create"}


def _wildcard(path: str, resource_id: str) -> str:
    """``path`` with the parts of a new object's id replaced by ``*``, to match any rerun."""
    for part in resource_id.split("/"):
        path = path.replace(part, "*")
    return path


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_a_lost_reply_to_create_converges_without_orphan_or_duplicate(
    case: Case, emu: Emulator
) -> None:
    """Kinde made the object but the reply never came: the rerun must not duplicate it."""
    config = stack_config(emu, **{"kinde:maxRetries": "0"})
    args = declared(case, emu)
    before = case.count(emu)
    runner = ProgramRunner(config=config)
    emu.reset_log()
    first_post = True

    emu.faults.fail_next(status="drop", method="POST", after=True)
    try:
        runner.up(program(case, **args), skip_preview=True)
    except RunFailed:
        first_post = False  # not adopted at once: the rerun below must converge
    emu.faults.clear()
    finds_its_own = case.resource.provider_class.find_created is not KindeProvider.find_created
    assert first_post == finds_its_own
    result = runner.up(program(case, **args), skip_preview=True)
    assert result.ops["it"] in ({"same", "update"} if first_post else {"create"})
    assert case.count(emu) == before + case.counted
    assert case.exists(emu, resource_id(runner))
    emu.reset_log()
    assert runner.up(program(case, **args), skip_preview=True).ops == {"it": "same"}
    assert emu.api_requests() == []
