"""The client against the emulator over real HTTP: auth, 429, retries, errors, pagination."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from pulumi_kinde.client import (
    AuthenticationError,
    ClientSettings,
    ForbiddenError,
    KindeClient,
    NotFoundError,
    ServerError,
    TransportError,
)
from pulumi_kinde.emulator import Emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[KindeClient]:
    settings = ClientSettings(
        emu.url, client_id=emu.client_id, client_secret=emu.client_secret, max_retry_wait=10
    )
    with KindeClient(settings) as api:
        yield api


def test_threads_share_one_token(emu: Emulator, client: KindeClient) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: client.get("/api/v1/roles"), range(40)))
    assert emu.token_requests == 1 and len(emu.api_requests()) == 40


def test_an_expired_token_is_replaced(emu: Emulator, client: KindeClient) -> None:
    client.get("/api/v1/roles")
    emu.expire_tokens()
    client.get("/api/v1/roles")
    assert emu.token_requests == 2
    assert [r.status for r in emu.api_requests()] == [200, 401, 200]


@pytest.mark.parametrize("hint", [{}, {"retry_after": 0.2}])
def test_429_is_waited_out(emu: Emulator, client: KindeClient, hint: dict[str, float]) -> None:
    emu.faults.fail_next(2, status=429, **hint)
    assert client.get("/api/v1/roles")["code"] == "OK"
    assert [r.status for r in emu.api_requests()] == [429, 429, 200]
    assert client.stats.rate_limited == 2


def test_500_on_get_is_retried_and_on_post_is_not(emu: Emulator, client: KindeClient) -> None:
    emu.faults.fail_next(status=500, method="GET")
    client.get("/api/v1/roles")
    emu.faults.fail_next(status=500, method="POST")
    with pytest.raises(ServerError):
        client.post("/api/v1/roles", {"key": "admin", "name": "Admin"})
    statuses = [(r.method, r.status) for r in emu.api_requests()]
    assert statuses == [("GET", 500), ("GET", 200), ("POST", 500)]
    assert len(emu.store.roles) == 0


def test_a_dropped_post_is_not_resent(emu: Emulator, client: KindeClient) -> None:
    emu.faults.fail_next(status="drop", method="POST")
    with pytest.raises(TransportError):
        client.post("/api/v1/roles", {"key": "admin", "name": "Admin"})
    assert [r.method for r in emu.api_requests()] == ["POST"]


def test_both_not_found_shapes(client: KindeClient) -> None:
    with pytest.raises(NotFoundError) as listed:  # 400 with a *_NOT_FOUND code in a list
        client.get("/api/v1/roles/nope")
    with pytest.raises(NotFoundError) as single:  # 404 with an errors object
        client.patch("/api/v1/connections/nope", {"display_name": "x"})
    assert (listed.value.status, single.value.status) == (400, 404)


def test_a_missing_scope_is_named(emu: Emulator) -> None:
    emu.scopes = {"read:roles"}
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api, pytest.raises(ForbiddenError) as denied:
        api.post("/api/v1/roles", {"key": "admin", "name": "Admin"})
    assert denied.value.missing_scope == "create:roles"


def test_pagination_walks_every_page(emu: Emulator, client: KindeClient) -> None:
    for n in range(230):
        client.post("/api/v1/permissions", {"key": f"p:{n:03d}", "name": f"P {n}"})
    emu.reset_log()
    keys = [p["key"] for p in client.paginate("/api/v1/permissions", "permissions")]
    assert sorted(keys) == [f"p:{n:03d}" for n in range(230)]
    assert len(emu.api_requests()) == 3


def test_the_client_sends_accept_application_json(emu: Emulator) -> None:
    # Live: kinde-ruby-sdk commit 83317c1: the connection list refuses charset variants of
    # Accept (406); the emulator does the same, and the client walks it.
    seen: list[str] = []
    transport = httpx.HTTPTransport()

    class Recording(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(request.headers["Accept"])
            return transport.handle_request(request)

    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings, transport=Recording()) as api:
        assert api.collect("/api/v1/connections", "connections", style="starting_after")
    assert seen and set(seen) == {"application/json"}  # the token request too


def test_a_wrong_audience_is_unauthorized_client_and_says_what_to_do(emu: Emulator) -> None:
    settings = ClientSettings(
        emu.url,
        client_id=emu.client_id,
        client_secret=emu.client_secret,
        audience="https://elsewhere.kinde.com/api",
    )
    with KindeClient(settings) as api, pytest.raises(AuthenticationError) as info:
        api.get("/api/v1/roles")
    assert "unauthorized_client" in str(info.value) and "APIs tab" in str(info.value)
