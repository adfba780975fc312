"""The table of mistakes people make: each row a program, where its mistake is caught
(at preview, before the first write, or rolled back) and what the message says, in order.

``test_mistakes.py`` runs every row of ``MISTAKES`` there and of the ``mistakes_*.py``
modules (clashes of unique values, facts of the program, adoption) with :func:`check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import CheckFailed, RunFailed
from pulumi_kinde.testing.engines import Runner

__all__ = ["WRITES", "Mistake", "Where", "check", "twice"]

Where = Literal["preview", "before the first write", "rolled back"]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Mistake:
    name: str
    program: Callable[[], None]
    where: Where
    says: tuple[str, ...]
    """Parts of the message, in order."""
    untouched: str = ""
    """Before the first write: the path the failing resource would have written first."""

    def __str__(self) -> str:
        return self.name


def twice(make: Callable[[str], object]) -> Callable[[], None]:
    def program() -> None:
        make("first")
        make("second")

    return program


def check(mistake: Mistake, runner: Runner, emulators: list[Emulator]) -> None:
    """Run ``mistake`` where its row says it is caught; fail unless it is caught there,
    with every part of the message in order, and (at preview) nothing sent or changed."""
    emu = emulators[0]
    baseline = emu.snapshot()
    caught: pytest.ExceptionInfo[RunFailed]
    if mistake.where == "preview":
        with pytest.raises(CheckFailed) as caught:
            runner.preview(mistake.program)
        assert all(e.requests == [] for e in emulators)  # not even a token
    else:
        with pytest.raises(RunFailed) as caught:
            runner.up(mistake.program)
        written = [r.path for r in emu.api_requests() if r.method in WRITES]
        assert mistake.untouched
        assert not [p for p in written if re.match(mistake.untouched, p)], written
    message = str(caught.value)
    position = 0
    for part in mistake.says:
        found = message.find(part, position)
        assert found >= 0, f"{part!r} not in (after {position}):\n{message}"
        position = found + len(part)
    assert "never-shown-in-messages" not in message
    if mistake.where == "preview":
        assert emu.snapshot() == baseline
