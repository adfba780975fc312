"""A client of the Kinde Management API over httpx, usable without Pulumi.

>>> from pulumi_kinde.client import ClientSettings, KindeClient
>>> client = KindeClient(ClientSettings("acme", client_id="...", client_secret="..."))
>>> roles = list(client.paginate("/api/v1/roles", "roles"))  # doctest: +SKIP
"""

from ._client import ClientStats, KindeClient
from ._errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    ForbiddenError,
    KindeError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from ._pagination import PAGE_SIZE, PageStyle, iterate_pages
from ._redact import Redactor
from ._settings import (
    ClientSettings,
    config_namespace,
    normalize_domain,
    resolve_settings,
    setting_sources,
)

__all__ = [
    "PAGE_SIZE",
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ClientSettings",
    "ClientStats",
    "ConfigurationError",
    "ConflictError",
    "ForbiddenError",
    "KindeClient",
    "KindeError",
    "NotFoundError",
    "PageStyle",
    "RateLimitedError",
    "Redactor",
    "ServerError",
    "TransportError",
    "config_namespace",
    "iterate_pages",
    "normalize_domain",
    "resolve_settings",
    "setting_sources",
]
