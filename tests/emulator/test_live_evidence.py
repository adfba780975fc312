"""The emulator answers as the live Kinde service does where the spec says otherwise.

One test (or more) per row of the evidence table; :data:`pulumi_kinde.emulator.live.
LIVE_OVER_SPEC` names them, and ``test_every_evidence_row_is_pinned_by_tests`` keeps that list
and the table in step.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_kinde.emulator import Emulator, live
from pulumi_kinde.emulator.records_users import User
from pulumi_kinde.emulator.routes.applications import ACCESS_ROLE_PAGE_LIMIT
from pulumi_kinde.emulator.routes.webhooks import EVENT_TYPES
from pulumi_kinde.emulator.signing import SigningKey
from pulumi_kinde.emulator.validation import BULK_LIMIT

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ROOT.parent / "shared" / "spec" / "README.md"


def _ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.status_code} {response.text}"
    return response.json() if response.content else None


def _refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["errors"][0]["code"] == code


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


# -- the list of choices and the evidence table ---------------------------------------------


def _evidence_rows() -> list[str]:
    text = EVIDENCE.read_text(encoding="utf-8")
    table = text.split("## Evidence of live behaviour", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows]
    return [n.strip("`") for n in names if n not in ("behaviour", "---")]


def test_every_evidence_row_is_pinned_by_tests() -> None:
    if not EVIDENCE.exists():
        pytest.skip(f"the spec notes are not beside the checkout ({EVIDENCE})")
    listed = {choice.behaviour.strip("`") for choice in live.LIVE_OVER_SPEC}
    assert set(_evidence_rows()) <= listed, "rows of the evidence table with no LiveChoice"
    for choice in live.LIVE_OVER_SPEC:
        assert choice.tests, f"{choice.behaviour}: no test pins it"
        for test in choice.tests:
            path, name = test.split("::")
            source = (ROOT / path).read_text(encoding="utf-8")
            assert f"def {name}(" in source, f"{choice.behaviour}: no {test}"


# -- Permission create ------------------------------------------------------------------------


def test_permission_create_returns_the_new_id(api: httpx.Client, emulator: Emulator) -> None:
    created = api.post("/api/v1/permissions", json={"name": "Read", "key": "read:x"})
    stored = emulator.store.permissions.find(key="read:x")
    assert created.status_code == 201 and stored is not None
    assert created.json()["permission"] == {"id": stored.id}

    emulator.spec_forms = {live.PERMISSION_CREATE_WITHOUT_ID}  # the spec's answer: no id
    spec_form = _ok(api.post("/api/v1/permissions", json={"name": "W", "key": "write:x"}))
    assert spec_form == {"code": "PERMISSION_CREATED", "message": "Permission successfully created"}
    with pytest.raises(ValueError, match="unknown spec forms"):
        emulator.spec_forms = {"no_such_form"}


# -- Sensitive environment variables -----------------------------------------------------------


def test_a_sensitive_variable_value_cannot_be_updated(api: httpx.Client) -> None:
    base = "/api/v1/environment_variables"
    created = _ok(api.post(base, json={"key": "API_KEY", "value": "k-1", "is_secret": True}))
    path = f"{base}/{created['environment_variable']['id']}"
    for change in ({"value": "k-2"}, {"is_secret": False}, {"value": "k-2", "is_secret": True}):
        _refused(api.patch(path, json=change), 400, "SENSITIVE_VARIABLE_NOT_UPDATABLE")
    _ok(api.patch(path, json={"key": "API_TOKEN"}))  # a rename works
    assert _ok(api.get(path))["environment_variable"]["value"] is None  # never returned
    plain = _ok(api.post(base, json={"key": "API_URL", "value": "https://a"}))
    plain_path = f"{base}/{plain['environment_variable']['id']}"
    _ok(api.patch(plain_path, json={"value": "https://b", "is_secret": True}))  # made secret
    _refused(
        api.patch(plain_path, json={"value": "https://c"}), 400, "SENSITIVE_VARIABLE_NOT_UPDATABLE"
    )


# -- Bulk membership ---------------------------------------------------------------------------


def test_bulk_membership_takes_at_most_100_users(api: httpx.Client, emulator: Emulator) -> None:
    code = _ok(api.post("/api/v1/organization", json={"name": "Big"}))["organization"]["code"]
    users = [
        emulator.store.users.add(User(id=f"kp_{n:032x}", created_on="2026-01-01T00:00:00Z")).id
        for n in range(BULK_LIMIT + 1)
    ]
    base = f"/api/v1/organizations/{code}/users"
    too_many = {"users": [{"id": u} for u in users]}
    _refused(api.post(base, json=too_many), 400, "TOO_MANY_USERS")
    _refused(api.patch(base, json=too_many), 400, "TOO_MANY_USERS")
    assert emulator.store.organization_users.filter(org_code=code) == []
    _ok(api.post(base, json={"users": [{"id": u} for u in users[:BULK_LIMIT]]}))
    _ok(api.patch(base, json={"users": [{"id": users[-1]}]}))
    assert len(emulator.store.organization_users.filter(org_code=code)) == len(users)

    # Other bulk endpoints too (docs: at most 100 objects a bulk POST/PATCH): role permissions.
    role = _ok(api.post("/api/v1/roles", json={"name": "Staff", "key": "staff"}))["role"]
    permission = _ok(api.post("/api/v1/permissions", json={"name": "R", "key": "read:x"}))
    changes = {"permissions": [{"id": permission["permission"]["id"]}] * (BULK_LIMIT + 1)}
    path = f"/api/v1/roles/{role['id']}/permissions"
    _refused(api.patch(path, json=changes), 400, "TOO_MANY_PERMISSIONS")


# -- Page size -----------------------------------------------------------------------------------


def test_page_size_is_500_in_general_and_100_on_access_role_lists(api: httpx.Client) -> None:
    assert _ok(api.get("/api/v1/roles", params={"page_size": 500}))
    _refused(api.get("/api/v1/roles", params={"page_size": 501}), 400, "PAGE_SIZE_LIMIT_EXCEEDED")
    app = _ok(api.post("/api/v1/applications", json={"name": "Web", "type": "reg"}))
    roles = f"/api/v1/applications/{app['application']['id']}/access_roles"
    assert _ok(api.get(roles, params={"page_size": ACCESS_ROLE_PAGE_LIMIT}))["roles"] == []
    _refused(
        api.get(roles, params={"page_size": ACCESS_ROLE_PAGE_LIMIT + 1}),
        400,
        "PAGE_SIZE_LIMIT_EXCEEDED",
    )


# -- Null fields ---------------------------------------------------------------------------------


def test_unset_fields_come_back_as_null(api: httpx.Client) -> None:
    _ok(api.post("/api/v1/permissions", json={"name": "Read", "key": "read:x"}))
    (listed,) = [
        p for p in _ok(api.get("/api/v1/permissions"))["permissions"] if p["key"] == "read:x"
    ]
    assert "description" in listed and listed["description"] is None
    role = _ok(api.post("/api/v1/roles", json={"name": "Staff", "key": "staff"}))["role"]
    assert _ok(api.get(f"/api/v1/roles/{role['id']}"))["role"]["description"] is None
    hook = {"name": "Audit", "endpoint": "https://h.test/a", "event_types": ["user.created"]}
    _ok(api.post("/api/v1/webhooks", json=hook))
    assert _ok(api.get("/api/v1/webhooks"))["webhooks"][0]["description"] is None
    user = _ok(api.post("/api/v1/user", json={}))
    got = _ok(api.get("/api/v1/user", params={"id": user["id"]}))
    for name in ("provided_id", "first_name", "last_name", "picture", "preferred_email"):
        assert name in got and got[name] is None, name


# -- Connection lists --------------------------------------------------------------------------


def test_connection_lists_are_flat(api: httpx.Client) -> None:
    app_id = _ok(api.post("/api/v1/applications", json={"name": "W", "type": "reg"}))[
        "application"
    ]["id"]
    (first, *_) = _ok(api.get("/api/v1/connections"))["connections"]
    assert set(first) == {"id", "name", "display_name", "strategy"}  # not {code, connection}
    _ok(api.post(f"/api/v1/applications/{app_id}/connections/{first['id']}"))
    (enabled,) = _ok(api.get(f"/api/v1/applications/{app_id}/connections"))["connections"]
    assert enabled == first


# -- Accept header -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "status"),
    [
        ("application/json; charset=utf-8", 406),
        ("application/json;charset=UTF-8", 406),
        ("application/json", 200),
        ("application/json; charset=utf-8, application/json", 200),
        ("*/*", 200),
    ],
)
def test_a_charset_variant_of_accept_is_refused_on_the_connection_list(
    api: httpx.Client, accept: str, status: int
) -> None:
    response = api.get("/api/v1/connections", headers={"Accept": accept})
    assert response.status_code == status, response.text
    other = api.get("/api/v1/roles", headers={"Accept": accept})
    assert other.status_code == 200  # the evidence names the connection list only


# -- Token errors and tokens --------------------------------------------------------------------


def test_token_errors_follow_kinde(
    emulator: Emulator, http: httpx.Client, token_form: dict[str, str]
) -> None:
    form = token_form
    url = f"{emulator.url}/oauth2/token"
    cases = [
        ({"audience": "https://other.kinde.com/api"}, "unauthorized_client"),
        ({"scope": "read:roles launch:rockets"}, "invalid_scope"),
        ({"audience": ""}, "invalid_request"),
    ]
    for change, error in cases:
        answer = http.post(url, data={**form, **change})
        assert (answer.status_code, answer.json()["error"]) == (400, error)
    emulator.scopes = {"read:roles"}
    refused = http.post(url, data={**form, "scope": "read:roles create:roles"})
    assert refused.json()["error"] == "invalid_scope"
    granted = _ok(http.post(url, data={**form, "scope": "read:roles"}))
    assert granted["scope"] == "read:roles"


def test_tokens_are_rs256_jwts_verified_by_the_jwks(
    emulator: Emulator,
    get_token: Callable[[], str],
    http: httpx.Client,
    token_form: dict[str, str],
) -> None:
    token = get_token()
    header_part, payload_part, signature_part = token.split(".")
    header = json.loads(_unb64(header_part))
    claims = json.loads(_unb64(payload_part))
    assert header["alg"] == "RS256"
    assert claims["aud"] == [emulator.audience] and claims["azp"] == emulator.client_id
    assert set(claims["scp"]) == set(claims["scope"].split()) and "read:roles" in claims["scp"]
    (jwk,) = _ok(http.get(f"{emulator.url}/.well-known/jwks"))["keys"]
    assert (jwk["kty"], jwk["alg"], jwk["kid"]) == ("RSA", "RS256", header["kid"])
    key = SigningKey(
        kid=jwk["kid"],
        n=int.from_bytes(_unb64(jwk["n"]), "big"),
        e=int.from_bytes(_unb64(jwk["e"]), "big"),
        d=0,
    )
    signed = f"{header_part}.{payload_part}".encode()
    assert key.verify(signed, _unb64(signature_part))
    assert not key.verify(signed + b"x", _unb64(signature_part))
    answer = http.post(f"{emulator.url}/oauth2/token", data=token_form)
    assert answer.json()["token_type"] == "bearer"


# -- Unknown organization in a path -------------------------------------------------------------


def test_a_malformed_organization_code_is_organization_invalid(api: httpx.Client) -> None:
    for path in (
        "/api/v1/organizations/not-a-code/users",
        "/api/v1/organizations/ORG%20X/feature_flags",
    ):
        _refused(api.get(path), 400, "ORGANIZATION_INVALID")
    _refused(api.get("/api/v1/organization", params={"code": "nope"}), 400, "ORGANIZATION_INVALID")
    _refused(api.delete("/api/v1/organization/nope"), 400, "ORGANIZATION_INVALID")
    # A well-formed code that names no organization is still a not-found.
    _refused(api.get("/api/v1/organizations/org_0000000000a/users"), 400, "ORGANIZATION_NOT_FOUND")


# -- Webhooks ------------------------------------------------------------------------------------


def test_webhooks_need_https_and_have_live_ids(api: httpx.Client) -> None:
    hook = {"name": "Audit", "event_types": ["user.created"]}
    for endpoint in ("http://h.test/a", "ftp://h.test/a", "h.test/a"):
        refused = api.post("/api/v1/webhooks", json={**hook, "endpoint": endpoint})
        assert refused.status_code == 400, endpoint
    created = _ok(api.post("/api/v1/webhooks", json={**hook, "endpoint": "https://h.test/a"}))
    assert re.fullmatch(r"webhook_[0-9a-f]{32}", created["webhook"]["id"])


def test_event_types_list_the_documented_triggers(api: httpx.Client) -> None:
    documented = {
        "organization.created",
        "organization.updated",
        "organization.deleted",
        "user.created",
        "user.updated",
        "user.deleted",
        "user.authenticated",
        "user.authentication_failed",
        "role.created",
        "role.updated",
        "role.deleted",
        "permission.created",
        "permission.updated",
        "permission.deleted",
        "subscriber.created",
        "access_request.created",
    }
    served = {e["code"] for e in _ok(api.get("/api/v1/event_types"))["event_types"]}
    assert documented <= served and len(served) == len(EVENT_TYPES)


# -- Callback and logout URLs -----------------------------------------------------------------


def test_native_callback_urls_with_custom_schemes_are_accepted(api: httpx.Client) -> None:
    app_id = _ok(api.post("/api/v1/applications", json={"name": "App", "type": "reg"}))[
        "application"
    ]["id"]
    urls = ["myapp://acme.kinde.com/kinde_callback", "https://*.hello.com/callback"]
    base = f"/api/v1/applications/{app_id}/auth_redirect_urls"
    _ok(api.put(base, json={"urls": urls}))
    assert _ok(api.get(base))["redirect_urls"] == urls


# -- Role update ---------------------------------------------------------------------------------


def test_a_role_update_needs_the_key(api: httpx.Client) -> None:
    role = _ok(api.post("/api/v1/roles", json={"name": "Staff", "key": "staff"}))["role"]
    path = f"/api/v1/roles/{role['id']}"
    refused = api.patch(path, json={"name": "Staff", "description": "Everyone"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "KEY_REQUIRED"
    _ok(api.patch(path, json={"name": "Staff", "key": "staff", "description": "Everyone"}))
    assert _ok(api.get(path))["role"]["description"] == "Everyone"


# -- next_token --------------------------------------------------------------------------------


def test_next_token_is_an_offset_so_pages_shift_under_writes(
    api: httpx.Client, emulator: Emulator
) -> None:
    for n in range(6):
        _ok(api.post("/api/v1/roles", json={"name": f"Role {n}", "key": f"r{n}"}))
    keys = [r.key for r in emulator.store.roles.all()]
    first = _ok(api.get("/api/v1/roles", params={"page_size": 3}))
    offset, _, sort = _unb64(first["next_token"]).decode().partition(":::")
    assert (offset, sort) == ("3", "id_asc")
    assert [r["key"] for r in first["roles"]] == keys[:3]

    # A delete before the cursor shifts the list left: the next page skips one item.
    emulator.store.delete_role(first["roles"][0]["id"])
    second = _ok(
        api.get("/api/v1/roles", params={"page_size": 3, "next_token": first["next_token"]})
    )
    assert [r["key"] for r in second["roles"]] == keys[4:7]  # keys[3] was skipped

    # An insert before the cursor shifts it right: the next page repeats an item.
    descending = _ok(api.get("/api/v1/roles", params={"page_size": 2, "sort": "key_desc"}))
    _ok(api.post("/api/v1/roles", json={"name": "Zed", "key": "zz"}))
    again = _ok(
        api.get(
            "/api/v1/roles",
            params={"page_size": 2, "sort": "key_desc", "next_token": descending["next_token"]},
        )
    )
    assert again["roles"][0]["key"] == descending["roles"][-1]["key"]  # seen twice
