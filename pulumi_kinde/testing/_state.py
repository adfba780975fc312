"""The checkpoint: what the engine remembers about each resource between runs."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ._result import StackOutput, stack_outputs
from ._values import encrypt_secrets, secret_keys, strip_secrets

__all__ = [
    "DYNAMIC_PREFIX",
    "STACK_TYPE",
    "Entry",
    "ResourceState",
    "checkpoint_json",
    "serialized_providers",
    "stack_outputs_of",
]

DYNAMIC_PREFIX = "pulumi-python:dynamic"
"""Type tokens of Python dynamic resources start with this."""

STACK_TYPE = "pulumi:pulumi:Stack"
"""The type of the root stack component."""


@dataclass(frozen=True)
class ResourceState:
    """One resource of the checkpoint, as a test sees it.

    ``inputs`` and ``outputs`` are plain values (secrets unwrapped); the names of the
    properties that are secret in the checkpoint are in ``secret_inputs`` / ``secret_outputs``.
    """

    urn: str
    type: str
    name: str
    id: str
    custom: bool
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    secret_inputs: frozenset[str]
    secret_outputs: frozenset[str]
    parent: str
    dependencies: tuple[str, ...]
    additional_secret_outputs: tuple[str, ...]
    external: bool
    pending_delete: bool


@dataclass
class Entry:
    """A checkpoint entry in wire form (secrets wrapped), owned by the engine."""

    urn: str
    type: str
    name: str
    custom: bool
    id: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    parent: str = ""
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    additional_secret_outputs: list[str] = field(default_factory=list)
    external: bool = False
    delete: bool = False

    @property
    def is_dynamic(self) -> bool:
        """Whether the Python dynamic provider manages this resource."""
        return self.custom and self.type.startswith(DYNAMIC_PREFIX)

    def copy(self, **changes: Any) -> Entry:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)

    def snapshot(self) -> ResourceState:
        """The test-facing view of this entry."""
        return ResourceState(
            urn=self.urn,
            type=self.type,
            name=self.name,
            id=self.id,
            custom=self.custom,
            inputs=strip_secrets(self.inputs),
            outputs=strip_secrets(self.outputs),
            secret_inputs=secret_keys(self.inputs),
            secret_outputs=secret_keys(self.outputs),
            parent=self.parent,
            dependencies=tuple(self.dependencies),
            additional_secret_outputs=tuple(self.additional_secret_outputs),
            external=self.external,
            pending_delete=self.delete,
        )

    def to_json(self) -> dict[str, Any]:
        """This entry as ``pulumi stack export`` writes it, secrets encrypted."""
        data: dict[str, Any] = {"urn": self.urn, "custom": self.custom}
        if self.id:
            data["id"] = self.id
        data["type"] = self.type
        data["inputs"] = encrypt_secrets(self.inputs)
        data["outputs"] = encrypt_secrets(self.outputs)
        if self.parent:
            data["parent"] = self.parent
        if self.external:
            data["external"] = True
        if self.delete:
            data["delete"] = True
        if self.dependencies:
            data["dependencies"] = list(self.dependencies)
        if self.property_dependencies:
            data["propertyDependencies"] = dict(self.property_dependencies)
        if self.additional_secret_outputs:
            data["additionalSecretOutputs"] = list(self.additional_secret_outputs)
        return data


def checkpoint_json(entries: Iterable[Entry], *, indent: int | None = 2) -> str:
    """Serialize ``entries`` in the ``pulumi stack export`` format (version 3)."""
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    deployment = {
        "manifest": {"time": now, "magic": "", "version": "pulumi-kinde-testing"},
        "secrets_providers": {"type": "passphrase", "state": {"salt": "v1:test-engine"}},
        "resources": [entry.to_json() for entry in entries],
    }
    return json.dumps({"version": 3, "deployment": deployment}, indent=indent)


def stack_outputs_of(entries: Iterable[Entry]) -> dict[str, StackOutput]:
    """The stack outputs a checkpoint records (on its root stack)."""
    for entry in entries:
        if entry.type == STACK_TYPE:
            return stack_outputs(entry.outputs)
    return {}


def serialized_providers(entries: Iterable[Entry]) -> list[str]:
    """The plaintext ``__provider`` strings a checkpoint holds (base64 of a pickle), once."""
    found: list[str] = []
    for entry in entries:
        for props in (entry.inputs, entry.outputs):
            value = strip_secrets(props.get("__provider"))
            if isinstance(value, str) and value not in found:
                found.append(value)
    return found
