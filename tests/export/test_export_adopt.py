"""``pulumi-kinde export`` end to end: a realistic business, exported and adopted.

The generated program runs through the engine stand-in against the same emulator: every
object is adopted (a create with the object's id as ``import_id``) with no write to Kinde,
and a second run changes nothing and sends no request.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_kinde.cli import main
from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.export import PROJECT_FILES
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config
from tests.export.business import Business, secrets, seed_business

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PROJECT = "acme-kinde"


def client(emu: Emulator) -> KindeClient:
    return KindeClient(
        ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    )


@pytest.fixture
def business(emu: Emulator) -> Business:
    with client(emu) as api:
        return seed_business(api, emu)


@pytest.fixture
def credentials(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """The provider's environment variables, pointing at the emulator."""
    monkeypatch.setenv("KINDE_DOMAIN", emu.url)
    monkeypatch.setenv("KINDE_CLIENT_ID", emu.client_id)
    monkeypatch.setenv("KINDE_CLIENT_SECRET", emu.client_secret)


def export(directory: Path, *extra: str) -> int:
    return main(["export", str(directory), "--project", PROJECT, *extra])


def ruff() -> str:
    found = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(found).is_file():
        pytest.skip("ruff is not installed (pip install pulumi-kinde[dev])")
    return found


@pytest.mark.usefixtures("credentials")
def test_export_is_adopted_without_a_write_then_changes_nothing(
    emu: Emulator, business: Business, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / PROJECT
    emu.reset_log()
    assert export(out) == 0
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    assert sorted(p.name for p in out.iterdir()) == sorted(PROJECT_FILES)
    printed = capsys.readouterr()
    assert "organization: 27 exported, 2 not exported" in printed.err  # progress per type
    assert "role: 10 exported" in printed.err

    runner = ProgramRunner(
        config=stack_config(emu), secret_keys=["kinde:clientSecret"], project=PROJECT
    )
    emu.reset_log()
    adopted = runner.up(out)
    assert adopted.ok
    assert set(adopted.ops.values()) == {"create"}
    assert [f"{r.method} {r.path}" for r in emu.api_requests() if r.method in WRITES] == []

    found: dict[str, set[str]] = {}
    for entry in runner.state:
        if entry.custom:
            assert entry.inputs["import_id"] == entry.id, entry.urn
            found.setdefault(entry.type.rsplit(":", 1)[-1], set()).add(entry.id)
    assert found == business.declared(people=False)
    assert len(adopted.steps) == sum(len(ids) for ids in found.values()) > 100
    program = (out / "__main__.py").read_text().splitlines()
    comments = " ".join(line[2:] for line in program if line.startswith("# "))
    for code in business.not_declarable:
        assert f"({code}): cannot be declared as Organization" in " ".join(comments.split())

    emu.reset_log()
    again = runner.up(out)
    assert set(again.ops.values()) == {"same"}
    assert again.calls.get("Create", 0) == again.calls.get("Update", 0) == 0
    assert emu.requests == []


@pytest.mark.usefixtures("credentials", "business")
def test_two_exports_are_identical_and_formatted(emu: Emulator, tmp_path: Path) -> None:
    first, second = tmp_path / "one" / PROJECT, tmp_path / "two" / PROJECT
    assert export(first, "--quiet") == 0
    assert export(second, "--quiet", "--concurrency", "1") == 0
    for name in PROJECT_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name

    for options in ([], ["--line-length", "100"]):
        checked = subprocess.run(
            [ruff(), "format", "--check", "--diff", "--isolated", *options, str(first)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    linted = subprocess.run(
        [ruff(), "check", "--isolated", "--select", "E,F,W", "--ignore", "E501", str(first)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert linted.returncode == 0, linted.stdout


@pytest.mark.usefixtures("credentials")
def test_a_diff_of_two_exports_shows_only_what_changed(
    emu: Emulator, business: Business, tmp_path: Path
) -> None:
    before, after = tmp_path / "before" / PROJECT, tmp_path / "after" / PROJECT
    assert export(before, "--quiet") == 0
    with client(emu) as api:
        role = {"key": "auditor", "name": "Internal auditor"}
        api.patch(f"/api/v1/roles/{business.roles['auditor']}", role)
        api.delete(f"/api/v1/webhooks/{business.webhooks['sec']}")
    assert export(after, "--quiet") == 0

    old = (before / "__main__.py").read_text().splitlines()
    new = (after / "__main__.py").read_text().splitlines()
    changed = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---")) and line[1:].strip()
    ]
    security = [
        "-webhook_security = kinde.Webhook(",
        '-    "security",',
        '-    name="Security",',
        '-    endpoint="https://hooks.example.com/sec",',
        "-    event_types=[",
        '-        "user.authentication_failed",',
        "-    ],",
        '-    description="Security events",',
        f'-    import_id="{business.webhooks["sec"]}",',
        "-)",
    ]
    assert changed == [
        '-    name="Auditor",',
        '+    name="Internal auditor",',
        "-# Webhook: 6 exported",
        "+# Webhook: 5 exported",
        *security,
    ]


@pytest.mark.usefixtures("credentials", "business")
def test_no_secret_is_written_or_printed(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / PROJECT
    assert export(out) == 0
    printed = capsys.readouterr()
    written = "".join((out / name).read_text() for name in PROJECT_FILES)
    values = secrets(emu)
    assert len(values) >= 8
    for secret in values:
        assert secret not in written
        assert secret not in printed.out + printed.err
    readme = (out / "README.md").read_text()
    assert "pulumi config set --secret kinde:clientSecret" in readme


@pytest.mark.usefixtures("credentials")
def test_users_and_memberships_are_exported_when_asked_for(
    emu: Emulator, business: Business, tmp_path: Path
) -> None:
    out = tmp_path / PROJECT
    people = ["--include", "user", "--include", "organization_user"]
    assert export(out, "--quiet", "--include", "default", *people) == 0
    program = (out / "__main__.py").read_text()
    assert 'user_ada_example_com = kinde.User(\n    "ada-example-com",' in program

    runner = ProgramRunner(
        config=stack_config(emu), secret_keys=["kinde:clientSecret"], project=PROJECT
    )
    emu.reset_log()
    adopted = runner.up(out)
    assert set(adopted.ops.values()) == {"create"}
    assert [f"{r.method} {r.path}" for r in emu.api_requests() if r.method in WRITES] == []
    found: dict[str, set[str]] = {}
    for entry in runner.state:
        if entry.custom:
            found.setdefault(entry.type.rsplit(":", 1)[-1], set()).add(entry.id)
    assert found == business.declared(people=True)

    emu.reset_log()
    assert set(runner.up(out).ops.values()) == {"same"}
    assert emu.requests == []
