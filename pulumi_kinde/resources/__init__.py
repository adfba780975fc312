"""One module per Kinde resource; each declares its fields, provider and Resource class.

The classes load when first used (``pulumi_kinde._lazy``): a provider process imports only
the module of the provider it unpickles. ``RESOURCE_TYPES`` (``_inventory``) is the one
declared list of every public resource type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import exports

if TYPE_CHECKING:
    from ._inventory import RESOURCE_TYPES as RESOURCE_TYPES
    from ._provider import KindeResourceError as KindeResourceError
    from .api import Api as Api
    from .api_application import ApiApplication as ApiApplication
    from .api_key import ApiKey as ApiKey
    from .api_scope import ApiScope as ApiScope
    from .application import Application as Application
    from .application_connection import ApplicationConnection as ApplicationConnection
    from .business_settings import BusinessSettings as BusinessSettings
    from .connection import Connection as Connection
    from .environment_variable import EnvironmentVariable as EnvironmentVariable
    from .feature_flag import FeatureFlag as FeatureFlag
    from .feature_flag_override import EnvironmentFeatureFlag as EnvironmentFeatureFlag
    from .feature_flag_override import OrganizationFeatureFlag as OrganizationFeatureFlag
    from .feature_flag_override import UserFeatureFlag as UserFeatureFlag
    from .logo import EnvironmentLogo as EnvironmentLogo
    from .logo import OrganizationLogo as OrganizationLogo
    from .mfa import EnvironmentMfa as EnvironmentMfa
    from .mfa import OrganizationMfa as OrganizationMfa
    from .organization import Organization as Organization
    from .organization_connection import OrganizationConnection as OrganizationConnection
    from .organization_sessions import OrganizationSessions as OrganizationSessions
    from .organization_user import OrganizationUser as OrganizationUser
    from .organization_user_api_scope import OrganizationUserApiScope as OrganizationUserApiScope
    from .passkey import EnvironmentPasskey as EnvironmentPasskey
    from .passkey import OrganizationPasskey as OrganizationPasskey
    from .permission import Permission as Permission
    from .property import Property as Property
    from .property_category import PropertyCategory as PropertyCategory
    from .property_value import ApplicationProperty as ApplicationProperty
    from .property_value import OrganizationProperty as OrganizationProperty
    from .property_value import UserProperty as UserProperty
    from .role import Role as Role
    from .role_system_permission import RoleSystemPermission as RoleSystemPermission
    from .scim_directory import ScimDirectory as ScimDirectory
    from .user import User as User
    from .user_password import UserPassword as UserPassword
    from .webhook import Webhook as Webhook

_EXPORTS = {
    "RESOURCE_TYPES": "._inventory",
    "Api": ".api",
    "ApiApplication": ".api_application",
    "ApiKey": ".api_key",
    "ApiScope": ".api_scope",
    "Application": ".application",
    "ApplicationConnection": ".application_connection",
    "ApplicationProperty": ".property_value",
    "BusinessSettings": ".business_settings",
    "Connection": ".connection",
    "EnvironmentFeatureFlag": ".feature_flag_override",
    "EnvironmentLogo": ".logo",
    "EnvironmentMfa": ".mfa",
    "EnvironmentPasskey": ".passkey",
    "EnvironmentVariable": ".environment_variable",
    "FeatureFlag": ".feature_flag",
    "KindeResourceError": "._provider",
    "Organization": ".organization",
    "OrganizationConnection": ".organization_connection",
    "OrganizationFeatureFlag": ".feature_flag_override",
    "OrganizationLogo": ".logo",
    "OrganizationMfa": ".mfa",
    "OrganizationPasskey": ".passkey",
    "OrganizationProperty": ".property_value",
    "OrganizationSessions": ".organization_sessions",
    "OrganizationUser": ".organization_user",
    "OrganizationUserApiScope": ".organization_user_api_scope",
    "Permission": ".permission",
    "Property": ".property",
    "PropertyCategory": ".property_category",
    "Role": ".role",
    "RoleSystemPermission": ".role_system_permission",
    "ScimDirectory": ".scim_directory",
    "User": ".user",
    "UserFeatureFlag": ".feature_flag_override",
    "UserPassword": ".user_password",
    "UserProperty": ".property_value",
    "Webhook": ".webhook",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = exports(__name__, _EXPORTS)
