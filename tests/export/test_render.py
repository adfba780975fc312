"""The program writer on its own: literals, names, secrets, and the registry's shape."""

from __future__ import annotations

import ast
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest

from pulumi_kinde.export import (
    EXPORTERS,
    ExportedObject,
    Exporter,
    ExportResult,
    listing,
    render_project,
    select_types,
)
from pulumi_kinde.export._naming import slug, unique_names, unique_variables
from pulumi_kinde.export._pysource import Expr, call, string
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._fields import Secret, WriteOnly
from pulumi_kinde.resources._provider import KindeArgs, KindeProvider
from pulumi_kinde.resources._resource import KindeResource
from pulumi_kinde.resources.application import ApplicationState
from pulumi_kinde.resources.role import RoleState


def ruff() -> str:
    found = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(found).is_file():
        pytest.skip("ruff is not installed (pip install pulumi-kinde[dev])")
    return found


def ruff_format_check(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ruff(), "format", "--check", "--diff", "--isolated", str(directory)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def random_text(rng: random.Random) -> str:
    alphabet = "ab '\"\\\n\t\r\x00\x1b\x7f é«»日本🎉\u200b\u2028\xa0{}#"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def test_string_literals_read_back_and_are_as_ruff_writes_them(tmp_path: Path) -> None:
    rng = random.Random(7)
    samples = [random_text(rng) for _ in range(400)] + ["x" * 200, 'say "hi"', "it's"]
    source = "\n".join(call("kinde.Thing", [(None, "n"), ("values", samples)], target="thing"))
    (tmp_path / "__main__.py").write_text(source + "\n", encoding="utf-8")

    tree = ast.parse(source)
    assign = tree.body[0]
    assert isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Call)
    assert ast.literal_eval(assign.value.keywords[0].value) == samples
    checked = ruff_format_check(tmp_path)
    assert checked.returncode == 0, checked.stdout


def test_nested_values_references_and_comments_are_formatted(tmp_path: Path) -> None:
    args: list[tuple[str | None, Any]] = [
        (None, "name"),
        ("options", {"b": [1, 2.5, True, None], "a": {}, "c": []}),
        ("ref", Expr("role_admin.id")),
        ("ids", [Expr('"perm_1"', comment="Read\nall: not exported"), Expr("p.id")]),
    ]
    source = "\n".join(call("kinde.Thing", args, target="thing")) + "\n"
    (tmp_path / "__main__.py").write_text(source)
    assert '"perm_1",  # Read all: not exported' in source
    checked = ruff_format_check(tmp_path)
    assert checked.returncode == 0, checked.stdout


def test_string_prefers_double_quotes() -> None:
    assert string("plain") == '"plain"'
    assert string("it's") == '"it\'s"'
    assert string('say "hi"') == "'say \"hi\"'"
    assert string("a\\b\n") == '"a\\\\b\\n"'


def test_slug_and_clashing_names_are_qualified_by_id() -> None:
    assert slug("Café «Ünïcode» GmbH") == "cafe-unicode-gmbh"
    assert slug("日本") == ""
    names = unique_names(
        [
            ("org_aaaa111111", "Acme"),
            ("org_bbbb111112", "ACME"),
            ("org_cccc000003", "Globex"),
            ("org_dddd000004", "日本"),
        ],
        fallback="organization",
    )
    assert names == {
        "org_aaaa111111": "acme-111111",
        "org_bbbb111112": "acme-111112",
        "org_cccc000003": "globex",
        "org_dddd000004": "org-dddd000004",
    }
    # Adding an unrelated object renames nothing.
    more = unique_names(
        [("org_aaaa111111", "Acme"), ("org_bbbb111112", "ACME"), ("org_z", "Initech")], "x"
    )
    assert more["org_aaaa111111"] == "acme-111111"


def test_variables_are_unique_identifiers_that_fit_a_line() -> None:
    taken = {"pulumi", "kinde", "config"}
    first = unique_variables(["admin", "a" * 80], "role", taken)
    second = unique_variables(["admin"], "role", taken)
    assert first["admin"] == "role_admin" and second["admin"] == "role_admin_2"
    assert len(first["a" * 80]) <= 48 and first["a" * 80].isidentifier()
    assert unique_variables(["class"], "", set()) == {"class": "r_class"}


def test_select_types() -> None:
    known = tuple(e.type for e in EXPORTERS)
    assert len(set(known)) == len(known)
    defaults = tuple(e.type for e in EXPORTERS if e.default)
    assert "user" in known and "user" not in defaults  # users only when asked for
    assert select_types() == defaults
    assert select_types(["role", "api"]) == defaults  # there already
    # A type exported only when asked for comes with those that belong to it: a user's
    # memberships, property values, and the sections saying what Kinde cannot list of them.
    people = {
        "user",
        "organization_user",
        "organization_user_api_scope",
        "user_feature_flag",
        "user_password",
        "user_property",
    }
    assert select_types(["user"]) == tuple(t for t in known if t in {*defaults, *people})
    assert select_types(["default", "user"]) == select_types(["user"])
    assert select_types(["organization_user"]) == tuple(
        t for t in known if t in {*defaults, "organization_user"}
    )
    assert select_types(["user"], ["user_property"]) == tuple(
        t for t in known if t in {*defaults, *people} - {"user_property"}
    )
    assert select_types(only=["role", "api"]) == ("api", "role")  # registry order
    assert select_types(["user"], only=["organization"]) == tuple(
        t for t in known if t in {"organization", *people}
    )
    assert select_types(only=["user"]) == ("user",)
    assert select_types(["all"], ["webhook"]) == tuple(t for t in known if t != "webhook")
    assert "webhook" not in select_types(exclude=["webhook"])
    with pytest.raises(ValueError, match="unknown resource type 'users'; valid types are: api"):
        select_types(["users"])


def test_every_resource_type_has_an_exporter_and_refers_only_backwards() -> None:
    resources = {cls.__name__ for cls in RESOURCE_TYPES}
    exported = {e.resource.__name__ for e in EXPORTERS}
    missing = sorted(resources - exported)
    assert not missing, (
        f"no exporter for {missing}: add one entry per type to EXPORTERS in "
        "pulumi_kinde/export/_registry.py (or default=False for types not exported by default)"
    )
    seen: set[str] = set()
    for exporter in EXPORTERS:
        targets = {ref.type for ref in exporter.refs.values()} | {exporter.parent or ""}
        assert targets - {""} <= seen, f"{exporter.type} refers to a type declared after it"
        args = exporter.provider.args_model.model_fields
        assert set(exporter.refs) <= set(args), exporter.type
        seen.add(exporter.type)


# A resource type with a secret input, as future types (environment variables) will have.
class _VaultArgs(KindeArgs):
    name: str
    token: Annotated[str, Secret]
    settings: Annotated[dict[str, Any] | None, Secret] = None
    options: Annotated[dict[str, Any] | None, Secret, WriteOnly] = None


class _VaultProvider(KindeProvider[_VaultArgs, _VaultArgs]):
    kind = "vault"
    args_model = _VaultArgs
    state_model = _VaultArgs


class _Vault(KindeResource, module="kinde", name="Vault"):
    provider_class = _VaultProvider


VAULT = Exporter("vault", _Vault, name="name", items=listing("/api/v1/vaults", "vaults"))


def test_secret_inputs_become_config_references_listed_in_the_readme(tmp_path: Path) -> None:
    state = _VaultArgs(name="Main vault", token="t0ken-value", settings={"pin": "1234-pin"})
    result = ExportResult(
        domain="https://acme.kinde.com",
        types=("vault",),
        objects={"vault": [ExportedObject("vault", "vault_1", state)]},
    )
    files = render_project(result, project="acme", exporters=[VAULT])
    program = files["__main__.py"]
    assert "import pulumi\nimport pulumi_kinde as kinde\n\nconfig = pulumi.Config()\n" in program
    assert '    token=config.require_secret("vaultMainVaultToken"),\n' in program
    assert '    settings=config.require_secret_object("vaultMainVaultSettings"),\n' in program
    assert "options=" not in program
    readme = files["README.md"]
    assert "pulumi config set --secret vaultMainVaultToken <value>" in readme
    assert "- `vaultMainVaultSettings`: `settings` of the _Vault `main-vault`" in readme
    for text in files.values():
        assert "t0ken-value" not in text and "1234-pin" not in text
    (tmp_path / "__main__.py").write_text(program)
    assert ruff_format_check(tmp_path).returncode == 0


# A type whose reads miss write-only fields the export declares, some of them guesses.
class _GadgetArgs(KindeArgs):
    name: str
    token: Annotated[str, Secret]
    size: Annotated[int, WriteOnly]
    colour: Annotated[str | None, WriteOnly] = None


class _GadgetState(KindeArgs):
    name: str
    token: Annotated[str | None, Secret] = None
    size: int | None = None
    colour: str | None = None


class _GadgetProvider(KindeProvider[_GadgetArgs, _GadgetState]):
    kind = "gadget"
    args_model = _GadgetArgs
    state_model = _GadgetState


class _Gadget(KindeResource, module="kinde", name="Gadget"):
    provider_class = _GadgetProvider


GADGET = Exporter(
    "gadget",
    _Gadget,
    name="name",
    items=listing("/api/v1/gadgets", "gadgets"),
    assumed={"size": "assumed: a guess"},
    in_clear=lambda state: () if state.name == "locked" else ("token",),
)


def _gadgets(*objects: ExportedObject) -> ExportResult:
    return ExportResult(
        domain="https://acme.kinde.com", types=("gadget",), objects={"gadget": list(objects)}
    )


def test_declared_values_and_assumptions_are_written(tmp_path: Path) -> None:
    open_ = ExportedObject("gadget", "g_1", _GadgetState(name="open", token="in-the-clear"), {})
    locked = ExportedObject("gadget", "g_2", _GadgetState(name="locked", colour="red"), {"size": 3})
    files = render_project(_gadgets(open_, locked), exporters=[GADGET])
    program = files["__main__.py"]
    assert (
        'gadget_locked = kinde._Gadget(\n    "locked",\n    name="locked",\n'
        '    token=config.require_secret("gadgetLockedToken"),\n'
        "    size=3,  # assumed: a guess\n"  # declared, with its remark
        '    import_id="g_2",\n)\n'  # colour: write-only and not declared, though read
    ) in program
    assert 'token="in-the-clear",\n    import_id="g_1",' in program  # no size: undeclared
    assert "reads each object and writes nothing to Kinde" in program
    assert 'Values marked "assumed" are taken as declared' in program
    readme = files["README.md"]
    assert "## Assumed values" in readme and "- _Gadget (1): `size`\n" in readme
    assert "reads each object; writes nothing to Kinde" in readme
    (tmp_path / "__main__.py").write_text(program)
    assert ruff_format_check(tmp_path).returncode == 0

    quiet = render_project(_gadgets(open_), exporters=[GADGET])  # nothing assumed
    assert "reads each object and writes nothing to Kinde" in quiet["__main__.py"]
    assert "assumed" not in quiet["__main__.py"] + quiet["README.md"]


def test_the_application_pulumi_signs_in_with_is_marked() -> None:
    def app(id_: str, client_id: str) -> ExportedObject:
        state = ApplicationState(name=id_, type="m2m", client_id=client_id, client_secret="s")
        return ExportedObject("application", id_, state)

    result = ExportResult(
        domain="https://acme.kinde.com",
        types=("application",),
        objects={"application": [app("ours", "client-a"), app("other", "client-b")]},
        client_id="client-a",
    )
    program = render_project(result)["__main__.py"]
    remark = "# pulumi-kinde signs in with this application: deleting it locks Pulumi out\n"
    assert program.count(remark) == 1
    assert f'{remark}app_ours = kinde.Application(\n    "ours",' in program


def test_references_to_objects_not_exported_keep_the_id_with_a_comment() -> None:
    role = RoleState(key="ops", name="Ops", permissions=["perm_b", "perm_a"], scopes=[])
    result = ExportResult(
        domain="https://acme.kinde.com",
        types=("role",),
        objects={"role": [ExportedObject("role", "role_1", role)]},
        labels={("permission", "perm_a"): "read:all"},
    )
    program = render_project(result)["__main__.py"]
    assert (
        "    permissions=[\n"
        '        "perm_a",  # read:all: not exported\n'
        '        "perm_b",  # not exported: permission\n'
        "    ],\n"
    ) in program
    assert "scopes=" not in program  # empty lists are not declared
