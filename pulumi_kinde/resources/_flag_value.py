"""Feature flag values: typed in Python (``str``, ``int``, ``bool``), strings in Kinde.

Kinde keeps every flag value as a string (``"true"``/``"false"``, ``"42"``). A program
declares typed values; this module converts them both ways and checks one against a flag's
type. Numbers reach the provider as floats (protobuf has no integers), so an integral float
is taken as the int it was.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StrictBool, StrictInt, StrictStr

__all__ = ["FlagType", "FlagValue", "from_kinde", "mismatch", "to_kinde", "typed"]

FlagType = Literal["str", "int", "bool"]


def typed(value: Any) -> Any:
    """``value`` with an integral float (how numbers cross the wire) back as an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _flag_value(value: Any) -> Any:
    value = typed(value)
    if not isinstance(value, (bool, int, str)):
        raise ValueError(f"must be a string, an int or True/False, got {value!r}")
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


def mismatch(flag_type: str | None, value: bool | int | str) -> str | None:
    """Why ``value`` does not suit a flag of ``flag_type`` (None when it does)."""
    if flag_type is None:
        return None
    expected = _PYTHON_TYPES[flag_type]
    if type(value) is not expected:
        shown = {"str": "a string", "int": "an int", "bool": "True or False"}[flag_type]
        article = "an" if flag_type == "int" else "a"
        return f"{article} {flag_type} flag's value must be {shown}, got {value!r}"
    if value == "":
        return "must not be empty (Kinde refuses an empty value)"
    return None
