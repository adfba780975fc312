"""``pulumi-kinde export`` end to end: a realistic business, exported and adopted.

The generated program runs through the engine stand-in against the same emulator: every
object is adopted (a create with the object's id as ``import_id``) writing nothing to Kinde,
and a second run changes nothing and sends no request. (``test_adoption_changes_nothing``
compares every field of every object before and after.)
"""

from __future__ import annotations

import ast
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
from pulumi_kinde.testing import ProgramRunner, RunResult
from tests.conftest import stack_config
from tests.export.business import VARIABLE_SECRETS, Business, secrets, seed_business

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


def writes(emu: Emulator) -> list[str]:
    return sorted(f"{r.method} {r.path}" for r in emu.api_requests() if r.method in WRITES)


def secret_config(program: str) -> dict[str, str]:
    """Stack config holding each secret variable's value, under the key the program reads."""
    config = {}
    for node in ast.walk(ast.parse(program)):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "kinde.EnvironmentVariable":
            arguments = {k.arg: k.value for k in node.keywords}
            value = arguments["value"]
            if isinstance(value, ast.Call):
                assert ast.unparse(value.func) == "config.require_secret"
                key = ast.literal_eval(arguments["key"])
                config[f"{PROJECT}:{ast.literal_eval(value.args[0])}"] = VARIABLE_SECRETS[key]
    assert len(config) == len(VARIABLE_SECRETS)
    return config


def adopt(emu: Emulator, out: Path) -> tuple[ProgramRunner, RunResult]:
    """Run the exported program once, with the secrets it asks for in stack config."""
    config = secret_config((out / "__main__.py").read_text())
    runner = ProgramRunner(
        config=stack_config(emu, **config),
        secret_keys=["kinde:clientSecret", *config],
        project=PROJECT,
    )
    emu.reset_log()
    return runner, runner.up(out)


def ruff() -> str:
    found = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(found).is_file():
        pytest.skip("ruff is not installed (pip install pulumi-kinde[dev])")
    return found


@pytest.mark.usefixtures("credentials")
def test_export_is_adopted_writing_nothing_then_changes_nothing(
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

    runner, adopted = adopt(emu, out)
    assert adopted.ok
    assert set(adopted.ops.values()) == {"create"}
    assert writes(emu) == []
    # Live: a secret value cannot be updated: adoption takes it from stack config, as given,
    # and writes nothing for it.
    for key, value in VARIABLE_SECRETS.items():
        variable = emu.store.environment_variables.get(business.variables[key])
        assert variable is not None and variable.value == value
    # Kinde never shows a flag's definition: the export leaves it out, adoption leaves it
    # alone (its override level, "usr" included, stays as it was).
    levels = {f.key: f.allow_override_level for f in emu.store.feature_flags.all()}
    assert levels == business.flags

    found: dict[str, set[str]] = {}
    for entry in runner.state:
        if entry.custom:
            assert entry.inputs["import_id"] == entry.id, entry.urn
            found.setdefault(entry.type.rsplit(":", 1)[-1], set()).add(entry.id)
    assert found == business.declared(people=False)
    assert len(adopted.steps) == sum(len(ids) for ids in found.values()) > 150
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
    # Sorted: where a removed block starts among identical lines (a closing ")") is
    # difflib's choice.
    assert sorted(changed) == sorted(
        [
            '-    name="Auditor",',
            '+    name="Internal auditor",',
            "-# Webhook: 6 exported",
            "+# Webhook: 5 exported",
            *security,
        ]
    )


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
    assert "pulumi config set --secret envVarStripeApiKeyValue <value>" in readme
    program = (out / "__main__.py").read_text()
    assert 'value=config.require_secret("envVarStripeApiKeyValue"),' in program
    assert 'value="https://api.example.com",' in program  # not secret: declared as it is


@pytest.mark.usefixtures("credentials")
def test_users_and_memberships_are_exported_when_asked_for(
    emu: Emulator, business: Business, tmp_path: Path
) -> None:
    out = tmp_path / PROJECT
    assert export(out, "--quiet", "--include", "user") == 0  # with their memberships
    program = (out / "__main__.py").read_text()
    assert 'user_ada_example_com = kinde.User(\n    "ada-example-com",' in program
    # Kinde cannot list a user's flag overrides: the section says so and declares none.
    assert "# UserFeatureFlag: none exported\n# Kinde can neither list nor read" in program

    runner, adopted = adopt(emu, out)
    assert set(adopted.ops.values()) == {"create"}
    assert writes(emu) == []
    found: dict[str, set[str]] = {}
    for entry in runner.state:
        if entry.custom:
            found.setdefault(entry.type.rsplit(":", 1)[-1], set()).add(entry.id)
    assert found == business.declared(people=True)

    emu.reset_log()
    assert set(runner.up(out).ops.values()) == {"same"}
    assert emu.requests == []


@pytest.mark.usefixtures("credentials")
def test_a_property_is_adopted_whatever_its_category_which_kinde_never_shows(
    emu: Emulator, tmp_path: Path
) -> None:
    with client(emu) as api:
        category = {"name": "Account", "context": "org"}
        account = str(api.post("/api/v1/property_categories", category)["category"]["id"])
        # Kinde files an app property under an org category: no app category to declare,
        # and none is needed.
        body = {
            "key": "owner_team",
            "name": "Owner team",
            "context": "app",
            "category_id": account,
            "type": "single_line_text",
            "is_private": False,
        }
        stray = str(api.post("/api/v1/properties", body)["property"]["id"])
    out = tmp_path / PROJECT
    assert export(out, "--quiet", "--only", "property_category", "--only", "property") == 0
    program = (out / "__main__.py").read_text()
    assert '    name="Account",\n    context="org",\n' in program
    assert (
        '    key="owner_team",\n    name="Owner team",\n    context="app",\n'
        f'    is_private=False,\n    import_id="{stray}",\n'
    ) in program

    runner = ProgramRunner(config=stack_config(emu), project=PROJECT)
    emu.reset_log()
    assert set(runner.up(out).ops.values()) == {"create"}
    assert writes(emu) == []
    found = emu.store.properties.get(stray)
    assert found is not None and found.category_id == account
