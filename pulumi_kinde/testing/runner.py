"""Run a Pulumi program against the real dynamic provider protocol, without the Pulumi CLI.

:class:`ProgramRunner` plays the Pulumi engine and keeps a checkpoint between operations::

    runner = ProgramRunner(config={"kinde:domain": "..."}, env={"PYTHONPATH": root})
    result = runner.up(program)          # preview, then create / update / replace / delete
    runner.preview(program)              # Check and Diff only
    runner.refresh()                     # Read every resource
    runner.destroy()                     # Delete everything, in reverse order

The program runs under ``pulumi.runtime.set_mocks`` with a monitor that sends every dynamic
resource through a fresh ``python -m pulumi.dynamic`` process (one per operation, as the
engine starts one per ``pulumi up``). Each run happens on its own thread, with its own event
loop and context, so many runs can share one test process.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

import pulumi
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import set_mocks
from pulumi.runtime.stack import run_in_stack

from ._engine import Deployment, EngineAbort
from ._errors import CheckFailed, ProviderError, RunFailed
from ._monitor import EngineMonitor
from ._program import Program, program_entry, settings_defaults_restored
from ._result import RunResult, StackOutput
from ._state import (
    Entry,
    ResourceState,
    checkpoint_json,
    serialized_providers,
    stack_outputs_of,
)
from .provider_server import ProviderServer

__all__ = ["Program", "ProgramRunner"]

_LOGGER = logging.getLogger("pulumi_kinde.testing.program")


class ProgramRunner:
    """A stand-in for the Pulumi engine and one stack's checkpoint.

    ``config`` is the stack configuration (namespaced keys such as ``"kinde:clientSecret"``),
    visible to the program through ``pulumi.Config`` and sent to the provider's Configure;
    ``secret_keys`` names the secret ones. ``env`` is added to the provider process's
    environment. Every provider RPC is bounded by ``rpc_timeout`` and every program run by
    ``run_timeout`` seconds. ``parallel`` bounds concurrent resource operations, like
    ``pulumi up --parallel``.

    A resource option this stand-in does not implement (``protect``, ``aliases``,
    ``retain_on_delete`` ...) fails the run with :class:`~._monitor.NotImplementedByStandIn`
    rather than being ignored: the real engine (:class:`~.pulumi_engine.PulumiRunner`) runs
    such programs.
    """

    engine = "standin"
    engine_name = "engine stand-in"

    def __init__(
        self,
        *,
        config: Mapping[str, str] | None = None,
        secret_keys: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
        project: str = "project",
        stack: str = "stack",
        organization: str = "organization",
        rpc_timeout: float = 60.0,
        run_timeout: float = 600.0,
        parallel: int = 16,
    ) -> None:
        self.config = dict(config or {})
        self.secret_keys = list(secret_keys)
        self.env = dict(env or {})
        self.project = project
        self.stack = stack
        self.organization = organization
        self.rpc_timeout = rpc_timeout
        self.run_timeout = run_timeout
        self.parallel = parallel
        self._entries: list[Entry] = []

    # -- the checkpoint -------------------------------------------------------------------

    @property
    def state(self) -> list[ResourceState]:
        """The checkpoint, in order (the root stack first)."""
        return [entry.snapshot() for entry in self._entries]

    @property
    def outputs(self) -> dict[str, StackOutput]:
        """The stack outputs recorded in the checkpoint."""
        return stack_outputs_of(self._entries)

    def state_json(self, *, indent: int | None = 2) -> str:
        """The checkpoint as ``pulumi stack export`` prints it; secrets are ciphertext."""
        return checkpoint_json(self._entries, indent=indent)

    def checkpoint(self) -> list[dict[str, Any]]:
        """The checkpoint as JSON-ready data, for :meth:`restore` in a later process.

        Unlike :meth:`state_json`, secret values are kept (wrapped, in plaintext): a later
        run needs them to diff write-only inputs. Store the data where only you can read it.
        """
        return [dataclasses.asdict(entry) for entry in self._entries]

    def restore(self, checkpoint: Iterable[Mapping[str, Any]]) -> None:
        """Replace the checkpoint with one :meth:`checkpoint` returned."""
        self._entries = [Entry(**dict(entry)) for entry in checkpoint]

    def serialized_providers(self) -> list[str]:
        """The plaintext ``__provider`` strings stored in the checkpoint (base64 of a pickle)."""
        return serialized_providers(self._entries)

    # -- operations -----------------------------------------------------------------------

    def up(self, program: Program, *, skip_preview: bool = False) -> RunResult:
        """``pulumi up``: a preview first (unless skipped), then the update.

        Raises :class:`CheckFailed` when Check rejects inputs (in the preview, so nothing
        changes) and :class:`RunFailed` for any other error; the exception's ``result``
        holds the steps taken.
        """
        preview = None if skip_preview else self._run_program(program, preview=True)
        result = self._run_program(program, preview=False)
        result.preview = preview
        return result

    def preview(self, program: Program) -> RunResult:
        """``pulumi preview``: Check and Diff only; new resources' outputs are unknown."""
        return self._run_program(program, preview=True)

    def refresh(self) -> RunResult:
        """``pulumi refresh``: Read every resource; drop those whose Read returns no id."""
        deployment = self._deployment("refresh")
        try:
            self._entries = deployment.refresh()
        finally:
            deployment.close()
        return self._finish(deployment.result())

    def destroy(self) -> RunResult:
        """``pulumi destroy``: Delete every resource in reverse creation order."""
        deployment = self._deployment("destroy")
        try:
            self._entries = deployment.destroy()
        finally:
            deployment.close()
        return self._finish(deployment.result())

    def close(self) -> None:
        """Nothing to release: the checkpoint lives in memory."""

    # -- internals ------------------------------------------------------------------------

    def _deployment(self, operation: str, *, preview: bool = False) -> Deployment:
        return Deployment(
            operation,
            list(self._entries),
            self._start_provider,
            preview=preview,
            parallel=self.parallel,
        )

    def _start_provider(self) -> ProviderServer:
        server = ProviderServer(env=self.env, project=self.project, rpc_timeout=self.rpc_timeout)
        try:
            server.configure(self.config)
        except BaseException:
            server.close()
            raise
        return server

    def _run_program(self, program: Program, *, preview: bool) -> RunResult:
        deployment = self._deployment("preview" if preview else "up", preview=preview)
        try:
            with settings_defaults_restored():
                run = functools.partial(self._execute, program, deployment)
                error = _run_on_thread(run, self.run_timeout)
            if error is None:
                deployment.delete_removed()
        finally:
            deployment.close()
        if not preview:
            self._entries = deployment.final_state()
        return self._finish(deployment.result(error))

    def _execute(self, program: Program, deployment: Deployment) -> None:
        """Run ``program`` on the current (fresh) thread, as the Python language host does."""
        loop = asyncio.new_event_loop()
        quiet = _FailedFutureFilter()
        loop.set_exception_handler(quiet)
        asyncio.set_event_loop(loop)
        try:
            set_all_config(dict(self.config), list(self.secret_keys))
            # set_mocks creates a root Stack unless one exists; run_in_stack makes the real one.
            pulumi_settings.ROOT.set(cast(pulumi.Resource, _NOT_A_STACK))
            monitor = EngineMonitor(deployment)
            set_mocks(
                monitor.mocks,
                project=self.project,
                stack=self.stack,
                preview=deployment.preview,
                logger=_LOGGER,
                monitor=monitor,
                organization=self.organization,
            )
            pulumi_settings.ROOT.set(None)
            _reset_shared_settings()
            with program_entry(program) as main:
                loop.run_until_complete(run_in_stack(main))
        except BaseException:
            quiet.run_failed = True
            raise
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_default_executor())
            asyncio.set_event_loop(None)
            loop.close()
            # Finalize the program's futures now, on this thread, while the handler is set.
            del loop
            gc.collect()

    @staticmethod
    def _finish(result: RunResult) -> RunResult:
        if result.check_failures:
            raise CheckFailed(result)
        if result.errors:
            raise RunFailed(result)
        return result


_NOT_A_STACK = object()


class _FailedFutureFilter:
    """Drop the event loop's reports about a failed run's leftovers.

    When a registration fails, every output depending on it holds the same exception and the
    SDK never awaits them all ("exception was never retrieved"), and the registrations and
    applies still waiting when the program stopped are destroyed with the loop ("Task was
    destroyed but it is pending!"). The RunResult holds the error; reporting these at garbage
    collection would bury it under dozens of lines (and, on Python 3.11, formatting a
    traceback inside a finalizer can break a concurrent ``ast.parse`` in the test process).
    """

    def __init__(self) -> None:
        self.run_failed = False

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", ""))
        unretrieved = "never retrieved" in message
        reported = isinstance(context.get("exception"), (ProviderError, EngineAbort))
        if unretrieved and (reported or self.run_failed):
            return
        if self.run_failed and message.startswith("Task was destroyed but it is pending"):
            return
        loop.default_exception_handler(context)


def _reset_shared_settings() -> None:
    """Give this run its own copies of settings that ``set_mocks`` leaves shared."""
    settings = pulumi_settings.SETTINGS
    settings.outputs = set()
    settings.package_refs = {}
    settings.base_providers_by_ref = {}


def _run_on_thread(target: Callable[[], None], timeout: float) -> BaseException | None:
    """Run ``target`` on a new thread (fresh context); return what it raised, if anything."""
    box: dict[str, BaseException] = {}

    def run() -> None:
        try:
            target()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="pulumi-program", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return TimeoutError(f"the program did not finish within {timeout}s")
    return box.get("error")
