"""The example programs, end to end through the engine stand-in against the emulator."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOGLE_SECRET = "google-oauth-client-secret-for-tests"


@pytest.mark.parametrize("example", ["quickstart", "starter", "b2b"])
def test_example_up_no_change_refresh_destroy(example: str, emu: Emulator) -> None:
    baseline = emu.snapshot()
    runner = ProgramRunner(config=stack_config(emu), secret_keys=["kinde:clientSecret"])
    created = runner.up(EXAMPLES / example)
    assert created.ok and set(created.ops.values()) == {"create"}

    emu.reset_log()
    again = runner.up(EXAMPLES / example)
    assert set(again.ops.values()) == {"same"} and emu.requests == []

    refreshed = runner.refresh()
    assert all(step.changed == () for step in refreshed.steps.values())
    emu.reset_log()
    settled = runner.up(EXAMPLES / example)
    assert set(settled.ops.values()) == {"same"} and emu.requests == []

    runner.destroy()
    assert emu.snapshot() == baseline


def test_preview_of_a_new_program_passes_unknowns_without_a_request(emu: Emulator) -> None:
    runner = ProgramRunner(config=stack_config(emu))
    preview = runner.preview(EXAMPLES / "starter")
    assert preview.ok
    assert set(preview.ops.values()) == {"create"}
    assert preview.calls["Create"] == 0
    assert emu.requests == []  # not even a token


def test_no_credential_or_unmarked_secret_in_state(emu: Emulator) -> None:
    config = stack_config(emu, **{"starter:googleClientSecret": GOOGLE_SECRET})
    runner = ProgramRunner(
        config=config, secret_keys=["kinde:clientSecret", "starter:googleClientSecret"]
    )
    result = runner.up(EXAMPLES / "starter")
    assert result.outputs["web_client_secret"].secret

    app_secrets = [a.client_secret for a in emu.store.applications.all() if a.client_secret]
    secrets = [emu.client_secret, GOOGLE_SECRET, *app_secrets, *emu.issued_tokens()]
    assert len(secrets) >= 4
    state = runner.state_json()
    providers = [base64.b64decode(p) for p in runner.serialized_providers()]
    for secret in secrets:
        assert secret not in state
        assert all(secret.encode() not in p for p in providers)
    assert all(emu.url.encode() not in p for p in providers), "no settings in __provider"
    assert max(len(p) for p in runner.serialized_providers()) < 300
