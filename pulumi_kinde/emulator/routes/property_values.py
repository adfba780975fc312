"""Property values of organizations and users (applications keep theirs, see
``applications.py``).

``GET`` lists every property of the owner's context (``org`` or ``usr``) with the owner's
value, ``null`` when it has none. ``PATCH`` sets several values at once, ``null`` clearing one:
Kinde offers no other way to remove a value. ``PUT .../{property_key}?value=`` sets one (the
spec allows no empty value). A value set for a key that is not a property of that context is
refused with ``PROPERTY_NOT_FOUND``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.records import Property
from pulumi_kinde.emulator.records_settings import PropertyValue
from pulumi_kinde.emulator.routes import _lookup, _settings
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Collection, Store
from pulumi_kinde.emulator.validation import RequestBody


class UpdateValues(RequestBody):
    properties: dict[str, str | bool | int | None]


@dataclass(frozen=True)
class _Owners:
    context: str
    param: str
    values: Callable[[Store], Collection[PropertyValue]]
    check: Callable[[Store, str], object]


_ORGANIZATIONS = _Owners(
    "org", "org_code", lambda s: s.organization_properties, _lookup.organization
)
_USERS = _Owners("usr", "user_id", lambda s: s.user_properties, _settings.user_id)


def _property(store: Store, owners: _Owners, key: str) -> Property:
    found = store.properties.find(key=key, context=owners.context)
    if found is None:
        raise not_found("PROPERTY_NOT_FOUND", f"No {owners.context} property with key {key!r}")
    return found


def _as_text(value: str | bool | int | None) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or value == "":
        return None
    return str(value)


def _owner(call: Call, owners: _Owners) -> str:
    owner = call.params[owners.param]
    owners.check(call.store, owner)
    return owner


def _write(store: Store, owners: _Owners, owner: str, key: str, value: str | None) -> None:
    prop = _property(store, owners, key)
    values = owners.values(store)
    id_ = f"{owner}/{key}"
    if value is None:
        values.remove(id_)
    else:
        values.add(PropertyValue(id=id_, owner=owner, key=key, property_id=prop.id, value=value))


def _list(call: Call, owners: _Owners) -> Reply:
    owner = _owner(call, owners)
    store = call.store
    items = []
    for prop in store.properties.filter(context=owners.context):
        stored = owners.values(store).get(f"{owner}/{prop.key}")
        item: dict[str, Any] = {"id": prop.id, "name": prop.name, "key": prop.key}
        item["description"] = prop.description  # Live: unset is null, not absent
        item["value"] = stored.value if stored and stored.property_id == prop.id else None
        items.append(item)
    return reply(code="OK", message="Success", properties=items)


def _patch(call: Call, owners: _Owners) -> Reply:
    owner = _owner(call, owners)
    body = call.body(UpdateValues)
    for key in body.properties:
        _property(call.store, owners, key)  # all or nothing
    for key, value in body.properties.items():
        _write(call.store, owners, owner, key, _as_text(value))
    return reply(message="Properties updated", code="PROPERTIES_UPDATED")


def _put(call: Call, owners: _Owners) -> Reply:
    owner = _owner(call, owners)
    value = call.query.get("value")
    if value is None:
        raise bad_request("VALUE_REQUIRED", "query parameter value is required")
    if value == "":  # the spec does not allow an empty value: clear one with PATCH and null
        raise bad_request("INVALID_VALUE", "query parameter value must not be empty")
    _write(call.store, owners, owner, call.params["property_key"], _as_text(value))
    return reply(message="Property updated", code="PROPERTY_UPDATED")


@route("GET", "/api/v1/organizations/{org_code}/properties", "GetOrganizationPropertyValues")
def list_organization_values(call: Call) -> Reply:
    return _list(call, _ORGANIZATIONS)


@route("PATCH", "/api/v1/organizations/{org_code}/properties", "UpdateOrganizationProperties")
def update_organization_values(call: Call) -> Reply:
    return _patch(call, _ORGANIZATIONS)


@route(
    "PUT",
    "/api/v1/organizations/{org_code}/properties/{property_key}",
    "UpdateOrganizationProperty",
)
def set_organization_value(call: Call) -> Reply:
    return _put(call, _ORGANIZATIONS)


@route("GET", "/api/v1/users/{user_id}/properties", "GetUserPropertyValues")
def list_user_values(call: Call) -> Reply:
    return _list(call, _USERS)


@route("PATCH", "/api/v1/users/{user_id}/properties", "UpdateUserProperties")
def update_user_values(call: Call) -> Reply:
    return _patch(call, _USERS)


@route("PUT", "/api/v1/users/{user_id}/properties/{property_key}", "UpdateUserProperty")
def set_user_value(call: Call) -> Reply:
    return _put(call, _USERS)
