"""Resource and variable names: readable, stable, unique, derived from keys and names.

A resource is named after its key or name (``"Billing API"`` becomes ``billing-api``);
objects of one type whose names would collide are all qualified by their id
(``web-app-0f3a...``), so a name never depends on which of two objects sorts first. Python
variables are the resource name with a per-type prefix (``role_admin``), made unique across
the whole program.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["slug", "unique_names", "unique_variables"]

_MAX = 60
MAX_VARIABLE = 48


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-``; ``""`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:_MAX].rstrip("-")


def unique_names(wanted: Iterable[tuple[str, str]], fallback: str) -> dict[str, str]:
    """Names for ``(id, name source)`` pairs, unique among them, keyed by id.

    Objects whose names clash are all qualified by the end of their id, as short as keeps
    them apart (at least 6 characters).
    """
    bases = {id_: slug(source) or slug(id_) or fallback for id_, source in sorted(wanted)}
    groups: dict[str, list[str]] = {}
    for id_, base in bases.items():
        groups.setdefault(base, []).append(id_)
    names: dict[str, str] = {}
    taken: set[str] = set()
    for base, ids in sorted(groups.items()):
        suffixes = _distinct_endings([slug(i) or "x" for i in ids]) if len(ids) > 1 else [""]
        for id_, suffix in zip(ids, suffixes, strict=True):
            names[id_] = _free(f"{base}-{suffix}" if suffix else base, taken, "-")
    return names


def _distinct_endings(words: list[str], shortest: int = 6) -> list[str]:
    """The shortest endings (at least ``shortest`` long) that tell ``words`` apart."""
    longest = max(len(w) for w in words)
    for size in range(shortest, longest + 1):
        endings = [w[-size:].lstrip("-") for w in words]
        if len(set(endings)) == len(endings):
            return endings
    return words


def unique_variables(names: Iterable[str], prefix: str, taken: set[str]) -> dict[str, str]:
    """Python variables ``prefix_name`` for resource names, not in ``taken`` (updated).

    At most ``MAX_VARIABLE`` characters, so ``variable = kinde.Type(`` fits a line.
    """
    variables: dict[str, str] = {}
    for name in sorted(names):
        base = f"{prefix}_{name.replace('-', '_')}" if prefix else name.replace("-", "_")
        if not base.isidentifier() or keyword.iskeyword(base):
            base = f"r_{base}"
        variables[name] = _free(base[:MAX_VARIABLE].rstrip("_"), taken, "_")
    return variables


def _free(name: str, taken: set[str], sep: str) -> str:
    candidate, n = name, 1
    while candidate in taken:  # bounded: each step tries a new suffix among len(taken) names
        n += 1
        candidate = f"{name}{sep}{n}"
    taken.add(candidate)
    return candidate
