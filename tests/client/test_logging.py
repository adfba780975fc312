"""Debug logging shows method, path, status and time, and never a credential."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from pulumi_kinde.client import KindeClient
from tests.client.fake_kinde import CLIENT_SECRET, FakeKinde, kinde_json


def test_debug_log_has_one_line_per_request_without_secrets(
    fake: FakeKinde, make_client: Callable[..., KindeClient], caplog: pytest.LogCaptureFixture
) -> None:
    fake.script = [kinde_json(429, {}, {"RateLimit-Reset": "0"})]
    client = make_client()
    with caplog.at_level(logging.DEBUG, logger="pulumi_kinde.client"):
        client.get("/api/v1/roles")
        client.post("/api/v1/roles", json={"key": "admin"})
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("GET /api/v1/roles -> 429 in ") for line in lines)
    assert any(line.startswith("POST /api/v1/roles -> 200 in ") for line in lines)
    assert any("retrying in" in line for line in lines)
    text = "\n".join(lines)
    assert CLIENT_SECRET not in text and "token-1-abcdef" not in text
