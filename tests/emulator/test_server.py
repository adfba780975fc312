"""HTTP plumbing, the route registry, the public surface and the command line."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import httpx
import pytest

import pulumi_kinde.emulator
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.auth import TokenAuthority
from pulumi_kinde.emulator.faults import Faults
from pulumi_kinde.emulator.requestlog import RequestLog
from pulumi_kinde.emulator.routing import Call, Registry, Reply, reply
from pulumi_kinde.emulator.server import Dispatcher, Incoming
from pulumi_kinde.emulator.store import Store


def test_public_surface() -> None:
    assert pulumi_kinde.emulator.__all__ == ["Emulator", "Faults", "RequestRecord"]


def _connection(emu: Emulator) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", emu.port, timeout=5)


def test_keep_alive_with_content_length(emulator: Emulator, get_token: Callable[[], str]) -> None:
    headers = {"Authorization": f"Bearer {get_token()}", "Content-Type": "application/json"}
    connection = _connection(emulator)
    connection.request("POST", "/api/v1/applications", '{"name":"W","type":"reg"}', headers)
    created = connection.getresponse()
    body = created.read()
    assert created.status == 201 and created.getheader("Content-Length") == str(len(body))
    assert created.getheader("Content-Type") == "application/json; charset=utf-8"
    socket_before = connection.sock
    app_id = json.loads(body)["application"]["id"]
    connection.request("PATCH", f"/api/v1/applications/{app_id}", '{"name":"X"}', headers)
    patched = connection.getresponse()
    assert (patched.status, patched.getheader("Content-Length"), patched.read()) == (200, "0", b"")
    connection.request("GET", f"/api/v1/applications/{app_id}", headers=headers)
    assert json.loads(connection.getresponse().read())["application"]["name"] == "X"
    assert connection.sock is socket_before  # one connection for all three
    connection.close()


def test_chunked_request_body(emulator: Emulator, get_token: Callable[[], str]) -> None:
    connection = _connection(emulator)
    headers = {"Authorization": f"Bearer {get_token()}", "Content-Type": "application/json"}
    parts = iter([b'{"name": "Chunky",', b' "key": "chunky"}'])
    connection.request("POST", "/api/v1/roles", parts, headers, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 201, response.read()
    connection.close()
    assert emulator.store.roles.find(key="chunky") is not None


def test_stop_closes_idle_connections_and_frees_the_port() -> None:
    emu = Emulator().start()
    try:
        port = emu.port
        connection = _connection(emu)
        connection.request("GET", "/api/v1/roles")
        assert connection.getresponse().read()
    finally:
        emu.stop()
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        connection.request("GET", "/api/v1/roles")
        connection.getresponse()
    connection.close()
    with Emulator(port=port) as again:
        assert again.url == f"http://127.0.0.1:{port}"
    with pytest.raises(RuntimeError):
        emu.start()


def test_request_log(emulator: Emulator, api: httpx.Client) -> None:
    api.get("/api/v1/roles", params={"page_size": "5", "sort": "name_asc"})
    api.post("/api/v1/roles", json={"name": "R", "key": "r"})
    records = emulator.api_requests()
    assert [(r.method, r.path, r.status, r.operation_id) for r in records] == [
        ("GET", "/api/v1/roles", 200, "GetRoles"),
        ("POST", "/api/v1/roles", 201, "CreateRole"),
    ]
    assert records[0].query == {"page_size": "5", "sort": "name_asc"}
    assert [r.operation_id for r in emulator.api_requests("post")] == ["CreateRole"]
    assert len(emulator.requests) == 3  # the token request too
    emulator.reset_log()
    assert emulator.requests == [] and emulator.token_requests == 1


def _noop(call: Call) -> Reply:
    return reply()


def test_registry_checks_routes_against_the_endpoint_table() -> None:
    registry = Registry()
    with pytest.raises(ValueError, match="unknown operationId"):
        registry.add("GET", "/api/v1/roles", "NoSuchOperation", _noop)
    with pytest.raises(ValueError, match="CreateRole is POST /api/v1/roles"):
        registry.add("GET", "/api/v1/roles", "CreateRole", _noop)
    registry.add("GET", "/api/v1/api_keys/{key_id}", "getApiKey", _noop)
    registry.add("POST", "/api/v1/api_keys/verify", "verifyApiKey", _noop)
    with pytest.raises(ValueError, match="already served"):
        registry.add("GET", "/api/v1/api_keys/{key_id}", "getApiKey", _noop)
    matched = registry.match("GET", "/api/v1/api_keys/key%20one")
    assert matched is not None and matched[1] == {"key_id": "key one"}
    assert registry.match("DELETE", "/api/v1/api_keys/k") is None


def test_handler_crash_is_a_kinde_500() -> None:
    def crash(call: Call) -> Reply:
        raise RuntimeError("boom")

    registry = Registry()
    registry.add("GET", "/api/v1/roles", "GetRoles", crash)
    authority = TokenAuthority("id", "secret", token_ttl=60, scopes=None)
    dispatcher = Dispatcher(
        registry=registry,
        store=Store(),
        authority=authority,
        faults=Faults(),
        log=RequestLog(),
        max_page_size=500,
    )
    dispatcher.base_url = "http://127.0.0.1:1"
    token = authority.issue(
        {
            "grant_type": "client_credentials",
            "client_id": "id",
            "client_secret": "secret",
            "audience": dispatcher.audience,
        },
        None,
        audience=dispatcher.audience,
        issuer=dispatcher.base_url,
    )["access_token"]
    answer = dispatcher.dispatch(
        Incoming("GET", "/api/v1/roles", {}, {"Authorization": f"Bearer {token}"}, b"")
    )
    assert answer.status == 500
    assert json.loads(answer.body)["errors"][0]["code"] == "INTERNAL_SERVER_ERROR"


def test_command_line() -> None:
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pulumi_kinde.emulator",
            "--client-id",
            "cli-id",
            "--client-secret",
            "cli secret",
            "--latency",
            "0.01",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as process:
        _check_command_line(process)
    assert process.returncode == 0


def _check_command_line(process: subprocess.Popen[str]) -> None:
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert lines[0].startswith("export KINDE_DOMAIN=http://127.0.0.1:")
        assert lines[1:] == [
            "export KINDE_CLIENT_ID=cli-id",
            "export KINDE_CLIENT_SECRET='cli secret'",
        ]
        url = lines[0].split("=", 1)[1]
        grant = httpx.post(
            f"{url}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "cli-id",
                "client_secret": "cli secret",
                "audience": f"{url}/api",
            },
        )
        assert grant.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def test_keep_alive_round_trips_are_fast(api: httpx.Client) -> None:
    """Guards against the ~40 ms Nagle/delayed-ACK stall on every keep-alive exchange."""
    api.get("/api/v1/roles")
    started = time.perf_counter()
    for _ in range(20):
        assert api.get("/api/v1/roles").status_code == 200
    assert time.perf_counter() - started < 0.5
