"""The records the emulator stores: one dataclass per kind of Kinde object.

Fields hold what the live service keeps, including what it never returns (connection
``options``, enablement lists); the route modules decide what each endpoint shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Api",
    "ApiScope",
    "Application",
    "Connection",
    "Organization",
    "Permission",
    "Property",
    "PropertyCategory",
    "Role",
    "Webhook",
]


def _strings() -> list[str]:
    return []


@dataclass
class Api:
    """A registered API. ``application_scopes`` maps an application id to its scope ids."""

    id: str
    name: str
    audience: str
    is_management_api: bool = False
    application_ids: list[str] = field(default_factory=_strings)
    application_scopes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ApiScope:
    """A scope defined on an API."""

    id: str
    api_id: str
    key: str
    description: str | None = None


def _default_token_settings() -> dict[str, Any]:
    return {
        "access_token_lifetime": 86400,
        "refresh_token_lifetime": 2592000,
        "id_token_lifetime": 36000,
        "authenticated_session_lifetime": 2592000,
        "is_hasura_mapping_enabled": False,
    }


@dataclass
class Application:
    """An application (OAuth client). ``client_secret`` is None for public clients."""

    id: str
    name: str
    type: str
    client_id: str
    client_secret: str | None
    org_code: str | None = None
    language_key: str | None = None
    login_uri: str | None = None
    homepage_uri: str | None = None
    redirect_uris: list[str] = field(default_factory=_strings)
    logout_uris: list[str] = field(default_factory=_strings)
    has_cancel_button: bool = False
    is_access_control_enabled: bool = False
    is_allow_faceless_auth: bool = False
    is_ask_for_name: bool = False
    has_marketing_consent: bool = False
    has_sign_in_link_on_sign_up_page: bool = True
    has_register_link_on_sign_in_page: bool = True
    has_sign_in_with_sso_button: bool = False
    use_gravatar_fallback: bool = False
    token_settings: dict[str, Any] = field(default_factory=_default_token_settings)
    access_role_ids: list[str] = field(default_factory=_strings)
    properties: dict[str, str] = field(default_factory=dict)


@dataclass
class Connection:
    """An authentication connection. ``options`` and the enablement lists are never returned
    by the connection endpoints; the application and organization endpoints read them."""

    id: str
    name: str
    display_name: str
    strategy: str
    options: dict[str, Any] = field(default_factory=dict)
    application_ids: list[str] = field(default_factory=_strings)
    organization_codes: list[str] = field(default_factory=_strings)
    organization_code: str | None = None
    is_builtin: bool = False


@dataclass
class Organization:
    """An organization. ``colors`` maps a color field name to the raw value as sent."""

    code: str
    name: str
    created_on: str
    handle: str | None = None
    external_id: str | None = None
    is_default: bool = False
    is_auto_membership_enabled: bool = False
    is_allow_registrations: bool | None = None
    is_auto_join_domain_list: bool = False
    allowed_domains: list[str] = field(default_factory=_strings)
    is_enable_advanced_orgs: bool = False
    is_enforce_mfa: bool = False
    sender_name: str | None = None
    sender_email: str | None = None
    is_suspended: bool = False
    suspended_on: str | None = None
    theme_code: str = "light"
    colors: dict[str, str] = field(default_factory=dict)
    feature_flags: dict[str, str] = field(default_factory=dict)
    billing_customer_id: str | None = None


@dataclass
class Role:
    """A role with its permission ids and API scope ids."""

    id: str
    key: str
    name: str
    description: str | None = None
    is_default_role: bool = False
    assignment_permission_id: str | None = None
    permission_ids: list[str] = field(default_factory=_strings)
    scope_ids: list[str] = field(default_factory=_strings)
    system_permission_ids: list[str] = field(default_factory=_strings)


@dataclass
class Permission:
    """A permission."""

    id: str
    key: str
    name: str
    description: str | None = None


@dataclass
class Webhook:
    """A webhook subscription."""

    id: str
    name: str
    endpoint: str
    event_types: list[str]
    created_on: str
    description: str | None = None


@dataclass
class PropertyCategory:
    """A category grouping property definitions."""

    id: str
    name: str
    context: str


@dataclass
class Property:
    """A property definition (``context``: ``usr``, ``org`` or ``app``)."""

    id: str
    key: str
    name: str
    type: str
    context: str
    is_private: bool
    category_id: str
    description: str | None = None
    is_kinde_property: bool = False
