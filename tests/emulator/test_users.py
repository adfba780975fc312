"""Users, identities and organization memberships: behaviour, uniqueness, cascades,
pagination and not-found answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pulumi_kinde.emulator import Emulator


def _codes(response: httpx.Response) -> list[str]:
    errors = response.json()["errors"]
    assert isinstance(errors, list), "expected the list error shape"
    return [error["code"] for error in errors]


def _ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json() if response.content else None


def _refused(response: httpx.Response, code: str) -> None:
    assert response.status_code == 400, response.text
    assert _codes(response) == [code]


def _user(api: httpx.Client, email: str | None = None, **fields: Any) -> str:
    body: dict[str, Any] = dict(fields)
    if email is not None:
        body["identities"] = [{"type": "email", "details": {"email": email}}]
    user_id = _ok(api.post("/api/v1/user", json=body))["id"]
    assert isinstance(user_id, str)
    return user_id


def _organization(api: httpx.Client, name: str = "Acme") -> str:
    code = _ok(api.post("/api/v1/organization", json={"name": name}))["organization"]["code"]
    assert isinstance(code, str)
    return code


def _role(api: httpx.Client, key: str, permission_ids: tuple[str, ...] = ()) -> str:
    role_id = _ok(api.post("/api/v1/roles", json={"name": key.title(), "key": key}))["role"]["id"]
    if permission_ids:
        _ok(
            api.patch(
                f"/api/v1/roles/{role_id}/permissions",
                json={"permissions": [{"id": p} for p in permission_ids]},
            )
        )
    assert isinstance(role_id, str)
    return role_id


def _permission(api: httpx.Client, key: str) -> str:
    _ok(api.post("/api/v1/permissions", json={"name": key, "key": key}))
    listed = _ok(api.get("/api/v1/permissions", params={"page_size": 100}))["permissions"]
    permission_id = next(p["id"] for p in listed if p["key"] == key)
    assert isinstance(permission_id, str)
    return permission_id


def _get(api: httpx.Client, user_id: str, expand: str = "") -> Any:
    params = {"id": user_id, **({"expand": expand} if expand else {})}
    return _ok(api.get("/api/v1/user", params=params))


# Users


def test_create_read_update_delete_user(api: httpx.Client, emulator: Emulator) -> None:
    created = _ok(
        api.post(
            "/api/v1/user",
            json={
                "profile": {"given_name": "Ada", "family_name": "Lovelace", "picture": "p.png"},
                "provided_id": "ext-1",
                "identities": [
                    {"type": "email", "is_verified": True, "details": {"email": "ada@ex.test"}},
                    {"type": "username", "details": {"username": "ada"}},
                ],
            },
        )
    )
    user_id = created["id"]
    assert user_id.startswith("kp_") and len(user_id) == 35
    int(user_id[3:], 16)
    assert created["created"] is True
    assert created["identities"] == [
        {"type": "email", "result": {"created": True}},
        {"type": "username", "result": {"created": True}},
    ]
    got = _get(api, user_id)
    assert {k: got[k] for k in ("first_name", "last_name", "picture", "provided_id")} == {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "picture": "p.png",
        "provided_id": "ext-1",
    }
    assert (got["preferred_email"], got["username"], got["is_suspended"]) == (
        "ada@ex.test",
        "ada",
        False,
    )
    assert "identities" not in got and "organizations" not in got and got["phone"] is None

    updated = _ok(
        api.patch(
            "/api/v1/user",
            params={"id": user_id},
            json={
                "given_name": "Augusta",
                "is_suspended": True,
                "is_password_reset_requested": True,
            },
        )
    )
    assert updated == {
        "id": user_id,
        "given_name": "Augusta",
        "family_name": "Lovelace",
        "email": "ada@ex.test",
        "is_suspended": True,
        "is_password_reset_requested": True,
        "picture": "p.png",
    }
    # Fields left out keep their values; null clears a string.
    _ok(api.patch("/api/v1/user", params={"id": user_id}, json={"picture": None}))
    got = _get(api, user_id)
    assert (got["first_name"], got["is_suspended"], got["picture"]) == ("Augusta", True, None)
    stored = emulator.store.users.get(user_id)
    assert stored is not None and stored.is_password_reset_requested is True

    deleted = _ok(api.delete("/api/v1/user", params={"id": user_id}))
    assert deleted["code"] == "USER_DELETED"
    _refused(api.get("/api/v1/user", params={"id": user_id}), "USER_NOT_FOUND")
    _refused(api.delete("/api/v1/user", params={"id": user_id}), "USER_NOT_FOUND")


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("GET", "/api/v1/user?id=kp_nope", "USER_NOT_FOUND"),
        ("PATCH", "/api/v1/user?id=kp_nope", "USER_NOT_FOUND"),
        ("DELETE", "/api/v1/user?id=kp_nope", "USER_NOT_FOUND"),
        ("GET", "/api/v1/user", "USER_ID_REQUIRED"),
        ("GET", "/api/v1/users/kp_nope/identities", "USER_NOT_FOUND"),
        ("POST", "/api/v1/users/kp_nope/identities", "USER_NOT_FOUND"),
        ("GET", "/api/v1/identities/identity_nope", "IDENTITY_NOT_FOUND"),
        ("PATCH", "/api/v1/identities/identity_nope", "IDENTITY_NOT_FOUND"),
        ("DELETE", "/api/v1/identities/identity_nope", "IDENTITY_NOT_FOUND"),
        ("GET", "/api/v1/organizations/org_nope/users", "ORGANIZATION_NOT_FOUND"),
        ("DELETE", "/api/v1/organizations/org_nope/users/kp_nope", "ORGANIZATION_NOT_FOUND"),
        ("GET", "/api/v1/organizations/org_nope/users/kp_x/roles", "ORGANIZATION_NOT_FOUND"),
    ],
)
def test_not_found_as_400_list(api: httpx.Client, method: str, path: str, code: str) -> None:
    _refused(
        api.request(method, path, json={"given_name": "x"} if method == "PATCH" else None), code
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"identities": [{"type": "fax", "details": {}}]}, "INVALID_TYPE"),
        ({"identities": [{"type": "email", "details": {}}]}, "EMAIL_REQUIRED"),
        ({"identities": [{"type": "email", "details": {"email": "nope"}}]}, "INVALID_EMAIL"),
        ({"profile": {"given_name": 1}}, "INVALID_GIVEN_NAME"),
        ({"profile": {"nickname": "x"}}, "UNKNOWN_FIELD"),
        ({"organization_code": "org_nope"}, "ORGANIZATION_NOT_FOUND"),
    ],
)
def test_invalid_create_changes_nothing(
    api: httpx.Client, emulator: Emulator, body: dict[str, Any], code: str
) -> None:
    before = emulator.snapshot()
    _refused(api.post("/api/v1/user", json=body), code)
    assert emulator.snapshot() == before


def test_email_username_and_phone_are_unique(api: httpx.Client, emulator: Emulator) -> None:
    first = _user(api, "ada@ex.test")
    before = emulator.snapshot()
    # Another user, case-insensitively, even when the clash is the second identity.
    clash = {
        "identities": [
            {"type": "username", "details": {"username": "fresh"}},
            {"type": "email", "details": {"email": "ADA@ex.test"}},
        ]
    }
    _refused(api.post("/api/v1/user", json=clash), "EMAIL_ALREADY_EXISTS")
    twice = {
        "identities": [
            {"type": "email", "details": {"email": "b@ex.test"}},
            {"type": "email", "details": {"email": "B@ex.test"}},
        ]
    }
    _refused(api.post("/api/v1/user", json=twice), "EMAIL_ALREADY_EXISTS")
    assert emulator.snapshot() == before
    # Adding the address as an identity of an existing user.
    second = _user(api)
    before = emulator.snapshot()
    _refused(
        api.post(
            f"/api/v1/users/{second}/identities", json={"type": "email", "value": "ada@EX.test"}
        ),
        "EMAIL_ALREADY_EXISTS",
    )
    assert emulator.snapshot() == before
    _ok(api.post(f"/api/v1/users/{second}/identities", json={"type": "username", "value": "ada"}))
    _refused(
        api.post(
            "/api/v1/user",
            json={"identities": [{"type": "username", "details": {"username": "ADA"}}]},
        ),
        "USERNAME_ALREADY_EXISTS",
    )
    phone = {"type": "phone", "value": "0426148233", "phone_country_id": "au"}
    _ok(api.post(f"/api/v1/users/{first}/identities", json=phone))
    _refused(api.post(f"/api/v1/users/{second}/identities", json=phone), "PHONE_ALREADY_EXISTS")
    # Once the first user is gone, its address is free again.
    _ok(api.delete("/api/v1/user", params={"id": first}))
    _user(api, "ada@ex.test")


def test_create_with_organization_joins_it(api: httpx.Client) -> None:
    code = _organization(api)
    member = _user(api, "m@ex.test", organization_code=code)
    loner = _user(api, "l@ex.test")
    assert _get(api, member, "organizations")["organizations"] == [code]
    assert _get(api, loner, "organizations")["organizations"] == []
    listed = _ok(api.get(f"/api/v1/organizations/{code}/users"))["organization_users"]
    assert [u["id"] for u in listed] == [member]


# Listing users


def test_list_users_pages_with_next_token(api: httpx.Client) -> None:
    created = [_user(api, f"u{i}@ex.test") for i in range(5)]
    seen: list[str] = []
    params: dict[str, Any] = {"page_size": 2}
    for _ in range(10):
        page = _ok(api.get("/api/v1/users", params=params))
        assert len(page["users"]) <= 2
        seen += [u["id"] for u in page["users"]]
        if "next_token" not in page:
            break
        params["next_token"] = page["next_token"]
    assert seen == created
    _refused(api.get("/api/v1/users", params={"next_token": "garbage!"}), "INVALID_NEXT_TOKEN")


def test_list_users_filters_and_expand(api: httpx.Client) -> None:
    code = _organization(api)
    ada = _user(api, "ada@ex.test", organization_code=code)
    bob = _user(api, "bob@ex.test")
    _ok(api.post(f"/api/v1/users/{bob}/identities", json={"type": "username", "value": "bobby"}))
    cy = _user(api)

    def ids(**params: Any) -> list[str]:
        return [u["id"] for u in _ok(api.get("/api/v1/users", params=params))["users"]]

    assert ids() == [ada, bob, cy]
    assert ids(user_id=f"{cy},{ada}") == [ada, cy]
    assert ids(email="BOB@ex.test,nobody@ex.test") == [bob]
    assert ids(username="bobby") == [bob]
    assert ids(has_organization="true") == [ada]
    assert ids(has_organization="false") == [bob, cy]
    assert ids(active_since="2020-01-01T00:00:00Z") == []  # nobody has signed in
    users = _ok(api.get("/api/v1/users", params={"expand": "organizations,identities"}))["users"]
    by_id = {u["id"]: u for u in users}
    assert by_id[ada]["organizations"] == [code] and by_id[ada]["email"] == "ada@ex.test"
    assert by_id[bob]["identities"] == [
        {"type": "email", "identity": "bob@ex.test", "connection_id": None},
        {"type": "username", "identity": "bobby", "connection_id": None},
    ]
    assert (
        by_id[cy]["email"] is None and "identities" not in _ok(api.get("/api/v1/users"))["users"][0]
    )
    _refused(api.get("/api/v1/users", params={"expand": "pets"}), "INVALID_EXPAND")
    _refused(
        api.get("/api/v1/users", params={"has_organization": "maybe"}), "INVALID_HAS_ORGANIZATION"
    )
    _refused(api.get("/api/v1/users", params={"active_since": "yesterday"}), "INVALID_ACTIVE_SINCE")


# Identities


def test_identities_primary_and_removal(api: httpx.Client, emulator: Emulator) -> None:
    user_id = _user(api, "first@ex.test")
    base = f"/api/v1/users/{user_id}/identities"
    second = _ok(api.post(base, json={"type": "email", "value": "second@ex.test"}))
    assert second["code"] == "IDENTITY_CREATED"
    second_id = second["identity"]["id"]
    assert second_id.startswith("identity_")
    listed = _ok(api.get(base))["identities"]
    first_id = listed[0]["id"]
    assert [(i["name"], i["is_primary"], i["email"]) for i in listed] == [
        ("first@ex.test", True, "first@ex.test"),
        ("second@ex.test", False, "second@ex.test"),
    ]
    # Making the second primary demotes the first and changes the preferred email.
    _ok(api.patch(f"/api/v1/identities/{second_id}", json={"is_primary": True}))
    assert _ok(api.get(f"/api/v1/identities/{first_id}"))["is_primary"] is False
    assert _get(api, user_id)["preferred_email"] == "second@ex.test"
    _refused(
        api.patch(f"/api/v1/identities/{second_id}", json={"is_primary": False}),
        "PRIMARY_IDENTITY_REQUIRED",
    )
    # Deleting the primary promotes the remaining one.
    _ok(api.delete(f"/api/v1/identities/{second_id}"))
    assert _ok(api.get(f"/api/v1/identities/{first_id}"))["is_primary"] is True
    assert _get(api, user_id)["preferred_email"] == "first@ex.test"
    assert second_id not in emulator.store.identities
    _ok(api.delete(f"/api/v1/identities/{first_id}"))
    got = _get(api, user_id, "identities")
    assert got["identities"] == [] and got["preferred_email"] is None


def test_identity_types(api: httpx.Client) -> None:
    user_id = _user(api)
    base = f"/api/v1/users/{user_id}/identities"
    _refused(
        api.post(base, json={"type": "phone", "value": "0426148233"}), "PHONE_COUNTRY_ID_REQUIRED"
    )
    _refused(api.post(base, json={"type": "social", "value": "a@g.test"}), "CONNECTION_ID_REQUIRED")
    _refused(
        api.post(base, json={"type": "social", "value": "a@g.test", "connection_id": "conn_nope"}),
        "CONNECTION_NOT_FOUND",
    )
    _refused(api.post(base, json={"type": "email", "value": "not-an-address"}), "INVALID_VALUE")
    _refused(api.post(base, json={"type": "email"}), "VALUE_REQUIRED")
    _ok(api.post(base, json={"type": "phone", "value": "0426148233", "phone_country_id": "au"}))
    connections = _ok(api.get("/api/v1/connections"))["connections"]
    google = next(c["id"] for c in connections if c["strategy"] == "oauth2:google")
    social = _ok(
        api.post(base, json={"type": "social", "value": "a@g.test", "connection_id": google})
    )["identity"]["id"]
    got = _ok(api.get(f"/api/v1/identities/{social}"))
    assert (got["type"], got["connection_id"], got["email"], got["is_primary"]) == (
        "oauth2:google",
        google,
        "a@g.test",
        True,
    )
    user = _get(api, user_id, "identities")
    assert user["phone"] == "0426148233"
    assert [i["type"] for i in user["identities"]] == ["phone", "oauth2:google"]


def test_identity_cursor_pagination(api: httpx.Client) -> None:
    user_id = _user(api)
    base = f"/api/v1/users/{user_id}/identities"
    names = [f"user{i}" for i in range(3)] + ["a@ex.test", "b@ex.test"]
    for name in names:
        kind = "email" if "@" in name else "username"
        _ok(api.post(base, json={"type": kind, "value": name}))
    first = _ok(api.get(base, params={"page_size": 3}))
    assert first["has_more"] is True and len(first["identities"]) == 3
    rest = _ok(
        api.get(base, params={"page_size": 3, "starting_after": first["identities"][-1]["id"]})
    )
    assert rest["has_more"] is False
    assert [i["name"] for i in first["identities"] + rest["identities"]] == names


# Organization memberships


@pytest.fixture
def shop(api: httpx.Client) -> dict[str, str]:
    """An organization, two permissions, a role carrying one of them and a second role."""
    read = _permission(api, "read:orders")
    refund = _permission(api, "refund:orders")
    return {
        "code": _organization(api, "Shop"),
        "read": read,
        "refund": refund,
        "clerk": _role(api, "clerk", (read,)),
        "manager": _role(api, "manager"),
    }


def test_memberships_with_roles_and_permissions(api: httpx.Client, shop: dict[str, str]) -> None:
    user_id = _user(api, "ann@shop.test", profile={"given_name": "Ann", "family_name": "Lee"})
    base = f"/api/v1/organizations/{shop['code']}/users"
    member = f"{base}/{user_id}"
    _refused(api.get(f"{member}/roles"), "USER_NOT_IN_ORGANIZATION")
    added = _ok(
        api.post(
            base,
            json={"users": [{"id": user_id, "roles": ["clerk"], "permissions": ["refund:orders"]}]},
        )
    )
    assert added["users_added"] == [user_id]
    (listed,) = _ok(api.get(base))["organization_users"]
    assert {k: listed[k] for k in ("id", "email", "full_name", "first_name", "roles")} == {
        "id": user_id,
        "email": "ann@shop.test",
        "full_name": "Ann Lee",
        "first_name": "Ann",
        "roles": ["clerk"],
    }
    assert listed["joined_on"] and listed["is_suspended"] is False
    roles = _ok(api.get(f"{member}/roles"))["roles"]
    assert roles == [{"id": shop["clerk"], "key": "clerk", "name": "Clerk"}]

    # Permissions: direct grants and those of the member's roles.
    held = _ok(api.get(f"{member}/permissions"))["permissions"]
    assert {p["key"] for p in held} == {"read:orders", "refund:orders"}
    assert all("roles" not in p for p in held)
    expanded = _ok(api.get(f"{member}/permissions", params={"expand": "roles"}))["permissions"]
    assert {p["key"]: p["roles"] for p in expanded} == {
        "read:orders": [{"id": shop["clerk"], "key": "clerk"}],
        "refund:orders": [],
    }
    # Only a direct grant can be taken away; a role's permission goes with the role.
    _refused(api.delete(f"{member}/permissions/{shop['read']}"), "PERMISSION_NOT_FOUND")
    _ok(api.delete(f"{member}/permissions/{shop['refund']}"))
    _ok(api.delete(f"{member}/roles/{shop['clerk']}"))
    assert _ok(api.get(f"{member}/permissions"))["permissions"] == []
    _refused(api.delete(f"{member}/roles/{shop['clerk']}"), "ROLE_NOT_FOUND")

    # By id, idempotently.
    for _ in range(2):
        _ok(api.post(f"{member}/roles", json={"role_id": shop["manager"]}))
        _ok(api.post(f"{member}/permissions", json={"permission_id": shop["read"]}))
    assert [r["key"] for r in _ok(api.get(f"{member}/roles"))["roles"]] == ["manager"]
    assert [p["id"] for p in _ok(api.get(f"{member}/permissions"))["permissions"]] == [shop["read"]]
    _refused(api.post(f"{member}/roles", json={"role_id": "nope"}), "ROLE_NOT_FOUND")
    _refused(
        api.post(f"{member}/permissions", json={"permission_id": "nope"}), "PERMISSION_NOT_FOUND"
    )

    removed = _ok(api.delete(member))
    assert removed["code"] == "USER_REMOVED"
    _refused(api.delete(member), "USER_NOT_IN_ORGANIZATION")
    assert _get(api, user_id, "organizations")["organizations"] == []


def test_add_members_checks_everything_first(
    api: httpx.Client, emulator: Emulator, shop: dict[str, str]
) -> None:
    good = _user(api, "good@shop.test")
    base = f"/api/v1/organizations/{shop['code']}/users"
    before = emulator.snapshot()
    for users, code in (
        ([{"id": good}, {"id": "kp_nope"}], "USER_NOT_FOUND"),
        ([{"id": good, "roles": ["clerk", "ghost"]}], "ROLE_NOT_FOUND"),
        ([{"id": good, "permissions": ["read:orders", "ghost"]}], "PERMISSION_NOT_FOUND"),
    ):
        _refused(api.post(base, json={"users": users}), code)
        _refused(api.patch(base, json={"users": users}), code)
    _refused(api.post(base, json={"users": [{"roles": ["clerk"]}]}), "ID_REQUIRED")
    _refused(
        api.patch(base, json={"users": [{"id": good, "operation": "remove"}]}), "INVALID_OPERATION"
    )
    _refused(api.post(base, json={}), "USERS_REQUIRED")
    assert emulator.snapshot() == before


def test_patch_adds_updates_and_removes(api: httpx.Client, shop: dict[str, str]) -> None:
    ann, bob, cy = (_user(api, f"{n}@shop.test") for n in ("ann", "bob", "cy"))
    base = f"/api/v1/organizations/{shop['code']}/users"
    _ok(api.post(base, json={"users": [{"id": ann}, {"id": bob, "roles": ["clerk"]}]}))
    # Adding again keeps the member and adds roles to it.
    _ok(api.post(base, json={"users": [{"id": bob, "roles": ["manager"]}]}))
    changed = _ok(
        api.patch(
            base,
            json={
                "users": [
                    {"id": cy, "permissions": ["refund:orders"]},
                    {"id": ann, "roles": ["manager"]},
                    {"id": bob, "operation": "delete"},
                ]
            },
        )
    )
    assert (changed["users_added"], changed["users_updated"], changed["users_removed"]) == (
        [cy],
        [ann],
        [bob],
    )
    members = _ok(api.get(base))["organization_users"]
    assert [(m["id"], m["roles"]) for m in members] == [(ann, ["manager"]), (cy, [])]
    # Removing someone who is not a member changes nothing and reports nothing.
    again = _ok(api.patch(base, json={"users": [{"id": bob, "operation": "delete"}]}))
    assert again["users_removed"] == []


def test_list_members_sorts_filters_and_pages(api: httpx.Client, shop: dict[str, str]) -> None:
    people = {"cat": "zed@shop.test", "amy": "yan@shop.test", "bea": "xi@shop.test"}
    ids = {
        name: _user(api, email, profile={"given_name": name.title()})
        for name, email in people.items()
    }
    base = f"/api/v1/organizations/{shop['code']}/users"
    _ok(
        api.post(
            base,
            json={
                "users": [
                    {"id": ids["cat"], "roles": ["clerk", "manager"]},
                    {"id": ids["amy"], "roles": ["clerk"], "permissions": ["refund:orders"]},
                    {"id": ids["bea"]},
                ]
            },
        )
    )

    def walk(**params: Any) -> list[str]:
        seen: list[str] = []
        query: dict[str, Any] = {"page_size": 2, **params}
        for _ in range(10):
            page = _ok(api.get(base, params=query))
            seen += [u["first_name"].lower() for u in page["organization_users"]]
            if "next_token" not in page:
                return seen
            query["next_token"] = page["next_token"]
        raise AssertionError("pagination did not end")

    assert walk() == ["cat", "amy", "bea"]  # creation order of the users
    assert walk(sort="name_asc") == ["amy", "bea", "cat"]
    assert walk(sort="name_desc") == ["cat", "bea", "amy"]
    assert walk(sort="email_asc") == ["bea", "amy", "cat"]
    assert walk(sort="email_desc") == ["cat", "amy", "bea"]
    assert walk(roles="clerk") == ["cat", "amy"]
    assert walk(roles="clerk,manager") == ["cat"]
    assert walk(permissions="read:orders") == ["cat", "amy"]  # through the clerk role
    assert walk(permissions="refund:orders,read:orders") == ["amy"]
    _refused(api.get(base, params={"sort": "age"}), "INVALID_SORT")


# Cascades


def test_deletes_cascade_to_memberships(
    api: httpx.Client, emulator: Emulator, shop: dict[str, str]
) -> None:
    store = emulator.store
    user_id = _user(api, "ann@shop.test")
    other_org = _organization(api, "Other")
    for code in (shop["code"], other_org):
        _ok(
            api.post(
                f"/api/v1/organizations/{code}/users",
                json={
                    "users": [{"id": user_id, "roles": ["clerk"], "permissions": ["refund:orders"]}]
                },
            )
        )
    _ok(api.post(f"/api/v1/users/{user_id}/identities", json={"type": "username", "value": "ann"}))
    member = f"/api/v1/organizations/{shop['code']}/users/{user_id}"

    _ok(api.delete(f"/api/v1/roles/{shop['clerk']}"))
    assert _ok(api.get(f"{member}/roles"))["roles"] == []
    _ok(api.delete(f"/api/v1/permissions/{shop['refund']}"))
    assert _ok(api.get(f"{member}/permissions"))["permissions"] == []
    assert all(not m.role_ids and not m.permission_ids for m in store.organization_users)

    _ok(api.delete(f"/api/v1/organization/{other_org}"))
    assert _get(api, user_id, "organizations")["organizations"] == [shop["code"]]
    assert len(store.identities.filter(user_id=user_id)) == 2

    _ok(api.delete("/api/v1/user", params={"id": user_id}))
    assert store.identities.filter(user_id=user_id) == []
    assert store.organization_users.filter(user_id=user_id) == []
    assert _ok(api.get(f"/api/v1/organizations/{shop['code']}/users"))["organization_users"] == []
    _refused(api.get(f"{member}/roles"), "USER_NOT_FOUND")


def test_store_delete_user_cascades(api: httpx.Client, emulator: Emulator) -> None:
    code = _organization(api)
    user_id = _user(api, "gone@ex.test", organization_code=code)
    removed = emulator.store.delete_user(user_id)
    assert removed is not None and removed.id == user_id
    assert emulator.store.identities.filter(user_id=user_id) == []
    assert emulator.store.organization_users.filter(org_code=code) == []
    assert emulator.store.delete_user(user_id) is None
    _user(api, "gone@ex.test")  # the address is free again


# Personal data


def test_request_log_holds_no_personal_data(api: httpx.Client, emulator: Emulator) -> None:
    user_id = _user(api, "secret.person@ex.test", profile={"given_name": "Zebulon"})
    _ok(api.patch("/api/v1/user", params={"id": user_id}, json={"family_name": "Quixote"}))
    _ok(
        api.post(
            f"/api/v1/users/{user_id}/identities", json={"type": "username", "value": "quixote_zq"}
        )
    )
    _ok(api.get("/api/v1/user", params={"id": user_id}))
    records = emulator.api_requests()
    assert [r.operation_id for r in records] == [
        "createUser",
        "updateUser",
        "CreateUserIdentity",
        "getUserData",
    ]
    logged = repr(records)
    for value in ("secret.person", "Zebulon", "Quixote", "quixote_zq"):
        assert value not in logged
