"""API scopes granted to a member of an organization. Kinde has no endpoint that lists
them: the grants are kept on the membership, and only these two endpoints change them."""

from __future__ import annotations

from pulumi_kinde.emulator.errors import not_found
from pulumi_kinde.emulator.records_users import OrganizationUser
from pulumi_kinde.emulator.routes import _lookup, _users
from pulumi_kinde.emulator.routing import Call, Reply, reply, route

_PATH = "/api/v1/organizations/{org_code}/users/{user_id}/apis/{api_id}/scopes/{scope_id}"


def _grant(call: Call) -> tuple[OrganizationUser, str]:
    store, params = call.store, call.params
    _lookup.organization(store, params["org_code"])
    _users.user(store, params["user_id"])
    membership = _users.membership(store, params["org_code"], params["user_id"])
    scope = _lookup.api_scope(store, _lookup.api(store, params["api_id"]).id, params["scope_id"])
    return membership, f"{scope.api_id}/{scope.id}"


@route("POST", _PATH, "addOrganizationUserAPIScope")
def add_member_api_scope(call: Call) -> Reply:
    membership, grant = _grant(call)
    if grant not in membership.api_scopes:
        membership.api_scopes.append(grant)
    return reply(code="OK", message="API scope added to organization user")


@route("DELETE", _PATH, "deleteOrganizationUserAPIScope")
def delete_member_api_scope(call: Call) -> Reply:
    membership, grant = _grant(call)
    if grant not in membership.api_scopes:
        raise not_found("SCOPE_NOT_FOUND", "The organization user does not have this API scope")
    membership.api_scopes.remove(grant)
    return reply(code="OK", message="API scope removed from organization user")
