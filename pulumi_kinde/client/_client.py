"""The Kinde Management API client: one place for auth, throttling, retries and errors."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ._auth import TokenSource
from ._errors import KindeError, TransportError
from ._pagination import PageStyle, iterate_pages
from ._redact import Redactor
from ._responses import error_from_response, errors_in_body, parse_body
from ._retry import IDEMPOTENT_METHODS, RetryBudget, server_wait
from ._settings import ClientSettings
from ._throttle import Throttle

__all__ = ["ClientStats", "KindeClient"]

logger = logging.getLogger("pulumi_kinde.client")

# Failures where the request certainly never reached Kinde: safe to retry even a POST.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass
class ClientStats:
    """Counters of what the client did, for benchmarks and tests."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    writes: int = 0
    """Requests other than GET, counted as each one ends: a change of this number means
    cached reads may be stale."""

    def as_dict(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "writes": self.writes,
        }


class KindeClient:
    """A thread-safe client of the Kinde Management API.

    >>> client = KindeClient(ClientSettings("acme", client_id="...", client_secret="..."))
    >>> client.get("/api/v1/roles")  # doctest: +SKIP

    Every call returns the decoded JSON body (or ``None`` for an empty 2xx) and raises a
    :class:`~pulumi_kinde.client.KindeError` subclass otherwise. ``transport`` is the test
    seam: pass ``httpx.MockTransport`` to answer requests in-process.
    """

    def __init__(
        self,
        settings: ClientSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.redactor = Redactor(settings.secrets)
        self.stats = ClientStats()
        self._stats_lock = threading.Lock()
        self._sleep = sleep
        self._http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
            follow_redirects=False,
        )
        self._tokens = TokenSource(settings, self._http)
        self._throttle = Throttle(
            settings.max_requests_per_second,
            settings.max_concurrent_requests,
            clock=clock,
            sleep=sleep,
        )

    @property
    def token_requests(self) -> int:
        """How many tokens this client has asked Kinde for."""
        return self._tokens.requests_made

    def add_secret(self, value: str | None) -> None:
        """Keep ``value`` out of every log line and error message from now on."""
        self.redactor.add(value)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> KindeClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- verbs ---------------------------------------------------------------------------

    def get(self, path: str, params: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        return self.request("GET", path, params=params, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.request("POST", path, json=json, **kw)

    def put(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.request("PUT", path, json=json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)

    def paginate(
        self,
        path: str,
        items_key: str,
        params: Mapping[str, Any] | None = None,
        *,
        style: PageStyle = "next_token",
        operation: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield every item of a paginated list (see :func:`iterate_pages`)."""
        return iterate_pages(
            lambda query: self.get(path, params=query, operation=operation),
            items_key,
            params,
            style=style,
        )

    # -- the one request path --------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        operation: str | None = None,
        required_scope: str | None = None,
    ) -> Any:
        """Send one API request, with throttling, auth, retries and error mapping."""
        method = method.upper()
        operation = self.redactor.redact(operation or f"{method} {path}")
        budget = RetryBudget(self.settings.max_retries, self.settings.max_retry_wait)
        retried_auth = False
        while True:
            token = self._tokens.token()
            try:
                response = self._send(method, path, params, json, token)
            except httpx.TransportError as exc:
                safe = method in IDEMPOTENT_METHODS or isinstance(exc, _NOT_SENT)
                wait = budget.next_wait() if safe else None
                if wait is None:
                    raise TransportError(operation, self.redactor.redact(_describe(exc))) from None
                self._note_retry(operation, f"transport error {type(exc).__name__}", wait)
                continue
            body = parse_body(response)
            status = response.status_code
            if response.is_success:
                if errors_in_body(body):
                    raise self._error(operation, response, body, required_scope)
                return body
            if status == 401 and not retried_auth and self._tokens.invalidate(token):
                retried_auth = True
                continue
            wait = None
            if status == 429:
                with self._stats_lock:
                    self.stats.rate_limited += 1
                hint = server_wait(response)
                self._throttle.throttled(hint)  # every thread slows down, not only this one
                wait = budget.next_wait(hint)
            elif status >= 500 and method in IDEMPOTENT_METHODS:
                wait = budget.next_wait(server_wait(response))
            if wait is None:
                raise self._error(operation, response, body, required_scope)
            self._note_retry(operation, f"HTTP {status}", wait)

    def _send(
        self, method: str, path: str, params: Mapping[str, Any] | None, json: Any, token: str
    ) -> httpx.Response:
        with self._throttle.slot():
            started = time.perf_counter()
            with self._stats_lock:
                self.stats.requests += 1
            try:
                response = self._http.request(
                    method,
                    f"{self.settings.domain}{path}",
                    params=_clean_params(params),
                    json=json,
                    headers={"Authorization": f"Bearer {token}"},
                )
            except httpx.TransportError as exc:
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug(
                        "%s %s -> %s",
                        method,
                        self.redactor.redact(path),
                        type(exc).__name__,
                    )
                raise
            finally:
                # Counted once the write is done (or lost), not when sent: a list walked
                # while it was in flight may lack its effect and must count as stale.
                if method != "GET":
                    with self._stats_lock:
                        self.stats.writes += 1
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms",
                method,
                self.redactor.redact(path),
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
        return response

    def _note_retry(self, operation: str, reason: str, wait: float) -> None:
        with self._stats_lock:
            self.stats.retries += 1
        logger.debug("%s: %s, retrying in %.2f s", operation, reason, wait)
        self._sleep(wait)

    def _error(
        self, operation: str, response: httpx.Response, body: Any, scope: str | None
    ) -> KindeError:
        return error_from_response(operation, response, body, scope, self.redactor.redact)


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Query parameters without ``None`` values, with booleans as Kinde writes them."""
    if not params:
        return None
    cleaned: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        cleaned[key] = ("true" if value else "false") if isinstance(value, bool) else value
    return cleaned


def _describe(exc: httpx.TransportError) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
