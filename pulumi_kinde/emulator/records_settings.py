"""Records of the business settings: feature flags and their overrides, environment
variables, the business itself, and organization and user property values.

Like :mod:`records`, fields hold what the live service keeps, including what it never
returns (a feature flag's name and default, a secret variable's value); the route modules
decide what each endpoint shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_kinde.emulator import ids

__all__ = [
    "DEFAULT_BUSINESS_CODE",
    "Business",
    "EnvironmentVariable",
    "FeatureFlag",
    "FlagOverride",
    "PropertyValue",
    "environment_variable_id",
]

DEFAULT_BUSINESS_CODE = "bus_c69fb73b091"
"""The code of the emulator's business (Kinde's own example code)."""


@dataclass
class FeatureFlag:
    """A feature flag definition. ``default_value`` is a string, as Kinde keeps it
    (``"true"``/``"false"`` for a bool flag)."""

    key: str
    name: str
    type: str
    default_value: str
    description: str | None = None
    allow_override_level: str | None = None


@dataclass
class FlagOverride:
    """A flag's value overridden for the environment (``owner`` None, ``id`` the flag key),
    an organization or a user (``id`` ``owner/flag_key``)."""

    id: str
    flag_key: str
    value: str
    owner: str | None = None


@dataclass
class EnvironmentVariable:
    """An environment variable; a secret one's value is kept but never returned."""

    id: str
    key: str
    value: str
    is_secret: bool
    created_on: str


@dataclass
class Business:
    """The business. ``industry_key``/``timezone_key`` are keys of the catalog lists; the
    business endpoint shows their display names."""

    code: str
    name: str
    created_on: str
    email: str | None = None
    phone: str | None = None
    industry_key: str | None = None
    timezone_key: str | None = None
    privacy_url: str | None = None
    terms_url: str | None = None
    has_clickwrap: bool = False
    has_kinde_branding: bool = True


@dataclass
class PropertyValue:
    """An organization's or a user's value of a property (``id`` ``owner/property_key``).
    ``property_id`` ties it to one definition: a property deleted and created again with the
    same key starts empty, as in Kinde."""

    id: str
    owner: str
    key: str
    property_id: str
    value: str


def environment_variable_id() -> str:
    """An environment variable's id, e.g. ``env_var_0192b194f6156fb7452fe38cfb144958``."""
    return "env_var_" + ids.api_id()
