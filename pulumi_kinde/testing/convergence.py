"""The no-change ``up``: after an ``up``, running the same program again must change nothing
and send no API request. ``try`` and the pytest kit both check it with :func:`no_change_up`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..emulator import Emulator
from ._result import RunResult, StepRecord
from .report import step_lines
from .runner import Program, ProgramRunner

__all__ = ["Convergence", "no_change_up"]


@dataclass(frozen=True)
class Convergence:
    """What the no-change ``up`` did: its result and the API requests it sent
    (``"PATCH /api/v1/roles/... -> 200"``)."""

    result: RunResult
    requests: tuple[str, ...]

    @property
    def changes(self) -> list[StepRecord]:
        """The steps that were not ``same``."""
        return [step for step in self.result.steps.values() if step.op != "same"]

    @property
    def ok(self) -> bool:
        """Whether nothing changed and no request was sent."""
        return not self.changes and not self.requests

    def describe(self, indent: str = "  ") -> list[str]:
        """Lines naming what changed (resources and keys) and the requests sent."""
        lines: list[str] = []
        if self.changes:
            lines.append(f"{indent}{len(self.changes)} resource(s) changed again:")
            lines.extend(step_lines(self.result, indent=indent + "  "))
        if self.requests:
            lines.append(f"{indent}{len(self.requests)} API request(s) sent:")
            lines.extend(f"{indent}  {request}" for request in self.requests)
        return lines


def no_change_up(
    runner: ProgramRunner, program: Program, emulators: Iterable[Emulator]
) -> Convergence:
    """Run ``up`` again (no preview) and record the API requests ``emulators`` answered.

    Raises :class:`~pulumi_kinde.testing.RunFailed` like :meth:`ProgramRunner.up`.
    """
    watched = list(emulators)
    for emulator in watched:
        emulator.reset_log()
    result = runner.up(program, skip_preview=True)
    requests = tuple(
        f"{record.method} {record.path} -> {record.status}"
        for emulator in watched
        for record in emulator.api_requests()
    )
    return Convergence(result, requests)
