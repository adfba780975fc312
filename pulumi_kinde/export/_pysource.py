"""Python source text as ``ruff format`` writes it, so generated programs need no formatter.

Every call and every non-empty list or dict is written one item per line with a trailing
comma (ruff's "magic trailing comma" keeps such a layout as it is, whatever the line length),
and string literals use ruff's quote preference.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Expr", "call", "comment_lines", "identifier", "literal", "one_line", "string"]

INDENT = "    "


@dataclass(frozen=True)
class Expr:
    """Python code to write as it is (a reference such as ``role_admin.id``), with an
    optional trailing comment."""

    code: str
    comment: str = ""


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string(value: str) -> str:
    """A string literal: double quotes, unless the text holds more double than single quotes."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == quote:
            out.append("\\" + char)
        elif not char.isprintable():
            out.append(repr(char)[1:-1])  # \x1b, \u200b: lower-case hex, as ruff writes it
        else:
            out.append(char)
    return f"{quote}{''.join(out)}{quote}"


def one_line(text: str, limit: int = 120) -> str:
    """``text`` safe inside a comment: one line, printable, trimmed."""
    flat = re.sub(r"\s+", " ", "".join(c if c.isprintable() else " " for c in text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def comment_lines(text: str, indent: str = "", width: int = 88) -> list[str]:
    """``text`` as ``#`` comment lines wrapped at ``width``."""
    lines = textwrap.wrap(one_line(text, limit=10_000), width=width - len(indent) - 2)
    return [f"{indent}# {line}" for line in lines] or [f"{indent}#"]


def identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii()


def literal(value: Any, depth: int = 0) -> list[str]:
    """``value`` as source lines; the first line continues the current line, the others carry
    their own indentation (``depth`` levels for the closing bracket)."""
    if isinstance(value, Expr):
        return [value.code]
    if value is None or isinstance(value, (bool, int, float)):
        return [repr(value)]
    if isinstance(value, str):
        return [string(value)]
    if isinstance(value, Mapping):
        if not value:
            return ["{}"]
        items = [(f"{string(str(k))}: ", v) for k, v in value.items()]
        return _bracketed("{", "}", items, depth)
    if isinstance(value, Sequence):
        if not value:
            return ["[]"]
        return _bracketed("[", "]", [("", v) for v in value], depth)
    raise TypeError(f"cannot write {type(value).__name__} values as Python source")


def _bracketed(open_: str, close: str, items: list[tuple[str, Any]], depth: int) -> list[str]:
    inner = INDENT * (depth + 1)
    lines = [open_]
    for prefix, value in items:
        lines.extend(_item(inner, prefix, value, depth + 1))
    lines.append(INDENT * depth + close)
    return lines


def _item(indent: str, prefix: str, value: Any, depth: int) -> list[str]:
    """One argument or element: indented, with its trailing comma and comment."""
    sub = literal(value, depth)
    lines = [indent + prefix + sub[0], *sub[1:]]
    lines[-1] += ","
    if isinstance(value, Expr) and value.comment:
        lines[-1] += f"  # {one_line(value.comment)}"
    return lines


def call(function: str, args: Sequence[tuple[str | None, Any]], target: str = "") -> list[str]:
    """``target = function(arg, name=value, ...)``, one argument per line."""
    head = f"{target} = {function}(" if target else f"{function}("
    lines = [head]
    for name, value in args:
        lines.extend(_item(INDENT, f"{name}=" if name else "", value, 1))
    lines.append(")")
    return lines
