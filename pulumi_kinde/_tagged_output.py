"""Tell which resource a provider's output line is about.

The provider process serves Check / Diff / Create / Read / Update / Delete on a pool of
threads, so its stderr interleaves lines of several resources. When the engine stand-in
starts it with ``PULUMI_KINDE_TAG_OUTPUT=1``, pulumi-kinde's providers wrap ``sys.stderr``
(at Configure) so that every line written while an RPC is being served carries that RPC's
URN: the URN is found on the serving thread's stack, in the ``request`` the dynamic provider
server's handler received. ``pulumi.log.warn`` / ``info`` (which print to stderr in the
provider process) and ``PULUMI_KINDE_LOG`` debug lines thus reach ``try`` under their
resource. Without the variable (under the real Pulumi CLI) nothing changes.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, TextIO

__all__ = ["TAG_ENV", "tag_stderr", "untag"]

TAG_ENV = "PULUMI_KINDE_TAG_OUTPUT"
"""The environment variable that turns tagging on in a provider process."""

_MARK = "\x1e"  # ASCII record separator: never part of a URN or of a log line
_RPCS = frozenset({"Check", "Diff", "Create", "Read", "Update", "Delete"})


def untag(line: str) -> tuple[str, str]:
    """``(urn, text)`` of an output line; the URN is empty for an untagged line."""
    if line.startswith(_MARK):
        urn, sep, text = line[1:].partition(_MARK)
        if sep:
            return urn, text
    return "", line


def tag_stderr() -> None:
    """Wrap ``sys.stderr`` so each line carries the URN of the RPC being served (once)."""
    if not isinstance(sys.stderr, _TaggedStream):
        sys.stderr = _TaggedStream(sys.stderr)


def _serving_urn() -> str:
    """The URN of the resource RPC the calling thread is serving, or ``""``."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name in _RPCS:
            request = frame.f_locals.get("request")
            urn = getattr(request, "urn", None)
            if isinstance(urn, str) and urn:
                return urn
        frame = frame.f_back  # type: ignore[assignment]
    return ""


class _TaggedStream:
    """A text stream that prefixes each complete line with the serving RPC's URN."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = threading.local()  # each thread's unfinished line

    def write(self, text: str) -> int:
        buffered: str = getattr(self._pending, "text", "") + text
        *lines, rest = buffered.split("\n")
        self._pending.text = rest
        if lines:
            urn = _serving_urn()
            prefix = f"{_MARK}{urn}{_MARK}" if urn else ""
            self._stream.write("".join(f"{prefix}{line}\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
