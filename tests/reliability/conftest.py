"""Fixtures of the reliability suites: runners whose every program is scanned for secrets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import _context
from tests.conftest import stack_config
from tests.reliability import tally
from tests.reliability.harness import Runner
from tests.reliability.secrets import SecretBook, assert_no_secrets

DEBUG_LOG = {"PULUMI_KINDE_LOG": "debug"}
"""Provider environment: log every request, so the secret scan reads the debug log."""

MakeRunner = Callable[..., Runner]


@pytest.fixture(autouse=True)
def _fresh_clients() -> Iterator[None]:
    """No client of this process outlives a test (``harness.live_outputs`` keeps one)."""
    yield
    _context.reset()


@pytest.fixture
def secret_book(emu: Emulator) -> SecretBook:
    """The secrets of ``emu`` seen so far; call ``collect()`` before revoking tokens."""
    return SecretBook(emu)


@pytest.fixture
def make_runner(emu: Emulator, secret_book: SecretBook) -> Iterator[MakeRunner]:
    """Build runners on ``emu`` (no retries unless ``retries=True``, debug log on).

    At teardown every runner's state, serialized providers, provider logs and failures are
    scanned for secrets, and warm provider processes are stopped.
    """
    runners: list[Runner] = []

    def make(*, retries: bool = False, warm: bool = True, **options: Any) -> Runner:
        extra = {} if retries else {"kinde:maxRetries": "0"}
        options.setdefault("config", stack_config(emu, **extra))
        options.setdefault("secret_keys", ["kinde:clientSecret"])
        options.setdefault("env", DEBUG_LOG)
        options.setdefault("run_timeout", 120.0)
        runner = Runner(warm=warm, **options)
        runners.append(runner)
        return runner

    yield make
    try:
        for runner in runners:
            assert_no_secrets(runner, emu, book=secret_book)
    finally:
        for runner in runners:
            runner.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = tally.summary()
    if lines:
        terminalreporter.section("reliability counts")
        for line in lines:
            terminalreporter.write_line(line)
