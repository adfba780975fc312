"""Client settings: where Kinde is, how to authenticate, and how politely to call it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ._errors import ConfigurationError

__all__ = [
    "ClientSettings",
    "config_namespace",
    "normalize_domain",
    "resolve_settings",
    "setting_sources",
]

_SUBDOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*$", re.IGNORECASE)

# (settings field, stack config key, environment variable)
_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("domain", "domain", "DOMAIN"),
    ("client_id", "clientId", "CLIENT_ID"),
    ("client_secret", "clientSecret", "CLIENT_SECRET"),
    ("audience", "audience", "AUDIENCE"),
    ("access_token", "accessToken", "ACCESS_TOKEN"),
)


def normalize_domain(domain: str) -> str:
    """Turn ``acme``, ``acme.kinde.com`` or ``https://acme.kinde.com/`` into a base URL.

    An explicit ``http://`` or ``https://`` URL is kept (so ``http://127.0.0.1:PORT`` reaches
    the local emulator); a bare word is a Kinde subdomain; anything else with a dot is a host.
    """
    value = domain.strip()
    if not value:
        raise ConfigurationError("the Kinde domain is empty")
    if value.startswith(("http://", "https://")):
        scheme, _, rest = value.partition("://")
        host = rest.split("/", 1)[0]
        if not host:
            raise ConfigurationError(f"the Kinde domain {domain!r} has no host")
        return f"{scheme}://{host}"
    value = value.rstrip("/")
    if "/" in value or " " in value or ":" in value.split(".")[0]:
        raise ConfigurationError(
            f"the Kinde domain {domain!r} is not a host name; use e.g. 'acme.kinde.com'"
        )
    if "." not in value and ":" not in value:
        if not _SUBDOMAIN.match(value):
            raise ConfigurationError(f"the Kinde domain {domain!r} is not a valid subdomain")
        value = f"{value}.kinde.com"
    return f"https://{value}"


@dataclass(frozen=True)
class ClientSettings:
    """Everything the client needs. Credentials are excluded from ``repr``."""

    domain: str
    """The business's Kinde domain: ``acme``, ``acme.kinde.com``, ``https://acme.kinde.com``,
    a custom domain, or ``http://127.0.0.1:PORT`` (the emulator)."""
    client_id: str | None = None
    """Client id of an M2M application authorized for the Kinde Management API."""
    client_secret: str | None = field(default=None, repr=False)
    """That application's client secret (set it with ``pulumi config set --secret``)."""
    audience: str | None = None
    """Audience of the token request; ``None``: ``<domain>/api``, the Management API."""
    access_token: str | None = field(default=None, repr=False)
    """A ready Management API access token, instead of a client id and secret."""
    connect_timeout: float = 10.0
    """Seconds to wait for a connection to Kinde."""
    read_timeout: float = 30.0
    """Seconds to wait for Kinde's answer."""
    max_retries: int = 8
    """Retries of a request answered 429 or 5xx, or lost on the network."""
    max_retry_wait: float = 120.0
    """Cap on the total time spent waiting between retries of one request, in seconds."""
    max_requests_per_second: float | None = None
    """Requests per second the provider process sends at most (``None``: no limit; set
    your plan's rate limit to avoid 429 answers)."""
    max_concurrent_requests: int | None = None
    """Requests the provider process has in flight at most (``None``: no limit)."""
    user_agent: str = "pulumi-kinde"
    """The ``User-Agent`` of every request."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", normalize_domain(self.domain))
        if not self.access_token and not (self.client_id and self.client_secret):
            raise ConfigurationError(
                "Kinde credentials are incomplete: give a client id and client secret, "
                "or an access token"
            )
        if self.max_requests_per_second is not None and self.max_requests_per_second <= 0:
            raise ConfigurationError("max_requests_per_second must be greater than 0")
        if self.max_concurrent_requests is not None and self.max_concurrent_requests < 1:
            raise ConfigurationError("max_concurrent_requests must be at least 1")

    @property
    def token_audience(self) -> str:
        """The audience of the token request: the Management API of the domain by default."""
        return self.audience or f"{self.domain}/api"

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in a log line or an error message."""
        return tuple(s for s in (self.client_secret, self.access_token) if s)


def config_namespace(profile: str | None) -> str:
    """The stack config namespace of a profile: ``kinde``, or ``kinde-prod`` for "prod"."""
    return f"kinde-{profile}" if profile else "kinde"


def _env_prefix(profile: str | None) -> str:
    return f"KINDE_{profile.upper().replace('-', '_')}_" if profile else "KINDE_"


def setting_sources(profile: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(settings field, stack config key, environment variable)`` of each setting read
    from config or the environment, e.g. ``("domain", "kinde:domain", "KINDE_DOMAIN")``."""
    namespace, prefix = config_namespace(profile), _env_prefix(profile)
    return tuple((name, f"{namespace}:{key}", f"{prefix}{var}") for name, key, var in _SOURCES)


def resolve_settings(
    config: Mapping[str, object],
    env: Mapping[str, str],
    *,
    profile: str | None = None,
) -> ClientSettings:
    """Build settings from stack config, falling back to the environment.

    ``config`` holds stack configuration keyed ``namespace:key`` (as the dynamic provider's
    ``configure()`` receives it). The default profile reads ``kinde:domain``, ``kinde:clientId``,
    ``kinde:clientSecret``, ``kinde:audience``, ``kinde:accessToken`` and then ``KINDE_DOMAIN``,
    ``KINDE_CLIENT_ID``, ``KINDE_CLIENT_SECRET``, ``KINDE_AUDIENCE``, ``KINDE_ACCESS_TOKEN``.
    A named profile such as ``prod`` reads ``kinde-prod:domain`` ... and ``KINDE_PROD_DOMAIN`` ...
    so one program can manage two businesses.
    """
    namespace, prefix = config_namespace(profile), _env_prefix(profile)
    sources = setting_sources(profile)
    values: dict[str, str | None] = {}
    for name, key, var in sources:
        raw = config.get(key)
        values[name] = raw if isinstance(raw, str) and raw else env.get(var) or None
    has_credentials = values["access_token"] or (values["client_id"] and values["client_secret"])
    if not values["domain"] or not has_credentials:
        missing = [f"{key} / {var}" for name, key, var in sources[:3] if not values[name]]
        raise ConfigurationError(
            f"Kinde settings{f' for profile {profile!r}' if profile else ''} are missing: "
            + ", ".join(missing)
            + ". Provide them as stack config (pulumi config set "
            + f"{namespace}:domain acme.kinde.com; pulumi config set {namespace}:clientId ...; "
            + f"pulumi config set --secret {namespace}:clientSecret ...) or as environment "
            + f"variables ({prefix}DOMAIN, {prefix}CLIENT_ID, {prefix}CLIENT_SECRET), or give a "
            + f"ready token as {namespace}:accessToken / {prefix}ACCESS_TOKEN."
        )
    return ClientSettings(
        domain=values["domain"],
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        audience=values["audience"],
        access_token=values["access_token"],
    )
