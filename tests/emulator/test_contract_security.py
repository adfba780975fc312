"""Contract tests of security policy (MFA, passkeys, organization sessions), logos, API keys
and SCIM directories: every request and response validated against the spec, as in
``test_contract.py``, then what the spec's examples say each endpoint refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.records import Api
from tests.emulator.test_contract import (
    SECURITY_TOURED,
    OpenAPIRequest,
    OpenAPIResponse,
    SpecChecker,
    Tour,
    checker,  # noqa: F401  (fixtures)
    client,  # noqa: F401
    operations_toured,
    spec,  # noqa: F401
    tour_leaves_nothing,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def _org(tour: Tour, name: str) -> str:
    body = tour.call("POST", "/api/v1/organization", json={"name": name})
    return str(body["organization"]["code"])


def _saml(tour: Tour, org_code: str, name: str = "okta") -> str:
    body = {"name": name, "display_name": name.title(), "strategy": "saml:custom"}
    connection_id = str(
        tour.call("POST", "/api/v1/connections", 201, json=body)["connection"]["id"]
    )
    tour.call("POST", f"/api/v1/organizations/{org_code}/connections/{connection_id}")
    return connection_id


class SecurityTour(Tour):
    def security(self) -> None:
        self.call(
            "PUT",
            "/api/v1/mfa",
            json={"policy": "optional", "enabled_factors": ["mfa:email", "mfa:authenticator_app"]},
        )
        assert self.call("GET", "/api/v1/passkey") == {
            "message": "Success",
            "code": "OK",
            "enabled": False,
            "policy": "off",
        }
        self.call("PUT", "/api/v1/passkey", json={"policy": "optional"})
        code = _org(self, "Secure")
        org = f"/api/v1/organizations/{code}"
        self.call(
            "PUT",
            f"{org}/mfa",
            json={"enabled_factors": ["mfa:sms"], "is_recovery_codes_enabled": False},
        )
        inherited = self.call("GET", f"{org}/passkey")
        assert inherited["policy"] == inherited["environment_policy"] == "optional"
        assert inherited["is_override_environment_passkey_settings"] is False
        self.call(
            "PUT",
            f"{org}/passkey",
            json={"policy": "mandatory", "is_override_environment_passkey_settings": True},
        )
        assert self.call("GET", f"{org}/passkey")["policy"] == "mandatory"
        self.call("PUT", f"{org}/passkey", json={"is_override_environment_passkey_settings": False})
        assert self.call("GET", f"{org}/passkey")["policy"] == "optional"
        self.call(
            "PATCH",
            f"{org}/sessions",
            json={
                "is_use_org_sso_session_policy": True,
                "sso_session_persistence_mode": "non_persistent",
                "is_use_org_authenticated_session_lifetime": True,
                "authenticated_session_lifetime": 3600,
            },
        )
        self.call(
            "PATCH",
            f"{org}/sessions",
            json={
                "is_use_org_sso_session_policy": False,
                "is_use_org_authenticated_session_lifetime": False,
            },
        )
        self.call("PUT", "/api/v1/passkey", json={"policy": "off"})
        self.call("DELETE", f"/api/v1/organization/{code}")

    def logos(self) -> None:
        env = "/api/v1/environment/logos"
        self.call("PUT", f"{env}/light", files={"logo": ("light.png", PNG, "image/png")})
        self.call("PUT", f"{env}/dark", files={"logo": ("dark.svg", SVG, "image/svg+xml")})
        assert self.call("GET", env)["logos"] == [
            {"type": "dark", "file_name": "dark.svg"},
            {"type": "light", "file_name": "light.png"},
        ]
        for logo_type in ("light", "dark"):
            self.call("DELETE", f"{env}/{logo_type}")
        self.call("DELETE", f"{env}/light", 204)
        code = _org(self, "Branded")
        org = f"/api/v1/organizations/{code}/logos"
        self.call("POST", f"{org}/dark", files={"logo": ("acme.png", PNG, "image/png")})
        (logo,) = self.call("GET", org)["logos"]
        assert logo["type"] == "dark" and logo["file_name"] == "acme.png"
        self.call("DELETE", f"{org}/dark")
        self.call("DELETE", f"{org}/dark", 204)
        self.call("DELETE", f"/api/v1/organization/{code}")

    def api_keys(self) -> None:
        api = self.call(
            "POST", "/api/v1/apis", json={"name": "Orders", "audience": "https://orders.test"}
        )["api"]["id"]
        scope = self.call("POST", f"/api/v1/apis/{api}/scopes", json={"key": "read:orders"})
        code = _org(self, "Keyed")
        made = self.call(
            "POST",
            "/api/v1/api_keys",
            201,
            json={
                "name": "Billing export",
                "type": "organization",
                "api_id": api,
                "scope_ids": [scope["scope"]["id"]],
                "org_code": code,
            },
        )["api_key"]
        env_key = self.call(
            "POST",
            "/api/v1/api_keys",
            201,
            json={"name": "Cron", "type": "environment", "api_id": api},
        )["api_key"]
        got = self.call("GET", f"/api/v1/api_keys/{made['id']}")["api_key"]
        assert got["scopes"] == ["read:orders"] and got["organization_id"] == code
        assert got["key_prefix"] == made["key"][:6] and got["key_suffix"] == made["key"][-4:]
        listed = self.call("GET", "/api/v1/api_keys", params={"key_type": "organization"})
        assert [k["id"] for k in listed["api_keys"]] == [made["id"]]
        verified = self.call("POST", "/api/v1/api_keys/verify", json={"api_key": made["key"]})
        assert verified["is_valid"] is True and verified["org_code"] == code
        rotated = self.call("PUT", f"/api/v1/api_keys/{made['id']}", 201)["api_key"]
        assert rotated["id"] == made["id"] and rotated["key"] != made["key"]
        self.call("POST", "/api/v1/api_keys/verify", 401, json={"api_key": made["key"]})
        for key in (made, env_key):
            self.call("DELETE", f"/api/v1/api_keys/{key['id']}")
        self.call("GET", f"/api/v1/api_keys/{made['id']}", 404)
        self.call("DELETE", f"/api/v1/apis/{api}")
        self.call("DELETE", f"/api/v1/organization/{code}")

    def directories(self) -> None:
        code = _org(self, "Provisioned")
        connection_id = _saml(self, code)
        made = self.call(
            "POST",
            "/api/v1/directories",
            201,
            json={"org_code": code, "directory_name": "Okta", "provider_code": "okta"},
        )["directory"]
        assert made["enterprise_connection_id"] == connection_id
        assert made["secret_token"] and made["organization_code"] == code
        base = f"/api/v1/directories/{made['id']}"
        self.call("PATCH", base, json={"directory_name": "Okta (prod)"})
        assert self.call("GET", base)["directory"]["directory_name"] == "Okta (prod)"
        listed = self.call("GET", "/api/v1/directories", params={"organization_code": code})
        assert [d["id"] for d in listed["directories"]] == [made["id"]]
        self.call("DELETE", base)
        self.call("GET", base, 404)
        self.call("DELETE", f"/api/v1/connections/{connection_id}")
        self.call("DELETE", f"/api/v1/organization/{code}")


AREAS = ("security", "logos", "api_keys", "directories")
#: What the API gives no way to remove: the environment's MFA configuration.
UNDELETABLE = {"mfa_policies"}


@pytest.mark.parametrize("area", AREAS)
def test_tour_validates_against_spec(
    area: str,
    client: httpx.Client,  # noqa: F811
    checker: SpecChecker,  # noqa: F811
    emulator: Emulator,
) -> None:
    tour_leaves_nothing(SecurityTour(client), area, checker, emulator, UNDELETABLE)


def test_tour_covers_every_operation_of_these_areas(
    client: httpx.Client,  # noqa: F811
    emulator: Emulator,
) -> None:
    served, missed = operations_toured(SecurityTour(client), AREAS, emulator, SECURITY_TOURED)
    assert len(served) == 24 and missed == set()


Setup = Callable[[httpx.Client], dict[str, str]]


def _nothing(api: httpx.Client) -> dict[str, str]:
    return {}


def _organization(api: httpx.Client) -> dict[str, str]:
    code = api.post("/api/v1/organization", json={"name": "O"}).json()["organization"]["code"]
    return {"org": code}


def _organization_with_sso(count: int) -> Setup:
    def make(api: httpx.Client) -> dict[str, str]:
        made = _organization(api)
        for index in range(count):
            body = {"name": f"sso{index}", "display_name": "SSO", "strategy": "saml:custom"}
            connection = api.post("/api/v1/connections", json=body).json()["connection"]["id"]
            api.post(f"/api/v1/organizations/{made['org']}/connections/{connection}")
            made[f"conn{index}"] = connection
        return made

    return make


def _with_directory(api: httpx.Client) -> dict[str, str]:
    made = _organization_with_sso(1)(api)
    body = {"org_code": made["org"], "directory_name": "D", "provider_code": "okta"}
    made["directory"] = api.post("/api/v1/directories", json=body).json()["directory"]["id"]
    return made


def _with_api(api: httpx.Client) -> dict[str, str]:
    made = _organization(api)
    body = {"name": "A", "audience": "https://a.test"}
    made["api"] = api.post("/api/v1/apis", json=body).json()["api"]["id"]
    return made


DIRECTORY = {"org_code": "{org}", "directory_name": "D", "provider_code": "okta"}
KEY = {"name": "K", "type": "environment", "api_id": "{api}"}

INVALID_REQUESTS = [
    pytest.param(_nothing, "PUT", "/api/v1/mfa", {"policy": "always", "enabled_factors": []},
                 400, "INVALID_POLICY", id="mfa-policy"),
    pytest.param(_nothing, "PUT", "/api/v1/mfa", {"policy": "required",
                 "enabled_factors": ["mfa:pigeon"]}, 400, "INVALID_ENABLED_FACTORS",
                 id="mfa-factor"),
    pytest.param(_nothing, "PUT", "/api/v1/mfa", {"policy": "off"}, 400,
                 "ENABLED_FACTORS_REQUIRED", id="mfa-factors-required"),
    pytest.param(_nothing, "PUT", "/api/v1/passkey", {"policy": "sometimes"}, 400,
                 "INVALID_POLICY", id="passkey-policy"),
    pytest.param(_organization, "PUT", "/api/v1/organizations/{org}/passkey",
                 {"is_override_environment_passkey_settings": True}, 400, "POLICY_REQUIRED",
                 id="org-passkey-override-without-policy"),
    pytest.param(_nothing, "PUT", "/api/v1/organizations/org_missing/mfa",
                 {"enabled_factors": []}, 400, "ORGANIZATION_NOT_FOUND", id="org-mfa-missing-org"),
    pytest.param(_organization, "PATCH", "/api/v1/organizations/{org}/sessions",
                 {"is_use_org_sso_session_policy": True}, 400,
                 "SSO_SESSION_PERSISTENCE_MODE_REQUIRED", id="sessions-switch-without-value"),
    pytest.param(_organization, "PATCH", "/api/v1/organizations/{org}/sessions",
                 {"is_use_org_authenticated_session_lifetime": True,
                  "authenticated_session_lifetime": 0}, 400,
                 "INVALID_AUTHENTICATED_SESSION_LIFETIME", id="sessions-lifetime"),
    pytest.param(_organization, "POST", "/api/v1/directories", DIRECTORY, 400,
                 "NO_ENTERPRISE_CONNECTIONS", id="directory-without-sso"),
    pytest.param(_organization_with_sso(2), "POST", "/api/v1/directories", DIRECTORY, 400,
                 "ENTERPRISE_CONNECTION_REQUIRED", id="directory-which-sso"),
    pytest.param(_organization_with_sso(1), "POST", "/api/v1/directories",
                 {**DIRECTORY, "enterprise_connection_id": "conn_nope"}, 400,
                 "INVALID_ENTERPRISE_CONNECTION", id="directory-foreign-sso"),
    pytest.param(_organization_with_sso(1), "POST", "/api/v1/directories",
                 {**DIRECTORY, "provider_code": "ldap"}, 400, "INVALID_PROVIDER_CODE",
                 id="directory-provider"),
    pytest.param(_with_directory, "POST", "/api/v1/directories", DIRECTORY, 409,
                 "DIRECTORY_EXISTS", id="directory-second-of-an-org"),
    pytest.param(_with_directory, "PATCH", "/api/v1/directories/{directory}", {}, 400,
                 "NO_FIELDS_TO_UPDATE", id="directory-empty-update"),
    pytest.param(_nothing, "PATCH", "/api/v1/directories/directory_nope",
                 {"directory_name": "x"}, 404, "DIRECTORY_NOT_FOUND", id="directory-missing"),
    pytest.param(_with_api, "POST", "/api/v1/api_keys", {**KEY, "type": "team"}, 400,
                 "INVALID_TYPE", id="key-type"),
    pytest.param(_with_api, "POST", "/api/v1/api_keys", {**KEY, "type": "organization"}, 400,
                 "ORG_CODE_REQUIRED", id="key-org-without-code"),
    pytest.param(_with_api, "POST", "/api/v1/api_keys", {**KEY, "org_code": "{org}"}, 400,
                 "INVALID_OWNER", id="key-environment-with-owner"),
    pytest.param(_with_api, "POST", "/api/v1/api_keys", {**KEY, "scope_ids": ["api_scope_x"]},
                 400, "SCOPE_NOT_FOUND", id="key-foreign-scope"),
    pytest.param(_nothing, "POST", "/api/v1/api_keys", {**KEY, "api_id": "nope"}, 400,
                 "API_NOT_FOUND", id="key-missing-api"),
    pytest.param(_nothing, "PUT", "/api/v1/api_keys/api_key_nope", None, 404,
                 "API_KEY_NOT_FOUND", id="key-rotate-missing"),
]  # fmt: skip


def _filled(value: Any, made: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**made)
    if isinstance(value, dict):
        return {k: _filled(v, made) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, made) for v in value]
    return value


@pytest.mark.parametrize(("setup", "method", "path", "body", "status", "code"), INVALID_REQUESTS)
def test_invalid_requests_are_refused(
    setup: Setup,
    method: str,
    path: str,
    body: Any,
    status: int,
    code: str,
    emulator: Emulator,
    api: httpx.Client,
    spec: OpenAPI,  # noqa: F811
) -> None:
    made = setup(api)
    before = emulator.snapshot()
    sent = {} if body is None else {"json": _filled(body, made)}
    response = api.request(method, _filled(path, made), **sent)
    assert response.status_code == status, response.text
    errors = response.json()["errors"]
    assert code in [e["code"] for e in (errors if isinstance(errors, list) else [errors])]
    spec.validate_response(OpenAPIRequest(response.request), OpenAPIResponse(response))
    assert emulator.snapshot() == before


def test_verifying_a_key_needs_no_token(emulator: Emulator, api: httpx.Client) -> None:
    made = _with_api(api)
    body = {"name": "K", "type": "environment", "api_id": made["api"]}
    key = api.post("/api/v1/api_keys", json=body).json()["api_key"]
    with httpx.Client(base_url=emulator.url) as anonymous:
        verified = anonymous.post("/api/v1/api_keys/verify", json={"api_key": key["key"]})
        assert verified.status_code == 200 and verified.json()["key_id"] == key["id"]
        listed = anonymous.get("/api/v1/api_keys")
        assert listed.status_code == 401


def test_a_logo_upload_must_be_an_image_in_the_logo_field(api: httpx.Client) -> None:
    path = "/api/v1/environment/logos/light"
    wrong_field = api.put(path, files={"file": ("a.png", PNG, "image/png")})
    assert wrong_field.json()["errors"][0]["code"] == "LOGO_REQUIRED"
    not_an_image = api.put(path, files={"logo": ("a.pdf", b"%PDF-1.4", "application/pdf")})
    assert not_an_image.json()["errors"][0]["code"] == "INVALID_FILE_TYPE"
    as_json = api.put(path, json={"logo": "a.png"})
    assert as_json.json()["errors"][0]["code"] == "INVALID_REQUEST_BODY"
    bad_type = api.put("/api/v1/environment/logos/medium", files={"logo": ("a", PNG, "image/png")})
    assert bad_type.json()["errors"][0]["code"] == "INVALID_TYPE"
    assert api.get("/api/v1/environment/logos").json()["logos"] == []


def test_deleting_an_organization_takes_its_policies_keys_and_directory(
    api: httpx.Client, emulator: Emulator
) -> None:
    made = _with_directory(api)
    org = f"/api/v1/organizations/{made['org']}"
    api.put(f"{org}/mfa", json={"enabled_factors": ["mfa:email"]})
    api.put(f"{org}/passkey", json={"policy": "optional"})
    api.patch(
        f"{org}/sessions",
        json={"is_use_org_sso_session_policy": True, "sso_session_persistence_mode": "persistent"},
    )
    api.post(f"{org}/logos/light", files={"logo": ("a.png", PNG, "image/png")})
    body = {"name": "A", "audience": "https://a.test"}
    api_id = api.post("/api/v1/apis", json=body).json()["api"]["id"]
    key = {"name": "K", "type": "organization", "api_id": api_id, "org_code": made["org"]}
    assert api.post("/api/v1/api_keys", json=key).status_code == 201
    assert api.delete(f"/api/v1/organization/{made['org']}").status_code == 200
    store = emulator.store
    for collection in ("mfa_policies", "passkey_policies", "session_policies", "logos",
                       "api_keys", "directories"):  # fmt: skip
        assert len(getattr(store, collection)) == 0, collection
    assert store.api_key_values == {}


def test_an_api_key_still_verifies_after_a_restart_with_data(tmp_path: Path) -> None:
    """Key values live beside the records (see records_security.ApiKey): saved with them."""
    data = tmp_path / "kinde.json"
    with Emulator(data=data) as first:
        first.store.apis.add(Api(id="api_1", name="A", audience="https://a.test"))
        with _authorized(first) as api:
            body = {"name": "K", "type": "environment", "api_id": "api_1"}
            key = api.post("/api/v1/api_keys", json=body).json()["api_key"]
    with Emulator(data=data) as second, httpx.Client(base_url=second.url) as anonymous:
        verified = anonymous.post("/api/v1/api_keys/verify", json={"api_key": key["key"]})
        assert verified.status_code == 200 and verified.json()["key_id"] == key["id"]


def _authorized(emu: Emulator) -> httpx.Client:
    form = {
        "grant_type": "client_credentials",
        "client_id": emu.client_id,
        "client_secret": emu.client_secret,
        "audience": emu.audience,
    }
    token = httpx.post(f"{emu.url}/oauth2/token", data=form, timeout=10).json()["access_token"]
    return httpx.Client(base_url=emu.url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
