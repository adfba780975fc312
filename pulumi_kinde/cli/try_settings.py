"""What ``try`` configures, and what it refuses: offline means offline.

``try`` only ever talks to emulators: its own, or ones given with ``--emulator URL`` on a
loopback address. So:

* ``--config`` / ``--secret`` values that say where Kinde is or how to sign in
  (``kinde:domain``, ``kinde-prod:clientSecret`` ...) are refused: the run does not start.
* The same settings in ``Pulumi.<stack>.yaml`` (a stack's real business) are replaced by the
  emulators', and a note says so; so are ``KINDE_*`` environment variables, which are removed
  from the environment of the program and the provider.
* ``--emulator`` URLs must be loopback (``127.0.0.0/8``, ``localhost``, ``[::1]``).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..client import ConfigurationError, normalize_domain
from ..emulator.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from ..testing.project import Project
from ..testing.stack import is_kinde_setting

__all__ = ["Attached", "Refused", "TrySettings", "env_prefix", "resolve", "scrub_environment"]

_KINDE_PREFIX = "KINDE_"


class Refused(Exception):
    """A setting ``try`` will not use; the message says why and what to do instead."""


@dataclass(frozen=True)
class Attached:
    """An emulator someone else started, reached by URL."""

    url: str
    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = field(default=DEFAULT_CLIENT_SECRET, repr=False)


@dataclass
class TrySettings:
    """Stack config for the program, the profiles known so far and attached emulators."""

    config: dict[str, str] = field(default_factory=dict)
    secret_keys: list[str] = field(default_factory=list)
    profiles: set[str | None] = field(default_factory=lambda: {None})
    attached: dict[str | None, Attached] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def resolve(
    project: Project,
    *,
    stack: str | None,
    config: Iterable[str],
    secrets: Iterable[str],
    emulators: Iterable[str],
    profiles: Iterable[str],
    environ: Mapping[str, str],
) -> TrySettings:
    """Combine the project's and stack's config with the command line; raise
    :class:`Refused` (or ``ValueError`` for malformed arguments)."""
    settings = TrySettings()
    given = _pairs(config, "--config")
    given_secrets = _pairs(secrets, "--secret")
    for flag, pairs in (("--config", given), ("--secret", given_secrets)):
        for key, value in pairs:
            full = project.config_key(key)
            if is_kinde_setting(full):
                raise Refused(_refusal(full, value, flag))
    values = dict(project.defaults)
    if stack is not None:
        stack_config = project.stack_config(stack)
        source = stack_config.source.name if stack_config.source else f"Pulumi.{stack}.yaml"
        replaced = sorted(
            k for k in [*stack_config.values, *stack_config.secure] if is_kinde_setting(k)
        )
        if replaced:
            settings.notes.append(
                f"{source} sets {', '.join(replaced)}: try ignores them and uses its emulator"
            )
        values.update(stack_config.values)
        supplied = {project.config_key(k) for k, _ in [*given, *given_secrets]}
        for key in stack_config.secure:
            if not is_kinde_setting(key) and key not in supplied:
                settings.notes.append(
                    f"{source}: {key} is encrypted (secure:) and only the Pulumi CLI can read "
                    f"it; pass a test value with --secret {key}=VALUE"
                )
    values = {k: v for k, v in values.items() if not is_kinde_setting(k)}
    values.update({project.config_key(k): v for k, v in given})
    values.update({project.config_key(k): v for k, v in given_secrets})
    settings.config = values
    settings.secret_keys = [project.config_key(k) for k, _ in given_secrets]
    settings.profiles |= {_profile_of(key) for key in values if key.startswith("kinde")}
    settings.profiles |= set(profiles)
    for item in emulators:
        profile, url = _attached_spec(item)
        settings.attached[profile] = _attached(profile, url, environ)
        settings.profiles.add(profile)
    settings.profiles.discard("")
    return settings


def env_prefix(profile: str | None) -> str:
    """``KINDE_``, or ``KINDE_PROD_`` for profile "prod": the provider's variable names."""
    return "KINDE_" if profile is None else f"KINDE_{profile.upper().replace('-', '_')}_"


def scrub_environment(environ: dict[str, str] | os._Environ[str]) -> list[str]:
    """Remove every ``KINDE_*`` variable from ``environ``; return the names removed."""
    names = sorted(name for name in environ if name.startswith(_KINDE_PREFIX))
    for name in names:
        del environ[name]
    return names


def _pairs(items: Iterable[str], flag: str) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"{flag} {key or item!r}: expected KEY=VALUE")
        pairs.append((key, value))
    return pairs


def _profile_of(key: str) -> str | None:
    namespace = key.split(":", 1)[0]
    if namespace == "kinde":
        return None
    return namespace[len("kinde-") :] if namespace.startswith("kinde-") else ""


def _refusal(key: str, value: str, flag: str) -> str:
    shown = "..." if key.endswith(("clientSecret", "accessToken")) else value
    hint = "try only talks to an emulator: its own, or one you started, given with --emulator URL"
    if key.endswith(":domain") and _is_loopback_url(value):
        hint = f"to use the emulator at {value}, pass --emulator {value}"
    return f"refusing {flag} {key}={shown}: {hint}"


def _attached_spec(item: str) -> tuple[str | None, str]:
    profile, sep, url = item.partition("=")
    if not sep or "://" in profile:
        return None, item
    return profile or None, url


def _attached(profile: str | None, url: str, environ: Mapping[str, str]) -> Attached:
    if not _is_loopback_url(url):
        raise Refused(
            f"refusing --emulator {url}: try attaches only to an emulator on this machine "
            "(http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT)"
        )
    base = normalize_domain(url)
    # The variables `python -m pulumi_kinde.emulator` prints, when they name this emulator.
    prefix = env_prefix(profile)
    try:
        same = normalize_domain(environ.get(f"{prefix}DOMAIN", "")) == base
    except ConfigurationError:
        same = False
    client_id = environ.get(f"{prefix}CLIENT_ID") if same else None
    client_secret = environ.get(f"{prefix}CLIENT_SECRET") if same else None
    return Attached(
        url=base,
        client_id=client_id or DEFAULT_CLIENT_ID,
        client_secret=client_secret or DEFAULT_CLIENT_SECRET,
    )


def _is_loopback_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False
