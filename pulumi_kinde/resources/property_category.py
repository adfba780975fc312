"""Kinde property categories: groups of custom properties, per context (org, usr, app)."""

from __future__ import annotations

from typing import Annotated, Literal

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Replace, WriteOnly
from ._listing import list_all
from ._provider import Change, KindeArgs, KindeProvider, KindeResourceError, Rollback
from ._resource import KindeResource, declared

__all__ = ["PropertyCategory", "PropertyCategoryArgs", "PropertyCategoryProvider"]

_PATH = "/api/v1/property_categories"
Context = Literal["org", "usr", "app"]


def verify_context(
    api: KindeClient,
    kind: str,
    path: str,
    items_key: str,
    id_: str,
    declared_context: str,
    filterable: tuple[str, ...],
) -> None:
    """Fail when object ``id_`` exists in another context than ``declared_context``.

    Kinde's lists do not show an object's context but filter by it (``?context=``) for the
    contexts in ``filterable``; an object listed under none of them has the one left over.
    """
    found = None
    for context in filterable:
        listed = api.paginate(path, items_key, {"context": context}, style="starting_after")
        if any(item.get("id") == id_ for item in listed):
            found = context
            break
    leftover = sorted({"org", "usr", "app"} - set(filterable))
    if found is None and len(leftover) == 1:
        everything = list_all(api, path, items_key, style="starting_after")
        found = leftover[0] if any(i.get("id") == id_ for i in everything) else None
    if found is not None and found != declared_context:
        raise KindeResourceError(
            f"{kind} {id_!r}: adopt: its context is {found!r} in Kinde, not "
            f"{declared_context!r}; a context cannot change: declare {found!r}"
        )


class PropertyCategoryArgs(KindeArgs):
    name: Annotated[str, Field(min_length=1, max_length=255)]
    context: Annotated[Context, Replace, WriteOnly]


class PropertyCategoryState(KindeArgs):
    name: str
    context: Context | None = None


class PropertyCategoryProvider(KindeProvider[PropertyCategoryArgs, PropertyCategoryState]):
    kind = "property category"
    args_model = PropertyCategoryArgs
    state_model = PropertyCategoryState

    def create_object(
        self, api: KindeClient, args: PropertyCategoryArgs, rollback: Rollback
    ) -> tuple[str, PropertyCategoryState]:
        body = api.post(
            _PATH,
            args.model_dump(exclude={"import_id"}),
            operation=f"create property category {args.name!r}",
        )
        return str(body["category"]["id"]), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> PropertyCategoryState | None:
        everything = list_all(api, _PATH, "categories", style="starting_after")
        found = next((c for c in everything if c.get("id") == id_), None)
        return None if found is None else PropertyCategoryState(name=found["name"])

    def verify_adoption(self, api: KindeClient, id_: str, args: PropertyCategoryArgs) -> None:
        # Kinde does not show a category's context: check it through the list's filter.
        verify_context(api, self.kind, _PATH, "categories", id_, args.context, ("org", "usr"))

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[PropertyCategoryArgs, PropertyCategoryState],
    ) -> PropertyCategoryState:
        api.put(f"{_PATH}/{id_}", {"name": change.new.name})
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        pulumi.log.warn(
            f"property category {id_!r}: Kinde has no way to delete a property category; "
            "it stays in Kinde and is no longer managed by Pulumi"
        )


class PropertyCategory(KindeResource, module="kinde", name="PropertyCategory"):
    """A Kinde property category: a named group of custom properties of one context.

    Example::

        import pulumi_kinde as kinde

        kinde.PropertyCategory("billing", name="Billing", context="org")

    :id: the category's id
    :find_id: In Kinde: categories are chosen when adding a property (*Settings > Data
        management > Properties*); ``GET /api/v1/property_categories`` gives their ids.
    :scopes: ``cru:property_categories``
    :limitation: Kinde cannot delete a category: deleting (or replacing) this resource only
        removes it from the stack, with a warning; the category stays in Kinde.
    :limitation: Kinde does not show a category's context: refresh keeps the declared one,
        and adoption checks it through the list's context filter.
    :param resource_name: the Pulumi name of this resource.
    :param name: the category's name.
    :param context: what its properties describe: ``"org"`` (organizations), ``"usr"``
        (users) or ``"app"`` (applications); changing it creates a new category.
    :param import_id: the id of an existing category to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = PropertyCategoryProvider

    name: pulumi.Output[str]
    """The category's name."""
    context: pulumi.Output[str]
    """What its properties describe, as declared (write-only)."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        context: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
