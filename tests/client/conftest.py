"""Fixtures of the client tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pulumi_kinde.client import ClientSettings, KindeClient
from tests.client.fake_kinde import CLIENT_SECRET, DOMAIN, FakeKinde


@pytest.fixture
def fake() -> FakeKinde:
    return FakeKinde()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_client(fake: FakeKinde, sleeps: list[float]) -> Callable[..., KindeClient]:
    now = [0.0]  # a clock that moves only when the client sleeps

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    def build(**overrides: Any) -> KindeClient:
        settings = ClientSettings(
            DOMAIN, client_id="client-id-123", client_secret=CLIENT_SECRET, **overrides
        )
        transport = httpx.MockTransport(fake)
        return KindeClient(settings, transport=transport, sleep=sleep, clock=lambda: now[0])

    return build
