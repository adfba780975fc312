"""ProviderServer: the dynamic provider process driven over gRPC like the engine does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_kinde.testing import UNKNOWN, ProviderError, ProviderServer, _forkserver
from pulumi_kinde.testing._values import make_secret
from tests.testing.toy_provider import ToyProvider, ToyStore, provider_env

URN = "urn:pulumi:stack::project::pulumi-python:dynamic/toy:Thing::one"


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory) -> ToyStore:
    return ToyStore(tmp_path_factory.mktemp("server") / "toy.json")


@pytest.fixture(scope="module")
def server(module_store: ToyStore) -> Iterator[ProviderServer]:
    with ProviderServer(env=provider_env(module_store), project="proj", rpc_timeout=30) as srv:
        srv.configure({"toy:label": "from-config", "other:key": "x"})
        yield srv


@pytest.fixture(scope="module")
def provider() -> str:
    """The ``__provider`` string the SDK puts in every dynamic resource's inputs."""
    serialized: str = serialize_provider(ToyProvider())
    return serialized


def test_configure_reaches_the_provider_on_first_use(
    server: ProviderServer, module_store: ToyStore, provider: str
) -> None:
    server.check(URN, {}, {"__provider": provider, "name": "n"})
    assert module_store.load()["configured"] == "from-config"
    assert server.accept_secrets is False


def test_crud_round_trip(server: ProviderServer, provider: str, module_store: ToyStore) -> None:
    before = server.calls
    news = {"__provider": provider, "name": "one", "kind": "a", "size": 1}
    checked = server.check(URN, {}, news)
    assert checked.failures == []
    assert checked.inputs["name"] == "one"

    id_, outs = server.create(URN, checked.inputs)
    assert outs["label"] == "from-config"
    assert outs["__provider"] == provider
    assert module_store.objects[id_]["name"] == "one"

    same = server.diff(URN, id_, outs, checked.inputs, old_inputs=checked.inputs)
    assert same == ("none", [], False)
    renamed = {**checked.inputs, "name": "uno"}
    assert server.diff(URN, id_, outs, renamed).changes == "some"
    replaced = server.diff(URN, id_, outs, {**checked.inputs, "kind": "b"})
    assert replaced.replaces == ["kind"]

    new_outs = server.update(URN, id_, outs, renamed, old_inputs=checked.inputs)
    assert new_outs["name"] == "uno"

    read_id, read_outs, read_inputs = server.read(URN, id_, new_outs, renamed)
    assert read_id == id_
    assert read_outs["name"] == "uno"
    assert read_inputs is not None and read_inputs["name"] == "uno"

    server.delete(URN, id_, new_outs)
    assert id_ not in module_store.objects
    assert server.read(URN, id_, new_outs, renamed).id == ""

    calls = {k: server.calls[k] - before[k] for k in before}
    assert calls == {"Check": 1, "Diff": 3, "Create": 1, "Read": 2, "Update": 1, "Delete": 1}


def test_check_failures_are_returned(server: ProviderServer, provider: str) -> None:
    checked = server.check(URN, {}, {"__provider": provider, "name": "n", "size": -1})
    assert checked.failures == [("size", "size must be a number >= 0")]


def test_unknowns_reach_check_and_diff_as_unknown(
    server: ProviderServer, provider: str, module_store: ToyStore
) -> None:
    news = {"__provider": provider, "name": "n", "ref": UNKNOWN}
    checked = server.check(URN, {}, news)
    assert module_store.log[-1] == {"op": "check", "olds": [], "unknowns": ["ref"], "wrapped": []}
    assert checked.inputs["ref"] == UNKNOWN

    olds = {"__provider": provider, "name": "n", "ref": "r1"}
    diff = server.diff(URN, "some-id", olds, news)
    assert diff.changes == "some"
    assert module_store.log[-1]["unknowns"] == ["ref"]


def test_secrets_are_stripped_on_the_wire_and_restored_on_the_answer(
    server: ProviderServer, provider: str, module_store: ToyStore
) -> None:
    news = {"__provider": make_secret(provider), "name": make_secret("hidden")}
    checked = server.check(URN, {}, news)
    assert module_store.log[-1]["wrapped"] == []  # the provider saw plain values
    assert checked.inputs["name"] == make_secret("hidden")
    assert checked.inputs["__provider"] == make_secret(provider)

    id_, outs = server.create(URN, checked.inputs)
    assert outs["name"] == make_secret("hidden")
    assert outs["token"].startswith("tok-")  # secret only through additional_secret_outputs
    server.delete(URN, id_, outs)


def test_provider_exception_is_a_provider_error(server: ProviderServer, provider: str) -> None:
    with pytest.raises(ProviderError) as caught:
        server.create(URN, {"__provider": provider, "name": "boom", "fail": "create"})
    error = caught.value
    assert error.operation == "Create"
    assert error.urn == URN
    assert error.code == "UNKNOWN"
    assert "toy create refused for boom" in error.details
    assert "toy create refused for boom" in str(error)


def test_a_resource_rpc_before_configure_is_refused(module_store: ToyStore) -> None:
    with ProviderServer(env=provider_env(module_store)) as srv, pytest.raises(RuntimeError):
        srv.check(URN, {}, {})


def test_close_stops_the_process_and_a_dead_process_is_reported(
    module_store: ToyStore, tmp_path: Path
) -> None:
    srv = ProviderServer(env=provider_env(module_store), rpc_timeout=5)
    process = srv._process
    srv.close()
    assert process.poll() is not None
    srv.close()  # idempotent
    with pytest.raises(RuntimeError):
        srv.configure({})

    with pytest.raises(ProviderError) as caught:
        ProviderServer(
            env={"PYTHONPATH": str(tmp_path / "nowhere"), "PYTHONHOME": "/nope"}, fork=False
        )
    assert caught.value.operation == "Start"


@pytest.mark.skipif(not _forkserver.available(), reason="providers are forked on Linux only")
def test_a_forked_provider_runs_in_the_requested_directory_and_dies_with_close(
    module_store: ToyStore, tmp_path: Path
) -> None:
    with ProviderServer(env=provider_env(module_store), cwd=tmp_path, fork=True) as srv:
        assert isinstance(srv._process, _forkserver.ForkedProcess)
        assert Path(f"/proc/{srv.pid}/cwd").resolve() == tmp_path.resolve()
        srv.configure({"toy:label": "forked"})
        assert srv.accept_secrets is False
        pid = srv.pid
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()


@pytest.mark.skipif(not _forkserver.available(), reason="providers are forked on Linux only")
def test_a_provider_that_must_import_another_pulumi_kinde_is_not_forked(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    (other / "pulumi_kinde").mkdir(parents=True)
    (other / "pulumi_kinde" / "__init__.py").write_text("")
    assert not _forkserver.available({"PYTHONPATH": str(other)})
    assert _forkserver.available({"PYTHONPATH": str(tmp_path)})  # nothing of ours there
