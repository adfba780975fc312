"""The README's scope column is enough: each resource's lifecycle runs with only those scopes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES, parents, program

README = Path(__file__).resolve().parent.parent / "README.md"
_VERBS = {"c": "create", "r": "read", "u": "update", "d": "delete"}


def documented_scopes() -> dict[str, set[str]]:
    """Resource name -> scopes, from the README's resource table."""
    scopes: dict[str, set[str]] = {}
    for line in README.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = re.fullmatch(r"`(\w+)`", cells[0]) if len(cells) == 5 else None
        if name is None:
            continue
        scopes[name.group(1)] = {
            f"{_VERBS[letter]}:{area}"
            for letters, area in re.findall(r"`([crud]+):(\w+)`", cells[3])
            for letter in letters
        }
    return scopes


def test_every_resource_is_in_the_table() -> None:
    documented = documented_scopes()
    assert {cls.__name__ for cls in RESOURCE_TYPES} <= set(documented)
    assert {case.resource.__name__ for case in ALL_CASES} <= set(documented)
    assert all(documented.values())


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_documented_scopes_suffice(case: Case, emu: Emulator) -> None:
    args = {**case.create, **parents(case, emu)}  # made with every scope
    emu.scopes = documented_scopes()[case.resource.__name__]
    runner = ProgramRunner(config=stack_config(emu))
    runner.up(program(case, **args), skip_preview=True)
    if case.update is not None:
        runner.up(program(case, **{**args, **case.update}), skip_preview=True)
    runner.refresh()
    runner.destroy()
    assert all(r.status != 403 for r in emu.api_requests())
