"""Manage a Kinde business as code with Pulumi.

>>> import pulumi_kinde as kinde
>>> api = kinde.Api("backend", name="Backend", audience="https://api.example.com")  # doctest: +SKIP
"""

from .resources import (
    Api,
    Application,
    Connection,
    KindeResourceError,
    Organization,
    Role,
    Webhook,
)

__all__ = [
    "Api",
    "Application",
    "Connection",
    "KindeResourceError",
    "Organization",
    "Role",
    "Webhook",
]
