"""What a run did, as a person reads it: one line per resource step, as ``pulumi up`` shows.

::

     + kinde:Role         admin    create
     ~ kinde:Role         viewer   update   [diff: description, name]
    +- kinde:Api          backend  replace  [diff: audience, name; replace: audience]
     - kinde:Application  web      delete
           warning: ...   (the provider's own output about that resource)

Lines are sorted by type and name, so two runs of the same change print the same lines.
Values are never shown, only property names: nothing secret reaches the output.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from ._errors import CheckFailure, EngineError, ProviderError
from ._result import RunResult, StepRecord
from ._state import ResourceState

__all__ = [
    "clash_hints",
    "describe_error",
    "error_lines",
    "short_type",
    "step_lines",
    "summary",
]

_DYNAMIC = "pulumi-python:dynamic/"
_DEBUG_PREFIX = "pulumi-kinde DEBUG "
_SYMBOLS = {
    "create": "+",
    "update": "~",
    "replace": "+-",
    "delete": "-",
    "read": ">",
    "import": "=",
    "same": "",
}
_DONE = {
    "create": "created",
    "update": "updated",
    "replace": "replaced",
    "delete": "deleted",
    "read": "read",
    "import": "imported",
    "same": "unchanged",
}
_PLANNED = {
    "create": "to create",
    "update": "to update",
    "replace": "to replace",
    "delete": "to delete",
    "read": "to read",
    "import": "to import",
    "same": "unchanged",
}
_HIDDEN_KEYS = frozenset({"__provider"})


def short_type(type_: str) -> str:
    """``kinde:Role`` for ``pulumi-python:dynamic/kinde:Role``; other types as they are."""
    return type_[len(_DYNAMIC) :] if type_.startswith(_DYNAMIC) else type_


def _name_of(urn: str) -> tuple[str, str]:
    parts = urn.split("::")
    if len(parts) < 4:
        return "", urn
    return short_type(parts[2].split("$")[-1]), parts[3]


def _shown(record: StepRecord, operation: str) -> bool:
    if record.op == "same":
        return False
    # A refresh reads every resource: only those whose state changed are news.
    return not (operation == "refresh" and record.op == "read" and not _keys(record.changed))


def _keys(keys: Iterable[str]) -> list[str]:
    return [key for key in keys if key not in _HIDDEN_KEYS]


def _row(record: StepRecord, operation: str) -> tuple[str, str, str, str, str]:
    symbol = _SYMBOLS[record.op]
    label: str = record.op
    if record.op == "replace" and record.delete_before_replace:
        symbol = "-+"
    if record.op == "create" and record.adopted:
        symbol, label = _SYMBOLS["import"], "import"
    if record.op == "delete" and record.retained:
        label = "delete (retained in Kinde: retain_on_delete)"
    if operation == "refresh" and record.op == "read":
        symbol = "~"
    parts = []
    if _keys(record.changed):
        parts.append(f"diff: {', '.join(_keys(record.changed))}")
    if _keys(record.replaces):
        parts.append(f"replace: {', '.join(_keys(record.replaces))}")
    detail = f"[{'; '.join(parts)}]" if parts else ""
    if not _shown(record, operation):
        symbol, label = "", "unchanged" if record.op != "same" else "same"
    return symbol, short_type(record.type), record.name, label, detail


def step_lines(result: RunResult, *, debug: bool = False, indent: str = "  ") -> list[str]:
    """One line per resource step that changed something, each followed by the provider's
    output about that resource (``pulumi.log`` warnings; ``PULUMI_KINDE_LOG`` lines only with
    ``debug``), then output about no resource in particular."""
    messages: dict[str, list[str]] = {}
    for urn, text in result.messages:
        if text.strip() and (debug or not text.startswith(_DEBUG_PREFIX)):
            messages.setdefault(urn, []).append(text)
    records = dict(result.steps)
    rows: list[tuple[tuple[str, str], tuple[str, str, str, str, str], str]] = []
    for urn, record in records.items():
        if _shown(record, result.operation) or urn in messages:
            row = _row(record, result.operation)
            rows.append(((row[1], row[2]), row, urn))
    for urn in messages:
        if urn and urn not in records:
            type_, name = _name_of(urn)
            rows.append(((type_, name), ("", type_, name, "", ""), urn))
    rows.sort(key=lambda item: item[0])
    widths = [max((len(row[i]) for _, row, _ in rows), default=0) for i in range(4)]
    lines: list[str] = []
    for _, row, urn in rows:
        symbol, type_, name, label, detail = row
        text = (
            f"{symbol:>{max(widths[0], 2)}} {type_:<{widths[1]}}  {name:<{widths[2]}}  "
            f"{label:<{widths[3]}}  {detail}"
        )
        lines.append(indent + text.rstrip())
        lines.extend(f"{indent}      {message}" for message in messages.get(urn, []))
    lines.extend(f"{indent}provider: {message}" for message in messages.get("", []))
    return lines


def summary(result: RunResult) -> str:
    """``2 created, 1 updated, 3 unchanged``: how many resources each step touched (for a
    preview: ``2 to create, ...``)."""
    labels = _PLANNED if result.operation == "preview" else _DONE
    counts: dict[str, int] = {}
    for record in result.steps.values():
        label = labels["import" if record.op == "create" and record.adopted else record.op]
        if result.operation == "refresh" and record.op == "read":
            label = "changed" if _keys(record.changed) else "unchanged"
        counts[label] = counts.get(label, 0) + 1
    order = [label for label in labels.values() if label != "unchanged"]
    order += ["changed", "unchanged"]
    parts = [f"{counts[label]} {label}" for label in order if counts.get(label)]
    return ", ".join(parts) or "no resources"


def describe_error(error: BaseException, program: Path | None = None) -> str:
    """One error as a person reads it: a provider's own message with its resource, the
    engine's own with its resource, or a program's exception with the file and line of the
    program that raised it."""
    if isinstance(error, ProviderError):
        type_, name = _name_of(error.urn) if error.urn else ("", "")
        where = f"{type_} {name}: " if error.urn else ""
        return f"{where}{error.operation.lower()} failed: {error.message}"
    if isinstance(error, EngineError):
        type_, name = _name_of(error.urn) if error.urn else ("", "")
        return f"{type_} {name}: {error.message}" if error.urn else error.message
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    frame = _program_frame(error, program)
    if frame is None:
        return text
    location = f"{_relative(frame.filename)}:{frame.lineno}"
    source = f"\n    {frame.line.strip()}" if frame.line else ""
    return f"{location}: {text}{source}"


def error_lines(result: RunResult, program: Path | None = None, *, indent: str = "  ") -> list[str]:
    """Every check failure and error of ``result``, each once."""
    lines = [indent + _failure(failure) for failure in result.check_failures]
    for error in result.errors:
        described = describe_error(error, program).splitlines()
        lines.append(indent + "error: " + described[0])
        lines.extend(indent + line for line in described[1:])
    return lines


def clash_hints(result: RunResult, state: Callable[[], Iterable[ResourceState]]) -> list[str]:
    """Whose object each refused create of ``result`` clashed with, from the stack's state
    (``state()``, read after the failure, and only when a create clashed), when it is a
    resource of this stack; and the fix.

    A create refused for a unique value another object has says "it exists already as role
    '<id>'" and advises for both cases, since the provider process cannot see the state: a
    resource of this stack under another name (``aliases``), or an object made outside the
    stack (``import_id``). The state tells them apart. The replacement of a resource
    clashing with its own old object is left out: the provider knows that case and says so.
    """
    clashes = [
        error
        for error in result.errors
        if isinstance(error, ProviderError)
        and error.operation == "Create"
        and error.urn
        and "it exists already as" in error.message
    ]
    if not clashes:
        return []
    held = [entry for entry in state() if entry.custom and entry.id and not entry.pending_delete]
    hints: list[str] = []
    for error in clashes:
        for old in held:
            if old.urn == error.urn or _type_of(old.urn) != _type_of(error.urn):
                continue
            if f"{old.id!r}" in error.message:
                hints.append(_clash_hint(error.urn, old, result))
    return hints


def _clash_hint(urn: str, old: ResourceState, result: RunResult) -> str:
    new = urn.split("::")[-1]
    whose = f"{old.id!r} is this stack's resource {old.name!r}"
    if old.urn in result.steps:
        return (
            f"{new}: {whose}, which the program declares too (with another value): free the "
            f"value in {old.name!r} with one up, then declare it in {new!r} with the next"
        )
    if old.urn.rsplit("::", 1)[0] == urn.rsplit("::", 1)[0]:
        alias = f"pulumi.Alias(name={old.name!r})"
    else:  # another parent: the old URN says where it was
        alias = repr(old.urn)
    return (
        f"{new}: {whose}, which the program no longer declares: a rename or a move? add "
        f"aliases=[{alias}] to {new!r}; the object stays as it is and no request is sent"
    )


def _type_of(urn: str) -> str:
    parts = urn.split("::")
    return parts[2].split("$")[-1] if len(parts) >= 4 else ""


def _failure(failure: CheckFailure) -> str:
    """``invalid kinde:Role admin: key: <reason> (given 'has space')``; a secret shows as
    ``[secret]`` (the engines say which values are)."""
    type_, name = _name_of(failure.urn)
    prop = f"{failure.property}: " if failure.property else ""
    return f"invalid {type_} {name}: {prop}{failure.described}"


def _program_frame(error: BaseException, program: Path | None) -> traceback.FrameSummary | None:
    """The innermost frame of ``error`` that is in the program's files (else in no library)."""
    frames = traceback.extract_tb(error.__traceback__)
    if program is not None:
        root = program if program.is_dir() else program.parent
        inside = [f for f in frames if _is_within(Path(f.filename), root)]
        if inside:
            return inside[-1]
    return None


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _relative(filename: str) -> str:
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        return filename
    return filename if relative.startswith("..") else relative
