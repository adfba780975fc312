"""Each core resource through the real provider protocol, against the emulator.

Create, a no-change run with 0 requests, update in place, replacement, refresh after drift
and after an out-of-band delete, adoption with ``import_id``, destroy, and bad input.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._fields import field_behaviour
from pulumi_kinde.testing import CheckFailed, ProgramRunner, RunFailed
from tests.resources.all_cases import ALL_CASES, api_client, declared, label, parents
from tests.resources.cases import Case

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = pytest.mark.parametrize("case", ALL_CASES, ids=str)


def program(case: Case, **args: Any) -> Any:
    return lambda: case.resource("it", **args)


@cache
def allowed_creates() -> dict[str, Counter[str]]:
    """The README's table of requests per type: each row's create, by method.

    The table is measured and written by ``benchmarks/run.py --update-readme`` on these
    very cases; a create that sends more (a read back of what the write already told, say)
    fails below until the reason is worth a new row.
    """
    text = README.read_text()
    block = text.split("<!-- measured: benchmarks/run.py --update-readme -->", 1)[1]
    block = block.split("<!-- end measured -->", 1)[0]
    rows = [line.split("|")[1:-1] for line in block.strip().splitlines()[2:]]
    return {
        name.strip(): Counter({m: int(n) for m, n in re.findall(r"([A-Z]+) (\d+)", create)})
        for name, create, *_ in rows
    }


def resource_id(runner: ProgramRunner) -> str:
    (entry,) = [s for s in runner.state if s.name == "it"]
    return str(entry.id)


def outputs(runner: ProgramRunner) -> dict[str, Any]:
    (entry,) = [s for s in runner.state if s.name == "it"]
    return dict(entry.outputs)


def test_create_then_an_identical_run_sends_no_request(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    args = declared(case, emu)
    before = case.count(emu)
    emu.reset_log()
    assert runner.up(program(case, **args)).ops == {"it": "create"}
    assert case.count(emu) == before + case.counted
    # Only the writes it needs, and the reads the README's table allows (and says why).
    sent = Counter(r.method for r in emu.api_requests())
    table = allowed_creates()
    assert label(case) in table, f"run benchmarks/run.py --update-readme: no row {label(case)!r}"
    allowed = table[label(case)]
    over = {m: f"{n} (the README allows {allowed[m]})" for m, n in sent.items() if n > allowed[m]}
    assert not over, f"{label(case)}: create sent {over}: {emu.api_requests()}"
    kept = case.outputs_of(args)
    assert {k: outputs(runner)[k] for k in kept} == kept

    emu.reset_log()
    again = runner.up(program(case, **args))
    assert again.ops == {"it": "same"}
    assert again.calls["Create"] == again.calls["Update"] == 0
    assert emu.api_requests() == []


def test_update_in_place_then_refresh_finds_no_drift(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    if case.update is None:
        pytest.skip(case.why_no_update)
    args = declared(case, emu)
    runner.up(program(case, **args))
    first_id = resource_id(runner)
    result = runner.up(program(case, **{**args, **case.update}))
    assert result.ops == {"it": "update"}
    assert resource_id(runner) == first_id
    refreshed = runner.refresh()
    assert refreshed.step("it").changed == ()
    assert {k: outputs(runner)[k] for k in case.outputs_of(case.update)} == {
        k: sorted(v) if isinstance(v, list) else v for k, v in case.outputs_of(case.update).items()
    }


def test_replace_only_change_replaces(case: Case, emu: Emulator, runner: ProgramRunner) -> None:
    if case.replace is None and case.replace_with is None:
        pytest.skip(case.why_no_replace)
    made = parents(case, emu)
    args = {**case.create, **made}
    runner.up(program(case, **args))
    first_id = resource_id(runner)
    if case.replace_with is not None:
        with api_client(emu) as api:
            changes = case.replace_with(api, made)
    else:
        changes = case.replace or {}
    result = runner.up(program(case, **{**args, **changes}))
    assert result.ops == {"it": "replace"}
    assert set(result.step("it").replaces) == set(changes)
    second_id = resource_id(runner)
    assert second_id != first_id
    assert not case.exists(emu, first_id)
    assert case.exists(emu, second_id)


def test_refresh_reports_drift_and_drops_an_object_deleted_outside(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    args = declared(case, emu)
    runner.up(program(case, **args))
    id_ = resource_id(runner)
    # The first refresh after create finds nothing new but the drift: the create's outputs
    # (the declaration, the write replies and Kinde's defaults, read back only where Kinde
    # computes what it does not return) are what Kinde shows.
    if not case.drift:
        assert runner.refresh().step("it").changed == ()
    else:
        edits = case.drift_store or case.drift
        getattr(emu.store, case.collection).update(case.store_key(id_), **edits)
        refreshed = runner.refresh()
        assert set(refreshed.step("it").changed) == set(case.drift)
        assert {k: outputs(runner)[k] for k in case.drift} == case.drift
        fields = field_behaviour(case.resource.provider_class.args_model)
        revert = "replace" if any(fields[k].replace for k in case.drift) else "update"
        assert runner.up(program(case, **args)).ops == {"it": revert}
        assert runner.refresh().step("it").changed == ()
        id_ = resource_id(runner)
    if case.why_never_gone:
        return

    case.delete_behind_the_back(emu, id_)
    gone = runner.refresh()
    assert gone.ops == {"it": "delete"} or "it" not in {s.name for s in runner.state}
    assert "it" not in {s.name for s in runner.state}


def test_adoption_writes_nothing_when_the_declaration_matches(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    made = parents(case, emu)
    with api_client(emu) as api:
        existing = case.seed(api, made)
    args = {k: v for k, v in {**case.create, **made}.items() if k not in case.adopt_without}
    emu.reset_log()
    result = runner.up(program(case, **args, import_id=existing))
    assert result.ops == {"it": "create"}
    assert resource_id(runner) == existing
    assert [r for r in emu.api_requests() if r.method in WRITES] == []

    emu.reset_log()
    assert runner.up(program(case, **args, import_id=existing)).ops == {"it": "same"}
    assert emu.api_requests() == []


def test_adoption_of_a_missing_object_fails_clearly(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    missing = "/".join("does-not-exist" for _ in case.id_format.split("/"))
    with pytest.raises(RunFailed) as failure:
        runner.up(program(case, **declared(case, emu), import_id=missing))
    assert f"{missing!r}: adopt: no such" in str(failure.value)
    assert runner.state == [] or all(s.name != "it" for s in runner.state)


def test_destroy_leaves_the_emulator_as_it_was(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    args = declared(case, emu)
    baseline = emu.snapshot()
    runner.up(program(case, **args))
    assert emu.snapshot() != baseline
    assert runner.destroy().ops == {"it": "delete"}
    assert emu.snapshot() == baseline


def test_bad_input_is_refused_before_any_request(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    bad, field = case.bad
    with pytest.raises(CheckFailed) as failure:
        runner.up(program(case, **bad))
    assert [f.property for f in failure.value.failures] == [field]
    assert failure.value.failures[0].reason.startswith(f"{case.resource.provider_class.kind} ")
    assert emu.requests == []


def test_get_references_an_existing_object_read_only(
    case: Case, emu: Emulator, runner: ProgramRunner
) -> None:
    made = parents(case, emu)
    with api_client(emu) as api:
        existing = case.seed(api, made)
    baseline = emu.snapshot()
    emu.reset_log()
    result = runner.up(lambda: case.resource.get("it", existing))
    assert result.ops == {"it": "read"}
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    runner.destroy()
    assert emu.snapshot() == baseline
