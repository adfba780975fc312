"""Unique values: declared twice (caught at preview), and creates that clash with an object
Kinde has (the message tells a resource of this stack under another name from an object made
outside it). Following the advice never loses the object: a delete never removes what
another resource of the same run adopted or made.

The rows are in ``mistakes_clashes.py``; the real engine's side is
``tests/engine/test_clash_advice.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources.role import RoleProvider
from pulumi_kinde.testing import KindeStack, ProgramRunner, ProviderServer, RunFailed
from pulumi_kinde.testing.report import clash_hints
from tests.cli.conftest import run_try, write_program
from tests.conftest import stack_config
from tests.resources.all_cases import ALL_CASES, declared
from tests.resources.cases import Case
from tests.resources.mistakes import WRITES
from tests.resources.mistakes_clashes import CLASHES, Clash, role_id

ROLE = "pulumi-python:dynamic/kinde:Role"

# Types whose objects Kinde lets share every value (from the emulator's routes, our model of
# Kinde): two declarations are two objects, as they would be in the Kinde UI.
NOT_UNIQUE = {
    kinde.Application: "application names repeat",
    kinde.ApiKey: "API key names repeat",
    kinde.Connection: "connection names repeat",
    kinde.PropertyCategory: "category names repeat",
}

# Values for unique arguments a lifecycle case leaves out.
FILLED: dict[str, Any] = {
    "external_id": "acme-1",
    "handle": "acme",
    "phones": ["+14155550100"],
    "phone_country": "us",
    "usernames": ["ada"],
}


@pytest.mark.parametrize("clash", CLASHES, ids=str)
def test_a_clash_says_whose_object_it_may_be_and_changes_nothing(
    clash: Clash, emu: Emulator, runner: ProgramRunner
) -> None:
    first = ProgramRunner(config=runner.config, secret_keys=runner.secret_keys)
    (first if clash.outside else runner).up(clash.before, skip_preview=True)
    held = clash.held(emu)
    baseline = emu.snapshot()
    emu.reset_log()
    with pytest.raises(RunFailed) as caught:
        runner.up(clash.after)
    assert caught.value.result.operation == "up"
    message = str(caught.value)
    position = 0
    for part in clash.says:
        part = part.replace("{id}", held)
        found = message.find(part, position)
        assert found >= 0, f"{part!r} not in (after {position}):\n{message}"
        position = found + len(part)
    # Kinde refused the one write; nothing changed.
    assert len([r for r in emu.api_requests() if r.method in WRITES]) == 1
    assert emu.snapshot() == baseline


def _first_case_of_each_type() -> list[Case]:
    cases: dict[type, Case] = {}
    for case in ALL_CASES:
        cases.setdefault(case.resource, case)
    return list(cases.values())


def test_every_type_declares_its_unique_values_or_says_why_it_has_none() -> None:
    for resource in RESOURCE_TYPES:
        provider = resource.provider_class
        has_unique = bool(provider.unique or provider.unique_items)
        assert has_unique != (resource in NOT_UNIQUE), resource.__name__


@pytest.mark.parametrize("case", _first_case_of_each_type(), ids=lambda c: c.resource.__name__)
def test_every_unique_value_of_a_type_declared_twice_fails_in_check_naming_both(
    case: Case, emu: Emulator
) -> None:
    provider = case.resource.provider_class
    groups = [*provider.unique, *((name,) for name in provider.unique_items)]
    if not groups:
        pytest.skip(f"{case.resource.__name__}: {NOT_UNIQUE[case.resource]}")
    props = declared(case, emu)
    fields = {f for group in groups for f in group}
    props.update({k: v for k, v in FILLED.items() if k in fields and k not in props})
    if "phones" in props:
        props.setdefault("phone_country", "us")
    # A profile of its own: what other tests of this process declared is not in the way.
    profile = f"unique-{case.name}"
    first = provider(profile, "first").check({}, props).failures
    assert first == [], [(f.property, f.reason) for f in first]
    failures = provider(profile, "second").check({}, props).failures
    assert {f.property for f in failures} == {group[0] if group else "" for group in groups}
    for failure in failures:
        assert f"{provider.kind} resources 'first' and 'second' both declare" in failure.reason


# -- following the advice ------------------------------------------------------------------


def test_a_rename_followed_by_import_id_keeps_the_object_in_kinde(
    emu: Emulator, runner: ProgramRunner
) -> None:
    """The advice followed the wrong way (import_id where aliases was meant): the new name
    adopts the object, and the delete of the old name leaves it in Kinde, saying so."""
    runner.up(lambda: kinde.Role("admin", key="admin", name="Admin"), skip_preview=True)
    held = role_id(emu)
    with pytest.raises(RunFailed, match=f"add import_id='{held}' to adopt it"):
        runner.up(lambda: kinde.Role("administrator", key="admin", name="Admin"))
    emu.reset_log()

    def adopted() -> None:
        kinde.Role("administrator", key="admin", name="Admin", import_id=held)

    result = runner.up(adopted)
    assert result.ops == {"administrator": "create", "admin": "delete"}
    old = result.step("admin").urn
    warning = (
        f"warning: role '{held}' is now managed by 'administrator' (adopted in this run): "
        "not deleted from Kinde"
    )
    assert (old, warning) in result.messages
    assert emu.api_requests("DELETE") == []
    assert [(r.id, r.key) for r in emu.store.roles.all()] == [(held, "admin")]
    assert [(s.name, s.id) for s in runner.state if s.custom] == [("administrator", held)]
    emu.reset_log()
    assert runner.up(adopted).ops == {"administrator": "same"}
    assert emu.api_requests() == []


def test_a_renamed_pairing_stays_paired(emu: Emulator, runner: ProgramRunner) -> None:
    """Kinde takes a pairing made twice without complaint: the renamed pairing's create
    goes through, and the delete of its old name would have unpaired both."""

    def program(pairing: str) -> Callable[[], None]:
        def declare() -> None:
            web = kinde.Application("web", name="Web", type="reg")
            google = kinde.Connection(
                "google", name="google", display_name="Google", strategy="oauth2:google"
            )
            kinde.ApplicationConnection(pairing, application_id=web.id, connection_id=google.id)

        return declare

    runner.up(program("web-google"), skip_preview=True)
    pairing = next(s.id for s in runner.state if s.name == "web-google")
    result = runner.up(program("google-for-web"))
    assert result.ops["google-for-web"] == "create" and result.ops["web-google"] == "delete"
    assert emu.api_requests("DELETE") == []
    message = (
        f"warning: application connection '{pairing}' is now managed by 'google-for-web' "
        "(created in this run): not deleted from Kinde"
    )
    assert message in [text for _, text in result.messages]
    application, connection = pairing.split("/")
    paired = emu.store.connections.get(connection)
    assert paired is not None and application in paired.application_ids
    assert runner.up(program("google-for-web")).ops["google-for-web"] == "same"


def test_a_replacement_that_adopted_its_own_object_leaves_it_in_kinde(emu: Emulator) -> None:
    """The old half of a replacement has the new half's object (``pulumi up --replace`` of a
    resource given its own id as import_id): its delete sends nothing. The engine's calls,
    in one provider process: Diff, Create, then Delete of the old half."""
    provider = serialize_provider(RoleProvider(None, "admin"))
    urn = f"urn:pulumi:stack::project::{ROLE}::admin"
    with ProviderServer(rpc_timeout=30) as server:
        server.configure(stack_config(emu))
        checked = server.check(urn, {}, {"__provider": provider, "key": "admin", "name": "Admin"})
        old_id, old_outs = server.create(urn, checked.inputs)
        adopting = {**checked.inputs, "import_id": old_id}
        server.diff(urn, old_id, old_outs, adopting)
        server.create(urn, adopting)
        emu.reset_log()
        server.delete(urn, old_id, old_outs)
    assert emu.api_requests() == []
    assert [r.id for r in emu.store.roles.all()] == [old_id]
    assert (
        f"role '{old_id}' is now managed by the replacement of 'admin' (adopted in this run)"
        in server.logs
    )


def test_a_resource_deletes_what_it_made(emu: Emulator) -> None:
    """A create, an update, then the delete of the same resource, in one provider process
    (as the reliability suites run): its own object, deleted."""
    provider = serialize_provider(RoleProvider(None, "admin"))
    urn = f"urn:pulumi:stack::project::{ROLE}::admin"
    with ProviderServer(rpc_timeout=30) as server:
        server.configure(stack_config(emu))
        checked = server.check(urn, {}, {"__provider": provider, "key": "admin", "name": "Admin"})
        id_, outs = server.create(urn, checked.inputs)
        renamed = {**checked.inputs, "name": "Administrator"}
        assert server.diff(urn, id_, outs, renamed).changes == "some"
        outs = server.update(urn, id_, outs, renamed)
        server.delete(urn, id_, outs)
    assert list(emu.store.roles.all()) == []
    assert "not deleted" not in server.logs


# -- what the state knows ------------------------------------------------------------------


def test_kinde_stack_names_the_resource_of_the_stack_a_clash_hit(emu: Emulator) -> None:
    names = ["admin"]

    def program() -> None:
        kinde.Role(names[0], key="admin", name="Admin")

    with KindeStack(program, emulator=emu, engine="standin") as stack:
        stack.up()
        names[0] = "administrator"
        with pytest.raises(RunFailed) as caught:
            stack.up()
    assert caught.value.hints == [
        f"administrator: '{role_id(emu)}' is this stack's resource 'admin', which the program "
        "no longer declares: a rename or a move? add aliases=[pulumi.Alias(name='admin')] to "
        "'administrator'; the object stays as it is and no request is sent"
    ]
    assert str(caught.value).endswith(f"hint: {caught.value.hints[0]}")


def test_try_names_the_resource_of_the_stack_a_clash_hit(tmp_path: Path) -> None:
    source = """
        import pulumi_kinde as kinde

        kinde.Webhook("{name}", name="audit", endpoint="https://hooks.example.com/k",
                      event_types=["user.created"])
    """
    state = tmp_path / "hooks.state.json"
    program = write_program(tmp_path / "hooks", source.replace("{name}", "audit"))
    first = run_try(str(program), "--state", str(state), "--engine", "standin")
    assert first.code == 0, first.out + first.err
    write_program(program, source.replace("{name}", "audit-hook"))
    second = run_try(str(program), "--state", str(state), "--engine", "standin")
    assert second.code == 1
    hints = [line for line in second.lines if line.startswith("  hint: ")]
    assert len(hints) == 1, second.out
    assert hints[0].startswith("  hint: audit-hook: 'webhook_")
    assert hints[0].endswith(
        "is this stack's resource 'audit', which the program no longer declares: a rename or "
        "a move? add aliases=[pulumi.Alias(name='audit')] to 'audit-hook'; the object stays as "
        "it is and no request is sent"
    )


def test_a_move_without_aliases_is_told_the_old_urn(emu: Emulator, runner: ProgramRunner) -> None:
    class Team(pulumi.ComponentResource):
        def __init__(self, name: str) -> None:
            super().__init__("kindetest:index:Team", name)
            kinde.Role("admin", key="admin", name="Admin", opts=pulumi.ResourceOptions(parent=self))

    runner.up(lambda: kinde.Role("admin", key="admin", name="Admin"), skip_preview=True)
    (old,) = [s.urn for s in runner.state if s.custom]
    with pytest.raises(RunFailed) as caught:
        runner.up(lambda: Team("platform"))
    assert clash_hints(caught.value.result, lambda: runner.state) == [
        f"admin: '{role_id(emu)}' is this stack's resource 'admin', which the program no "
        f"longer declares: a rename or a move? add aliases=[{old!r}] to 'admin'; the object "
        "stays as it is and no request is sent"
    ]
