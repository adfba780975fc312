"""Machine-to-machine tokens: the client-credentials grant and bearer checks.

``POST /oauth2/token`` answers like Kinde's token endpoint (docs.kinde.com, "Troubleshoot M2M
token errors"): ``{"error", "error_description"}`` with 401 ``invalid_client`` for wrong
credentials, 400 ``invalid_request`` for a missing parameter, 400 ``unauthorized_client`` for
an audience the application is not authorized for, and 400 ``invalid_scope`` for a requested
``scope`` the application may not have. API calls are checked here too: a missing, unknown,
revoked or expired token is a 401 in Kinde's list shape with a ``WWW-Authenticate`` header; a
token without the operation's scope is a 403 with code ``FORBIDDEN`` naming the scope.

Tokens look like Kinde's (docs.kinde.com, "M2M token structure"): ``token_type`` ``bearer``,
RS256 JWTs with ``aud``, ``azp``, ``exp``, ``scp`` and ``scope``, whose public key is served at
``/.well-known/jwks`` (see :mod:`.signing`). The emulator itself checks a token by lookup.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_kinde.emulator import catalog, signing
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
        if not requested:
            raise TokenError(400, "invalid_request", "audience is required")
        if requested != audience:
            # Live: Kinde answers unauthorized_client for an API the app is not authorized for.
            raise TokenError(
                400,
                "unauthorized_client",
                f"The client is not authorized for the audience {requested!r}",
            )
        scopes = self.granted_scopes()
        if form.get("scope"):
            # Live: a scope the app may not use is invalid_scope; a token carries what was asked.
            wanted = frozenset(form["scope"].split())
            if not wanted <= scopes:
                raise TokenError(
                    400,
                    "invalid_scope",
                    f"The client may not request: {' '.join(sorted(wanted - scopes))}",
                )
            scopes = wanted
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
                "scope": " ".join(sorted(scopes)),
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

    @staticmethod
    def jwks() -> dict[str, Any]:
        """The JSON Web Key Set that verifies issued tokens (``GET /.well-known/jwks``)."""
        return {"keys": [signing.signing_key().jwk()]}

    @staticmethod
    def _sign(claims: dict[str, Any]) -> str:
        # Live: RS256, keys at /.well-known/jwks (docs.kinde.com, "M2M token structure").
        key = signing.signing_key()
        header = _b64({"alg": "RS256", "typ": "JWT", "kid": key.kid})
        payload = _b64(claims)
        signature = key.sign(f"{header}.{payload}".encode())
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
