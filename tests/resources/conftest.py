"""Skip the generic lifecycle tests a case declares not applicable, saying why."""

from __future__ import annotations

import pytest

from tests.resources.cases import Case


@pytest.fixture(autouse=True)
def _skip_what_does_not_apply(request: pytest.FixtureRequest) -> None:
    callspec = getattr(request.node, "callspec", None)
    case = callspec.params.get("case") if callspec is not None else None
    if isinstance(case, Case):
        reason = dict(case.not_applicable).get(request.node.originalname)
        if reason:
            pytest.skip(f"{case.name}: {reason}")
