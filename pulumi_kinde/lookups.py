"""Find existing Kinde objects from a Pulumi program, as plain values.

``get_*`` finds one object by id or by its natural key (a role's key, an API's audience, an
organization's handle ...) and returns :class:`Found`: its id and the same typed state the
resource would read. ``list_*`` returns Kinde's list entries, filtered by exact field values.
Each has an ``*_output`` twin that takes ``pulumi.Input`` values and returns an ``Output``.

Lookups run in the program process and read the stack config (``kinde:domain`` ...) or the
``KINDE_*`` environment, like the provider; ``profile`` picks another business.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pulumi
import pulumi.runtime

from .client import KindeClient, NotFoundError, PageStyle
from .resources import _context
from .resources._listing import list_all
from .resources._provider import KindeArgs, KindeProvider
from .resources.api import ApiProvider, ApiState
from .resources.application import ApplicationProvider, ApplicationState
from .resources.connection import ConnectionProvider, ConnectionState
from .resources.organization import OrganizationProvider, OrganizationState
from .resources.permission import PermissionProvider, PermissionState
from .resources.role import RoleProvider, RoleState
from .resources.webhook import WebhookProvider, WebhookState

__all__ = [
    "Found",
    "KindeLookupError",
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

S = TypeVar("S", bound=KindeArgs)


class KindeLookupError(Exception):
    """No object, or more than one, matched a lookup; the message says which:

    - ``no roles match {'key': 'nobody'}``: no object has the natural key given;
    - ``2 applications match {'name': 'Web'}``: the key is not unique (names repeat in
      Kinde): look the object up by id instead;
    - ``no API has id '...'``: no object has the id given;
    - ``look up a role by exactly one of: id, key``: give one key, not none or two.
    """


@dataclass(frozen=True)
class Found(Generic[S]):
    """A Kinde object found by a lookup: its id and its state."""

    id: str
    """The object's id, as the resource's ``id`` output holds it (an organization's code)."""
    state: S
    """What the resource would read: one attribute per output of the resource (arguments
    and outputs set by Kinde), e.g. ``found.state.name``."""


@dataclass(frozen=True)
class _Kind:
    name: str
    provider: type[KindeProvider[Any, Any]]
    path: str
    items_key: str
    id_key: str = "id"
    style: PageStyle = "next_token"
    unwrap: str | None = None
    """Key wrapping each listed item, e.g. Kinde's ``{"connection": {...}}``."""


_APIS = _Kind("API", ApiProvider, "/api/v1/apis", "apis")
_APPLICATIONS = _Kind("application", ApplicationProvider, "/api/v1/applications", "applications")
_CONNECTIONS = _Kind(
    "connection", ConnectionProvider, "/api/v1/connections", "connections",
    style="starting_after", unwrap="connection",
)  # fmt: skip
_ORGANIZATIONS = _Kind(
    "organization", OrganizationProvider, "/api/v1/organizations", "organizations", "code"
)
_PERMISSIONS = _Kind("permission", PermissionProvider, "/api/v1/permissions", "permissions")
_ROLES = _Kind("role", RoleProvider, "/api/v1/roles", "roles")
_WEBHOOKS = _Kind("webhook", WebhookProvider, "/api/v1/webhooks", "webhooks")


def _client(profile: str | None) -> KindeClient:
    config = {}
    for key in _context.config_keys(profile):
        value = pulumi.runtime.get_config(key)
        if value is not None:
            config[key] = value
    _context.set_stack_config(config)
    return _context.client_for(profile)


def _listed(kind: _Kind, api: KindeClient) -> list[dict[str, Any]]:
    items = list_all(api, kind.path, kind.items_key, style=kind.style)
    return [item.get(kind.unwrap, item) if kind.unwrap else item for item in items]


def _filter(items: list[dict[str, Any]], equals: dict[str, Any]) -> list[dict[str, Any]]:
    wanted = {k: v for k, v in equals.items() if v is not None}
    return [i for i in items if all(i.get(k) == v for k, v in wanted.items())]


def _get(kind: _Kind, profile: str | None, id_: str | None, **natural: Any) -> Found[Any]:
    given = {k: v for k, v in natural.items() if v is not None}
    if (id_ is None) == (not given):
        keys = ", ".join(["id", *natural])
        raise KindeLookupError(f"look up a {kind.name} by exactly one of: {keys}")
    api = _client(profile)
    if id_ is None:
        matches = _filter(_listed(kind, api), given)
        if len(matches) != 1:
            how = "no" if not matches else f"{len(matches)}"
            raise KindeLookupError(f"{how} {kind.name}s match {given}")
        id_ = str(matches[0][kind.id_key])
    try:
        state = kind.provider(profile).read_object(api, id_)
    except NotFoundError:
        state = None
    if state is None:
        raise KindeLookupError(f"no {kind.name} has id {id_!r}")
    return Found(id_, state)


def _output(fn: Callable[..., Found[S]], **inputs: Any) -> pulumi.Output[Found[S]]:
    names = list(inputs)
    return pulumi.Output.all(*inputs.values()).apply(
        lambda values: fn(**dict(zip(names, values, strict=True)))
    )


def get_api(
    id: str | None = None, *, audience: str | None = None, profile: str | None = None
) -> Found[ApiState]:
    """An API by id or by audience."""
    return _get(_APIS, profile, id, audience=audience)


def get_application(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[ApplicationState]:
    """An application by id or by its (unique) name."""
    return _get(_APPLICATIONS, profile, id, name=name)


def get_connection(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[ConnectionState]:
    """A connection by id or by name."""
    return _get(_CONNECTIONS, profile, id, name=name)


def get_organization(
    code: str | None = None,
    *,
    handle: str | None = None,
    external_id: str | None = None,
    name: str | None = None,
    profile: str | None = None,
) -> Found[OrganizationState]:
    """An organization by code, handle, external id or (unique) name."""
    return _get(_ORGANIZATIONS, profile, code, handle=handle, external_id=external_id, name=name)


def get_permission(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[PermissionState]:
    """A permission by id or by key."""
    return _get(_PERMISSIONS, profile, id, key=key)


def get_role(
    id: str | None = None, *, key: str | None = None, profile: str | None = None
) -> Found[RoleState]:
    """A role by id or by key."""
    return _get(_ROLES, profile, id, key=key)


def get_webhook(
    id: str | None = None, *, name: str | None = None, profile: str | None = None
) -> Found[WebhookState]:
    """A webhook by id or by name."""
    return _get(_WEBHOOKS, profile, id, name=name)


def get_api_output(
    id: pulumi.Input[str] | None = None, *, audience: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ApiState]]:  # fmt: skip
    """:func:`get_api` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_api(**v, profile=profile), id=id, audience=audience)


def get_application_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ApplicationState]]:  # fmt: skip
    """:func:`get_application` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_application(**v, profile=profile), id=id, name=name)


def get_connection_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[ConnectionState]]:  # fmt: skip
    """:func:`get_connection` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_connection(**v, profile=profile), id=id, name=name)


def get_organization_output(
    code: pulumi.Input[str] | None = None, *, handle: pulumi.Input[str] | None = None,
    external_id: pulumi.Input[str] | None = None, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[OrganizationState]]:  # fmt: skip
    """:func:`get_organization` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(
        lambda **v: get_organization(**v, profile=profile),
        code=code, handle=handle, external_id=external_id, name=name,
    )  # fmt: skip


def get_permission_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[PermissionState]]:  # fmt: skip
    """:func:`get_permission` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_permission(**v, profile=profile), id=id, key=key)


def get_role_output(
    id: pulumi.Input[str] | None = None, *, key: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[RoleState]]:  # fmt: skip
    """:func:`get_role` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_role(**v, profile=profile), id=id, key=key)


def get_webhook_output(
    id: pulumi.Input[str] | None = None, *, name: pulumi.Input[str] | None = None,
    profile: str | None = None,
) -> pulumi.Output[Found[WebhookState]]:  # fmt: skip
    """:func:`get_webhook` taking ``pulumi.Input`` values (such as another resource's
    output); returns an ``Output`` of :class:`Found`."""
    return _output(lambda **v: get_webhook(**v, profile=profile), id=id, name=name)


def list_apis(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The APIs whose listed fields equal the keywords (e.g. ``is_management_api=False``)."""
    return _filter(_listed(_APIS, _client(profile)), equals)


def list_applications(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The applications whose listed fields equal the keywords (e.g. ``type="m2m"``)."""
    return _filter(_listed(_APPLICATIONS, _client(profile)), equals)


def list_connections(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The connections whose listed fields equal the keywords (e.g. ``strategy="saml:okta"``)."""
    return _filter(_listed(_CONNECTIONS, _client(profile)), equals)


def list_organizations(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The organizations whose listed fields equal the keywords."""
    return _filter(_listed(_ORGANIZATIONS, _client(profile)), equals)


def list_permissions(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The permissions whose listed fields equal the keywords."""
    return _filter(_listed(_PERMISSIONS, _client(profile)), equals)


def list_roles(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The roles whose listed fields equal the keywords (e.g. ``is_default_role=True``)."""
    return _filter(_listed(_ROLES, _client(profile)), equals)


def list_webhooks(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The webhooks whose listed fields equal the keywords."""
    return _filter(_listed(_WEBHOOKS, _client(profile)), equals)
