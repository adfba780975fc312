"""Lookups of who may do what: an API's scopes and authorized applications, the
connections of applications and organizations, and Kinde's system permissions."""

from __future__ import annotations

from typing import Any

import pulumi

from ..resources.api_scope import ApiScopeProvider, ApiScopeState
from ._base import Found, Kind, KindeLookupError, client, filtered, listed, output
from ._base import get as _get

__all__ = [
    "get_api_scope",
    "get_api_scope_output",
    "get_system_permission",
    "get_system_permission_output",
    "list_api_applications",
    "list_api_scopes",
    "list_application_connections",
    "list_organization_connections",
    "list_role_system_permissions",
    "list_system_permissions",
]

_API_SCOPES = Kind(
    "API scope", "/api/v1/apis/{parent}/scopes", "scopes", ApiScopeProvider, style="single",
    resource_id="{parent}/{id}",
)  # fmt: skip
_APPLICATION_CONNECTIONS = Kind(
    "connection", "/api/v1/applications/{parent}/connections", "connections",
    style="starting_after", unwrap="connection",
)  # fmt: skip
_ORGANIZATION_CONNECTIONS = Kind(
    "connection", "/api/v1/organizations/{parent}/connections", "connections",
    style="starting_after", unwrap="connection",
)  # fmt: skip
_SYSTEM_PERMISSIONS = Kind("system permission", "/api/v1/system_permissions", "system_permissions")
_ROLE_SYSTEM_PERMISSIONS = Kind(
    "system permission", "/api/v1/roles/{parent}/system_permissions", "system_permissions"
)


def get_api_scope(
    api_id: str,
    id: str | None = None,
    *,
    key: str | None = None,
    profile: str | None = None,
) -> Found[ApiScopeState]:
    """A scope of API ``api_id`` by its scope id or its key. ``Found.id`` is the
    ``ApiScope`` resource id, ``api_id/scope_id``."""
    return _get(_API_SCOPES, profile, id, parent=api_id, key=key)


def get_api_scope_output(
    api_id: pulumi.Input[str], id: pulumi.Input[str] | None = None, *,
    key: pulumi.Input[str] | None = None, profile: str | None = None,
) -> pulumi.Output[Found[ApiScopeState]]:  # fmt: skip
    """:func:`get_api_scope` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    return output(lambda **v: get_api_scope(**v, profile=profile), api_id=api_id, id=id, key=key)


def list_api_scopes(
    api_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every scope of API ``api_id`` whose listed fields equal ``equals``."""
    return filtered(listed(_API_SCOPES, client(profile), api_id), equals)


def list_api_applications(
    api_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every application authorized for API ``api_id`` whose fields equal ``equals``: items
    are ``{id, name, type, is_active}``, ``type`` as Kinde labels it (``"Back-end web"``)."""
    found = client(profile).get(f"/api/v1/apis/{api_id}")["api"]
    unique: dict[str, dict[str, Any]] = {}
    for item in found.get("applications") or []:
        unique.setdefault(str(item.get("id")), item)
    return filtered(unique.values(), equals)


def list_application_connections(
    application_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every connection enabled for an application whose fields equal ``equals``."""
    return filtered(listed(_APPLICATION_CONNECTIONS, client(profile), application_id), equals)


def list_organization_connections(
    organization_code: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every connection enabled for an organization whose fields equal ``equals``."""
    api = client(profile)
    return filtered(listed(_ORGANIZATION_CONNECTIONS, api, organization_code), equals)


def get_system_permission(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> dict[str, Any]:
    """One of Kinde's system permissions (``{id, key, name, description}``) by id or by key,
    e.g. ``get_system_permission(key="org:write:billing")["id"]`` for a
    ``RoleSystemPermission``."""
    given = {"id": id, "key": key}
    if sum(v is not None for v in given.values()) != 1:
        raise KindeLookupError("look up a system permission by exactly one of: id, key")
    matches = filtered(listed(_SYSTEM_PERMISSIONS, client(profile)), given)
    if len(matches) != 1:
        wanted = {k: v for k, v in given.items() if v is not None}
        raise KindeLookupError(f"{'no' if not matches else len(matches)} system permissions "
                               f"match {wanted}")  # fmt: skip
    return matches[0]


def get_system_permission_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[dict[str, Any]]:  # fmt: skip
    """:func:`get_system_permission` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of what it returns."""
    names = ["id", "key"]
    return pulumi.Output.all(id, key).apply(
        lambda values: get_system_permission(
            **dict(zip(names, values, strict=True)), profile=profile
        )
    )


def list_system_permissions(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Every system permission Kinde defines whose fields equal ``equals``."""
    return filtered(listed(_SYSTEM_PERMISSIONS, client(profile)), equals)


def list_role_system_permissions(
    role_id: str, *, profile: str | None = None, **equals: Any
) -> list[dict[str, Any]]:
    """Every system permission role ``role_id`` carries whose fields equal ``equals``."""
    return filtered(listed(_ROLE_SYSTEM_PERMISSIONS, client(profile), role_id), equals)
