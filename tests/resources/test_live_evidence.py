"""pulumi-kinde follows the live Kinde service where the spec says otherwise.

The provider side of the rows of the evidence table (the emulator side is in
``tests/emulator/test_live_evidence.py``; ``pulumi_kinde.emulator.live`` lists both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from pulumi_kinde import lookups
from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator, live
from pulumi_kinde.emulator.records import Permission as StoredPermission
from pulumi_kinde.emulator.records_settings import EnvironmentVariable as StoredVariable
from pulumi_kinde.export import export_business
from pulumi_kinde.resources import _context
from pulumi_kinde.resources._provider import KindeResourceError, Rollback
from pulumi_kinde.resources.environment_variable import EnvironmentVariable
from pulumi_kinde.resources.organization_user import OrganizationUserProvider
from pulumi_kinde.resources.permission import (
    Permission,
    PermissionArgs,
    PermissionProvider,
)
from pulumi_kinde.resources.role import Role, RoleProvider
from pulumi_kinde.resources.user import User
from pulumi_kinde.resources.webhook import Webhook
from pulumi_kinde.testing import ProgramRunner, RunFailed

SECRET = "sk_live_first-secret-value-0001"
ROTATED = "sk_live_rotated-secret-value-0002"


def _settings(emu: Emulator) -> ClientSettings:
    return ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)


@pytest.fixture
def in_process(emu: Emulator) -> Iterator[KindeClient]:
    """Providers called in this process talk to ``emu`` through this client."""
    _context.reset()
    client = _context.pin(KindeClient(_settings(emu)))
    try:
        yield client
    finally:
        _context.reset()


def _writes(emu: Emulator) -> list[str]:
    return [f"{r.method} {r.path}" for r in emu.api_requests() if r.method != "GET"]


# -- Permission create --------------------------------------------------------------------------


def test_permission_create_uses_the_returned_id_or_finds_it_by_key(
    emu: Emulator, in_process: KindeClient
) -> None:
    provider = PermissionProvider()
    for form, key in (((), "read:live"), ({live.PERMISSION_CREATE_WITHOUT_ID}, "read:spec")):
        emu.spec_forms = form
        provider.create_object(in_process, PermissionArgs(key=key, name=key), Rollback())  # warm
        emu.reset_log()
        args = PermissionArgs(key=f"{key}:2", name="Second")
        new_id, state = provider.create_object(in_process, args, Rollback())
        stored = emu.store.permissions.find(key=f"{key}:2")
        assert stored is not None and new_id == stored.id and state.key == f"{key}:2"
        calls = [f"{r.method} {r.path}" for r in emu.api_requests()]
        if form:  # the spec's answer has no id: the list finds it by key
            assert calls == ["POST /api/v1/permissions", "GET /api/v1/permissions"]
        else:  # the live answer carries it: nothing else is asked
            assert calls == ["POST /api/v1/permissions"]


# -- Sensitive environment variables ------------------------------------------------------------


def test_a_sensitive_variable_is_replaced_delete_first_when_its_value_changes(
    emu: Emulator, runner: ProgramRunner
) -> None:
    def program(value: str, is_secret: bool = True) -> Callable[[], Any]:
        return lambda: EnvironmentVariable("it", key="STRIPE_KEY", value=value, is_secret=is_secret)

    runner.up(program(SECRET), skip_preview=True)
    (first,) = emu.store.environment_variables.all()
    (entry,) = [s for s in runner.state if s.name == "it"]
    assert "value" in entry.secret_inputs and "value" in entry.secret_outputs

    emu.reset_log()
    replaced = runner.up(program(ROTATED))
    preview = replaced.preview.step("it") if replaced.preview else None
    assert preview is not None  # the preview says so: a replacement, delete first
    assert (preview.op, preview.replaces, preview.delete_before_replace) == (
        "replace",
        ("value",),
        True,
    )
    assert replaced.ops == {"it": "replace"}
    assert _writes(emu) == [  # delete first: keys are unique
        f"DELETE /api/v1/environment_variables/{first.id}",
        "POST /api/v1/environment_variables",
    ]
    (second,) = emu.store.environment_variables.all()
    assert (second.value, second.is_secret) == (ROTATED, True) and second.id != first.id
    emu.reset_log()
    assert runner.up(program(ROTATED), skip_preview=True).ops == {"it": "same"}
    assert emu.api_requests() == []
    assert runner.refresh().step("it").changed == ()

    # Turning is_secret off would show the value: a replacement too.
    assert runner.up(program(ROTATED, is_secret=False), skip_preview=True).ops == {"it": "replace"}
    (third,) = emu.store.environment_variables.all()
    assert (third.value, third.is_secret) == (ROTATED, False)
    # A variable that is not secret changes in place.
    assert runner.up(program(SECRET, is_secret=False), skip_preview=True).ops == {"it": "update"}
    assert emu.store.environment_variables.all()[0].id == third.id
    assert SECRET not in runner.state_json() and ROTATED not in runner.state_json()


def test_adopting_a_sensitive_variable_writes_nothing(emu: Emulator, runner: ProgramRunner) -> None:
    stored = emu.store.environment_variables.add(
        StoredVariable(
            id="env_var_0192b194f6156fb7452fe38cfb144958",
            key="STRIPE_KEY",
            value=SECRET,
            is_secret=True,
            created_on="2026-01-01T00:00:00Z",
        )
    )

    def program(value: str, is_secret: bool = True) -> Callable[[], Any]:
        return lambda: EnvironmentVariable(
            "it", key="STRIPE_KEY", value=value, is_secret=is_secret, import_id=stored.id
        )

    emu.reset_log()
    assert runner.up(program(SECRET), skip_preview=True).ops == {"it": "create"}
    assert _writes(emu) == []  # the declared value is taken as given
    assert runner.refresh().step("it").changed == ()
    emu.reset_log()
    assert runner.up(program(SECRET), skip_preview=True).ops == {"it": "same"}
    assert emu.api_requests() == []

    # Declaring is_secret=False for a secret variable cannot be adopted in place.
    other = ProgramRunner(config=runner.config, secret_keys=["kinde:clientSecret"])
    with pytest.raises(RunFailed, match="is_secret is True in Kinde, which cannot change"):
        other.up(program(SECRET, is_secret=False), skip_preview=True)
    assert _writes(emu) == [] and emu.store.environment_variables.get(stored.id) == stored


# -- Null fields ------------------------------------------------------------------------------


def test_null_fields_converge_like_absent_ones(emu: Emulator, runner: ProgramRunner) -> None:
    def program() -> None:
        Permission("perm", key="read:things", name="Read things")
        Role("role", key="staff", name="Staff")
        Webhook("hook", name="Audit", endpoint="https://h.test/a", event_types=["user.created"])
        User("user", emails=["ada@ex.test"])

    runner.up(program)
    listed = KindeClient(_settings(emu)).get("/api/v1/permissions")["permissions"]
    assert [p["description"] for p in listed if p["key"] == "read:things"] == [None]
    emu.reset_log()
    assert set(runner.up(program, skip_preview=True).ops.values()) == {"same"}
    assert emu.api_requests() == []
    assert all(step.changed == () for step in runner.refresh().steps.values())
    assert set(runner.up(program, skip_preview=True).ops.values()) == {"same"}


# -- Unknown organization in a path -------------------------------------------------------------


def test_organization_invalid_means_gone_on_read_and_bad_input_on_write(
    emu: Emulator, in_process: KindeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = OrganizationUserProvider()
    user_id = in_process.post("/api/v1/user", {})["id"]
    # Read (refresh): the organization is not there, so neither is the membership.
    assert provider.read(f"not-a-code/{user_id}", {}).id == ""
    # Delete: already gone is success.
    provider.delete(f"not-a-code/{user_id}", {})
    # Create: the code came from the program: bad input, named, with the fix.
    with pytest.raises(KindeResourceError) as failed:
        provider.create({"organization_code": "not-a-code", "user_id": user_id})
    message = str(failed.value)
    assert "ORGANIZATION_INVALID" in message and "not-a-code" in message and "org_" in message
    # A lookup is a read: no such organization.
    # (in_process is the pinned client: lookups use it too)
    with pytest.raises(lookups.KindeLookupError, match="no organization has id 'not-a-code'"):
        lookups.get_organization("not-a-code")


# -- Role update ----------------------------------------------------------------------------------


def test_a_role_description_update_sends_the_key(emu: Emulator, in_process: KindeClient) -> None:
    provider = RoleProvider()
    inputs = {"key": "staff", "name": "Staff"}
    id_ = provider.create(inputs).id
    olds = provider.read(id_, inputs).outs
    # The emulator refuses a role PATCH without the key, as Kinde does.
    provider.update(id_, olds, {**inputs, "description": "Everyone"})
    role = emu.store.roles.get(id_)
    assert role is not None and (role.key, role.description) == ("staff", "Everyone")


# -- Bulk membership (and every other bulk PATCH) -------------------------------------------------


def test_a_role_with_more_than_100_permissions_is_sent_in_batches(
    emu: Emulator, in_process: KindeClient
) -> None:
    ids = [
        emu.store.permissions.add(
            StoredPermission(id=f"0192c16a-0000-0000-0000-{n:012d}", key=f"p{n:03d}", name="P")
        ).id
        for n in range(150)
    ]
    emu.reset_log()
    # The emulator refuses a PATCH of more than 100, as Kinde does: this succeeds in batches.
    created = RoleProvider().create({"key": "all", "name": "All", "permissions": ids})
    role = emu.store.roles.get(created.id)
    assert role is not None and sorted(role.permission_ids) == ids
    patches = [r for r in emu.api_requests("PATCH") if r.path.endswith("/permissions")]
    assert len(patches) == 2


# -- next_token: lists that move under a walk ------------------------------------------------------


class _Moving(httpx.BaseTransport):
    """Real HTTP to the emulator; ``on_page_two`` runs once, just before the first request
    for a second page of ``/api/v1/permissions``: a write by someone else, mid-walk."""

    def __init__(self, on_page_two: Callable[[], None]) -> None:
        self.inner = httpx.HTTPTransport()
        self.on_page_two: Callable[[], None] | None = on_page_two

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        paging = request.url.path == "/api/v1/permissions" and "next_token" in request.url.params
        if paging and self.on_page_two is not None:
            hook, self.on_page_two = self.on_page_two, None
            hook()
        return self.inner.handle_request(request)


def test_listers_stay_correct_while_the_list_moves_under_them(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(250):
        emu.store.permissions.add(
            StoredPermission(id=f"0192c16a-0000-0000-0000-{n:012d}", key=f"p{n:03d}", name="P")
        )
    ordered = [p.id for p in emu.store.permissions.all()]
    skipped = ordered[100]  # deleting ordered[0] mid-walk moves it back onto page one

    def delete_head() -> None:
        emu.store.delete_permission(ordered[0])

    def insert_head() -> None:
        emu.store.permissions.add(StoredPermission(id="0000-early", key="early", name="E"))

    def client(hook: Callable[[], None]) -> KindeClient:
        return KindeClient(_settings(emu), transport=_Moving(hook))

    # What one offset walk does: it misses an object that never moved, or repeats one.
    single = client(delete_head)
    once = [i["id"] for i in single.paginate("/api/v1/permissions", "permissions")]
    assert skipped not in once

    provider = PermissionProvider()
    # Refresh (read_object) finds it: a second look before "gone".
    state = provider.read_object(client(delete_head), skipped)
    assert state is not None and state.key == "p100"
    emu.store.permissions.add(StoredPermission(id=ordered[0], key="p000", name="P"))
    # A lost reply's find-by-key finds it.
    assert provider.find_created(client(delete_head), PermissionArgs(key="p100", name="P")) == (
        skipped
    )
    emu.store.permissions.add(StoredPermission(id=ordered[0], key="p000", name="P"))
    # A lookup by natural key finds it.
    moving = client(delete_head)
    monkeypatch.setitem(_context._pinned, None, moving)  # the lookup's client, for this test
    assert lookups.get_permission(key="p100").id == skipped
    emu.store.permissions.add(StoredPermission(id=ordered[0], key="p000", name="P"))
    # The export lists each object once, missing none.
    exported = export_business(client(insert_head), types=["permission"])
    ids = [o.id for o in exported.objects["permission"]]
    assert len(ids) == len(set(ids)) == len(emu.store.permissions.all())
