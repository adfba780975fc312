"""The built wheel carries the typing marker and the plugin file the Pulumi CLI looks for."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    if shutil.which("git") is None:  # pragma: no cover - every CI machine has git
        pytest.skip("git is needed to build from a checkout")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=240,
    )
    (built,) = out.glob("pulumi_kinde-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_ships_py_typed_and_plugin_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "pulumi_kinde/py.typed" in names
    assert json.loads(wheel.read("pulumi_kinde/pulumi-plugin.json")) == {"resource": False}


def test_wheel_ships_the_spec_for_the_emulator(wheel: zipfile.ZipFile) -> None:
    assert "pulumi_kinde/emulator/kinde-mgmt-api-specs.yaml" in set(wheel.namelist())


def test_wheel_ships_no_tests_or_examples(wheel: zipfile.ZipFile) -> None:
    assert not [n for n in wheel.namelist() if n.startswith(("tests/", "examples/"))]


def test_wheel_registers_the_pytest_plugin(wheel: zipfile.ZipFile) -> None:
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    groups = wheel.read(name).decode().split("[")
    pytest11 = next(group for group in groups if group.startswith("pytest11]"))
    assert "kinde = pulumi_kinde.testing.pytest_plugin" in pytest11
    assert "pulumi_kinde/testing/pytest_plugin.py" in wheel.namelist()
