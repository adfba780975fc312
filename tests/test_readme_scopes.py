"""The documented scopes are enough: each resource's lifecycle runs with only those scopes.

Each resource declares its scopes once, in its docstring (``:scopes:``); the README's table
and the resource's page show them (docs/generate.py; tests/test_docs.py keeps them in sync).
"""

from __future__ import annotations

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._reference import scopes
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES, parents, program


def documented_scopes() -> dict[str, set[str]]:
    """Resource name -> the scopes its docstring declares."""
    return {cls.__name__: set(scopes(cls)) for cls in RESOURCE_TYPES}


def test_every_resource_declares_its_scopes() -> None:
    documented = documented_scopes()
    assert {case.resource.__name__ for case in ALL_CASES} <= set(documented)
    missing = sorted(name for name, found in documented.items() if not found)
    assert not missing, f"add ':scopes: ``crud:...``' to the class docstring of: {missing}"


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
