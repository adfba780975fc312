"""Tokens: one request for many calls and threads, refresh on expiry, ready tokens."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

import httpx
import pytest

from pulumi_kinde.client import (
    AuthenticationError,
    ClientSettings,
    KindeClient,
)
from pulumi_kinde.client._auth import TokenSource
from tests.client.fake_kinde import CLIENT_SECRET, DOMAIN, FakeKinde, kinde_json


def test_many_calls_from_many_threads_share_one_token(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    client = make_client()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: client.get("/api/v1/roles"), range(64)))
    assert len(fake.token_requests) == 1
    assert len(fake.requests) == 64
    assert {r.headers["Authorization"] for r in fake.requests} == {"Bearer token-1-abcdef"}
    assert client.token_requests == 1


def test_token_request_is_client_credentials_with_default_audience(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    make_client().get("/api/v1/roles")
    form = parse_qs(fake.token_requests[0].content.decode())
    assert form == {
        "grant_type": ["client_credentials"],
        "client_id": ["client-id-123"],
        "client_secret": [CLIENT_SECRET],
        "audience": [f"{DOMAIN}/api"],
    }
    assert str(fake.token_requests[0].url) == f"{DOMAIN}/oauth2/token"


def test_token_is_refreshed_shortly_before_expiry() -> None:
    now = [1000.0]
    fake = FakeKinde(expires_in=3600)
    http = httpx.Client(transport=httpx.MockTransport(fake))
    settings = ClientSettings(DOMAIN, client_id="id", client_secret=CLIENT_SECRET)
    tokens = TokenSource(settings, http, clock=lambda: now[0])
    first = tokens.token()
    now[0] += 3000  # still more than the margin before expiry
    assert tokens.token() == first
    now[0] += 560  # within 60 s of expiry
    assert tokens.token() != first
    assert tokens.requests_made == 2


def test_a_rejected_token_is_replaced_once(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(401, {"errors": [{"code": "UNAUTHORIZED"}]})]
    assert make_client().get("/api/v1/roles") == {"code": "OK", "message": "Success"}
    assert len(fake.token_requests) == 2
    assert [r.headers["Authorization"] for r in fake.requests] == [
        "Bearer token-1-abcdef",
        "Bearer token-2-abcdef",
    ]


def test_repeated_401_is_an_authentication_error(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(401, {"errors": [{"code": "UNAUTHORIZED"}]})
    with pytest.raises(AuthenticationError, match="rejected the access token"):
        make_client().get("/api/v1/roles")
    assert len(fake.requests) == 2


def test_ready_access_token_needs_no_token_request(fake: FakeKinde) -> None:
    client = KindeClient(
        ClientSettings(DOMAIN, access_token="ready-made-token-xyz"),
        transport=httpx.MockTransport(fake),
    )
    client.get("/api/v1/roles")
    assert fake.token_requests == []
    assert fake.requests[0].headers["Authorization"] == "Bearer ready-made-token-xyz"


def test_expired_ready_token_without_credentials_says_so(fake: FakeKinde) -> None:
    fake.default = lambda _: kinde_json(401, {"errors": [{"code": "TOKEN_EXPIRED"}]})
    client = KindeClient(
        ClientSettings(DOMAIN, access_token="ready-made-token-xyz"),
        transport=httpx.MockTransport(fake),
    )
    with pytest.raises(AuthenticationError) as info:
        client.get("/api/v1/roles")
    assert "ready-made-token-xyz" not in str(info.value)


def test_refused_token_request_names_the_client_not_the_secret() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return kinde_json(401, {"error": "invalid_client", "echo": request.content.decode()})

    client = KindeClient(
        ClientSettings(DOMAIN, client_id="client-id-123", client_secret=CLIENT_SECRET),
        transport=httpx.MockTransport(refuse),
    )
    with pytest.raises(AuthenticationError) as info:
        client.get("/api/v1/roles")
    text = str(info.value)
    assert "invalid_client" in text and "client-id-123" in text
    assert CLIENT_SECRET not in text


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        # Live: docs.kinde.com, "Troubleshoot M2M token errors": one fix for each error.
        ("invalid_client", "if the secret was rotated, use the new one"),
        ("unauthorized_client", "open the application's APIs tab and authorize it"),
        ("invalid_scope", "grant the Kinde Management API scopes it needs"),
        ("invalid_request", "check kinde:domain and kinde:audience"),
    ],
)
def test_each_token_error_names_its_fix(error: str, fix: str) -> None:
    status = 401 if error == "invalid_client" else 400
    client = KindeClient(
        ClientSettings(DOMAIN, client_id="client-id-123", client_secret=CLIENT_SECRET),
        transport=httpx.MockTransport(lambda _: kinde_json(status, {"error": error})),
    )
    with pytest.raises(AuthenticationError) as info:
        client.get("/api/v1/roles")
    assert f"HTTP {status}: {error}" in str(info.value) and fix in str(info.value)
