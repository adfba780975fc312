"""``try`` on either engine: which one ran, reads a program asks for, secrets in --state,
options the stand-in refuses, and what happens when the real engine is asked for but absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_kinde.cli.try_state import TryState
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing.pulumi_cli import PulumiCli
from tests.cli.conftest import run_try, write_program
from tests.reliability.secrets import SecretBook

LOOKUPS = """
    import pulumi
    import pulumi_kinde as kinde

    environment = kinde.get_environment()
    admin = kinde.Role("admin", key="admin", name="Admin")
    kinde.Role.get("admin-again", admin.id)
    pulumi.export("environment", environment["code"])
"""

PROTECTED = """
    import pulumi
    import pulumi_kinde as kinde

    kinde.Role("admin", key="admin", name="Admin", opts=pulumi.ResourceOptions(protect=True))
"""

SHOP = """
    import pulumi
    import pulumi_kinde as kinde

    web = kinde.Application("web", name="Web", type="reg")
    pulumi.export("client_secret", web.client_secret)
"""


@pytest.mark.parametrize("engine", ["pulumi", "standin"])
def test_reads_the_program_asks_for_are_shown_not_failed(
    engine: str, tmp_path: Path, pulumi_cli: PulumiCli
) -> None:
    ran = run_try(str(write_program(tmp_path / "reads", LOOKUPS)), "--engine", engine)
    assert ran.code == 0, ran.out + ran.err
    start = next(i for i, line in enumerate(ran.lines) if line.startswith("no-change up:"))
    assert ran.lines[start].startswith("no-change up: converged (1 read, 1 unchanged; 0 API ")
    assert ran.lines[start + 1] == "  4 reads the program asks for:"
    reads = ran.lines[start + 2 : start + 6]
    assert reads[0] == "    GET /api/v1/environment -> 200"  # the lookup
    assert all(line.startswith("    GET /api/v1/roles/") for line in reads[1:])  # Role.get


def test_the_engine_is_named_and_a_missing_cli_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = str(write_program(tmp_path / "shop", SHOP))
    ran = run_try(program, "--engine", "standin", "--preview")
    assert ran.code == 0 and ran.lines[1] == "engine: pulumi-kinde's engine stand-in"

    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no pulumi, no go
    monkeypatch.setenv("PULUMI_KINDE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.delenv("PULUMI_KINDE_PULUMI", raising=False)
    monkeypatch.delenv("PULUMI_KINDE_ENGINE", raising=False)
    refused = run_try(program, "--engine", "pulumi", "--preview")
    assert refused.code == 2 and refused.out == ""
    assert refused.err.startswith("error: no Pulumi CLI (v3.")
    assert "python -m pulumi_kinde pulumi-cli" in refused.err
    fallback = run_try(program, "--preview")
    assert fallback.code == 0, fallback.err
    assert fallback.lines[1].startswith("engine: pulumi-kinde's engine stand-in (no Pulumi CLI")


def test_the_stand_in_refuses_an_option_it_does_not_implement(tmp_path: Path) -> None:
    ran = run_try(str(write_program(tmp_path / "guarded", PROTECTED)), "--engine", "standin")
    assert ran.code == 1
    assert "resource 'admin' uses protect, which the engine stand-in does not implement" in ran.out
    assert "--engine pulumi" in ran.out


def test_the_real_engine_state_keeps_secrets_encrypted(
    tmp_path: Path, pulumi_cli: PulumiCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULUMI_KINDE_CACHE", str(tmp_path / "cache"))  # its own passphrase
    monkeypatch.setenv("PULUMI_KINDE_PULUMI", str(pulumi_cli.pulumi))
    state = tmp_path / "shop.state.json"
    program = str(write_program(tmp_path / "shop", SHOP))
    first = run_try(program, "--state", str(state), "--engine", "pulumi")
    assert first.code == 0, first.out + first.err

    saved = TryState.load(state)
    assert saved.engine == "pulumi" and saved.deployment is not None
    deployment = json.dumps(saved.deployment)
    kept = Emulator()
    try:
        kept.load(saved.emulators["kinde"])
        web = kept.store.applications.find(name="Web")
        book = SecretBook(kept)
    finally:
        kept.stop()
    assert web is not None and web.client_secret in book.values
    assert book.hits(deployment) == []
    assert '"ciphertext"' in deployment
    passphrase = (tmp_path / "cache" / "try-passphrase").read_text()
    assert passphrase not in state.read_text()

    again = run_try(program, "--state", str(state), "--engine", "pulumi")
    assert again.code == 0, again.out + again.err
    assert any(line.startswith("no-change up: converged (1 unchanged;") for line in again.lines)
    other = run_try(program, "--state", str(state), "--engine", "standin")
    assert other.code == 2
    assert other.err == (
        f"error: {state} holds a checkpoint of the real Pulumi engine; run with --engine "
        "pulumi, or use another --state file\n"
    )
