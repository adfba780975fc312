"""The emulator's in-memory state: typed records in collections, behind one lock.

Tests reach it as ``emulator.store`` to change or delete objects behind a client's back::

    emu.store.roles.update(role_id, name="Renamed")    # drift
    emu.store.delete_role(role_id)                      # out-of-band delete, with cascade
    emu.store.permissions.find(key="read:things")       # look something up

``Collection.remove`` removes one record only; the ``Store.delete_*`` methods also drop the
references other records hold to it, as Kinde does (deleting a permission takes it off every
role, deleting an application de-authorizes it from every API, ...). Every method takes the
store's lock, a re-entrant lock the server also holds while a request handler runs.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from pulumi_kinde.emulator import catalog, ids
from pulumi_kinde.emulator import records_access as access
from pulumi_kinde.emulator import records_security as security
from pulumi_kinde.emulator import records_settings as settings
from pulumi_kinde.emulator.records import (
    Api,
    ApiScope,
    Application,
    Connection,
    Organization,
    Permission,
    Property,
    PropertyCategory,
    Role,
    Webhook,
)
from pulumi_kinde.emulator.records_users import Identity, OrganizationUser, User

__all__ = [
    "Api",
    "ApiScope",
    "Application",
    "Collection",
    "Connection",
    "Organization",
    "Permission",
    "Property",
    "PropertyCategory",
    "Role",
    "Store",
    "Webhook",
]


Record = TypeVar("Record")


class Collection(Generic[Record]):
    """Records of one kind (dataclass ``record_type``), keyed by ``key_attr``, in insertion
    order."""

    def __init__(
        self,
        name: str,
        lock: threading.RLock,
        record_type: type[Record],
        key_attr: str = "id",
    ) -> None:
        self.name = name
        self.record_type = record_type
        self.key_attr = key_attr
        self._lock = lock
        self._items: dict[str, Record] = {}

    def key_of(self, record: Record) -> str:
        """The key of ``record``."""
        key = getattr(record, self.key_attr)
        assert isinstance(key, str)
        return key

    def get(self, key: str) -> Record | None:
        """The record with ``key``, or None."""
        with self._lock:
            return self._items.get(key)

    def all(self) -> list[Record]:
        """Every record, oldest first."""
        with self._lock:
            return list(self._items.values())

    def find(self, **equals: Any) -> Record | None:
        """The first record whose attributes equal ``equals``, or None."""
        return next(iter(self.filter(**equals)), None)

    def filter(
        self, predicate: Callable[[Record], bool] | None = None, **equals: Any
    ) -> list[Record]:
        """Records matching ``predicate`` and whose attributes equal ``equals``."""
        with self._lock:
            return [
                record
                for record in self._items.values()
                if all(getattr(record, k) == v for k, v in equals.items())
                and (predicate is None or predicate(record))
            ]

    def add(self, record: Record) -> Record:
        """Insert ``record`` (replacing one with the same key)."""
        with self._lock:
            self._items[self.key_of(record)] = record
        return record

    def update(self, key: str, **changes: Any) -> Record:
        """Set attributes of the record with ``key``; KeyError when there is none."""
        with self._lock:
            record = self._items[key]
            for attr, value in changes.items():
                if not hasattr(record, attr):
                    raise AttributeError(f"{type(record).__name__} has no field {attr!r}")
                setattr(record, attr, value)
            return record

    def remove(self, key: str) -> Record | None:
        """Remove and return the record with ``key`` (None when absent); no cascade."""
        with self._lock:
            return self._items.pop(key, None)

    def clear(self) -> None:
        """Remove every record."""
        with self._lock:
            self._items.clear()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.all())


_BUILTIN_CONNECTIONS = (
    ("Email + password", "Email + password", "email:password"),
    ("Email (passwordless)", "Email", "email:otp"),
    ("Google", "Google", "oauth2:google"),
)


class Store:
    """All of the emulator's state."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.apis: Collection[Api] = Collection("apis", self.lock, Api)
        self.api_scopes: Collection[ApiScope] = Collection("api_scopes", self.lock, ApiScope)
        self.applications: Collection[Application] = Collection(
            "applications", self.lock, Application
        )
        self.connections: Collection[Connection] = Collection("connections", self.lock, Connection)
        self.organizations: Collection[Organization] = Collection(
            "organizations", self.lock, Organization, key_attr="code"
        )
        self.roles: Collection[Role] = Collection("roles", self.lock, Role)
        self.permissions: Collection[Permission] = Collection("permissions", self.lock, Permission)
        self.webhooks: Collection[Webhook] = Collection("webhooks", self.lock, Webhook)
        self.property_categories: Collection[PropertyCategory] = Collection(
            "property_categories", self.lock, PropertyCategory
        )
        self.properties: Collection[Property] = Collection("properties", self.lock, Property)
        self.users: Collection[User] = Collection("users", self.lock, User)
        self.identities: Collection[Identity] = Collection("identities", self.lock, Identity)
        self.organization_users: Collection[OrganizationUser] = Collection(
            "organization_users", self.lock, OrganizationUser
        )
        # Business settings (records_settings): flags and overrides, variables, property values.
        self.feature_flags: Collection[settings.FeatureFlag] = Collection(
            "feature_flags", self.lock, settings.FeatureFlag, key_attr="key"
        )
        self.environment_feature_flags: Collection[settings.FlagOverride] = Collection(
            "environment_feature_flags", self.lock, settings.FlagOverride
        )
        self.organization_feature_flags: Collection[settings.FlagOverride] = Collection(
            "organization_feature_flags", self.lock, settings.FlagOverride
        )
        self.user_feature_flags: Collection[settings.FlagOverride] = Collection(
            "user_feature_flags", self.lock, settings.FlagOverride
        )
        self.environment_variables: Collection[settings.EnvironmentVariable] = Collection(
            "environment_variables", self.lock, settings.EnvironmentVariable
        )
        self.businesses: Collection[settings.Business] = Collection(
            "businesses", self.lock, settings.Business, key_attr="code"
        )
        self.organization_properties: Collection[settings.PropertyValue] = Collection(
            "organization_properties", self.lock, settings.PropertyValue
        )
        self.user_properties: Collection[settings.PropertyValue] = Collection(
            "user_properties", self.lock, settings.PropertyValue
        )
        # Security policy, logos, API keys and SCIM directories (records_security).
        self.api_keys: Collection[security.ApiKey] = Collection(
            "api_keys", self.lock, security.ApiKey
        )
        self.api_key_values: dict[str, str] = {}
        """Each API key's current value, by key id (outside the snapshot: see ApiKey)."""
        self.directories: Collection[security.Directory] = Collection(
            "directories", self.lock, security.Directory
        )
        self.logos: Collection[security.Logo] = Collection("logos", self.lock, security.Logo)
        self.mfa_policies: Collection[security.MfaPolicy] = Collection(
            "mfa_policies", self.lock, security.MfaPolicy, key_attr="owner"
        )
        self.passkey_policies: Collection[security.PasskeyPolicy] = Collection(
            "passkey_policies", self.lock, security.PasskeyPolicy, key_attr="owner"
        )
        self.session_policies: Collection[security.SessionPolicy] = Collection(
            "session_policies", self.lock, security.SessionPolicy, key_attr="org_code"
        )
        # What Kinde defines, not the business (records_access): system permissions, the
        # environment.
        self.environments: Collection[access.Environment] = Collection(
            "environments", self.lock, access.Environment, key_attr="code"
        )
        self.system_permissions: Collection[access.SystemPermission] = Collection(
            "system_permissions", self.lock, access.SystemPermission
        )

    def collections(self) -> dict[str, Collection[Any]]:
        """Every collection, by name."""
        return {value.name: value for value in vars(self).values() if isinstance(value, Collection)}

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A deep copy of every record as plain data: ``{collection: {key: fields}}``."""
        with self.lock:
            return {
                name: {
                    collection.key_of(record): dataclasses.asdict(record)
                    for record in collection.all()
                }
                for name, collection in self.collections().items()
            }

    def seed(self, management_audience: str, created_on: str) -> None:
        """Add what every Kinde business starts with: the Management API with its scopes,
        the default organization, the built-in connections and Kinde's user properties."""
        with self.lock:
            api = self.apis.add(
                Api(
                    id=ids.api_id(),
                    name="Kinde Management API",
                    audience=management_audience,
                    is_management_api=True,
                )
            )
            for scope in sorted(catalog.all_scopes()):
                self.api_scopes.add(ApiScope(id=ids.api_scope_id(), api_id=api.id, key=scope))
            self.organizations.add(
                Organization(
                    code=ids.org_code(),
                    name="Default Organization",
                    created_on=created_on,
                    is_default=True,
                )
            )
            for name, display_name, strategy in _BUILTIN_CONNECTIONS:
                self.connections.add(
                    Connection(
                        id=ids.connection_id(),
                        name=name,
                        display_name=display_name,
                        strategy=strategy,
                        is_builtin=True,
                    )
                )
            category = self.property_categories.add(
                PropertyCategory(id=ids.category_id(), name="Kinde properties", context="usr")
            )
            for key, name in (("kp_usr_city", "City"), ("kp_usr_industry", "Industry")):
                self.properties.add(
                    Property(
                        id=ids.property_id(),
                        key=key,
                        name=name,
                        type="single_line_text",
                        context="usr",
                        is_private=False,
                        category_id=category.id,
                        is_kinde_property=True,
                    )
                )
            self.environments.add(
                access.Environment(code="production", name="Production", created_on=created_on)
            )
            for key, name, description in access.SYSTEM_PERMISSIONS:
                self.system_permissions.add(
                    access.SystemPermission(
                        id=access.system_permission_id(key),
                        key=key,
                        name=name,
                        description=description,
                    )
                )

    # Deletes that also drop references, as the live service does.

    def delete_api(self, api_id: str) -> Api | None:
        """Delete an API and its scopes (and those scopes' role assignments)."""
        with self.lock:
            for scope in self.api_scopes.filter(api_id=api_id):
                self.delete_api_scope(scope.id)
            return self.apis.remove(api_id)

    def delete_api_scope(self, scope_id: str) -> ApiScope | None:
        """Delete an API scope and take it off roles, authorized applications and members."""
        with self.lock:
            for role in self.roles.all():
                _discard(role.scope_ids, scope_id)
            scope = self.api_scopes.get(scope_id)
            for membership in self.organization_users.all():
                if scope is not None:
                    _discard(membership.api_scopes, f"{scope.api_id}/{scope_id}")
            for api in self.apis.all():
                for scope_ids in api.application_scopes.values():
                    _discard(scope_ids, scope_id)
            return self.api_scopes.remove(scope_id)

    def delete_application(self, application_id: str) -> Application | None:
        """Delete an application, de-authorizing it and disabling its connections."""
        with self.lock:
            for api in self.apis.all():
                _discard(api.application_ids, application_id)
                api.application_scopes.pop(application_id, None)
            for connection in self.connections.all():
                _discard(connection.application_ids, application_id)
            return self.applications.remove(application_id)

    def delete_connection(self, connection_id: str) -> Connection | None:
        """Delete a connection (its enablements live on it and go with it)."""
        with self.lock:
            return self.connections.remove(connection_id)

    def delete_organization(self, code: str) -> Organization | None:
        """Delete an organization and what is scoped to it."""
        with self.lock:
            for connection in self.connections.all():
                _discard(connection.organization_codes, code)
                if connection.organization_code == code:
                    self.connections.remove(connection.id)
            for application in self.applications.all():
                if application.org_code == code:
                    self.delete_application(application.id)
            for membership in self.organization_users.filter(org_code=code):
                self.organization_users.remove(membership.id)
            self._delete_owned_by_organization(code)
            return self.organizations.remove(code)

    def _delete_owned_by_organization(self, code: str) -> None:
        """Drop an organization's policies, logos, API keys and SCIM directories."""
        for policies in (self.mfa_policies, self.passkey_policies, self.session_policies):
            policies.remove(code)
        for logo in self.logos.filter(owner=code):
            self.logos.remove(logo.id)
        for key in self.api_keys.filter(org_code=code):
            self.delete_api_key(key.id)
        for directory in self.directories.filter(org_code=code):
            self.directories.remove(directory.id)

    def delete_api_key(self, key_id: str) -> security.ApiKey | None:
        """Delete an API key and forget its value."""
        with self.lock:
            self.api_key_values.pop(key_id, None)
            return self.api_keys.remove(key_id)

    def delete_role(self, role_id: str) -> Role | None:
        """Delete a role and take it off applications' access roles."""
        with self.lock:
            for application in self.applications.all():
                _discard(application.access_role_ids, role_id)
            for membership in self.organization_users.all():
                _discard(membership.role_ids, role_id)
            return self.roles.remove(role_id)

    def delete_permission(self, permission_id: str) -> Permission | None:
        """Delete a permission and take it off every role."""
        with self.lock:
            for role in self.roles.all():
                _discard(role.permission_ids, permission_id)
                if role.assignment_permission_id == permission_id:
                    role.assignment_permission_id = None
            for membership in self.organization_users.all():
                _discard(membership.permission_ids, permission_id)
            return self.permissions.remove(permission_id)

    def delete_webhook(self, webhook_id: str) -> Webhook | None:
        """Delete a webhook."""
        return self.webhooks.remove(webhook_id)

    def delete_user(self, user_id: str) -> User | None:
        """Delete a user with its identities and organization memberships."""
        with self.lock:
            for identity in self.identities.filter(user_id=user_id):
                self.identities.remove(identity.id)
            for membership in self.organization_users.filter(user_id=user_id):
                self.organization_users.remove(membership.id)
            for key in self.api_keys.filter(user_id=user_id):
                self.delete_api_key(key.id)
            return self.users.remove(user_id)

    def delete_property(self, property_id: str) -> Property | None:
        """Delete a property definition and the values set for it."""
        with self.lock:
            prop = self.properties.remove(property_id)
            if prop is not None:
                for application in self.applications.all():
                    application.properties.pop(prop.key, None)
            return prop


def _discard(values: list[str], value: str) -> None:
    while value in values:
        values.remove(value)
