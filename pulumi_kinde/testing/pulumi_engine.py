"""Run a Pulumi program through the real Pulumi CLI, as ``pulumi up`` does, for tests and ``try``.

:class:`PulumiRunner` has the interface of the stand-in's :class:`~.runner.ProgramRunner`
(``up``, ``preview``, ``refresh``, ``destroy``, ``state``, ``outputs``, ``checkpoint``,
``restore``) and keeps one stack in a local file backend (``file://``) of its own, with the
passphrase secrets provider and an isolated ``PULUMI_HOME``; nothing reaches Pulumi Cloud or
the internet. The program runs as an Automation API inline program, in this process: the CLI
talks to an in-process language server, so no Python language host is needed, and the CLI
starts the dynamic provider the way it always does (``pulumi-resource-pulumi-python``, with
this interpreter as ``PULUMI_PYTHON_CMD``). What happened is read from the engine's events
(:mod:`._events`) into the same :class:`RunResult` the stand-in gives.

Inline programs share this process's Pulumi runtime settings, so operations of all
``PulumiRunner``\\ s of a process run one at a time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pulumi
from pulumi import automation as auto

from .._tagged_output import TAG_ENV
from ._errors import CheckFailed, RunFailed
from ._events import EventLog
from ._program import Program, program_entry, settings_defaults_restored
from ._result import RunResult, StackOutput
from ._state import Entry, ResourceState, serialized_providers, stack_outputs_of
from ._values import SECRET_SIG, SIG_KEY
from .pulumi_cli import PulumiCli, ensure_cli

__all__ = ["TEST_PASSPHRASE", "PulumiRunner"]

TEST_PASSPHRASE = "pulumi-kinde-local-stack"
"""The passphrase of stacks made for tests (``PULUMI_CONFIG_PASSPHRASE``)."""

_ONE_AT_A_TIME = threading.RLock()
_PREVIEW_ENV = {"PULUMI_SKIP_CHECKPOINTS": "true"}
"""For a preview only. The CLI (v3.276.0) runs a preview with a snapshot manager whose
persister discards every checkpoint, yet after each step it still serializes and verifies the
whole snapshot: cost quadratic in the resources (a preview of 900 spent two thirds of its CPU
there). ``PULUMI_SKIP_CHECKPOINTS`` builds the one final snapshot instead, which the preview
discards as well; an ``up``, ``refresh`` or ``destroy`` keeps its checkpoint after every step."""
_PROVIDERS = "pulumi:providers:"
_PLAINTEXT = "plaintext"


class PulumiRunner:
    """One stack of a program in a local backend, driven by the real Pulumi CLI.

    ``config`` is the stack configuration (namespaced keys such as ``"kinde:clientSecret"``),
    ``secret_keys`` names the secret ones (stored encrypted, as ``pulumi config set --secret``
    does). ``env`` is added to the CLI's environment, and so to the provider process's.
    ``passphrase`` encrypts the stack's secrets; ``work_dir`` holds the backend (a new
    temporary directory, removed by :meth:`close`, when not given). ``cli`` defaults to
    :func:`~.pulumi_cli.ensure_cli` (found, else built).
    """

    engine = "pulumi"

    def __init__(
        self,
        *,
        config: Mapping[str, str] | None = None,
        secret_keys: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
        project: str = "project",
        stack: str = "stack",
        parallel: int = 16,
        passphrase: str = TEST_PASSPHRASE,
        work_dir: str | os.PathLike[str] | None = None,
        cli: PulumiCli | None = None,
    ) -> None:
        self.config = dict(config or {})
        self.secret_keys = list(secret_keys)
        self.env = dict(env or {})
        self.project = project
        self.stack = stack
        self.parallel = parallel
        self.cli = cli or ensure_cli()
        self._owns_dir = work_dir is None
        self.work_dir = Path(work_dir or tempfile.mkdtemp(prefix="pulumi-kinde-stack-"))
        (self.work_dir / "backend").mkdir(parents=True, exist_ok=True)
        (self.work_dir / "home").mkdir(exist_ok=True)
        self._passphrase = passphrase
        self._applied: dict[str, tuple[str, bool]] = {}
        self._plain: dict[str, Any] | None = None
        self._outputs: dict[str, StackOutput] | None = None
        self._workspace = auto.LocalWorkspace(
            work_dir=str(self.work_dir),
            pulumi_home=str(self.work_dir / "home"),
            env_vars=self._cli_env(),
            pulumi_command=auto.PulumiCommand(root=str(self.cli.root)),
            project_settings=auto.ProjectSettings(name=project, runtime="python"),
            secrets_provider="passphrase",
        )
        self._stack = auto.Stack.create_or_select(stack, self._workspace)

    @property
    def engine_name(self) -> str:
        """``pulumi v3.276.0``: which engine ran."""
        return f"pulumi v{self.cli.version}"

    # -- operations -----------------------------------------------------------------------

    def up(
        self,
        program: Program,
        *,
        skip_preview: bool = False,
        target: Iterable[str] = (),
        continue_on_error: bool = False,
    ) -> RunResult:
        """``pulumi up``: a preview first (unless skipped), then the update
        (``--continue-on-error`` on request)."""
        preview = None if skip_preview else self.preview(program, target=target)
        extra = {"continue_on_error": True} if continue_on_error else {}
        result = self._run("up", self._stack.up, program, target=target, **extra)
        result.preview = preview
        return result

    def preview(self, program: Program, *, target: Iterable[str] = ()) -> RunResult:
        """``pulumi preview``: Check and Diff only."""
        return self._run("preview", self._stack.preview, program, target=target)

    def refresh(
        self, *, target: Iterable[str] = (), clear_pending_creates: bool = False
    ) -> RunResult:
        """``pulumi refresh`` (``--clear-pending-creates`` on request)."""
        extra = {"clear_pending_creates": True} if clear_pending_creates else {}
        return self._run("refresh", self._stack.refresh, None, target=target, **extra)

    def destroy(self, *, target: Iterable[str] = ()) -> RunResult:
        """``pulumi destroy``."""
        return self._run("destroy", self._stack.destroy, None, target=target)

    # -- the checkpoint -------------------------------------------------------------------

    @property
    def state(self) -> list[ResourceState]:
        """The checkpoint, in order (the root stack first; provider resources left out)."""
        return [entry.snapshot() for entry in self._entries()]

    @property
    def outputs(self) -> dict[str, StackOutput]:
        """The stack outputs recorded in the checkpoint."""
        if self._outputs is None:
            self._outputs = stack_outputs_of(self._entries())
        return dict(self._outputs)

    def state_json(self, *, indent: int | None = 2) -> str:
        """The checkpoint as ``pulumi stack export`` prints it; secrets are ciphertext."""
        return json.dumps(self.checkpoint(), indent=indent)

    def checkpoint(self) -> dict[str, Any]:
        """The checkpoint as ``pulumi stack export`` gives it (secrets encrypted with the
        passphrase), for :meth:`restore` in a later process."""
        with _ONE_AT_A_TIME:
            done = self._workspace.pulumi_command.run(
                ["stack", "export", "--stack", self.stack],
                str(self.work_dir),
                self._workspace.env_vars,
            )
        exported: dict[str, Any] = json.loads(done.stdout)
        return exported

    def restore(self, checkpoint: Mapping[str, Any]) -> None:
        """Replace the stack's checkpoint with one :meth:`checkpoint` returned."""
        deployment = auto.Deployment(
            version=int(checkpoint.get("version", 3)), deployment=dict(checkpoint["deployment"])
        )
        with _ONE_AT_A_TIME:
            self._stack.import_stack(deployment)
        self._invalidate()

    def serialized_providers(self) -> list[str]:
        """The plaintext ``__provider`` strings stored in the checkpoint (base64 of a pickle)."""
        return serialized_providers(self._entries())

    def urn(self, name: str) -> str:
        """The URN of the resource called ``name`` in the checkpoint (URNs pass through)."""
        if "::" in name:
            return name
        matches = [entry.urn for entry in self._entries() if entry.name == name]
        if len(matches) != 1:
            raise KeyError(f"{len(matches)} resources named {name!r} in the checkpoint")
        return matches[0]

    def pulumi(self, *args: str, timeout: float = 300.0) -> subprocess.CompletedProcess[str]:
        """Run the Pulumi CLI on this stack as a user would (``pulumi cancel --yes``,
        ``pulumi stack export``); its exit code and output, uncolored."""
        with _ONE_AT_A_TIME:
            return subprocess.run(
                [str(self.cli.pulumi), *args, "--stack", self.stack, "--color", "never"],
                cwd=self.work_dir,
                env={**os.environ, **self._cli_env()},
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )

    def close(self) -> None:
        """Remove the stack's directory, if this runner made it."""
        if self._owns_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    # -- internals ------------------------------------------------------------------------

    def _cli_env(self, *, preview: bool = False) -> dict[str, str]:
        path = os.pathsep.join([str(self.cli.bin), os.environ.get("PATH", "")])
        return {
            **(_PREVIEW_ENV if preview else {}),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_CONFIG_PASSPHRASE": self._passphrase,
            "PULUMI_BACKEND_URL": (self.work_dir / "backend").as_uri(),
            "PULUMI_HOME": str(self.work_dir / "home"),
            "PULUMI_PYTHON_CMD": sys.executable,
            "PATH": path,
            TAG_ENV: "1",
            **self.env,
        }

    def _sync_config(self) -> None:
        """Send the config that changed since the last operation to the stack."""
        wanted = {k: (v, k in self.secret_keys) for k, v in self.config.items()}
        if wanted == self._applied:
            return
        changed = {k: v for k, v in wanted.items() if self._applied.get(k) != v}
        gone = [k for k in self._applied if k not in wanted]
        if changed:
            self._stack.set_all_config(
                {
                    k: auto.ConfigValue(value, secret=secret)
                    for k, (value, secret) in changed.items()
                }
            )
        if gone:
            self._stack.remove_all_config(gone)
        self._applied = wanted

    def _run(
        self,
        operation: str,
        call: Callable[..., Any],
        program: Program | None,
        *,
        target: Iterable[str],
        **options: Any,
    ) -> RunResult:
        log = EventLog(operation)
        observed = _Observed()
        targets = [self.urn(t) for t in target]
        if targets:
            options["target"] = targets
        with _ONE_AT_A_TIME, settings_defaults_restored():
            self._sync_config()
            self._workspace.env_vars = self._cli_env(preview=operation == "preview")
            command_error = None
            outcome = None
            try:
                if program is None:
                    outcome = call(on_event=log, color="never", **options)
                else:
                    with program_entry(program) as main:
                        outcome = call(
                            on_event=log,
                            color="never",
                            program=observed.wrap(main),
                            parallel=self.parallel,
                            **options,
                        )
            except auto.errors.CommandError as error:
                command_error = _last_lines(str(error))
            finally:
                if operation != "preview":
                    self._invalidate()
        outputs = self._outputs_after(operation, outcome)
        result = log.result(
            outputs=outputs, program_error=observed.error, command_error=command_error
        )
        result.providers = frozenset(observed.providers)
        if result.check_failures:
            raise CheckFailed(result)
        if result.errors:
            raise RunFailed(result)
        return result

    def _outputs_after(self, operation: str, outcome: Any) -> dict[str, StackOutput]:
        if operation == "up" and isinstance(outcome, auto.UpResult):
            self._outputs = {
                k: StackOutput(v.value, bool(v.secret)) for k, v in outcome.outputs.items()
            }
        if operation == "preview":
            return self.outputs if self._plain is not None or self._outputs is not None else {}
        return self.outputs

    def _invalidate(self) -> None:
        self._plain = None
        self._outputs = None

    def _entries(self) -> list[Entry]:
        if self._plain is None:
            with _ONE_AT_A_TIME:
                exported = self._stack.export_stack()  # --show-secrets: plaintext, in memory
            self._plain = dict(exported.deployment or {})
        entries = []
        for resource in self._plain.get("resources") or []:
            if str(resource.get("type", "")).startswith(_PROVIDERS):
                continue
            entries.append(_entry(resource))
        return entries


class _Observed:
    """What the inline program did in this process: its exception, and the serialized
    providers of its dynamic resources (seen by a stack transformation, in-process, which
    changes nothing)."""

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self.providers: set[str] = set()

    def wrap(self, main: Callable[[], Any]) -> Callable[[], Any]:
        def program() -> Any:
            pulumi.runtime.register_stack_transformation(self._see)
            try:
                return main()
            except BaseException as error:
                self.error = error
                raise

        return program

    def _see(self, args: pulumi.ResourceTransformationArgs) -> None:
        provider = args.props.get("__provider") if isinstance(args.props, dict) else None
        if isinstance(provider, str):
            self.providers.add(provider)


def _wire(value: Any) -> Any:
    """A value of a ``--show-secrets`` export in wire form (secrets wrapped, plaintext)."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG and _PLAINTEXT in value:
            return {SIG_KEY: SECRET_SIG, "value": _wire(json.loads(value[_PLAINTEXT]))}
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def _entry(resource: Mapping[str, Any]) -> Entry:
    urn = str(resource["urn"])
    return Entry(
        urn=urn,
        type=str(resource.get("type", "")),
        name=urn.split("::")[-1],
        custom=bool(resource.get("custom")),
        id=str(resource.get("id") or ""),
        inputs=_wire(resource.get("inputs") or {}),
        outputs=_wire(resource.get("outputs") or {}),
        parent=str(resource.get("parent") or ""),
        dependencies=list(resource.get("dependencies") or []),
        property_dependencies=dict(resource.get("propertyDependencies") or {}),
        additional_secret_outputs=list(resource.get("additionalSecretOutputs") or []),
        external=bool(resource.get("external")),
        delete=bool(resource.get("delete")),
    )


def _last_lines(text: str, count: int = 30) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-count:])
