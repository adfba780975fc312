"""Fixtures for the emulator's own tests: a running emulator, a token, an API client."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator

import httpx
import pytest

from pulumi_kinde.emulator import Emulator


@pytest.fixture(scope="session")
def tls() -> ssl.SSLContext:
    """One TLS context for every client: building one per client costs ~30 ms each."""
    return ssl.create_default_context()


@pytest.fixture(scope="session")
def http(tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """A plain client for absolute URLs (token requests)."""
    with httpx.Client(transport=httpx.HTTPTransport(verify=tls), timeout=10) as client:
        yield client


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A fresh, running emulator with default credentials and every scope."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def token_form(emulator: Emulator) -> dict[str, str]:
    """A valid client-credentials token request for ``emulator``."""
    return {
        "grant_type": "client_credentials",
        "client_id": emulator.client_id,
        "client_secret": emulator.client_secret,
        "audience": emulator.audience,
    }


@pytest.fixture
def get_token(emulator: Emulator, http: httpx.Client) -> Callable[[], str]:
    """Fetch a new access token from ``emulator``."""

    def fetch() -> str:
        response = http.post(
            f"{emulator.url}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": emulator.client_id,
                "client_secret": emulator.client_secret,
                "audience": emulator.audience,
            },
        )
        assert response.status_code == 200, response.text
        token = response.json()["access_token"]
        assert isinstance(token, str)
        return token

    return fetch


@pytest.fixture
def api(
    emulator: Emulator, get_token: Callable[[], str], tls: ssl.SSLContext
) -> Iterator[httpx.Client]:
    """An httpx client for ``emulator`` carrying a token with every scope."""
    with httpx.Client(
        base_url=emulator.url,
        transport=httpx.HTTPTransport(verify=tls),
        headers={"Authorization": f"Bearer {get_token()}"},
        timeout=10,
    ) as client:
        yield client
