"""Values of custom properties: one resource per value, for an organization, a user or an
application.

One value per resource rather than one resource owning an owner's whole map: Kinde writes
values one key at a time for every kind of owner (applications have no bulk endpoint), and
a value declared in one stack must not erase the values other stacks or the Kinde UI set on
the same organization or user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

import pulumi
from pulumi.dynamic import CheckFailure
from pydantic import Field

from ..client import KindeClient
from ._facts import declaration
from ._fields import Replace
from ._ids import OrganizationCode, UserId, join_id, split_id
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["ApplicationProperty", "OrganizationProperty", "UserProperty"]

_SINGLE = Field(pattern=r"^[^/\s]+$")
Owner = Annotated[str, Replace, _SINGLE]
OrganizationOwner = Annotated[OrganizationCode, Replace, _SINGLE]
UserOwner = Annotated[UserId, Replace, _SINGLE]
Key = Annotated[str, Replace, Field(pattern=r"^[a-z0-9_]{1,128}$")]
Value = Annotated[str, Field(min_length=1)]


class OrganizationPropertyArgs(KindeArgs):
    org_code: OrganizationOwner
    key: Key
    value: Value


class UserPropertyArgs(KindeArgs):
    user_id: UserOwner
    key: Key
    value: Value


class ApplicationPropertyArgs(KindeArgs):
    application_id: Owner
    key: Key
    value: Value


_OWNERS = {"org": "organizations'", "usr": "users'", "app": "applications'"}
_VALUES = {"org": "OrganizationProperty", "usr": "UserProperty", "app": "ApplicationProperty"}


class _ValueProvider(KindeProvider[Any, Any]):
    """One property value of one owner; the id is ``owner/key``."""

    context: ClassVar[str]
    """The context of the properties this owner holds values of (Kinde: PROPERTY_NOT_FOUND
    for a key of another context)."""
    owner_field: ClassVar[str]
    collection: ClassVar[str]
    """Path of the owner's values, e.g. ``/api/v1/organizations/{owner}/properties``."""

    def against_program(self, props: Mapping[str, Any], unknown: set[str]) -> list[CheckFailure]:
        found = super().against_program(props, unknown)
        key = None if "key" in unknown else props.get("key")
        prop = declaration(self.profile, "property", "key", key)
        if prop is None or not prop.known("context"):
            return found
        context = prop.values.get("context")
        if context not in _OWNERS or context == self.context:
            return found
        mistake = CheckFailure(
            "key",
            f"{self.kind} argument 'key': the property is {prop.said}, of context "
            f"{context!r} (for {_OWNERS[context]} values), and Kinde keeps {self.kind} values "
            f"only of properties of context {self.context!r}: use {_VALUES[context]} for it, "
            f"or declare a property of context {self.context!r}",
        )
        return [*found, mistake]

    def _split(self, id_: str) -> tuple[str, str]:
        owner, key = split_id(id_, self.kind, self.owner_field, "key")
        return owner, key

    def _put(self, api: KindeClient, owner: str, key: str, value: str) -> None:
        path = f"{self.collection.format(owner=owner)}/{key}"
        api.put(path, params={"value": value})

    def create_object(self, api: KindeClient, args: Any, rollback: Rollback) -> tuple[str, Any]:
        owner = getattr(args, self.owner_field)
        self._put(api, owner, args.key, args.value)
        return join_id(owner, args.key), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> Any:
        owner, key = self._split(id_)
        listed = api.get(self.collection.format(owner=owner)).get("properties") or []
        value = next((p.get("value") for p in listed if p.get("key") == key), None)
        if value in (None, ""):  # no value, or no such property
            return None
        return self.state_model.model_validate(
            {self.owner_field: owner, "key": key, "value": value}
        )

    def update_object(self, api: KindeClient, id_: str, change: Change[Any, Any]) -> Any:
        owner, key = self._split(id_)
        self._put(api, owner, key, change.new.value)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        owner, key = self._split(id_)
        # A null in the bulk update clears one value: Kinde has no delete of a value.
        api.patch(self.collection.format(owner=owner), {"properties": {key: None}})


class OrganizationPropertyProvider(_ValueProvider):
    kind = "organization property"
    context = "org"
    args_model = state_model = OrganizationPropertyArgs
    owner_field = "org_code"
    unique = (("org_code", "key"),)
    collection = "/api/v1/organizations/{owner}/properties"


class UserPropertyProvider(_ValueProvider):
    kind = "user property"
    context = "usr"
    args_model = state_model = UserPropertyArgs
    owner_field = "user_id"
    unique = (("user_id", "key"),)
    collection = "/api/v1/users/{owner}/properties"


class ApplicationPropertyProvider(_ValueProvider):
    kind = "application property"
    context = "app"
    args_model = state_model = ApplicationPropertyArgs
    owner_field = "application_id"
    unique = (("application_id", "key"),)
    collection = "/api/v1/applications/{owner}/properties"

    def _put(self, api: KindeClient, owner: str, key: str, value: str) -> None:
        api.put(f"{self.collection.format(owner=owner)}/{key}", {"value": value})

    def delete_object(self, api: KindeClient, id_: str) -> None:
        owner, key = self._split(id_)
        # Applications have no way to clear a value: an empty one reads as none.
        self._put(api, owner, key, "")


class OrganizationProperty(KindeResource, module="kinde", name="OrganizationProperty"):
    """An organization's value of a custom property.

    Example::

        import pulumi_kinde as kinde

        billing = kinde.PropertyCategory("billing", name="Billing", context="org")
        tier = kinde.Property(
            "tier",
            key="tier",
            name="Tier",
            context="org",
            category_id=billing.id,
        )
        acme = kinde.Organization("acme", name="Acme")
        kinde.OrganizationProperty("acme-tier", org_code=acme.code, key=tier.key, value="gold")

    :id: ``org_code/key``
    :find_id: In Kinde: *Organizations*, select the organization, then *Properties*. The two
        parts are the org code (see ``Organization``) and the property's key.
    :scopes: ``ru:organization_properties``
    :limitation: Kinde has no delete of a value: deleting this resource clears it.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code; changing it replaces this.
    :param key: the property's key (``Property.key``, of context ``org``); changing it
        replaces this.
    :param value: the value (a non-empty string).
    :param import_id: ``org_code/key`` of a value to adopt instead of setting one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationPropertyProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    key: pulumi.Output[str]
    """The property's key."""
    value: pulumi.Output[str]
    """The organization's value of the property."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        key: pulumi.Input[str],
        value: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class UserProperty(KindeResource, module="kinde", name="UserProperty"):
    """A user's value of a custom property.

    Example::

        import pulumi_kinde as kinde

        profile = kinde.PropertyCategory("profile", name="Profile", context="usr")
        city = kinde.Property(
            "city",
            key="city",
            name="City",
            context="usr",
            category_id=profile.id,
        )
        ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
        kinde.UserProperty("ada-city", user_id=ada.id, key=city.key, value="London")

    :id: ``user_id/key``
    :find_id: In Kinde: *Users*, select the user, then *Properties*. The two parts are the
        user's id (see ``User``) and the property's key.
    :scopes: ``ru:user_properties``
    :limitation: Kinde has no delete of a value: deleting this resource clears it.
    :param resource_name: the Pulumi name of this resource.
    :param user_id: the user's id (``kp_...``); changing it replaces this.
    :param key: the property's key (``Property.key``, of context ``usr``); changing it
        replaces this.
    :param value: the value (a non-empty string).
    :param import_id: ``user_id/key`` of a value to adopt instead of setting one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = UserPropertyProvider

    user_id: pulumi.Output[str]
    """The user's id."""
    key: pulumi.Output[str]
    """The property's key."""
    value: pulumi.Output[str]
    """The user's value of the property."""

    def __init__(
        self,
        resource_name: str,
        *,
        user_id: pulumi.Input[str],
        key: pulumi.Input[str],
        value: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class ApplicationProperty(KindeResource, module="kinde", name="ApplicationProperty"):
    """An application's value of a custom property.

    Example::

        import pulumi_kinde as kinde

        settings = kinde.PropertyCategory("app-settings", name="App settings", context="app")
        region = kinde.Property(
            "region", key="region", name="Region", context="app", category_id=settings.id
        )
        web = kinde.Application("web", name="Web", type="reg")
        kinde.ApplicationProperty(
            "web-region",
            application_id=web.id,
            key=region.key,
            value="emea",
        )

    :id: ``application_id/key``
    :find_id: In Kinde: *Settings > Applications*, *View details* on the application, then
        *Properties*. The two parts are the application's id (see ``Application``) and the
        property's key.
    :scopes: ``ru:application_properties``
    :limitation: Kinde cannot clear an application's value: deleting this resource sets it to
        an empty string, which Kinde shows as no value.
    :param resource_name: the Pulumi name of this resource.
    :param application_id: the application's id; changing it replaces this.
    :param key: the property's key (``Property.key``, of context ``app``); changing it
        replaces this.
    :param value: the value (a non-empty string).
    :param import_id: ``application_id/key`` of a value to adopt instead of setting one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApplicationPropertyProvider

    application_id: pulumi.Output[str]
    """The application's id."""
    key: pulumi.Output[str]
    """The property's key."""
    value: pulumi.Output[str]
    """The application's value of the property."""

    def __init__(
        self,
        resource_name: str,
        *,
        application_id: pulumi.Input[str],
        key: pulumi.Input[str],
        value: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
