"""Composite ids of association resources, such as ``api_id/application_id``."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from ..client import KindeError
from ._fields import input_rule

__all__ = [
    "ApplicationId",
    "OrganizationCode",
    "PermissionId",
    "RoleId",
    "ScopeId",
    "join_id",
    "single_id",
    "split_id",
]


def join_id(*parts: str) -> str:
    return "/".join(parts)


def split_id(id_: str, kind: str, *names: str) -> tuple[str, ...]:
    """Split ``id_`` into ``len(names)`` parts, or explain the expected format."""
    parts = tuple(id_.split("/"))
    if len(parts) != len(names) or not all(parts):
        expected = "/".join(names)
        raise KindeError(f"{kind} id {id_!r} is malformed: expected {expected}")
    return parts


def single_id(output: str) -> AfterValidator:
    """A declaration rule: the value is one object's id (``output`` holds it), not a
    pairing's ``parent/child`` id, which Kinde would answer with ``ROUTE_NOT_FOUND``."""

    def check(value: str) -> str:
        if "/" in value:
            raise ValueError(f"is a pairing's id (parent/child), not one id: use {output}")
        if not value.strip() or value != value.strip():
            raise ValueError(f"must be an id without spaces: use {output}")
        return value

    return input_rule(check)


ScopeId = Annotated[str, single_id("ApiScope.scope_id (not ApiScope.id)")]
PermissionId = Annotated[str, single_id("Permission.id")]
RoleId = Annotated[str, single_id("Role.id")]
ApplicationId = Annotated[str, single_id("Application.id")]
OrganizationCode = Annotated[str, single_id("Organization.code")]
