"""ProgramRunner: whole programs through the engine's steps and the real provider protocol."""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_kinde.testing import (
    UNKNOWN,
    CheckFailed,
    ProgramRunner,
    ProviderError,
    RunFailed,
)
from tests.testing.toy_provider import Thing, ToyStore

NO_CALLS = {"Check": 0, "Diff": 0, "Create": 0, "Read": 0, "Update": 0, "Delete": 0}


def calls(**counts: int) -> dict[str, int]:
    return {**NO_CALLS, **counts}


def things(**specs: dict[str, object]) -> Callable[[], None]:
    """A program declaring one Thing per keyword, exporting each one's id and token."""

    def program() -> None:
        for resource_name, spec in specs.items():
            thing = Thing(resource_name, **spec)  # type: ignore[arg-type]
            pulumi.export(f"{resource_name}_id", thing.id)
            pulumi.export(f"{resource_name}_token", thing.token)

    return program


def test_lifecycle_create_same_update_replace_delete_destroy(
    runner: ProgramRunner, store: ToyStore
) -> None:
    created = runner.up(things(a={"name": "alpha"}, b={"name": "beta"}))
    assert created.ops == {"a": "create", "b": "create"}
    assert created.calls == calls(Check=2, Create=2)
    assert created.preview is not None and created.preview.calls == calls(Check=2)
    a_id = created.outputs["a_id"].value
    assert store.objects[a_id]["label"] == "hello"  # configure() saw the stack config

    unchanged = runner.up(things(a={"name": "alpha"}, b={"name": "beta"}), skip_preview=True)
    assert unchanged.ops == {"a": "same", "b": "same"}
    assert unchanged.calls == calls(Check=2, Diff=2)
    assert unchanged.outputs["a_id"].value == a_id

    updated = runner.up(things(a={"name": "ALPHA"}, b={"name": "beta"}), skip_preview=True)
    assert updated.ops == {"a": "update", "b": "same"}
    assert updated.step("a").changed == ("name",)
    assert updated.calls == calls(Check=2, Diff=2, Update=1)
    assert store.objects[a_id]["name"] == "ALPHA"

    replaced = runner.up(things(a={"name": "ALPHA", "kind": "z"}, b={"name": "beta"}))
    step = replaced.step("a")
    assert (step.op, step.replaces, step.delete_before_replace) == ("replace", ("kind",), False)
    # a replacement checks again without olds, creates the new one, then deletes the old one
    assert replaced.calls == calls(Check=3, Diff=2, Create=1, Delete=1)
    new_a_id = replaced.outputs["a_id"].value
    assert new_a_id != a_id and set(store.objects) == {new_a_id, created.outputs["b_id"].value}
    assert store.ops()[-2:] == ["create", "delete"]

    removed = runner.up(things(a={"name": "ALPHA", "kind": "z"}), skip_preview=True)
    assert removed.ops == {"a": "same", "b": "delete"}
    assert set(store.objects) == {new_a_id}
    assert [entry.name for entry in runner.state] == ["project-stack", "a"]

    destroyed = runner.destroy()
    assert destroyed.ops == {"a": "delete"}
    assert destroyed.calls == calls(Delete=1)
    assert runner.state == [] and store.objects == {}


def test_replacement_can_delete_before_create(runner: ProgramRunner, store: ToyStore) -> None:
    runner.up(things(a={"name": "x", "dbr": True}), skip_preview=True)
    replaced = runner.up(things(a={"name": "x", "kind": "b", "dbr": True}), skip_preview=True)
    assert replaced.step("a").delete_before_replace
    assert store.ops()[-2:] == ["delete", "create"]


def test_a_delete_first_replacement_takes_the_dependents_whose_diff_asks_for_it(
    runner: ProgramRunner, store: ToyStore
) -> None:
    # As the engine does: a resource deleted before its replacement is created may take its
    # dependents with it, so each dependent is diffed with its dependent inputs unknown.
    def program(kind: str) -> Callable[[], None]:
        def declare() -> None:
            parent = Thing("parent", name="p", kind=kind, dbr=True)
            Thing("follower", name="f", kind=parent.name)  # unknown kind: a replacement
            Thing("watcher", name="w", ref=parent.name)  # unknown ref: only an update

        return declare

    runner.up(program("a"), skip_preview=True)
    before = {e.name: e.id for e in runner.state if e.custom}
    preview = runner.preview(program("b"))
    assert preview.ops == {"parent": "replace", "follower": "replace", "watcher": "same"}
    assert preview.step("follower").replaces == ("kind",)
    assert len(store.objects) == 3  # a preview deletes nothing

    replaced = runner.up(program("b"), skip_preview=True)
    assert replaced.ops == {"parent": "replace", "follower": "replace", "watcher": "same"}
    after = {e.name: e.id for e in runner.state if e.custom}
    assert after["watcher"] == before["watcher"]
    assert after["parent"] != before["parent"] and after["follower"] != before["follower"]
    writes = [op for op in store.ops() if op in ("create", "delete")]
    assert writes[-4:] == ["delete", "delete", "create", "create"]
    deleted = [entry["id"] for entry in store.log if entry["op"] == "delete"]
    assert deleted == [before["follower"], before["parent"]]  # dependents first
    assert set(store.objects) == set(after.values())


def test_a_failed_delete_of_a_replaced_resource_is_retried_next_time(
    runner: ProgramRunner, store: ToyStore
) -> None:
    first = runner.up(things(a={"name": "x"}), skip_preview=True)
    old_id = first.outputs["a_id"].value
    data = store.load()
    data["objects"][old_id]["fail_delete"] = True
    store.save(data)

    with pytest.raises(RunFailed, match="toy delete refused"):
        runner.up(things(a={"name": "x", "kind": "b"}), skip_preview=True)
    entries = [(e.id, e.pending_delete) for e in runner.state if e.custom]
    new_id = next(id_ for id_, pending in entries if not pending)
    assert entries == [(new_id, False), (old_id, True)]

    data = store.load()
    data["objects"][old_id]["fail_delete"] = False
    store.save(data)
    again = runner.up(things(a={"name": "x", "kind": "b"}), skip_preview=True)
    assert again.ops == {"a": "same"}
    assert again.calls == calls(Check=1, Diff=1, Delete=1)
    assert [(e.id, e.pending_delete) for e in runner.state if e.custom] == [(new_id, False)]
    assert set(store.objects) == {new_id}


def test_preview_passes_unknowns_to_check_and_diff_and_changes_nothing(
    runner: ProgramRunner, store: ToyStore
) -> None:
    def program(kind: str) -> Callable[[], None]:
        def declare() -> None:
            parent = Thing("parent", name="p", kind=kind)
            Thing("child", name="c", ref=parent.id)
            pulumi.export("parent_id", parent.id)

        return declare

    preview = runner.preview(program("a"))
    assert preview.ops == {"parent": "create", "child": "create"}
    assert preview.calls == calls(Check=2)
    assert preview.outputs["parent_id"].value == UNKNOWN
    child_check = [e for e in store.log if e["op"] == "check"][-1]
    assert child_check["unknowns"] == ["ref"]
    assert runner.state == [] and store.objects == {}

    runner.up(program("a"), skip_preview=True)
    state_before = runner.state
    ops_before = len(store.log)

    # replacing the parent makes the child's ref unknown: Diff sees it and reports a change
    replace = runner.preview(program("b"))
    assert replace.ops == {"parent": "replace", "child": "update"}
    assert replace.calls == calls(Check=3, Diff=2)
    diffs = [e for e in store.log[ops_before:] if e["op"] == "diff"]
    assert [d["unknowns"] for d in diffs] == [[], ["ref"]]
    assert {e["op"] for e in store.log[ops_before:]} <= {"configure", "check", "diff"}
    assert runner.state == state_before

    # destroy deletes the dependent first
    ids = {entry.name: entry.id for entry in runner.state}
    runner.destroy()
    assert [e["id"] for e in store.log if e["op"] == "delete"] == [ids["child"], ids["parent"]]


def test_check_failures_abort_before_anything_is_created(
    runner: ProgramRunner, store: ToyStore
) -> None:
    with pytest.raises(CheckFailed) as caught:
        runner.up(things(good={"name": "ok"}, bad={"name": "no", "size": -5}))
    failure = caught.value.failures[0]
    assert failure.urn.endswith("::bad")
    assert (failure.property, failure.reason) == ("size", "size must be a number >= 0")
    assert "size must be a number >= 0" in str(caught.value)
    assert store.objects == {}
    assert runner.state == []


def test_secrets_are_secret_in_outputs_and_encrypted_in_state(
    runner: ProgramRunner,
) -> None:
    def program() -> None:
        thing = Thing("s", name=pulumi.Output.secret("classified-name"))
        pulumi.export("token", thing.token)
        pulumi.export("name", thing.name)
        pulumi.export("kind", thing.kind)

    result = runner.up(program)
    token = result.outputs["token"]
    assert token.secret and token.value.startswith("tok-")
    assert result.outputs["name"].secret  # an output named like a secret input stays secret
    assert not result.outputs["kind"].secret

    entry = runner.state[1]
    assert {"token", "name", "__provider"} <= entry.secret_outputs
    assert entry.outputs["token"] == token.value  # plaintext stays available to tests
    state_json = runner.state_json()
    for plaintext in (token.value, "classified-name", *runner.serialized_providers()):
        assert plaintext not in state_json
    assert '"ciphertext"' in state_json

    (serialized,) = runner.serialized_providers()
    assert b"tests.testing.toy_provider" in base64.b64decode(serialized)


def test_a_provider_exception_fails_the_run(runner: ProgramRunner, store: ToyStore) -> None:
    with pytest.raises(RunFailed) as caught:
        runner.up(things(ok={"name": "fine"}, broken={"name": "b", "fail": "create"}))
    (error,) = caught.value.errors
    assert isinstance(error, ProviderError)
    assert error.operation == "Create" and error.urn.endswith("::broken")
    assert "toy create refused for b" in str(caught.value)
    # what was created stays in the checkpoint, so the next run can manage it
    assert [entry.name for entry in runner.state if entry.custom] == ["ok"]
    assert len(store.objects) == 1


def test_refresh_reads_everything_and_drops_what_is_gone(
    runner: ProgramRunner, store: ToyStore
) -> None:
    created = runner.up(things(a={"name": "a"}, b={"name": "b"}), skip_preview=True)
    data = store.load()
    del data["objects"][created.outputs["a_id"].value]
    data["objects"][created.outputs["b_id"].value]["name"] = "changed-elsewhere"
    store.save(data)

    refreshed = runner.refresh()
    assert refreshed.ops == {"a": "delete", "b": "read"}
    assert refreshed.step("b").changed == ("name",)
    assert refreshed.calls == calls(Read=2, Diff=1)  # Diff shows drift for what still exists
    reads = [e for e in store.log if e["op"] == "read"]
    assert all("__provider" in e["props"] for e in reads)  # properties = last outputs
    (b,) = [entry for entry in runner.state if entry.custom]
    assert b.outputs["name"] == "changed-elsewhere"
    assert b.inputs["name"] == "changed-elsewhere"  # inputs returned by read() replace them
    assert "token" in b.secret_outputs


def test_get_reads_an_existing_object_by_id(runner: ProgramRunner, store: ToyStore) -> None:
    created = runner.up(things(owned={"name": "real"}), skip_preview=True)
    owned_id = created.outputs["owned_id"].value

    def program() -> None:
        Thing("owned", name="real")
        found = Thing.get("lookup", owned_id)
        pulumi.export("found_name", found.name)
        pulumi.export("found_token", found.token)

    result = runner.up(program, skip_preview=True)
    assert result.ops == {"owned": "same", "lookup": "read"}
    assert result.outputs["found_name"].value == "real"
    assert result.outputs["found_token"].secret
    lookup = next(e for e in runner.state if e.name == "lookup")
    assert lookup.external and lookup.id == owned_id
    runner.up(things(owned={"name": "real"}), skip_preview=True)  # drops the lookup only
    assert set(store.objects) == {owned_id}


def test_program_directory_and_config(
    make_runner: Callable[..., ProgramRunner], tmp_path: Path, store: ToyStore
) -> None:
    program_dir = tmp_path / "prog"
    program_dir.mkdir()
    (program_dir / "__main__.py").write_text(
        textwrap.dedent(
            """
            import pulumi
            from tests.testing.toy_provider import Thing

            config = pulumi.Config()
            thing = Thing("t", name=config.require("name"))
            pulumi.export("secret_setting", pulumi.Config("toy").require_secret("password"))
            pulumi.export("name", thing.name)
            """
        )
    )
    runner = make_runner(
        config={"toy:label": "L", "project:name": "from-dir", "toy:password": "pw"},
        secret_keys=["toy:password"],
    )
    result = runner.up(program_dir, skip_preview=True)
    assert result.outputs["name"].value == "from-dir"
    assert result.outputs["secret_setting"].secret
    assert "pw" not in runner.state_json()


def test_a_relative_program_directory_is_found(tmp_path: Path, monkeypatch: Any) -> None:
    program = tmp_path / "prog"
    program.mkdir()
    (program / "__main__.py").write_text("import pulumi\npulumi.export('answer', 42)\n")
    monkeypatch.chdir(tmp_path)
    result = ProgramRunner().up("prog", skip_preview=True)
    assert result.outputs["answer"].value == 42
