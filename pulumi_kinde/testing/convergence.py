"""The no-change ``up``: after an ``up``, running the same program again must change nothing
and send no API request but the reads the program asks for. ``try`` and the pytest kit both
check it with :func:`no_change_up`.

A program may read Kinde on every run, as it does under ``pulumi up``: a lookup
(``kinde.get_environment()``, sent from the program process with the ``User-Agent``
``pulumi-kinde-lookup``) or a read-only reference (``Role.get(name, id)``, a ``read`` step
whose Read the provider sends). Those reads are shown, not failed; any other request, and
every write, breaks convergence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..emulator import Emulator
from ..emulator.requestlog import RequestRecord
from ..lookups._base import LOOKUP_USER_AGENT
from ._result import RunResult, StepRecord
from .report import step_lines
from .runner import Program

if TYPE_CHECKING:
    from .engines import Runner

__all__ = ["Convergence", "no_change_up", "split_requests"]


@dataclass(frozen=True)
class Convergence:
    """What the no-change ``up`` did: its result, the API requests that break convergence
    (``"PATCH /api/v1/roles/... -> 200"``) and the reads the program asked for."""

    result: RunResult
    requests: tuple[str, ...]
    reads: tuple[str, ...] = ()

    @property
    def changes(self) -> list[StepRecord]:
        """The steps that changed something (``same`` and a reference's ``read`` do not)."""
        return [step for step in self.result.steps.values() if step.op not in ("same", "read")]

    @property
    def ok(self) -> bool:
        """Whether nothing changed and no request was sent but the program's own reads."""
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


def _line(record: RequestRecord) -> str:
    return f"{record.method} {record.path} -> {record.status}"


def split_requests(
    result: RunResult, records: Iterable[RequestRecord]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(requests, reads)``: the requests that break convergence, and the reads the
    program asked for (lookups; GETs while the program references objects with ``get``)."""
    references = any(step.op == "read" for step in result.steps.values())
    requests: list[str] = []
    reads: list[str] = []
    for record in records:
        lookup = record.user_agent == LOOKUP_USER_AGENT
        if record.method == "GET" and (lookup or references):
            reads.append(_line(record))
        else:
            requests.append(_line(record))
    return tuple(requests), tuple(reads)


def no_change_up(runner: Runner, program: Program, emulators: Iterable[Emulator]) -> Convergence:
    """Run ``up`` again (no preview) and record the API requests ``emulators`` answered.

    Raises :class:`~pulumi_kinde.testing.RunFailed` like :meth:`ProgramRunner.up`.
    """
    watched = list(emulators)
    for emulator in watched:
        emulator.reset_log()
    result = runner.up(program, skip_preview=True)
    records = [record for emulator in watched for record in emulator.api_requests()]
    requests, reads = split_requests(result, records)
    return Convergence(result, requests, reads)
