"""The provider process's Kinde clients: built lazily from stack config, one per profile.

Nothing here is pickled. The dynamic provider server calls ``configure()`` on each provider
it unpickles; the stack config is kept here, and the first API call of a profile resolves
its settings and builds its client. Every resource of the process then shares that client,
and so one token and one throttle.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .._tagged_output import TAG_ENV, tag_stderr
from ..client import (
    ConfigurationError,
    KindeClient,
    config_namespace,
    resolve_settings,
    setting_sources,
)

__all__ = [
    "LOG_VARIABLE",
    "TUNING",
    "client_for",
    "clients_in_use",
    "config_keys",
    "configured_profiles",
    "pin",
    "reset",
    "set_stack_config",
]

_lock = threading.Lock()
_stack_config: dict[str, Any] = {}
_clients: dict[tuple[str | None, str | None], KindeClient] = {}  # by profile, user agent
_pinned: dict[str | None, KindeClient] = {}

LOG_VARIABLE = "PULUMI_KINDE_LOG"
"""The environment variable that turns on request logging (``debug``, ``info`` ...)."""


def set_stack_config(config: Mapping[str, Any]) -> None:
    """Remember the stack's configuration (keys like ``kinde:domain``).

    A value that changes the settings makes :func:`client_for` build that client again.
    """
    with _lock:
        _stack_config.update(config)
    _configure_logging()


TUNING: tuple[tuple[str, str, type[int] | type[float]], ...] = (
    ("maxRequestsPerSecond", "max_requests_per_second", float),
    ("maxConcurrentRequests", "max_concurrent_requests", int),
    ("maxRetries", "max_retries", int),
    ("maxRetryWait", "max_retry_wait", float),
)
"""Optional tuning keys of stack config: (key without namespace, settings field, type)."""


def config_keys(profile: str | None) -> tuple[str, ...]:
    """Every stack config key the provider reads for ``profile``, e.g. ``kinde:domain``."""
    namespace = config_namespace(profile)
    return tuple(key for _, key, _ in setting_sources(profile)) + tuple(
        f"{namespace}:{key}" for key, _, _ in TUNING
    )


def _tuning(profile: str | None) -> dict[str, Any]:
    """Tuning values set in stack config, e.g. ``kinde:maxRequestsPerSecond``."""
    namespace = config_namespace(profile)
    values: dict[str, Any] = {}
    for key, name, kind in TUNING:
        raw = _stack_config.get(f"{namespace}:{key}")
        if raw in (None, ""):
            continue
        try:
            values[name] = kind(raw)
        except (TypeError, ValueError):
            raise ConfigurationError(
                f"stack config {namespace}:{key} must be a number, got {raw!r}"
            ) from None
    return values


def client_for(profile: str | None, *, user_agent: str | None = None) -> KindeClient:
    """The process's client for ``profile`` (``None``: the default business).

    Settings are resolved on every call: a program process that runs again with other
    settings (another ``KINDE_DOMAIN`` in the environment) gets a client for them.
    ``user_agent`` replaces the default ``User-Agent`` (lookups say who they are).
    """
    with _lock:
        if profile in _pinned:
            return _pinned[profile]
        settings = resolve_settings(_stack_config, os.environ, profile=profile)
        settings = replace(settings, **_tuning(profile))
        if user_agent is not None:
            settings = replace(settings, user_agent=user_agent)
        client = _clients.get((profile, user_agent))
        if client is None or client.settings != settings:
            if client is not None:
                client.close()
            client = _clients[profile, user_agent] = KindeClient(settings)
        return client


def clients_in_use() -> dict[str | None, KindeClient]:
    """The clients this process built so far (or was pinned to), by profile: the businesses
    this deployment has talked to."""
    with _lock:
        found = {profile: c for (profile, agent), c in _clients.items() if agent is None}
        found.update(_pinned)
        return found


def configured_profiles() -> set[str | None]:
    """The profiles whose domain the stack config names (``kinde-eu:domain``: ``"eu"``)."""
    with _lock:
        keys = list(_stack_config)
    found: set[str | None] = set()
    for key in keys:
        namespace, _, name = key.partition(":")
        if name == "domain" and namespace == "kinde":
            found.add(None)
        elif name == "domain" and namespace.startswith("kinde-"):
            found.add(namespace.removeprefix("kinde-"))
    return found


def pin(client: KindeClient, profile: str | None = None) -> KindeClient:
    """Use ``client`` for ``profile`` until :func:`reset`, whatever the settings say (for
    tests that run providers in-process over a transport of their own)."""
    with _lock:
        _pinned[profile] = client
    return client


def reset() -> None:
    """Forget config and clients (for tests that run providers in-process)."""
    with _lock:
        for client in (*_clients.values(), *_pinned.values()):
            client.close()
        _clients.clear()
        _pinned.clear()
        _stack_config.clear()


def _configure_logging() -> None:
    """``PULUMI_KINDE_LOG=debug`` logs each request of the provider process to stderr.

    Under the engine stand-in (``pulumi_kinde.testing``), stderr lines are tagged with the
    resource they are about first, so the handler below writes through the tagging stream.
    """
    if os.environ.get(TAG_ENV):
        tag_stderr()
    level = os.environ.get(LOG_VARIABLE, "").upper()
    if not level:
        return
    logger = logging.getLogger("pulumi_kinde")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("pulumi-kinde %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(getattr(logging, level, logging.DEBUG))
