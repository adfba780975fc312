"""Feature flags and their overrides for the environment, organizations and users.

Kinde's quirks, kept here:

- There is no GET of a flag definition. ``GET /environment/feature_flags`` shows every flag's
  type and current value (the environment override, else the default) and nothing else; an
  organization's list shows only that organization's overrides; users' overrides cannot be
  read at all, nor removed one by one.
- ``PUT /feature_flags/{key}`` takes every field as a query parameter, all required and none
  empty (so a flag updated this way has a description), and its ``allow_override_level``
  accepts only ``env`` and ``org`` (as the spec says).
- Values travel as strings: ``"true"``/``"false"`` for a bool flag, digits for an int flag.

Emulator rules the spec does not state: an override must suit the flag's type; a flag can be
overridden at its ``allow_override_level`` and the broader levels (``usr`` allows users,
organizations and the environment; ``org`` organizations and the environment; ``env``, or no
level, the environment only); deleting a flag, or changing its type, drops its overrides.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.records_settings import FeatureFlag, FlagOverride
from pulumi_kinde.emulator.routes import _lookup, _settings
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Collection, Store
from pulumi_kinde.emulator.validation import RequestBody

FlagKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,128}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
FlagType = Literal["str", "int", "bool"]
LEVELS = ("env", "org", "usr")


class CreateFlag(RequestBody):
    key: FlagKey
    name: Name
    type: FlagType
    default_value: str
    description: str | None = None
    allow_override_level: Literal["env", "org", "usr"] | None = None


class OverrideValue(RequestBody):
    value: str

    @field_validator("value")
    @classmethod
    def _present(cls, value: str) -> str:
        if value == "":
            raise ValueError("a value is required")
        return value


def _check_value(flag_type: str, value: str, field: str) -> str:
    valid = {
        "bool": value in ("true", "false"),
        "int": re.fullmatch(r"-?[0-9]+", value) is not None,
        "str": True,
    }[flag_type]
    if not valid:
        raise bad_request(
            f"INVALID_{field.upper()}", f"{field} {value!r} is not a valid {flag_type} value"
        )
    return value


def _query(call: Call, name: str, choices: tuple[str, ...] | None = None) -> str:
    value = call.query.get(name)
    if value is None:
        raise bad_request(f"{name.upper()}_REQUIRED", f"query parameter {name} is required")
    if value == "":  # the spec does not allow empty values
        raise bad_request(f"INVALID_{name.upper()}", f"query parameter {name} must not be empty")
    if choices is not None and value not in choices:
        raise bad_request(f"INVALID_{name.upper()}", f"{name} must be one of: {', '.join(choices)}")
    return value


def _overridable(flag: FeatureFlag, level: str, value: str) -> str:
    allowed = flag.allow_override_level or "env"
    if LEVELS.index(allowed) < LEVELS.index(level):
        raise bad_request(
            "FEATURE_FLAG_OVERRIDE_NOT_ALLOWED",
            f"Feature flag {flag.key!r} cannot be overridden at level {level!r} "
            f"(allow_override_level is {allowed!r})",
        )
    return _check_value(flag.type, value, "value")


def _override_collections(store: Store) -> tuple[Collection[FlagOverride], ...]:
    return (
        store.environment_feature_flags,
        store.organization_feature_flags,
        store.user_feature_flags,
    )


def _drop_overrides(store: Store, flag_key: str) -> None:
    for collection in _override_collections(store):
        for override in collection.filter(flag_key=flag_key):
            collection.remove(override.id)


def _set(collection: Collection[FlagOverride], owner: str | None, key: str, value: str) -> None:
    id_ = key if owner is None else f"{owner}/{key}"
    collection.add(FlagOverride(id=id_, flag_key=key, value=value, owner=owner))


def _flags_json(flags: list[tuple[FeatureFlag, str]]) -> dict[str, dict[str, str]]:
    return {flag.key: {"type": flag.type, "value": value} for flag, value in flags}


@route("POST", "/api/v1/feature_flags", "CreateFeatureFlag")
def create_flag(call: Call) -> Reply:
    body = call.body(CreateFlag)
    _check_value(body.type, body.default_value, "default_value")
    if call.store.feature_flags.get(body.key) is not None:
        raise bad_request(
            "FEATURE_FLAG_ALREADY_EXISTS", f"A feature flag with key {body.key!r} already exists"
        )
    call.store.feature_flags.add(FeatureFlag(**body.model_dump()))
    return reply(201, message="Feature flag created", code="FEATURE_FLAG_CREATED")


@route("PUT", "/api/v1/feature_flags/{feature_flag_key}", "UpdateFeatureFlag")
def replace_flag(call: Call) -> Reply:
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    name = _query(call, "name")
    description = _query(call, "description")
    flag_type = _query(call, "type", ("str", "int", "bool"))
    level = _query(call, "allow_override_level", ("env", "org"))
    default = _check_value(flag_type, _query(call, "default_value"), "default_value")
    if flag_type != flag.type:
        _drop_overrides(call.store, flag.key)
    flag.name, flag.description, flag.type = name, description, flag_type
    flag.allow_override_level, flag.default_value = level, default
    return reply(message="Feature flag updated", code="FEATURE_FLAG_UPDATED")


@route("DELETE", "/api/v1/feature_flags/{feature_flag_key}", "DeleteFeatureFlag")
def delete_flag(call: Call) -> Reply:
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    _drop_overrides(call.store, flag.key)
    call.store.feature_flags.remove(flag.key)
    return reply(message="Feature flag deleted", code="FEATURE_FLAG_DELETED")


# -- the environment ----------------------------------------------------------------------


@route("GET", "/api/v1/environment/feature_flags", "GetEnvironementFeatureFlags")
def list_environment_flags(call: Call) -> Reply:
    store = call.store
    current = []
    for flag in store.feature_flags.all():
        override = store.environment_feature_flags.get(flag.key)
        current.append((flag, override.value if override else flag.default_value))
    return reply(code="OK", message="Success", feature_flags=_flags_json(current))


@route(
    "PATCH",
    "/api/v1/environment/feature_flags/{feature_flag_key}",
    "UpdateEnvironementFeatureFlagOverride",
)
def override_for_environment(call: Call) -> Reply:
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    value = _overridable(flag, "env", call.body(OverrideValue).value)
    _set(call.store.environment_feature_flags, None, flag.key, value)
    return reply(message="Feature flag override updated", code="FEATURE_FLAG_UPDATED")


@route(
    "DELETE",
    "/api/v1/environment/feature_flags/{feature_flag_key}",
    "DeleteEnvironementFeatureFlagOverride",
)
def remove_environment_override(call: Call) -> Reply:
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    call.store.environment_feature_flags.remove(flag.key)
    return reply(message="Feature flag override deleted", code="FEATURE_FLAG_DELETED")


@route("DELETE", "/api/v1/environment/feature_flags", "DeleteEnvironementFeatureFlagOverrides")
def remove_environment_overrides(call: Call) -> Reply:
    call.store.environment_feature_flags.clear()
    return reply(message="Feature flag overrides deleted", code="FEATURE_FLAGS_DELETED")


# -- organizations ------------------------------------------------------------------------


@route("GET", "/api/v1/organizations/{org_code}/feature_flags", "GetOrganizationFeatureFlags")
def list_organization_overrides(call: Call) -> Reply:
    store = call.store
    code = _lookup.organization(store, call.params["org_code"]).code
    current = []
    for override in store.organization_feature_flags.filter(owner=code):
        flag = store.feature_flags.get(override.flag_key)
        if flag is not None:
            current.append((flag, override.value))
    return reply(code="OK", message="Success", feature_flags=_flags_json(current))


@route(
    "PATCH",
    "/api/v1/organizations/{org_code}/feature_flags/{feature_flag_key}",
    "UpdateOrganizationFeatureFlagOverride",
)
def override_for_organization(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    value = _overridable(flag, "org", _query(call, "value"))
    _set(call.store.organization_feature_flags, code, flag.key, value)
    return reply(message="Feature flag override updated", code="FEATURE_FLAG_UPDATED")


@route(
    "DELETE",
    "/api/v1/organizations/{org_code}/feature_flags/{feature_flag_key}",
    "DeleteOrganizationFeatureFlagOverride",
)
def remove_organization_override(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    key = call.params["feature_flag_key"]
    if call.store.organization_feature_flags.remove(f"{code}/{key}") is None:
        raise not_found("FEATURE_FLAG_NOT_FOUND", f"Organization {code} has no override of {key!r}")
    return reply(message="Feature flag override deleted", code="FEATURE_FLAG_DELETED")


@route(
    "DELETE",
    "/api/v1/organizations/{org_code}/feature_flags",
    "DeleteOrganizationFeatureFlagOverrides",
)
def remove_organization_overrides(call: Call) -> Reply:
    store = call.store
    code = _lookup.organization(store, call.params["org_code"]).code
    for override in store.organization_feature_flags.filter(owner=code):
        store.organization_feature_flags.remove(override.id)
    return reply(message="Feature flag overrides deleted", code="FEATURE_FLAGS_DELETED")


# -- users --------------------------------------------------------------------------------


@route(
    "PATCH",
    "/api/v1/users/{user_id}/feature_flags/{feature_flag_key}",
    "UpdateUserFeatureFlagOverride",
)
def override_for_user(call: Call) -> Reply:
    user_id = _settings.user_id(call.store, call.params["user_id"])
    flag = _settings.feature_flag(call.store, call.params["feature_flag_key"])
    value = _overridable(flag, "usr", _query(call, "value"))
    _set(call.store.user_feature_flags, user_id, flag.key, value)
    return reply(message="Feature flag override updated", code="FEATURE_FLAG_UPDATED")
