"""Property definitions and their categories (application property values live with the
application). There is no GET of one property: a client lists and filters. Keys are unique;
Kinde's own properties (``is_kinde_property``) cannot be changed or deleted."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import cursor_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Property, PropertyCategory, Store
from pulumi_kinde.emulator.validation import RequestBody

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,128}$")]
Context = Literal["org", "usr", "app"]


class CreateProperty(RequestBody):
    name: Name
    description: str | None = None
    key: Key
    type: Literal["single_line_text", "multi_line_text"]
    context: Context
    is_private: bool
    category_id: str


class UpdateProperty(RequestBody):
    name: Name
    description: str | None = None
    is_private: bool
    category_id: str


class CreateCategory(RequestBody):
    name: Name
    context: Context


class UpdateCategory(RequestBody):
    name: Name | None = None


def _category(store: Store, category_id: str) -> PropertyCategory:
    # A bad category id in a body is a bad request, whatever the route's not-found shape.
    category = store.property_categories.get(category_id)
    if category is None:
        raise bad_request("CATEGORY_NOT_FOUND", f"Property category {category_id} not found")
    return category


def _changeable(store: Store, property_id: str) -> Property:
    prop = _lookup.property_(store, property_id)
    if prop.is_kinde_property:
        raise bad_request("PROPERTY_NOT_EDITABLE", "Kinde properties cannot be changed")
    return prop


@route("GET", "/api/v1/properties", "GetProperties")
def list_properties(call: Call) -> Reply:
    context = call.query_choice("context", ("usr", "org", "app"))
    props = call.store.properties.all()
    if context:
        props = [p for p in props if p.context == context]
    page, more = cursor_page(call, props, lambda p: p.id)
    items = []
    for prop in page:
        item: dict[str, Any] = {
            "id": prop.id,
            "key": prop.key,
            "name": prop.name,
            "is_private": prop.is_private,
            "is_kinde_property": prop.is_kinde_property,
        }
        item["description"] = prop.description  # Live: unset is null, not absent
        items.append(item)
    return reply(code="OK", message="Success", properties=items, has_more=more)


@route("POST", "/api/v1/properties", "CreateProperty")
def create_property(call: Call) -> Reply:
    body = call.body(CreateProperty)
    _category(call.store, body.category_id)
    if call.store.properties.find(key=body.key):
        raise bad_request(
            "PROPERTY_KEY_ALREADY_EXISTS", f"A property with key {body.key!r} already exists"
        )
    prop = call.store.properties.add(
        Property(
            id=ids.property_id(),
            key=body.key,
            name=body.name,
            type=body.type,
            context=body.context,
            is_private=body.is_private,
            category_id=body.category_id,
            description=body.description,
        )
    )
    return reply(
        201,
        message="Property successfully created",
        code="PROPERTY_CREATED",
        property={"id": prop.id},
    )


@route("PUT", "/api/v1/properties/{property_id}", "UpdateProperty")
def update_property(call: Call) -> Reply:
    prop = _changeable(call.store, call.params["property_id"])
    body = call.body(UpdateProperty)
    _category(call.store, body.category_id)
    prop.name = body.name
    prop.description = body.description
    prop.is_private = body.is_private
    prop.category_id = body.category_id
    return reply(message="Property successfully updated", code="PROPERTY_UPDATED")


@route("DELETE", "/api/v1/properties/{property_id}", "DeleteProperty")
def delete_property(call: Call) -> Reply:
    prop = _changeable(call.store, call.params["property_id"])
    call.store.delete_property(prop.id)
    return reply(message="Property successfully deleted", code="PROPERTY_DELETED")


@route("GET", "/api/v1/property_categories", "GetCategories")
def list_categories(call: Call) -> Reply:
    context = call.query_choice("context", ("usr", "org"))
    categories = call.store.property_categories.all()
    if context:
        categories = [c for c in categories if c.context == context]
    page, more = cursor_page(call, categories, lambda c: c.id)
    items = [{"id": c.id, "name": c.name} for c in page]
    return reply(code="OK", message="Success", categories=items, has_more=more)


@route("POST", "/api/v1/property_categories", "CreateCategory")
def create_category(call: Call) -> Reply:
    body = call.body(CreateCategory)
    category = call.store.property_categories.add(
        PropertyCategory(id=ids.category_id(), name=body.name, context=body.context)
    )
    return reply(
        201,
        message="Category successfully created",
        code="CATEGORY_CREATED",
        category={"id": category.id},
    )


@route("PUT", "/api/v1/property_categories/{category_id}", "UpdateCategory")
def update_category(call: Call) -> Reply:
    category = _lookup.category(call.store, call.params["category_id"])
    body = call.body(UpdateCategory)
    if body.name is not None:
        category.name = body.name
    return reply(message="Category successfully updated", code="CATEGORY_UPDATED")
