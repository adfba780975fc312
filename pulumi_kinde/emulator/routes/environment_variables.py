"""Environment variables (values for workflows). Keys are unique. A secret variable's value
is kept but never returned: its ``value`` comes back as null, in the list and in a GET.

Live: a sensitive variable's value cannot be updated; it must be deleted and created again
(docs.kinde.com, "Add and update environment variables"). A PATCH that sets the value of a
secret variable, or turns ``is_secret`` off (which would show the value), is refused with
400 ``SENSITIVE_VARIABLE_NOT_UPDATABLE``; renaming one, and making a variable secret, work."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.records_settings import EnvironmentVariable, environment_variable_id
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store
from pulumi_kinde.emulator.validation import RequestBody

VariableKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
Value = Annotated[str, StringConstraints(max_length=4096)]


class CreateVariable(RequestBody):
    key: VariableKey
    value: Value
    is_secret: bool | None = None


class UpdateVariable(RequestBody):
    key: VariableKey | None = None
    value: Value | None = None
    is_secret: bool | None = None


def _variable(store: Store, variable_id: str) -> EnvironmentVariable:
    return _lookup.require(
        store.environment_variables,
        variable_id,
        "ENVIRONMENT_VARIABLE_NOT_FOUND",
        "Environment variable not found",
    )


def _unique(store: Store, key: str, own_id: str | None) -> None:
    taken = store.environment_variables.find(key=key)
    if taken is not None and taken.id != own_id:
        raise bad_request(
            "ENVIRONMENT_VARIABLE_ALREADY_EXISTS",
            f"An environment variable with key {key!r} already exists",
        )


def _json(variable: EnvironmentVariable) -> dict[str, Any]:
    return {
        "id": variable.id,
        "key": variable.key,
        "value": None if variable.is_secret else variable.value,
        "is_secret": variable.is_secret,
        "created_on": variable.created_on,
    }


@route("GET", "/api/v1/environment_variables", "getEnvironmentVariables")
def list_variables(call: Call) -> Reply:
    variables = [_json(v) for v in call.store.environment_variables.all()]
    return reply(code="OK", message="Success", has_more=False, environment_variables=variables)


@route("POST", "/api/v1/environment_variables", "createEnvironmentVariable")
def create_variable(call: Call) -> Reply:
    body = call.body(CreateVariable)
    _unique(call.store, body.key, None)
    variable = call.store.environment_variables.add(
        EnvironmentVariable(
            id=environment_variable_id(),
            key=body.key,
            value=body.value,
            is_secret=bool(body.is_secret),
            created_on=_lookup.now(),
        )
    )
    return reply(
        201,
        message="Environment variable created",
        code="VARIABLE_CREATED",
        environment_variable={"id": variable.id},
    )


@route("GET", "/api/v1/environment_variables/{variable_id}", "getEnvironmentVariable")
def get_variable(call: Call) -> Reply:
    variable = _variable(call.store, call.params["variable_id"])
    return reply(code="OK", message="Success", environment_variable=_json(variable))


@route("PATCH", "/api/v1/environment_variables/{variable_id}", "updateEnvironmentVariable")
def update_variable(call: Call) -> Reply:
    variable = _variable(call.store, call.params["variable_id"])
    body = call.body(UpdateVariable)
    if variable.is_secret and (body.value is not None or body.is_secret is False):
        # Live: docs.kinde.com, "Add and update environment variables".
        raise bad_request(
            "SENSITIVE_VARIABLE_NOT_UPDATABLE",
            "The value of a sensitive environment variable cannot be updated: delete the "
            "variable and create it again",
        )
    if body.key is not None:
        _unique(call.store, body.key, variable.id)
        variable.key = body.key
    if body.value is not None:
        variable.value = body.value
    if body.is_secret is not None:
        variable.is_secret = body.is_secret
    return reply(message="Environment variable updated", code="ENVIRONMENT_VARIABLE_UPDATED")


@route("DELETE", "/api/v1/environment_variables/{variable_id}", "deleteEnvironmentVariable")
def delete_variable(call: Call) -> Reply:
    variable = _variable(call.store, call.params["variable_id"])
    call.store.environment_variables.remove(variable.id)
    return reply(message="Environment variable deleted", code="ENVIRONMENT_VARIABLE_DELETED")
