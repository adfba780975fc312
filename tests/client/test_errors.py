"""Kinde's error answers become the right exception, with a message a person can act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pulumi_kinde.client import (
    APIError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    KindeClient,
    NotFoundError,
)
from tests.client.fake_kinde import FakeKinde, kinde_json


@pytest.mark.parametrize(
    ("status", "body", "expected", "code"),
    [
        (
            404,
            {"errors": {"code": "ROUTE_NOT_FOUND", "message": "No route"}},
            NotFoundError,
            "ROUTE_NOT_FOUND",
        ),
        (
            400,
            {"errors": [{"code": "ROLE_NOT_FOUND", "message": "No role"}]},
            NotFoundError,
            "ROLE_NOT_FOUND",
        ),
        (
            400,
            {"errors": [{"code": "INVALID_KEY", "message": "Bad key"}]},
            BadRequestError,
            "INVALID_KEY",
        ),
        (409, {"errors": [{"code": "CONFLICT", "message": "Busy"}]}, ConflictError, "CONFLICT"),
        (
            400,
            {"errors": [{"code": "ROLE_KEY_ALREADY_EXISTS"}]},
            ConflictError,
            "ROLE_KEY_ALREADY_EXISTS",
        ),
        (418, {"errors": [{"code": "TEAPOT"}]}, APIError, "TEAPOT"),
    ],
)
def test_both_error_shapes_map_to_exceptions(
    status: int,
    body: dict[str, Any],
    expected: type[APIError],
    code: str,
    fake: FakeKinde,
    make_client: Callable[..., KindeClient],
) -> None:
    fake.script = [kinde_json(status, body)]
    with pytest.raises(expected) as info:
        make_client().post("/api/v1/roles", json={}, operation="create role 'admin'")
    error = info.value
    assert type(error) is expected
    assert error.status == status and error.code == code
    assert str(error).startswith(f"create role 'admin' failed with HTTP {status} ({code}")


def test_2xx_with_errors_is_an_error(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(200, {"errors": [{"code": "USER_NOT_FOUND", "message": "x"}]})]
    with pytest.raises(NotFoundError, match="USER_NOT_FOUND"):
        make_client().get("/api/v1/user", params={"id": "kp_1"})


def test_empty_2xx_body_is_none(fake: FakeKinde, make_client: Callable[..., KindeClient]) -> None:
    import httpx

    fake.script = [httpx.Response(204)]
    assert make_client().delete("/api/v1/roles/r1") is None


def test_forbidden_names_the_missing_scope(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    body = {"errors": [{"code": "FORBIDDEN", "message": "Missing scope: create:roles"}]}
    fake.script = [kinde_json(403, body)]
    with pytest.raises(ForbiddenError) as info:
        make_client().post("/api/v1/roles", json={}, operation="create role")
    assert info.value.missing_scope == "create:roles"
    assert "grant the scope 'create:roles'" in str(info.value)


def test_forbidden_falls_back_to_the_documented_scope(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.script = [kinde_json(403, {"errors": [{"code": "FORBIDDEN"}]})]
    with pytest.raises(ForbiddenError) as info:
        make_client().get("/api/v1/roles", required_scope="read:roles")
    assert info.value.missing_scope == "read:roles"


def test_error_messages_never_echo_registered_secrets(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    secret_value = "env-var-secret-value-42"
    body = {"errors": [{"code": "INVALID_VALUE", "message": f"bad value {secret_value}"}]}
    fake.script = [kinde_json(400, body)]
    client = make_client()
    client.add_secret(secret_value)
    with pytest.raises(BadRequestError) as info:
        client.post("/api/v1/environment_variables", json={"value": secret_value})
    assert secret_value not in str(info.value)
    assert secret_value not in (info.value.message or "")
    assert "[redacted]" in str(info.value)
