"""A rename without ``aliases`` through the real Pulumi engine: the new names' creates clash
with the objects the old names hold, the message says what to do in either case, and
following it (``aliases``, or ``import_id`` as someone might) keeps every object in Kinde,
held once in state, with a further ``up`` that changes nothing.

Pulumi creates the new name and then deletes the old one, in one deployment and one provider
process. Given ``import_id``, the new name adopts the object; the delete of the old name then
leaves it in Kinde (it used to delete it, and the adopted webhook was gone). The stand-in
agrees on the ``import_id`` path and refuses ``aliases``, which it does not implement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pulumi
import pytest
from pulumi import ResourceOptions

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import CheckFailed, ProgramRunner, ProviderError, RunFailed
from pulumi_kinde.testing._monitor import NotImplementedByStandIn
from pulumi_kinde.testing.pulumi_engine import PulumiRunner
from pulumi_kinde.testing.report import clash_hints
from tests.conftest import stack_config

Runner = PulumiRunner | ProgramRunner
ENDPOINT = "https://hooks.example.com/kinde"
OLD = {"role": "admin", "webhook": "audit"}
NEW = {"role": "administrator", "webhook": "audit-hook"}


def declare(names: dict[str, str], how: str = "", ids: dict[str, str] | None = None) -> None:
    """The role ``admin`` and the webhook ``audit`` under the Pulumi ``names``; ``how``
    follows the advice: ``aliases`` to the old names, or ``import_id`` of ``ids``."""
    ids = ids or {}

    def opts(kind: str) -> ResourceOptions | None:
        if how != "aliases":
            return None
        return ResourceOptions(aliases=[pulumi.Alias(name=OLD[kind])])

    def adopt(kind: str) -> str | None:
        return ids[kind] if how == "import_id" else None

    kinde.Role(names["role"], key="admin", name="Admin", import_id=adopt("role"), opts=opts("role"))
    kinde.Webhook(
        names["webhook"],
        name="audit",
        endpoint=ENDPOINT,
        event_types=["user.created"],
        import_id=adopt("webhook"),
        opts=opts("webhook"),
    )


def program(
    names: dict[str, str], how: str = "", ids: dict[str, str] | None = None
) -> Callable[[], None]:
    return lambda: declare(names, how, ids)


def in_kinde(emu: Emulator) -> dict[str, str]:
    """The id of each object: the role ``admin`` and the webhook ``audit``."""
    (role,) = [r.id for r in emu.store.roles.all() if r.key == "admin"]
    (hook,) = [w.id for w in emu.store.webhooks.all() if w.name == "audit"]
    return {"role": role, "webhook": hook}


def writes(emu: Emulator) -> list[str]:
    return sorted(f"{r.method} {r.operation_id}" for r in emu.api_requests() if r.method != "GET")


def scenario(runner: Runner, emu: Emulator, how: str) -> dict[str, Any]:
    """Up with the old names; up renamed (it fails); up following the advice; up again."""
    runner.up(program(OLD), skip_preview=True)
    ids = in_kinde(emu)
    before = emu.snapshot()
    emu.reset_log()

    with pytest.raises(RunFailed) as failed:
        runner.up(program(NEW), skip_preview=True)
    errors = [e for e in failed.value.result.errors if isinstance(e, ProviderError)]
    refused = {e.urn.split("::")[-1]: e.message for e in errors}
    hints = clash_hints(failed.value.result, lambda: runner.state)
    assert emu.snapshot() == before  # Kinde refused the creates: nothing changed
    refused_writes = writes(emu)
    emu.reset_log()

    fixed = runner.up(program(NEW, how, ids), skip_preview=True)
    warnings = sorted(
        (urn.split("::")[-1], text) for urn, text in fixed.messages if text.startswith("warning:")
    )
    seen = {
        "refused": refused,
        "refused writes": refused_writes,
        "hints": hints,
        "fixed": (dict(sorted(fixed.ops.items())), writes(emu), warnings),
        "kinde": in_kinde(emu) == ids and emu.snapshot().keys() == before.keys(),
        "state": sorted((s.name, s.id) for s in runner.state if s.custom),
    }
    emu.reset_log()
    again = runner.up(program(NEW, how, ids))
    seen["again"] = (
        dict(sorted(again.ops.items())),
        [f"{r.method} {r.path}" for r in emu.api_requests()],
    )
    seen["ids"] = ids
    return seen


def expected_message(kind: str, new: str, id_: str, values: str) -> list[str]:
    return [
        f"it exists already as {kind} '{id_}' ({values}). If a resource of this stack holds "
        f"it under another name ('{new}' is that resource renamed, or moved to another "
        "parent): add aliases=[pulumi.Alias(name='<its old name>')] to "
        f"'{new}' (for a move, parent= too), which keeps the object and sends no request; if "
        "another resource of this program declares it too: remove one of them. Only if it was "
        f"made outside this stack (or by a run that was stopped): add import_id='{id_}' to "
        "adopt it, or change the declaration",
    ]


def check_refusal(seen: dict[str, Any]) -> None:
    ids = seen["ids"]
    refused = seen["refused"]
    # Both creates start at once; each that Kinde refused says what to do.
    assert refused and set(refused) <= {"administrator", "audit-hook"}, refused
    if "administrator" in refused:
        (advice,) = expected_message("role", "administrator", ids["role"], "key='admin'")
        assert advice in refused["administrator"], refused["administrator"]
    if "audit-hook" in refused:
        values = f"name='audit', endpoint='{ENDPOINT}'"
        (advice,) = expected_message("webhook", "audit-hook", ids["webhook"], values)
        assert advice in refused["audit-hook"], refused["audit-hook"]
    # The state knows whose the objects are: the hint names the old resource and the alias.
    expected = {
        "administrator": (
            f"administrator: '{ids['role']}' is this stack's resource 'admin', which the "
            "program no longer declares: a rename or a move? add aliases=[pulumi.Alias("
            "name='admin')] to 'administrator'; the object stays as it is and no request is "
            "sent"
        ),
        "audit-hook": (
            f"audit-hook: '{ids['webhook']}' is this stack's resource 'audit', which the "
            "program no longer declares: a rename or a move? add aliases=[pulumi.Alias("
            "name='audit')] to 'audit-hook'; the object stays as it is and no request is sent"
        ),
    }
    assert sorted(seen["hints"]) == sorted(expected[name] for name in refused)
    assert seen["refused writes"] == sorted(
        {"administrator": "POST CreateRole", "audit-hook": "POST CreateWebHook"}[name]
        for name in refused
    )


def check_kept(seen: dict[str, Any]) -> None:
    ids = seen["ids"]
    assert seen["kinde"], "the objects must stay in Kinde, with their ids"
    assert seen["state"] == [("administrator", ids["role"]), ("audit-hook", ids["webhook"])]
    assert seen["again"] == ({"administrator": "same", "audit-hook": "same"}, [])


@pytest.fixture
def standin() -> Iterator[tuple[Emulator, ProgramRunner]]:
    with Emulator() as other:
        yield other, ProgramRunner(config=stack_config(other), secret_keys=["kinde:clientSecret"])


def test_a_rename_fixed_with_aliases_keeps_the_objects(
    emu: Emulator, real: PulumiRunner, standin: tuple[Emulator, ProgramRunner]
) -> None:
    seen = scenario(real, emu, "aliases")
    check_refusal(seen)
    assert seen["fixed"] == ({"administrator": "same", "audit-hook": "same"}, [], [])
    check_kept(seen)

    # The stand-in does not implement aliases: it refuses the fixed program, touching nothing.
    other, runner = standin
    runner.up(program(OLD), skip_preview=True)
    ids = in_kinde(other)
    other.reset_log()
    with pytest.raises(RunFailed) as failed:
        runner.up(program(NEW, "aliases", ids))
    assert any(isinstance(e, NotImplementedByStandIn) for e in failed.value.result.errors)
    assert writes(other) == [] and in_kinde(other) == ids


def test_a_rename_fixed_with_import_id_keeps_the_objects_on_both_engines(
    emu: Emulator, real: PulumiRunner, standin: tuple[Emulator, ProgramRunner]
) -> None:
    seen = scenario(real, emu, "import_id")
    check_refusal(seen)
    ids = seen["ids"]
    ops, sent, warnings = seen["fixed"]
    assert ops == {
        "administrator": "create",
        "audit-hook": "create",
        "admin": "delete",
        "audit": "delete",
    }
    assert sent == []  # adopted as declared; the old names' deletes send nothing
    assert warnings == [
        (
            "admin",
            f"warning: role '{ids['role']}' is now managed by 'administrator' (adopted in "
            "this run): not deleted from Kinde",
        ),
        (
            "audit",
            f"warning: webhook '{ids['webhook']}' is now managed by 'audit-hook' (adopted in "
            "this run): not deleted from Kinde",
        ),
    ]
    check_kept(seen)

    other, runner = standin
    theirs = scenario(runner, other, "import_id")
    check_refusal(theirs)
    check_kept(theirs)

    # The same steps, warnings, state and no-change up, ids aside.
    assert agreed(theirs) == agreed(seen)


def agreed(seen: dict[str, Any]) -> str:
    """What both engines must agree on, with each object's id as ``<kind>``."""
    text = repr([seen[key] for key in ("fixed", "kinde", "state", "again")])
    for kind, id_ in seen["ids"].items():
        text = text.replace(id_, f"<{kind}>")
    return text


def test_two_users_with_one_email_fail_at_preview_naming_both(
    emu: Emulator, real: PulumiRunner
) -> None:
    def program() -> None:
        kinde.User("ada", given_name="Ada", emails=["Ada@Example.com"])
        kinde.User("ada-work", given_name="Ada", emails=["ada@example.com"])

    with pytest.raises(CheckFailed) as failed:
        real.up(program)
    assert failed.value.result.operation == "preview"
    (failure,) = failed.value.failures
    assert failure.property == "emails"
    assert "user resources 'ada' and 'ada-work' both declare" in failure.reason
    assert "in emails, which only one user may have in a Kinde business" in failure.reason
    assert emu.api_requests() == [] and list(emu.store.users.all()) == []
