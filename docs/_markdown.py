"""Small Markdown helpers for the generated reference."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["bullets", "code", "md", "table"]

_LITERAL = re.compile(r"``(.+?)``")


def md(rst: str) -> str:
    """Docstring text (reST) as Markdown: ````x```` becomes ```x```; lines are joined."""
    return _LITERAL.sub(r"`\1`", " ".join(rst.split()))


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; ``|`` inside cells is escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def code(text: str, language: str = "python") -> list[str]:
    return [f"```{language}", *text.splitlines(), "```"]


def bullets(items: Iterable[str]) -> list[str]:
    return [f"- {item}" for item in items]
