"""The valid values of open lists: webhook event types, connection strategies and options.

The types are plain strings in the resources (Kinde adds values over time), so their values
come from what Kinde documents: the Management API spec the emulator serves, and the event
types the emulator accepts (those of docs.kinde.com, "Add and manage webhooks").
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from _markdown import md, table
from pydantic import BaseModel

from pulumi_kinde.emulator.routes.business import INDUSTRIES, TIMEZONES
from pulumi_kinde.emulator.routes.connections import options_model
from pulumi_kinde.emulator.routes.webhooks import EVENT_TYPES
from pulumi_kinde.resources._reference import limits, type_name

__all__ = ["EXTRA_SECTIONS"]


@cache
def _spec() -> dict[str, Any]:
    text = resources.files("pulumi_kinde.emulator").joinpath("kinde-mgmt-api-specs.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(text.read_text(), Loader=loader)
    return spec


def _create_connection_schema() -> dict[str, Any]:
    body = _spec()["paths"]["/api/v1/connections"]["post"]["requestBody"]
    schema: dict[str, Any] = body["content"]["application/json"]["schema"]["properties"]
    return schema


def event_types() -> list[str]:
    return [
        "## Event types",
        "",
        'The event types Kinde documents (docs.kinde.com, "Add and manage webhooks"), which '
        "the emulator accepts. Kinde adds types over time: the business's own list is "
        "`GET /api/v1/event_types` (scope `read:event_types`).",
        "",
        *table(["event type", "Kinde's name"], [(f"`{code}`", name) for code, name in EVENT_TYPES]),
    ]


def _option_rows(model: type[BaseModel], described: dict[str, Any]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for name, info in model.model_fields.items():
        spec = described.get(name, {})
        values = ", ".join(limits(model, name))
        text = md(spec.get("description", ""))
        rows.append((f"`{name}`", f"`{type_name(info.annotation)}`", values, text))
    return rows


def _schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The spec's options schema with the same keys as ``model`` (the closest one)."""
    choices = _create_connection_schema()["options"]["oneOf"]
    keys = set(model.model_fields)
    best: dict[str, Any] = max(choices, key=lambda s: len(keys & set(s["properties"])))
    return best


def strategies() -> list[str]:
    strategy_values: list[str] = _create_connection_schema()["strategy"]["enum"]
    groups: dict[type[BaseModel] | None, list[str]] = {}
    for strategy in strategy_values:
        groups.setdefault(options_model(strategy), []).append(f"`{strategy}`")
    lines = [
        "## Strategies and their options",
        "",
        "`strategy` is one of the values below (Kinde's Management API spec). Which keys "
        "`options` takes depends on the strategy; Kinde refuses other keys. Every option is "
        "optional, and none is ever read back.",
    ]
    for model, names in groups.items():
        lines += ["", f"**{', '.join(names)}**", ""]
        if model is None:
            lines.append("No options.")
            continue
        schema = _schema_for(model)
        lines += [md(schema.get("description", "")), ""]
        header = ["option", "type", "values", "description"]
        lines += table(header, _option_rows(model, schema["properties"]))
    return lines


def industries_and_timezones() -> list[str]:
    def keys(pairs: tuple[tuple[str, str], ...]) -> str:
        return ", ".join(f"`{key}`" for key, _ in pairs)

    return [
        "## Industries and timezones",
        "",
        "`industry` and `timezone` take keys of Kinde's lists: `GET /api/v1/industries` and "
        "`GET /api/v1/timezones` (scopes `read:industries`, `read:timezones`) list them with "
        "the names the Kinde UI shows. The emulator knows a sample of each:",
        "",
        f"- industries: {keys(INDUSTRIES)};",
        f"- timezones: {keys(TIMEZONES)}.",
    ]


EXTRA_SECTIONS = {
    "BusinessSettings": industries_and_timezones,
    "Connection": strategies,
    "Webhook": event_types,
}
"""Sections a resource's page adds after its arguments, by resource name."""
