"""Fetch a record by id or raise the not-found error Kinde answers for it."""

from __future__ import annotations

from pulumi_kinde.emulator.errors import not_found
from pulumi_kinde.emulator.store import (
    Api,
    ApiScope,
    Application,
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
    "organization",
    "permission",
    "property_",
    "role",
    "webhook",
]


def api(store: Store, api_id: str) -> Api:
    """The API ``api_id``."""
    found = store.apis.get(api_id)
    if found is None:
        raise not_found("API_NOT_FOUND", "API not found")
    return found


def api_scope(store: Store, api_id: str, scope_id: str) -> ApiScope:
    """The scope ``scope_id`` of API ``api_id``."""
    found = store.api_scopes.get(scope_id)
    if found is None or found.api_id != api_id:
        raise not_found("SCOPE_NOT_FOUND", "Scope not found")
    return found


def application(store: Store, application_id: str) -> Application:
    """The application ``application_id``."""
    found = store.applications.get(application_id)
    if found is None:
        raise not_found("APPLICATION_NOT_FOUND", "Application not found")
    return found


def connection(store: Store, connection_id: str) -> Connection:
    """The connection ``connection_id``."""
    found = store.connections.get(connection_id)
    if found is None:
        raise not_found("CONNECTION_NOT_FOUND", "Connection not found")
    return found


def organization(store: Store, code: str) -> Organization:
    """The organization ``code``."""
    found = store.organizations.get(code)
    if found is None:
        raise not_found("ORGANIZATION_NOT_FOUND", "Organization not found")
    return found


def role(store: Store, role_id: str) -> Role:
    """The role ``role_id``."""
    found = store.roles.get(role_id)
    if found is None:
        raise not_found("ROLE_NOT_FOUND", "Role not found")
    return found


def permission(store: Store, permission_id: str) -> Permission:
    """The permission ``permission_id``."""
    found = store.permissions.get(permission_id)
    if found is None:
        raise not_found("PERMISSION_NOT_FOUND", "Permission not found")
    return found


def webhook(store: Store, webhook_id: str) -> Webhook:
    """The webhook ``webhook_id``."""
    found = store.webhooks.get(webhook_id)
    if found is None:
        raise not_found("WEBHOOK_NOT_FOUND", "Webhook not found")
    return found


def property_(store: Store, property_id: str) -> Property:
    """The property definition ``property_id``."""
    found = store.properties.get(property_id)
    if found is None:
        raise not_found("PROPERTY_NOT_FOUND", "Property not found")
    return found


def category(store: Store, category_id: str) -> PropertyCategory:
    """The property category ``category_id``."""
    found = store.property_categories.get(category_id)
    if found is None:
        raise not_found("CATEGORY_NOT_FOUND", "Property category not found")
    return found
