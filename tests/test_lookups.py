"""Lookups find existing objects by id or natural key, from a program, as plain values."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from pulumi_kinde import lookups
from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner, RunFailed


@pytest.fixture
def seeded(emu: Emulator) -> dict[str, str]:
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api:
        role = api.post("/api/v1/roles", {"key": "admin", "name": "Admin"})["role"]["id"]
        api.post("/api/v1/permissions", {"key": "read:x", "name": "Read X"})
        org = api.post("/api/v1/organization", {"name": "Acme", "handle": "acme"})
        app = api.post("/api/v1/applications", {"name": "Worker", "type": "m2m"})
    emu.reset_log()
    return {
        "role": role,
        "org": org["organization"]["code"],
        "app": app["application"]["id"],
    }


def test_get_by_natural_key_and_by_id(
    emu: Emulator, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    def program() -> None:
        by_key = lookups.get_role(key="admin")
        by_id = lookups.get_role(seeded["role"])
        pulumi.export("role", [by_key.id, by_id.state.key, by_key.state.name])
        pulumi.export("org", lookups.get_organization(handle="acme").id)
        pulumi.export("app", lookups.get_application(name="Worker").state.type)
        pulumi.export("perm", lookups.get_permission(key="read:x").state.name)
        pulumi.export("m2m", [a["id"] for a in lookups.list_applications(type="m2m")])

    outputs = runner.up(program).outputs
    assert outputs["role"].value == [seeded["role"], "admin", "Admin"]
    assert outputs["org"].value == seeded["org"]
    assert outputs["app"].value == "m2m"
    assert outputs["perm"].value == "Read X"
    assert outputs["m2m"].value == [seeded["app"]]
    assert emu.api_requests() and {r.method for r in emu.api_requests()} == {"GET"}


def test_output_variant_waits_for_a_new_resource(
    emu: Emulator, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    import pulumi_kinde as kinde

    def program() -> None:
        role = kinde.Role("viewer", key="viewer", name="Viewer")
        found = lookups.get_role_output(id=role.id)
        pulumi.export("viewer", found.apply(lambda f: [f.id, f.state.name]))

    preview = runner.preview(program)
    assert preview.ok and emu.api_requests() == []
    result = runner.up(program, skip_preview=True)
    (entry,) = [s for s in runner.state if s.name == "viewer"]
    assert result.outputs["viewer"].value == [entry.id, "Viewer"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lookups.get_role(key="nobody"), "no roles match {'key': 'nobody'}"),
        (lambda: lookups.get_role(), "look up a role by exactly one of: id, key"),
        (lambda: lookups.get_role("r1", key="admin"), "exactly one of"),
        (lambda: lookups.get_api("missing-id"), "no API has id 'missing-id'"),
    ],
)
def test_a_failed_lookup_says_why(
    call: Any, message: str, runner: ProgramRunner, seeded: dict[str, str]
) -> None:
    with pytest.raises(RunFailed, match=message.replace("{", r"\{").replace("}", r"\}")):
        runner.up(lambda: pulumi.export("x", call().id))
