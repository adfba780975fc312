"""Manage a Kinde business as code with Pulumi.

>>> import pulumi_kinde as kinde
>>> api = kinde.Api("backend", name="Backend", audience="https://api.example.com")  # doctest: +SKIP
"""

from . import lookups
from .lookups import *  # noqa: F403  (every lookup, as lookups.__all__ names them)
from .resources import (
    Api,
    ApiApplication,
    ApiScope,
    Application,
    ApplicationConnection,
    ApplicationProperty,
    BusinessSettings,
    Connection,
    EnvironmentFeatureFlag,
    EnvironmentVariable,
    FeatureFlag,
    KindeResourceError,
    Organization,
    OrganizationConnection,
    OrganizationFeatureFlag,
    OrganizationProperty,
    OrganizationUser,
    OrganizationUserApiScope,
    Permission,
    Property,
    PropertyCategory,
    Role,
    RoleSystemPermission,
    User,
    UserFeatureFlag,
    UserPassword,
    UserProperty,
    Webhook,
)

__all__ = [
    "Api",
    "ApiApplication",
    "ApiScope",
    "Application",
    "ApplicationConnection",
    "ApplicationProperty",
    "BusinessSettings",
    "Connection",
    "EnvironmentFeatureFlag",
    "EnvironmentVariable",
    "FeatureFlag",
    "KindeResourceError",
    "Organization",
    "OrganizationConnection",
    "OrganizationFeatureFlag",
    "OrganizationProperty",
    "OrganizationUser",
    "OrganizationUserApiScope",
    "Permission",
    "Property",
    "PropertyCategory",
    "Role",
    "RoleSystemPermission",
    "User",
    "UserFeatureFlag",
    "UserPassword",
    "UserProperty",
    "Webhook",
    "lookups",
]
__all__ += lookups.__all__
