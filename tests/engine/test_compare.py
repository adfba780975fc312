"""The stand-in agrees with the real Pulumi engine: the same programs and edits through both
engines give the same steps, the same outputs and the same objects in Kinde (see
:mod:`tests.engine.compare`). Run over the examples and generated programs with their edits
(``PULUMI_KINDE_COMPARED_PROGRAMS``, default 6, from seed 100: programs the real-engine
convergence suite does not run)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pulumi_kinde.testing.pulumi_cli import PulumiCli
from tests.convergence.programs import declare, edit, generate
from tests.engine.compare import differences, observe

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROGRAMS = int(os.environ.get("PULUMI_KINDE_COMPARED_PROGRAMS", "6"))
FIRST_SEED = 100
CONFIG = {"starter": {"starter:googleClientSecret": "google-oauth-client-secret-for-tests"}}


@pytest.mark.parametrize("example", ["quickstart", "starter", "b2b"])
def test_both_engines_agree_on_an_example(example: str, pulumi_cli: PulumiCli) -> None:
    programs: list[Any] = [EXAMPLES / example, EXAMPLES / example]
    config = CONFIG.get(example, {})
    found = differences(
        observe("standin", programs, **config), observe("pulumi", programs, **config)
    )
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + PROGRAMS))
def test_both_engines_agree_on_a_generated_program_and_its_edit(
    seed: int, pulumi_cli: PulumiCli
) -> None:
    program = generate(seed)
    programs = [declare(program), declare(program), declare(edit(program, seed))]
    found = differences(observe("standin", programs), observe("pulumi", programs))
    assert found == [], f"seed {seed}:\n" + "\n".join(found)
