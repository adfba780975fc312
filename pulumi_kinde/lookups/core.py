"""Lookups of the core objects: APIs, applications, connections, organizations,
permissions, roles and webhooks."""

from __future__ import annotations

from typing import Any

import pulumi

from ..resources.api import ApiProvider, ApiState
from ..resources.application import ApplicationProvider, ApplicationState
from ..resources.connection import ConnectionProvider, ConnectionState
from ..resources.organization import OrganizationProvider, OrganizationState
from ..resources.permission import PermissionProvider, PermissionState
from ..resources.role import RoleProvider, RoleState
from ..resources.webhook import WebhookProvider, WebhookState
from ._base import Found, Kind, client, filtered, get, listed, output

__all__ = [
    "get_api",
    "get_api_output",
    "get_application",
    "get_application_output",
    "get_connection",
    "get_connection_output",
    "get_organization",
    "get_organization_output",
    "get_permission",
    "get_permission_output",
    "get_role",
    "get_role_output",
    "get_webhook",
    "get_webhook_output",
    "list_apis",
    "list_applications",
    "list_connections",
    "list_organizations",
    "list_permissions",
    "list_roles",
    "list_webhooks",
]

_APIS = Kind("API", "/api/v1/apis", "apis", ApiProvider)
_APPLICATIONS = Kind("application", "/api/v1/applications", "applications", ApplicationProvider)
_CONNECTIONS = Kind(
    "connection", "/api/v1/connections", "connections", ConnectionProvider,
    style="starting_after", unwrap="connection",
)  # fmt: skip
_ORGANIZATIONS = Kind(
    "organization", "/api/v1/organizations", "organizations", OrganizationProvider, "code"
)
_PERMISSIONS = Kind("permission", "/api/v1/permissions", "permissions", PermissionProvider)
_ROLES = Kind("role", "/api/v1/roles", "roles", RoleProvider)
_WEBHOOKS = Kind("webhook", "/api/v1/webhooks", "webhooks", WebhookProvider)


def get_api(
    id: str | None = None, *, audience: str | None = None, profile: str | None = None
) -> Found[ApiState]:
    """An API by id or by audience."""
    return get(_APIS, profile, id, audience=audience)


def get_application(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[ApplicationState]:
    """An application by id or by its (unique) name."""
    return get(_APPLICATIONS, profile, id, name=name)


def get_connection(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[ConnectionState]:
    """A connection by id or by name."""
    return get(_CONNECTIONS, profile, id, name=name)


def get_organization(
    code: str | None = None,
    *,
    handle: str | None = None,
    external_id: str | None = None,
    name: str | None = None,
    profile: str | None = None,
) -> Found[OrganizationState]:
    """An organization by code, handle, external id or (unique) name."""
    return get(_ORGANIZATIONS, profile, code, handle=handle, external_id=external_id, name=name)


def get_permission(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[PermissionState]:
    """A permission by id or by key."""
    return get(_PERMISSIONS, profile, id, key=key)


def get_role(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[RoleState]:
    """A role by id or by key."""
    return get(_ROLES, profile, id, key=key)


def get_webhook(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[WebhookState]:
    """A webhook by id or by name."""
    return get(_WEBHOOKS, profile, id, name=name)


def get_api_output(
    id: pulumi.Input[str] | None = None, *, audience: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ApiState]]:  # fmt: skip
    """:func:`get_api` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_api(**v, profile=profile), id=id, audience=audience)


def get_application_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ApplicationState]]:  # fmt: skip
    """:func:`get_application` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_application(**v, profile=profile), id=id, name=name)


def get_connection_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ConnectionState]]:  # fmt: skip
    """:func:`get_connection` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_connection(**v, profile=profile), id=id, name=name)


def get_organization_output(
    code: pulumi.Input[str] | None = None, *, handle: pulumi.Input[str] | None = None,
    external_id: pulumi.Input[str] | None = None, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[OrganizationState]]:  # fmt: skip
    """:func:`get_organization` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(
        lambda **v: get_organization(**v, profile=profile),
        code=code, handle=handle, external_id=external_id, name=name,
    )  # fmt: skip


def get_permission_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[PermissionState]]:  # fmt: skip
    """:func:`get_permission` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_permission(**v, profile=profile), id=id, key=key)


def get_role_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[RoleState]]:  # fmt: skip
    """:func:`get_role` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_role(**v, profile=profile), id=id, key=key)


def get_webhook_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[WebhookState]]:  # fmt: skip
    """:func:`get_webhook` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return output(lambda **v: get_webhook(**v, profile=profile), id=id, name=name)


def list_apis(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The APIs whose listed fields equal the keywords (e.g. ``is_management_api=False``)."""
    return filtered(listed(_APIS, client(profile)), equals)


def list_applications(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The applications whose listed fields equal the keywords (e.g. ``type="m2m"``)."""
    return filtered(listed(_APPLICATIONS, client(profile)), equals)


def list_connections(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The connections whose listed fields equal the keywords (e.g. ``strategy="saml:okta"``)."""
    return filtered(listed(_CONNECTIONS, client(profile)), equals)


def list_organizations(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The organizations whose listed fields equal the keywords."""
    return filtered(listed(_ORGANIZATIONS, client(profile)), equals)


def list_permissions(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The permissions whose listed fields equal the keywords."""
    return filtered(listed(_PERMISSIONS, client(profile)), equals)


def list_roles(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The roles whose listed fields equal the keywords (e.g. ``is_default_role=True``)."""
    return filtered(listed(_ROLES, client(profile)), equals)


def list_webhooks(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The webhooks whose listed fields equal the keywords."""
    return filtered(listed(_WEBHOOKS, client(profile)), equals)
