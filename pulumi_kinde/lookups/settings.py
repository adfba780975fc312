"""Lookups of the business settings: feature flags, environment variables, properties and
their categories and values, and the business itself."""

from __future__ import annotations

from typing import Any

import pulumi

from ..resources.business_settings import BusinessSettingsArgs, BusinessSettingsProvider
from ..resources.environment_variable import EnvironmentVariableProvider, EnvironmentVariableState
from ..resources.feature_flag import FeatureFlagProvider, FeatureFlagState
from ..resources.property import PropertyProvider, PropertyState
from ..resources.property_category import PropertyCategoryProvider, PropertyCategoryState
from ._base import Found, Kind, client, filtered, get, listed, output

__all__ = [
    "get_business",
    "get_environment_variable",
    "get_environment_variable_output",
    "get_feature_flag",
    "get_feature_flag_output",
    "get_property",
    "get_property_category",
    "get_property_category_output",
    "get_property_output",
    "list_application_properties",
    "list_environment_variables",
    "list_feature_flags",
    "list_organization_feature_flags",
    "list_organization_properties",
    "list_properties",
    "list_property_categories",
]

_VARIABLES = Kind(
    "environment variable", "/api/v1/environment_variables", "environment_variables",
    EnvironmentVariableProvider, style="single",
)  # fmt: skip
_PROPERTIES = Kind(
    "property", "/api/v1/properties", "properties", PropertyProvider, style="starting_after"
)
_CATEGORIES = Kind(
    "property category", "/api/v1/property_categories", "categories", PropertyCategoryProvider,
    style="starting_after",
)  # fmt: skip
_FLAGS = Kind("feature flag", "/api/v1/environment/feature_flags", "", FeatureFlagProvider)
_BUSINESS = Kind("business", "/api/v1/business", "", BusinessSettingsProvider)
_ORGANIZATION_PROPERTIES = Kind(
    "property", "/api/v1/organizations/{parent}/properties", "properties", style="single"
)
_APPLICATION_PROPERTIES = Kind(
    "property", "/api/v1/applications/{parent}/properties", "properties", style="single"
)


def _flags(path: str, profile: str | None) -> list[dict[str, Any]]:
    """Kinde's flag map ``{key: {type, value}}`` as a list of ``{key, type, value}``."""
    flags = client(profile).get(path).get("feature_flags") or {}
    return [{"key": key, **flags[key]} for key in sorted(flags)]


def get_feature_flag(key: str, *, profile: str | None = None) -> Found[FeatureFlagState]:
    """A feature flag by key: its type (``state.environment_value``: the environment's value)."""
    return get(_FLAGS, profile, key, id_name="key")


def get_feature_flag_output(
    key: pulumi.Input[str], *, profile: str | None = None
) -> pulumi.Output[Found[FeatureFlagState]]:
    """:func:`get_feature_flag` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(lambda **v: get_feature_flag(**v, profile=profile), key=key)


def list_feature_flags(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Every feature flag (``{key, type, value}``, the environment's value) whose fields
    equal ``equals`` (e.g. ``type="bool"``)."""
    return filtered(_flags("/api/v1/environment/feature_flags", profile), equals)


def list_organization_feature_flags(
    organization_code: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """The flags an organization overrides (``{key, type, value}``) whose fields equal
    ``equals``."""
    path = f"/api/v1/organizations/{organization_code}/feature_flags"
    return filtered(_flags(path, profile), equals)


def get_environment_variable(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[EnvironmentVariableState]:
    """An environment variable by id (``env_var_...``) or key; a secret one's value is
    ``None`` (Kinde never returns it)."""
    return get(_VARIABLES, profile, id, key=key)


def get_environment_variable_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[EnvironmentVariableState]]:  # fmt: skip
    """:func:`get_environment_variable` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(lambda **v: get_environment_variable(**v, profile=profile), id=id, key=key)


def list_environment_variables(
    *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every environment variable whose listed fields equal ``equals`` (e.g.
    ``is_secret=False``)."""
    return filtered(listed(_VARIABLES, client(profile)), equals)


def get_property(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[PropertyState]:
    """A property definition by id or key."""
    return get(_PROPERTIES, profile, id, key=key)


def get_property_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[PropertyState]]:  # fmt: skip
    """:func:`get_property` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(lambda **v: get_property(**v, profile=profile), id=id, key=key)


def list_properties(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Every property definition whose listed fields equal ``equals``."""
    return filtered(listed(_PROPERTIES, client(profile)), equals)


def get_property_category(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[PropertyCategoryState]:
    """A property category by id or (unique) name."""
    return get(_CATEGORIES, profile, id, name=name)


def get_property_category_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[PropertyCategoryState]]:  # fmt: skip
    """:func:`get_property_category` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(lambda **v: get_property_category(**v, profile=profile), id=id, name=name)


def list_property_categories(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Every property category whose listed fields equal ``equals``."""
    return filtered(listed(_CATEGORIES, client(profile)), equals)


def list_organization_properties(
    organization_code: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """An organization's property values (``{id, key, name, value, ...}``) whose fields
    equal ``equals``."""
    api = client(profile)
    return filtered(listed(_ORGANIZATION_PROPERTIES, api, organization_code), equals)


def list_application_properties(
    application_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """An application's property values whose fields equal ``equals``."""
    api = client(profile)
    return filtered(listed(_APPLICATION_PROPERTIES, api, application_id), equals)


def get_business(*, profile: str | None = None) -> Found[BusinessSettingsArgs]:
    """The business the credentials reach: its code (``bus_...``) and settings."""
    api = client(profile)
    code = str(api.get("/api/v1/business")["business"]["code"])
    return get(_BUSINESS, profile, code, id_name="code")
