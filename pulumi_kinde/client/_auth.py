"""Access tokens: one per client, shared by every thread, refreshed before it expires."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from ._errors import AuthenticationError, TransportError
from ._settings import ClientSettings

__all__ = ["TokenSource"]

# Refresh this long before Kinde's expiry, so that no request goes out with a dying token.
_EXPIRY_MARGIN = 60.0


class TokenSource:
    """Hands out a bearer token, asking Kinde for a new one only when needed.

    Kinde bills every token request against the plan's M2M allowance, so the token is cached
    until shortly before ``expires_in`` runs out, and fetched under a lock so that many threads
    starting at once make a single request.
    """

    def __init__(
        self,
        settings: ClientSettings,
        http: httpx.Client,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._http = http
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = settings.access_token
        self._expires_at = float("inf") if settings.access_token else 0.0
        self.requests_made = 0

    @property
    def refreshable(self) -> bool:
        """Whether a new token can be fetched (client credentials were given)."""
        return bool(self._settings.client_id and self._settings.client_secret)

    def token(self) -> str:
        """Return a valid token, fetching one if the cached one is missing or expiring."""
        with self._lock:
            if self._token is None or self._clock() >= self._expires_at:
                self._fetch()
            assert self._token is not None
            return self._token

    def invalidate(self, token: str) -> bool:
        """Forget ``token`` after Kinde rejected it; return whether a new one can be fetched."""
        with self._lock:
            if self._token == token and self.refreshable:
                self._token = None
        return self.refreshable

    def _fetch(self) -> None:
        settings = self._settings
        if not self.refreshable:
            raise AuthenticationError(
                "the Kinde access token was rejected or has expired, and no client id and "
                "secret were given to get a new one"
            )
        operation = "token request"
        try:
            response = self._http.post(
                f"{settings.domain}/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": settings.client_id or "",
                    "client_secret": settings.client_secret or "",
                    "audience": settings.token_audience,
                },
                headers={"Accept": "application/json"},
            )
        except httpx.TransportError as exc:
            raise TransportError(operation, type(exc).__name__) from None
        self.requests_made += 1
        if response.status_code != 200:
            error = _oauth_error(response)
            raise AuthenticationError(
                f"Kinde refused the token request for client id {settings.client_id!r} "
                f"(HTTP {response.status_code}: {error}); "
                + _TOKEN_FIXES.get(error, _DEFAULT_FIX).format(audience=settings.token_audience)
            )
        body = response.json()
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise AuthenticationError("Kinde's token response carried no access_token")
        expires_in = float(body.get("expires_in") or 3600)
        self._token = token
        self._expires_at = self._clock() + max(expires_in - _EXPIRY_MARGIN, expires_in / 2)


# What to do about each error of Kinde's token endpoint (live: docs.kinde.com, "Troubleshoot
# M2M token errors"). {audience} is the audience asked for.
_TOKEN_FIXES = {
    "invalid_client": (
        "check the client id and the client secret (kinde:clientId, kinde:clientSecret); if "
        "the secret was rotated, use the new one"
    ),
    "unauthorized_client": (
        "the M2M application is not authorized for the audience {audience!r}: in Kinde, "
        "open the application's APIs tab and authorize it for the Kinde Management API, or "
        "fix kinde:audience"
    ),
    "invalid_scope": (
        "a scope was asked for that the M2M application may not use: in Kinde, open the "
        "application's APIs tab and grant the Kinde Management API scopes it needs"
    ),
    "invalid_request": (
        "the request lacked a parameter Kinde needs: check kinde:domain and kinde:audience "
        "({audience!r})"
    ),
}
_DEFAULT_FIX = (
    "check the client id, the client secret, and that the M2M application is authorized "
    "for the audience {audience!r}"
)


def _oauth_error(response: httpx.Response) -> str:
    """The OAuth error code of a failed token response, never its echo of the request."""
    try:
        body = response.json()
    except ValueError:
        return "no error code"
    error = body.get("error") if isinstance(body, dict) else None
    return str(error) if error else "no error code"
