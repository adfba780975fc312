"""What the real Pulumi engine did, read from its event stream, as a :class:`RunResult`.

The Automation API hands each engine event to a callback. A resource's step is in its
``ResourcePreEvent`` / ``ResOutputsEvent`` (``metadata.op``: ``same``, ``create``,
``update``, the three events of a replacement, ``delete``, ``read``, ``import``, and for a
refresh ``refresh`` then the outcome). Dynamic providers cannot return a detailed diff, so the
keys that changed are found by comparing the step's old and new inputs, as the engine's own
display does. Errors are diagnostics: a Check failure reads ``<type> resource '<name>':
property <key> value <v> has a problem: <reason>``; a provider exception carries the
provider process's traceback; the rest are the engine's own. The provider process's stderr
lines arrive as ``info#err`` diagnostics with no resource; pulumi-kinde's providers tag each
with the URN of the call that wrote it (``_tagged_output``), so they land under their
resource as under the stand-in.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from pulumi.automation import EngineEvent, OpType, StepEventMetadata

from .._tagged_output import untag
from ._errors import EngineError, ProviderError
from ._result import CheckFailure, Op, RunResult, StackOutput, StepRecord
from ._state import STACK_TYPE
from ._values import changed_keys

__all__ = ["EventLog"]

_PROVIDERS = "pulumi:providers:"
_CHECK_FAILURE = re.compile(
    r"^\S+ resource '[^']*': property (?P<property>\S+) value \{(?P<value>.*?)\} has a problem: "
    r"(?P<reason>.*)$",
    re.DOTALL,
)
_RESOURCE_PROBLEM = re.compile(r"^\S+ resource '[^']*' has a problem: (?P<reason>.*)$", re.DOTALL)
_NOISE = (
    "Resource monitor has terminated, shutting down",
    "update failed",
    "preview failed",
    "refresh failed",
    "destroy failed",
)
_PROGRAM_ERROR = "python inline source runtime error"
_STEP_OPS: dict[str, Op] = {
    OpType.SAME.value: "same",
    OpType.CREATE.value: "create",
    OpType.UPDATE.value: "update",
    OpType.DELETE.value: "delete",
    OpType.REPLACE.value: "replace",
    OpType.CREATE_REPLACEMENT.value: "replace",
    OpType.DELETE_REPLACED.value: "replace",
    OpType.READ.value: "read",
    OpType.READ_REPLACEMENT.value: "read",
    OpType.IMPORT.value: "import",
    OpType.IMPORT_REPLACEMENT.value: "import",
    OpType.DISCARD.value: "delete",
    OpType.DISCARD_REPLACED.value: "replace",
}
_RPC_OF_OP = {
    "create": "Create",
    "update": "Update",
    "delete": "Delete",
    "replace": "Create",
    "import": "Read",
}


@dataclass
class _Step:
    urn: str
    type: str
    op: Op
    changed: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    delete_first: bool | None = None
    retained: bool = False
    adopted: bool = False


@dataclass
class EventLog:
    """Collects one operation's engine events (the callback may run on another thread)."""

    operation: str
    events: list[EngineEvent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(self, event: EngineEvent) -> None:
        with self._lock:
            self.events.append(event)

    def result(
        self,
        *,
        outputs: Mapping[str, StackOutput] | None = None,
        program_error: BaseException | None = None,
        command_error: str | None = None,
    ) -> RunResult:
        """The :class:`RunResult` of the operation: steps per resource, stack outputs, the
        provider's messages, check failures and errors (``program_error`` is what the
        program raised in this process; ``command_error`` what the CLI said when it failed
        and no event explains why)."""
        with self._lock:
            events = list(self.events)
        steps: dict[str, _Step] = {}
        messages: list[tuple[str, str]] = []
        failures: list[CheckFailure] = []
        errors: list[BaseException] = []
        failed_ops: dict[str, str] = {}
        diagnostics = []
        for event in events:
            if event.resource_pre_event is not None:
                self._step(steps, event.resource_pre_event.metadata, done=False)
            elif event.res_outputs_event is not None:
                self._step(steps, event.res_outputs_event.metadata, done=True)
            elif event.res_op_failed_event is not None:
                metadata = event.res_op_failed_event.metadata
                failed_ops[metadata.urn] = _STEP_OPS.get(metadata.op.value, "update")
            elif event.diagnostic_event is not None:
                diagnostics.append(event.diagnostic_event)
        for diagnostic in diagnostics:
            severity = diagnostic.severity
            text = diagnostic.message
            urn = diagnostic.urn or ""
            if severity == "debug":
                continue
            if severity == "info#err" or (severity == "info" and not urn):
                for line in text.split("\n"):  # not splitlines: it splits at the tag marks
                    tagged_urn, line_text = untag(line)
                    if line_text.strip():
                        messages.append((tagged_urn or urn, line_text))
                continue
            if severity in ("warning", "info"):
                prefix = "warning: " if severity == "warning" else ""
                messages.append((urn, prefix + text.strip()))
                continue
            stripped = text.strip()
            if not stripped or stripped in _NOISE:
                continue
            if _PROGRAM_ERROR in stripped and program_error is not None:
                continue  # the program's own exception is reported as it was raised
            failure = _CHECK_FAILURE.match(stripped) or _RESOURCE_PROBLEM.match(stripped)
            if failure is not None and urn:
                found = failure.groupdict()
                reason = found["reason"].strip()
                failures.append(
                    CheckFailure(urn, found.get("property") or "", reason, found.get("value") or "")
                )
            elif "Traceback (most recent call last):" in stripped and urn:
                operation = _RPC_OF_OP.get(failed_ops.get(urn, ""), "Check")
                errors.append(ProviderError(operation, stripped, urn=urn))
            else:
                errors.append(EngineError(stripped, urn=urn))
        if program_error is not None:
            errors.append(program_error)
        if command_error and not errors and not failures:
            errors.append(EngineError(command_error))
        return RunResult(
            operation=self.operation,
            # A step that failed did not happen (the stand-in records none either); its error
            # names the resource.
            steps={urn: _record(step) for urn, step in steps.items() if urn not in failed_ops},
            outputs=dict(outputs or {}),
            calls={},
            check_failures=failures,
            errors=errors,
            messages=messages,
        )

    def _step(self, steps: dict[str, _Step], metadata: StepEventMetadata, *, done: bool) -> None:
        type_ = metadata.type
        if type_ == STACK_TYPE or type_.startswith(_PROVIDERS):
            return
        raw = metadata.op.value
        if raw in (OpType.REFRESH.value, OpType.REMOVE_PENDING_REPLACE.value):
            return  # a refresh's outcome comes with its outputs event
        if self.operation == "refresh" and done:
            self._refreshed(steps, metadata)
            return
        op = _STEP_OPS.get(raw)
        if op is None:
            return
        step = steps.get(metadata.urn)
        if step is None or step.op == "same":
            step = steps[metadata.urn] = _Step(metadata.urn, type_, op)
        if raw == OpType.DELETE_REPLACED.value and step.delete_first is None:
            step.delete_first = True
        if raw == OpType.CREATE_REPLACEMENT.value and step.delete_first is None:
            step.delete_first = False
        if metadata.keys:
            step.replaces = tuple(metadata.keys)
        old = metadata.old
        if op in ("update", "replace") and old is not None and metadata.new is not None:
            declared = changed_keys(old.inputs or {}, metadata.new.inputs or {})
            diffs = tuple(metadata.diffs or ()) or declared
            step.changed = tuple(sorted(set(step.changed) | set(diffs)))
        if op == "delete" and old is not None and old.retain_on_delete:
            step.retained = True
        if op == "create" and metadata.new is not None:
            step.adopted = bool((metadata.new.inputs or {}).get("import_id"))

    @staticmethod
    def _refreshed(steps: dict[str, _Step], metadata: StepEventMetadata) -> None:
        raw = metadata.op.value
        if raw == OpType.DELETE.value:
            steps[metadata.urn] = _Step(metadata.urn, metadata.type, "delete")
            return
        old, new = metadata.old, metadata.new
        changed: tuple[str, ...] = ()
        if raw == OpType.UPDATE.value and old is not None and new is not None:
            changed = changed_keys(old.outputs or {}, new.outputs or {})
        steps[metadata.urn] = _Step(metadata.urn, metadata.type, "read", changed=changed)


def _record(step: _Step) -> StepRecord:
    name = step.urn.split("::")[-1]
    return StepRecord(
        urn=step.urn,
        name=name,
        type=step.type,
        op=step.op,
        changed=step.changed,
        replaces=step.replaces,
        delete_before_replace=bool(step.delete_first),
        retained=step.retained,
        adopted=step.adopted,
    )
