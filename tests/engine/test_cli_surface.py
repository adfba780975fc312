"""What a user of the real Pulumi CLI sees and gets with pulumi-kinde, against the emulator:
``preview --diff`` by property, secure stack config set with ``pulumi config set --secret``, a
checkpoint and backend without plaintext secrets, ``import_`` (fails: pulumi/pulumi#16175)
next to ``import_id`` (adopts), two profiles in one program, the README's commands, and check
failures that must not print secret values.

Programs run as Automation API inline programs (no ``pulumi-language-python`` here); the
output pinned is what the CLI prints for them, which is what ``pulumi preview`` / ``up``
print for a project.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

import pulumi_kinde as kinde
from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import KindeStack
from pulumi_kinde.testing._program import program_entry, settings_defaults_restored
from pulumi_kinde.testing.pulumi_cli import PulumiCli
from pulumi_kinde.testing.pulumi_engine import TEST_PASSPHRASE, PulumiRunner
from pulumi_kinde.testing.stack import profiles_of
from tests.conftest import stack_config

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOOGLE_SECRET = "google-oauth-secret-for-the-cli-surface-test"
KINDE_VARIABLES = ("DOMAIN", "CLIENT_ID", "CLIENT_SECRET", "AUDIENCE", "ACCESS_TOKEN")
NO_KINDE_ENV = {f"KINDE_{name}": "" for name in KINDE_VARIABLES}  # empty: not set


# -- helpers ----------------------------------------------------------------------------------


def _printed(
    runner: PulumiRunner, operation: str, program: Callable[[], Any], **options: Any
) -> tuple[bool, str]:
    """Run ``operation`` (``preview`` / ``up``) of ``runner``'s stack and return whether it
    succeeded and everything the CLI printed (its stdout, and its stderr when it failed)."""
    lines: list[str] = []
    runner._sync_config()
    runner._workspace.env_vars = runner._cli_env()
    call = getattr(runner._stack, operation)
    with settings_defaults_restored():
        try:
            call(program=program, on_output=lines.append, color="never", **options)
        except auto.errors.CommandError as error:
            return False, "\n".join([*lines, str(error)])
    return True, "\n".join(lines)


def _cli(cli: PulumiCli, args: Iterable[str], cwd: Path, env: Mapping[str, str]) -> str:
    """Run the ``pulumi`` binary; fail the test, showing its output, unless it succeeds."""
    done = subprocess.run(
        [str(cli.pulumi), *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"pulumi {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _files(root: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file under ``root`` with its content (gzip files, such as the CLI's logs,
    decompressed)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            with contextlib.suppress(OSError, EOFError):  # else: a log being written
                data = gzip.decompress(data)
        yield path, data


def _plaintext(root: Path, values: Iterable[str]) -> list[str]:
    """``file: value`` for each value found in plaintext in a file under ``root``."""
    wanted = [v for v in values if v]
    return [
        f"{path.relative_to(root)}: {value[:8]}..."
        for path, data in _files(root)
        for value in wanted
        if value.encode() in data
    ]


def _api(emu: Emulator) -> KindeClient:
    return KindeClient(
        ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    )


def _writes(emu: Emulator) -> list[str]:
    return [f"{r.method} {r.path}" for r in emu.api_requests() if r.method != "GET"]


# -- 1. preview --diff ------------------------------------------------------------------------


def test_preview_diff_shows_the_changed_property_with_old_and_new_values(
    emu: Emulator, real: PulumiRunner
) -> None:
    declared = {"name": "Administrator"}

    def program() -> None:
        kinde.Role("admin", key="admin", name=declared["name"], description="Full access")

    assert real.up(program, skip_preview=True).ops == {"admin": "create"}
    declared["name"] = "Admins"
    emu.reset_log()
    ok, shown = _printed(real, "preview", program, diff=True)

    assert ok, shown
    lines = [line.rstrip() for line in shown.splitlines()]
    assert "    ~ pulumi-python:dynamic/kinde:Role: (update)" in lines, shown
    changed = [line for line in lines if line.lstrip().startswith("~ name")]
    assert len(changed) == 1, shown
    assert re.fullmatch(r'\s+~ name\s+: "Administrator" => "Admins"', changed[0]), changed
    assert any(re.fullmatch(r'\s+key\s+: "admin"', line) for line in lines), shown  # unchanged
    assert "~ 1 to update" in shown and "1 unchanged" in shown
    assert "__provider" not in shown
    assert emu.api_requests() == []  # a preview is local
    assert [r.name for r in emu.store.roles.all()] == ["Administrator"]


# -- 2. secure config set with the CLI -------------------------------------------------------


def test_secure_config_set_with_the_cli_reaches_the_provider_and_is_stored_encrypted(
    pulumi_cli: PulumiCli,
) -> None:
    client_secret = f"cli-config-secret-{secrets.token_hex(12)}"
    with Emulator(client_secret=client_secret) as emu:
        # No config through the runner and no KINDE_* variables: only what the CLI set.
        runner = PulumiRunner(env=NO_KINDE_ENV, cli=pulumi_cli)
        try:
            env, cwd, stack = runner._cli_env(), runner.work_dir, ["--stack", runner.stack]
            _cli(pulumi_cli, ["config", "set", "kinde:domain", emu.url, *stack], cwd, env)
            _cli(pulumi_cli, ["config", "set", "kinde:clientId", emu.client_id, *stack], cwd, env)
            _cli(
                pulumi_cli,
                ["config", "set", "--secret", "kinde:clientSecret", client_secret, *stack],
                cwd,
                env,
            )
            listed = _cli(pulumi_cli, ["config", *stack], cwd, env)

            result = runner.up(lambda: kinde.Role("admin", key="admin", name="Admin"))

            assert result.ops == {"admin": "create"}
            assert emu.token_requests == 1 and emu.store.roles.find(key="admin") is not None
            config_file = (cwd / f"Pulumi.{runner.stack}.yaml").read_text()
            assert re.search(r"kinde:clientSecret:\n\s+secure: v1:\S+", config_file), config_file
            assert client_secret not in config_file
            assert re.search(r"kinde:clientSecret\s+\[secret\]", listed), listed
            assert client_secret not in listed
            assert _plaintext(cwd, [client_secret, *emu.issued_tokens()]) == []
        finally:
            runner.close()


# -- 3. no plaintext secret in the checkpoint or the backend ---------------------------------


def test_checkpoint_and_backend_files_hold_no_secret_in_plaintext(
    emu: Emulator, pulumi_cli: PulumiCli
) -> None:
    runner = PulumiRunner(
        config=stack_config(emu, **{"starter:googleClientSecret": GOOGLE_SECRET}),
        secret_keys=["kinde:clientSecret", "starter:googleClientSecret"],
        project="starter",
        cli=pulumi_cli,
    )
    try:
        result = runner.up(EXAMPLES / "starter", skip_preview=True)
        assert result.ok and set(result.ops.values()) == {"create"}, result.ops

        app_secrets = [a.client_secret for a in emu.store.applications.all() if a.client_secret]
        tokens = emu.issued_tokens()
        assert len(app_secrets) == 2 and len(tokens) >= 1
        found = [emu.client_secret, GOOGLE_SECRET, *app_secrets, *tokens]
        # The secrets are in the checkpoint, encrypted: the scan below is not vacuous.
        assert runner.outputs["web_client_secret"].secret
        assert runner.outputs["web_client_secret"].value in app_secrets
        exported = runner.state_json()
        assert exported.count('"ciphertext"') >= 3  # 2 client secrets, connection options

        for value in found:
            assert value not in exported, f"{value[:8]}... in pulumi stack export"
        providers = [base64.b64decode(p) for p in runner.serialized_providers()]
        assert providers and all(v.encode() not in p for p in providers for v in found)
        # The backend (checkpoints, backups, history), PULUMI_HOME (logs) and the stack file.
        assert _plaintext(runner.work_dir, found) == []
        assert any((runner.work_dir / "backend").rglob("*.json")), "the scan saw the backend"
    finally:
        runner.close()


# -- 4. import_ fails on a dynamic resource; import_id adopts --------------------------------


def test_import_option_fails_for_a_dynamic_resource_and_import_id_adopts_instead(
    emu: Emulator, real: PulumiRunner
) -> None:
    with _api(emu) as api:
        body = {"key": "admin", "name": "Administrator", "description": "Full access"}
        role_id = str(api.post("/api/v1/roles", body)["role"]["id"])
    before = emu.snapshot()
    emu.reset_log()

    def importing() -> None:
        kinde.Role(
            "admin",
            key="admin",
            name="Administrator",
            description="Full access",
            opts=pulumi.ResourceOptions(import_=role_id),
        )

    # `pulumi up` previews first: the preview already fails, in the same Read.
    ok, previewed = _printed(real, "preview", importing)

    assert not ok
    assert " =  pulumi-python:dynamic/kinde:Role admin import 1 error" in previewed, previewed
    assert "    error: Preview failed: Traceback (most recent call last):" in previewed
    assert "    KeyError: '__provider'" in previewed

    ok, shown = _printed(real, "up", importing)  # `pulumi up --skip-preview`

    assert not ok
    assert " =  pulumi-python:dynamic/kinde:Role admin **importing failed**" in shown, shown
    # pulumi/pulumi#16175: the engine's import step calls Read without __provider.
    assert re.search(r"in Read\n\s+provider = get_provider\(props, self\._config\)", shown)
    assert "    KeyError: '__provider'" in shown, shown
    assert "error: update failed" in shown
    assert emu.requests == []  # the provider never ran: not even a token request
    assert emu.snapshot() == before
    assert [s.type for s in real.state] == ["pulumi:pulumi:Stack"]  # nothing imported

    def adopting() -> None:
        kinde.Role(
            "admin",
            key="admin",
            name="Administrator",
            description="Full access",
            import_id=role_id,
        )

    adopted = real.up(adopting, skip_preview=True)

    step = adopted.step("admin")
    assert (step.op, step.adopted) == ("create", True)
    assert _writes(emu) == []  # the declaration matches: read, no write
    assert emu.snapshot() == before
    assert real.state[-1].id == role_id
    emu.reset_log()
    assert real.up(adopting, skip_preview=True).ops == {"admin": "same"}
    assert emu.api_requests() == []


# -- 5. two profiles --------------------------------------------------------------------------


def test_two_profiles_land_in_their_own_businesses_and_converge(pulumi_cli: PulumiCli) -> None:
    def program() -> None:
        kinde.Role("dev-admin", key="admin", name="Admin (dev)")
        kinde.Role("prod-admin", key="admin", name="Admin (prod)", profile="prod")
        kinde.Api("prod-api", name="Prod API", audience="https://prod.example/api", profile="prod")

    with KindeStack(program, engine="pulumi", profiles=["prod"]) as stack:
        assert stack.engine == "pulumi"
        dev, prod = stack.emulators[None], stack.emulators["prod"]
        dev_apis, prod_apis = len(dev.store.apis.all()), len(prod.store.apis.all())

        created = stack.up()

        assert created.ops == {"dev-admin": "create", "prod-admin": "create", "prod-api": "create"}
        assert [(r.key, r.name) for r in dev.store.roles.all()] == [("admin", "Admin (dev)")]
        assert [(r.key, r.name) for r in prod.store.roles.all()] == [("admin", "Admin (prod)")]
        assert len(dev.store.apis.all()) == dev_apis
        assert len(prod.store.apis.all()) == prod_apis + 1
        assert prod.store.apis.find(audience="https://prod.example/api") is not None
        assert profiles_of(stack.runner.serialized_providers()) == {None, "prod"}
        assert dev.token_requests == 1 and prod.token_requests == 1

        stack.assert_converged()


# -- 6. the README's commands -----------------------------------------------------------------


def _readme_commands() -> list[list[str]]:
    """The bash blocks of the README's "Running `pulumi up`" section, one list per block,
    comments and line continuations resolved."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Running `pulumi up`", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    commands = []
    for block in blocks:
        lines = [
            shlex.split(line, comments=True) for line in block.replace("\\\n", " ").split("\n")
        ]
        commands.append([" ".join(words) for words in lines if words])
    return commands


@pytest.mark.parametrize("route", ["config", "env"])
def test_readme_commands_run_the_root_project_against_the_emulator(
    route: str, emu: Emulator, pulumi_cli: PulumiCli, tmp_path: Path
) -> None:
    setup, against_kinde, against_emulator = _readme_commands()
    assert setup == ["pulumi login --local", "pulumi stack init dev"]
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Pulumi.yaml", project / "Pulumi.yaml")
    shutil.copytree(EXAMPLES / "quickstart", project / "examples" / "quickstart")
    (project / ".venv").symlink_to(sys.prefix)  # the Pulumi.yaml's virtualenv, for a host
    (tmp_path / "backend").mkdir()
    env = {
        **NO_KINDE_ENV,
        "PULUMI_HOME": str(tmp_path / "home"),
        "PULUMI_BACKEND_URL": "",  # the login decides
        "PULUMI_CONFIG_PASSPHRASE": TEST_PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": sys.executable,
        "PATH": os.pathsep.join([str(pulumi_cli.bin), os.environ.get("PATH", "")]),
    }
    if route == "config":
        values = {"acme.kinde.com": emu.url, "<m2m client id>": emu.client_id}
        values["<m2m client secret>"] = emu.client_secret
        commands = [*setup, *against_kinde]
    else:
        # The emulator's default credentials are the ones the README exports.
        values = {"http://127.0.0.1:8765": emu.url}
        commands = [*setup, *against_emulator[1:]]
        assert against_emulator[0].startswith(".venv/bin/python -m pulumi_kinde.emulator ")
    baseline = emu.snapshot()
    ran: list[str] = []
    for command in commands:
        for placeholder, value in values.items():
            command = command.replace(placeholder, value)
        words = shlex.split(command)
        if words[0] == "export":
            env.update(word.partition("=")[::2] for word in words[1:])
        elif words == ["pulumi", "login", "--local"]:
            # --local means file://~, resolved from the passwd entry, not $HOME: it would
            # write to the real ~/.pulumi. The same login, into tmp_path:
            _cli(pulumi_cli, ["login", (tmp_path / "backend").as_uri()], project, env)
        elif words == ["pulumi", "up"]:
            _up_as_pulumi_up_would(pulumi_cli, project, env, emu)
        else:
            _cli(pulumi_cli, words[1:], project, env)
        ran.append(words[0] if words[0] == "export" else " ".join(words[:3]))
    assert ran[-1] == "pulumi up"
    if route == "config":
        stack_file = (project / "Pulumi.dev.yaml").read_text()
        assert f"kinde:domain: {emu.url}" in stack_file and emu.client_secret not in stack_file
    else:
        assert emu.client_id == "emulator-client-id"
        assert emu.client_secret == "emulator-client-secret"
        assert env["KINDE_DOMAIN"] == emu.url
    assert (project / "Pulumi.yaml").read_bytes() == (ROOT / "Pulumi.yaml").read_bytes()
    assert list((tmp_path / "backend" / ".pulumi" / "stacks" / "kinde-quickstart").glob("dev.json"))

    created = {
        kind: set(objects) - set(baseline.get(kind, {}))
        for kind, objects in emu.snapshot().items()
        if set(objects) - set(baseline.get(kind, {}))
    }
    assert {kind: len(ids) for kind, ids in created.items()} == {
        "apis": 1,
        "applications": 1,
        "roles": 1,
    }


def _up_as_pulumi_up_would(
    cli: PulumiCli, project: Path, env: dict[str, str], emu: Emulator
) -> None:
    """``pulumi up``, then a no-change ``pulumi up`` (0 API requests). Literally with a
    Python language host on the PATH; without one, the CLI says so and changes nothing, and
    the same project and stack (the config the commands wrote) run as an inline program."""
    host = shutil.which("pulumi-language-python", path=env["PATH"])
    if host is not None:
        _cli(cli, ["up", "--yes", "--skip-preview"], project, env)
        emu.reset_log()
        again = _cli(cli, ["up", "--yes", "--skip-preview"], project, env)
        assert "4 unchanged" in again and emu.api_requests() == []
        return
    done = subprocess.run(
        [str(cli.pulumi), "up", "--yes"],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert (
        "error: failed to load language plugin python: no language plugin "
        "'pulumi-language-python' found in the workspace or on your $PATH"
    ) in done.stderr, done.stderr
    assert emu.requests == []
    with program_entry(project / "examples" / "quickstart") as main:
        stack = auto.select_stack(
            stack_name="dev",
            project_name="kinde-quickstart",
            program=main,
            opts=auto.LocalWorkspaceOptions(
                work_dir=str(project),
                pulumi_home=env["PULUMI_HOME"],
                env_vars=env,
                pulumi_command=auto.PulumiCommand(root=str(cli.root)),
            ),
        )
        with settings_defaults_restored():
            first = stack.up(color="never")
            assert first.summary.result == "succeeded"
            assert first.summary.resource_changes == {"create": 4}
            assert first.outputs["client_secret"].secret
            emu.reset_log()
            second = stack.up(color="never")
        assert second.summary.resource_changes == {"same": 4}
        assert emu.api_requests() == []


# -- 7. a failed check does not print secret values ------------------------------------------

SECRET_VALUE = "s3cret-value-never-printed"


def _envvar_too_long() -> None:
    kinde.EnvironmentVariable("it", key="API_TOKEN", value=SECRET_VALUE * 200, is_secret=True)


def _password_refused_salt() -> None:
    kinde.UserPassword(
        "it",
        user_id="kp_0123456789",
        hashed_password=f"hash-{SECRET_VALUE}",
        salt=f"salt-{SECRET_VALUE}",
        hashing_method="aspnet-identity-v2",
    )


def _connection_unknown_option() -> None:
    kinde.Connection(
        "it",
        name="google-workspace",
        display_name="Google",
        strategy="oauth2:google",
        options={"client_id": "id", "client_secret": SECRET_VALUE, "bogus": SECRET_VALUE},
    )


def _role_key_from_secret_config() -> None:
    kinde.Role("it", key=pulumi.Config().require_secret("roleKey"), name="Role")


def _handle_from_a_secret_output() -> None:
    # A secret made in the program (say another resource's secret output), not from config.
    handle = pulumi.Output.secret(f"Not A Handle {SECRET_VALUE}")
    kinde.Organization("it", name="Acme", handle=handle)


CHECK_FAILURES: dict[str, tuple[Callable[[], None], str, dict[str, str]]] = {
    # A secret argument of the resource (a Secret field) that fails its check.
    "envvar-value-too-long": (_envvar_too_long, "value", {}),
    "password-method-refuses-salt": (_password_refused_salt, "hashing_method", {}),
    "connection-options-unknown-key": (_connection_unknown_option, "options", {}),
    # A plain argument given a Pulumi secret that fails its check. The CLI masks the values
    # of secret stack config in everything it prints (whole values only); nothing masks a
    # truncated quote of one, or a secret made in the program.
    "role-key-from-secret-config": (
        _role_key_from_secret_config,
        "key",
        {"roleKey": f"{SECRET_VALUE} with spaces"},
    ),
    "role-key-from-long-secret-config": (
        _role_key_from_secret_config,
        "key",
        {"roleKey": f"{SECRET_VALUE} with spaces " * 4},
    ),
    "organization-handle-from-secret-output": (_handle_from_a_secret_output, "handle", {}),
}


@pytest.fixture(scope="module")
def checking(pulumi_cli: PulumiCli) -> Iterator[tuple[Emulator, PulumiRunner]]:
    """One stack for the failed previews (which change nothing), on an emulator of its own."""
    with Emulator() as emu:
        runner = PulumiRunner(
            config=stack_config(emu), secret_keys=["kinde:clientSecret"], cli=pulumi_cli
        )
        try:
            yield emu, runner
        finally:
            runner.close()


@pytest.mark.parametrize("case", list(CHECK_FAILURES))
def test_a_failed_check_prints_no_secret_value(
    case: str, checking: tuple[Emulator, PulumiRunner]
) -> None:
    emu, runner = checking
    program, prop, secret_config = CHECK_FAILURES[case]
    for key, value in secret_config.items():
        runner.config[f"{runner.project}:{key}"] = value
        runner.secret_keys.append(f"{runner.project}:{key}")
    emu.reset_log()

    ok, shown = _printed(runner, "preview", program)

    assert not ok
    problem = re.search(rf"resource 'it': property {prop} value (\S+) has a problem: (.*)", shown)
    assert problem is not None, shown  # the check failed where the case says
    assert SECRET_VALUE not in shown, [line for line in shown.splitlines() if SECRET_VALUE in line]
    if prop != "hashing_method":
        assert problem.group(1) == "{[secret]}"  # the engine redacts its own quote
    assert emu.requests == []
    assert runner.state == []  # nothing was ever created on this stack
