"""Find existing Kinde objects from a Pulumi program, as plain values.

``get_*`` finds one object by id or by its natural key (a role's key, an API's audience, an
organization's handle ...) and returns :class:`Found`: its id and the same typed state the
resource would read. ``list_*`` returns Kinde's list entries, filtered by exact field values
(each object once, even when Kinde's pages shift while objects change; a field Kinde returns
as null counts as absent). Each ``get_*`` has an ``*_output`` twin that takes
``pulumi.Input`` values and returns an ``Output``. A few read facts of the environment
(:func:`get_environment`, :func:`list_event_types`, :func:`list_timezones`,
:func:`list_industries`) and return them as dicts.

Lookups run in the program process and read the stack config (``kinde:domain`` ...) or the
``KINDE_*`` environment, like the provider; ``profile`` picks another business. They live
in one module per area (``core``, ``access``, ``people``, ``settings``, ``environment``);
import them from here.
"""

from __future__ import annotations

from ._base import Found, KindeLookupError
from .access import (
    get_api_scope,
    get_api_scope_output,
    get_system_permission,
    get_system_permission_output,
    list_api_applications,
    list_api_scopes,
    list_application_connections,
    list_organization_connections,
    list_role_system_permissions,
    list_system_permissions,
)
from .core import (
    get_api,
    get_api_output,
    get_application,
    get_application_output,
    get_connection,
    get_connection_output,
    get_organization,
    get_organization_output,
    get_permission,
    get_permission_output,
    get_role,
    get_role_output,
    get_webhook,
    get_webhook_output,
    list_apis,
    list_applications,
    list_connections,
    list_organizations,
    list_permissions,
    list_roles,
    list_webhooks,
)
from .environment import (
    get_environment,
    list_event_types,
    list_industries,
    list_timezones,
)
from .people import (
    get_organization_user,
    get_organization_user_output,
    get_user,
    get_user_output,
    list_organization_users,
    list_user_properties,
    list_users,
)
from .settings import (
    get_business,
    get_environment_variable,
    get_environment_variable_output,
    get_feature_flag,
    get_feature_flag_output,
    get_property,
    get_property_category,
    get_property_category_output,
    get_property_output,
    list_application_properties,
    list_environment_variables,
    list_feature_flags,
    list_organization_feature_flags,
    list_organization_properties,
    list_properties,
    list_property_categories,
)

__all__ = [
    "Found",
    "KindeLookupError",
    "get_api",
    "get_api_output",
    "get_api_scope",
    "get_api_scope_output",
    "get_application",
    "get_application_output",
    "get_business",
    "get_connection",
    "get_connection_output",
    "get_environment",
    "get_environment_variable",
    "get_environment_variable_output",
    "get_feature_flag",
    "get_feature_flag_output",
    "get_organization",
    "get_organization_output",
    "get_organization_user",
    "get_organization_user_output",
    "get_permission",
    "get_permission_output",
    "get_property",
    "get_property_category",
    "get_property_category_output",
    "get_property_output",
    "get_role",
    "get_role_output",
    "get_system_permission",
    "get_system_permission_output",
    "get_user",
    "get_user_output",
    "get_webhook",
    "get_webhook_output",
    "list_api_applications",
    "list_api_scopes",
    "list_apis",
    "list_application_connections",
    "list_application_properties",
    "list_applications",
    "list_connections",
    "list_environment_variables",
    "list_event_types",
    "list_feature_flags",
    "list_industries",
    "list_organization_connections",
    "list_organization_feature_flags",
    "list_organization_properties",
    "list_organization_users",
    "list_organizations",
    "list_permissions",
    "list_properties",
    "list_property_categories",
    "list_role_system_permissions",
    "list_roles",
    "list_system_permissions",
    "list_timezones",
    "list_user_properties",
    "list_users",
    "list_webhooks",
]
