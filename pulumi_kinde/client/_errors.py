"""The exceptions the Kinde client raises.

Every exception derives from :class:`KindeError`::

    KindeError                  anything this package raises about Kinde
    +-- ConfigurationError      settings missing or invalid; no request was sent
    +-- TransportError          the network failed (after any safe retries)
    +-- AuthenticationError     the token request was refused, or Kinde answered 401
    +-- APIError                Kinde answered with an error: .status, .code, .message
        +-- BadRequestError     400: Kinde rejected the request as invalid
        +-- ForbiddenError      403: .missing_scope names the M2M scope to grant, if Kinde said
        +-- NotFoundError       404, or 400 with a ``*_NOT_FOUND`` code: the object is gone
        +-- ConflictError       409, or a ``*_ALREADY_EXISTS``/``*_IN_USE`` code
        +-- RateLimitedError    429 after the retry budget ran out
        +-- ServerError         5xx after any safe retries

Messages name the operation, Kinde's code and message; the client redacts every credential
and registered secret from them before they are built.
"""

from __future__ import annotations

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "ForbiddenError",
    "KindeError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "TransportError",
]


class KindeError(Exception):
    """Base class of every error raised by :mod:`pulumi_kinde.client`."""


class ConfigurationError(KindeError):
    """The client settings are missing or invalid. No request was sent."""


class TransportError(KindeError):
    """The request could not be completed over the network."""

    def __init__(self, operation: str, detail: str) -> None:
        self.operation = operation
        super().__init__(f"{operation}: could not reach Kinde: {detail}")


class AuthenticationError(KindeError):
    """Kinde refused the credentials (token request failed, or 401 on a call)."""


class APIError(KindeError):
    """Kinde answered with an error status, or with ``errors`` in a 2xx body."""

    def __init__(self, operation: str, status: int, code: str | None, message: str | None) -> None:
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        super().__init__(self._describe())

    def _describe(self) -> str:
        detail = ": ".join(part for part in (self.code, self.message) if part)
        suffix = f" ({detail})" if detail else ""
        return f"{self.operation} failed with HTTP {self.status}{suffix}"


class BadRequestError(APIError):
    """Kinde rejected the request as invalid (HTTP 400)."""


class ForbiddenError(APIError):
    """The token lacks a permission; ``missing_scope`` names it when Kinde said which."""

    def __init__(
        self,
        operation: str,
        status: int,
        code: str | None,
        message: str | None,
        missing_scope: str | None = None,
    ) -> None:
        self.missing_scope = missing_scope
        super().__init__(operation, status, code, message)

    def _describe(self) -> str:
        text = super()._describe()
        if self.missing_scope:
            text += (
                f"; grant the scope '{self.missing_scope}' to the M2M application "
                "used by pulumi-kinde (Kinde admin > Settings > APIs > Kinde Management API)"
            )
        return text


class NotFoundError(APIError):
    """The object does not exist (404, or 400 with a ``*_NOT_FOUND`` code)."""


class ConflictError(APIError):
    """The object already exists or is in use."""


class RateLimitedError(APIError):
    """Kinde kept answering 429 until the retry budget ran out."""


class ServerError(APIError):
    """Kinde answered 5xx and the request could not safely be retried further."""
