"""Lookups of every area (access, people, settings, the environment) against the emulator:
found by natural key, filtered, refused clearly, and each object listed once."""

from __future__ import annotations

from typing import Any

import httpx
import pulumi
import pytest

from pulumi_kinde import lookups
from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.lookups._base import Kind, filtered, listed
from pulumi_kinde.testing import ProgramRunner, RunFailed
from tests.client.fake_kinde import CLIENT_SECRET, DOMAIN, FakeKinde, kinde_json


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, str]:
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api:
        body = {"name": "Billing", "audience": "https://billing.example"}
        api_id = api.post("/api/v1/apis", body)["api"]["id"]
        scope = api.post(f"/api/v1/apis/{api_id}/scopes", {"key": "invoices:read"})
        app = api.post("/api/v1/applications", {"name": "Worker", "type": "m2m"})
        app_id = app["application"]["id"]
        api.patch(f"/api/v1/apis/{api_id}/applications", {"applications": [{"id": app_id}]})
        org = api.post("/api/v1/organization", {"name": "Acme", "handle": "acme"})
        code = org["organization"]["code"]
        user = api.post(
            "/api/v1/user",
            {
                "profile": {"given_name": "Ada"},
                "identities": [{"type": "email", "details": {"email": "ada@example.com"}}],
                "organization_code": code,
                "provided_id": "hr-1",
            },
        )["id"]
        role = api.post("/api/v1/roles", {"key": "billing", "name": "Billing"})["role"]["id"]
        system = {p.key: p.id for p in emu.store.system_permissions.all()}
        body = {"system_permissions": [{"id": system["org:write:billing"]}]}
        api.patch(f"/api/v1/roles/{role}/system_permissions", body)
        category = api.post("/api/v1/property_categories", {"name": "Plan", "context": "org"})
        prop = {
            "name": "Tier", "key": "tier", "type": "single_line_text", "context": "org",
            "is_private": False, "category_id": category["category"]["id"],
        }  # fmt: skip
        api.post("/api/v1/properties", prop)
        api.put(f"/api/v1/organizations/{code}/properties/tier", params={"value": "gold"})
        api.post("/api/v1/environment_variables", {"key": "API_URL", "value": "https://a"})
        flag = {"key": "beta", "name": "Beta", "type": "bool", "default_value": "false"}
        api.post("/api/v1/feature_flags", {**flag, "allow_override_level": "org"})
        api.patch(f"/api/v1/organizations/{code}/feature_flags/beta", params={"value": "true"})
    emu.reset_log()
    return {
        "api": api_id, "scope": scope["scope"]["id"], "app": app_id, "org": code,
        "user": user, "role": role, "system": system["org:write:billing"],
    }  # fmt: skip


def test_every_area_finds_by_natural_key_with_reads_only(
    emu: Emulator, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    results: dict[str, Any] = {}

    def program() -> None:
        k = lookups
        api_id, code = seeded["api"], seeded["org"]
        results["scope"] = k.get_api_scope(api_id, key="invoices:read")
        results["scopes"] = k.list_api_scopes(api_id, key="invoices:read")
        results["authorized"] = k.list_api_applications(api_id, name="Worker")
        results["system"] = k.get_system_permission(key="org:write:billing")
        results["held"] = k.list_role_system_permissions(seeded["role"])
        results["user"] = k.get_user(email="ada@example.com")
        results["by_provided_id"] = k.get_user(provided_id="hr-1").id
        results["member"] = k.get_organization_user(code, seeded["user"])
        results["members"] = k.list_organization_users(code)
        results["variable"] = k.get_environment_variable(key="API_URL")
        results["property"] = k.get_property(key="tier").state.name
        results["category"] = k.get_property_category(name="Plan").id
        results["values"] = k.list_organization_properties(code, key="tier")
        results["flag"] = k.get_feature_flag("beta").state
        results["org_flags"] = k.list_organization_feature_flags(code)
        results["business"] = k.get_business().id
        results["environment"] = k.get_environment()
        results["timezones"] = k.list_timezones()
        results["industries"] = k.list_industries()
        results["event_types"] = k.list_event_types(code="user.created")
        pulumi.export("done", True)

    assert runner.up(program).outputs["done"].value is True
    assert {r.method for r in emu.api_requests()} == {"GET"}
    scope = results["scope"]
    assert scope.id == f"{seeded['api']}/{seeded['scope']}" and scope.state.key == "invoices:read"
    assert [s["id"] for s in results["scopes"]] == [seeded["scope"]]
    assert [a["id"] for a in results["authorized"]] == [seeded["app"]]
    assert results["system"]["id"] == seeded["system"]
    assert [p["key"] for p in results["held"]] == ["org:write:billing"]
    assert results["user"].id == seeded["user"] == results["by_provided_id"]
    assert results["user"].state.emails == ["ada@example.com"]
    assert results["member"].id == f"{seeded['org']}/{seeded['user']}"
    assert [m["id"] for m in results["members"]] == [seeded["user"]]
    assert results["variable"].state.value == "https://a"
    assert results["property"] == "Tier" and results["category"].startswith("cat_")
    assert [(v["key"], v["value"]) for v in results["values"]] == [("tier", "gold")]
    assert results["flag"].type == "bool" and results["flag"].environment_value is False
    assert results["org_flags"] == [{"key": "beta", "type": "bool", "value": "true"}]
    assert results["business"].startswith("bus_")
    assert results["environment"]["code"] == "production"
    assert results["environment"]["custom_domain"] is None
    assert results["timezones"] and all({"key", "name"} <= set(t) for t in results["timezones"])
    assert results["industries"] and [e["code"] for e in results["event_types"]] == ["user.created"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: lookups.get_api_scope(s["api"], key="nope"),
         "no API scopes match {'key': 'nope'}"),
        (lambda s: lookups.get_api_scope(s["api"], "scope_missing"),
         "no API scope has id 'scope_missing'"),
        (lambda s: lookups.get_system_permission(key="org:fly"),
         "no system permissions match {'key': 'org:fly'}"),
        (lambda s: lookups.get_system_permission(), "exactly one of: id, key"),
        (lambda s: lookups.get_user(email="nobody@example.com"),
         "no users match {'email': 'nobody@example.com'}"),
        (lambda s: lookups.get_organization_user(s["org"], "kp_missing"),
         "no member has user id 'kp_missing'"),
        (lambda s: lookups.get_feature_flag("nope"), "no feature flag has key 'nope'"),
        (lambda s: lookups.get_environment_variable(key="NOPE"),
         "no environment variables match {'key': 'NOPE'}"),
    ],
)  # fmt: skip
def test_a_failed_lookup_says_why(
    call: Any, message: str, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    with pytest.raises(RunFailed, match=message.replace("{", r"\{").replace("}", r"\}")):
        runner.up(lambda: pulumi.export("x", str(call(seeded))))


def test_output_twins_wait_for_their_inputs(
    emu: Emulator, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    def program() -> None:
        api_id = pulumi.Output.from_input(seeded["api"])
        scope = lookups.get_api_scope_output(api_id, key="invoices:read")
        system = lookups.get_system_permission_output(key="org:write:billing")
        member = lookups.get_organization_user_output(seeded["org"], seeded["user"])
        pulumi.export("scope", scope.apply(lambda f: f.state.key))
        pulumi.export("system", system.apply(lambda p: p["id"]))
        pulumi.export("member", member.apply(lambda f: f.id))

    outputs = runner.up(program).outputs
    assert outputs["scope"].value == "invoices:read"
    assert outputs["system"].value == seeded["system"]
    assert outputs["member"].value == f"{seeded['org']}/{seeded['user']}"


def test_a_list_walk_keeps_each_object_once_when_pages_shift() -> None:
    """Kinde's cursor is an offset: an object added while walking pushes an item seen on
    page 1 onto page 2. The lookup lists it once."""
    pages = [
        {"roles": [{"id": "r1", "key": "a"}, {"id": "r2", "key": "b"}], "next_token": "t2"},
        {"roles": [{"id": "r2", "key": "b"}, {"id": "r3", "key": "c", "description": None}]},
    ]
    fake = FakeKinde(script=[kinde_json(200, page) for page in pages])
    settings = ClientSettings(DOMAIN, client_id="client-id-123", client_secret=CLIENT_SECRET)
    with KindeClient(settings, transport=httpx.MockTransport(fake)) as api:
        items = listed(Kind("role", "/api/v1/roles", "roles"), api)
    assert [i["id"] for i in items] == ["r1", "r2", "r3"]
    assert filtered(items, {"description": None, "key": "c"}) == [items[2]]
