"""``pulumi-kinde export`` as a command: settings, filters, refusals and failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_kinde.cli import main
from pulumi_kinde.emulator import Emulator

WRONG_SECRET = "not-the-secret-but-still-secret"


@pytest.fixture
def no_kinde_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DOMAIN", "CLIENT_ID", "CLIENT_SECRET", "AUDIENCE", "ACCESS_TOKEN"):
        monkeypatch.delenv(f"KINDE_{name}", raising=False)
        monkeypatch.delenv(f"KINDE_PROD_{name}", raising=False)


pytestmark = pytest.mark.usefixtures("no_kinde_env")


def flags(emu: Emulator) -> list[str]:
    return ["--domain", emu.url, "--client-id", emu.client_id, "--client-secret", emu.client_secret]


def test_flags_override_the_environment_and_only_filters_types(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINDE_DOMAIN", "https://elsewhere.kinde.com")
    monkeypatch.setenv("KINDE_CLIENT_SECRET", WRONG_SECRET)
    assert main(["export", str(tmp_path), "--quiet", "--only", "connection", *flags(emu)]) == 0
    program = (tmp_path / "__main__.py").read_text()
    assert "kinde.Connection(" in program
    assert "kinde.Organization(" not in program and "# Organization:" not in program
    assert f"pulumi config set kinde:domain {emu.url}" in (tmp_path / "README.md").read_text()


def test_a_profile_reads_its_own_variables(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINDE_PROD_DOMAIN", emu.url)
    monkeypatch.setenv("KINDE_PROD_CLIENT_ID", emu.client_id)
    monkeypatch.setenv("KINDE_PROD_CLIENT_SECRET", emu.client_secret)
    assert main(["export", str(tmp_path), "--quiet", "--profile", "prod"]) == 0
    assert (tmp_path / "__main__.py").is_file()


def test_missing_settings_are_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path), "--client-secret", WRONG_SECRET]) == 2
    err = capsys.readouterr().err
    assert "KINDE_DOMAIN" in err and "--domain" in err
    assert WRONG_SECRET not in err
    assert not (tmp_path / "__main__.py").exists()


def test_unknown_types_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path), "--include", "roles"]) == 2
    err = capsys.readouterr().err
    assert "unknown resource type 'roles'" in err and "role" in err
    assert main(["export", str(tmp_path), "--only", "users"]) == 2
    assert "unknown resource type 'users'" in capsys.readouterr().err


def test_an_earlier_export_is_kept_unless_forced(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "__main__.py").write_text("# mine\n")
    assert main(["export", str(tmp_path), "--quiet", *flags(emu)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert (tmp_path / "__main__.py").read_text() == "# mine\n"
    assert main(["export", str(tmp_path), "--quiet", "--force", *flags(emu)]) == 0
    assert "kinde.Connection(" in (tmp_path / "__main__.py").read_text()


def test_wrong_credentials_fail_without_printing_the_secret(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--domain", emu.url, "--client-id", emu.client_id, "--client-secret", WRONG_SECRET]
    assert main(["export", str(tmp_path / "out"), *args]) == 1
    printed = capsys.readouterr()
    assert "error:" in printed.err and "Traceback" not in printed.err
    assert WRONG_SECRET not in printed.out + printed.err
    assert not (tmp_path / "out").exists()


def test_a_failing_read_names_the_type_and_writes_nothing(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.fail_next(status=403, path="/api/v1/roles")
    assert main(["export", str(tmp_path / "out"), "--quiet", *flags(emu)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: role: list: ") and "403" in err
    assert not (tmp_path / "out").exists()


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "pulumi_kinde", "export", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0
    assert "--include TYPE" in shown.stdout and "organization_connection" in shown.stdout
    assert "--only TYPE" in shown.stdout
    assert "--include user adds users, their memberships" in " ".join(shown.stdout.split())
