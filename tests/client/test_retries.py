"""Rate limits, server errors and transport errors: what is retried and how long we wait."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import httpx
import pytest

from pulumi_kinde.client import (
    KindeClient,
    RateLimitedError,
    ServerError,
    TransportError,
)
from pulumi_kinde.client._retry import RetryBudget
from pulumi_kinde.client._throttle import Throttle
from tests.client.fake_kinde import FakeKinde, kinde_json

THROTTLED = {"errors": [{"code": "TOO_MANY_REQUESTS", "message": "Too many requests"}]}


@pytest.mark.parametrize("header", ["RateLimit-Reset", "Retry-After"])
def test_429_waits_for_the_server_hint_then_retries(
    header: str, fake: FakeKinde, sleeps: list[float], make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(429, THROTTLED, {header: "3"})]
    client = make_client()
    assert client.post("/api/v1/roles", json={"key": "admin"}) is not None
    assert fake.api_calls == ["POST /api/v1/roles", "POST /api/v1/roles"]
    assert len(sleeps) == 1 and 3.0 <= sleeps[0] <= 3.25
    assert client.stats.rate_limited == 1 and client.stats.retries == 1


def test_429_without_hint_backs_off_exponentially(
    fake: FakeKinde, sleeps: list[float], make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(429, THROTTLED) for _ in range(4)]
    make_client().get("/api/v1/roles")
    assert len(sleeps) == 4
    ceilings = [0.5, 1.0, 2.0, 4.0]
    for wait, ceiling in zip(sleeps, ceilings, strict=True):
        assert ceiling / 2 <= wait <= ceiling


def test_429_gives_up_when_the_total_wait_cap_is_reached(
    fake: FakeKinde, sleeps: list[float], make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(429, THROTTLED, {"RateLimit-Reset": "10"})
    with pytest.raises(RateLimitedError, match="HTTP 429"):
        make_client(max_retry_wait=25).get("/api/v1/roles")
    assert len(sleeps) == 2 and sum(sleeps) <= 25


def test_500_on_get_is_retried(fake: FakeKinde, make_client: Callable[..., KindeClient]) -> None:
    fake.script = [kinde_json(500, {"errors": [{"code": "INTERNAL"}]})]
    assert make_client().get("/api/v1/roles") == {"code": "OK", "message": "Success"}
    assert fake.api_calls == ["GET /api/v1/roles", "GET /api/v1/roles"]


def test_500_on_post_is_not_retried(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(500, {"errors": [{"code": "INTERNAL", "message": "boom"}]})]
    with pytest.raises(ServerError, match=r"create role failed with HTTP 500 \(INTERNAL: boom\)"):
        make_client().post("/api/v1/roles", json={}, operation="create role")
    assert fake.api_calls == ["POST /api/v1/roles"]


def test_500_on_get_gives_up_after_max_retries(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(503, {})
    with pytest.raises(ServerError):
        make_client(max_retries=3).get("/api/v1/roles")
    assert len(fake.requests) == 4


def _drop(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("Server disconnected without sending a response.")


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("Connection refused")


def test_dropped_connection_on_get_is_retried(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [_drop]
    assert make_client().get("/api/v1/roles") is not None
    assert len(fake.requests) == 2


def test_dropped_connection_on_post_is_not_retried(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [_drop]
    with pytest.raises(TransportError, match="could not reach Kinde"):
        make_client().post("/api/v1/roles", json={})
    assert len(fake.requests) == 1


def test_refused_connection_on_post_is_retried(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [_refuse]
    assert make_client().post("/api/v1/roles", json={}) is not None
    assert len(fake.requests) == 2


def test_budget_follows_hints_and_caps_total_wait() -> None:
    budget = RetryBudget(max_retries=5, max_wait=10, rng=lambda: 0.0)
    assert budget.next_wait(4.0) == 4.0
    assert budget.next_wait(4.0) == 4.0
    assert budget.next_wait(4.0) is None
    assert budget.retries == 2


def test_throttle_spaces_requests_by_rate() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = Throttle(4.0, None, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        with throttle.slot():
            pass
    assert slept == [0.25, 0.25, 0.25, 0.25]
    assert now[0] == pytest.approx(1.0)


def test_throttle_bounds_concurrency() -> None:
    throttle = Throttle(None, 2)
    inside = 0
    peak = 0
    lock = threading.Lock()
    gate = threading.Barrier(2, timeout=5)

    def work() -> None:
        nonlocal inside, peak
        with throttle.slot():
            with lock:
                inside += 1
                peak = max(peak, inside)
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert peak == 2
