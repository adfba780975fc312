"""Which engine runs a program: the real Pulumi CLI when there is one, else the stand-in.

``choose_engine("auto")`` (the default; ``PULUMI_KINDE_ENGINE`` overrides it) takes the real
engine when :func:`~.pulumi_cli.find_cli` finds a CLI and the stand-in otherwise, saying why;
``"pulumi"`` insists on the real engine (:class:`~.pulumi_cli.CliUnavailable` without one);
``"standin"`` takes the stand-in. :func:`make_runner` builds the chosen runner; both have
the interface of :class:`Runner`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ._program import Program
from ._result import RunResult, StackOutput
from ._state import ResourceState
from .pulumi_cli import LAUNCHER, CliUnavailable, PulumiCli, find_cli, minimum_version
from .runner import ProgramRunner

__all__ = ["ENGINE_VARIABLE", "EngineChoice", "Runner", "choose_engine", "make_runner"]

ENGINE_VARIABLE = "PULUMI_KINDE_ENGINE"
"""``pulumi``, ``standin`` or ``auto``: the engine when none is asked for."""

EngineName = Literal["pulumi", "standin"]


class Runner(Protocol):
    """What both engines offer: one stack's operations and checkpoint."""

    engine: str
    config: dict[str, str]
    secret_keys: list[str]
    env: dict[str, str]
    project: str
    stack: str

    @property
    def engine_name(self) -> str: ...
    @property
    def state(self) -> list[ResourceState]: ...
    @property
    def outputs(self) -> dict[str, StackOutput]: ...
    def up(self, program: Program, *, skip_preview: bool = False) -> RunResult: ...
    def preview(self, program: Program) -> RunResult: ...
    def refresh(self) -> RunResult: ...
    def destroy(self) -> RunResult: ...
    def state_json(self, *, indent: int | None = 2) -> str: ...
    def serialized_providers(self) -> list[str]: ...
    def checkpoint(self) -> Any: ...
    def restore(self, checkpoint: Any) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class EngineChoice:
    """The engine to run with; ``note`` says why the stand-in was taken when it was not
    asked for."""

    name: EngineName
    cli: PulumiCli | None = None
    note: str = ""


def choose_engine(choice: str | None = None) -> EngineChoice:
    """The engine for ``choice`` (``auto``, ``pulumi``, ``standin``; None: the variable)."""
    wanted = (choice or os.environ.get(ENGINE_VARIABLE) or "auto").strip().lower()
    wanted = {"stand-in": "standin", "real": "pulumi"}.get(wanted, wanted)
    if wanted not in ("auto", "pulumi", "standin"):
        raise ValueError(f"unknown engine {wanted!r}: use pulumi, standin or auto")
    if wanted == "standin":
        return EngineChoice("standin")
    cli = find_cli()
    if cli is not None:
        return EngineChoice("pulumi", cli)
    missing = (
        f"no Pulumi CLI (v{minimum_version()} or newer, with {LAUNCHER}) on PATH or in the "
        "cache; `python -m pulumi_kinde pulumi-cli` builds one (needs Go)"
    )
    if wanted == "pulumi":
        raise CliUnavailable(missing)
    return EngineChoice("standin", note=missing)


def make_runner(
    choice: EngineChoice,
    *,
    config: Mapping[str, str] | None = None,
    secret_keys: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    project: str = "project",
    stack: str = "stack",
    **options: Any,
) -> Runner:
    """A runner of the chosen engine (``options`` go to that runner only)."""
    common: dict[str, Any] = {
        "config": config,
        "secret_keys": secret_keys,
        "env": env,
        "project": project,
        "stack": stack,
    }
    if choice.name == "pulumi":
        from .pulumi_engine import PulumiRunner

        return PulumiRunner(cli=choice.cli, **common, **options)
    return ProgramRunner(**common, **options)
