"""One module per Kinde resource; each declares its fields, provider and Resource class."""

from ._provider import KindeResourceError
from .api import Api
from .api_application import ApiApplication
from .api_scope import ApiScope
from .application import Application
from .application_connection import ApplicationConnection
from .connection import Connection
from .organization import Organization
from .organization_connection import OrganizationConnection
from .organization_user import OrganizationUser
from .permission import Permission
from .role import Role
from .user import User
from .webhook import Webhook

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
    "OrganizationUser",
    "Permission",
    "Role",
    "User",
    "Webhook",
]
