"""Field behaviour, declared next to the field: ``Annotated[str, Replace]``.

The lifecycle base reads these markers; resource modules never write ``if`` chains in diff.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo

__all__ = [
    "INPUTS",
    "Computed",
    "FieldInfo",
    "KindeModel",
    "Replace",
    "Secret",
    "Unordered",
    "WriteOnly",
    "field_behaviour",
    "input_rule",
    "validating_inputs",
]

T = TypeVar("T")

INPUTS = {"inputs": True}
"""Validation context of a program's declaration (not of state read back from Kinde)."""


def validating_inputs(context: Any) -> bool:
    """Whether a validator runs on a declaration: rules about inputs only check then."""
    return isinstance(context, dict) and bool(context.get("inputs"))


def input_rule(rule: Callable[[T], T]) -> AfterValidator:
    """A validator for declarations only: what Kinde returns is read as it is, even where it
    breaks a rule we apply to new values (a URL made in the Kinde UI, a strategy added since)."""

    def check(value: T, info: ValidationInfo) -> T:
        return rule(value) if validating_inputs(info.context) else value

    return AfterValidator(check)


@dataclass(frozen=True)
class _Marker:
    name: str
    doc: str

    def __repr__(self) -> str:
        return self.name


Replace = _Marker("Replace", "changing it deletes the object and creates a new one")
Secret = _Marker("Secret", "a Pulumi secret in outputs and state")
WriteOnly = _Marker(
    "WriteOnly",
    "Kinde never returns it: refresh keeps the last value written, diff compares inputs",
)
Unordered = _Marker("Unordered", "a list whose order means nothing: compared as a set")
Computed = _Marker("Computed", "set by Kinde, an output only")


class KindeModel(BaseModel):
    """Base of every input and state model: strict about unknown names, lenient about ints."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


@dataclass(frozen=True)
class FieldInfo:
    """What the base needs to know about one field of a model."""

    name: str
    replace: bool
    secret: bool
    write_only: bool
    unordered: bool
    computed: bool


def _union_metadata(annotation: Any) -> list[Any]:
    """Metadata of ``Annotated`` members of a union: ``Annotated[int, WriteOnly] | None``."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return []
    found: list[Any] = []
    for member in typing.get_args(annotation):
        found.extend(getattr(member, "__metadata__", ()))
        found.extend(_union_metadata(member))
    return found


@cache
def field_behaviour(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The markers of every field of ``model``, by field name."""
    result = {}
    for name, info in model.model_fields.items():
        marks: list[Any] = [*info.metadata, *_union_metadata(info.annotation)]
        result[name] = FieldInfo(
            name=name,
            replace=Replace in marks,
            secret=Secret in marks,
            write_only=WriteOnly in marks,
            unordered=Unordered in marks,
            computed=Computed in marks,
        )
    return result
