"""Offline means offline: ``try`` refuses settings that point anywhere but an emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_try

QUICKSTART = str(Path(__file__).resolve().parents[2] / "examples" / "quickstart")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--config", "kinde:domain=acme.kinde.com"],
            "error: refusing --config kinde:domain=acme.kinde.com: try only talks to an "
            "emulator: its own, or one you started, given with --emulator URL",
        ),
        (
            ["--config", "kinde-prod:domain=https://acme-prod.kinde.com"],
            "error: refusing --config kinde-prod:domain=https://acme-prod.kinde.com: try only "
            "talks to an emulator: its own, or one you started, given with --emulator URL",
        ),
        (
            ["--secret", "kinde:clientSecret=hunter2-but-longer"],
            "error: refusing --secret kinde:clientSecret=...: try only talks to an emulator: "
            "its own, or one you started, given with --emulator URL",
        ),
        (
            ["--config", "kinde:domain=http://127.0.0.1:8765"],
            "error: refusing --config kinde:domain=http://127.0.0.1:8765: to use the emulator "
            "at http://127.0.0.1:8765, pass --emulator http://127.0.0.1:8765",
        ),
        (
            ["--emulator", "https://acme.kinde.com"],
            "error: refusing --emulator https://acme.kinde.com: try attaches only to an "
            "emulator on this machine (http://127.0.0.1:PORT, http://localhost:PORT or "
            "http://[::1]:PORT)",
        ),
        (
            ["--emulator", "prod=http://10.0.0.5:8765"],
            "error: refusing --emulator http://10.0.0.5:8765: try attaches only to an "
            "emulator on this machine (http://127.0.0.1:PORT, http://localhost:PORT or "
            "http://[::1]:PORT)",
        ),
        (["--refresh"], "error: --refresh needs --state FILE (a checkpoint to refresh)"),
    ],
)
def test_refused_before_anything_starts(argv: list[str], message: str) -> None:
    ran = run_try(QUICKSTART, *argv)
    assert ran.code == 2
    assert ran.err.splitlines() == [message]
    assert ran.out == ""  # no emulator, no program run
    assert "hunter2" not in ran.err


def test_a_state_file_of_another_project_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(
        '{"format": "pulumi-kinde-try/1", "project": "billing", "checkpoint": [], "emulators": {}}'
    )
    ran = run_try(QUICKSTART, "--state", str(state))
    assert ran.code == 2
    assert ran.err == (
        f"error: {state} holds project 'billing', not 'quickstart'; use another --state file\n"
    )
