"""APIs, their scopes, and which applications may request tokens for them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, empty, reply, route
from pulumi_kinde.emulator.store import Api, ApiScope, Store
from pulumi_kinde.emulator.validation import RequestBody

Text64 = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ScopeKey = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^\S+$")]

APPLICATION_TYPE_LABELS = {
    "m2m": "Machine to machine (M2M)",
    "reg": "Back-end web",
    "spa": "Front-end and mobile",
    "device": "Device and IoT",
}


class CreateApi(RequestBody):
    name: Text64
    audience: Text64


class CreateScope(RequestBody):
    key: ScopeKey
    description: str | None = None


class UpdateScope(RequestBody):
    description: str | None = None


class ApplicationChange(RequestBody):
    id: str
    operation: Literal["delete"] | None = None


class UpdateApplications(RequestBody):
    applications: list[ApplicationChange]


def _scopes(store: Store, api: Api) -> list[ApiScope]:
    return store.api_scopes.filter(api_id=api.id)


@route("GET", "/api/v1/apis", "getAPIs")
def list_apis(call: Call) -> Reply:
    expand = call.query_choice("expand", ("scopes",))
    items = []
    for api in sorted(call.store.apis.all(), key=lambda a: (a.name.lower(), a.id)):
        item: dict[str, Any] = {
            "id": api.id,
            "name": api.name,
            "audience": api.audience,
            "is_management_api": api.is_management_api,
        }
        if expand == "scopes":
            item["scopes"] = [{"id": s.id, "key": s.key} for s in _scopes(call.store, api)]
        items.append(item)
    return reply(code="OK", message="Success", apis=items)


@route("POST", "/api/v1/apis", "addAPIs")
def create_api(call: Call) -> Reply:
    body = call.body(CreateApi)
    if call.store.apis.find(audience=body.audience):
        raise bad_request("API_AUDIENCE_ALREADY_EXISTS", "An API with this audience already exists")
    api = call.store.apis.add(Api(id=ids.api_id(), name=body.name, audience=body.audience))
    return reply(message="Success", code="OK", api={"id": api.id})


@route("GET", "/api/v1/apis/{api_id}", "getAPI")
def get_api(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    applications = []
    for application_id in api.application_ids:
        application = call.store.applications.get(application_id)
        if application is not None:
            applications.append(
                {
                    "id": application.id,
                    "name": application.name,
                    "type": APPLICATION_TYPE_LABELS[application.type],
                    "is_active": True,
                }
            )
    return reply(
        code="OK",
        message="Success",
        api={
            "id": api.id,
            "name": api.name,
            "audience": api.audience,
            "is_management_api": api.is_management_api,
            "scopes": [{"id": s.id, "key": s.key} for s in _scopes(call.store, api)],
            "applications": applications,
        },
    )


@route("DELETE", "/api/v1/apis/{api_id}", "deleteAPI")
def delete_api(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    if api.is_management_api:
        raise bad_request("API_CANNOT_BE_DELETED", "The Kinde Management API cannot be deleted")
    call.store.delete_api(api.id)
    return reply(message="API successfully deleted", code="API_DELETED")


@route("GET", "/api/v1/apis/{api_id}/scopes", "getAPIScopes")
def list_scopes(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    scopes = [_scope_json(scope) for scope in _scopes(call.store, api)]
    return reply(code="OK", message="Success", scopes=scopes)


@route("POST", "/api/v1/apis/{api_id}/scopes", "addAPIScope")
def create_scope(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    body = call.body(CreateScope)
    if any(scope.key == body.key for scope in _scopes(call.store, api)):
        raise bad_request("API_SCOPE_ALREADY_EXISTS", "A scope with this key already exists")
    scope = call.store.api_scopes.add(
        ApiScope(id=ids.api_scope_id(), api_id=api.id, key=body.key, description=body.description)
    )
    return reply(message="Success", code="OK", scope={"id": scope.id})


@route("GET", "/api/v1/apis/{api_id}/scopes/{scope_id}", "getAPIScope")
def get_scope(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    scope = _lookup.api_scope(call.store, api.id, call.params["scope_id"])
    return reply(code="OK", message="Success", scope=_scope_json(scope))


@route("PATCH", "/api/v1/apis/{api_id}/scopes/{scope_id}", "updateAPIScope")
def update_scope(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    scope = _lookup.api_scope(call.store, api.id, call.params["scope_id"])
    body = call.body(UpdateScope)
    if "description" in body.model_fields_set:
        scope.description = body.description
    return empty()


@route("DELETE", "/api/v1/apis/{api_id}/scopes/{scope_id}", "deleteAPIScope")
def delete_scope(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    scope = _lookup.api_scope(call.store, api.id, call.params["scope_id"])
    call.store.delete_api_scope(scope.id)
    return empty()


@route("PATCH", "/api/v1/apis/{api_id}/applications", "updateAPIApplications")
def authorize_applications(call: Call) -> Reply:
    api = _lookup.api(call.store, call.params["api_id"])
    body = call.body(UpdateApplications)
    for change in body.applications:
        _lookup.application(call.store, change.id)
    connected, disconnected = [], []
    for change in body.applications:
        if change.operation == "delete":
            while change.id in api.application_ids:
                api.application_ids.remove(change.id)
            api.application_scopes.pop(change.id, None)
            disconnected.append(change.id)
        else:
            if change.id not in api.application_ids:
                api.application_ids.append(change.id)
            connected.append(change.id)
    return reply(
        message="API applications updated",
        code="API_APPLICATIONS_UPDATED",
        applications_disconnected=disconnected,
        applications_connected=connected,
    )


@route(
    "POST",
    "/api/v1/apis/{api_id}/applications/{application_id}/scopes/{scope_id}",
    "addAPIApplicationScope",
)
def add_application_scope(call: Call) -> Reply:
    api, application_id, scope = _application_scope(call)
    if application_id not in api.application_ids:
        raise bad_request(
            "APPLICATION_NOT_AUTHORIZED", "The application is not authorized for this API"
        )
    granted = api.application_scopes.setdefault(application_id, [])
    if scope.id not in granted:
        granted.append(scope.id)
    return empty()


@route(
    "DELETE",
    "/api/v1/apis/{api_id}/applications/{application_id}/scopes/{scope_id}",
    "deleteAPIApplicationScope",
)
def remove_application_scope(call: Call) -> Reply:
    api, application_id, scope = _application_scope(call)
    granted = api.application_scopes.get(application_id, [])
    if scope.id not in granted:
        raise not_found("SCOPE_NOT_FOUND", "The scope is not granted to this application")
    granted.remove(scope.id)
    return empty()


def _application_scope(call: Call) -> tuple[Api, str, ApiScope]:
    api = _lookup.api(call.store, call.params["api_id"])
    application = _lookup.application(call.store, call.params["application_id"])
    scope = _lookup.api_scope(call.store, api.id, call.params["scope_id"])
    return api, application.id, scope


def _scope_json(scope: ApiScope) -> dict[str, Any]:
    item: dict[str, Any] = {"id": scope.id, "key": scope.key}
    item["description"] = scope.description  # Live: unset is null, not absent
    return item
