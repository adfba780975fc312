"""Stateful behaviour: unique keys, not-found shapes, write-only fields, cascades, drift,
snapshots."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from pulumi_kinde.emulator import Emulator


def _codes(response: httpx.Response) -> list[str]:
    errors = response.json()["errors"]
    assert isinstance(errors, list), "expected the list error shape"
    return [error["code"] for error in errors]


def _ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json() if response.content else None


# Unique keys


def test_role_key_is_unique(api: httpx.Client) -> None:
    first = _ok(api.post("/api/v1/roles", json={"name": "A", "key": "admin"}))["role"]["id"]
    duplicate = api.post("/api/v1/roles", json={"name": "B", "key": "admin"})
    assert duplicate.status_code == 400
    assert _codes(duplicate) == ["ROLE_KEY_ALREADY_EXISTS"]
    other = _ok(api.post("/api/v1/roles", json={"name": "B", "key": "staff"}))["role"]["id"]
    renamed = api.patch(f"/api/v1/roles/{other}", json={"name": "B", "key": "admin"})
    assert _codes(renamed) == ["ROLE_KEY_ALREADY_EXISTS"]
    assert (
        api.patch(f"/api/v1/roles/{first}", json={"name": "A2", "key": "admin"}).status_code == 201
    )


def test_permission_key_is_unique(api: httpx.Client) -> None:
    _ok(api.post("/api/v1/permissions", json={"name": "Read", "key": "read"}))
    duplicate = api.post("/api/v1/permissions", json={"name": "Read again", "key": "read"})
    assert duplicate.status_code == 400
    assert _codes(duplicate) == ["PERMISSION_KEY_ALREADY_EXISTS"]


def test_api_audience_is_unique_and_scope_keys_per_api(api: httpx.Client) -> None:
    one = _ok(api.post("/api/v1/apis", json={"name": "One", "audience": "https://one"}))
    again = api.post("/api/v1/apis", json={"name": "Two", "audience": "https://one"})
    assert _codes(again) == ["API_AUDIENCE_ALREADY_EXISTS"]
    two = _ok(api.post("/api/v1/apis", json={"name": "Two", "audience": "https://two"}))
    for created in (one, two):
        path = f"/api/v1/apis/{created['api']['id']}/scopes"
        _ok(api.post(path, json={"key": "read:x"}))
    duplicate = api.post(f"/api/v1/apis/{one['api']['id']}/scopes", json={"key": "read:x"})
    assert _codes(duplicate) == ["API_SCOPE_ALREADY_EXISTS"]


def test_webhook_name_and_endpoint_pair_is_unique(api: httpx.Client) -> None:
    hook = {"name": "Audit", "endpoint": "https://h.test/a", "event_types": ["user.created"]}
    _ok(api.post("/api/v1/webhooks", json=hook))
    assert _codes(api.post("/api/v1/webhooks", json=hook)) == ["WEBHOOK_ALREADY_EXISTS"]
    _ok(api.post("/api/v1/webhooks", json={**hook, "endpoint": "https://h.test/b"}))


def test_organization_handle_and_external_id_are_unique(api: httpx.Client) -> None:
    _ok(api.post("/api/v1/organization", json={"name": "A", "handle": "acme", "external_id": "x1"}))
    same_handle = api.post("/api/v1/organization", json={"name": "B", "handle": "ACME"})
    assert _codes(same_handle) == ["HANDLE_ALREADY_EXISTS"]
    same_external = api.post("/api/v1/organization", json={"name": "B", "external_id": "x1"})
    assert _codes(same_external) == ["EXTERNAL_ID_ALREADY_EXISTS"]
    code = _ok(api.post("/api/v1/organization", json={"name": "B"}))["organization"]["code"]
    taken = api.patch(f"/api/v1/organization/{code}", json={"handle": "acme"})
    assert _codes(taken) == ["HANDLE_ALREADY_EXISTS"]


# Not-found shapes


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("GET", "/api/v1/roles/nope", "ROLE_NOT_FOUND"),
        ("DELETE", "/api/v1/roles/nope", "ROLE_NOT_FOUND"),
        ("PATCH", "/api/v1/permissions/nope", "PERMISSION_NOT_FOUND"),
        ("GET", "/api/v1/apis/nope", "API_NOT_FOUND"),
        ("GET", "/api/v1/applications/nope", "APPLICATION_NOT_FOUND"),
        ("GET", "/api/v1/connections/nope", "CONNECTION_NOT_FOUND"),
        ("GET", "/api/v1/organization?code=org_nope", "ORGANIZATION_NOT_FOUND"),
        ("DELETE", "/api/v1/webhooks/nope", "WEBHOOK_NOT_FOUND"),
    ],
)
def test_not_found_as_400_list(api: httpx.Client, method: str, path: str, code: str) -> None:
    response = api.request(method, path)
    assert response.status_code == 400
    assert _codes(response) == [code]


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("DELETE", "/api/v1/connections/nope", "CONNECTION_NOT_FOUND"),
        ("PATCH", "/api/v1/connections/nope", "CONNECTION_NOT_FOUND"),
        ("DELETE", "/api/v1/organization/org_nope", "ORGANIZATION_NOT_FOUND"),
    ],
)
def test_not_found_as_404_object(api: httpx.Client, method: str, path: str, code: str) -> None:
    response = api.request(method, path, json={"name": "x"} if method == "PATCH" else None)
    assert response.status_code == 404
    error = response.json()["errors"]
    assert isinstance(error, dict), "expected the object error shape"
    assert (set(error), error["code"]) == ({"code", "message"}, code)


def test_bad_reference_in_body_is_400_even_on_404_routes(api: httpx.Client) -> None:
    created = _ok(
        api.post(
            "/api/v1/connections",
            json={"name": "gh", "display_name": "GH", "strategy": "oauth2:github"},
        )
    )
    path = f"/api/v1/connections/{created['connection']['id']}"
    response = api.patch(path, json={"enabled_applications": ["nope"]})
    assert response.status_code == 400
    assert _codes(response) == ["APPLICATION_NOT_FOUND"]


# Kinde's quirks


def test_connection_secrets_are_never_returned(api: httpx.Client, emulator: Emulator) -> None:
    app_id = _ok(api.post("/api/v1/applications", json={"name": "W", "type": "reg"}))[
        "application"
    ]["id"]
    created = _ok(
        api.post(
            "/api/v1/connections",
            json={
                "name": "gh",
                "display_name": "GH",
                "strategy": "oauth2:github",
                "enabled_applications": [app_id],
                "options": {"client_id": "id", "client_secret": "s3cret"},
            },
        )
    )
    connection_id = created["connection"]["id"]
    for response in (
        api.get(f"/api/v1/connections/{connection_id}"),
        api.get("/api/v1/connections", params={"page_size": 100}),
    ):
        assert "s3cret" not in response.text
        assert "enabled_applications" not in response.text and "options" not in response.text
    stored = emulator.store.connections.get(connection_id)
    assert stored is not None and stored.options["client_secret"] == "s3cret"
    enabled = _ok(api.get(f"/api/v1/applications/{app_id}/connections"))["connections"]
    assert [c["id"] for c in enabled] == [connection_id]
    _ok(
        api.patch(
            f"/api/v1/connections/{connection_id}", json={"options": {"client_secret": "new"}}
        )
    )
    assert stored.options == {"client_id": "id", "client_secret": "new"}


def test_connection_options_depend_on_strategy(api: httpx.Client) -> None:
    saml_only = {"saml_entity_id": "https://idp.test"}
    social = api.post(
        "/api/v1/connections",
        json={"name": "g", "display_name": "G", "strategy": "oauth2:gitlab", "options": saml_only},
    )
    assert _codes(social) == ["UNKNOWN_FIELD"]
    saml = api.post(
        "/api/v1/connections",
        json={"name": "s", "display_name": "S", "strategy": "saml:okta", "options": saml_only},
    )
    assert saml.status_code == 201


def test_organization_colors_and_theme(api: httpx.Client) -> None:
    code = _ok(
        api.post(
            "/api/v1/organization",
            json={"name": "Acme", "link_color": "#0056F1", "background_color": "#fff"},
        )
    )["organization"]["code"]
    assert code.startswith("org_") and len(code) == 15
    got = _ok(api.get("/api/v1/organization", params={"code": code}))
    assert got["link_color"] == {"raw": "#0056F1", "hex": "#0056F1", "hsl": "hsl(219, 100%, 47%)"}
    assert got["background_color"] == {"raw": "#fff", "hex": "#ffffff", "hsl": "hsl(0, 0%, 100%)"}
    assert got["button_color"] is None
    assert (got["theme_code"], got["color_scheme"]) == ("light", "light")
    _ok(
        api.patch(
            f"/api/v1/organization/{code}", json={"theme_code": "user_preference", "link_color": ""}
        )
    )
    got = _ok(api.get("/api/v1/organization", params={"code": code}))
    assert (got["color_scheme"], got["link_color"]) == ("light dark", None)


def test_seeded_business(api: httpx.Client, emulator: Emulator) -> None:
    apis = _ok(api.get("/api/v1/apis"))["apis"]
    management = [a for a in apis if a["is_management_api"]]
    assert [a["audience"] for a in management] == [emulator.audience]
    refused = api.delete(f"/api/v1/apis/{management[0]['id']}")
    assert _codes(refused) == ["API_CANNOT_BE_DELETED"]
    organizations = _ok(api.get("/api/v1/organizations"))["organizations"]
    assert [o["is_default"] for o in organizations] == [True]
    default = api.delete(f"/api/v1/organization/{organizations[0]['code']}")
    assert _codes(default) == ["CANNOT_DELETE_DEFAULT_ORGANIZATION"]
    strategies = [c["strategy"] for c in _ok(api.get("/api/v1/connections"))["connections"]]
    assert strategies == ["email:password", "email:otp", "oauth2:google"]
    builtin = _ok(api.get("/api/v1/connections"))["connections"][0]["id"]
    assert _codes(api.delete(f"/api/v1/connections/{builtin}")) == ["CONNECTION_CANNOT_BE_DELETED"]


def test_client_secrets_only_for_confidential_clients(api: httpx.Client) -> None:
    for kind, has_secret in (("reg", True), ("m2m", True), ("spa", False), ("device", False)):
        created = _ok(api.post("/api/v1/applications", json={"name": kind, "type": kind}))
        app = created["application"]
        assert app["client_id"] == app["id"] and len(app["id"]) == 32
        assert ("client_secret" in app) is has_secret
        got = _ok(api.get(f"/api/v1/applications/{app['id']}"))["application"]
        assert got.get("client_secret") == app.get("client_secret")


def test_redirect_urls_are_the_applications_redirect_uris(api: httpx.Client) -> None:
    app_id = _ok(api.post("/api/v1/applications", json={"name": "W", "type": "reg"}))[
        "application"
    ]["id"]
    _ok(api.patch(f"/api/v1/applications/{app_id}", json={"redirect_uris": ["https://a/cb"]}))
    path = f"/api/v1/applications/{app_id}/auth_redirect_urls"
    assert _ok(api.get(path))["redirect_urls"] == ["https://a/cb"]
    _ok(api.post(path, json={"urls": ["https://b/cb", "https://a/cb"]}))
    assert _ok(api.get(path))["redirect_urls"] == ["https://a/cb", "https://b/cb"]
    assert _codes(api.post(path, json={"urls": ["not a url"]})) == ["INVALID_URLS"]
    assert _codes(api.delete(path)) == ["URLS_REQUIRED"]


# Cascades, drift, snapshots


def test_deletes_cascade(api: httpx.Client, emulator: Emulator) -> None:
    _ok(api.post("/api/v1/permissions", json={"name": "P", "key": "p"}))
    permission = emulator.store.permissions.find(key="p")
    assert permission is not None
    role_id = _ok(api.post("/api/v1/roles", json={"name": "R", "key": "r"}))["role"]["id"]
    _ok(
        api.patch(
            f"/api/v1/roles/{role_id}/permissions", json={"permissions": [{"id": permission.id}]}
        )
    )
    _ok(api.delete(f"/api/v1/permissions/{permission.id}"))
    assert _ok(api.get(f"/api/v1/roles/{role_id}/permissions"))["permissions"] == []

    api_id = _ok(api.post("/api/v1/apis", json={"name": "A", "audience": "https://a"}))["api"]["id"]
    app_id = _ok(api.post("/api/v1/applications", json={"name": "M", "type": "m2m"}))[
        "application"
    ]["id"]
    _ok(api.patch(f"/api/v1/apis/{api_id}/applications", json={"applications": [{"id": app_id}]}))
    _ok(api.delete(f"/api/v1/applications/{app_id}"))
    assert _ok(api.get(f"/api/v1/apis/{api_id}"))["api"]["applications"] == []


def test_application_scope_needs_authorization(api: httpx.Client) -> None:
    api_id = _ok(api.post("/api/v1/apis", json={"name": "A", "audience": "https://a"}))["api"]["id"]
    scope_id = _ok(api.post(f"/api/v1/apis/{api_id}/scopes", json={"key": "read"}))["scope"]["id"]
    app_id = _ok(api.post("/api/v1/applications", json={"name": "M", "type": "m2m"}))[
        "application"
    ]["id"]
    path = f"/api/v1/apis/{api_id}/applications/{app_id}/scopes/{scope_id}"
    assert _codes(api.post(path)) == ["APPLICATION_NOT_AUTHORIZED"]
    _ok(api.patch(f"/api/v1/apis/{api_id}/applications", json={"applications": [{"id": app_id}]}))
    assert api.post(path).status_code == 200
    assert _codes(api.delete(f"/api/v1/apis/{api_id}/scopes/nope")) == ["SCOPE_NOT_FOUND"]


def test_store_changes_behind_the_clients_back(api: httpx.Client, emulator: Emulator) -> None:
    role_id = _ok(api.post("/api/v1/roles", json={"name": "R", "key": "r"}))["role"]["id"]
    emulator.store.roles.update(role_id, name="Renamed")
    assert _ok(api.get(f"/api/v1/roles/{role_id}"))["role"]["name"] == "Renamed"
    with pytest.raises(AttributeError):
        emulator.store.roles.update(role_id, colour="red")
    emulator.store.delete_role(role_id)
    assert _codes(api.get(f"/api/v1/roles/{role_id}")) == ["ROLE_NOT_FOUND"]


def test_snapshot_round_trip(api: httpx.Client, emulator: Emulator) -> None:
    before = emulator.snapshot()
    role_id = _ok(api.post("/api/v1/roles", json={"name": "R", "key": "r"}))["role"]["id"]
    app_id = _ok(api.post("/api/v1/applications", json={"name": "W", "type": "reg"}))[
        "application"
    ]["id"]
    _ok(api.post(f"/api/v1/applications/{app_id}/access_roles/{role_id}"))
    during = emulator.snapshot()
    assert during["roles"][role_id]["key"] == "r"
    assert during["applications"][app_id]["access_role_ids"] == [role_id]
    _ok(api.delete(f"/api/v1/roles/{role_id}"))
    _ok(api.delete(f"/api/v1/applications/{app_id}"))
    assert emulator.snapshot() == before


def test_snapshot_is_a_deep_copy(emulator: Emulator) -> None:
    snapshot = emulator.snapshot()
    code = next(iter(snapshot["organizations"]))
    snapshot["organizations"][code]["allowed_domains"].append("evil.test")
    snapshot["organizations"][code]["name"] = "Changed"
    assert emulator.snapshot()["organizations"][code]["name"] == "Default Organization"
    assert emulator.snapshot()["organizations"][code]["allowed_domains"] == []


def test_reset(api: httpx.Client, emulator: Emulator) -> None:
    _ok(api.post("/api/v1/roles", json={"name": "R", "key": "r"}))
    emulator.faults.set_latency(1)
    emulator.reset()
    assert len(emulator.store.roles) == 0
    assert emulator.faults.latency == 0
    assert emulator.requests == []
    assert api.get("/api/v1/roles").status_code == 200  # tokens survive a reset
    assert {k: len(v) for k, v in emulator.snapshot().items() if v} == {
        "apis": 1,
        "api_scopes": len(emulator.store.api_scopes),
        "connections": 3,
        "environments": 1,
        "organizations": 1,
        "property_categories": 1,
        "properties": 2,
        "system_permissions": len(emulator.store.system_permissions),
    }


def test_concurrent_writes_are_serialized(emulator: Emulator, api: httpx.Client) -> None:
    token = api.headers["Authorization"]
    results: list[int] = []

    def create(key: str) -> None:
        with httpx.Client(base_url=emulator.url, headers={"Authorization": token}) as client:
            response = client.post("/api/v1/roles", json={"name": key, "key": key})
            results.append(response.status_code)

    threads = [threading.Thread(target=create, args=(f"k{n % 4}",)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [201] * 4 + [400] * 12
    assert sorted(role.key for role in emulator.store.roles) == ["k0", "k1", "k2", "k3"]
