"""Applications: settings, connections, access roles, token settings and property values.
(Their callback and logout URLs are in ``callbacks``.)"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.pagination import cursor_page, token_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, empty, reply, route
from pulumi_kinde.emulator.store import Application
from pulumi_kinde.emulator.validation import RequestBody, is_url

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]

#: Public clients (front-end, device) get no client secret.
_CONFIDENTIAL_TYPES = ("reg", "m2m")


def check_urls(urls: list[str]) -> list[str]:
    """``urls`` if each is an absolute URL; ValueError (a 400 in a body model) otherwise."""
    for url in urls:
        if not is_url(url):
            raise ValueError(f"{url!r} is not an absolute URL")
    return urls


class CreateApplication(RequestBody):
    name: Name
    type: Literal["reg", "spa", "m2m", "device"]
    org_code: str | None = None


class UpdateApplication(RequestBody):
    name: Name | None = None
    language_key: str | None = None
    logout_uris: list[str] | None = None
    redirect_uris: list[str] | None = None
    login_uri: str | None = None
    homepage_uri: str | None = None
    is_allow_faceless_auth: bool | None = None
    is_ask_for_name: bool | None = None
    has_marketing_consent: bool | None = None
    has_sign_in_link_on_sign_up_page: bool | None = None
    has_register_link_on_sign_in_page: bool | None = None
    has_sign_in_with_sso_button: bool | None = None
    use_gravatar_fallback: bool | None = None
    is_access_control_enabled: bool | None = None

    @field_validator("logout_uris", "redirect_uris")
    @classmethod
    def _urls(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_urls(value)

    @field_validator("login_uri", "homepage_uri")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value:
            check_urls([value])
        return value


class TokenSettings(RequestBody):
    access_token_lifetime: int | None = None
    refresh_token_lifetime: int | None = None
    id_token_lifetime: int | None = None
    authenticated_session_lifetime: int | None = None
    is_hasura_mapping_enabled: bool | None = None

    @field_validator(
        "access_token_lifetime",
        "refresh_token_lifetime",
        "id_token_lifetime",
        "authenticated_session_lifetime",
    )
    @classmethod
    def _positive(cls, value: int | None) -> int | None:
        if value is not None and value <= 0:
            raise ValueError("must be a positive number of seconds")
        return value


class PropertyValue(RequestBody):
    value: str | bool


@route("GET", "/api/v1/applications", "getApplications")
def list_applications(call: Call) -> Reply:
    sort = call.query_choice("sort", ("name_asc", "name_desc"))
    if sort:
        page, token = token_page(
            call,
            call.store.applications.all(),
            lambda a: (a.name.lower(), a.id),
            reverse=sort == "name_desc",
        )
    else:
        page, token = token_page(call, call.store.applications.all(), lambda a: (a.id,))
    body: dict[str, Any] = {
        "code": "OK",
        "message": "Success",
        "applications": [{"id": a.id, "name": a.name, "type": a.type} for a in page],
    }
    if token:
        body["next_token"] = token
    return reply(**body)


@route("POST", "/api/v1/applications", "createApplication")
def create_application(call: Call) -> Reply:
    body = call.body(CreateApplication)
    if body.org_code is not None:
        _lookup.organization(call.store, body.org_code)
        if body.type != "m2m":
            raise bad_request(
                "INVALID_ORG_CODE", "Only machine-to-machine applications can belong to an org"
            )
    application_id = ids.application_id()
    secret = ids.client_secret() if body.type in _CONFIDENTIAL_TYPES else None
    call.store.applications.add(
        Application(
            id=application_id,
            name=body.name,
            type=body.type,
            client_id=application_id,
            client_secret=secret,
            org_code=body.org_code,
        )
    )
    created: dict[str, Any] = {"id": application_id, "client_id": application_id}
    if secret is not None:
        created["client_secret"] = secret
    return reply(
        201,
        code="APPLICATION_CREATED",
        message="Application successfully created",
        application=created,
    )


@route("GET", "/api/v1/applications/{application_id}", "getApplication")
def get_application(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    item: dict[str, Any] = {
        "id": application.id,
        "name": application.name,
        "type": application.type,
        "client_id": application.client_id,
    }
    optional = {
        "client_secret": application.client_secret,
        "login_uri": application.login_uri,
        "homepage_uri": application.homepage_uri,
    }
    item.update({key: value for key, value in optional.items() if value is not None})
    for flag in (
        "has_cancel_button",
        "is_access_control_enabled",
        "is_allow_faceless_auth",
        "is_ask_for_name",
        "has_marketing_consent",
        "has_sign_in_link_on_sign_up_page",
        "has_register_link_on_sign_in_page",
        "has_sign_in_with_sso_button",
        "use_gravatar_fallback",
    ):
        item[flag] = getattr(application, flag)
    return reply(code="OK", message="Success", application=item)


@route("PATCH", "/api/v1/applications/{application_id}", "updateApplication")
def update_application(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    body = call.body(UpdateApplication, required=False)
    if body.is_access_control_enabled:
        _check_access_control(application)
    for name in body.model_fields_set:
        value = getattr(body, name)
        if value is not None:
            setattr(application, name, list(value) if isinstance(value, list) else value)
    return empty()


@route("DELETE", "/api/v1/applications/{application_id}", "deleteApplication")
def delete_application(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    call.store.delete_application(application.id)
    return reply(message="Application successfully deleted", code="APPLICATION_DELETED")


@route("GET", "/api/v1/applications/{application_id}/connections", "GetApplicationConnections")
def list_application_connections(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    # The spec's item schema wraps each connection as {code, message, connection}; the live
    # service returns the connections themselves, which is what we do.
    connections = [
        {"id": c.id, "name": c.name, "display_name": c.display_name, "strategy": c.strategy}
        for c in call.store.connections.all()
        if application.id in c.application_ids
    ]
    return reply(code="OK", message="Success", connections=connections, has_more=False)


@route(
    "POST",
    "/api/v1/applications/{application_id}/connections/{connection_id}",
    "EnableConnection",
)
def enable_connection(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    connection = _lookup.connection(call.store, call.params["connection_id"])
    if application.id not in connection.application_ids:
        connection.application_ids.append(application.id)
    return empty()


@route(
    "DELETE",
    "/api/v1/applications/{application_id}/connections/{connection_id}",
    "RemoveConnection",
)
def disable_connection(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    connection = _lookup.connection(call.store, call.params["connection_id"])
    if application.id not in connection.application_ids:
        raise not_found(
            "CONNECTION_NOT_FOUND", "The connection is not enabled for this application"
        )
    connection.application_ids.remove(application.id)
    return reply(message="Connection successfully removed", code="CONNECTION_REMOVED")


def _access_control_application(call: Call) -> Application:
    application = _lookup.application(call.store, call.params["application_id"])
    if application.type == "m2m":
        raise bad_request(
            "APPLICATION_TYPE_NOT_SUPPORTED",
            "Role-based access control is only supported for front-end, back-end, "
            "and device applications",
        )
    return application


#: The largest page of an application's access roles.
ACCESS_ROLE_PAGE_LIMIT = 100


def _check_access_control(application: Application) -> None:
    """Enabling role-based access control: spec, PATCH /applications/{id} 400 examples."""
    if application.type == "m2m":
        raise bad_request(
            "ACCESS_CONTROL_NOT_SUPPORTED",
            "Role-based access control is not supported for this application type",
        )
    if not application.access_role_ids:
        raise bad_request(
            "ACCESS_ROLES_REQUIRED",
            "Add at least one allowed role before enabling role-based access control",
        )


@route("GET", "/api/v1/applications/{application_id}/access_roles", "GetApplicationAccessRoles")
def list_access_roles(call: Call) -> Reply:
    application = _access_control_application(call)
    roles = [r for r in (call.store.roles.get(i) for i in application.access_role_ids) if r]
    # Live: access-role lists refuse a page_size above 100 with PAGE_SIZE_LIMIT_EXCEEDED
    # (docs.kinde.com rate-limit page; the spec's example), where others take up to 500.
    page, more = cursor_page(call, roles, lambda r: r.id, limit=ACCESS_ROLE_PAGE_LIMIT)
    items = []
    for role in page:
        item: dict[str, Any] = {"id": role.id, "key": role.key, "name": role.name}
        item["description"] = role.description
        items.append(item)
    return reply(code="OK", message="Success", roles=items, has_more=more)


@route(
    "POST",
    "/api/v1/applications/{application_id}/access_roles/{role_id}",
    "AddApplicationAccessRole",
)
def add_access_role(call: Call) -> Reply:
    application = _access_control_application(call)
    role = _lookup.role(call.store, call.params["role_id"])
    if role.id not in application.access_role_ids:
        application.access_role_ids.append(role.id)
    return reply(message="Access role added", code="ACCESS_ROLE_ADDED")


@route(
    "DELETE",
    "/api/v1/applications/{application_id}/access_roles/{role_id}",
    "RemoveApplicationAccessRole",
)
def remove_access_role(call: Call) -> Reply:
    application = _access_control_application(call)
    role = _lookup.role(call.store, call.params["role_id"])
    if role.id not in application.access_role_ids:
        raise not_found("ROLE_NOT_FOUND", "The role is not an access role of this application")
    application.access_role_ids.remove(role.id)
    return reply(message="Access role removed", code="ACCESS_ROLE_REMOVED")


@route("GET", "/api/v1/applications/{application_id}/properties", "getApplicationPropertyValues")
def list_property_values(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    values = []
    for prop in call.store.properties.filter(context="app"):
        item: dict[str, Any] = {"id": prop.id, "name": prop.name, "key": prop.key}
        item["description"] = prop.description  # Live: unset is null, not absent
        item["value"] = application.properties.get(prop.key)
        values.append(item)
    return reply(code="OK", message="Success", properties=values)


@route(
    "PUT",
    "/api/v1/applications/{application_id}/properties/{property_key}",
    "updateApplicationsProperty",
)
def set_property_value(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    key = call.params["property_key"]
    if call.store.properties.find(key=key, context="app") is None:
        raise not_found("PROPERTY_NOT_FOUND", f"No application property with key {key!r}")
    value = call.body(PropertyValue).value
    application.properties[key] = str(value).lower() if isinstance(value, bool) else value
    return reply(message="Property updated", code="PROPERTY_UPDATED")


@route("PATCH", "/api/v1/applications/{application_id}/tokens", "updateApplicationTokens")
def update_token_settings(call: Call) -> Reply:
    application = _lookup.application(call.store, call.params["application_id"])
    body = call.body(TokenSettings)
    for name in body.model_fields_set:
        if getattr(body, name) is not None:
            application.token_settings[name] = getattr(body, name)
    return reply(message="Application tokens updated", code="APPLICATION_TOKENS_UPDATED")
