"""Exceptions raised by the test engine.

Exception tree::

    Exception
    ├── ProviderError       a provider RPC failed (the server's traceback is in ``details``),
    │                       or the provider process could not be started or answered too late
    ├── EngineError         the Pulumi engine refused or failed a step on its own (a protected
    │                       resource, a missing resource, the CLI itself)
    └── RunFailed           an up / preview / refresh / destroy ended with errors;
        │                   ``result`` holds what happened up to then
        └── CheckFailed     Check returned failures: the run stopped before any change
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._result import CheckFailure, RunResult

__all__ = ["CheckFailed", "CheckFailure", "EngineError", "ProviderError", "RunFailed"]


class ProviderError(Exception):
    """A provider RPC failed.

    ``details`` is what the provider process sent back: for the dynamic provider, the Python
    traceback of the exception raised by the provider method. ``message`` is that exception's
    own message (what a person reads; the string of the error uses it). ``code`` is the gRPC
    status name (``"UNKNOWN"`` for a provider exception, ``"DEADLINE_EXCEEDED"`` for a
    timeout).
    """

    def __init__(self, operation: str, details: str, *, urn: str = "", code: str = "") -> None:
        self.operation = operation
        self.details = details
        self.urn = urn
        self.code = code
        self.message = exception_message(details)
        where = f" for {urn}" if urn else ""
        super().__init__(f"{operation}{where} failed: {self.message}")


class EngineError(Exception):
    """The Pulumi engine reported an error that no provider call raised; ``urn`` names the
    resource when the engine did (else it is empty) and ``message`` is the engine's text."""

    def __init__(self, message: str, *, urn: str = "") -> None:
        self.urn = urn
        self.message = message.strip()
        super().__init__(f"{urn}: {self.message}" if urn else self.message)


_TRACEBACK = "Traceback (most recent call last):"
_QUALIFIED = re.compile(r"^(?P<module>(?:\w+\.)*)(?P<name>\w+): ")


def exception_message(details: str) -> str:
    """The message of the last exception in a formatted traceback (else ``details``).

    The exception's type is kept for Python's own errors (``KeyError: 'id'``) and dropped
    for pulumi-kinde's, whose messages already say what failed.
    """
    start = details.rfind(_TRACEBACK)
    if start < 0:
        return details.strip()
    lines = details[start:].splitlines()[1:]
    frames = [i for i, line in enumerate(lines) if line.startswith('  File "')]
    end = frames[-1] + 1 if frames else 0
    while end < len(lines) and lines[end].startswith("    "):  # its code and ^^^ lines
        end += 1
    message = "\n".join(lines[end:]).strip()
    qualified = _QUALIFIED.match(message)
    if qualified and qualified.group("module").startswith("pulumi_kinde."):
        message = message[qualified.end() :]
    return message or details.strip()


class RunFailed(Exception):
    """A run ended with errors; ``result`` records the steps taken before the failure."""

    def __init__(self, result: RunResult) -> None:
        self.result = result
        self.errors = list(result.errors)
        self.hints: list[str] = []
        """What the runner knows beyond the provider's messages (see :meth:`add_hints`)."""
        lines = [f"{result.operation} failed:"]
        lines.extend(
            f"- {f.urn}: {f.property or '(resource)'}: {f.described}" for f in result.check_failures
        )
        lines.extend(f"- {error}" for error in self.errors)
        super().__init__("\n".join(lines))

    def add_hints(self, hints: Iterable[str]) -> None:
        """Add ``hints`` to the message: what the stack's state tells that the provider
        process cannot know (say, whose object a create clashed with)."""
        new = [hint for hint in hints if hint not in self.hints]
        if new:
            self.hints.extend(new)
            self.args = ("\n".join([str(self.args[0]), *(f"hint: {hint}" for hint in new)]),)


class CheckFailed(RunFailed):
    """Check rejected some inputs; nothing was created, updated or deleted."""

    def __init__(self, result: RunResult) -> None:
        self.failures = list(result.check_failures)
        super().__init__(result)
