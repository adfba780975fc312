"""``try --stack NAME`` on a project: Pulumi.yaml's ``main:``, the stack file's plain and
secure values, an emulator per profile, and a program that does not converge."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from pulumi_kinde.cli.try_state import TryState
from pulumi_kinde.emulator import Emulator
from tests.cli.conftest import run_try, write_program

PROJECT = """
    name: shop
    runtime: python
    main: src/
"""

# A stack file for the real business: try must use none of its kinde:* settings.
DEV_STACK = """
    config:
      kinde:domain: acme.kinde.com
      kinde:clientId: 0123456789abcdef
      kinde:clientSecret:
        secure: v1:c2VjcmV0:Zm9vYmFy
      shop:siteUrl: https://dev.shop.example.com
      shop:stripeKey:
        secure: v1:a2V5:YmFy
"""

PROGRAM = """
    import time

    import pulumi
    import pulumi_kinde as kinde

    config = pulumi.Config()
    kinde.Role("admin", key="admin", name=f"Admin of {config.require('siteUrl')}")
    kinde.Role("prod-admin", key="admin", name="Prod admin", profile="prod")
    # Never converges: a new name on every run.
    kinde.Role("clock", key="clock", name=f"Clock {time.time_ns()}")
"""


def test_stack_file_profiles_and_a_program_that_does_not_converge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "shop"
    write_program(project / "src", PROGRAM)
    (project / "Pulumi.yaml").write_text(textwrap.dedent(PROJECT))
    (project / "Pulumi.dev.yaml").write_text(textwrap.dedent(DEV_STACK))
    monkeypatch.setenv("KINDE_PROD_DOMAIN", "https://acme-prod.kinde.com")
    state = tmp_path / "state.json"

    ran = run_try(str(project), "--stack", "dev", "--state", str(state))

    assert ran.code == 1, ran.out + ran.err
    assert ran.lines[0] == f"program {project / 'src'} (project shop, stack dev)"
    assert ran.lines[1].startswith("engine: ")
    assert ran.lines[2:5] == [
        "note: Pulumi.dev.yaml sets kinde:clientId, kinde:clientSecret, kinde:domain: try "
        "ignores them and uses its emulator",
        "note: Pulumi.dev.yaml: shop:stripeKey is encrypted (secure:) and only the Pulumi CLI "
        "can read it; pass a test value with --secret shop:stripeKey=VALUE",
        "note: ignoring KINDE_PROD_DOMAIN from the environment: try only talks to its emulators",
    ]
    assert any(line.startswith("emulator for profile prod http://127.0.0.1:") for line in ran.lines)
    not_converged = ran.lines.index(
        "no-change up: did not converge (a second up must change nothing and send no API request)"
    )
    report = ran.lines[not_converged + 1 :]
    assert report[:3] == [
        "  1 resource(s) changed again:",
        "     ~ kinde:Role  clock  update  [diff: name]",
        "  1 API request(s) sent:",
    ]
    assert re.fullmatch(r"    PATCH /api/v1/roles/[\w-]+ -> 20\d", report[3])
    assert report[4:] == [f"state saved in {state}"]
    assert "acme" not in ran.out and "0123456789abcdef" not in ran.out

    # Each profile's business is in its own emulator, kept in the state file.
    saved = TryState.load(state)
    assert saved.project == "shop" and saved.stack == "dev"
    names = {}
    for namespace in ("kinde", "kinde-prod"):
        emulator = Emulator()
        try:
            emulator.load(saved.emulators[namespace])
            names[namespace] = sorted(role.name for role in emulator.store.roles.all())
        finally:
            emulator.stop()
    assert names["kinde-prod"] == ["Prod admin"]
    assert names["kinde"][0] == "Admin of https://dev.shop.example.com"
    assert names["kinde"][1].startswith("Clock ")
