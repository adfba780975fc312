"""Every public resource type, in one declared list: docs, export, fuzzing and scope tests
read this, never whatever subclasses of ``KindeResource`` happen to be imported."""

from __future__ import annotations

from ._resource import KindeResource
from .api import Api
from .api_application import ApiApplication
from .api_key import ApiKey
from .api_scope import ApiScope
from .application import Application
from .application_connection import ApplicationConnection
from .business_settings import BusinessSettings
from .connection import Connection
from .environment_variable import EnvironmentVariable
from .feature_flag import FeatureFlag
from .feature_flag_override import EnvironmentFeatureFlag, OrganizationFeatureFlag, UserFeatureFlag
from .logo import EnvironmentLogo, OrganizationLogo
from .mfa import EnvironmentMfa, OrganizationMfa
from .organization import Organization
from .organization_connection import OrganizationConnection
from .organization_sessions import OrganizationSessions
from .organization_user import OrganizationUser
from .organization_user_api_scope import OrganizationUserApiScope
from .passkey import EnvironmentPasskey, OrganizationPasskey
from .permission import Permission
from .property import Property
from .property_category import PropertyCategory
from .property_value import ApplicationProperty, OrganizationProperty, UserProperty
from .role import Role
from .role_system_permission import RoleSystemPermission
from .scim_directory import ScimDirectory
from .user import User
from .user_password import UserPassword
from .webhook import Webhook

__all__ = ["RESOURCE_TYPES"]

RESOURCE_TYPES: tuple[type[KindeResource], ...] = (
    Api,
    ApiApplication,
    ApiKey,
    ApiScope,
    Application,
    ApplicationConnection,
    ApplicationProperty,
    BusinessSettings,
    Connection,
    EnvironmentFeatureFlag,
    EnvironmentLogo,
    EnvironmentMfa,
    EnvironmentPasskey,
    EnvironmentVariable,
    FeatureFlag,
    Organization,
    OrganizationConnection,
    OrganizationFeatureFlag,
    OrganizationLogo,
    OrganizationMfa,
    OrganizationPasskey,
    OrganizationProperty,
    OrganizationSessions,
    OrganizationUser,
    OrganizationUserApiScope,
    Permission,
    Property,
    PropertyCategory,
    Role,
    RoleSystemPermission,
    ScimDirectory,
    User,
    UserFeatureFlag,
    UserPassword,
    UserProperty,
    Webhook,
)
