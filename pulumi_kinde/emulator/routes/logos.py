"""Logos of the environment and of organizations: one light and one dark each.

Uploads are ``multipart/form-data`` with the file in the field ``logo`` (``PUT`` for the
environment, ``POST`` for an organization, as in the spec). Kinde shows a logo's type and
file name, never its content; the emulator keeps the content's hash so that tests can tell
what was uploaded. Deleting a logo that is not there answers 204 ("No logo found to delete").
"""

from __future__ import annotations

import hashlib
from typing import Any

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.records_security import ENVIRONMENT, Logo
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, empty, reply, route

TYPES = ("dark", "light")
MAX_BYTES = 1024 * 1024
"""A limit of the emulator's own (Kinde publishes none in the spec)."""
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")


def _type(call: Call) -> str:
    logo_type = call.params["type"]
    if logo_type not in TYPES:
        raise bad_request("INVALID_TYPE", f"type must be one of: {', '.join(TYPES)}")
    return logo_type


def _upload(call: Call, owner: str) -> Reply:
    logo_type = _type(call)
    upload = call.file("logo")
    if upload.content_type not in _IMAGE_TYPES:
        raise bad_request("INVALID_FILE_TYPE", f"logo must be an image ({', '.join(_IMAGE_TYPES)})")
    if len(upload.content) > MAX_BYTES:
        raise bad_request("FILE_TOO_LARGE", f"logo must be at most {MAX_BYTES} bytes")
    call.store.logos.add(
        Logo(
            id=f"{owner}/{logo_type}",
            owner=owner,
            type=logo_type,
            file_name=upload.file_name,
            content_type=upload.content_type,
            sha256=hashlib.sha256(upload.content).hexdigest(),
            size=len(upload.content),
        )
    )
    return reply(message="Logo successfully updated", code="LOGO_UPDATED")


def _delete(call: Call, owner: str) -> Reply:
    removed = call.store.logos.remove(f"{owner}/{_type(call)}")
    if removed is None:
        return empty(204)
    return reply(message="Logo successfully deleted", code="LOGO_DELETED")


def _listed(call: Call, owner: str) -> list[Logo]:
    return sorted(call.store.logos.filter(owner=owner), key=lambda logo: logo.type)


@route("GET", "/api/v1/environment/logos", "ReadLogo")
def read_environment_logos(call: Call) -> Reply:
    logos = [{"type": x.type, "file_name": x.file_name} for x in _listed(call, ENVIRONMENT)]
    return reply(code="OK", logos=logos, message="Success")


@route("PUT", "/api/v1/environment/logos/{type}", "AddLogo")
def add_environment_logo(call: Call) -> Reply:
    return _upload(call, ENVIRONMENT)


@route("DELETE", "/api/v1/environment/logos/{type}", "DeleteLogo")
def delete_environment_logo(call: Call) -> Reply:
    return _delete(call, ENVIRONMENT)


def _organization_logo(logo: Logo) -> dict[str, Any]:
    path = "/logo" if logo.type == "light" else "/logo_dark"
    return {
        "type": logo.type,
        "file_name": logo.file_name,
        "path": f"{path}?p_org_code={logo.owner}",
    }


@route("GET", "/api/v1/organizations/{org_code}/logos", "ReadOrganizationLogo")
def read_organization_logos(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    logos = [_organization_logo(logo) for logo in _listed(call, code)]
    return reply(code="OK", logos=logos, message="Success")


@route("POST", "/api/v1/organizations/{org_code}/logos/{type}", "AddOrganizationLogo")
def add_organization_logo(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    return _upload(call, code)


@route("DELETE", "/api/v1/organizations/{org_code}/logos/{type}", "DeleteOrganizationLogo")
def delete_organization_logo(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    return _delete(call, code)
