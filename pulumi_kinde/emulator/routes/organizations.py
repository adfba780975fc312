"""Organizations: identified by a server-assigned ``org_...`` code; brand colors are sent as
hex strings and returned as ``{raw, hex, hsl}``. Handles and external ids are unique.

Not-found: DELETE answers 404 in the object shape (as the spec declares); every other
organization endpoint answers 400 ``ORGANIZATION_NOT_FOUND`` in the list shape.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator import colors, ids
from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routes.connections import connection_json
from pulumi_kinde.emulator.routing import Call, Reply, empty, reply, route
from pulumi_kinde.emulator.store import Organization, Store
from pulumi_kinde.emulator.validation import RequestBody

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Handle = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Theme = Literal["light", "dark", "user_preference"]

COLOR_FIELDS = (
    "link_color",
    "background_color",
    "button_color",
    "button_text_color",
    "link_color_dark",
    "background_color_dark",
    "button_text_color_dark",
    "button_color_dark",
)
_COLOR_SCHEMES = {"light": "light", "dark": "dark", "user_preference": "light dark"}


class _OrganizationFields(RequestBody):
    external_id: str | None = None
    background_color: str | None = None
    button_color: str | None = None
    button_text_color: str | None = None
    link_color: str | None = None
    background_color_dark: str | None = None
    button_color_dark: str | None = None
    button_text_color_dark: str | None = None
    link_color_dark: str | None = None
    theme_code: Theme | None = None
    handle: Handle | None = None
    is_allow_registrations: bool | None = None
    is_auto_membership_enabled: bool | None = None
    sender_name: str | None = None
    sender_email: str | None = None

    @field_validator(*COLOR_FIELDS)
    @classmethod
    def _color(cls, value: str | None) -> str | None:
        if value and not colors.is_color(value):
            raise ValueError(f"{value!r} is not a hex color such as #0056F1")
        return value

    @field_validator("sender_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and "@" not in value:
            raise ValueError(f"{value!r} is not an email address")
        return value


class CreateOrganization(_OrganizationFields):
    name: Name
    feature_flags: dict[str, Literal["str", "int", "bool"]] | None = None
    is_create_billing_customer: bool | None = None
    billing_email: str | None = None
    billing_plan_code: str | None = None


class UpdateOrganization(_OrganizationFields):
    name: Name | None = None
    is_auto_join_domain_list: bool | None = None
    allowed_domains: list[str] | None = None
    is_enable_advanced_orgs: bool | None = None
    is_enforce_mfa: bool | None = None
    is_suspended: bool | None = None


def _check_unique(
    store: Store, code: str | None, handle: str | None, external_id: str | None
) -> None:
    for other in store.organizations.all():
        if other.code == code:
            continue
        if handle and other.handle and other.handle.lower() == handle.lower():
            raise bad_request("HANDLE_ALREADY_EXISTS", "An organization with this handle exists")
        if external_id and other.external_id == external_id:
            raise bad_request(
                "EXTERNAL_ID_ALREADY_EXISTS", "An organization with this external id exists"
            )


def _apply(organization: Organization, body: _OrganizationFields) -> None:
    for name in body.model_fields_set:
        value = getattr(body, name)
        if name in COLOR_FIELDS:
            if value:
                organization.colors[name] = value
            else:
                organization.colors.pop(name, None)
        elif name in ("sender_name", "sender_email", "external_id", "handle"):
            setattr(organization, name, value or None)
        elif name == "is_suspended" and value is not None:
            was = organization.is_suspended
            organization.is_suspended = value
            if value and not was:
                organization.suspended_on = _lookup.now()
            elif not value:
                organization.suspended_on = None
        elif name == "allowed_domains" and value is not None:
            organization.allowed_domains = list(value)
        elif value is not None and hasattr(organization, name):
            setattr(organization, name, value)


def organization_json(organization: Organization) -> dict[str, Any]:
    """An organization as ``GET /organization`` returns it."""
    body: dict[str, Any] = {
        "code": organization.code,
        "name": organization.name,
        "handle": organization.handle,
        "is_default": organization.is_default,
        "external_id": organization.external_id,
        "is_auto_membership_enabled": organization.is_auto_membership_enabled,
        "logo": None,
        "logo_dark": None,
        "favicon_svg": None,
        "favicon_fallback": None,
        "allowed_domains": list(organization.allowed_domains),
    }
    for name in COLOR_FIELDS:
        raw = organization.colors.get(name)
        body[name] = colors.describe(raw) if raw else None
    body.update(
        button_border_radius=None,
        card_border_radius=None,
        input_border_radius=None,
        theme_code=organization.theme_code,
        color_scheme=_COLOR_SCHEMES[organization.theme_code],
        created_on=organization.created_on,
        is_allow_registrations=organization.is_allow_registrations,
        sender_name=organization.sender_name,
        sender_email=organization.sender_email,
        is_suspended=organization.is_suspended,
        suspended_on=organization.suspended_on,
    )
    return body


@route("POST", "/api/v1/organization", "createOrganization")
def create_organization(call: Call) -> Reply:
    body = call.body(CreateOrganization)
    _check_unique(call.store, None, body.handle, body.external_id)
    organization = Organization(code=ids.org_code(), name=body.name, created_on=_lookup.now())
    _apply(organization, body)
    organization.feature_flags = dict(body.feature_flags or {})
    if body.is_create_billing_customer:
        organization.billing_customer_id = ids.billing_customer_id()
    call.store.organizations.add(organization)
    created: dict[str, Any] = {"code": organization.code}
    if organization.billing_customer_id:
        created["billing_customer_id"] = organization.billing_customer_id
    return reply(message="Success", code="OK", organization=created)


@route("GET", "/api/v1/organization", "getOrganization")
def get_organization(call: Call) -> Reply:
    code = call.query.get("code")
    if not code:
        raise bad_request("ORGANIZATION_CODE_REQUIRED", "code is required")
    organization = _lookup.organization(call.store, code)
    body = organization_json(organization)
    if "billing" in (call.query.get("expand") or "") and organization.billing_customer_id:
        body["billing"] = {
            "billing_customer_id": organization.billing_customer_id,
            "agreements": [],
        }
    return reply(**body)


@route("GET", "/api/v1/organizations", "getOrganizations")
def list_organizations(call: Call) -> Reply:
    sort = call.query_choice("sort", ("name_asc", "name_desc", "email_asc", "email_desc"))
    organizations = call.store.organizations.all()
    if sort in ("name_asc", "name_desc"):
        page, token = token_page(
            call, organizations, lambda o: (o.name.lower(), o.code), reverse=sort == "name_desc"
        )
    elif sort in ("email_asc", "email_desc"):
        page, token = token_page(
            call,
            organizations,
            lambda o: ((o.sender_email or "").lower(), o.code),
            reverse=sort == "email_desc",
        )
    else:
        page, token = token_page(call, organizations, lambda o: (o.code,))
    items = [
        {
            "code": o.code,
            "name": o.name,
            "handle": o.handle,
            "is_default": o.is_default,
            "external_id": o.external_id,
            "is_auto_membership_enabled": o.is_auto_membership_enabled,
        }
        for o in page
    ]
    body: dict[str, Any] = {"code": "OK", "message": "Success", "organizations": items}
    if token:
        body["next_token"] = token
    return reply(**body)


@route("PATCH", "/api/v1/organization/{org_code}", "updateOrganization")
def update_organization(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["org_code"])
    call.query_choice("expand", ("billing",))
    body = call.body(UpdateOrganization, required=False)
    _check_unique(call.store, organization.code, body.handle, body.external_id)
    _apply(organization, body)
    return reply(message="Organization successfully updated", code="ORGANIZATION_UPDATED")


@route("DELETE", "/api/v1/organization/{org_code}", "deleteOrganization", not_found="object")
def delete_organization(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["org_code"])
    if organization.is_default:
        raise bad_request(
            "CANNOT_DELETE_DEFAULT_ORGANIZATION", "The default organization cannot be deleted"
        )
    call.store.delete_organization(organization.code)
    return reply(message="Organization successfully deleted", code="ORGANIZATION_DELETED")


@route("DELETE", "/api/v1/organization/{org_code}/handle", "DeleteOrganizationHandle")
def delete_handle(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["org_code"])
    organization.handle = None
    return reply(message="Handle successfully deleted", code="HANDLE_DELETED")


@route(
    "GET",
    "/api/v1/organizations/{organization_code}/connections",
    "GetOrganizationConnections",
)
def list_organization_connections(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["organization_code"])
    connections = [
        connection_json(c)
        for c in call.store.connections.all()
        if organization.code in c.organization_codes or c.organization_code == organization.code
    ]
    return reply(code="OK", message="Success", connections=connections, has_more=False)


@route(
    "POST",
    "/api/v1/organizations/{organization_code}/connections/{connection_id}",
    "EnableOrgConnection",
)
def enable_organization_connection(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["organization_code"])
    connection = _lookup.connection(call.store, call.params["connection_id"])
    if organization.code not in connection.organization_codes:
        connection.organization_codes.append(organization.code)
    return empty()


@route(
    "DELETE",
    "/api/v1/organizations/{organization_code}/connections/{connection_id}",
    "RemoveOrgConnection",
)
def disable_organization_connection(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["organization_code"])
    connection = _lookup.connection(call.store, call.params["connection_id"])
    if organization.code not in connection.organization_codes:
        raise not_found(
            "CONNECTION_NOT_FOUND", "The connection is not enabled for this organization"
        )
    connection.organization_codes.remove(organization.code)
    return reply(message="Connection successfully removed", code="CONNECTION_REMOVED")
