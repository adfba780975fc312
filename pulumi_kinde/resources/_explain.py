"""A check failure a person can act on: the argument, the value given, and the fix.

pydantic says ``String should match pattern '^\\S+$'``; we say ``role argument 'key': must
not be empty or hold spaces``. The value given is never quoted here: the engine shows it
beside the failure (``property key value {has spaces} has a problem``), as ``[secret]`` when
it is one. The provider cannot tell: the engine strips secret marks before Check, so a value
quoted here would print a program's secret (an output made secret, a secret config value)
in the clear.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic_core import ErrorDetails

from ._fields import FieldInfo

__all__ = ["PATTERNS", "explain"]

PATTERNS: dict[str, str] = {
    r"^\S+$": "must not be empty or hold spaces",
    r"^[A-Za-z0-9_.-]{1,128}$": "must be 1-128 letters, digits, '_', '.' or '-'",
    r"^[a-z0-9_]{1,128}$": "must be 1-128 lower-case letters, digits or '_'",
    r"^[A-Za-z_][A-Za-z0-9_]{0,127}$": (
        "must start with a letter or '_' and hold only letters, digits and '_' (128 at most)"
    ),
    r"^[A-Za-z0-9_-]{1,64}$": "must be 1-64 letters, digits, '_' or '-'",
    r"^#?(?:[0-9a-fA-F]{3}){1,2}$": "must be a hex colour such as '#0a7cff' or '#fff'",
    r"^[^@\s]+@[^@\s]+$": "must be an e-mail address such as 'hello@example.com'",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "must be an e-mail address such as 'ada@example.com'",
    r"^\+[1-9][0-9]{6,14}$": "must be a phone number in E.164 form, such as '+14155550100'",
    r"^[a-z]{2}$": "must be a two-letter country code in lower case, such as 'us'",
    r"^https://\S+$": "must be an https:// URL",
    r"^[^/\s]+$": (
        "must be a single id, without '/' or spaces (a pairing's id 'a/b' is not one: "
        "pass the output that holds the single id)"
    ),
}
"""What each pattern used in a model means, in words (a test keeps this complete)."""


def _reason(item: ErrorDetails, fields: Mapping[str, FieldInfo]) -> str:
    kind = item["type"]
    ctx: dict[str, Any] = dict(item.get("ctx") or {})
    value = item.get("input")
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(str(ctx.get("pattern")), f"must match the pattern {ctx.get('pattern')}")
    if kind == "string_too_long" and isinstance(value, str):
        return f"is {len(value)} characters long; the most Kinde takes is {ctx['max_length']}"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else str(item["msg"])
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close and close[0] != value else ""
        return f"must be one of {expected}{hint}"
    return str(item["msg"]).removeprefix("Value error, ")


def explain(kind: str, item: ErrorDetails, fields: Mapping[str, FieldInfo], secret: bool) -> str:
    """The message of one validation error of a ``kind`` resource's arguments."""
    loc = [str(part) for part in item["loc"]]
    name = loc[0] if loc else ""
    where = ".".join(loc)
    if item["type"] == "extra_forbidden":
        close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        valid = ", ".join(sorted(fields))
        return f"{kind} has no argument '{name}'; {hint}valid arguments are: {valid}"
    if item["type"] == "missing":
        return f"{kind} argument '{name}' is required"
    del secret  # the value is never quoted, secret or not (see the module's docstring)
    return f"{kind} argument '{where}': {_reason(item, fields)}"
