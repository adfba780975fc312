"""Finding the Pulumi CLI, choosing the engine, and what a build keeps from pkg's go.mod."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_kinde.testing.engines import choose_engine
from pulumi_kinde.testing.pulumi_cli import (
    LAUNCHER,
    PINNED_VERSION,
    CliUnavailable,
    _foreign_replacements,
    build_cli,
    find_cli,
    minimum_version,
)

CLIPBOARD = "github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e"
PKG_GO_MOD = f"""module github.com/pulumi/pulumi/pkg/v3

go 1.26.6

replace github.com/pulumi/pulumi/sdk/v3 => ../sdk

replace github.com/atotto/clipboard => {CLIPBOARD}

replace (
	example.com/a v1.0.0 => example.com/b v1.2.0 // pinned
	example.com/local => ./local
)

require github.com/pulumi/pulumi/sdk/v3 v3.276.0
"""


def _fake_cli(directory: Path, version: str, *, launcher: bool = True) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    pulumi = directory / "pulumi"
    pulumi.write_text(f"#!/bin/sh\necho v{version}\n")
    pulumi.chmod(0o755)
    if launcher:
        (directory / LAUNCHER).write_text("#!/bin/sh\n")
        (directory / LAUNCHER).chmod(0o755)
    return pulumi


def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: Path) -> None:
    monkeypatch.setenv("PATH", str(path))
    monkeypatch.setenv("PULUMI_KINDE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PULUMI_KINDE_PULUMI", raising=False)
    monkeypatch.delenv("PULUMI_KINDE_ENGINE", raising=False)


def test_a_build_keeps_the_replacements_that_point_at_other_modules() -> None:
    assert _foreign_replacements(PKG_GO_MOD) == [
        f"replace github.com/atotto/clipboard => {CLIPBOARD}",
        "replace example.com/a v1.0.0 => example.com/b v1.2.0",
    ]


def test_a_recent_cli_on_path_is_used_and_an_old_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recent = tmp_path / "recent"
    _fake_cli(recent, "9.0.0")
    _isolated(monkeypatch, tmp_path, recent)
    found = find_cli()
    assert found is not None and (found.version, found.origin) == ("9.0.0", "PATH")

    old = tmp_path / "old"
    _fake_cli(old, "3.1.0")
    _isolated(monkeypatch, tmp_path, old)
    assert find_cli() is None  # older than the Python SDK: not used
    no_launcher = tmp_path / "bare"
    _fake_cli(no_launcher, "9.0.0", launcher=False)
    _isolated(monkeypatch, tmp_path, no_launcher)
    assert find_cli() is None  # without the launcher the engine cannot run dynamic providers


def test_the_cache_and_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _isolated(monkeypatch, tmp_path, tmp_path / "nothing")
    cached = tmp_path / "cache" / "pulumi-cli" / f"v{PINNED_VERSION}" / "bin"
    _fake_cli(cached, PINNED_VERSION)
    found = find_cli()
    assert found is not None and (found.bin, found.origin) == (cached, "cache")

    named = _fake_cli(tmp_path / "named", "9.1.0")
    monkeypatch.setenv("PULUMI_KINDE_PULUMI", str(named))
    found = find_cli()
    assert found is not None and (found.pulumi, found.origin) == (named, "PULUMI_KINDE_PULUMI")
    monkeypatch.setenv("PULUMI_KINDE_PULUMI", str(tmp_path / "missing"))
    with pytest.raises(CliUnavailable, match="is not a working pulumi binary"):
        find_cli()


def test_without_a_cli_the_engine_choice_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _isolated(monkeypatch, tmp_path, tmp_path / "nothing")
    auto = choose_engine(None)
    assert auto.name == "standin" and auto.note.startswith(f"no Pulumi CLI (v{minimum_version()}")
    with pytest.raises(CliUnavailable, match="pulumi_kinde pulumi-cli"):
        choose_engine("pulumi")
    monkeypatch.setenv("PULUMI_KINDE_ENGINE", "standin")
    assert choose_engine(None).name == "standin"
    with pytest.raises(ValueError, match="unknown engine 'terraform'"):
        choose_engine("terraform")
    with pytest.raises(CliUnavailable, match="no Go toolchain"):
        build_cli(log=False)  # PATH holds no go
