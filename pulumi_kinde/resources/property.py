"""Kinde custom properties: extra fields of organizations, users or applications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pulumi
from pulumi.dynamic import CheckFailure, CheckResult
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient
from ._fields import Replace, WriteOnly, validating_inputs
from ._ids import single_id
from ._listing import find_listed, find_one
from ._provider import Change, KindeArgs, KindeProvider, KindeResourceError, Rollback, defaults
from ._resource import KindeResource, declared
from ._values import contains_unknown, user_props
from .property_category import Context, verify_context

__all__ = ["Property", "PropertyArgs", "PropertyProvider"]

_PATH = "/api/v1/properties"
PropertyType = Literal["single_line_text", "multi_line_text"]


CategoryId = Annotated[str, Field(min_length=1), single_id("PropertyCategory.id")]
_WRITTEN = ("name", "description", "is_private", "category_id")
"""What Kinde's update of a property writes, all at once."""


class PropertyArgs(KindeArgs):
    key: Annotated[str, Replace, Field(pattern=r"^[a-z0-9_]{1,128}$")]
    name: Annotated[str, Field(min_length=1, max_length=255)]
    context: Annotated[Context, Replace, WriteOnly]
    # Required, except for an adopted property (import_id): Kinde never shows either, so
    # left out they stay as Kinde has them.
    category_id: Annotated[CategoryId | None, WriteOnly, Field(validate_default=True)] = None
    type: Annotated[PropertyType | None, Replace, WriteOnly] = None
    description: str | None = None
    is_private: bool = False

    @field_validator("category_id")
    @classmethod
    def _needed_to_create(cls, value: str | None, info: ValidationInfo) -> str | None:
        """required, but for an adopted property (import_id)"""
        if value is None and validating_inputs(info.context) and not info.data.get("import_id"):
            raise ValueError(
                "is required to create a property (only an adopted one, with import_id, may "
                "leave it out)"
            )
        return value


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
    assigned = defaults(type="single_line_text")

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        if result.failures or contains_unknown(result.inputs):
            return result
        unknown_category = _unknown_category(user_props(olds), result.inputs)
        return result if unknown_category is None else CheckResult(news, [unknown_category])

    def taken_as_declared(self, live: PropertyState) -> frozenset[str]:
        # Kinde never shows which category holds a property: adoption cannot tell whether
        # the declared one matches, so it takes it as declared and writes nothing (a later
        # change of it is written). The type cannot change in place: it is taken as declared
        # anyway (see replaced_fields).
        return frozenset({"category_id"})

    def replaced_fields(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], changed: list[str]
    ) -> list[str]:
        # Kinde never shows a property's type: one adopted without it has none known, and a
        # type declared later is taken as declared (nothing to write), not a replacement
        # that would lose every value of the property.
        replaced = super().replaced_fields(olds, news, changed)
        return [n for n in replaced if not (n == "type" and olds.get("type") is None)]

    def create_object(
        self, api: KindeClient, args: PropertyArgs, rollback: Rollback
    ) -> tuple[str, PropertyState]:
        body = {"type": self.assigned["type"]}
        body.update(args.model_dump(exclude={"import_id"}, exclude_none=True))
        created = api.post(_PATH, body, operation=f"create property {args.key!r}")
        return str(created["property"]["id"]), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> PropertyState | None:
        # No GET of one property, and the list omits type, context and category.
        found = find_listed(api, _PATH, "properties", id_, style="starting_after")
        if found is None:
            return None
        return PropertyState(
            key=found["key"],
            name=found["name"],
            description=found.get("description"),
            is_private=bool(found.get("is_private")),
        )

    def find_created(self, api: KindeClient, args: PropertyArgs) -> str | None:
        return find_one(api, _PATH, "properties", {"key": args.key}, style="starting_after")

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
        if not change.any(*_WRITTEN):
            return state  # only a type, unknown since adoption, taken as declared
        if state.category_id is None:
            raise KindeResourceError(
                f"property {id_!r}: update: declare category_id: Kinde's update writes the "
                "category, which it never shows"
            )
        api.put(f"{_PATH}/{id_}", state.model_dump(include=set(_WRITTEN), exclude_none=True))
        return state

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_PATH}/{id_}")


def _unknown_category(olds: Mapping[str, Any], news: Mapping[str, Any]) -> CheckFailure | None:
    """A failure when a change must write a category nobody declared: an adopted property
    left out its category, which Kinde never shows, and its update writes one. ``olds`` and
    ``news`` are the last and the new checked inputs."""
    if not olds or news.get("category_id") is not None or olds.get("category_id") is not None:
        return None
    changed = [n for n in _WRITTEN if olds.get(n) != news.get(n)]
    if not changed:
        return None
    return CheckFailure(
        "category_id",
        f"property argument 'category_id' is required to change {', '.join(changed)}: "
        "Kinde's update writes the category too, and never shows it",
    )


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
        write-only. Adoption checks the context through the list's filter and takes the
        type and category as declared, writing neither; an adopted property may leave them
        out, keeping Kinde's (its category must be declared before a change of ``name``,
        ``description`` or ``is_private``, which Kinde writes with it). A type declared
        after an adoption that left it out is taken as declared, not a replacement.
    :limitation: A property's key, context and type cannot change: changing one replaces the
        property, and its values are lost.
    :param resource_name: the Pulumi name of this resource.
    :param key: the property's key, unique in the business (lowercase letters, digits,
        ``_``); changing it replaces the property (and loses its values).
    :param name: the property's display name.
    :param context: whose property it is: ``"org"``, ``"usr"`` or ``"app"``; changing it
        replaces the property.
    :param category_id: the id of its category (``PropertyCategory``) of the same context
        (required, but for an adopted property).
    :param type: ``"single_line_text"`` (default for a new property) or
        ``"multi_line_text"``; changing it replaces the property.
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
    category_id: pulumi.Output[str | None]
    """The id of its category, as last written or declared (write-only)."""
    type: pulumi.Output[str | None]
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
        category_id: pulumi.Input[str] | None = None,
        type: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        is_private: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
