"""When to retry a request, and how long to wait first."""

from __future__ import annotations

import random
from collections.abc import Callable

import httpx

__all__ = ["IDEMPOTENT_METHODS", "RetryBudget", "server_wait"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"})

_BASE_DELAY = 0.5
_MAX_DELAY = 20.0


def server_wait(response: httpx.Response) -> float | None:
    """The wait Kinde asked for: ``RateLimit-Reset`` or ``Retry-After``, in seconds."""
    for header in ("RateLimit-Reset", "Retry-After"):
        value = response.headers.get(header)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            continue
        if seconds >= 0:
            return min(seconds, _MAX_DELAY * 3)
    return None


class RetryBudget:
    """Counts attempts of one request and the time spent waiting between them.

    Waits follow the server's hint when it gives one, else exponential backoff with full
    jitter. The request gives up once ``max_retries`` retries were made or the next wait
    would take the total over ``max_wait`` seconds.
    """

    def __init__(
        self,
        max_retries: int,
        max_wait: float,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._rng = rng
        self.retries = 0
        self.waited = 0.0

    def next_wait(self, hint: float | None = None) -> float | None:
        """The seconds to wait before the next attempt, or ``None`` to give up."""
        if self.retries >= self._max_retries:
            return None
        if hint is None:
            ceiling = min(_MAX_DELAY, _BASE_DELAY * 2.0**self.retries)
            wait = ceiling / 2 + self._rng() * ceiling / 2
        else:
            # A small jitter on top of the server's hint spreads out threads that were all
            # told the same reset time.
            wait = hint + self._rng() * 0.25
        if self.waited + wait > self._max_wait:
            return None
        self.retries += 1
        self.waited += wait
        return wait
