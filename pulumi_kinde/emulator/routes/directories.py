"""SCIM directories: at most one per organization, for users provisioned through one of the
organization's enterprise connections.

As the spec's examples say: creating one needs an enterprise connection (SAML or Microsoft
Entra ID) enabled for the organization (``NO_ENTERPRISE_CONNECTIONS``), and names which one
when there are several (``ENTERPRISE_CONNECTION_REQUIRED``); a second directory of the same
organization is a 409 ``DIRECTORY_EXISTS``. Only the name can change. Every read shows the
directory's SCIM bearer token. Not-found on one directory answers 404 in the list shape, as
in the spec's examples.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from pulumi_kinde.emulator.errors import ApiError, bad_request, error_body
from pulumi_kinde.emulator.pagination import cursor_page
from pulumi_kinde.emulator.records_security import (
    Directory,
    directory_endpoint_id,
    directory_id,
    scim_token,
)
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Connection, Store
from pulumi_kinde.emulator.validation import RequestBody

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Provider = Literal[
    "entra_id_azure_ad",
    "okta",
    "google_workspace",
    "custom_scim_v2",
    "cyberark",
    "jumpcloud",
    "onelogin",
    "pingfederate",
    "rippling",
]


class CreateDirectory(RequestBody):
    org_code: str
    directory_name: Name
    provider_code: Provider
    enterprise_connection_id: str | None = None


class UpdateDirectory(RequestBody):
    directory_name: Name | None = None


def _directory(store: Store, directory_id_: str) -> Directory:
    return _lookup.require(
        store.directories, directory_id_, "DIRECTORY_NOT_FOUND", "Directory not found"
    )


def enterprise_connections(store: Store, org_code: str) -> list[Connection]:
    """The SAML and Entra ID connections enabled for (or owned by) an organization."""
    return [
        c
        for c in store.connections.all()
        if c.strategy.split(":")[0] in ("saml", "wsfed")
        and (org_code in c.organization_codes or c.organization_code == org_code)
    ]


def _json(store: Store, found: Directory) -> dict[str, Any]:
    connection = (
        store.connections.get(found.enterprise_connection_id)
        if found.enterprise_connection_id
        else None
    )
    return {
        "id": found.id,
        "directory_name": found.directory_name,
        "directory_endpoint_id": found.directory_endpoint_id,
        "secret_token": found.secret_token,
        "status": found.status,
        "organization_code": found.org_code,
        "enterprise_connection_id": found.enterprise_connection_id,
        "enterprise_connection_name": connection.display_name if connection else None,
        "last_sync_started_at": None,
        "last_sync_completed_at": None,
        "last_sync_error": None,
        "created_on": found.created_on,
    }


@route("POST", "/api/v1/directories", "createDirectory")
def create_directory(call: Call) -> Reply:
    body = call.body(CreateDirectory)
    code = _lookup.organization(call.store, body.org_code).code
    if call.store.directories.find(org_code=code) is not None:
        raise ApiError(
            409,
            error_body("DIRECTORY_EXISTS", "A SCIM directory already exists for this organization"),
        )
    connections = enterprise_connections(call.store, code)
    if not connections:
        raise bad_request(
            "NO_ENTERPRISE_CONNECTIONS",
            "Set up an enterprise connection for this organization before creating a directory",
        )
    chosen = body.enterprise_connection_id
    if chosen is None:
        if len(connections) > 1:
            raise bad_request(
                "ENTERPRISE_CONNECTION_REQUIRED",
                "Select which enterprise connection this directory should use",
            )
        chosen = connections[0].id
    elif chosen not in {c.id for c in connections}:
        raise bad_request(
            "INVALID_ENTERPRISE_CONNECTION",
            "Provide a valid enabled enterprise connection for this organization",
        )
    found = call.store.directories.add(
        Directory(
            id=directory_id(),
            org_code=code,
            directory_name=body.directory_name,
            provider_code=body.provider_code,
            directory_endpoint_id=directory_endpoint_id(),
            secret_token=scim_token(),
            created_on=_lookup.now(),
            enterprise_connection_id=chosen,
        )
    )
    return reply(
        201,
        code="DIRECTORY_CREATED",
        message="SCIM directory created successfully",
        directory=_json(call.store, found),
    )


@route("GET", "/api/v1/directories", "getDirectories")
def list_directories(call: Call) -> Reply:
    org_code = call.query.get("organization_code")
    found = call.store.directories.filter(lambda d: not org_code or d.org_code == org_code)
    page, more = cursor_page(call, found, lambda d: d.id)
    return reply(
        code="OK",
        message="Success",
        has_more=more,
        directories=[_json(call.store, d) for d in page],
    )


@route("GET", "/api/v1/directories/{directory_id}", "getDirectory", not_found="list_404")
def get_directory(call: Call) -> Reply:
    found = _directory(call.store, call.params["directory_id"])
    return reply(code="OK", message="Success", directory=_json(call.store, found))


@route("PATCH", "/api/v1/directories/{directory_id}", "updateDirectory", not_found="list_404")
def update_directory(call: Call) -> Reply:
    found = _directory(call.store, call.params["directory_id"])
    body = call.body(UpdateDirectory)
    if body.directory_name is None:
        raise bad_request("NO_FIELDS_TO_UPDATE", "At least one field must be provided for update")
    found.directory_name = body.directory_name
    return reply(
        code="DIRECTORY_UPDATED",
        message="SCIM directory updated successfully",
        directory=_json(call.store, found),
    )


@route("DELETE", "/api/v1/directories/{directory_id}", "deleteDirectory", not_found="list_404")
def delete_directory(call: Call) -> Reply:
    found = _directory(call.store, call.params["directory_id"])
    call.store.directories.remove(found.id)
    return reply(
        code="DIRECTORY_DELETED",
        message="SCIM directory deleted successfully",
        directory_id=found.id,
    )
