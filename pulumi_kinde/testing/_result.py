"""What one engine run did: steps per resource, RPC counts, stack outputs, errors."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ._values import contains_secrets, strip_secrets

__all__ = ["CheckFailure", "Op", "RunResult", "StackOutput", "StepRecord", "stack_outputs"]

_MAX_SHOWN = 80

Op = Literal["same", "create", "update", "replace", "delete", "read", "import"]


@dataclass(frozen=True)
class CheckFailure:
    """One failure reported by a provider's Check; ``value`` is the value given, as the
    engine shows it beside the failure (``[secret]`` for a secret; empty when unknown)."""

    urn: str
    property: str
    reason: str
    value: str = ""

    @builtins.property  # the field above is called ``property``
    def described(self) -> str:
        """The reason, then the value given: ``must not be empty (given '')``."""
        if not self.value:
            return self.reason
        value = self.value
        shown = value if value in ("[secret]", "[unknown]") else repr(value)
        if len(shown) > _MAX_SHOWN:
            shown = f"{shown[: _MAX_SHOWN - 4]}...'"
        return f"{self.reason} (given {shown})"


@dataclass(frozen=True)
class StepRecord:
    """The step the engine took for one resource.

    ``changed`` lists the top-level input keys whose value differs from the last inputs (for
    a refresh: the output keys that changed); ``replaces`` the keys Diff said force a
    replacement; ``retained`` marks a delete that left the object in Kinde
    (``retain_on_delete``: the engine dropped it from the stack without calling Delete);
    ``adopted`` marks a create that adopted an existing Kinde object (its ``import_id``
    input), which ``try`` shows as an import.
    """

    urn: str
    name: str
    type: str
    op: Op
    changed: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    delete_before_replace: bool = False
    retained: bool = False
    adopted: bool = False


@dataclass(frozen=True)
class StackOutput:
    """An exported stack output; ``value`` is ``rpc.UNKNOWN`` when unknown in a preview."""

    value: Any
    secret: bool


def stack_outputs(props: Mapping[str, Any]) -> dict[str, StackOutput]:
    """Stack outputs in wire form (secrets wrapped) as :class:`StackOutput` values."""
    return {k: StackOutput(strip_secrets(v), contains_secrets(v)) for k, v in props.items()}


@dataclass
class RunResult:
    """The outcome of ``up``, ``preview``, ``refresh`` or ``destroy``.

    ``steps`` is keyed by URN in the order the steps completed; ``calls`` counts the lifecycle
    RPCs sent to the provider process; ``messages`` holds the provider process's output lines
    as ``(urn, text)``, the URN being the resource whose call wrote the line (``""`` when
    unknown): ``pulumi.log`` warnings and ``PULUMI_KINDE_LOG`` lines; ``providers`` holds the
    serialized providers (``__provider``) of the resources the program registered;
    ``preview`` holds the preview pass that ``up`` ran first, if any.
    """

    operation: str
    steps: dict[str, StepRecord] = field(default_factory=dict)
    outputs: dict[str, StackOutput] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    check_failures: list[CheckFailure] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)
    providers: frozenset[str] = frozenset()
    preview: RunResult | None = None

    @property
    def ok(self) -> bool:
        """Whether the run finished without errors or check failures."""
        return not self.errors and not self.check_failures

    @property
    def ops(self) -> dict[str, Op]:
        """The step per resource, keyed by logical name."""
        return {record.name: record.op for record in self.steps.values()}

    def step(self, key: str) -> StepRecord:
        """The step for a URN or a (unique) logical name."""
        if key in self.steps:
            return self.steps[key]
        matches = [record for record in self.steps.values() if record.name == key]
        if len(matches) != 1:
            found = "no" if not matches else "several"
            raise KeyError(f"{found} step for {key!r}; steps: {sorted(self.ops)}")
        return matches[0]
