"""The token endpoint and the bearer/scope checks on every API call."""

from __future__ import annotations

import time
import types
from collections.abc import Callable, Iterator

import httpx
import pytest

from pulumi_kinde.emulator import Emulator, auth
from pulumi_kinde.emulator.catalog import all_scopes
from pulumi_kinde.emulator.routing import REGISTRY


def _form(emu: Emulator) -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "client_id": emu.client_id,
        "client_secret": emu.client_secret,
        "audience": emu.audience,
    }


def _token(emu: Emulator, **form: str) -> httpx.Response:
    return httpx.post(f"{emu.url}/oauth2/token", data={**_form(emu), **form})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_grant(emulator: Emulator) -> None:
    response = _token(emulator)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert set(body["scope"].split()) == set(all_scopes())
    assert body["access_token"].count(".") == 2  # shaped like a JWT
    assert response.headers["Cache-Control"] == "no-store"
    assert emulator.token_requests == 1
    assert [(r.path, r.status, r.operation_id) for r in emulator.requests] == [
        ("/oauth2/token", 200, "token")
    ]
    assert emulator.api_requests() == []


def test_client_secret_basic_is_accepted(emulator: Emulator) -> None:
    response = httpx.post(
        f"{emulator.url}/oauth2/token",
        data={"grant_type": "client_credentials", "audience": emulator.audience},
        auth=(emulator.client_id, emulator.client_secret),
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_id": "someone-else"}, 401, "invalid_client"),
        ({"client_secret": ""}, 401, "invalid_client"),
        # Live: docs.kinde.com, "Troubleshoot M2M token errors".
        ({"audience": "https://elsewhere.kinde.com/api"}, 400, "unauthorized_client"),
        ({"audience": ""}, 400, "invalid_request"),
        ({"scope": "read:users launch:rockets"}, 400, "invalid_scope"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"grant_type": ""}, 400, "invalid_request"),
    ],
)
def test_bad_token_requests_are_refused(
    emulator: Emulator, form: dict[str, str], status: int, error: str
) -> None:
    response = _token(emulator, **form)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert "access_token" not in response.json()
    assert emulator.token_requests == 0


def test_token_endpoint_wants_a_form_post(emulator: Emulator) -> None:
    as_json = httpx.post(
        f"{emulator.url}/oauth2/token",
        json={"grant_type": "client_credentials", "client_id": emulator.client_id},
    )
    assert as_json.status_code == 400
    assert httpx.get(f"{emulator.url}/oauth2/token").status_code == 405


def test_custom_credentials_and_ttl() -> None:
    with Emulator(client_id="abc", client_secret="xyz", token_ttl=90) as emu:
        assert (emu.client_id, emu.client_secret) == ("abc", "xyz")
        assert _token(emu).json()["expires_in"] == 90
        assert _token(emu, client_secret="emulator-client-secret").status_code == 401


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "UNAUTHORIZED"),
        ({"Authorization": "Basic abc"}, "UNAUTHORIZED"),
        ({"Authorization": "Bearer"}, "UNAUTHORIZED"),
        ({"Authorization": "Bearer not-a-token"}, "TOKEN_INVALID"),
    ],
)
def test_api_calls_need_a_valid_token(
    emulator: Emulator, headers: dict[str, str], code: str
) -> None:
    response = httpx.get(f"{emulator.url}/api/v1/roles", headers=headers)
    assert response.status_code == 401
    errors = response.json()["errors"]
    assert isinstance(errors, list)
    assert [error["code"] for error in errors] == [code]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert emulator.requests[-1].status == 401


def test_expired_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with Emulator(token_ttl=60) as emu:
        token = _token(emu).json()["access_token"]
        assert httpx.get(f"{emu.url}/api/v1/roles", headers=_bearer(token)).status_code == 200
        # A minute later, by the emulator's clock only (no sleep: a loaded machine made a
        # 0.3 s lifetime run out before the first request).
        later = time.monotonic() + 61
        clock = types.SimpleNamespace(time=time.time, monotonic=lambda: later)
        monkeypatch.setattr(auth, "time", clock)
        response = httpx.get(f"{emu.url}/api/v1/roles", headers=_bearer(token))
        assert response.status_code == 401
        assert response.json()["errors"][0]["code"] == "TOKEN_EXPIRED"


def test_expire_and_revoke_tokens(emulator: Emulator, get_token: Callable[[], str]) -> None:
    url = f"{emulator.url}/api/v1/roles"
    first = get_token()
    emulator.expire_tokens()
    assert httpx.get(url, headers=_bearer(first)).json()["errors"][0]["code"] == "TOKEN_EXPIRED"
    second = get_token()
    assert httpx.get(url, headers=_bearer(second)).status_code == 200
    emulator.revoke_tokens()
    assert httpx.get(url, headers=_bearer(second)).json()["errors"][0]["code"] == "TOKEN_INVALID"
    assert httpx.get(url, headers=_bearer(get_token())).status_code == 200


@pytest.fixture
def read_only() -> Iterator[Emulator]:
    with Emulator(scopes={"read:roles"}) as emu:
        yield emu


def test_missing_scope_is_403_naming_it(read_only: Emulator) -> None:
    grant = _token(read_only).json()
    assert grant["scope"] == "read:roles"
    headers = _bearer(grant["access_token"])
    assert httpx.get(f"{read_only.url}/api/v1/roles", headers=headers).status_code == 200
    response = httpx.post(
        f"{read_only.url}/api/v1/roles", headers=headers, json={"name": "A", "key": "a"}
    )
    assert response.status_code == 403
    assert response.json() == {
        "errors": [{"code": "FORBIDDEN", "message": "Missing scope: create:roles"}]
    }
    assert len(read_only.store.roles) == 0


def test_scopes_apply_to_tokens_issued_later(read_only: Emulator) -> None:
    old = _token(read_only).json()["access_token"]
    read_only.scopes = None
    new = _token(read_only).json()["access_token"]
    url = f"{read_only.url}/api/v1/permissions"
    assert httpx.get(url, headers=_bearer(old)).status_code == 403
    assert httpx.get(url, headers=_bearer(new)).status_code == 200


def test_every_route_requires_its_own_scope() -> None:
    """A token holding every scope but the route's own is refused with that scope named."""
    public = [r.operation_id for r in REGISTRY.routes() if r.scope is None]
    assert public == ["verifyApiKey"]  # the spec's only operation without authentication
    with Emulator() as emu, httpx.Client(base_url=emu.url) as client:
        for route in REGISTRY.routes():
            if route.scope is None:
                continue
            emu.scopes = all_scopes() - {route.scope}
            grant = client.post("/oauth2/token", data={**_form(emu)})
            headers = _bearer(grant.json()["access_token"])
            path = route.template.replace("{", "").replace("}", "")
            response = client.request(route.method, path, headers=headers)
            assert response.status_code == 403, (route.operation_id, response.text)
            assert response.json()["errors"][0]["message"] == f"Missing scope: {route.scope}"


def test_scopes_come_from_the_endpoint_table() -> None:
    scopes = {route.operation_id: route.scope for route in REGISTRY.routes()}
    assert scopes["deleteAPIScope"] == "delete:apis_scopes"
    assert scopes["CreateRole"] == "create:roles"
    assert scopes["updateAPIApplications"] == "update:apis"


def test_unknown_route_is_404_object_shape(api: httpx.Client) -> None:
    response = api.get("/api/v1/no_such_thing")
    assert response.status_code == 404
    assert response.json() == {
        "errors": {
            "code": "ROUTE_NOT_FOUND",
            "message": "The requested API route does not exist",
        }
    }
