"""Manage a Kinde business as code with Pulumi.

>>> import pulumi_kinde as kinde
>>> api = kinde.Api("backend", name="Backend", audience="https://api.example.com")  # doctest: +SKIP
"""

from .resources import (
    Api,
    ApiApplication,
    ApiScope,
    Application,
    ApplicationConnection,
    Connection,
    KindeResourceError,
    Organization,
    OrganizationConnection,
    Permission,
    Role,
    Webhook,
)

__all__ = [
    "Api",
    "ApiApplication",
    "ApiScope",
    "Application",
    "ApplicationConnection",
    "Connection",
    "KindeResourceError",
    "Organization",
    "OrganizationConnection",
    "Permission",
    "Role",
    "Webhook",
]
