"""The route registry: what each API area module declares, and what a handler sees.

An area module (``pulumi_kinde/emulator/routes/<area>.py``) declares its handlers with
:func:`route`; the server finds every module of that package on start, so a new area is a new
module and nothing else::

    @route("GET", "/api/v1/roles/{role_id}", "GetRole")
    def get_role(call: Call) -> Reply:
        role = call.store.roles.get(call.params["role_id"])
        if role is None:
            raise not_found("ROLE_NOT_FOUND", "Role not found")
        return reply(role={...})

The operationId must name a row of ``endpoints.tsv`` with the same method and path: that row
gives the scope a token needs. ``not_found="object"`` makes :func:`errors.not_found` answer
404 in the object shape on that route instead of 400 in the list shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import unquote

from pydantic import BaseModel

from pulumi_kinde.emulator import catalog, validation
from pulumi_kinde.emulator.errors import NotFoundShape
from pulumi_kinde.emulator.store import Store

__all__ = [
    "REGISTRY",
    "Call",
    "Handler",
    "Registry",
    "Reply",
    "Route",
    "empty",
    "reply",
    "route",
]

Body = TypeVar("Body", bound=BaseModel)


@dataclass
class Call:
    """One API request as a handler sees it."""

    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    raw_body: bytes
    store: Store
    base_url: str
    max_page_size: int
    spec_forms: frozenset[str] = frozenset()
    """The spec's forms to answer with instead of the live ones (see :mod:`.live`)."""
    headers: Mapping[str, str] = field(default_factory=dict)

    def body(self, model: type[Body], *, required: bool = True) -> Body:
        """The JSON body validated by ``model``; 400 when absent (if required) or invalid."""
        return validation.parse_body(self.raw_body, model, required=required)

    def file(self, name: str) -> validation.UploadedFile:
        """The file sent as field ``name`` of a ``multipart/form-data`` body; 400 when the
        body is not one or lacks the field."""
        return validation.parse_file(self.raw_body, self.headers.get("Content-Type", ""), name)

    def query_int(self, name: str) -> int | None:
        """An integer query parameter; 400 when it is not one."""
        return validation.query_int(self.query, name)

    def query_choice(self, name: str, choices: tuple[str, ...]) -> str | None:
        """A query parameter restricted to ``choices``; 400 for any other value."""
        return validation.query_choice(self.query, name, choices)


@dataclass
class Reply:
    """A handler's answer: status, JSON body (None for an empty body) and headers."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def reply(status: int = 200, /, **fields: Any) -> Reply:
    """A JSON answer whose body is ``fields``."""
    return Reply(status=status, body=fields)


def empty(status: int = 200) -> Reply:
    """An answer with no body."""
    return Reply(status=status)


Handler = Callable[[Call], Reply]

_PARAM = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Route:
    """A served operation."""

    method: str
    template: str
    operation_id: str
    handler: Handler
    not_found: NotFoundShape
    pattern: re.Pattern[str]

    @property
    def scope(self) -> str | None:
        """The scope a token needs for this operation."""
        return catalog.operations()[self.operation_id].scope

    @property
    def literal_weight(self) -> int:
        """More literal segments wins: ``/api_keys/verify`` before ``/api_keys/{key_id}``."""
        return -len(_PARAM.findall(self.template))


class Registry:
    """Routes by method and path template."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], Route] = {}

    def add(
        self,
        method: str,
        template: str,
        operation_id: str,
        handler: Handler,
        *,
        not_found: NotFoundShape = "list",
    ) -> Route:
        """Register ``handler``; ValueError if it disagrees with ``endpoints.tsv``."""
        method = method.upper()
        operation = catalog.operations().get(operation_id)
        if operation is None:
            raise ValueError(f"unknown operationId {operation_id!r}")
        if (operation.method, operation.path) != (method, template):
            raise ValueError(
                f"{operation_id} is {operation.method} {operation.path}, not {method} {template}"
            )
        if (method, template) in self._routes:
            raise ValueError(f"{method} {template} is already served")
        new = Route(method, template, operation_id, handler, not_found, _compile(template))
        self._routes[(method, template)] = new
        return new

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The route serving ``method path`` and its path parameters, or None."""
        candidates = sorted(
            (r for r in self._routes.values() if r.method == method),
            key=lambda r: r.literal_weight,
            reverse=True,
        )
        for candidate in candidates:
            found = candidate.pattern.match(path)
            if found:
                return candidate, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    def routes(self) -> list[Route]:
        """Every registered route."""
        return list(self._routes.values())


def _compile(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    position = 0
    for param in _PARAM.finditer(template):
        parts.append(re.escape(template[position : param.start()]))
        parts.append(f"(?P<{param.group(1)}>[^/]+)")
        position = param.end()
    parts.append(re.escape(template[position:]))
    return re.compile("^" + "".join(parts) + "$")


REGISTRY = Registry()


def route(
    method: str, template: str, operation_id: str, *, not_found: NotFoundShape = "list"
) -> Callable[[Handler], Handler]:
    """Decorator registering a handler in :data:`REGISTRY`."""

    def register(handler: Handler) -> Handler:
        REGISTRY.add(method, template, operation_id, handler, not_found=not_found)
        return handler

    return register
