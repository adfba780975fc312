"""Fixtures shared by the provider tests: a fresh emulator and an engine stand-in on it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from pulumi_kinde.testing.pulumi_cli import PulumiCli, find_cli, minimum_version
from pulumi_kinde.testing.pulumi_engine import PulumiRunner

UNDER_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for every two cores. A worker waits on its provider
    processes and emulator much of the time (1.4 of 2 cores were busy with one per core)."""
    return max(2, (3 * (os.cpu_count() or 1)) // 2)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """A fresh, running Kinde emulator on a free loopback port."""
    with Emulator() as emulator:
        yield emulator


def stack_config(emu: Emulator, **extra: str) -> dict[str, str]:
    """Stack config pointing the provider at ``emu``."""
    return {
        "kinde:domain": emu.url,
        "kinde:clientId": emu.client_id,
        "kinde:clientSecret": emu.client_secret,
        **extra,
    }


@pytest.fixture
def runner(emu: Emulator) -> ProgramRunner:
    """A stack whose provider talks to ``emu``, with no retries waiting in tests."""
    return ProgramRunner(config=stack_config(emu), secret_keys=["kinde:clientSecret"])


@pytest.fixture(scope="session")
def pulumi_cli() -> PulumiCli:
    """The real Pulumi CLI. Without one the test is skipped, saying why; under CI
    (``CI=true``) it fails instead: CI must run the real-engine tests (``.ci/run`` builds the
    CLI first)."""
    cli = find_cli()
    if cli is None:
        reason = (
            f"no Pulumi CLI (v{minimum_version()}+ on PATH, or the cached build): run "
            "`python -m pulumi_kinde pulumi-cli` (needs Go) to run the real-engine tests"
        )
        if UNDER_CI:
            pytest.fail(f"{reason}; CI=true requires them", pytrace=False)
        pytest.skip(reason)
    return cli


@pytest.fixture
def real(emu: Emulator, pulumi_cli: PulumiCli) -> Iterator[PulumiRunner]:
    """A stack on the real Pulumi engine (local backend) whose provider talks to ``emu``."""
    runner = PulumiRunner(
        config=stack_config(emu), secret_keys=["kinde:clientSecret"], cli=pulumi_cli
    )
    try:
        yield runner
    finally:
        runner.close()
