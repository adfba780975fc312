"""Turning Kinde's answers into values or into the right exception."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

from ._errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    RateLimitedError,
    ServerError,
)

__all__ = ["error_from_response", "errors_in_body", "parse_body"]

_SCOPE = re.compile(r"\b((?:read|create|update|delete):[a-z_]+)\b")
_CONFLICT_SUFFIXES = ("_ALREADY_EXISTS", "_IN_USE", "_EXISTS", "_TAKEN", "_CONFLICT")
# Codes that mean "the object is gone" without ending in _NOT_FOUND.
_GONE_CODES = frozenset({"USER_NOT_IN_ORGANIZATION"})


def parse_body(response: httpx.Response) -> Any:
    """The JSON body of ``response``, or ``None`` when it has none (some 2xx are empty)."""
    if not response.content or not response.content.strip():
        return None
    try:
        return response.json()
    except ValueError:
        return None


def errors_in_body(body: Any) -> list[tuple[str | None, str | None]]:
    """Kinde's errors as (code, message) pairs, from either of its two shapes.

    ``{"errors": [{"code": ..., "message": ...}, ...]}`` and ``{"errors": {"code": ...}}``.
    """
    if not isinstance(body, dict):
        return []
    errors = body.get("errors")
    if isinstance(errors, dict):
        errors = [errors]
    if not isinstance(errors, list):
        return []
    pairs = []
    for item in errors:
        if isinstance(item, dict):
            code, message = item.get("code"), item.get("message")
            pairs.append(
                (str(code) if code is not None else None, str(message) if message else None)
            )
    return pairs


def _missing_scope(message: str | None, body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("missing_scope", "required_scope", "scope"):
            value = body.get(key)
            if isinstance(value, str) and _SCOPE.fullmatch(value):
                return value
    match = _SCOPE.search(message or "")
    return match.group(1) if match else None


def error_from_response(
    operation: str,
    response: httpx.Response,
    body: Any,
    required_scope: str | None = None,
    redact: Callable[[str], str] = str,
) -> APIError | AuthenticationError:
    """The exception that describes Kinde's error ``response`` to ``operation``.

    ``redact`` is applied to Kinde's message, which may echo a submitted value.
    """
    status = response.status_code
    pairs = errors_in_body(body)
    code = pairs[0][0] if pairs else None
    message = redact("; ".join(m for _, m in pairs if m)) or None
    codes = [c for c, _ in pairs if c]
    if status == 401:
        return AuthenticationError(
            f"{operation}: Kinde rejected the access token (HTTP 401"
            + (f", {code}" if code else "")
            + "); check the credentials and that the M2M application is authorized for the "
            "Kinde Management API"
        )
    if status == 404 or any(c.endswith("_NOT_FOUND") or c in _GONE_CODES for c in codes):
        return NotFoundError(operation, status, code, message)
    if status == 403:
        scope = _missing_scope(message, body) or required_scope
        return ForbiddenError(operation, status, code, message, scope)
    if status == 409 or any(c.endswith(_CONFLICT_SUFFIXES) for c in codes):
        return ConflictError(operation, status, code, message)
    if status == 429:
        return RateLimitedError(
            operation, status, code, message or "Kinde kept throttling past the retry budget"
        )
    if status >= 500:
        return ServerError(operation, status, code, message)
    if status == 400 or status == 422:
        return BadRequestError(operation, status, code, message)
    return APIError(operation, status, code, message)
