"""Feature flag values: typed in Python (``str``, ``int``, ``bool``), strings in Kinde.

Kinde keeps every flag value as a string (``"true"``/``"false"``, ``"42"``). A program
declares typed values; this module converts them both ways and checks one against a flag's
type. Numbers reach the provider as floats (protobuf has no integers), so an integral float
is taken as the int it was.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StrictBool, StrictInt, StrictStr

__all__ = [
    "FlagType",
    "FlagValue",
    "from_kinde",
    "mismatch",
    "override_mismatch",
    "to_kinde",
    "typed",
]

FlagType = Literal["str", "int", "bool"]


def typed(value: Any) -> Any:
    """``value`` with an integral float (how numbers cross the wire) back as an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _flag_value(value: Any) -> Any:
    value = typed(value)
    if not isinstance(value, (bool, int, str)):
        raise ValueError(f"must be a string, an int or True/False, not {_described(value)}")
    return value


FlagValue = Annotated[StrictBool | StrictInt | StrictStr, BeforeValidator(_flag_value)]
"""A flag value as a program declares it."""

_PYTHON_TYPES: dict[str, type] = {"str": str, "int": int, "bool": bool}


def to_kinde(value: bool | int | str) -> str:
    """The string Kinde keeps for ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_kinde(flag_type: str, text: str) -> bool | int | str:
    """The typed value of Kinde's ``text`` for a flag of ``flag_type``."""
    if flag_type == "bool":
        return text == "true"
    if flag_type == "int":
        try:
            return int(text)
        except ValueError:
            return text
    return text


def _described(value: Any) -> str:
    """What kind of value ``value`` is, never the value itself (it may be a secret)."""
    if isinstance(value, bool):
        return "True or False"
    return {int: "an int", str: "a string", float: "a number with a fraction"}.get(
        type(value), f"a {type(value).__name__}"
    )


def mismatch(flag_type: str | None, value: bool | int | str) -> str | None:
    """Why ``value`` does not suit a flag of ``flag_type`` (None when it does). The value is
    never quoted: the engine shows it beside the failure, redacted when it is a secret."""
    if flag_type not in _PYTHON_TYPES:
        return None
    expected = _PYTHON_TYPES[flag_type]
    if type(value) is not expected:
        shown = {"str": "a string", "int": "an int", "bool": "True or False"}[flag_type]
        article = "an" if flag_type == "int" else "a"
        problem = f"{article} {flag_type} flag's value must be {shown}, not {_described(value)}"
        if flag_type == "str":
            # Kinde keeps every value as text: it would take this one as its text ("true").
            problem += " (Kinde would keep it as text: write it in quotes)"
        return problem
    if value == "":
        return "must not be empty (Kinde refuses an empty value)"
    return None


def override_mismatch(flag_type: str | None, value: bool | int | str) -> str | None:
    """Why ``value`` cannot be an override of a flag of ``flag_type`` (None when it can).

    Kinde keeps the text of a value and checks it against the flag's type: an int or bool
    flag takes its text as well (``"42"``, ``"true"``; the program's spelling is kept), but
    a str flag would take a bool or an int as its text too, so ``True`` would be kept as
    ``"true"``: a slip, refused. Never quotes the value.
    """
    if flag_type == "str" or flag_type not in _PYTHON_TYPES:
        return mismatch(flag_type, value)
    text = to_kinde(value)
    given = "" if isinstance(value, str) else f", not {_described(value)}"
    if flag_type == "bool" and text not in ("true", "false"):
        return f"a bool flag's value must be True or False (or the text 'true' or 'false'){given}"
    if flag_type == "int" and re.fullmatch(r"-?[0-9]+", text) is None:
        return f"an int flag's value must be a whole number (or its digits as text){given}"
    return None
