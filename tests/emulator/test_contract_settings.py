"""Contract tests of the business-settings endpoints: feature flags and their overrides,
environment variables, the business, and organization and user property values. Every
request and response is validated against the spec, as in ``test_contract.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI

from pulumi_kinde.emulator import Emulator
from tests.emulator.test_contract import (
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

SETTINGS_MODULES = frozenset(  # the route modules toured here
    f"pulumi_kinde.emulator.routes.{name}"
    for name in ("feature_flags", "environment_variables", "business", "property_values")
)


class SettingsTour(Tour):
    def feature_flags(self) -> None:
        self.call(
            "POST",
            "/api/v1/feature_flags",
            201,
            json={
                "key": "dark_mode",
                "name": "Dark mode",
                "description": "Offer a dark theme",
                "type": "bool",
                "allow_override_level": "org",
                "default_value": "false",
            },
        )
        self.call(
            "POST",
            "/api/v1/feature_flags",
            201,
            json={
                "key": "max_seats",
                "name": "Seats",
                "type": "int",
                "allow_override_level": "usr",
                "default_value": "5",
            },
        )
        flags = self.call("GET", "/api/v1/environment/feature_flags")["feature_flags"]
        assert flags == {
            "dark_mode": {"type": "bool", "value": "false"},
            "max_seats": {"type": "int", "value": "5"},
        }
        self.call(
            "PUT",
            "/api/v1/feature_flags/dark_mode",
            params={
                "name": "Dark theme",
                "description": "Offer a dark theme",
                "type": "bool",
                "allow_override_level": "org",
                "default_value": "true",
            },
        )
        env = "/api/v1/environment/feature_flags"
        self.call("PATCH", f"{env}/max_seats", json={"value": "8"})
        assert self.call("GET", env)["feature_flags"]["max_seats"]["value"] == "8"
        self.call("DELETE", f"{env}/max_seats")
        assert self.call("GET", env)["feature_flags"]["max_seats"]["value"] == "5"
        self.call("PATCH", f"{env}/dark_mode", json={"value": "false"})
        self.call("DELETE", env)
        assert self.call("GET", env)["feature_flags"]["dark_mode"]["value"] == "true"

        code = self.call("POST", "/api/v1/organization", json={"name": "Flags"})["organization"][
            "code"
        ]
        org = f"/api/v1/organizations/{code}/feature_flags"
        self.call("PATCH", f"{org}/dark_mode", params={"value": "false"})
        self.call("PATCH", f"{org}/max_seats", params={"value": "20"})
        assert self.call("GET", org)["feature_flags"] == {
            "dark_mode": {"type": "bool", "value": "false"},
            "max_seats": {"type": "int", "value": "20"},
        }
        self.call("DELETE", f"{org}/dark_mode")
        self.call("DELETE", f"{org}/dark_mode", 400)
        self.call("DELETE", org)
        assert self.call("GET", org)["feature_flags"] == {}

        user_id = self.call("POST", "/api/v1/user", json={})["id"]
        self.call(
            "PATCH", f"/api/v1/users/{user_id}/feature_flags/max_seats", params={"value": "1"}
        )
        self.call(
            "PATCH", f"/api/v1/users/{user_id}/feature_flags/dark_mode", 400, params={"value": "1"}
        )
        for key in ("dark_mode", "max_seats"):
            self.call("DELETE", f"/api/v1/feature_flags/{key}")
        self.call("DELETE", "/api/v1/feature_flags/dark_mode", 400)
        self.call("PATCH", f"{env}/dark_mode", 400, json={"value": "true"})
        self.call("DELETE", "/api/v1/user", params={"id": user_id})
        self.call("DELETE", f"/api/v1/organization/{code}")

    def environment_variables(self) -> None:
        base = "/api/v1/environment_variables"
        plain = self.call("POST", base, 201, json={"key": "API_URL", "value": "https://a.test"})
        secret = self.call(
            "POST", base, 201, json={"key": "API_KEY", "value": "k-123456", "is_secret": True}
        )
        plain_id = plain["environment_variable"]["id"]
        secret_id = secret["environment_variable"]["id"]
        listed = self.call("GET", base)["environment_variables"]
        assert [(v["key"], v["value"]) for v in listed] == [
            ("API_URL", "https://a.test"),
            ("API_KEY", None),
        ]
        got = self.call("GET", f"{base}/{secret_id}")["environment_variable"]
        assert got["is_secret"] is True and got["value"] is None
        self.call("PATCH", f"{base}/{plain_id}", json={"key": "API_BASE", "value": "https://b"})
        # Live: a sensitive variable's value cannot be updated (delete and create instead).
        self.call("PATCH", f"{base}/{secret_id}", 400, json={"value": "k-rotated"})
        self.call("PATCH", f"{base}/{secret_id}", json={"key": "API_SECRET_KEY"})
        assert self.call("GET", f"{base}/{plain_id}")["environment_variable"]["key"] == "API_BASE"
        for variable_id in (plain_id, secret_id):
            self.call("DELETE", f"{base}/{variable_id}")
        self.call("GET", f"{base}/{plain_id}", 400)
        self.call("DELETE", f"{base}/{plain_id}", 400)

    def business(self) -> None:
        before = self.call("GET", "/api/v1/business")["business"]
        industries = self.call("GET", "/api/v1/industries")["industries"]
        timezones = self.call("GET", "/api/v1/timezones")["timezones"]
        industry, timezone = industries[0], timezones[0]
        self.call(
            "PATCH",
            "/api/v1/business",
            json={
                "business_name": "Tailsforce Ltd",
                "email": "hello@tailsforce.test",
                "phone": "555-0100",
                "industry_key": industry["key"],
                "timezone_key": timezone["key"],
                "privacy_url": "https://tailsforce.test/privacy",
                "terms_url": "https://tailsforce.test/terms",
                "is_click_wrap": True,
                "is_show_kinde_branding": False,
            },
        )
        after = self.call("GET", "/api/v1/business")["business"]
        assert after["code"] == before["code"] and after["name"] == "Tailsforce Ltd"
        assert after["industry"] == industry["name"]
        assert timezone["name"].startswith(after["timezone"])
        assert (after["has_clickwrap"], after["has_kinde_branding"]) == (True, False)
        self.call("PATCH", "/api/v1/business", json={"phone": None, "terms_url": None})
        cleared = self.call("GET", "/api/v1/business")["business"]
        assert cleared["phone"] is None and cleared["email"] == "hello@tailsforce.test"

    def property_values(self) -> None:
        user_id = self.call("POST", "/api/v1/user", json={})["id"]
        code = self.call("POST", "/api/v1/organization", json={"name": "Props"})["organization"][
            "code"
        ]
        property_ids = []
        for context, owner in (("org", f"organizations/{code}"), ("usr", f"users/{user_id}")):
            category_id = self.call(
                "POST", "/api/v1/property_categories", 201, json={"name": "C", "context": context}
            )["category"]["id"]
            for key in (f"{context}_tier", f"{context}_region"):
                property_ids.append(
                    self.call(
                        "POST",
                        "/api/v1/properties",
                        201,
                        json={
                            "name": key.title(),
                            "key": key,
                            "type": "single_line_text",
                            "context": context,
                            "is_private": False,
                            "category_id": category_id,
                        },
                    )["property"]["id"]
                )
            base = f"/api/v1/{owner}/properties"
            self.call("PUT", f"{base}/{context}_tier", params={"value": "gold"})
            self.call(
                "PATCH",
                base,
                json={"properties": {f"{context}_region": "emea", f"{context}_tier": None}},
            )
            values = {p["key"]: p["value"] for p in self.call("GET", base)["properties"]}
            assert values[f"{context}_region"] == "emea" and values[f"{context}_tier"] is None
            self.call("PATCH", base, json={"properties": {f"{context}_region": None}})
            self.call("PUT", f"{base}/no_such_key", 400, params={"value": "x"})
        for property_id in property_ids:
            self.call("DELETE", f"/api/v1/properties/{property_id}")
        self.call("DELETE", "/api/v1/user", params={"id": user_id})
        self.call("DELETE", f"/api/v1/organization/{code}")


AREAS = ("feature_flags", "environment_variables", "business", "property_values")

#: Collections a tour cannot restore: the API deletes neither categories nor the business.
UNDELETABLE = {"property_categories", "businesses"}


@pytest.mark.parametrize("area", AREAS)
def test_tour_validates_against_spec(
    area: str,
    client: httpx.Client,  # noqa: F811
    checker: SpecChecker,  # noqa: F811
    emulator: Emulator,
) -> None:
    tour_leaves_nothing(SettingsTour(client), area, checker, emulator, UNDELETABLE)


def test_tour_covers_every_settings_operation(
    client: httpx.Client,  # noqa: F811
    emulator: Emulator,
) -> None:
    served, missed = operations_toured(SettingsTour(client), AREAS, emulator, SETTINGS_MODULES)
    assert len(served) == 27 and missed == set()


Setup = Callable[[httpx.Client], None]


def _flag(key: str, flag_type: str, level: str = "env", default: str = "1") -> Setup:
    def make(api: httpx.Client) -> None:
        body = {
            "key": key,
            "name": key,
            "type": flag_type,
            "default_value": default,
            "allow_override_level": level,
        }
        assert api.post("/api/v1/feature_flags", json=body).status_code == 201

    return make


def _variable(api: httpx.Client) -> None:
    body = {"key": "TAKEN", "value": "v"}
    assert api.post("/api/v1/environment_variables", json=body).status_code == 201


def _nothing(api: httpx.Client) -> None:
    return None


FLAG = {"key": "f", "name": "F", "type": "bool", "default_value": "true"}
FULL_PUT = "name=N&description=D&type=int&allow_override_level=env&default_value=2"

INVALID_REQUESTS = [
    pytest.param(_nothing, "POST", "/api/v1/feature_flags", {**FLAG, "type": "float"},
                 "INVALID_TYPE", id="flag-type"),
    pytest.param(_nothing, "POST", "/api/v1/feature_flags", {**FLAG, "default_value": "yes"},
                 "INVALID_DEFAULT_VALUE", id="flag-default-for-type"),
    pytest.param(_nothing, "POST", "/api/v1/feature_flags", {"key": "f", "type": "str",
                 "default_value": "x"}, "NAME_REQUIRED", id="flag-missing-name"),
    pytest.param(_nothing, "POST", "/api/v1/feature_flags", {**FLAG, "key": "a/b"},
                 "INVALID_KEY", id="flag-key"),
    pytest.param(_flag("f", "int"), "POST", "/api/v1/feature_flags", {**FLAG},
                 "FEATURE_FLAG_ALREADY_EXISTS", id="flag-duplicate"),
    pytest.param(_flag("f", "int"), "PUT", "/api/v1/feature_flags/f?name=N&type=int",
                 None, "DESCRIPTION_REQUIRED", id="flag-put-missing-query"),
    pytest.param(_flag("f", "int"), "PUT", "/api/v1/feature_flags/f?" + FULL_PUT.replace(
                 "level=env", "level=usr"), None, "INVALID_ALLOW_OVERRIDE_LEVEL",
                 id="flag-put-usr-level"),
    pytest.param(_nothing, "PUT", "/api/v1/feature_flags/nope?" + FULL_PUT, None,
                 "FEATURE_FLAG_NOT_FOUND", id="flag-put-missing-flag"),
    pytest.param(_flag("f", "int"), "PATCH", "/api/v1/environment/feature_flags/f",
                 {"value": "ten"}, "INVALID_VALUE", id="env-override-type"),
    pytest.param(_flag("f", "str"), "PATCH", "/api/v1/environment/feature_flags/f",
                 {}, "VALUE_REQUIRED", id="env-override-missing-value"),
    pytest.param(_flag("f", "str"), "PATCH", "/api/v1/environment/feature_flags/f",
                 {"value": 3}, "INVALID_VALUE", id="env-override-not-a-string"),
    pytest.param(_flag("f", "str", "env"), "PATCH",
                 "/api/v1/users/kp_0123456789abcdef0123456789abcdef/feature_flags/f?value=x",
                 None, "USER_NOT_FOUND", id="user-override-missing-user"),
    pytest.param(_nothing, "PATCH", "/api/v1/organizations/org_missing/feature_flags/f?value=x",
                 None, "ORGANIZATION_NOT_FOUND", id="org-override-missing-org"),
    pytest.param(_nothing, "POST", "/api/v1/environment_variables", {"key": "has space",
                 "value": "v"}, "INVALID_KEY", id="variable-key"),
    pytest.param(_nothing, "POST", "/api/v1/environment_variables", {"key": "K"},
                 "VALUE_REQUIRED", id="variable-missing-value"),
    pytest.param(_variable, "POST", "/api/v1/environment_variables", {"key": "TAKEN",
                 "value": "w"}, "ENVIRONMENT_VARIABLE_ALREADY_EXISTS", id="variable-duplicate"),
    pytest.param(_nothing, "PATCH", "/api/v1/environment_variables/env_var_nope", {"value": "w"},
                 "ENVIRONMENT_VARIABLE_NOT_FOUND", id="variable-missing"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {"industry_key": "astrology"},
                 "INVALID_INDUSTRY_KEY", id="business-industry"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {"timezone_key": "mars"},
                 "INVALID_TIMEZONE_KEY", id="business-timezone"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {"email": "nobody"},
                 "INVALID_EMAIL", id="business-email"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {"privacy_url": "ftp://x"},
                 "INVALID_PRIVACY_URL", id="business-url"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {}, "NO_CHANGES", id="business-empty"),
    pytest.param(_nothing, "PATCH", "/api/v1/business", {"name": "X"}, "UNKNOWN_FIELD",
                 id="business-read-name-is-not-the-write-name"),
]  # fmt: skip


@pytest.mark.parametrize(("setup", "method", "path", "body", "code"), INVALID_REQUESTS)
def test_invalid_requests_are_refused(
    setup: Setup,
    method: str,
    path: str,
    body: Any,
    code: str,
    emulator: Emulator,
    api: httpx.Client,
    spec: OpenAPI,  # noqa: F811
) -> None:
    setup(api)
    before = emulator.snapshot()
    response = api.request(method, path, **({} if body is None else {"json": body}))
    assert response.status_code == 400, response.text
    assert code in [error["code"] for error in response.json()["errors"]]
    spec.validate_response(OpenAPIRequest(response.request), OpenAPIResponse(response))
    assert emulator.snapshot() == before


def test_flag_overrides_follow_the_allowed_level_and_type(
    api: httpx.Client, emulator: Emulator
) -> None:
    _flag("beta", "bool", "org", "false")(api)
    code = api.post("/api/v1/organization", json={"name": "O"}).json()["organization"]["code"]
    user_id = api.post("/api/v1/user", json={}).json()["id"]
    org = api.patch(f"/api/v1/organizations/{code}/feature_flags/beta", params={"value": "true"})
    assert org.status_code == 200
    refused = api.patch(f"/api/v1/users/{user_id}/feature_flags/beta", params={"value": "true"})
    assert refused.json()["errors"][0]["code"] == "FEATURE_FLAG_OVERRIDE_NOT_ALLOWED"
    # Changing the type drops the overrides, which no longer fit it.
    put = api.put(
        "/api/v1/feature_flags/beta",
        params={
            "name": "Beta",
            "description": "Beta features",
            "type": "str",
            "allow_override_level": "org",
            "default_value": "off",
        },
    )
    assert put.status_code == 200
    assert api.get(f"/api/v1/organizations/{code}/feature_flags").json()["feature_flags"] == {}
    assert len(emulator.store.organization_feature_flags) == 0


def test_a_property_recreated_with_the_same_key_starts_empty(api: httpx.Client) -> None:
    code = api.post("/api/v1/organization", json={"name": "O"}).json()["organization"]["code"]
    category = api.post("/api/v1/property_categories", json={"name": "C", "context": "org"})
    body = {
        "name": "Tier",
        "key": "tier",
        "type": "single_line_text",
        "context": "org",
        "is_private": False,
        "category_id": category.json()["category"]["id"],
    }
    first = api.post("/api/v1/properties", json=body).json()["property"]["id"]
    api.put(f"/api/v1/organizations/{code}/properties/tier", params={"value": "gold"})
    api.delete(f"/api/v1/properties/{first}")
    api.post("/api/v1/properties", json=body)
    values = api.get(f"/api/v1/organizations/{code}/properties").json()["properties"]
    assert [(v["key"], v["value"]) for v in values] == [("tier", None)]


def test_an_empty_property_value_is_refused_and_null_clears(
    api: httpx.Client,
    emulator: Emulator,
    spec: OpenAPI,  # noqa: F811
) -> None:
    code = api.post("/api/v1/organization", json={"name": "O"}).json()["organization"]["code"]
    category = api.post("/api/v1/property_categories", json={"name": "C", "context": "org"})
    body = {
        "name": "Tier",
        "key": "tier",
        "type": "single_line_text",
        "context": "org",
        "is_private": False,
        "category_id": category.json()["category"]["id"],
    }
    api.post("/api/v1/properties", json=body)
    base = f"/api/v1/organizations/{code}/properties"
    api.put(f"{base}/tier", params={"value": "gold"})
    empty = api.put(f"{base}/tier", params={"value": ""})
    assert empty.status_code == 400 and empty.json()["errors"][0]["code"] == "INVALID_VALUE"
    spec.validate_response(OpenAPIRequest(empty.request), OpenAPIResponse(empty))
    assert [v.value for v in emulator.store.organization_properties] == ["gold"]
    assert api.patch(base, json={"properties": {"tier": None}}).status_code == 200
    assert len(emulator.store.organization_properties) == 0
