"""Fixtures for the harness tests: a toy provider store and runners wired to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pulumi_kinde.testing import ProgramRunner
from tests.testing.toy_provider import STATE_ENV, ToyStore, provider_env


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ToyStore:
    """An empty toy store; also visible to in-process code through the environment."""
    path = tmp_path / "toy.json"
    monkeypatch.setenv(STATE_ENV, str(path))
    return ToyStore(path)


@pytest.fixture
def make_runner(store: ToyStore) -> Iterator[Callable[..., ProgramRunner]]:
    """Build runners on the toy store; whatever a test leaves behind is destroyed."""
    runners: list[ProgramRunner] = []

    def make(**kwargs: object) -> ProgramRunner:
        options: dict[str, object] = {
            "config": {"toy:label": "hello"},
            "env": provider_env(store),
            "rpc_timeout": 30.0,
            "run_timeout": 60.0,
        }
        options.update(kwargs)
        runner = ProgramRunner(**options)  # type: ignore[arg-type]
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        if any(entry.custom for entry in runner.state):
            runner.destroy()


@pytest.fixture
def runner(make_runner: Callable[..., ProgramRunner]) -> ProgramRunner:
    """A runner with the stack config ``toy:label = hello``."""
    return make_runner()
