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
import them from here (each area module loads when one of its names is first used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import exports

if TYPE_CHECKING:
    from ._base import Found as Found
    from ._base import KindeLookupError as KindeLookupError
    from .access import get_api_scope as get_api_scope
    from .access import get_api_scope_output as get_api_scope_output
    from .access import get_system_permission as get_system_permission
    from .access import get_system_permission_output as get_system_permission_output
    from .access import list_api_applications as list_api_applications
    from .access import list_api_scopes as list_api_scopes
    from .access import list_application_connections as list_application_connections
    from .access import list_organization_connections as list_organization_connections
    from .access import list_role_system_permissions as list_role_system_permissions
    from .access import list_system_permissions as list_system_permissions
    from .core import get_api as get_api
    from .core import get_api_output as get_api_output
    from .core import get_application as get_application
    from .core import get_application_output as get_application_output
    from .core import get_connection as get_connection
    from .core import get_connection_output as get_connection_output
    from .core import get_organization as get_organization
    from .core import get_organization_output as get_organization_output
    from .core import get_permission as get_permission
    from .core import get_permission_output as get_permission_output
    from .core import get_role as get_role
    from .core import get_role_output as get_role_output
    from .core import get_webhook as get_webhook
    from .core import get_webhook_output as get_webhook_output
    from .core import list_apis as list_apis
    from .core import list_applications as list_applications
    from .core import list_connections as list_connections
    from .core import list_organizations as list_organizations
    from .core import list_permissions as list_permissions
    from .core import list_roles as list_roles
    from .core import list_webhooks as list_webhooks
    from .environment import get_environment as get_environment
    from .environment import list_event_types as list_event_types
    from .environment import list_industries as list_industries
    from .environment import list_timezones as list_timezones
    from .people import get_organization_user as get_organization_user
    from .people import get_organization_user_output as get_organization_user_output
    from .people import get_user as get_user
    from .people import get_user_output as get_user_output
    from .people import list_organization_users as list_organization_users
    from .people import list_user_properties as list_user_properties
    from .people import list_users as list_users
    from .settings import get_business as get_business
    from .settings import get_environment_variable as get_environment_variable
    from .settings import get_environment_variable_output as get_environment_variable_output
    from .settings import get_feature_flag as get_feature_flag
    from .settings import get_feature_flag_output as get_feature_flag_output
    from .settings import get_property as get_property
    from .settings import get_property_category as get_property_category
    from .settings import get_property_category_output as get_property_category_output
    from .settings import get_property_output as get_property_output
    from .settings import list_application_properties as list_application_properties
    from .settings import list_environment_variables as list_environment_variables
    from .settings import list_feature_flags as list_feature_flags
    from .settings import list_organization_feature_flags as list_organization_feature_flags
    from .settings import list_organization_properties as list_organization_properties
    from .settings import list_properties as list_properties
    from .settings import list_property_categories as list_property_categories

_EXPORTS = {
    "Found": "._base",
    "KindeLookupError": "._base",
    "get_api": ".core",
    "get_api_output": ".core",
    "get_api_scope": ".access",
    "get_api_scope_output": ".access",
    "get_application": ".core",
    "get_application_output": ".core",
    "get_business": ".settings",
    "get_connection": ".core",
    "get_connection_output": ".core",
    "get_environment": ".environment",
    "get_environment_variable": ".settings",
    "get_environment_variable_output": ".settings",
    "get_feature_flag": ".settings",
    "get_feature_flag_output": ".settings",
    "get_organization": ".core",
    "get_organization_output": ".core",
    "get_organization_user": ".people",
    "get_organization_user_output": ".people",
    "get_permission": ".core",
    "get_permission_output": ".core",
    "get_property": ".settings",
    "get_property_category": ".settings",
    "get_property_category_output": ".settings",
    "get_property_output": ".settings",
    "get_role": ".core",
    "get_role_output": ".core",
    "get_system_permission": ".access",
    "get_system_permission_output": ".access",
    "get_user": ".people",
    "get_user_output": ".people",
    "get_webhook": ".core",
    "get_webhook_output": ".core",
    "list_api_applications": ".access",
    "list_api_scopes": ".access",
    "list_apis": ".core",
    "list_application_connections": ".access",
    "list_application_properties": ".settings",
    "list_applications": ".core",
    "list_connections": ".core",
    "list_environment_variables": ".settings",
    "list_event_types": ".environment",
    "list_feature_flags": ".settings",
    "list_industries": ".environment",
    "list_organization_connections": ".access",
    "list_organization_feature_flags": ".settings",
    "list_organization_properties": ".settings",
    "list_organization_users": ".people",
    "list_organizations": ".core",
    "list_permissions": ".core",
    "list_properties": ".settings",
    "list_property_categories": ".settings",
    "list_role_system_permissions": ".access",
    "list_roles": ".core",
    "list_system_permissions": ".access",
    "list_timezones": ".environment",
    "list_user_properties": ".people",
    "list_users": ".people",
    "list_webhooks": ".core",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = exports(__name__, _EXPORTS)
