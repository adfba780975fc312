"""Manage a Kinde business as code with Pulumi.

>>> import pulumi_kinde as kinde
>>> api = kinde.Api("backend", name="Backend", audience="https://api.example.com")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import exports
from .lookups import __all__ as _LOOKUPS
from .resources import __all__ as _RESOURCES

if TYPE_CHECKING:
    from . import lookups as lookups
    from .lookups import Found as Found
    from .lookups import KindeLookupError as KindeLookupError
    from .lookups import get_api as get_api
    from .lookups import get_api_output as get_api_output
    from .lookups import get_api_scope as get_api_scope
    from .lookups import get_api_scope_output as get_api_scope_output
    from .lookups import get_application as get_application
    from .lookups import get_application_output as get_application_output
    from .lookups import get_business as get_business
    from .lookups import get_connection as get_connection
    from .lookups import get_connection_output as get_connection_output
    from .lookups import get_environment as get_environment
    from .lookups import get_environment_variable as get_environment_variable
    from .lookups import get_environment_variable_output as get_environment_variable_output
    from .lookups import get_feature_flag as get_feature_flag
    from .lookups import get_feature_flag_output as get_feature_flag_output
    from .lookups import get_organization as get_organization
    from .lookups import get_organization_output as get_organization_output
    from .lookups import get_organization_user as get_organization_user
    from .lookups import get_organization_user_output as get_organization_user_output
    from .lookups import get_permission as get_permission
    from .lookups import get_permission_output as get_permission_output
    from .lookups import get_property as get_property
    from .lookups import get_property_category as get_property_category
    from .lookups import get_property_category_output as get_property_category_output
    from .lookups import get_property_output as get_property_output
    from .lookups import get_role as get_role
    from .lookups import get_role_output as get_role_output
    from .lookups import get_system_permission as get_system_permission
    from .lookups import get_system_permission_output as get_system_permission_output
    from .lookups import get_user as get_user
    from .lookups import get_user_output as get_user_output
    from .lookups import get_webhook as get_webhook
    from .lookups import get_webhook_output as get_webhook_output
    from .lookups import list_api_applications as list_api_applications
    from .lookups import list_api_scopes as list_api_scopes
    from .lookups import list_apis as list_apis
    from .lookups import list_application_connections as list_application_connections
    from .lookups import list_application_properties as list_application_properties
    from .lookups import list_applications as list_applications
    from .lookups import list_connections as list_connections
    from .lookups import list_environment_variables as list_environment_variables
    from .lookups import list_event_types as list_event_types
    from .lookups import list_feature_flags as list_feature_flags
    from .lookups import list_industries as list_industries
    from .lookups import list_organization_connections as list_organization_connections
    from .lookups import list_organization_feature_flags as list_organization_feature_flags
    from .lookups import list_organization_properties as list_organization_properties
    from .lookups import list_organization_users as list_organization_users
    from .lookups import list_organizations as list_organizations
    from .lookups import list_permissions as list_permissions
    from .lookups import list_properties as list_properties
    from .lookups import list_property_categories as list_property_categories
    from .lookups import list_role_system_permissions as list_role_system_permissions
    from .lookups import list_roles as list_roles
    from .lookups import list_system_permissions as list_system_permissions
    from .lookups import list_timezones as list_timezones
    from .lookups import list_user_properties as list_user_properties
    from .lookups import list_users as list_users
    from .lookups import list_webhooks as list_webhooks
    from .resources import Api as Api
    from .resources import ApiApplication as ApiApplication
    from .resources import ApiKey as ApiKey
    from .resources import ApiScope as ApiScope
    from .resources import Application as Application
    from .resources import ApplicationConnection as ApplicationConnection
    from .resources import ApplicationProperty as ApplicationProperty
    from .resources import BusinessSettings as BusinessSettings
    from .resources import Connection as Connection
    from .resources import EnvironmentFeatureFlag as EnvironmentFeatureFlag
    from .resources import EnvironmentLogo as EnvironmentLogo
    from .resources import EnvironmentMfa as EnvironmentMfa
    from .resources import EnvironmentPasskey as EnvironmentPasskey
    from .resources import EnvironmentVariable as EnvironmentVariable
    from .resources import FeatureFlag as FeatureFlag
    from .resources import KindeResourceError as KindeResourceError
    from .resources import Organization as Organization
    from .resources import OrganizationConnection as OrganizationConnection
    from .resources import OrganizationFeatureFlag as OrganizationFeatureFlag
    from .resources import OrganizationLogo as OrganizationLogo
    from .resources import OrganizationMfa as OrganizationMfa
    from .resources import OrganizationPasskey as OrganizationPasskey
    from .resources import OrganizationProperty as OrganizationProperty
    from .resources import OrganizationSessions as OrganizationSessions
    from .resources import OrganizationUser as OrganizationUser
    from .resources import OrganizationUserApiScope as OrganizationUserApiScope
    from .resources import Permission as Permission
    from .resources import Property as Property
    from .resources import PropertyCategory as PropertyCategory
    from .resources import Role as Role
    from .resources import RoleSystemPermission as RoleSystemPermission
    from .resources import ScimDirectory as ScimDirectory
    from .resources import User as User
    from .resources import UserFeatureFlag as UserFeatureFlag
    from .resources import UserPassword as UserPassword
    from .resources import UserProperty as UserProperty
    from .resources import Webhook as Webhook

_EXPORTS = {
    "lookups": ".lookups",
    **{name: ".lookups" for name in _LOOKUPS},
    **{name: ".resources" for name in _RESOURCES if name != "RESOURCE_TYPES"},
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = exports(__name__, _EXPORTS)
