"""Fault injection: throttling, latency and scripted failures.

Reached as ``emulator.faults``::

    emu.faults.set_rate_limit(20)            # API calls beyond 20/s: 429 + RateLimit-Reset
    emu.faults.set_concurrency_limit(4)      # a 5th API call in flight at once: 429
    emu.faults.set_latency(0.05)             # every request (token requests too) waits 50 ms
    emu.faults.fail_next(2, status=500, method="POST", path="/api/v1/roles")
    emu.faults.fail_next(status="drop", path="/api/v1/roles/*")   # close without answering
    emu.faults.fail_next(method="POST", path="/api/v1/roles", after=True)  # reply lost
    emu.faults.clear()

Rate and concurrency limits apply to ``/api/...`` calls only; the token endpoint has neither.
``fail_next`` without ``path`` matches ``/api/...`` calls only: pass
``path="/oauth2/token"`` to fail token requests. Paths match exactly or as ``fnmatch`` globs.
"""

from __future__ import annotations

import fnmatch
import math
import threading
import time
from dataclasses import dataclass
from typing import Literal

__all__ = ["Failure", "FailureStatus", "Faults"]

FailureStatus = int | Literal["drop"]


@dataclass(frozen=True)
class Failure:
    """A failure to answer with instead of (or, if ``after``, after) handling a request."""

    status: FailureStatus
    reason: Literal["injected", "rate_limit", "concurrency"]
    retry_after: float | None = None
    reset_after: float | None = None
    after: bool = False

    def headers(self) -> dict[str, str]:
        """Throttling headers: ``RateLimit-Reset`` on every 429, ``Retry-After`` when set."""
        headers: dict[str, str] = {}
        if self.status == 429:
            reset = self.reset_after if self.reset_after is not None else self.retry_after
            headers["RateLimit-Reset"] = _seconds(1.0 if reset is None else reset)
        if self.retry_after is not None:
            headers["Retry-After"] = _seconds(self.retry_after)
        return headers


@dataclass
class _Rule:
    remaining: int
    status: FailureStatus
    method: str | None
    path: str | None
    retry_after: float | None
    after: bool

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.path is None:
            return path.startswith("/api/")
        return path == self.path or fnmatch.fnmatchcase(path, self.path)


class Faults:
    """The emulator's fault settings; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._latency = 0.0
        self._rate: float | None = None
        self._tokens = 0.0
        self._refilled_at = 0.0
        self._concurrency: int | None = None
        self._in_flight = 0

    @property
    def latency(self) -> float:
        """Seconds added to every request."""
        return self._latency

    @property
    def rate_limit(self) -> float | None:
        """API requests per second allowed, or None."""
        return self._rate

    @property
    def concurrency_limit(self) -> int | None:
        """API requests allowed in flight at once, or None."""
        return self._concurrency

    @property
    def pending_failures(self) -> int:
        """How many scripted failures are still to happen."""
        with self._lock:
            return sum(rule.remaining for rule in self._rules)

    def set_rate_limit(self, rps: float | None) -> None:
        """Allow ``rps`` API requests per second (bursts up to ``max(1, rps)``); None: no limit."""
        if rps is not None and rps <= 0:
            raise ValueError("rps must be positive")
        with self._lock:
            self._rate = rps
            self._tokens = max(1.0, rps or 0.0)
            self._refilled_at = time.monotonic()

    def set_concurrency_limit(self, n: int | None) -> None:
        """Allow ``n`` API requests in flight at once; None: no limit."""
        if n is not None and n < 1:
            raise ValueError("n must be at least 1")
        with self._lock:
            self._concurrency = n

    def set_latency(self, seconds: float) -> None:
        """Delay every request by ``seconds``."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self._latency = seconds

    def fail_next(
        self,
        count: int = 1,
        *,
        status: FailureStatus = 500,
        method: str | None = None,
        path: str | None = None,
        retry_after: float | None = None,
        after: bool = False,
    ) -> None:
        """Fail the next ``count`` requests matching ``method`` and ``path``.

        ``status`` is an HTTP error status (answered with a Kinde error body; a 429 carries
        ``RateLimit-Reset``) or ``"drop"``: read the request, then close the connection without
        an answer. ``retry_after`` adds a ``Retry-After`` header (and sets ``RateLimit-Reset``).
        ``after=True`` handles the request first, then fails: the work is done but the reply
        is lost, as when a connection breaks after the server committed.
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        if status != "drop" and not (isinstance(status, int) and 400 <= status <= 599):
            raise ValueError("status must be an HTTP error status or 'drop'")
        with self._lock:
            self._rules.append(
                _Rule(count, status, method.upper() if method else None, path, retry_after, after)
            )

    def clear(self) -> None:
        """Remove every limit, the latency and every scripted failure."""
        with self._lock:
            self._rules.clear()
            self._latency = 0.0
            self._rate = None
            self._concurrency = None

    # Hooks used by the server.

    def scripted(self, method: str, path: str) -> Failure | None:
        """Consume and return the first scripted failure matching this request."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._rules.remove(rule)
                    return Failure(
                        rule.status, "injected", retry_after=rule.retry_after, after=rule.after
                    )
        return None

    def admit(self) -> Failure | None:
        """Admit an API request (then call :meth:`release`), or say why it is throttled."""
        with self._lock:
            if self._concurrency is not None and self._in_flight >= self._concurrency:
                return Failure(429, "concurrency", reset_after=1.0)
            if self._rate is not None:
                now = time.monotonic()
                capacity = max(1.0, self._rate)
                self._tokens = min(capacity, self._tokens + (now - self._refilled_at) * self._rate)
                self._refilled_at = now
                if self._tokens < 1.0:
                    wait = (1.0 - self._tokens) / self._rate
                    return Failure(429, "rate_limit", reset_after=float(max(1, math.ceil(wait))))
                self._tokens -= 1.0
            self._in_flight += 1
            return None

    def release(self) -> None:
        """An admitted request has been answered."""
        with self._lock:
            self._in_flight -= 1


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
