"""Lifecycle cases of users and their organization memberships."""

from __future__ import annotations

from pulumi_kinde import OrganizationUser, User
from pulumi_kinde.client import KindeClient
from tests.resources.cases import Case, Parents


def _seed_user(api: KindeClient, parents: Parents) -> str:
    body = {
        "profile": {"given_name": "Ada", "family_name": "Lovelace"},
        "identities": [{"type": "email", "details": {"email": "ada@example.com"}}],
    }
    return str(api.post("/api/v1/user", body)["id"])


def _membership_parents(api: KindeClient) -> Parents:
    code = str(api.post("/api/v1/organization", {"name": "Initech"})["organization"]["code"])
    user = api.post("/api/v1/user", {"profile": {"given_name": "Peter"}})["id"]
    roles = [
        str(api.post("/api/v1/roles", {"key": key, "name": key.title()})["role"]["id"])
        for key in ("manager", "member")
    ]
    return {"organization_code": code, "user_id": str(user), "roles": sorted(roles)}


def _seed_membership(api: KindeClient, parents: Parents) -> str:
    code, user = parents["organization_code"], parents["user_id"]
    api.post(f"/api/v1/organizations/{code}/users", {"users": [{"id": user}]})
    for role in parents["roles"]:
        api.post(f"/api/v1/organizations/{code}/users/{user}/roles", {"role_id": role})
    return f"{code}/{user}"


def _another_user(api: KindeClient, parents: Parents) -> dict[str, str]:
    return {"user_id": str(api.post("/api/v1/user", {"profile": {"given_name": "Milton"}})["id"])}


USER_CASES = [
    Case(
        name="user",
        resource=User,
        collection="users",
        create={"given_name": "Ada", "family_name": "Lovelace", "emails": ["ada@example.com"]},
        update={
            "given_name": "Augusta",
            "emails": ["ada@example.org", "augusta@example.org"],
            "phones": ["+14155550100"],
            "phone_country": "us",
            "is_suspended": True,
        },
        replace=None,
        why_no_replace="Kinde changes every user field in place",
        drift={"given_name": "Changed in the UI"},
        drift_store={"first_name": "Changed in the UI"},
        seed=_seed_user,
        bad=({"emails": ["not-an-email"]}, "emails"),
    ),
    Case(
        name="organization_user",
        resource=OrganizationUser,
        collection="organization_users",
        create={},
        update={"roles": []},
        replace=None,
        replace_with=_another_user,
        drift={},
        seed=_seed_membership,
        bad=({"organization_code": "o", "user_id": "u", "roles": "admin"}, "roles"),
        setup=_membership_parents,
        id_format="organization_code/user_id",
        delete_outside=lambda emu, id_: emu.store.organization_users.remove(id_),
    ),
]
