"""Tools of the reliability suites: a runner that keeps its provider's logs and failures,
HTTP steps learned from the emulator's log, faults injected at one step, and a comparable
form of the emulator's state."""

from __future__ import annotations

import contextlib
import fnmatch
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.faults import Failure, FailureStatus
from pulumi_kinde.resources import _context
from pulumi_kinde.testing import ProgramRunner, ProviderServer, RunFailed, RunResult
from tests.reliability import tally

__all__ = [
    "WRITES",
    "Runner",
    "Step",
    "comparable",
    "inject",
    "live_outputs",
    "steps_of",
]

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _KeepOpen:
    """A provider server whose ``close()`` does nothing: runs share the process."""

    def __init__(self, server: ProviderServer) -> None:
        self._server = server

    def __getattr__(self, name: str) -> Any:
        return getattr(self._server, name)

    def close(self) -> None:
        """The runner closes the shared process itself."""


class Runner(ProgramRunner):
    """A :class:`ProgramRunner` that keeps what a secret scan needs to read.

    It keeps every provider process it starts (for :attr:`provider_logs`), the text of
    every failure its runs raised (:attr:`failures`), and the checkpoint after each run
    (:attr:`checkpoints`, :attr:`providers`). With ``warm=True`` every run shares
    one provider process, started on first use and stopped by :meth:`close`: the engine
    starts a fresh one per ``pulumi up``, but a shared one makes a rerun cost milliseconds
    instead of a process start, and is the stricter test (the client must recover from a
    fault within one process, its token and connection pool included).
    """

    def __init__(self, *, warm: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warm = warm
        self.servers: list[ProviderServer] = []
        self.failures: list[str] = []
        self.checkpoints: list[str] = []
        """The checkpoint (``pulumi stack export``) after every run, failed ones included."""
        self.providers: set[str] = set()
        """Every ``__provider`` string any checkpoint held."""
        self._shared: ProviderServer | None = None

    def _start_provider(self) -> ProviderServer:
        if not self.warm:
            server = super()._start_provider()
            self.servers.append(server)
            return server
        if self._shared is None:
            self._shared = super()._start_provider()
            self.servers.append(self._shared)
        return cast(ProviderServer, _KeepOpen(self._shared))

    @property
    def provider_logs(self) -> str:
        """Everything the provider processes wrote to stdout and stderr (recent lines)."""
        return "\n".join(server.logs for server in self.servers)

    def close(self) -> None:
        """Stop the shared provider process, if any; the next run starts a new one."""
        if self._shared is not None:
            self._shared.close()
            self._shared = None

    def reconfigure(self, config: Mapping[str, str]) -> None:
        """Use ``config`` from the next run on (a warm provider process is restarted)."""
        self.close()
        self.config = dict(config)

    def _recorded(self, run: Callable[[], RunResult]) -> RunResult:
        try:
            return run()
        except RunFailed as failure:
            self.failures.append(str(failure))
            raise
        finally:
            self.checkpoints.append(self.state_json(indent=None))
            self.providers.update(self.serialized_providers())

    def up(self, program: Any, *, skip_preview: bool = True) -> RunResult:
        """``pulumi up`` (without the preview, unless asked: these suites test the update)."""
        return self._recorded(lambda: super(Runner, self).up(program, skip_preview=skip_preview))

    def refresh(self) -> RunResult:
        return self._recorded(super().refresh)

    def destroy(self) -> RunResult:
        return self._recorded(super().destroy)


@dataclass(frozen=True)
class Step:
    """One HTTP request of an operation: the ``occurrence``-th one with this method and path.

    ``path`` may be an ``fnmatch`` glob (``*`` for the parts of an id that a rerun changes).
    """

    method: str
    path: str
    occurrence: int = 1

    @property
    def writes(self) -> bool:
        return self.method in WRITES

    def matches(self, method: str, path: str) -> bool:
        return method == self.method and (path == self.path or fnmatch.fnmatchcase(path, self.path))

    def __str__(self) -> str:
        nth = f" (#{self.occurrence})" if self.occurrence > 1 else ""
        return f"{self.method} {self.path}{nth}"


def steps_of(emu: Emulator, ids: tuple[str, ...] = ()) -> list[Step]:
    """The API requests the emulator logged, as steps.

    Each of ``ids``, and each id in a path that names no object any more (an identity
    removed, say: a rerun removes one with another id), becomes ``*``.
    """
    live = {key for records in emu.snapshot().values() for key in records}
    steps: list[Step] = []
    for record in emu.api_requests():
        parts = [
            "*" if part in ids or (_looks_like_id(part) and part not in live) else part
            for part in record.path.split("/")
        ]
        path = "/".join(parts)
        seen = sum(1 for s in steps if s.method == record.method and s.path == path)
        steps.append(Step(record.method, path, seen + 1))
    return steps


def _looks_like_id(part: str) -> bool:
    return len(part) >= 12 and any(c.isdigit() for c in part)


@contextlib.contextmanager
def inject(
    emu: Emulator,
    step: Step,
    status: FailureStatus,
    *,
    after: bool = False,
    retry_after: float | None = None,
) -> Iterator[Callable[[], bool]]:
    """Fail ``step`` once; yields a function telling whether the fault fired.

    The first occurrence of a method and path is failed with ``emu.faults.fail_next``; a
    later one by wrapping the emulator's rule lookup, which has no "skip n" option.
    """
    tally.add("faults")
    faults = emu.faults
    if step.occurrence == 1:
        faults.fail_next(
            status=status, method=step.method, path=step.path, after=after, retry_after=retry_after
        )
        try:
            yield lambda: faults.pending_failures == 0
        finally:
            faults.clear()
        return

    original = faults.scripted
    seen = 0

    def scripted(method: str, path: str) -> Failure | None:
        nonlocal seen
        if step.matches(method, path):
            seen += 1
            if seen == step.occurrence:
                return Failure(status, "injected", retry_after=retry_after, after=after)
        return original(method, path)

    faults.scripted = scripted  # type: ignore[method-assign]
    try:
        yield lambda: seen >= step.occurrence
    finally:
        del faults.scripted  # back to the class's method
        faults.clear()


_VOLATILE = ("_on",)  # creation and sign-in timestamps differ between equivalent runs


def comparable(snapshot: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, list[str]]:
    """The emulator's state as multisets of records, for comparing two runs.

    Record keys and ``id`` fields are left out, so an object made again with a new id (an
    identity re-added) compares equal, while an orphan, a duplicate or a changed setting does
    not. Lists compare as sets (Kinde keeps no order for them) and timestamps are ignored.
    """

    def canon(value: Any) -> Any:
        if isinstance(value, list):
            return sorted((canon(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        if isinstance(value, dict):
            return {k: canon(v) for k, v in value.items()}
        return value

    result: dict[str, list[str]] = {}
    for name, records in snapshot.items():
        rows = []
        for fields in records.values():
            kept = {
                k: canon(v) for k, v in fields.items() if k != "id" and not k.endswith(_VOLATILE)
            }
            rows.append(json.dumps(kept, sort_keys=True))
        result[name] = sorted(rows)
    return result


def live_outputs(provider_class: type[Any], config: Mapping[str, str], id_: str) -> dict[str, Any]:
    """What the provider reads for ``id_`` in this process (empty when the object is gone).

    The process's client is kept between calls (building one costs some 20 ms); call
    ``_context.reset()`` when done (the suite's autouse fixture does).
    """
    _context.set_stack_config(config)
    # Another process wrote since the last call: lists this client walked are stale.
    _context.client_for(None).stats.writes += 1
    result = provider_class().read(id_, {})
    return dict(result.outs or {}) if result.id else {}
