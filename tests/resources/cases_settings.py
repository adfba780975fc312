"""Lifecycle cases of the business-settings resources: feature flags and their overrides,
environment variables, custom properties and their values, and the business itself."""

from __future__ import annotations

from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.records_settings import Business
from pulumi_kinde.resources.business_settings import BusinessSettings
from pulumi_kinde.resources.environment_variable import EnvironmentVariable
from pulumi_kinde.resources.feature_flag import FeatureFlag
from pulumi_kinde.resources.feature_flag_override import (
    EnvironmentFeatureFlag,
    OrganizationFeatureFlag,
    UserFeatureFlag,
)
from pulumi_kinde.resources.property import Property
from pulumi_kinde.resources.property_category import PropertyCategory
from pulumi_kinde.resources.property_value import (
    ApplicationProperty,
    OrganizationProperty,
    UserProperty,
)
from tests.resources.cases import Case, Parents, Seed

ADOPTION = "test_adoption_writes_nothing_when_the_declaration_matches"
DESTROY = "test_destroy_leaves_the_emulator_as_it_was"
REPLACE = "test_replace_only_change_replaces"
LOST_REPLY = "test_a_lost_reply_to_create_converges_without_orphan_or_duplicate"
CREATE_FAULTS = "test_a_fault_at_each_step_of_create_leaves_no_orphan"
UPSERT = "create sends no POST: its PUT/PATCH sets a value, and a rerun simply sets it again"


def _flag(api: KindeClient, key: str, flag_type: str, default: str, level: str = "env") -> str:
    body = {
        "key": key,
        "name": key.title(),
        "description": f"The {key} flag",
        "type": flag_type,
        "default_value": default,
        "allow_override_level": level,
    }
    api.post("/api/v1/feature_flags", body)
    return key


def _org(api: KindeClient, name: str = "Initech") -> str:
    return str(api.post("/api/v1/organization", {"name": name})["organization"]["code"])


def _user(api: KindeClient) -> str:
    return str(api.post("/api/v1/user", {"profile": {"given_name": "Peter"}})["id"])


def _app(api: KindeClient) -> str:
    return str(
        api.post("/api/v1/applications", {"name": "Web", "type": "reg"})["application"]["id"]
    )


def _property(api: KindeClient, key: str, context: str) -> str:
    category = api.post("/api/v1/property_categories", {"name": "Settings", "context": context})
    body = {
        "name": key.title(),
        "key": key,
        "type": "single_line_text",
        "context": context,
        "is_private": False,
        "category_id": category["category"]["id"],
    }
    api.post("/api/v1/properties", body)
    return key


# -- seeds: the object made without Pulumi, for adoption and get() ------------------------


def _seed_flag(api: KindeClient, parents: Parents) -> str:
    return _flag(api, "beta_banner", "bool", "false")


def _seed_environment_flag(api: KindeClient, parents: Parents) -> str:
    key = parents["flag_key"]
    api.patch(f"/api/v1/environment/feature_flags/{key}", {"value": "dark"})
    return str(key)


def _seed_organization_flag(api: KindeClient, parents: Parents) -> str:
    code, key = parents["org_code"], parents["flag_key"]
    api.patch(f"/api/v1/organizations/{code}/feature_flags/{key}", params={"value": "pro"})
    return f"{code}/{key}"


def _seed_user_flag(api: KindeClient, parents: Parents) -> str:
    user_id, key = parents["user_id"], parents["flag_key"]
    api.patch(f"/api/v1/users/{user_id}/feature_flags/{key}", params={"value": "10"})
    return f"{user_id}/{key}"


def _seed_variable(api: KindeClient, parents: Parents) -> str:
    body = {"key": "API_URL", "value": "https://api.example.com", "is_secret": False}
    return str(api.post("/api/v1/environment_variables", body)["environment_variable"]["id"])


def _seed_category(api: KindeClient, parents: Parents) -> str:
    body = {"name": "Billing", "context": "org"}
    return str(api.post("/api/v1/property_categories", body)["category"]["id"])


def _seed_property(api: KindeClient, parents: Parents) -> str:
    body = {
        "name": "Tier",
        "key": "tier",
        "type": "single_line_text",
        "context": "org",
        "is_private": False,
        "category_id": parents["category_id"],
    }
    return str(api.post("/api/v1/properties", body)["property"]["id"])


def _seed_value(owners: str, owner_field: str, value: str) -> Seed:
    def seed(api: KindeClient, parents: Parents) -> str:
        owner, key = parents[owner_field], parents["key"]
        if owners == "applications":
            api.put(f"/api/v1/applications/{owner}/properties/{key}", {"value": value})
        else:
            api.put(f"/api/v1/{owners}/{owner}/properties/{key}", params={"value": value})
        return f"{owner}/{key}"

    return seed


BUSINESS = {
    "name": "Tailsforce Ltd",
    "industry": "construction",
    "timezone": "london_greenwich_mean_time",
    "privacy_url": "https://tailsforce.example/privacy",
}


def _seed_business(api: KindeClient, parents: Parents) -> str:
    body = {
        "business_name": BUSINESS["name"],
        "industry_key": BUSINESS["industry"],
        "timezone_key": BUSINESS["timezone"],
        "privacy_url": BUSINESS["privacy_url"],
    }
    api.patch("/api/v1/business", body)
    return str(api.get("/api/v1/business")["business"]["code"])


def _user_flag_parents(api: KindeClient) -> Parents:
    return {"user_id": _user(api), "flag_key": _flag(api, "seats", "int", "5", "usr")}


def _another_business(emu: Emulator, code: str) -> None:
    """Point the credentials at another business (as after a change of credentials)."""
    emu.store.businesses.remove(code)
    emu.store.businesses.add(Business(code="bus_0000000f00d", name="Other", created_on="x"))


def _app_value(emu: Emulator, id_: str) -> str | None:
    app_id, key = id_.split("/")
    app = emu.store.applications.get(app_id)
    return app.properties.get(key) if app else None


def _clear_app_value(emu: Emulator, id_: str) -> None:
    app_id, key = id_.split("/")
    app = emu.store.applications.get(app_id)
    assert app is not None
    app.properties.pop(key, None)


SETTINGS_CASES = [
    Case(
        name="feature_flag",
        resource=FeatureFlag,
        collection="feature_flags",
        create={
            "key": "beta_banner",
            "name": "Beta banner",
            "description": "Show the beta banner",
            "type": "bool",
            "default_value": False,
        },
        update={"name": "Beta banner v2", "default_value": True},
        replace={"key": "beta_banner_v2"},
        drift={"type": "str"},  # the only part of a definition Kinde shows
        seed=_seed_flag,
        bad=(
            {"key": "k", "name": "K", "description": "d", "type": "int", "default_value": "ten"},
            "default_value",
        ),
        id_format="flag_key",
        delete_outside=lambda emu, id_: emu.store.feature_flags.remove(id_),
    ),
    Case(
        name="environment_feature_flag",
        resource=EnvironmentFeatureFlag,
        collection="environment_feature_flags",
        create={"value": "dark"},
        update={"value": "dim"},
        replace=None,
        replace_with=lambda api, parents: {"flag_key": _flag(api, "layout", "str", "grid")},
        drift={"value": "blue"},
        seed=_seed_environment_flag,
        bad=({"flag_key": "theme", "value": ""}, "value"),
        setup=lambda api: {"flag_key": _flag(api, "theme", "str", "light")},
        id_format="flag_key",
        # Kinde lists the current value, override or not: deleting the flag is what shows.
        delete_outside=lambda emu, id_: emu.store.feature_flags.remove(id_),
        not_applicable=((LOST_REPLY, UPSERT),),
    ),
    Case(
        name="organization_feature_flag",
        resource=OrganizationFeatureFlag,
        collection="organization_feature_flags",
        create={"value": "pro"},
        update={"value": "enterprise"},
        replace=None,
        replace_with=lambda api, parents: {"flag_key": _flag(api, "tier", "str", "a", "org")},
        drift={"value": "team"},
        seed=_seed_organization_flag,
        bad=({"org_code": "", "flag_key": "plan", "value": "x"}, "org_code"),
        setup=lambda api: {
            "org_code": _org(api),
            "flag_key": _flag(api, "plan", "str", "f", "org"),
        },
        id_format="org_code/flag_key",
        delete_outside=lambda emu, id_: emu.store.organization_feature_flags.remove(id_),
        not_applicable=((LOST_REPLY, UPSERT),),
    ),
    Case(
        name="user_feature_flag",
        resource=UserFeatureFlag,
        collection="user_feature_flags",
        create={"value": 10},
        update={"value": 12},
        replace=None,
        replace_with=lambda api, parents: {"user_id": _user(api)},
        drift={},  # Kinde cannot show a user's overrides
        seed=_seed_user_flag,
        bad=({"user_id": "kp_1", "flag_key": "seats", "value": 1.5}, "value"),
        setup=_user_flag_parents,
        id_format="user_id/flag_key",
        delete_outside=lambda emu, id_: emu.store.feature_flags.remove(id_.split("/")[1]),
        not_applicable=(
            (ADOPTION, "the value is write-only (Kinde cannot show it): adoption writes it"),
            (DESTROY, "Kinde cannot remove a user's override: delete leaves it, with a warning"),
            (REPLACE, "Kinde cannot remove a user's override: a replacement leaves the old one"),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="environment_variable",
        resource=EnvironmentVariable,
        collection="environment_variables",
        create={"key": "API_URL", "value": "https://api.example.com", "is_secret": False},
        update={"key": "API_BASE_URL", "value": "https://api2.example.com"},
        replace=None,
        why_no_replace="Kinde changes every variable field in place",
        drift={"value": "https://changed.example.com"},
        seed=_seed_variable,
        bad=({"key": "has space", "value": "v"}, "key"),
        delete_outside=lambda emu, id_: emu.store.environment_variables.remove(id_),
    ),
    Case(
        name="property_category",
        resource=PropertyCategory,
        collection="property_categories",
        create={"name": "Billing", "context": "org"},
        update={"name": "Billing details"},
        replace={"context": "usr"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_category,
        bad=({"name": "", "context": "org"}, "name"),
        delete_outside=lambda emu, id_: emu.store.property_categories.remove(id_),
        not_applicable=(
            (DESTROY, "Kinde cannot delete a category: delete leaves it, with a warning"),
            (REPLACE, "Kinde cannot delete a category: a replacement leaves the old one"),
            (
                LOST_REPLY,
                "names are not unique: a category made by a lost reply cannot be "
                "told from one made before, so a rerun makes another",
            ),
        ),
    ),
    Case(
        name="property",
        resource=Property,
        collection="properties",
        create={"key": "tier", "name": "Tier", "context": "org"},
        update={"name": "Plan tier", "description": "The customer's plan", "is_private": True},
        replace={"key": "plan_tier"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_property,
        bad=({"key": "Tier", "name": "T", "context": "org", "category_id": "c"}, "key"),
        setup=lambda api: {"category_id": _seed_category(api, {})},
        delete_outside=lambda emu, id_: emu.store.delete_property(id_),
    ),
    Case(
        name="organization_property",
        resource=OrganizationProperty,
        collection="organization_properties",
        create={"value": "emea"},
        update={"value": "apac"},
        replace=None,
        replace_with=lambda api, parents: {"org_code": _org(api, "Globex")},
        drift={"value": "amer"},
        seed=_seed_value("organizations", "org_code", "emea"),
        bad=({"org_code": "o", "key": "Region", "value": "x"}, "key"),
        setup=lambda api: {"org_code": _org(api), "key": _property(api, "region", "org")},
        id_format="org_code/key",
        delete_outside=lambda emu, id_: emu.store.organization_properties.remove(id_),
        not_applicable=((LOST_REPLY, UPSERT),),
    ),
    Case(
        name="user_property",
        resource=UserProperty,
        collection="user_properties",
        create={"value": "Melbourne"},
        update={"value": "Sydney"},
        replace=None,
        replace_with=lambda api, parents: {"user_id": _user(api)},
        drift={"value": "Perth"},
        seed=_seed_value("users", "user_id", "Melbourne"),
        bad=({"user_id": "kp_1", "key": "office", "value": ""}, "value"),
        setup=lambda api: {"user_id": _user(api), "key": _property(api, "office", "usr")},
        id_format="user_id/key",
        delete_outside=lambda emu, id_: emu.store.user_properties.remove(id_),
        not_applicable=((LOST_REPLY, UPSERT),),
    ),
    Case(
        name="application_property",
        resource=ApplicationProperty,
        collection="applications",
        create={"value": "gold"},
        update={"value": "platinum"},
        replace=None,
        replace_with=lambda api, parents: {"application_id": _app(api)},
        drift={"value": "silver"},
        drift_store={"properties": {"tier": "silver"}},
        seed=_seed_value("applications", "application_id", "gold"),
        bad=({"application_id": "a/b", "key": "tier", "value": "x"}, "application_id"),
        setup=lambda api: {"application_id": _app(api), "key": _property(api, "tier", "app")},
        id_format="application_id/key",
        counted=False,
        store_key=lambda id_: id_.split("/")[0],
        delete_outside=_clear_app_value,
        linked=lambda emu, id_: _app_value(emu, id_) not in (None, ""),
        not_applicable=(
            (DESTROY, "Kinde cannot clear an application's value: delete sets it empty"),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="business_settings",
        resource=BusinessSettings,
        collection="businesses",
        create=BUSINESS,
        update={"email": "hello@tailsforce.example", "is_click_wrap": True},
        replace=None,
        why_no_replace="the business is a singleton whose settings all change in place",
        drift={"name": "Renamed in the UI"},
        seed=_seed_business,
        bad=({"privacy_url": "ftp://tailsforce.example"}, "privacy_url"),
        delete_outside=_another_business,
        not_applicable=(
            (DESTROY, "the business cannot be deleted: delete leaves its settings, with a warning"),
            (
                CREATE_FAULTS,
                "create adopts the business: after the probe run it already "
                "matches, so no write is left to fail (see test_settings.py)",
            ),
            (LOST_REPLY, UPSERT),
        ),
    ),
]
