"""Generated programs and their edits through the real Pulumi engine: the convergence promise
of ``tests/convergence`` (up; a no-change up, preview included, with 0 requests; a refresh
with no drift; the edit; a no-change up and refresh again; destroy) holds under the engine
our users run.

``PULUMI_KINDE_REAL_PROGRAMS`` programs (default 10) from seed ``PULUMI_KINDE_CONVERGENCE_SEED``
(default 0), the same programs the stand-in suite starts with.
"""

from __future__ import annotations

import os

import pytest

from pulumi_kinde.testing.pulumi_cli import PulumiCli
from tests.convergence.lifecycle import Failure, check_converges
from tests.convergence.programs import edit, generate

PROGRAMS = int(os.environ.get("PULUMI_KINDE_REAL_PROGRAMS", "10"))
FIRST_SEED = int(os.environ.get("PULUMI_KINDE_CONVERGENCE_SEED", "0"))


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + PROGRAMS))
def test_a_generated_program_converges_on_the_real_engine(seed: int, pulumi_cli: PulumiCli) -> None:
    program = generate(seed)
    try:
        check_converges(program, edit(program, seed), engine="pulumi")
    except Failure as failure:
        pytest.fail(f"seed {seed} ({len(program)} resources): {failure}", pytrace=False)
