"""Client-side politeness: a pace learned from Kinde's 429s, and a cap on requests in flight.

Kinde rate-limits the Management API per business and publishes no numbers (docs.kinde.com,
"API rate limits": a rate limiter and a concurrency limiter; 429 with ``RateLimit-Reset`` in
seconds). Every 429 we cause also counts against the customer's own services that call the
API meanwhile, so the client does not learn the limit by hitting it again and again: the
first 429 sets a pace just under the rate that was being sent, every thread of the process
then waits for ``RateLimit-Reset`` and is spaced to that pace, and the pace creeps up while
no 429 comes (so it follows a limit that rises). A 429 that comes while the client sends
only a few requests a second is not about its pace (another client of the business used the
budget, or the concurrency limiter answered): it waits for ``RateLimit-Reset`` and keeps its
pace. ``kinde:maxRequestsPerSecond`` sets the starting pace and a ceiling.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Throttle"]

_WINDOW = 1.0
"""Seconds of recent sends that estimate the rate a 429 answered."""
_CUT = 0.85
"""A 429 sets the pace to this share of the rate that was being sent."""
_GROWTH = 0.02
"""While no 429 comes, the pace grows by this share per second ..."""
_STEP = 0.5
"""... and by at least this many requests per second, each second (a low pace recovers in
seconds, not minutes)."""
_FEW = 5
"""A 429 after fewer requests than this in the last second cuts no pace."""
_COOLDOWN = 1.0
"""Seconds after a cut in which further 429s (the same burst) cut no more."""


class Throttle:
    """Paces requests and bounds how many run at once; shared by every thread of a client.

    ``requests_per_second`` is the starting pace and its ceiling (``None``: no pace until a
    429 says otherwise); ``max_concurrent`` bounds requests in flight (``None``: no bound).
    """

    def __init__(
        self,
        requests_per_second: float | None,
        max_concurrent: int | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._ceiling = requests_per_second or None
        self._rate = self._ceiling
        self._slots = threading.BoundedSemaphore(max_concurrent) if max_concurrent else None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._paused_until = 0.0
        self._last_cut = float("-inf")
        self._grown_at = clock()
        self._sent: collections.deque[float] = collections.deque()

    @property
    def rate(self) -> float | None:
        """The current pace in requests per second (``None``: unpaced)."""
        with self._lock:
            return self._rate

    def throttled(self, reset: float | None) -> None:
        """Kinde answered 429: pause every thread for ``reset`` seconds (when Kinde said how
        long) and slow the pace."""
        with self._lock:
            now = self._clock()
            if reset is not None:
                self._paused_until = max(self._paused_until, now + reset)
            if now - self._last_cut < _COOLDOWN:
                return  # the same burst: its first 429 cut the pace already
            self._forget_before(now - _WINDOW)
            if len(self._sent) < _FEW:
                return  # not our pace: wait for the reset and go on as before
            sent = len(self._sent) / _WINDOW
            current = min(sent, self._rate) if self._rate else sent  # sent >= _FEW here
            self._rate = current * _CUT
            self._last_cut = self._grown_at = now

    def _forget_before(self, moment: float) -> None:
        while self._sent and self._sent[0] < moment:
            self._sent.popleft()

    def _wait_for_turn(self) -> None:
        with self._lock:
            now = self._clock()
            if self._rate is not None and now - self._last_cut >= _COOLDOWN:
                elapsed = now - self._grown_at
                grown = self._rate + max(self._rate * _GROWTH, _STEP) * elapsed
                self._rate = min(grown, self._ceiling) if self._ceiling else grown
            self._grown_at = now
            start = max(now, self._paused_until)
            if self._rate is not None:
                start = max(start, self._next_start)
                self._next_start = start + 1.0 / self._rate
            self._sent.append(start)
            self._forget_before(now - _WINDOW)
        if start > now:
            self._sleep(start - now)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one request slot for the duration of the block."""
        if self._slots is not None:
            self._slots.acquire()
        try:
            self._wait_for_turn()
            yield
        finally:
            if self._slots is not None:
                self._slots.release()
