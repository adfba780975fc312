"""Exporting what is exported only when asked for: organizations' passkey overrides (one
request per organization to find) and organization logos (listed, never declarable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config
from tests.export.test_export_adopt import (  # noqa: F401  (credentials: a fixture)
    PROJECT,
    WRITES,
    client,
    credentials,
    export,
)


@pytest.mark.usefixtures("credentials")
def test_passkey_overrides_are_exported_when_asked_for_and_adopted_without_a_write(
    emu: Emulator, tmp_path: Path
) -> None:
    with client(emu) as api:
        codes = [
            api.post("/api/v1/organization", {"name": name})["organization"]["code"]
            for name in ("Strict", "Relaxed")
        ]
        body = {"policy": "mandatory", "is_override_environment_passkey_settings": True}
        api.put(f"/api/v1/organizations/{codes[0]}/passkey", body)
        logo = {"logo": ("dark.png", b"\x89PNG\r\n\x1a\nlogo", "image/png")}
        api.request("POST", f"/api/v1/organizations/{codes[1]}/logos/dark", files=logo)

    out = tmp_path / PROJECT
    types = ("organization", "organization_passkey", "organization_logo")
    assert export(out, "--quiet", *(f"--only={t}" for t in types)) == 0
    program = (out / "__main__.py").read_text()
    assert "kinde.OrganizationPasskey(" in program and 'policy="mandatory",' in program
    assert program.count("kinde.OrganizationPasskey(") == 1  # the other follows the environment
    assert f"({codes[1]}/dark): Kinde never returns a logo's image" in " ".join(program.split())

    runner = ProgramRunner(config=stack_config(emu), project=PROJECT)
    emu.reset_log()
    adopted = runner.up(out)
    assert set(adopted.ops.values()) == {"create"}
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    emu.reset_log()
    assert set(runner.up(out).ops.values()) == {"same"} and emu.requests == []
