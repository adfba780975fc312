"""What the grant resources refuse before writing: in check(), access control an
application type cannot have and password parameters the hashing method does not fit; before
the first write, a key given where an id belongs."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources.application import ApplicationProvider
from pulumi_kinde.resources.user_password import UserPasswordProvider
from pulumi_kinde.testing import ProgramRunner, RunFailed

HASH = {
    "user_id": "kp_1",
    "hashed_password": "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
}


@pytest.mark.parametrize(
    ("provider", "inputs", "failures"),
    [
        (ApplicationProvider, {"name": "W", "type": "m2m", "access_roles": ["r"]},
         [("access_roles", "an m2m application has no access roles")]),
        (ApplicationProvider, {"name": "W", "type": "m2m", "is_access_control_enabled": True},
         [("is_access_control_enabled", "an m2m application has no role-based access")]),
        (ApplicationProvider,
         {"name": "W", "type": "reg", "is_access_control_enabled": True, "access_roles": []},
         [("access_roles", "is empty, but is_access_control_enabled is on")]),
        (ApplicationProvider,
         {"name": "W", "type": "spa", "is_access_control_enabled": True, "access_roles": ["r"]},
         []),
        (UserPasswordProvider, {**HASH, "hashing_method": "pbkdf2", "salt": "s"},
         [("hashing_method", "'pbkdf2' needs variant")]),
        (UserPasswordProvider, {**HASH, "signer_key": "k"},
         [("hashing_method", "'bcrypt' does not take signer_key: remove it")]),
        (UserPasswordProvider, {**HASH, "hashing_method": "aspnet-identity-v2", "salt": "s"},
         [("hashing_method", "'aspnet-identity-v2' does not take salt")]),
        (UserPasswordProvider, {**HASH, "rounds": 17},
         [("rounds", "less than or equal to 16")]),
        (UserPasswordProvider,
         {**HASH, "hashing_method": "firebase-scrypt", "salt": "s", "signer_key": "k",
          "salt_separator": "Bw==", "rounds": 8, "mem_cost": 14}, []),
    ],
)  # fmt: skip
def test_check_names_the_argument_and_the_fix(
    provider: type[Any], inputs: dict[str, Any], failures: list[tuple[str, str]]
) -> None:
    result = provider().check({}, inputs)
    found = [(f.property, f.reason) for f in result.failures]
    assert [name for name, _ in found] == [name for name, _ in failures]
    for (_, reason), (_, fragment) in zip(found, failures, strict=True):
        assert fragment in reason


def test_a_key_where_an_id_belongs_fails_before_any_write(
    emu: Emulator, runner: ProgramRunner
) -> None:
    def grant() -> None:
        role = kinde.Role("billing", key="billing", name="Billing")
        kinde.RoleSystemPermission(
            "billing-portal", role_id=role.id, system_permission_id="org:write:billing"
        )

    with pytest.raises(RunFailed) as failure:
        runner.up(grant, skip_preview=True)
    system = emu.store.system_permissions.find(key="org:write:billing")
    assert system is not None
    assert (
        f"system_permission_id: 'org:write:billing' is the key of system permission "
        f'{system.id!r}, not its id: use get_system_permission(key=...)["id"]'
    ) in str(failure.value)
    (role,) = emu.store.roles.all()
    assert role.system_permission_ids == []

    def console() -> None:
        kinde.Application("console", name="Console", type="reg", access_roles=["billing"])

    with pytest.raises(RunFailed) as failure:
        runner.up(console, skip_preview=True)
    assert f"access_roles: 'billing' is the key of role {role.id!r}, not its id: use Role.id" in (
        str(failure.value)
    )
    assert len(emu.store.applications) == 0  # refused before the application was made
