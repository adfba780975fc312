"""Read-only facts of the environment: the environment itself, the webhook event types,
and the timezone and industry catalogs the business settings take keys from."""

from __future__ import annotations

from typing import Any

from ._base import Kind, client, filtered, listed

__all__ = ["get_environment", "list_event_types", "list_industries", "list_timezones"]

_EVENT_TYPES = Kind("event type", "/api/v1/event_types", "event_types", style="single")
_TIMEZONES = Kind("timezone", "/api/v1/timezones", "timezones", id_key="key", style="single")
_INDUSTRIES = Kind("industry", "/api/v1/industries", "industries", id_key="key", style="single")


def get_environment(*, profile: str | None = None) -> dict[str, Any]:
    """The environment the credentials reach, as Kinde describes it: ``code``
    (e.g. ``"production"``), ``name``, ``kinde_domain``, ``custom_domain``, ``is_live``,
    branding ... (fields Kinde has no value for are ``None``)."""
    found: dict[str, Any] = client(profile).get("/api/v1/environment")["environment"]
    return found


def list_event_types(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """The webhook event types Kinde offers (``{id, code, name, origin, schema}``) whose
    fields equal ``equals`` (e.g. ``origin="kinde"``)."""
    return filtered(listed(_EVENT_TYPES, client(profile)), equals)


def list_timezones(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Kinde's timezones (``{key, name}``), the keys ``BusinessSettings.timezone_key``
    takes."""
    return filtered(listed(_TIMEZONES, client(profile)), equals)


def list_industries(*, profile: str | None = None, **equals: Any) -> list[dict[str, Any]]:
    """Kinde's industries (``{key, name}``), the keys ``BusinessSettings.industry_key``
    takes."""
    return filtered(listed(_INDUSTRIES, client(profile)), equals)
