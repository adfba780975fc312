"""Kinde's error answers, in the two shapes the live service uses.

- List shape, ``{"errors": [{"code": ..., "message": ...}]}``: validation errors, conflicts,
  auth failures, throttling, and most not-found answers (status 400 with a ``*_NOT_FOUND``
  code).
- Object shape, ``{"errors": {"code": ..., "message": ...}}``: status 404, used for unknown
  routes (``ROUTE_NOT_FOUND``) and by the endpoints whose spec declares a 404 answer.

A handler raises :func:`not_found`; the route it serves declares which shape that becomes
(see ``routing.route(..., not_found=...)``). Endpoints answering 404 in the object shape:

- ``PATCH``/``PUT``/``DELETE /api/v1/connections/{connection_id}``
- ``DELETE /api/v1/organization/{org_code}``
- ``GET``/``PUT``/``DELETE /api/v1/api_keys/{key_id}``

The SCIM directory endpoints (``/api/v1/directories/{directory_id}``) answer 404 in the list
shape (``not_found="list_404"``), as the spec's examples show.

Every other served endpoint answers not-found with 400 in the list shape.
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = [
    "ApiError",
    "NotFound",
    "NotFoundShape",
    "bad_request",
    "error_body",
    "not_found",
    "not_found_object",
]

NotFoundShape = Literal["list", "object", "list_404"]


class ApiError(Exception):
    """An error answer: status, JSON body and extra headers."""

    def __init__(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = headers or {}


class NotFound(Exception):
    """A referenced object does not exist; the route decides the answer's shape."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def to_api_error(self, shape: NotFoundShape) -> ApiError:
        """The answer for a route that uses ``shape``."""
        if shape == "object":
            return not_found_object(self.code, self.message)
        if shape == "list_404":
            return ApiError(404, error_body(self.code, self.message))
        return ApiError(400, error_body(self.code, self.message))


def error_body(code: str, message: str, *more: tuple[str, str]) -> dict[str, Any]:
    """A list-shape error body holding one or more ``(code, message)`` errors."""
    return {
        "errors": [{"code": c, "message": m} for c, m in ((code, message), *more)],
    }


def bad_request(code: str, message: str) -> ApiError:
    """400 in the list shape."""
    return ApiError(400, error_body(code, message))


def not_found(code: str, message: str) -> NotFound:
    """A not-found error whose shape the serving route decides."""
    return NotFound(code, message)


def not_found_object(code: str, message: str) -> ApiError:
    """404 in the object shape."""
    return ApiError(404, {"errors": {"code": code, "message": message}})
