"""What every lookup shares: the program's client, list walks, filters and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import pulumi
import pulumi.runtime

from ..client import APIError, KindeClient, PageStyle
from ..resources import _context
from ..resources._listing import list_all
from ..resources._provider import KindeArgs, KindeProvider, is_gone

__all__ = [
    "LOOKUP_USER_AGENT",
    "Found",
    "Kind",
    "KindeLookupError",
    "client",
    "filtered",
    "get",
    "listed",
    "output",
]

LOOKUP_USER_AGENT = "pulumi-kinde-lookup"
"""The ``User-Agent`` of the program process's reads: they are the program's own, asked for
on every run (``try`` shows them apart from the provider's requests)."""

S = TypeVar("S", bound=KindeArgs)


class KindeLookupError(Exception):
    """No object, or more than one, matched a lookup; the message says which:

    - ``no roles match {'key': 'nobody'}``: no object has the natural key given;
    - ``2 applications match {'name': 'Web'}``: the key is not unique (names repeat in
      Kinde): look the object up by id instead;
    - ``no API has id '...'``: no object has the id given;
    - ``look up a role by exactly one of: id, key``: give one key, not none or two.
    """


@dataclass(frozen=True)
class Found(Generic[S]):
    """A Kinde object found by a lookup: its id and its state."""

    id: str
    """The object's id, as the resource's ``id`` output holds it (an organization's code)."""
    state: S
    """What the resource would read: one attribute per output of the resource (arguments
    and outputs set by Kinde), e.g. ``found.state.name``."""


@dataclass(frozen=True)
class Kind:
    """A kind of object a lookup finds: where Kinde lists it and how to read one."""

    name: str
    path: str
    """The list's path; ``{parent}`` stands for the parent's id (an API's scopes)."""
    items_key: str
    provider: type[KindeProvider[Any, Any]] | None = None
    """Reads one object's typed state (``None``: only listed, never read)."""
    id_key: str = "id"
    style: PageStyle | Literal["single"] = "next_token"
    """How the list pages; ``"single"``: one answer holds every item."""
    unwrap: str | None = None
    """Key wrapping each listed item, e.g. Kinde's ``{"connection": {...}}``."""
    resource_id: str = "{id}"
    """The resource id of an object, e.g. ``"{parent}/{id}"`` for an API's scope."""


def client(profile: str | None) -> KindeClient:
    """The program process's client, from the stack config or the ``KINDE_*`` environment."""
    config = {}
    for key in _context.config_keys(profile):
        value = pulumi.runtime.get_config(key)
        if value is not None:
            config[key] = value
    _context.set_stack_config(config)
    return _context.client_for(profile, user_agent=LOOKUP_USER_AGENT)


def listed(
    kind: Kind, api: KindeClient, parent: str | None = None, *, fresh: bool = False
) -> list[dict[str, Any]]:
    """Every item of ``kind``'s list, once each: a page that shifts while Kinde's objects
    change can repeat an item, so items are kept by id, the first seen winning. ``fresh``
    walks the list again rather than reuse a recent walk."""
    path = kind.path.format(parent=parent)
    if kind.style == "single":
        items = api.get(path).get(kind.items_key) or []
    else:
        items = list_all(api, path, kind.items_key, style=kind.style, fresh=fresh)
    unique: dict[Any, dict[str, Any]] = {}
    for item in items:
        inner = (item.get(kind.unwrap) or item) if kind.unwrap else item
        key = inner.get(kind.id_key)
        unique.setdefault(key if key is not None else id(inner), inner)
    return list(unique.values())


def filtered(items: Iterable[dict[str, Any]], equals: dict[str, Any]) -> list[dict[str, Any]]:
    """The items whose fields equal ``equals``; a filter of ``None`` is no filter, and a
    field Kinde returns as null is the same as one it leaves out."""
    wanted = {k: v for k, v in equals.items() if v is not None}
    return [i for i in items if all(i.get(k) == v for k, v in wanted.items())]


def get(
    kind: Kind,
    profile: str | None,
    id_: str | None,
    parent: str | None = None,
    id_name: str = "id",
    **natural: Any,
) -> Found[Any]:
    """One object of ``kind`` by id or by exactly one natural key, read as its resource
    reads it."""
    given = {k: v for k, v in natural.items() if v is not None}
    if (id_ is None) == (not given):
        keys = ", ".join([id_name, *natural])
        raise KindeLookupError(f"look up a {kind.name} by exactly one of: {keys}")
    api = client(profile)
    if id_ is None:
        matches = filtered(listed(kind, api, parent), given)
        if not matches:  # a second look: the list may have moved under the first walk
            matches = filtered(listed(kind, api, parent, fresh=True), given)
        if len(matches) != 1:
            how = "no" if not matches else f"{len(matches)}"
            raise KindeLookupError(f"{how} {kind.name}s match {given}")
        id_ = str(matches[0][kind.id_key])
    resource_id = kind.resource_id.format(parent=parent, id=id_)
    assert kind.provider is not None, f"{kind.name} cannot be read"
    try:
        state = kind.provider(profile).read_object(api, resource_id)
    except APIError as error:
        if not is_gone(error):  # a lookup is a read: an unknown organization code is "none"
            raise
        state = None
    if state is None:
        raise KindeLookupError(f"no {kind.name} has {id_name} {id_!r}")
    return Found(resource_id, state)


def output(fn: Callable[..., Found[S]], **inputs: Any) -> pulumi.Output[Found[S]]:
    """``fn`` applied to ``inputs`` once they are known (the ``get_*_output`` twins)."""
    names = list(inputs)
    return pulumi.Output.all(*inputs.values()).apply(
        lambda values: fn(**dict(zip(names, values, strict=True)))
    )
