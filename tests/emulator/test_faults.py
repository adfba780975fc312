"""Fault injection: rate and concurrency limits, latency, scripted failures."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from pulumi_kinde.emulator import Emulator, Faults


def test_rate_limit_answers_429_with_ratelimit_reset(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.set_rate_limit(2)
    statuses = [api.get("/api/v1/roles").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    throttled = api.get("/api/v1/roles")
    assert throttled.status_code == 429
    assert int(throttled.headers["RateLimit-Reset"]) >= 1
    assert throttled.json() == {
        "errors": [{"code": "TOO_MANY_REQUESTS", "message": "Request was throttled"}]
    }
    assert emulator.requests[-1].fault == "rate_limit"
    time.sleep(0.55)  # refills one request at 2/s
    assert api.get("/api/v1/roles").status_code == 200
    emulator.faults.set_rate_limit(None)
    assert all(api.get("/api/v1/roles").status_code == 200 for _ in range(5))


def test_rate_limit_spares_the_token_endpoint(
    emulator: Emulator, get_token: Callable[[], str]
) -> None:
    emulator.faults.set_rate_limit(1)
    for _ in range(3):
        get_token()  # asserts 200
    assert emulator.token_requests == 3


def test_throttled_request_does_nothing(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.set_rate_limit(1)
    assert api.post("/api/v1/roles", json={"name": "A", "key": "a"}).status_code == 201
    assert api.post("/api/v1/roles", json={"name": "B", "key": "b"}).status_code == 429
    assert [role.key for role in emulator.store.roles] == ["a"]


def test_concurrency_limit(emulator: Emulator, get_token: Callable[[], str]) -> None:
    emulator.faults.set_concurrency_limit(2)
    emulator.faults.set_latency(0.4)
    token = get_token()
    barrier = threading.Barrier(4)
    statuses: list[int] = []
    headers: list[str | None] = []

    def call() -> None:
        with httpx.Client(base_url=emulator.url, timeout=5) as client:
            barrier.wait()
            response = client.get("/api/v1/roles", headers={"Authorization": f"Bearer {token}"})
            statuses.append(response.status_code)
            headers.append(response.headers.get("RateLimit-Reset"))

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 429, 429]
    assert sorted(h for h in headers if h) == ["1", "1"]
    assert sorted(r.fault or "" for r in emulator.api_requests()) == [
        "",
        "",
        "concurrency",
        "concurrency",
    ]


def test_latency_delays_every_request(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.set_latency(0.2)
    started = time.monotonic()
    api.get("/api/v1/roles")
    assert time.monotonic() - started >= 0.2
    emulator.faults.set_latency(0)
    started = time.monotonic()
    api.get("/api/v1/roles")
    assert time.monotonic() - started < 0.15


def test_fail_next_500_then_recover(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(2)
    assert emulator.faults.pending_failures == 2
    first, second, third = (api.get("/api/v1/roles") for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (500, 500, 200)
    assert first.json()["errors"][0]["code"] == "INTERNAL_SERVER_ERROR"
    assert emulator.faults.pending_failures == 0
    assert [r.fault for r in emulator.api_requests()] == ["injected", "injected", None]


def test_fail_next_matches_method_and_path(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(method="POST", path="/api/v1/roles")
    assert api.get("/api/v1/roles").status_code == 200
    assert api.post("/api/v1/permissions", json={"name": "P", "key": "p"}).status_code == 201
    failed = api.post("/api/v1/roles", json={"name": "A", "key": "a"})
    assert failed.status_code == 500
    assert len(emulator.store.roles) == 0  # failed before doing the work
    assert api.post("/api/v1/roles", json={"name": "A", "key": "a"}).status_code == 201


def test_fail_next_path_glob(emulator: Emulator, api: httpx.Client) -> None:
    role_id = api.post("/api/v1/roles", json={"name": "A", "key": "a"}).json()["role"]["id"]
    emulator.faults.fail_next(status=503, path="/api/v1/roles/*")
    assert api.get("/api/v1/roles").status_code == 200
    assert api.get(f"/api/v1/roles/{role_id}").status_code == 503
    assert api.get(f"/api/v1/roles/{role_id}").status_code == 200


def test_fail_next_429_with_retry_after(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(status=429, retry_after=0.25)
    response = api.get("/api/v1/roles")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "0.25"
    assert response.headers["RateLimit-Reset"] == "0.25"
    emulator.faults.fail_next(status=429)
    plain = api.get("/api/v1/roles")
    assert plain.headers["RateLimit-Reset"] == "1"
    assert "Retry-After" not in plain.headers


def test_drop_closes_without_answer(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(status="drop", method="POST")
    with pytest.raises(httpx.RemoteProtocolError):
        api.post("/api/v1/roles", json={"name": "A", "key": "a"})
    assert len(emulator.store.roles) == 0
    assert emulator.api_requests()[-1].status == 0
    assert api.get("/api/v1/roles").status_code == 200  # the server is fine


def test_after_fails_once_the_work_is_done(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(method="POST", path="/api/v1/roles", after=True)
    response = api.post("/api/v1/roles", json={"name": "A", "key": "a"})
    assert response.status_code == 500
    assert [role.key for role in emulator.store.roles] == ["a"]
    retry = api.post("/api/v1/roles", json={"name": "A", "key": "a"})
    assert retry.json()["errors"][0]["code"] == "ROLE_KEY_ALREADY_EXISTS"


def test_after_drop_loses_the_reply(emulator: Emulator, api: httpx.Client) -> None:
    emulator.faults.fail_next(status="drop", method="POST", after=True)
    with pytest.raises(httpx.RemoteProtocolError):
        api.post("/api/v1/permissions", json={"name": "P", "key": "p"})
    assert [p.key for p in emulator.store.permissions] == ["p"]


def test_token_endpoint_fails_only_when_targeted(
    emulator: Emulator, token_form: dict[str, str]
) -> None:
    emulator.faults.fail_next()
    assert httpx.post(f"{emulator.url}/oauth2/token", data=token_form).status_code == 200
    emulator.faults.clear()
    emulator.faults.fail_next(path="/oauth2/token", status=503)
    assert httpx.post(f"{emulator.url}/oauth2/token", data=token_form).status_code == 503
    assert httpx.post(f"{emulator.url}/oauth2/token", data=token_form).status_code == 200
    assert emulator.token_requests == 2


def test_clear_removes_every_fault(emulator: Emulator, api: httpx.Client) -> None:
    faults = emulator.faults
    faults.fail_next(5)
    faults.set_rate_limit(0.5)
    faults.set_concurrency_limit(1)
    faults.set_latency(1)
    faults.clear()
    assert (faults.pending_failures, faults.rate_limit, faults.concurrency_limit) == (0, None, None)
    assert faults.latency == 0
    assert all(api.get("/api/v1/roles").status_code == 200 for _ in range(3))


@pytest.mark.parametrize(
    "kwargs",
    [{"count": 0}, {"status": 200}, {"status": "explode"}],
)
def test_fail_next_rejects_nonsense(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Faults().fail_next(**kwargs)  # type: ignore[arg-type]


def test_limits_reject_nonsense() -> None:
    faults = Faults()
    with pytest.raises(ValueError):
        faults.set_rate_limit(0)
    with pytest.raises(ValueError):
        faults.set_concurrency_limit(0)
    with pytest.raises(ValueError):
        faults.set_latency(-1)
