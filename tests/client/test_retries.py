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
    client = make_client()
    client.get("/api/v1/roles")
    assert client.stats.retries == 4
    # The retries' own waits, in order (the pace a 429 sets may space requests further).
    waits = iter(sleeps)
    for ceiling in [0.5, 1.0, 2.0, 4.0]:
        assert any(ceiling / 2 <= wait <= ceiling for wait in waits), (ceiling, sleeps)


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


class _FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _send(throttle: Throttle, fake: _FakeTime, count: int, every: float = 0.0) -> None:
    for _ in range(count):
        with throttle.slot():
            fake.now += every


def test_a_429_sets_a_pace_under_the_rate_sent_and_pauses_every_request() -> None:
    fake = _FakeTime()
    throttle = Throttle(None, None, clock=fake.clock, sleep=fake.sleep)
    _send(throttle, fake, 20, every=0.05)  # unpaced: 20 requests a second
    assert throttle.rate is None
    throttle.throttled(reset=2.0)
    cut = throttle.rate
    assert cut == pytest.approx(20 * 0.85, rel=0.06)
    throttle.throttled(reset=2.0)  # the same burst's other 429s cut no more
    assert throttle.rate == cut
    before = fake.now
    _send(throttle, fake, 1)
    assert fake.now == pytest.approx(before + 2.0)  # waited for RateLimit-Reset
    _send(throttle, fake, 18)
    assert fake.now - before == pytest.approx(2.0 + 18 / cut, rel=0.05)


def test_the_pace_creeps_back_up_while_no_429_comes_and_stays_under_a_ceiling() -> None:
    fake = _FakeTime()
    throttle = Throttle(None, None, clock=fake.clock, sleep=fake.sleep)
    _send(throttle, fake, 10, every=0.1)
    throttle.throttled(reset=1.0)
    cut = throttle.rate
    assert cut is not None
    _send(throttle, fake, 200)
    assert throttle.rate is not None and throttle.rate > cut * 1.3  # the limit may have risen

    capped = Throttle(5.0, None, clock=fake.clock, sleep=fake.sleep)
    _send(capped, fake, 100)
    assert capped.rate == 5.0


def test_a_429_while_sending_a_few_requests_a_second_pauses_but_keeps_the_pace() -> None:
    """Another client of the business (or the concurrency limiter) caused it, not our pace."""
    fake = _FakeTime()
    throttle = Throttle(None, None, clock=fake.clock, sleep=fake.sleep)
    _send(throttle, fake, 4, every=0.25)
    throttle.throttled(reset=1.5)
    assert throttle.rate is None
    before = fake.now
    _send(throttle, fake, 1)
    assert fake.now == pytest.approx(before + 1.5)  # still waited for RateLimit-Reset


def test_a_low_pace_recovers_in_seconds() -> None:
    fake = _FakeTime()
    throttle = Throttle(None, None, clock=fake.clock, sleep=fake.sleep)
    _send(throttle, fake, 6, every=1 / 6)
    throttle.throttled(reset=None)
    assert throttle.rate == pytest.approx(6 * 0.85, rel=0.2)
    _send(throttle, fake, 1)
    fake.now += 10.0  # ten quiet seconds
    _send(throttle, fake, 1)
    assert throttle.rate is not None and throttle.rate >= 6 * 0.85 + 4.5
