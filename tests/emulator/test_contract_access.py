"""Contract tests of the access additions: system permissions and the roles that carry them,
a member's API scopes, a user's password and the environment. Every request and response is
validated against the spec, as in ``test_contract.py``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.routing import REGISTRY
from tests.emulator.test_contract import (
    OpenAPIRequest,
    OpenAPIResponse,
    SpecChecker,
    Tour,
    checker,  # noqa: F401  (fixtures)
    client,  # noqa: F401
    spec,  # noqa: F401
)

ACCESS_MODULES = frozenset(
    f"pulumi_kinde.emulator.routes.{name}"
    for name in ("environment_info", "member_api_scopes", "passwords", "system_permissions")
)
BCRYPT = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"


class AccessTour(Tour):
    def system_permissions(self) -> None:
        listed = self.call("GET", "/api/v1/system_permissions", params={"sort": "name_asc"})
        names = [p["name"] for p in listed["system_permissions"]]
        assert names == sorted(names, key=str.lower) and "next_token" not in listed
        first = self.call("GET", "/api/v1/system_permissions", params={"page_size": 1})
        assert len(first["system_permissions"]) == 1 and first["next_token"]
        by_key = {p["key"]: p["id"] for p in listed["system_permissions"]}
        role = self.call("POST", "/api/v1/roles", 201, json={"key": "billing", "name": "B"})
        path = f"/api/v1/roles/{role['role']['id']}/system_permissions"
        read, write = by_key["org:read:billing"], by_key["org:write:billing"]
        added = self.call("PATCH", path, json={"system_permissions": [{"id": read}, {"id": write}]})
        assert added["system_permissions_added"] == [read, write]
        held = self.call("GET", path, params={"sort": "id_desc"})["system_permissions"]
        assert [p["id"] for p in held] == sorted([read, write], reverse=True)
        body = {"system_permissions": [{"id": write, "operation": "delete"}]}
        assert self.call("PATCH", path, json=body)["system_permissions_removed"] == [write]
        assert [p["key"] for p in self.call("GET", path)["system_permissions"]] == [
            "org:read:billing"
        ]
        self.call("DELETE", f"/api/v1/roles/{role['role']['id']}")

    def member_api_scopes(self) -> None:
        code = self.call("POST", "/api/v1/organization", json={"name": "Acme"})
        code = code["organization"]["code"]
        user = self.call("POST", "/api/v1/user", json={"profile": {"given_name": "Ada"}})["id"]
        self.call("POST", f"/api/v1/organizations/{code}/users", json={"users": [{"id": user}]})
        api_id = self.call(
            "POST", "/api/v1/apis", json={"name": "Billing", "audience": "https://b.example"}
        )["api"]["id"]
        scope = self.call("POST", f"/api/v1/apis/{api_id}/scopes", json={"key": "read"})
        member = f"/api/v1/organizations/{code}/users/{user}"
        path = f"{member}/apis/{api_id}/scopes/{scope['scope']['id']}"
        self.call("POST", path)
        self.call("POST", path)  # granting twice changes nothing
        self.call("DELETE", path)
        missing = self.client.delete(path)
        assert missing.status_code == 400
        assert missing.json()["errors"][0]["code"] == "SCOPE_NOT_FOUND"
        self.call("DELETE", f"/api/v1/apis/{api_id}")
        self.call("DELETE", "/api/v1/user", params={"id": user})
        self.call("DELETE", f"/api/v1/organization/{code}")

    def passwords(self) -> None:
        user = self.call("POST", "/api/v1/user", json={"profile": {"given_name": "Ada"}})["id"]
        path = f"/api/v1/users/{user}/password"
        self.call("PUT", path, json={"hashed_password": BCRYPT, "is_temporary_password": True})
        pbkdf2 = {
            "hashed_password": "c2VjcmV0",
            "hashing_method": "pbkdf2",
            "salt": "c2FsdA==",
            "variant": "salted-pbkdf2-hmac-sha256",
            "iterations": 24000,
        }
        self.call("PUT", path, json=pbkdf2)
        self.call("DELETE", "/api/v1/user", params={"id": user})

    def environment(self) -> None:
        found = self.call("GET", "/api/v1/environment")["environment"]
        assert found["code"] == "production" and found["is_default"] is True
        assert found["logo"] is None and found["custom_domain"] is None


AREAS = ("system_permissions", "member_api_scopes", "passwords", "environment")


@pytest.mark.parametrize("area", AREAS)
def test_tour_validates_against_spec(
    area: str,
    client: httpx.Client,  # noqa: F811
    checker: SpecChecker,  # noqa: F811
    emulator: Emulator,
) -> None:
    before = emulator.snapshot()
    getattr(AccessTour(client), area)()
    assert not checker.failures, "\n\n".join(checker.failures)
    # Each tour cleans up after itself (a deleted user takes its password along).
    assert emulator.snapshot() == before


def test_tour_covers_every_served_operation(
    client: httpx.Client,  # noqa: F811
    emulator: Emulator,
) -> None:
    tour = AccessTour(client)
    for area in AREAS:
        getattr(tour, area)()
    called = {record.operation_id for record in emulator.api_requests()}
    served = {r.operation_id for r in REGISTRY.routes() if r.handler.__module__ in ACCESS_MODULES}
    assert len(served) == 7
    assert served - called == set()


def test_a_member_api_scope_grant_goes_with_the_scope(
    api: httpx.Client, emulator: Emulator
) -> None:
    code = api.post("/api/v1/organization", json={"name": "O"}).json()["organization"]["code"]
    user = api.post("/api/v1/user", json={"profile": {"given_name": "A"}}).json()["id"]
    api.post(f"/api/v1/organizations/{code}/users", json={"users": [{"id": user}]})
    api_id = api.post("/api/v1/apis", json={"name": "A", "audience": "https://a"}).json()["api"][
        "id"
    ]
    scope = api.post(f"/api/v1/apis/{api_id}/scopes", json={"key": "k"}).json()["scope"]["id"]
    base = f"/api/v1/organizations/{code}/users/{user}/apis/{api_id}/scopes"
    assert api.post(f"{base}/{scope}").status_code == 200
    (membership,) = emulator.store.organization_users.filter(user_id=user)
    assert membership.api_scopes == [f"{api_id}/{scope}"]
    api.delete(f"/api/v1/apis/{api_id}/scopes/{scope}")
    assert membership.api_scopes == []


INVALID_REQUESTS = [
    pytest.param({"hashed_password": ""}, "INVALID_HASHED_PASSWORD", id="empty-hash"),
    pytest.param({"hashing_method": "bcrypt"}, "HASHED_PASSWORD_REQUIRED", id="no-hash"),
    pytest.param({"hashed_password": "x", "hashing_method": "argon2"}, "INVALID_HASHING_METHOD",
                 id="method"),
    pytest.param({"hashed_password": "x", "hashing_method": "pbkdf2", "salt": "s"},
                 "VARIANT_REQUIRED", id="pbkdf2-needs-variant"),
    pytest.param({"hashed_password": "x", "signer_key": "k"}, "INVALID_SIGNER_KEY",
                 id="firebase-only-parameter"),
    pytest.param({"hashed_password": "x", "hashing_method": "aspnet-identity-v2", "salt": "s"},
                 "INVALID_SALT", id="aspnet-refuses-salt"),
    pytest.param({"hashed_password": "x", "hashing_method": "firebase-scrypt", "salt": "s",
                  "signer_key": "k", "salt_separator": "Bw==", "rounds": 17, "mem_cost": 14},
                 "INVALID_ROUNDS", id="firebase-rounds"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "code"), INVALID_REQUESTS)
def test_invalid_passwords_are_refused(
    body: dict[str, Any],
    code: str,
    api: httpx.Client,
    emulator: Emulator,
    spec: OpenAPI,  # noqa: F811
) -> None:
    user = api.post("/api/v1/user", json={"profile": {"given_name": "A"}}).json()["id"]
    response = api.put(f"/api/v1/users/{user}/password", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["code"] == code
    spec.validate_response(OpenAPIRequest(response.request), OpenAPIResponse(response))
    record = emulator.store.users.get(user)
    assert record is not None and record.password_hash is None


def test_unknown_system_permission_is_refused(api: httpx.Client) -> None:
    role = api.post("/api/v1/roles", json={"key": "r", "name": "R"}).json()["role"]["id"]
    body = {"system_permissions": [{"id": "perm_missing"}]}
    response = api.patch(f"/api/v1/roles/{role}/system_permissions", json=body)
    assert response.json()["errors"][0]["code"] == "SYSTEM_PERMISSION_NOT_FOUND"


def test_access_control_needs_an_allowed_role(api: httpx.Client) -> None:
    app = api.post("/api/v1/applications", json={"name": "W", "type": "reg"}).json()
    path = f"/api/v1/applications/{app['application']['id']}"
    refused = api.patch(path, json={"is_access_control_enabled": True})
    assert refused.json()["errors"][0]["code"] == "ACCESS_ROLES_REQUIRED"
    role = api.post("/api/v1/roles", json={"key": "r", "name": "R"}).json()["role"]["id"]
    assert api.post(f"{path}/access_roles/{role}").status_code == 200
    assert api.patch(path, json={"is_access_control_enabled": True}).status_code == 200
    assert api.get(path).json()["application"]["is_access_control_enabled"] is True
