"""Mistakes in adopting what Kinde never shows: the table of
``tests/resources/test_mistakes.py`` continued (it runs these rows).

Kinde never shows a flag's definition or a property's category, so adoption takes them as
declared and an adopted object may leave them out (Kinde keeps its own). A new object must
declare them, and an adopted flag declares its definition whole or not at all: Kinde's
update writes it whole, and could only guess the parts left out.
"""

from __future__ import annotations

from collections.abc import Callable

import pulumi_kinde as kinde
from tests.resources.mistakes import Mistake


def _flag(**args: object) -> Callable[[], None]:
    def program() -> None:
        kinde.FeatureFlag("beta", key="beta", type="bool", **args)  # type: ignore[arg-type]

    return program


def _property_without_category() -> None:
    kinde.Property("tier", key="tier", name="Tier", context="org")


MISTAKES = [
    Mistake(
        "new flag without its definition",
        _flag(),
        "preview",
        ("feature flag argument 'name' is required", "'description' is required"),
    ),
    Mistake(
        "new flag without a description",
        _flag(name="Beta", default_value=False),
        "preview",
        ("feature flag argument 'description' is required",),
    ),
    Mistake(
        "part of an adopted flag's definition",
        _flag(name="Beta", import_id="beta"),
        "preview",
        (
            "feature flag argument 'description' is required with name",
            "its update writes name, description, default_value and allow_override_level",
            "declare them all, or none to keep Kinde's",
        ),
    ),
    Mistake(
        "an adopted flag's override level alone",
        _flag(allow_override_level="org", import_id="beta"),
        "preview",
        ("'name' is required with allow_override_level", "declare them all"),
    ),
    Mistake(
        "new property without its category",
        _property_without_category,
        "preview",
        (
            "property argument 'category_id'",
            "is required to create a property (only an adopted one, with import_id",
        ),
    ),
]
