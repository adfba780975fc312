"""Scan what a run leaves behind for secrets: state, serialized providers, logs, errors.

Usable from any test::

    from tests.reliability.secrets import assert_no_secrets

    runner.up(program)
    assert_no_secrets(runner, emu, extra=["my-connection-secret"])

The values looked for are the stack's client secret, every access token the emulator issued
(and the signature part of each), every application client secret it holds, every user's
password hash, every string of a connection's ``options`` (8 characters or more: shorter
ones would match by chance), every API key's current value and every SCIM directory's
bearer token.
The texts scanned are the checkpoint as ``pulumi stack export`` prints it, each ``__provider``
string decoded from base64 (the dill pickle), and, when the runner keeps them
(:class:`tests.reliability.harness.Runner`), the checkpoint after every run, the provider
processes' output (their debug log) and the text of every failure the runs raised.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from tests.reliability import tally

__all__ = ["SecretBook", "assert_no_secrets", "assert_no_secrets_in", "texts_of"]

_MIN_OPTION_LENGTH = 8


class SecretBook:
    """The secret values of one emulator, remembered as they appear.

    Revoking tokens makes the emulator forget them: call :meth:`collect` before, so a later
    scan still looks for them.
    """

    def __init__(self, emu: Emulator, extra: Iterable[str] = ()) -> None:
        self.emu = emu
        self.values: set[str] = {value for value in extra if value}
        self.collect()

    def collect(self) -> None:
        """Add the secrets the emulator holds now."""
        emu = self.emu
        self.values.add(emu.client_secret)
        for token in emu.issued_tokens():
            self.values.add(token)
            self.values.add(token.rsplit(".", 1)[-1])  # the signature alone
        for app in emu.store.applications.all():
            if app.client_secret:
                self.values.add(app.client_secret)
        for user in emu.store.users.all():
            if user.password_hash:
                self.values.add(user.password_hash)
        for connection in emu.store.connections.all():
            self.values.update(
                value for value in _strings(connection.options) if len(value) >= _MIN_OPTION_LENGTH
            )
        self.values.update(emu.store.api_key_values.values())
        for directory in emu.store.directories.all():
            self.values.add(directory.secret_token)

    def hits(self, text: str) -> list[str]:
        """The secrets found in ``text``."""
        return sorted(value for value in self.values if value in text)


def texts_of(runner: ProgramRunner) -> dict[str, str]:
    """What a scan reads from ``runner``, by where it comes from."""
    texts = {"state": runner.state_json()}
    checkpoints: list[str] = getattr(runner, "checkpoints", [])
    texts.update({f"state after run #{i}": text for i, text in enumerate(checkpoints)})
    providers = set(runner.serialized_providers()) | getattr(runner, "providers", set())
    for index, provider in enumerate(sorted(providers)):
        decoded = base64.b64decode(provider).decode("latin-1")
        texts[f"__provider #{index}"] = decoded
    logs = getattr(runner, "provider_logs", None)
    if isinstance(logs, str):
        texts["provider logs"] = logs
    for index, failure in enumerate(getattr(runner, "failures", [])):
        texts[f"failure #{index}"] = str(failure)
    return texts


def assert_no_secrets(
    runner: ProgramRunner,
    emu: Emulator,
    *,
    extra: Iterable[str] = (),
    texts: Iterable[str] = (),
    book: SecretBook | None = None,
) -> int:
    """Fail if any secret appears in what ``runner`` kept or in ``texts``; return how many
    texts were scanned. ``book`` carries secrets remembered earlier (e.g. revoked tokens)."""
    if book is None:
        book = SecretBook(emu, extra)
    else:
        book.collect()
        book.values.update(value for value in extra if value)
    scanned = texts_of(runner)
    scanned.update({f"text #{index}": text for index, text in enumerate(texts)})
    return assert_no_secrets_in(scanned, book)


def assert_no_secrets_in(texts: Mapping[str, str], book: SecretBook) -> int:
    """Fail if any of ``book``'s secrets appears in ``texts`` (by where each comes from);
    return how many texts were scanned."""
    assert book.emu.client_secret in book.values
    found = {where: book.hits(text) for where, text in texts.items()}
    tally.add("scans", len(texts))
    tally.add("secret_values", len(book.values) * len(texts))
    leaks = {where: [_masked(v) for v in values] for where, values in found.items() if values}
    assert not leaks, f"secrets found: {leaks}"
    return len(texts)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _masked(value: str) -> str:
    """Enough of a secret to recognise it in a failure message, not the whole of it."""
    return f"{value[:4]}...({len(value)} chars)"
