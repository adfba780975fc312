"""Redaction of credentials and secret values from text that may be logged or raised."""

from __future__ import annotations

import threading
from collections.abc import Iterable

REDACTED = "[redacted]"

# Values shorter than this are not redacted: replacing "1" or "true" everywhere would mangle
# messages while protecting nothing.
_MIN_SECRET_LENGTH = 4


class Redactor:
    """A thread-safe set of secret strings, and a function that removes them from text."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Remember ``secret`` so that :meth:`redact` removes it from any text."""
        if secret and len(secret) >= _MIN_SECRET_LENGTH:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        """Return ``text`` with every remembered secret replaced by ``[redacted]``."""
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text
