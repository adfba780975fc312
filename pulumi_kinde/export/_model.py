"""The exporter registry's vocabulary: one :class:`Exporter` per resource type, and results.

An exporter says, as data, how to find the objects of one Kinde resource type and how to
declare them: which list holds them (or, for objects that live under a parent, which list
of the parent's), which of them are Kinde's own, what to name them, and which of their
fields point at other exported objects. The reading itself always goes through the
resource provider's ``read_object``, so the program declares exactly the state the provider
compares against when it adopts the object.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..client import KindeClient, PageStyle
    from ..resources._provider import KindeArgs, KindeProvider
    from ..resources._resource import KindeResource

__all__ = [
    "CannotDeclare",
    "ExportContext",
    "ExportError",
    "ExportResult",
    "ExportedObject",
    "Exporter",
    "Names",
    "Ref",
    "SkippedObject",
]

Item = Mapping[str, Any]


class ExportError(Exception):
    """The export could not read the business; the message says which object and why."""


class CannotDeclare(Exception):
    """Raised by an exporter's ``declare``: the object is left out, with this reason."""


class ExportContext(Protocol):
    """What an exporter's list and declare functions may use while the export runs."""

    api: KindeClient

    def list_items(
        self,
        path: str,
        items_key: str,
        *,
        style: PageStyle = "next_token",
        params: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Every item of a paginated list (walked once per export, at the maximum page size);
        ``params`` filters it (``{"context": "org"}``)."""
        ...

    def get(self, path: str) -> dict[str, Any]:
        """The answer of ``GET path`` (sent once per export), for unpaginated answers."""
        ...

    def get_all(self, paths: Sequence[str]) -> list[dict[str, Any]]:
        """The answers of ``GET`` of each path, as :meth:`get`, fetched concurrently; ``{}``
        for a path Kinde answers not-found (an object deleted while the export runs)."""
        ...

    def listed(self, type_: str) -> list[dict[str, Any]]:
        """The listed objects of ``type_`` that are not Kinde's own (for children's parents)."""
        ...


class Names(Protocol):
    """Resource names already given, for exporters whose names derive from other objects'."""

    def of(self, type_: str, id_: str) -> str:
        """The resource name of the ``type_`` object ``id_``, or a readable fallback."""
        ...


@dataclass(frozen=True)
class Ref:
    """A field that holds ids of another exported type: ``Ref("permission")``.

    ``attribute`` is the target's attribute the field holds and the program reads
    (``"id"``, or e.g. ``"scope_id"`` for an API scope, ``"code"`` for an organization).
    """

    type: str
    attribute: str = "id"


def _no_skip(_item: Item) -> str | None:
    return None


def _nothing_in_clear(_state: Any) -> Iterable[str]:
    return ()


def default_label(item: Item) -> str:
    """A listed object's name for people: its name, else its key."""
    return str(item.get("name") or item.get("key") or "")


@dataclass(frozen=True)
class Exporter:
    """How to export one resource type. Add one to ``EXPORTERS`` to support a new type.

    Top-level types give ``items`` (the raw items of the type's list endpoint; see
    :func:`~pulumi_kinde.export.listing`); types that live under a parent give ``parent``
    and ``children`` (the resource ids of one parent's children). ``name`` is a state field
    (``"key"``) or a function of the state and the :class:`Names` given so far; ``refs``
    maps fields to the type they refer to. Objects for which ``skip`` returns a reason (for
    example, Kinde's own Management API) are listed as comments, not declared.
    """

    type: str
    """The name used by ``--include`` / ``--exclude``, e.g. ``"role"``."""
    resource: builtins.type[KindeResource]
    name: str | Callable[[Any, Names], str]
    items: Callable[[ExportContext], Iterable[Item]] | None = None
    parent: str | None = None
    children: Callable[[ExportContext, str], Iterable[str]] | None = None
    refs: Mapping[str, Ref] = field(default_factory=dict)
    prefix: str = ""
    """Python variable prefix (default: the type name)."""
    id_key: str = "id"
    """The key of a listed item that is the resource id (``"code"`` for organizations)."""
    skip: Callable[[Item], str | None] = _no_skip
    label: Callable[[Item], str] = default_label
    notes: tuple[str, ...] = ()
    """What the export cannot carry for this type (write-only settings, ...), for the README."""
    comment: Callable[[Any, ExportResult], str | None] | None = None
    """An optional remark above one object's declaration."""
    default: bool = True
    """Exported unless excluded; ``False`` (e.g. users): only when asked for by name."""
    declare: Callable[[ExportContext, str, Any], Mapping[str, Any]] | None = None
    """Values of write-only fields Kinde does not return, from ``(context, id, state)``:
    what the export can tell another way (a property's context, through the list's filter,
    which adoption checks again) or, for a field a declaration cannot leave out, must assume
    (a directory's provider). Raise :class:`CannotDeclare` to leave the object out. Other
    write-only fields are not declared: adopting leaves them as Kinde has them."""
    assumed: Mapping[str, str] = field(default_factory=dict)
    """Fields ``declare`` can only guess, with the comment written beside each. Adoption
    never writes a guess: the provider must take each as declared (``taken_as_declared``,
    or a write-only field that cannot change in place), which a test checks."""
    in_clear: Callable[[Any], Iterable[str]] = _nothing_in_clear
    """Secret fields one object holds in the clear (a variable that is not secret): declared
    as read instead of from stack config."""

    def __post_init__(self) -> None:
        if (self.items is None) == (self.parent is None or self.children is None):
            raise ValueError(f"exporter {self.type!r}: give either items, or parent and children")

    @property
    def provider(self) -> KindeProvider[Any, Any]:
        provider: KindeProvider[Any, Any] = self.resource.provider_class()
        return provider

    @property
    def variable_prefix(self) -> str:
        return self.prefix or self.type

    def name_source(self, state: Any, names: Names) -> str:
        if isinstance(self.name, str):
            return str(getattr(state, self.name) or "")
        return self.name(state, names)


@dataclass(frozen=True)
class ExportedObject:
    """One object read from Kinde: its resource id, its typed state, and the values of
    write-only fields its exporter declares (see :attr:`Exporter.declare`)."""

    type: str
    id: str
    state: KindeArgs
    declared: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class SkippedObject:
    """An object the export leaves out, with the reason (Kinde's own, not declarable, ...)."""

    type: str
    id: str
    label: str
    reason: str


@dataclass
class ExportResult:
    """What an export read: objects by type, in registry order, and what it left out."""

    domain: str
    types: tuple[str, ...]
    objects: dict[str, list[ExportedObject]] = field(default_factory=dict)
    skipped: dict[str, list[SkippedObject]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    """Names of every listed object, exported or not, for comments: ``(type, id) -> name``."""
    client_id: str | None = None
    """The client id the export signed in with (the application pulumi-kinde uses)."""
    requests: int = 0

    def counts(self) -> dict[str, int]:
        return {t: len(self.objects.get(t, [])) for t in self.types}
