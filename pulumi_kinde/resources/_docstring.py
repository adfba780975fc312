"""The documentation a resource carries in its code, as the reference and the docs tests read it.

A resource class docstring is written in this shape (reST, so an IDE renders it)::

    A one-line summary.

    Optional paragraphs: what to know when using it.

    Example::

        import pulumi_kinde as kinde

        api = kinde.Api("backend", name="Backend", audience="https://api.example.com")

    :id: the id format, short (``api_id/scope_id``): the README's table shows it.
    :find_id: where the id is in the Kinde admin UI, or how to find it.
    :scopes: the Management API scopes it needs, as ``crd:apis, ru:businesses``
        (letters c, r, u, d for create, read, update, delete).
    :limitation: one of Kinde's limitations for this object (repeat the field for more;
        the words before the first one's first colon are the note in the README's table).
    :param name: what the argument does, one per keyword argument of ``__init__``.

and each ``pulumi.Output`` attribute has a docstring on the line below it.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass

__all__ = ["Docstring", "attribute_docs", "parse"]

_FIELD = re.compile(r"^:(\w+)(?: (\w+))?:(.*)$")


@dataclass(frozen=True)
class Docstring:
    """A class docstring split into its parts; texts keep their reST markup."""

    summary: str
    paragraphs: tuple[str, ...]
    example: str | None
    fields: tuple[tuple[str, str, str], ...]
    """``(field, argument, text)`` of each ``:field argument: text`` line, in order."""

    def values(self, field: str) -> list[str]:
        """The texts of every ``:field:`` (e.g. each ``:limitation:``)."""
        return [text for name, _, text in self.fields if name == field]

    def value(self, field: str) -> str | None:
        found = self.values(field)
        return found[0] if found else None

    @property
    def params(self) -> dict[str, str]:
        """``:param name: text`` by argument name."""
        return {arg: text for name, arg, text in self.fields if name == "param" and arg}


def _fields(lines: list[str]) -> tuple[tuple[str, str, str], ...]:
    found: list[list[str]] = []
    for line in lines:
        match = _FIELD.match(line)
        if match:
            found.append([match[1], match[2] or "", match[3].strip()])
        elif found and line.strip():
            found[-1][2] = f"{found[-1][2]} {line.strip()}".strip()
    return tuple((name, arg, text) for name, arg, text in found)


def parse(doc: str | None) -> Docstring:
    """Split ``doc`` into summary, paragraphs, the ``Example::`` block and fields."""
    lines = inspect.cleandoc(doc or "").splitlines()
    first_field = next((i for i, line in enumerate(lines) if _FIELD.match(line)), len(lines))
    paragraphs: list[str] = []
    example: str | None = None
    current: list[str] = []
    body = iter([*lines[:first_field], ""])
    for line in body:
        if line.strip():
            current.append(line)
            continue
        text = "\n".join(current)
        current = []
        if text.strip() == "Example::":
            block: list[str] = []
            for code in body:
                if code.strip() and not code.startswith(" "):
                    current.append(code)
                    break
                block.append(code)
            example = textwrap.dedent("\n".join(block)).strip("\n")
        elif text:
            paragraphs.append(text)
    if current:
        paragraphs.append("\n".join(current))
    summary = " ".join(paragraphs[0].split()) if paragraphs else ""
    return Docstring(summary, tuple(paragraphs[1:]), example, _fields(lines[first_field:]))


def attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written below annotated attributes of ``cls`` (not inherited)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.ClassDef):
        return {}
    docs: dict[str, str] = {}
    for statement, following in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs
