"""The pytest plugin, as a platform team uses it: a project of its own, a test file asking
for ``kinde_stack``, and pytest (no conftest, no Kinde account, no Pulumi CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PROGRAM = """
    import time

    import pulumi
    import pulumi_kinde as kinde

    config = pulumi.Config()
    admin = kinde.Role("admin", key="admin", name=config.get("adminName") or "Administrator")
    kinde.Role("auditor", key="auditor", name="Auditor", profile="audit")
    if config.get_bool("clock"):
        kinde.Role("clock", key="clock", name=f"Clock {time.time_ns()}")
    pulumi.export("admin_id", admin.id)
"""

TESTS = """
    from pathlib import Path

    import pytest

    PROGRAM = Path(__file__).parent / "infra"


    def test_creates_what_it_should_and_converges(kinde_stack, kinde_emulator):
        stack = kinde_stack(PROGRAM, config={"adminName": "Admin"})
        created = stack.up()
        assert created.ops == {"admin": "create", "auditor": "create"}
        assert stack.emulator is kinde_emulator
        assert kinde_emulator.store.roles.find(key="admin").name == "Admin"
        # profile="audit" got an emulator of its own
        assert [r.key for r in stack.emulators["audit"].store.roles.all()] == ["auditor"]
        assert kinde_emulator.store.roles.find(key="auditor") is None
        stack.assert_converged()


    def test_a_program_that_does_not_converge_fails_naming_what_changed(kinde_stack):
        stack = kinde_stack(PROGRAM, config={"clock": "true"}, profiles=["audit"])
        stack.up(skip_preview=True)
        with pytest.raises(AssertionError) as failed:
            stack.assert_converged()
        message = str(failed.value)
        assert "~ kinde:Role  clock  update  [diff: name]" in message
        assert "PATCH /api/v1/roles/" in message
"""


def test_fixtures_in_a_throwaway_project(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    (tmp_path / "test_infra.py").write_text(textwrap.dedent(TESTS))
    env = {**os.environ, "KINDE_DOMAIN": "https://acme.kinde.com"}  # must not be used
    env.pop("PYTEST_ADDOPTS", None)
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "2 passed" in finished.stdout
