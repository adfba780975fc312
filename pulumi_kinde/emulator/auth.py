"""Machine-to-machine tokens: the client-credentials grant and bearer checks.

``POST /oauth2/token`` answers like an OAuth server: ``{"error", "error_description"}`` with
400 (bad request, wrong grant type or audience) or 401 (``invalid_client``). API calls are
checked here too: a missing, unknown, revoked or expired token is a 401 in Kinde's list shape
with a ``WWW-Authenticate`` header; a token without the operation's scope is a 403 with code
``FORBIDDEN`` naming the scope.

Tokens look like Kinde's (HS256 JWTs with ``aud``, ``azp``, ``exp``, ``scp``), signed with a
key that lives and dies with the emulator; the emulator checks them by lookup, not signature.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_kinde.emulator import catalog
from pulumi_kinde.emulator.errors import ApiError, error_body

__all__ = ["Grant", "TokenAuthority", "TokenError"]


@dataclass(frozen=True)
class Grant:
    """An issued access token."""

    token: str
    client_id: str
    scopes: frozenset[str]
    expires_at: float


class TokenError(Exception):
    """A refused token request: status and OAuth error body."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.status = status
        self.body = {"error": error, "error_description": description}


class TokenAuthority:
    """Issues and checks tokens for one set of client credentials."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        token_ttl: float,
        scopes: Iterable[str] | None,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl
        self.scopes: frozenset[str] | None = None if scopes is None else frozenset(scopes)
        self.grants_issued = 0
        self._key = secrets.token_bytes(32)
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()

    def granted_scopes(self) -> frozenset[str]:
        """What a new token carries: every scope, or the configured subset."""
        return catalog.all_scopes() if self.scopes is None else self.scopes

    def issue(
        self,
        form: Mapping[str, str],
        basic: tuple[str, str] | None,
        *,
        audience: str,
        issuer: str,
    ) -> dict[str, Any]:
        """Answer a client-credentials request; TokenError when refused."""
        grant_type = form.get("grant_type")
        if not grant_type:
            raise TokenError(400, "invalid_request", "grant_type is required")
        if grant_type != "client_credentials":
            raise TokenError(
                400, "unsupported_grant_type", f"grant_type {grant_type!r} is not supported"
            )
        client_id, client_secret = basic or (form.get("client_id"), form.get("client_secret"))
        if not client_id or not client_secret:
            raise TokenError(401, "invalid_client", "Client credentials are required")
        if not (
            hmac.compare_digest(client_id, self.client_id)
            and hmac.compare_digest(client_secret, self.client_secret)
        ):
            raise TokenError(401, "invalid_client", "Client authentication failed")
        requested = form.get("audience")
        if requested != audience:
            raise TokenError(
                400, "invalid_request", f"The audience {requested!r} is not valid for this client"
            )
        scopes = self.granted_scopes()
        now = time.time()
        token = self._sign(
            {
                "aud": [audience],
                "azp": client_id,
                "exp": int(now + self.token_ttl),
                "gty": ["client_credentials"],
                "iat": int(now),
                "iss": issuer,
                "jti": str(uuid.uuid4()),
                "scp": sorted(scopes),
            }
        )
        grant = Grant(token, client_id, scopes, time.monotonic() + self.token_ttl)
        with self._lock:
            self._grants[token] = grant
            self.grants_issued += 1
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": int(self.token_ttl),
            "scope": " ".join(sorted(scopes)),
        }

    def authenticate(self, authorization: str | None) -> Grant:
        """The grant behind an ``Authorization`` header; ApiError 401 otherwise."""
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise _unauthorized("UNAUTHORIZED", "A bearer token is required", "invalid_request")
        with self._lock:
            grant = self._grants.get(token)
        if grant is None:
            raise _unauthorized("TOKEN_INVALID", "The access token is invalid", "invalid_token")
        if time.monotonic() >= grant.expires_at:
            raise _unauthorized("TOKEN_EXPIRED", "The access token has expired", "invalid_token")
        return grant

    @staticmethod
    def authorize(grant: Grant, scope: str | None) -> None:
        """ApiError 403 unless ``grant`` carries ``scope``."""
        if scope and scope not in grant.scopes:
            raise ApiError(403, error_body("FORBIDDEN", f"Missing scope: {scope}"))

    def issued(self) -> list[str]:
        """Every token issued and not revoked (for tests that scan for leaked secrets)."""
        with self._lock:
            return list(self._grants)

    def revoke_all(self) -> None:
        """Forget every issued token: later calls with them get 401 ``TOKEN_INVALID``."""
        with self._lock:
            self._grants.clear()

    def expire_all(self) -> None:
        """Expire every issued token now: later calls with them get 401 ``TOKEN_EXPIRED``."""
        with self._lock:
            now = time.monotonic()
            self._grants = {
                token: Grant(g.token, g.client_id, g.scopes, min(g.expires_at, now))
                for token, g in self._grants.items()
            }

    def _sign(self, claims: dict[str, Any]) -> str:
        header = _b64({"alg": "HS256", "typ": "JWT", "kid": "emulator"})
        payload = _b64(claims)
        signature = hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unauthorized(code: str, message: str, oauth_error: str) -> ApiError:
    return ApiError(
        401,
        error_body(code, message),
        {"WWW-Authenticate": f'Bearer error="{oauth_error}", error_description="{message}"'},
    )
