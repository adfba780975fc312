"""Composite ids of association resources, such as ``api_id/application_id``."""

from __future__ import annotations

from ..client import KindeError

__all__ = ["ENVIRONMENT", "join_id", "split_id"]

ENVIRONMENT = "environment"
"""The id of the environment's singletons (its MFA and passkey policies): one per set of
credentials, as the credentials reach one environment."""


def join_id(*parts: str) -> str:
    return "/".join(parts)


def split_id(id_: str, kind: str, *names: str) -> tuple[str, ...]:
    """Split ``id_`` into ``len(names)`` parts, or explain the expected format."""
    parts = tuple(id_.split("/"))
    if len(parts) != len(names) or not all(parts):
        expected = "/".join(names)
        raise KindeError(f"{kind} id {id_!r} is malformed: expected {expected}")
    return parts
