"""A resource's reference, read from its code: the docs generator and the docs tests use it.

One source for everything a user reads about a resource: the class docstring (see
``_docstring``), the input and state models (types, defaults, pydantic limits, markers) and
the docstrings of the ``pulumi.Output`` attributes. :func:`problems` says what is missing.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import _docstring
from ._fields import field_behaviour
from ._provider import KindeProvider
from ._resource import KindeResource

__all__ = ["Argument", "Output", "Reference", "problems", "reference", "scopes"]

_VERBS = {"c": "create", "r": "read", "u": "update", "d": "delete"}
_SCOPE = re.compile(r"\b([crud]+):(\w+)")
_NOT_MODEL = ("resource_name", "profile", "opts")
_COMMON_TYPES = {"resource_name": "str", "profile": "str", "opts": "pulumi.ResourceOptions"}


@dataclass(frozen=True)
class Argument:
    """One keyword argument of a resource."""

    name: str
    type: str
    required: bool
    default: str
    """The default as Python source (``"env"``, ``False``); empty when there is none."""
    limits: tuple[str, ...]
    markers: tuple[str, ...]
    """Of ``replaces``, ``write-only``, ``set``, ``secret``."""
    description: str


@dataclass(frozen=True)
class Output:
    """One output attribute of a resource."""

    name: str
    type: str
    description: str
    secret: bool


@dataclass(frozen=True)
class Reference:
    """What a user needs to know about one resource type."""

    name: str
    module: str
    kind: str
    summary: str
    paragraphs: tuple[str, ...]
    example: str | None
    id_format: str
    find_id: str
    scopes: tuple[str, ...]
    limitations: tuple[str, ...]
    arguments: tuple[Argument, ...]
    outputs: tuple[Output, ...]
    replaced_when: tuple[str, ...] | None
    """Arguments whose change replaces the object; ``None`` when every change does."""


def scopes(resource: type[KindeResource]) -> tuple[str, ...]:
    """The Management API scopes ``resource`` needs, e.g. ``("create:apis", "read:apis")``."""
    text = _docstring.parse(resource.__doc__).value("scopes") or ""
    return tuple(
        f"{_VERBS[letter]}:{area}"
        for letters, area in _SCOPE.findall(text)
        for letter in "crud"
        if letter in letters
    )


def reference(resource: type[KindeResource]) -> Reference:
    doc = _docstring.parse(resource.__doc__)
    provider = resource.provider_class
    params = doc.params
    return Reference(
        name=resource.__name__,
        module=resource.__module__,
        kind=provider.kind,
        summary=doc.summary,
        paragraphs=doc.paragraphs,
        example=doc.example,
        id_format=doc.value("id") or "",
        find_id=doc.value("find_id") or "",
        scopes=scopes(resource),
        limitations=tuple(doc.values("limitation")),
        arguments=tuple(
            _argument(provider, name, params.get(name, "")) for name in _parameters(resource)
        ),
        outputs=tuple(_outputs(resource)),
        replaced_when=_replaced_when(provider),
    )


def _parameters(resource: type[KindeResource]) -> list[str]:
    signature = inspect.signature(resource.__init__)
    return [name for name in signature.parameters if name != "self"]


def _replaced_when(provider: type[KindeProvider[Any, Any]]) -> tuple[str, ...] | None:
    if provider.update_object is KindeProvider.update_object:
        return None
    return tuple(n for n, f in field_behaviour(provider.args_model).items() if f.replace)


def _argument(provider: type[KindeProvider[Any, Any]], name: str, description: str) -> Argument:
    if name in _NOT_MODEL:
        required = name == "resource_name"
        default = "" if required else "None"
        return Argument(name, _COMMON_TYPES[name], required, default, (), (), description)
    info = provider.args_model.model_fields[name]
    behaviour = field_behaviour(provider.args_model)[name]
    markers = [
        marker
        for marker, on in (
            ("replaces", behaviour.replace),
            ("write-only", behaviour.write_only),
            ("set", behaviour.unordered),
            ("secret", behaviour.secret),
        )
        if on
    ]
    required = info.is_required()
    default = "" if required or info.default is PydanticUndefined else _literal(info.default)
    return Argument(
        name=name,
        type=type_name(info.annotation),
        required=required,
        default=default,
        limits=tuple(limits(provider.args_model, name)),
        markers=tuple(markers),
        description=description,
    )


def _outputs(resource: type[KindeResource]) -> list[Output]:
    state = field_behaviour(resource.provider_class.state_model)
    found: dict[str, Output] = {}
    for cls in reversed(resource.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, KindeResource)):
            continue
        docs = _docstring.attribute_docs(cls)
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            inner = _output_type(annotation)
            if inner is not None:
                secret = name in state and state[name].secret
                found[name] = Output(name, inner, docs.get(name, ""), secret)
    own = [o for o in found.values() if o.name != "import_id"]
    return [*own, found["import_id"]] if "import_id" in found else own


def _output_type(annotation: Any) -> str | None:
    text = annotation if isinstance(annotation, str) else str(annotation)
    match = re.fullmatch(r"(?:pulumi\.)?Output\[(.*)\]", text.strip())
    return match[1] if match else None


# -- types and limits from pydantic annotations ------------------------------------------


def _members(annotation: Any) -> list[Any]:
    """The members of a union other than ``None`` (the annotation itself otherwise)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under ``Annotated`` layers, and their metadata (flattened)."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        for item in annotation.__metadata__:
            metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        annotation = typing.get_args(annotation)[0]
    return annotation, metadata


def type_name(annotation: Any) -> str:
    """How a user writes the type: ``str``, ``list[str]``, ``str | int | bool``."""
    names = []
    for member in _members(annotation):
        base, _ = _strip(member)
        origin = typing.get_origin(base)
        if origin is typing.Literal:
            name = " | ".join(sorted({type(v).__name__ for v in typing.get_args(base)}))
        elif origin is list:
            name = f"list[{type_name(typing.get_args(base)[0])}]"
        elif origin is dict:
            name = "dict[str, Any]"
        elif origin in (typing.Union, types.UnionType):
            name = type_name(base)
        else:
            name = getattr(base, "__name__", str(base))
        if name not in names:
            names.append(name)
    return " | ".join(names)


_BOUNDS = (("ge", ">="), ("le", "<="), ("gt", ">"), ("lt", "<"))


def _describe(metadata: list[Any], base: Any, items: bool) -> list[str]:
    unit = "items" if items else "characters"
    low = next((m.min_length for m in metadata if isinstance(m, annotated_types.MinLen)), None)
    high = next((m.max_length for m in metadata if isinstance(m, annotated_types.MaxLen)), None)
    found = []
    if low is not None and high is not None:
        found.append(f"{low}-{high} {unit}")
    elif high is not None:
        found.append(f"at most {high} {unit}")
    elif low == 1 and not items:
        found.append("not empty")
    elif low is not None:
        found.append(f"at least {low} {unit[:-1] if low == 1 else unit}")
    bounds = {op: getattr(m, attr) for m in metadata for attr, op in _BOUNDS if hasattr(m, attr)}
    if ">=" in bounds and "<=" in bounds:
        found.append(f"{bounds['>=']}-{bounds['<=']}")
    else:
        found += [f"{op} {value}" for op, value in bounds.items()]
    found += [f"matches `{m.pattern}`" for m in metadata if getattr(m, "pattern", None)]
    if typing.get_origin(base) is typing.Literal:
        found.append("one of " + ", ".join(f"`{_literal(v)}`" for v in typing.get_args(base)))
    found += [_first_line(f) for f in _validators(metadata) if _first_line(f)]
    return found


def _literal(value: object) -> str:
    """``value`` as Python source, strings in double quotes as the docs write them."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _validators(metadata: list[Any]) -> list[Any]:
    return [m.func for m in metadata if callable(getattr(m, "func", None))]


def _first_line(function: Any) -> str:
    return (inspect.getdoc(function) or "").split("\n\n")[0].replace("\n", " ")


def limits(model: type[BaseModel], name: str) -> list[str]:
    """What pydantic accepts for field ``name`` of ``model``, in words."""
    info = model.model_fields[name]
    outer = list(info.metadata)
    found: list[str] = []
    for member in _members(info.annotation):
        base, metadata = _strip(member)
        if typing.get_origin(base) is list:
            found += _describe(outer + metadata, base, items=True)
            item, item_metadata = _strip(typing.get_args(base)[0])
            found += [f"each item: {text}" for text in _describe(item_metadata, item, False)]
        else:
            found += _describe(outer + metadata, base, items=False)
    decorators = model.__pydantic_decorators__.field_validators.values()
    found += [
        _first_line(d.func) for d in decorators if name in d.info.fields and _first_line(d.func)
    ]
    return list(dict.fromkeys(found))


# -- what is missing -----------------------------------------------------------------------


def _source_path(resource: type[KindeResource]) -> str:
    """The resource's file, relative to the directory holding the package when it can be."""
    path = Path(inspect.getsourcefile(resource) or resource.__module__)
    root = Path(__file__).resolve().parents[2]
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def problems(resource: type[KindeResource]) -> list[str]:
    """What ``resource`` lacks for its reference page, each with what to add and where."""
    where = f"{_source_path(resource)}, class {resource.__name__}"
    doc = _docstring.parse(resource.__doc__)
    ref = reference(resource)
    found = []
    if not doc.summary:
        found.append(f"{where}: write a class docstring starting with a one-line summary")
    if not doc.example:
        found.append(
            f"{where}: add an 'Example::' block to the class docstring (a short program "
            "that creates this resource; the docs tests run it against the emulator)"
        )
    elif f"kinde.{resource.__name__}(" not in doc.example:
        found.append(
            f"{where}: the 'Example::' block must declare a kinde.{resource.__name__}(...) "
            "(written with 'import pulumi_kinde as kinde')"
        )
    for field, what in (
        ("id", "the id format, e.g. ':id: ``api_id/scope_id``'"),
        ("find_id", "where to find the id in the Kinde admin UI"),
        ("scopes", "the Management API scopes it needs, e.g. ':scopes: ``crd:apis``'"),
    ):
        if not doc.value(field):
            found.append(f"{where}: add ':{field}:' to the class docstring: {what}")
    if doc.value("scopes") and not ref.scopes:
        found.append(f"{where}: ':scopes:' names no scope like ``crud:roles``")
    parameters = _parameters(resource)
    for name in parameters:
        if not doc.params.get(name):
            found.append(f"{where}: add ':param {name}: <what it does>' to the class docstring")
    for name in sorted(set(doc.params) - set(parameters)):
        found.append(f"{where}: ':param {name}:' names no argument of __init__; remove it")
    state = field_behaviour(resource.provider_class.state_model)
    declared = {o.name for o in ref.outputs}
    for name in state:
        if name not in declared:
            found.append(
                f"{where}: declare the output '{name}: pulumi.Output[...]' with a docstring "
                "on the line below it"
            )
    for output in ref.outputs:
        if not output.description:
            found.append(
                f"{where}: add a docstring on the line below '{output.name}: "
                f"pulumi.Output[{output.type}]' saying what the output holds"
            )
    return found
