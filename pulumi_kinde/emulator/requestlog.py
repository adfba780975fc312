"""The log of requests the emulator answered (or dropped), for tests to assert on."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

__all__ = ["RequestLog", "RequestRecord"]

TOKEN_PATH = "/oauth2/token"


@dataclass(frozen=True)
class RequestRecord:
    """One request.

    ``query`` holds each query parameter's first value. ``status`` is the status answered,
    or 0 when the connection was dropped without an answer. ``operation_id`` is the spec's
    operationId of the route (``"token"`` for the token endpoint, None for unknown routes).
    ``fault`` says which injected fault shaped the answer (``"injected"``, ``"rate_limit"``,
    ``"concurrency"``), else None. ``user_agent`` is the request's ``User-Agent``
    (pulumi-kinde's lookups, which run in the program process, send
    ``pulumi-kinde-lookup``).
    """

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    status: int = 0
    operation_id: str | None = None
    fault: str | None = None
    user_agent: str = ""

    @property
    def is_token_request(self) -> bool:
        """Whether this was a request to the token endpoint."""
        return self.path == TOKEN_PATH


class RequestLog:
    """Thread-safe, append-only (until reset) list of :class:`RequestRecord`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def append(self, record: RequestRecord) -> None:
        """Add a record."""
        with self._lock:
            self._records.append(record)

    def records(self) -> list[RequestRecord]:
        """A copy of every record, oldest first."""
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._records.clear()
