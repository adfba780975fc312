"""Authentication connections.

``options`` (client secrets, SAML keys) and ``enabled_applications`` are accepted and kept,
but never returned: as on the live service, a client cannot read them back. Which options a
connection takes depends on its strategy (OAuth2 social, Microsoft Entra ID, SAML). The
built-in connections (email + password, passwordless email, Google) exist from the start
and cannot be deleted.

Not-found: GET answers 400 ``CONNECTION_NOT_FOUND`` (list shape); PATCH, PUT and DELETE
answer 404 in the object shape, as the spec declares for them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.pagination import cursor_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Connection, Store
from pulumi_kinde.emulator.validation import RequestBody, parse_part

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]

Strategy = Literal[
    "oauth2:apple",
    "oauth2:azure_ad",
    "oauth2:bitbucket",
    "oauth2:discord",
    "oauth2:facebook",
    "oauth2:github",
    "oauth2:gitlab",
    "oauth2:google",
    "oauth2:linkedin",
    "oauth2:microsoft",
    "oauth2:patreon",
    "oauth2:slack",
    "oauth2:stripe",
    "oauth2:twitch",
    "oauth2:twitter",
    "oauth2:xero",
    "saml:custom",
    "saml:cloudflare",
    "saml:okta",
    "saml:microsoft",
    "saml:google",
    "wsfed:azure_ad",
]


class SocialOptions(RequestBody):
    client_id: str | None = None
    client_secret: str | None = None
    is_use_custom_domain: bool | None = None
    is_trusted: bool | None = None


class EntraOptions(SocialOptions):
    home_realm_domains: list[str] | None = None
    entra_id_domain: str | None = None
    is_use_common_endpoint: bool | None = None
    is_sync_user_profile_on_login: bool | None = None
    is_retrieve_provider_user_groups: bool | None = None
    is_extended_attributes_required: bool | None = None
    is_auto_join_organization_enabled: bool | None = None
    is_create_missing_user: bool | None = None
    is_force_show_sso_button: bool | None = None
    upstream_params: dict[str, Any] | None = None


class SamlOptions(RequestBody):
    home_realm_domains: list[str] | None = None
    saml_entity_id: str | None = None
    saml_idp_metadata_url: str | None = None
    saml_idp_metadata_xml: str | None = None
    saml_sign_in_url: str | None = None
    sign_request_algorithm: Literal["RSA-SHA256", "RSA-SHA1"] | None = None
    protocol_binding: Literal["HTTP-REDIRECT", "HTTP-POST"] | None = None
    name_id_format: Literal["Persistent", "Transient", "Email address", "Unspecified"] | None = None
    saml_email_key_attr: str | None = None
    saml_user_id_key_attr: str | None = None
    saml_first_name_key_attr: str | None = None
    saml_last_name_key_attr: str | None = None
    is_create_missing_user: bool | None = None
    is_force_show_sso_button: bool | None = None
    upstream_params: dict[str, Any] | None = None
    saml_signing_certificate: str | None = None
    saml_signing_private_key: str | None = None
    is_auto_join_organization_enabled: bool | None = None
    is_use_custom_domain: bool | None = None
    is_trusted: bool | None = None


class CreateConnection(RequestBody):
    name: Name
    display_name: Name
    strategy: Strategy
    enabled_applications: list[str] | None = None
    organization_code: str | None = None
    options: dict[str, Any] | None = None


class UpdateConnection(RequestBody):
    name: Name | None = None
    display_name: Name | None = None
    enabled_applications: list[str] | None = None
    options: dict[str, Any] | None = None


class ReplaceConnection(RequestBody):
    name: Name
    display_name: Name
    enabled_applications: list[str] | None = None
    options: dict[str, Any] | None = None


def options_model(strategy: str) -> type[RequestBody] | None:
    """The ``options`` a connection of ``strategy`` takes (``None``: it takes none)."""
    if strategy.endswith(":azure_ad"):
        return EntraOptions
    if strategy.startswith("saml:"):
        return SamlOptions
    if strategy.startswith("oauth2:"):
        return SocialOptions
    return None


def _options(strategy: str, options: dict[str, Any] | None) -> dict[str, Any]:
    """``options`` checked against what ``strategy`` takes, without unset keys."""
    if options is None:
        return {}
    model = options_model(strategy)
    if model is None:
        raise bad_request("INVALID_OPTIONS", f"The {strategy} connection takes no options")
    return parse_part(options, model, field="options").model_dump(exclude_unset=True)


def _applications(store: Store, application_ids: list[str] | None) -> list[str]:
    # An unknown id in the body is a bad request (400) on every route, even those whose
    # own not-found answer is a 404.
    for application_id in application_ids or []:
        if application_id not in store.applications:
            raise bad_request("APPLICATION_NOT_FOUND", f"Application {application_id} not found")
    return list(dict.fromkeys(application_ids or []))


def connection_json(connection: Connection) -> dict[str, Any]:
    """A connection as every endpoint returns it: no options, no enablements."""
    return {
        "id": connection.id,
        "name": connection.name,
        "display_name": connection.display_name,
        "strategy": connection.strategy,
    }


@route("GET", "/api/v1/connections", "GetConnections")
def list_connections(call: Call) -> Reply:
    domain = call.query.get("home_realm_domain")
    connections = call.store.connections.all()
    if domain:
        connections = [
            c for c in connections if domain in (c.options.get("home_realm_domains") or [])
        ]
    page, more = cursor_page(call, connections, lambda c: c.id)
    # The spec's item schema wraps each connection as {code, message, connection}; the live
    # service returns the connections themselves, which is what we do.
    return reply(
        code="OK",
        message="Success",
        connections=[connection_json(c) for c in page],
        has_more=more,
    )


@route("POST", "/api/v1/connections", "CreateConnection")
def create_connection(call: Call) -> Reply:
    body = call.body(CreateConnection)
    if body.organization_code is not None:
        _lookup.organization(call.store, body.organization_code)
    connection = call.store.connections.add(
        Connection(
            id=ids.connection_id(),
            name=body.name,
            display_name=body.display_name,
            strategy=body.strategy,
            options=_options(body.strategy, body.options),
            application_ids=_applications(call.store, body.enabled_applications),
            organization_code=body.organization_code,
        )
    )
    return reply(
        201,
        message="Connection successfully created",
        code="CONNECTION_CREATED",
        connection={"id": connection.id},
    )


@route("GET", "/api/v1/connections/{connection_id}", "GetConnection")
def get_connection(call: Call) -> Reply:
    connection = _lookup.connection(call.store, call.params["connection_id"])
    return reply(code="OK", message="Success", connection=connection_json(connection))


@route("PATCH", "/api/v1/connections/{connection_id}", "UpdateConnection", not_found="object")
def update_connection(call: Call) -> Reply:
    connection = _lookup.connection(call.store, call.params["connection_id"])
    body = call.body(UpdateConnection)
    options = _options(connection.strategy, body.options) if body.options is not None else None
    applications = (
        _applications(call.store, body.enabled_applications)
        if body.enabled_applications is not None
        else None
    )
    if body.name is not None:
        connection.name = body.name
    if body.display_name is not None:
        connection.display_name = body.display_name
    if options is not None:
        connection.options.update(options)
    if applications is not None:
        connection.application_ids = applications
    return reply(message="Connection successfully updated", code="CONNECTION_UPDATED")


@route("PUT", "/api/v1/connections/{connection_id}", "ReplaceConnection", not_found="object")
def replace_connection(call: Call) -> Reply:
    connection = _lookup.connection(call.store, call.params["connection_id"])
    body = call.body(ReplaceConnection)
    options = _options(connection.strategy, body.options)
    applications = _applications(call.store, body.enabled_applications)
    connection.name = body.name
    connection.display_name = body.display_name
    connection.options = options
    connection.application_ids = applications
    return reply(message="Connection successfully updated", code="CONNECTION_UPDATED")


@route("DELETE", "/api/v1/connections/{connection_id}", "deleteConnection", not_found="object")
def delete_connection(call: Call) -> Reply:
    connection = _lookup.connection(call.store, call.params["connection_id"])
    if connection.is_builtin:
        raise bad_request("CONNECTION_CANNOT_BE_DELETED", "Built-in connections cannot be deleted")
    call.store.delete_connection(connection.id)
    return reply(message="Connection successfully deleted", code="CONNECTION_DELETED")
