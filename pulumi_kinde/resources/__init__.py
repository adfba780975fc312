"""One module per Kinde resource; each declares its fields, provider and Resource class."""

from ._provider import KindeResourceError
from .api import Api
from .application import Application
from .connection import Connection
from .organization import Organization
from .role import Role
from .webhook import Webhook

__all__ = [
    "Api",
    "Application",
    "Connection",
    "KindeResourceError",
    "Organization",
    "Role",
    "Webhook",
]
