"""A member's direct permissions beside the permissions its roles give.

Kinde lists every permission a member holds, each with the roles that give it; it cannot say
whether a role-given permission is held directly as well. ``OrganizationUser.permissions`` is
the set of *direct* permissions: role-given ones never appear there, and one held both ways
stays as the program declared it. (A perpetual diff here was the first one users found.)
"""

from __future__ import annotations

from typing import Any

from pulumi_kinde import OrganizationUser, Permission, Role
from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.export import export_business
from pulumi_kinde.testing import ProgramRunner
from tests.resources.test_lifecycle import api_client


def _seed(api: KindeClient) -> dict[str, str]:
    code = str(api.post("/api/v1/organization", {"name": "Initech"})["organization"]["code"])
    user = str(api.post("/api/v1/user", {"profile": {"given_name": "Peter"}})["id"])
    return {"code": code, "user": user}


def program(parents: dict[str, str], role_gives: list[str], direct: list[str]) -> Any:
    """A role giving ``role_gives`` and a member with that role and ``direct`` permissions."""

    def declare() -> None:
        perms = {k: Permission(k, key=k, name=k.title()) for k in ("read", "write", "bill")}
        role = Role(
            "member", key="member", name="Member", permissions=[perms[k].id for k in role_gives]
        )
        OrganizationUser(
            "peter",
            organization_code=parents["code"],
            user_id=parents["user"],
            roles=[role.id],
            permissions=[perms[k].id for k in direct],
        )

    return declare


def _membership(runner: ProgramRunner) -> dict[str, Any]:
    (entry,) = [s for s in runner.state if s.name == "peter"]
    return dict(entry.outputs)


def _permission_ids(runner: ProgramRunner) -> dict[str, str]:
    return {s.name: str(s.id) for s in runner.state if s.type.endswith("Permission")}


def test_role_and_direct_permissions_settle_and_refresh_finds_nothing(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        parents = _seed(api)
    # The role gives read and write; write and bill are direct (write both ways).
    declared = program(parents, role_gives=["read", "write"], direct=["write", "bill"])
    runner.up(declared)
    ids = _permission_ids(runner)
    assert sorted(_membership(runner)["permissions"]) == sorted([ids["write"], ids["bill"]])

    emu.reset_log()
    assert set(runner.up(declared).ops.values()) == {"same"} and emu.requests == []
    refreshed = runner.refresh()
    assert [s.name for s in refreshed.steps.values() if s.changed] == []
    emu.reset_log()
    assert set(runner.up(declared).ops.values()) == {"same"} and emu.requests == []

    # The role stops giving write: the member still holds it directly, nothing to do.
    narrowed = program(parents, role_gives=["read"], direct=["write", "bill"])
    assert runner.up(narrowed).ops["peter"] == "same"
    assert [s.name for s in runner.refresh().steps.values() if s.changed] == []
    membership = emu.store.organization_users.get(f"{parents['code']}/{parents['user']}")
    assert membership is not None
    assert sorted(membership.permission_ids) == sorted([ids["write"], ids["bill"]])


def test_direct_permissions_changed_behind_pulumis_back_are_seen_and_put_back(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        parents = _seed(api)
    declared = program(parents, role_gives=["read"], direct=["bill"])
    runner.up(declared)
    ids = _permission_ids(runner)
    membership = emu.store.organization_users.get(f"{parents['code']}/{parents['user']}")
    assert membership is not None
    membership.permission_ids[:] = [ids["write"]]  # bill taken away, write given, in the UI

    refreshed = runner.refresh()
    assert refreshed.step("peter").changed == ("permissions",)
    assert _membership(runner)["permissions"] == [ids["write"]]
    assert runner.up(declared).ops["peter"] == "update"
    assert sorted(membership.permission_ids) == [ids["bill"]]
    emu.reset_log()
    assert runner.up(declared).ops["peter"] == "same" and emu.requests == []


def test_export_and_adoption_keep_role_given_permissions_out_of_the_membership(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        parents = _seed(api)
        for key in ("read", "bill"):
            api.post("/api/v1/permissions", {"key": key, "name": key})
        perms = {p["key"]: p["id"] for p in api.get("/api/v1/permissions")["permissions"]}
        role = str(api.post("/api/v1/roles", {"key": "member", "name": "Member"})["role"]["id"])
        api.patch(f"/api/v1/roles/{role}/permissions", {"permissions": [{"id": perms["read"]}]})
        base = f"/api/v1/organizations/{parents['code']}/users"
        api.post(base, {"users": [{"id": parents["user"]}]})
        api.post(f"{base}/{parents['user']}/roles", {"role_id": role})
        api.post(f"{base}/{parents['user']}/permissions", {"permission_id": perms["bill"]})
        exported = export_business(api, types=["organization_user"])
    (member,) = exported.objects["organization_user"]
    assert member.state.permissions == [perms["bill"]]  # read comes from the role

    membership_id = f"{parents['code']}/{parents['user']}"
    emu.reset_log()

    def adopt() -> None:
        OrganizationUser(
            "peter",
            organization_code=parents["code"],
            user_id=parents["user"],
            roles=[role],
            permissions=[perms["bill"]],
            import_id=membership_id,
        )

    assert runner.up(adopt).ops["peter"] == "create"
    assert [r for r in emu.api_requests() if r.method != "GET"] == []
    emu.reset_log()
    assert runner.up(adopt).ops["peter"] == "same" and emu.requests == []
