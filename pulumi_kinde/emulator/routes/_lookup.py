"""Fetch a record by id or raise the not-found error Kinde answers for it."""

from __future__ import annotations

import datetime
import re
from typing import TypeVar

from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.store import (
    Api,
    ApiScope,
    Application,
    Collection,
    Connection,
    Organization,
    Permission,
    Property,
    PropertyCategory,
    Role,
    Store,
    Webhook,
)

__all__ = [
    "api",
    "api_scope",
    "application",
    "category",
    "connection",
    "now",
    "organization",
    "permission",
    "property_",
    "require",
    "role",
    "webhook",
]


R = TypeVar("R")

#: What an organization code looks like: ``org_`` and lowercase letters or digits.
_ORG_CODE = re.compile(r"org_[a-z0-9]+")


def require(collection: Collection[R], key: str, code: str, message: str) -> R:
    """The record ``key`` of ``collection``, or the not-found error ``code``."""
    found = collection.get(key)
    if found is None:
        raise not_found(code, message)
    return found


def now() -> str:
    """The current time in ISO 8601, as Kinde writes timestamps."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def api(store: Store, api_id: str) -> Api:
    """The API ``api_id``."""
    return require(store.apis, api_id, "API_NOT_FOUND", "API not found")


def api_scope(store: Store, api_id: str, scope_id: str) -> ApiScope:
    """The scope ``scope_id`` of API ``api_id``."""
    found = store.api_scopes.get(scope_id)
    if found is None or found.api_id != api_id:
        raise not_found("SCOPE_NOT_FOUND", "Scope not found")
    return found


def application(store: Store, application_id: str) -> Application:
    """The application ``application_id``."""
    return require(
        store.applications, application_id, "APPLICATION_NOT_FOUND", "Application not found"
    )


def connection(store: Store, connection_id: str) -> Connection:
    """The connection ``connection_id``."""
    return require(store.connections, connection_id, "CONNECTION_NOT_FOUND", "Connection not found")


def organization(store: Store, code: str) -> Organization:
    """The organization ``code``: 400 ``ORGANIZATION_INVALID`` when ``code`` is not shaped like
    one, else the route's not-found answer when there is none."""
    if not _ORG_CODE.fullmatch(code):
        # Live: seen as 400 ORGANIZATION_INVALID "Invalid organization" for a malformed code.
        raise bad_request("ORGANIZATION_INVALID", "Invalid organization")
    return require(store.organizations, code, "ORGANIZATION_NOT_FOUND", "Organization not found")


def role(store: Store, role_id: str) -> Role:
    """The role ``role_id``."""
    return require(store.roles, role_id, "ROLE_NOT_FOUND", "Role not found")


def permission(store: Store, permission_id: str) -> Permission:
    """The permission ``permission_id``."""
    return require(store.permissions, permission_id, "PERMISSION_NOT_FOUND", "Permission not found")


def webhook(store: Store, webhook_id: str) -> Webhook:
    """The webhook ``webhook_id``."""
    return require(store.webhooks, webhook_id, "WEBHOOK_NOT_FOUND", "Webhook not found")


def property_(store: Store, property_id: str) -> Property:
    """The property definition ``property_id``."""
    return require(store.properties, property_id, "PROPERTY_NOT_FOUND", "Property not found")


def category(store: Store, category_id: str) -> PropertyCategory:
    """The property category ``category_id``."""
    return require(
        store.property_categories, category_id, "CATEGORY_NOT_FOUND", "Property category not found"
    )
