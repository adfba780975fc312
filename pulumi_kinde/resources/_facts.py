"""What the program declares, as the provider process sees it: one resource's facts checked
against another's at preview.

An ``OrganizationFeatureFlag`` of a flag whose ``allow_override_level`` is ``env``, an
``OrganizationProperty`` of a property of context ``usr``, an organization's handle where its
code goes: each used to fail during ``up``, after other resources were created, although the
program said everything needed to tell. The engine checks every declaration of a deployment
in one provider process, a resource after the resources it depends on; so check() records
what each resource declares under each of its unique values (:attr:`KindeProvider.unique`
groups of one argument, and each item of ``unique_items``: a flag's key, an organization's
handle, a user's e-mail addresses), and a later check looks them up.

Only what is known is used: a value still unknown in a preview (an output of a resource not
created yet) is skipped, never guessed, and nothing here sends a request. A failure never
quotes the value given (the engine shows it, redacted when secret; see ``_explain``): it
names the declaring resource by its Pulumi name instead. Nothing here is pickled; the
records live as long as the process, which the engine starts afresh for each deployment.
"""

from __future__ import annotations

import threading
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pulumi.dynamic import CheckFailure

from ._fields import field_behaviour

if TYPE_CHECKING:
    from ._provider import KindeProvider

__all__ = ["Declaration", "Names", "declaration", "misplaced", "one_each", "record", "reset"]

_lock = threading.Lock()
_declared: dict[tuple[object, ...], Declaration] = {}


@dataclass(frozen=True)
class Declaration:
    """One resource of the program, as its check() saw it."""

    resource: str
    """Its Pulumi name: what a message names (never the value given)."""
    type: str
    """Its resource type, e.g. ``"FeatureFlag"``."""
    values: Mapping[str, Any]
    """Its known, non-secret arguments as declared (before defaults)."""
    unknown: frozenset[str]
    """Its arguments not known yet (outputs of resources not created yet, in a preview)."""

    def known(self, name: str) -> bool:
        """Whether the program's value of ``name`` is known (given, or left out)."""
        return name not in self.unknown

    @property
    def said(self) -> str:
        """How a message names it: ``FeatureFlag 'plan' of this program``."""
        return f"{self.type} {self.resource!r} of this program"


@dataclass(frozen=True)
class Names:
    """A field marker: the argument names a ``kind`` object by its ``attribute`` (the output
    ``output`` holds), so a value another of that kind's declarations gives as one of its
    ``mistaken`` arguments (an organization's handle where its code goes) is refused at
    preview, naming that declaration."""

    kind: str
    attribute: str
    output: str
    mistaken: tuple[str, ...]


def _key(profile: str | None, kind: str, field: str, value: str) -> tuple[object, ...]:
    return (profile, kind, field, value)


def _resource_type(provider: KindeProvider[Any, Any]) -> str:
    return type(provider).__name__.removesuffix("Provider")


def record(provider: KindeProvider[Any, Any], props: Mapping[str, Any], unknown: set[str]) -> None:
    """Record what ``provider``'s resource declares under each of its known unique values."""
    name = getattr(provider, "name", None)
    if not name:
        return  # an older state's provider, or one called outside a deployment
    fields = field_behaviour(provider.args_model)
    values = {
        k: v
        for k, v in props.items()
        if k in fields and k not in unknown and v is not None and not fields[k].secret
    }
    found = Declaration(name, _resource_type(provider), values, frozenset(unknown))
    # The same unique values the provider claims (cased as Kinde compares them); of those,
    # the ones a single argument names, known and not secret.
    keys = [
        _key(provider.profile, provider.kind, group[0], texts[0])
        for group, texts, _ in provider._unique_values(props, unknown)
        if len(group) == 1 and group[0] != "import_id" and group[0] in values
    ]
    with _lock:
        for key in keys:
            _declared[key] = found


def declaration(profile: str | None, kind: str, field: str, value: object) -> Declaration | None:
    """The resource of this deployment that declares ``value`` as its unique ``field`` (a
    flag's ``key``), if one was checked already."""
    if not isinstance(value, str):
        return None
    with _lock:
        return _declared.get(_key(profile, kind, field, value)) or _declared.get(
            _key(profile, kind, field, value.casefold())
        )


def _markers(annotation: Any, metadata: tuple[Any, ...] = ()) -> Iterator[Names]:
    for item in (*metadata, *getattr(annotation, "__metadata__", ())):
        if isinstance(item, Names):
            yield item
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        for member in typing.get_args(annotation):
            yield from _markers(member)


def misplaced(
    provider: KindeProvider[Any, Any], props: Mapping[str, Any], unknown: set[str]
) -> list[CheckFailure]:
    """Failures for arguments marked :class:`Names` whose value is what another resource of
    this program declares as something else: an organization's handle given as its code, a
    user's e-mail address given as their id."""
    failures = []
    for name, info in provider.args_model.model_fields.items():
        value = props.get(name)
        if name in unknown or not isinstance(value, str):
            continue
        for marker in _markers(info.annotation, tuple(info.metadata)):
            for field in marker.mistaken:
                other = declaration(provider.profile, marker.kind, field, value)
                if other is None:
                    continue
                what = field.removesuffix("s").replace("_", " ")
                failures.append(
                    CheckFailure(
                        name,
                        f"{provider.kind} argument {name!r}: is the {what} of {other.said}, "
                        f"not its {marker.attribute}: use its {marker.attribute} output "
                        f"({marker.output})",
                    )
                )
                break
    return one_each(failures)


def one_each(
    failures: Sequence[CheckFailure], *, besides: Sequence[CheckFailure] = ()
) -> list[CheckFailure]:
    """``besides``, then those of ``failures`` about other arguments, one per argument."""
    seen = {f.property for f in besides}
    kept = list(besides)
    for failure in failures:
        if failure.property not in seen:
            seen.add(failure.property)
            kept.append(failure)
    return kept


def reset() -> None:
    """Forget every declaration (for tests that run providers in-process)."""
    with _lock:
        _declared.clear()
