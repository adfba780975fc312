"""What ``try`` shows when something fails: the provider's own message once, a program error
with its file and line; no provider-server traceback, no asyncio noise."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest

from pulumi_kinde.testing import runner
from tests.cli.conftest import run_try, write_program

# Role "b" refers to a permission that does not exist: its create fails (before its first
# write). Registrations and applies waiting on it are often still pending when the program
# stops (their destruction used to print dozens of "Task was destroyed but it is pending!").
CLASH = """
    import pulumi
    import pulumi_kinde as kinde

    a = kinde.Role("a", key="a", name="A")
    b = kinde.Role("b", key="b", name="B", permissions=["no-such-permission"])
    perms = [
        kinde.Permission(f"p{i}", key=f"read:x{i}", name=a.name.apply(lambda n: n + "x"))
        for i in range(6)
    ]
    roles = [
        kinde.Role(f"r{i}", key=f"r{i}", name=b.name.apply(lambda n: n + "y"),
                   permissions=[perms[i].id])
        for i in range(6)
    ]
    pulumi.export("first_role", roles[0].id)
"""

BROKEN = """
    import pulumi_kinde as kinde

    kinde.Role("admin", key="admin", name="Administrator")
    site = config_that_was_never_defined.get("siteUrl")
"""


def test_a_provider_error_is_its_own_message_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    program = write_program(tmp_path / "clash", CLASH)
    with caplog.at_level(logging.DEBUG, logger="asyncio"):
        ran = run_try(str(program))
    assert ran.code == 1
    block = ran.block("up failed:")
    assert block[-1] == (
        "  error: kinde:Role b: create failed: role: create: permissions: no permission is "
        "'no-such-permission': use Permission.id"
    )
    # What was done before the failure: the other role, perhaps permissions in flight.
    assert any(re.fullmatch(r"   \+ kinde:Role +a +create", line) for line in block)
    assert all(" create" in line for line in block[1:-1])
    printed = ran.out + ran.err
    assert printed.count("no-such-permission") == 1
    assert printed.count("up failed") == 1
    assert "Traceback" not in printed and "grpc" not in printed
    assert not [r for r in caplog.records if "destroyed but it is pending" in r.getMessage()]
    assert "destroy:" not in ran.lines  # nothing runs after a failed step


def test_a_program_error_shows_its_file_and_line(tmp_path: Path) -> None:
    program = write_program(tmp_path / "broken", BROKEN)
    ran = run_try(str(program))
    assert ran.code == 1
    main = program / "__main__.py"
    assert ran.block("preview failed:")[-2:] == [
        f"  error: {main}:5: NameError: name 'config_that_was_never_defined' is not defined",
        '      site = config_that_was_never_defined.get("siteUrl")',
    ]
    assert "Traceback" not in ran.out + ran.err


def test_leftover_tasks_of_a_failed_run_are_not_reported() -> None:
    reported: list[str] = []

    class Loop(asyncio.SelectorEventLoop):
        def default_exception_handler(self, context: dict[str, object]) -> None:
            reported.append(str(context["message"]))

    loop = Loop()
    try:
        quiet = runner._FailedFutureFilter()
        pending = {"message": "Task was destroyed but it is pending!"}
        quiet(loop, pending)
        assert reported == [pending["message"]]  # a run that did not fail: a real problem
        quiet.run_failed = True
        quiet(loop, pending)
        quiet(loop, {"message": "something else"})
        assert reported == [pending["message"], "something else"]
    finally:
        loop.close()
