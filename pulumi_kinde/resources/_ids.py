"""Composite ids of association resources, such as ``api_id/application_id``."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from ..client import KindeError
from ._facts import Names
from ._fields import input_rule

__all__ = [
    "ENVIRONMENT",
    "ApplicationId",
    "OrganizationCode",
    "PermissionId",
    "RoleId",
    "ScopeId",
    "UserId",
    "join_id",
    "single_id",
    "split_id",
]

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


def _not_an_email(value: str) -> str:
    if "@" in value:
        raise ValueError(
            "is an e-mail address, not a user id: use User.id (Kinde's ids look like "
            "'kp_...'), or kinde.get_user(email=...).id for a user made outside this program"
        )
    return value


ScopeId = Annotated[str, single_id("ApiScope.scope_id (not ApiScope.id)")]
PermissionId = Annotated[str, single_id("Permission.id")]
RoleId = Annotated[str, single_id("Role.id")]
ApplicationId = Annotated[str, single_id("Application.id")]
OrganizationCode = Annotated[
    str,
    single_id("Organization.code"),
    Names("organization", "code", "Organization.code", ("handle", "external_id")),
]
"""An organization's code: an organization's handle declared in the program is refused."""
UserId = Annotated[
    str,
    single_id("User.id"),
    input_rule(_not_an_email),
    Names("user", "id", "User.id", ("usernames",)),
]
"""A user's id: an e-mail address is refused, and so is a username the program declares."""
