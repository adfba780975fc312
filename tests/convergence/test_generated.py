"""Generated programs over every resource type converge (see ``lifecycle.check_converges``).

CI runs ``PULUMI_KINDE_CONVERGENCE_PROGRAMS`` programs (default 15: about 50 s of one
core; the suite's time budget) from seed
``PULUMI_KINDE_CONVERGENCE_SEED`` (default 0); set them to run thousands more. A program
that breaks a promise is shrunk and printed as a regression case to keep in
``regressions.py``, where it runs on every CI run.
"""

from __future__ import annotations

import os

import pytest

from tests.convergence.lifecycle import Failure, apply_edits, check_converges, render, shrink
from tests.convergence.programs import TYPES, _Builder, _snake, edit, generate
from tests.convergence.regressions import REGRESSIONS, Regression

PROGRAMS = int(os.environ.get("PULUMI_KINDE_CONVERGENCE_PROGRAMS", "15"))
FIRST_SEED = int(os.environ.get("PULUMI_KINDE_CONVERGENCE_SEED", "0"))
SHRINK = os.environ.get("PULUMI_KINDE_CONVERGENCE_SHRINK", "40")
"""How many smaller programs to try when one fails (0: report the program as drawn)."""


def test_the_generator_covers_every_resource_type() -> None:
    missing = [t for t in TYPES if not hasattr(_Builder, f"make_{_snake(t)}")]
    assert not missing, f"add make_<type> to tests/convergence/programs.py for {missing}"
    seeds = range(FIRST_SEED, FIRST_SEED + max(PROGRAMS, 100))
    drawn = {d.type for seed in seeds for d in generate(seed)}
    assert drawn == set(TYPES), f"never generated: {sorted(set(TYPES) - drawn)}"


def test_declarations_and_edits_refer_only_to_earlier_declarations() -> None:
    for seed in range(FIRST_SEED, FIRST_SEED + max(PROGRAMS, 100)):
        for program in (generate(seed), edit(generate(seed), seed)):
            seen: set[str] = set()
            for decl in program:
                assert decl.refs() <= seen, f"seed {seed}: {decl} refers to a later declaration"
                seen.add(decl.name)


def test_declarations_and_edits_grant_only_scopes_of_their_own_api() -> None:
    # A scope of another API is a mistake Kinde refuses (tests/resources/mistakes_facts.py):
    # the generator draws valid programs only (seed 7057's edit once drew one).
    for seed in range(FIRST_SEED, FIRST_SEED + max(PROGRAMS, 100)):
        for program in (generate(seed), edit(generate(seed), seed)):
            api_of = {d.name: d.args["api_id"] for d in program if d.type == "ApiScope"}
            for decl in program:
                field = {"ApiApplication": "scopes", "ApiKey": "scope_ids"}.get(decl.type)
                for ref in decl.args.get(field, []) if field else []:
                    assert api_of[ref.name] == decl.args["api_id"], f"seed {seed}: {decl}"


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + PROGRAMS))
def test_a_generated_program_converges(seed: int) -> None:
    program = generate(seed)
    edited = edit(program, seed)
    try:
        check_converges(program, edited)
    except Failure as failure:
        small, small_edit = shrink(program, edited, failure.stage, budget=int(SHRINK))
        pytest.fail(
            f"seed {seed}: {failure}\n\nshrunk ({len(small)} of {len(program)} resources):\n"
            f"{render(small, small_edit)}",
            pytrace=False,
        )


@pytest.mark.parametrize("case", REGRESSIONS, ids=lambda c: c.name)
def test_a_program_that_once_did_not_converge_does(case: Regression) -> None:
    check_converges(case.program, apply_edits(case.program, case.edits))
