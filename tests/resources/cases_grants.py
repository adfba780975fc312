"""Lifecycle cases of who may do what: an application's access roles, a role's system
permissions, a member's API scopes, and a user's password."""

from __future__ import annotations

from pulumi_kinde import Application, OrganizationUserApiScope, RoleSystemPermission, UserPassword
from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from tests.resources.cases import Case, Parents
from tests.resources.cases_settings import ADOPTION, DESTROY, LOST_REPLY, REPLACE

#: bcrypt hashes of two throwaway passwords (test data, not secrets of anything).
BCRYPT = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
BCRYPT_2 = "$2b$12$KIXQJ5f0Zb4g1ZpJZ6m3VOnQw6N1yG2nqzj3rJgNQf1d8wZ8yJ5W2"


def _role(api: KindeClient, key: str) -> str:
    return str(api.post("/api/v1/roles", {"key": key, "name": key.title()})["role"]["id"])


def _access_parents(api: KindeClient) -> Parents:
    return {"access_roles": [_role(api, "staff")]}


def _seed_access(api: KindeClient, parents: Parents) -> str:
    app = api.post("/api/v1/applications", {"name": "Portal", "type": "reg"})["application"]
    for role_id in parents["access_roles"]:
        api.post(f"/api/v1/applications/{app['id']}/access_roles/{role_id}")
    api.patch(f"/api/v1/applications/{app['id']}", {"is_access_control_enabled": True})
    return str(app["id"])


def _system_permission(api: KindeClient, key: str) -> str:
    listed = api.paginate("/api/v1/system_permissions", "system_permissions")
    return str(next(p["id"] for p in listed if p["key"] == key))


def _system_parents(api: KindeClient) -> Parents:
    return {
        "role_id": _role(api, "billing"),
        "system_permission_id": _system_permission(api, "org:read:billing"),
    }


def _seed_system(api: KindeClient, parents: Parents) -> str:
    role_id, permission_id = parents["role_id"], parents["system_permission_id"]
    body = {"system_permissions": [{"id": permission_id}]}
    api.patch(f"/api/v1/roles/{role_id}/system_permissions", body)
    return f"{role_id}/{permission_id}"


def _holds_system(emu: Emulator, id_: str) -> bool:
    role_id, permission_id = id_.split("/")
    role = emu.store.roles.get(role_id)
    return role is not None and permission_id in role.system_permission_ids


def _drop_system(emu: Emulator, id_: str) -> None:
    role_id, permission_id = id_.split("/")
    role = emu.store.roles.get(role_id)
    assert role is not None
    role.system_permission_ids.remove(permission_id)


def _scope(api: KindeClient, api_id: str, key: str) -> str:
    return str(api.post(f"/api/v1/apis/{api_id}/scopes", {"key": key})["scope"]["id"])


def _member_scope_parents(api: KindeClient) -> Parents:
    code = str(api.post("/api/v1/organization", {"name": "Hooli"})["organization"]["code"])
    user = str(api.post("/api/v1/user", {"profile": {"given_name": "Gavin"}})["id"])
    api.post(f"/api/v1/organizations/{code}/users", {"users": [{"id": user}]})
    body = {"name": "Reports", "audience": "https://reports.example"}
    api_id = str(api.post("/api/v1/apis", body)["api"]["id"])
    return {
        "organization_code": code,
        "user_id": user,
        "api_id": api_id,
        "scope_id": _scope(api, api_id, "reports:read"),
    }


def _seed_member_scope(api: KindeClient, parents: Parents) -> str:
    id_ = "/".join(parents[k] for k in ("organization_code", "user_id", "api_id", "scope_id"))
    code, user, api_id, scope_id = id_.split("/")
    api.post(f"/api/v1/organizations/{code}/users/{user}/apis/{api_id}/scopes/{scope_id}")
    return id_


def _has_member_scope(emu: Emulator, id_: str) -> bool:
    code, user, api_id, scope_id = id_.split("/")
    membership = emu.store.organization_users.find(org_code=code, user_id=user)
    return membership is not None and f"{api_id}/{scope_id}" in membership.api_scopes


def _password_parents(api: KindeClient) -> Parents:
    return {"user_id": str(api.post("/api/v1/user", {"profile": {"given_name": "Ada"}})["id"])}


def _seed_password(api: KindeClient, parents: Parents) -> str:
    api.put(f"/api/v1/users/{parents['user_id']}/password", {"hashed_password": BCRYPT})
    return str(parents["user_id"])


def _has_password(emu: Emulator, id_: str) -> bool:
    user = emu.store.users.get(id_)
    return user is not None and user.password_hash is not None


GRANT_CASES = [
    Case(
        name="application_access_roles",
        resource=Application,
        collection="applications",
        create={"name": "Portal", "type": "reg", "is_access_control_enabled": True},
        # Turned off before the last role goes: Kinde needs a role while it is on.
        update={"is_access_control_enabled": False, "access_roles": []},
        replace={"type": "spa"},
        drift={"access_roles": []},
        drift_store={"access_role_ids": []},
        seed=_seed_access,
        bad=({"name": "Worker", "type": "m2m", "access_roles": ["r"]}, "access_roles"),
        setup=_access_parents,
    ),
    Case(
        name="role_system_permission",
        resource=RoleSystemPermission,
        collection="roles",
        create={},
        update=None,
        why_no_update="a grant has nothing to change in place",
        replace=None,
        replace_with=lambda api, _: {
            "system_permission_id": _system_permission(api, "org:write:billing")
        },
        drift={},
        seed=_seed_system,
        bad=({"role_id": "", "system_permission_id": "perm_x"}, "role_id"),
        setup=_system_parents,
        id_format="role_id/system_permission_id",
        delete_outside=_drop_system,
        linked=_holds_system,
        counted=False,
        not_applicable=(
            (LOST_REPLY, "create sends no POST: its PATCH adds the permission, a rerun again"),
        ),
    ),
    Case(
        name="organization_user_api_scope",
        resource=OrganizationUserApiScope,
        collection="organization_users",
        create={},
        update=None,
        why_no_update="a grant has nothing to change in place",
        replace=None,
        replace_with=lambda api, parents: {
            "scope_id": _scope(api, parents["api_id"], "reports:write")
        },
        drift={},
        seed=_seed_member_scope,
        bad=({"organization_code": "o", "user_id": "u", "api_id": "a", "scope_id": ""}, "scope_id"),
        setup=_member_scope_parents,
        id_format="organization_code/user_id/api_id/scope_id",
        # Kinde cannot list a member's scopes: what refresh sees is the scope going away.
        delete_outside=lambda emu, id_: emu.store.delete_api_scope(id_.rsplit("/", 1)[-1]),
        linked=_has_member_scope,
        counted=False,
        not_applicable=(
            (ADOPTION, "Kinde cannot show a member's API scopes: adopting grants it again"),
        ),
    ),
    Case(
        name="user_password",
        resource=UserPassword,
        collection="users",
        create={"hashed_password": BCRYPT},
        update={"hashed_password": BCRYPT_2, "is_temporary_password": True},
        replace=None,
        replace_with=lambda api, _: _password_parents(api),
        drift={},
        seed=_seed_password,
        bad=(
            {"user_id": "u", "hashed_password": "h", "hashing_method": "pbkdf2"},
            "hashing_method",
        ),
        setup=_password_parents,
        id_format="user_id",
        delete_outside=lambda emu, id_: emu.store.delete_user(id_),
        linked=_has_password,
        counted=False,
        not_applicable=(
            (ADOPTION, "Kinde never returns a password: adopting sets the declared one"),
            (DESTROY, "Kinde cannot remove a password: delete leaves it, with a warning"),
            (REPLACE, "Kinde cannot remove a password: the old user keeps it"),
            (LOST_REPLY, "create sends no POST: its PUT sets the password, a rerun sets it again"),
        ),
    ),
]
