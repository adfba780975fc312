"""``--data FILE``: the emulator keeps its business across restarts, and a killed emulator
never leaves a half-written file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kinde.emulator import Emulator, persistence


def _client(url: str) -> httpx.Client:
    """An API client of the emulator at ``url`` with a fresh token."""
    token = httpx.post(
        f"{url}/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "emulator-client-id",
            "client_secret": "emulator-client-secret",
            "audience": f"{url}/api",
        },
        timeout=10,
    ).json()["access_token"]
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def test_restart_keeps_objects_and_follows_a_new_port(tmp_path: Path) -> None:
    data = tmp_path / "kinde.json"
    with Emulator(data=data) as first, _client(first.url) as api:
        role = api.post("/api/v1/roles", json={"key": "admin", "name": "Admin"}).json()["role"]
        org = api.post("/api/v1/organization", json={"name": "Acme"}).json()["organization"]
        api.patch(f"/api/v1/roles/{role['id']}", json={"key": "admin", "name": "Administrator"})
        kept = first.snapshot()
    assert os.stat(data).st_mode & 0o077 == 0  # the owner's only

    with Emulator(data=data) as second, _client(second.url) as api:
        assert second.snapshot()["roles"] == kept["roles"]
        assert second.snapshot()["organizations"] == kept["organizations"]
        got = api.get(f"/api/v1/roles/{role['id']}").json()["role"]
        assert got["name"] == "Administrator"
        assert api.get("/api/v1/organization", params={"code": org["code"]}).status_code == 200
        management = second.store.apis.find(is_management_api=True)
        assert management is not None and management.audience == f"{second.url}/api"
        api.delete(f"/api/v1/roles/{role['id']}")
    with Emulator(data=data) as third:
        assert third.store.roles.find(key="admin") is None  # the delete was kept too


def test_a_write_interrupted_before_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kinde.json"
    persistence.write_atomic(target, {"generation": 1})

    def killed(*args: Any) -> None:
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        persistence.write_atomic(target, {"generation": 2, "padding": "x" * 100_000})
    assert json.loads(target.read_text()) == {"generation": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kinde.json"]


def test_killed_emulator_restarts_on_its_port_with_its_data(tmp_path: Path) -> None:
    data = tmp_path / "kinde.json"
    command = [sys.executable, "-m", "pulumi_kinde.emulator", "--data", str(data)]

    def start() -> tuple[subprocess.Popen[str], str]:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert process.stdout is not None
        line = process.stdout.readline()  # export KINDE_DOMAIN=http://127.0.0.1:PORT
        assert line.startswith("export KINDE_DOMAIN="), line
        return process, line.strip().split("=", 1)[1]

    process, url = start()
    try:
        with _client(url) as api:
            for index in range(20):
                created = api.post("/api/v1/roles", json={"key": f"r{index}", "name": "R"})
                assert created.status_code in (200, 201)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()

    restarted, again = start()
    try:
        assert again == url  # same port, so a stack configured with it keeps working
        with _client(again) as api:
            roles = api.get("/api/v1/roles", params={"page_size": 100}).json()["roles"]
        keys = {role["key"] for role in roles}
        assert {f"r{index}" for index in range(20)} <= keys
    finally:
        restarted.send_signal(signal.SIGINT)
        restarted.wait(timeout=10)
        assert restarted.stdout is not None
        restarted.stdout.close()
