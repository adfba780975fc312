"""A connection's applications are declared one way: the whole set, or one per pairing."""

from __future__ import annotations

import pytest

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import CheckFailed, ProgramRunner


def whole_set(with_pairing: bool) -> object:
    def program() -> None:
        web = kinde.Application("web", name="Web", type="reg")
        worker = kinde.Application("worker", name="Worker", type="m2m")
        google = kinde.Connection(
            "google",
            name="google",
            display_name="Google",
            strategy="oauth2:google",
            enabled_applications=[web.id],
        )
        if with_pairing:
            kinde.ApplicationConnection("pair", application_id=worker.id, connection_id=google.id)

    return program


def test_mixing_in_a_new_program_fails_in_check_before_the_pairing(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with pytest.raises(CheckFailed) as failure:
        runner.up(whole_set(with_pairing=True))
    (problem,) = failure.value.failures
    assert problem.property == "connection_id"
    assert "the Connection 'google' already declares every pairing" in problem.reason
    assert all(entry.name != "pair" for entry in runner.state)


def test_adding_a_pairing_to_a_whole_set_owner_fails_in_preview(
    emu: Emulator, runner: ProgramRunner
) -> None:
    runner.up(whole_set(with_pairing=False))
    emu.reset_log()
    with pytest.raises(CheckFailed, match="remove that list and keep one resource per pairing"):
        runner.preview(whole_set(with_pairing=True))
    assert [r for r in emu.api_requests() if r.method != "GET"] == []


def test_pairings_alone_are_fine(emu: Emulator, runner: ProgramRunner) -> None:
    def program() -> None:
        web = kinde.Application("web", name="Web", type="reg")
        google = kinde.Connection(
            "google", name="google", display_name="Google", strategy="oauth2:google"
        )
        kinde.ApplicationConnection("pair", application_id=web.id, connection_id=google.id)

    assert runner.up(program).ok
    assert runner.up(program).ops["pair"] == "same"
