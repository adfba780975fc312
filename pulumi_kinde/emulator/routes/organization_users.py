"""Organization members, with the roles and permissions they hold in the organization.

- ``POST /organizations/{org_code}/users`` adds existing users, each with optional role keys
  and permission keys (not ids); adding a member again adds the given roles/permissions.
  ``PATCH`` does the same (reporting existing members as updated) and removes the users whose
  ``operation`` is ``delete``. Every user, role and permission is checked before anything
  changes. Live: either takes at most 100 users a call (docs.kinde.com: bulk POST/PATCH
  endpoints update at most 100 objects a request); more is a 400 ``TOO_MANY_USERS``.
- ``.../users/{user_id}/roles`` and ``.../permissions`` take and answer ids. A member's
  permissions are those granted directly and those its roles carry (``expand=roles`` says
  which roles grant each); ``DELETE .../permissions/{permission_id}`` takes away a direct
  grant only.
- Not-found answers are 400 in the list shape: ``ORGANIZATION_NOT_FOUND``, ``USER_NOT_FOUND``,
  ``ROLE_NOT_FOUND``, ``PERMISSION_NOT_FOUND``, and ``USER_NOT_IN_ORGANIZATION`` for a user
  who is not a member (the code Kinde answers; it does not end in ``_NOT_FOUND``).
"""

from __future__ import annotations

from typing import Any, Literal

from pulumi_kinde.emulator.errors import bad_request, not_found
from pulumi_kinde.emulator.pagination import token_page
from pulumi_kinde.emulator.records_users import OrganizationUser, User
from pulumi_kinde.emulator.routes import _lookup, _users
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Role, Store
from pulumi_kinde.emulator.validation import RequestBody, check_bulk


class Member(RequestBody):
    id: str
    roles: list[str] | None = None
    permissions: list[str] | None = None


class AddOrganizationUsers(RequestBody):
    users: list[Member]


class MemberChange(Member):
    operation: Literal["delete"] | None = None


class UpdateOrganizationUsers(RequestBody):
    users: list[MemberChange]


class AddRole(RequestBody):
    role_id: str


class AddPermission(RequestBody):
    permission_id: str


_Resolved = tuple[User, list[str], list[str]]


def _resolve(store: Store, member: Member) -> _Resolved:
    """The user, role ids and permission ids a body item names; 400 for any unknown one."""
    user = store.users.get(member.id)
    if user is None:
        raise bad_request("USER_NOT_FOUND", f"User {member.id} not found")
    role_ids = []
    for key in member.roles or ():
        role = store.roles.find(key=key)
        if role is None:
            raise bad_request("ROLE_NOT_FOUND", f"No role with key {key!r}")
        role_ids.append(role.id)
    permission_ids = []
    for key in member.permissions or ():
        permission = store.permissions.find(key=key)
        if permission is None:
            raise bad_request("PERMISSION_NOT_FOUND", f"No permission with key {key!r}")
        permission_ids.append(permission.id)
    return user, role_ids, permission_ids


def _join(store: Store, code: str, resolved: _Resolved) -> bool:
    """Make the user a member holding the roles and permissions; whether it was one."""
    user, role_ids, permission_ids = resolved
    membership = store.organization_users.find(org_code=code, user_id=user.id)
    existed = membership is not None
    if membership is None:
        membership = store.organization_users.add(
            OrganizationUser(org_code=code, user_id=user.id, joined_on=_lookup.now())
        )
    for role_id in role_ids:
        if role_id not in membership.role_ids:
            membership.role_ids.append(role_id)
    for permission_id in permission_ids:
        if permission_id not in membership.permission_ids:
            membership.permission_ids.append(permission_id)
    return existed


def _roles(store: Store, membership: OrganizationUser) -> list[Role]:
    return [r for r in (store.roles.get(i) for i in membership.role_ids) if r is not None]


def _permission_ids(store: Store, membership: OrganizationUser) -> set[str]:
    """Every permission the member holds: direct grants and those of its roles."""
    held = set(membership.permission_ids)
    for role in _roles(store, membership):
        held.update(role.permission_ids)
    return held


def _member(call: Call) -> OrganizationUser:
    organization = _lookup.organization(call.store, call.params["org_code"])
    user = _users.user(call.store, call.params["user_id"])
    return _users.membership(call.store, organization.code, user.id)


def _full_name(user: User) -> str:
    return " ".join(part for part in (user.first_name, user.last_name) if part)


def _email(store: Store, user: User) -> str | None:
    found = _users.primary(store, user.id, "email")
    return found.name if found else None


@route("GET", "/api/v1/organizations/{org_code}/users", "GetOrganizationUsers")
def list_organization_users(call: Call) -> Reply:
    store = call.store
    organization = _lookup.organization(store, call.params["org_code"])
    sort = call.query_choice("sort", ("name_asc", "name_desc", "email_asc", "email_desc"))
    wanted_roles = {k.strip() for k in (call.query.get("roles") or "").split(",")} - {""}
    wanted_permissions = {k.strip() for k in (call.query.get("permissions") or "").split(",")}
    wanted_permissions -= {""}
    members: list[tuple[OrganizationUser, User]] = []
    for membership in store.organization_users.filter(org_code=organization.code):
        user = store.users.get(membership.user_id)
        if user is None:
            continue
        role_keys = {r.key for r in _roles(store, membership)}
        permission_keys = {
            p.key
            for p in (store.permissions.get(i) for i in _permission_ids(store, membership))
            if p is not None
        }
        if wanted_roles <= role_keys and wanted_permissions <= permission_keys:
            members.append((membership, user))
    if sort in ("name_asc", "name_desc"):
        page, token = token_page(
            call,
            members,
            lambda m: (_full_name(m[1]).lower(), m[1].id),
            reverse=sort == "name_desc",
        )
    elif sort in ("email_asc", "email_desc"):
        page, token = token_page(
            call,
            members,
            lambda m: ((_email(store, m[1]) or "").lower(), m[1].id),
            reverse=sort == "email_desc",
        )
    else:
        page, token = token_page(call, members, lambda m: (m[1].id,))
    items = [
        {
            "id": user.id,
            "email": _email(store, user),
            "full_name": _full_name(user),
            "last_name": user.last_name,
            "first_name": user.first_name,
            "picture": user.picture,
            "joined_on": membership.joined_on,
            "last_accessed_on": membership.last_accessed_on,
            "is_suspended": user.is_suspended,
            "roles": [r.key for r in _roles(store, membership)],
        }
        for membership, user in page
    ]
    body: dict[str, Any] = {"code": "OK", "message": "Success", "organization_users": items}
    if token:
        body["next_token"] = token
    return reply(**body)


@route("POST", "/api/v1/organizations/{org_code}/users", "AddOrganizationUsers")
def add_organization_users(call: Call) -> Reply:
    organization = _lookup.organization(call.store, call.params["org_code"])
    body = call.body(AddOrganizationUsers)
    check_bulk(body.users, "TOO_MANY_USERS", "users")  # Live: at most 100 users a call
    resolved = [_resolve(call.store, member) for member in body.users]
    for item in resolved:
        _join(call.store, organization.code, item)
    return reply(
        code="OK",
        message="Users successfully added",
        users_added=[user.id for user, _, _ in resolved],
    )


@route("PATCH", "/api/v1/organizations/{org_code}/users", "UpdateOrganizationUsers")
def update_organization_users(call: Call) -> Reply:
    store = call.store
    organization = _lookup.organization(store, call.params["org_code"])
    body = call.body(UpdateOrganizationUsers)
    check_bulk(body.users, "TOO_MANY_USERS", "users")  # Live: at most 100 users a call
    resolved = [(member.operation, _resolve(store, member)) for member in body.users]
    added, updated, removed = [], [], []
    for operation, item in resolved:
        user = item[0]
        if operation == "delete":
            membership = store.organization_users.find(org_code=organization.code, user_id=user.id)
            if membership is not None:
                store.organization_users.remove(membership.id)
                removed.append(user.id)
        elif _join(store, organization.code, item):
            updated.append(user.id)
        else:
            added.append(user.id)
    return reply(
        message="Users successfully updated",
        code="OK",
        users_added=added,
        users_updated=updated,
        users_removed=removed,
    )


@route("DELETE", "/api/v1/organizations/{org_code}/users/{user_id}", "RemoveOrganizationUser")
def remove_organization_user(call: Call) -> Reply:
    membership = _member(call)
    call.store.organization_users.remove(membership.id)
    return reply(message="User successfully removed from organization", code="USER_REMOVED")


@route("GET", "/api/v1/organizations/{org_code}/users/{user_id}/roles", "GetOrganizationUserRoles")
def list_member_roles(call: Call) -> Reply:
    membership = _member(call)
    roles = [{"id": r.id, "key": r.key, "name": r.name} for r in _roles(call.store, membership)]
    return reply(code="OK", message="Success", roles=roles)


@route(
    "POST", "/api/v1/organizations/{org_code}/users/{user_id}/roles", "CreateOrganizationUserRole"
)
def add_member_role(call: Call) -> Reply:
    membership = _member(call)
    role = _lookup.role(call.store, call.body(AddRole).role_id)
    if role.id not in membership.role_ids:
        membership.role_ids.append(role.id)
    return reply(message="Role successfully added", code="ROLE_ADDED")


@route(
    "DELETE",
    "/api/v1/organizations/{org_code}/users/{user_id}/roles/{role_id}",
    "DeleteOrganizationUserRole",
)
def remove_member_role(call: Call) -> Reply:
    membership = _member(call)
    role = _lookup.role(call.store, call.params["role_id"])
    if role.id not in membership.role_ids:
        raise not_found("ROLE_NOT_FOUND", "The user does not have this role in the organization")
    membership.role_ids.remove(role.id)
    return reply(message="Role successfully removed", code="ROLE_REMOVED")


@route(
    "GET",
    "/api/v1/organizations/{org_code}/users/{user_id}/permissions",
    "GetOrganizationUserPermissions",
)
def list_member_permissions(call: Call) -> Reply:
    store = call.store
    membership = _member(call)
    with_roles = call.query_choice("expand", ("roles",)) == "roles"
    roles = _roles(store, membership)
    items = []
    for permission_id in sorted(_permission_ids(store, membership)):
        permission = store.permissions.get(permission_id)
        if permission is None:
            continue
        item: dict[str, Any] = {"id": permission.id, "key": permission.key, "name": permission.name}
        if permission.description is not None:
            item["description"] = permission.description
        if with_roles:
            item["roles"] = [
                {"id": r.id, "key": r.key} for r in roles if permission.id in r.permission_ids
            ]
        items.append(item)
    return reply(code="OK", message="Success", permissions=items)


@route(
    "POST",
    "/api/v1/organizations/{org_code}/users/{user_id}/permissions",
    "CreateOrganizationUserPermission",
)
def add_member_permission(call: Call) -> Reply:
    membership = _member(call)
    permission = _lookup.permission(call.store, call.body(AddPermission).permission_id)
    if permission.id not in membership.permission_ids:
        membership.permission_ids.append(permission.id)
    return reply(message="Permission successfully added", code="PERMISSIONS_ADDED")


@route(
    "DELETE",
    "/api/v1/organizations/{org_code}/users/{user_id}/permissions/{permission_id}",
    "DeleteOrganizationUserPermission",
)
def remove_member_permission(call: Call) -> Reply:
    membership = _member(call)
    permission = _lookup.permission(call.store, call.params["permission_id"])
    if permission.id not in membership.permission_ids:
        raise not_found(
            "PERMISSION_NOT_FOUND", "The permission is not granted directly to this member"
        )
    membership.permission_ids.remove(permission.id)
    return reply(message="Permission successfully removed", code="PERMISSION_REMOVED")
