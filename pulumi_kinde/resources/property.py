"""Kinde custom properties: extra fields of organizations, users or applications."""

from __future__ import annotations

from typing import Annotated, Literal

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Replace, WriteOnly
from ._ids import single_id
from ._listing import list_all
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared
from .property_category import Context, verify_context

__all__ = ["Property", "PropertyArgs", "PropertyProvider"]

_PATH = "/api/v1/properties"
PropertyType = Literal["single_line_text", "multi_line_text"]


class PropertyArgs(KindeArgs):
    key: Annotated[str, Replace, Field(pattern=r"^[a-z0-9_]{1,128}$")]
    name: Annotated[str, Field(min_length=1, max_length=255)]
    context: Annotated[Context, Replace, WriteOnly]
    category_id: Annotated[str, WriteOnly, Field(min_length=1), single_id("PropertyCategory.id")]
    type: Annotated[PropertyType, Replace, WriteOnly] = "single_line_text"
    description: str | None = None
    is_private: bool = False


class PropertyState(KindeArgs):
    key: str
    name: str
    context: Context | None = None
    category_id: str | None = None
    type: PropertyType | None = None
    description: str | None = None
    is_private: bool = False


class PropertyProvider(KindeProvider[PropertyArgs, PropertyState]):
    kind = "property"
    unique = (("key",),)
    args_model = PropertyArgs
    state_model = PropertyState
    delete_before_replace = True  # the key is unique, and usually kept by a replacement

    def create_object(
        self, api: KindeClient, args: PropertyArgs, rollback: Rollback
    ) -> tuple[str, PropertyState]:
        body = args.model_dump(exclude={"import_id"}, exclude_none=True)
        created = api.post(_PATH, body, operation=f"create property {args.key!r}")
        return str(created["property"]["id"]), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> PropertyState | None:
        # No GET of one property, and the list omits type, context and category.
        everything = list_all(api, _PATH, "properties", style="starting_after")
        found = next((p for p in everything if p.get("id") == id_), None)
        if found is None:
            return None
        return PropertyState(
            key=found["key"],
            name=found["name"],
            description=found.get("description"),
            is_private=bool(found.get("is_private")),
        )

    def find_created(self, api: KindeClient, args: PropertyArgs) -> str | None:
        everything = list_all(api, _PATH, "properties", style="starting_after")
        return next((str(p["id"]) for p in everything if p.get("key") == args.key), None)

    def verify_adoption(self, api: KindeClient, id_: str, args: PropertyArgs) -> None:
        # Kinde shows neither context nor type: the context is checked through the list's
        # filter; the type (which cannot change) is taken as declared.
        contexts = ("org", "usr", "app")
        verify_context(api, self.kind, _PATH, "properties", id_, args.context, contexts)

    def update_object(
        self, api: KindeClient, id_: str, change: Change[PropertyArgs, PropertyState]
    ) -> PropertyState:
        # Kinde's update replaces every field: send the last known value of undeclared ones.
        state = change.merged()
        body = state.model_dump(
            include={"name", "description", "is_private", "category_id"}, exclude_none=True
        )
        api.put(f"{_PATH}/{id_}", body)
        return state

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_PATH}/{id_}")


class Property(KindeResource, module="kinde", name="Property"):
    """A Kinde custom property: a field every organization, user or application of the business
    can hold a value for.

    Set values with ``OrganizationProperty``, ``UserProperty`` and ``ApplicationProperty``.

    Example::

        import pulumi_kinde as kinde

        billing = kinde.PropertyCategory("billing", name="Billing", context="org")
        kinde.Property("tier", key="tier", name="Tier", context="org", category_id=billing.id)

    :id: the property's id (``prop_...``)
    :find_id: In Kinde: *Settings > Data management > Properties* lists the properties by
        key; ``GET /api/v1/properties`` gives their ids.
    :scopes: ``crud:properties``
    :limitation: Kinde does not show a property's type, context or category: they are
        write-only (adoption checks the context through the list's filter, takes the type as
        declared and writes the category once).
    :limitation: A property's key, context and type cannot change: changing one replaces the
        property, and its values are lost.
    :param resource_name: the Pulumi name of this resource.
    :param key: the property's key, unique in the business (lowercase letters, digits,
        ``_``); changing it replaces the property (and loses its values).
    :param name: the property's display name.
    :param context: whose property it is: ``"org"``, ``"usr"`` or ``"app"``; changing it
        replaces the property.
    :param category_id: the id of its category (``PropertyCategory``) of the same context.
    :param type: ``"single_line_text"`` (default) or ``"multi_line_text"``; changing it
        replaces the property.
    :param description: what the property holds.
    :param is_private: keep the value out of tokens (default ``False``).
    :param import_id: the id of an existing property to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = PropertyProvider

    key: pulumi.Output[str]
    """The property's key."""
    name: pulumi.Output[str]
    """The property's display name."""
    context: pulumi.Output[str]
    """Whose property it is: ``org``, ``usr`` or ``app`` (write-only)."""
    category_id: pulumi.Output[str]
    """The id of its category, as last written (write-only)."""
    type: pulumi.Output[str]
    """``single_line_text`` or ``multi_line_text``, as declared (write-only)."""
    description: pulumi.Output[str | None]
    """What the property holds."""
    is_private: pulumi.Output[bool]
    """Whether the value stays out of tokens."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        name: pulumi.Input[str],
        context: pulumi.Input[str],
        category_id: pulumi.Input[str],
        type: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        is_private: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
