"""``try --emulator URL``: a running emulator, refresh and destroy as separate steps."""

from __future__ import annotations

import re
from pathlib import Path

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from tests.cli.conftest import run_try, write_program
from tests.reliability.secrets import assert_no_secrets

PROGRAM = """
    import pulumi_kinde as kinde

    kinde.Role("admin", key="admin", name="Administrator")
    kinde.Application("web", name="Web", type="reg")
"""

TIME = re.compile(r"; \d+\.\d s$")


def test_attach_refresh_then_destroy(emu: Emulator, tmp_path: Path) -> None:
    program = write_program(tmp_path / "app", PROGRAM)
    state = str(tmp_path / "state.json")
    baseline = emu.snapshot()

    emu.reset_log()
    up = run_try(str(program), "--emulator", emu.url, "--state", state)
    assert up.code == 0, up.out + up.err
    assert f"emulator {emu.url} (attached)" in up.lines
    role = emu.store.roles.find(key="admin")
    assert role is not None and emu.store.applications.find(name="Web") is not None
    # Requests to an attached emulator are counted from the provider's log, never shown
    # unless PULUMI_KINDE_LOG asks for them.
    assert "pulumi-kinde DEBUG" not in up.out
    sent = len(emu.api_requests())  # the preview and the no-change up send none
    assert TIME.sub("", up.block("up:")[-1]).startswith(f"  2 created; {sent} API requests (")
    assert any(line.startswith("no-change up: converged (2 unchanged; 0 API") for line in up.lines)

    emu.store.roles.update(role.id, name="Renamed in the Kinde UI")
    refreshed = run_try(str(program), "--emulator", emu.url, "--state", state, "--refresh")
    assert refreshed.code == 0, refreshed.out + refreshed.err
    assert refreshed.block("refresh:")[:2] == [
        "refresh:",
        "   ~ kinde:Role  admin  read  [diff: name]",
    ]
    assert TIME.sub("", refreshed.block("refresh:")[2]).startswith("  1 changed, 1 unchanged;")

    destroyed = run_try(str(program), "--emulator", emu.url, "--state", state, "--destroy")
    assert destroyed.code == 0, destroyed.out + destroyed.err
    assert [TIME.sub("", line) for line in destroyed.block("destroy:")] == [
        "destroy:",
        "   - kinde:Application  web    delete",
        "   - kinde:Role         admin  delete",
        "  2 deleted; 2 API requests (DELETE 2)",
    ]
    assert emu.snapshot() == baseline

    texts = [ran.out + ran.err for ran in (up, refreshed, destroyed)]
    assert_no_secrets(ProgramRunner(), emu, texts=texts)
