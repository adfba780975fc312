"""Every resource option a user reaches for, through the real Pulumi engine against the
emulator: the steps the engine took, the requests Kinde received (and their order), and the
objects left in Kinde. Each test then runs the same programs through the engine stand-in,
which must either agree (same steps, same requests, same objects) or refuse the run with
``NotImplementedByStandIn`` naming the option; it must never ignore an option silently.

What the real engine does is right by definition; where it differs from what a user might
expect, the test says so (``replace_on_changes`` does nothing for a Python dynamic resource).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest
from pulumi import ResourceOptions

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._resource import REPLACE_ON_CHANGES_IGNORED
from pulumi_kinde.testing import ProgramRunner, RunFailed, RunResult
from pulumi_kinde.testing._errors import EngineError
from pulumi_kinde.testing._monitor import NotImplementedByStandIn
from pulumi_kinde.testing.pulumi_engine import PulumiRunner
from tests.conftest import stack_config

Program = Callable[[], None]
Runner = PulumiRunner | ProgramRunner

ROLE = "pulumi-python:dynamic/kinde:Role"
WEBHOOK = "pulumi-python:dynamic/kinde:Webhook"
TEAM = "kindetest:index:Team"
STACK = "pulumi:pulumi:Stack"
PREFIX = "urn:pulumi:stack::project::"
AUDIENCE = "https://billing.example.com"
SHIPPING = "https://shipping.example.com"
ENDPOINT = "https://hooks.example/k"


@dataclass
class StandIn:
    """The engine stand-in on an emulator of its own (the real engine's objects stay apart)."""

    emu: Emulator
    runner: ProgramRunner


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with Emulator() as other:
        yield StandIn(
            other, ProgramRunner(config=stack_config(other), secret_keys=["kinde:clientSecret"])
        )


def audit_hook(name: str = "audit", opts: ResourceOptions | None = None) -> kinde.Webhook:
    """The webhook ``audit`` (the Pulumi name may differ)."""
    return kinde.Webhook(
        name, name="audit", endpoint=ENDPOINT, event_types=["user.created"], opts=opts
    )


def deploys_hook(name: str, opts: ResourceOptions | None = None) -> kinde.Webhook:
    """The webhook ``deploys``."""
    return kinde.Webhook(
        name,
        name="deploys",
        endpoint="https://hooks.example/deploys",
        event_types=["organization.created"],
        opts=opts,
    )


class Team(pulumi.ComponentResource):
    """A component whose children ``build`` declares, with ``parent=self`` in their options."""

    def __init__(
        self,
        name: str,
        build: Callable[[ResourceOptions], object],
        opts: ResourceOptions | None = None,
    ) -> None:
        super().__init__(TEAM, name, None, opts)
        build(ResourceOptions(parent=self))
        self.register_outputs({})


# -- what Kinde saw and holds ------------------------------------------------------------


def writes(emu: Emulator) -> list[str]:
    """The writes Kinde received, in order: ``"METHOD operationId"``."""
    return [f"{r.method} {r.operation_id}" for r in emu.api_requests() if r.method != "GET"]


def first(calls: list[str], call: str) -> int:
    """Where ``call`` first appears in ``calls`` (it must)."""
    assert call in calls, f"{call} not sent: {calls}"
    return calls.index(call)


def roles(emu: Emulator) -> list[tuple[str, str, str | None]]:
    return sorted((r.key, r.name, r.description) for r in emu.store.roles.all())


def webhooks(emu: Emulator) -> list[tuple[str, str]]:
    return sorted((w.name, w.endpoint) for w in emu.store.webhooks.all())


def apis(emu: Emulator) -> list[tuple[str, str]]:
    return sorted((a.name, a.audience) for a in emu.store.apis.all() if not a.is_management_api)


def scopes(emu: Emulator) -> list[str]:
    ours = {a.id for a in emu.store.apis.all() if not a.is_management_api}
    return sorted(s.key for s in emu.store.api_scopes.all() if s.api_id in ours)


def users(emu: Emulator) -> list[tuple[str | None, str | None]]:
    return sorted((u.first_name, u.last_name) for u in emu.store.users.all())


def variables(emu: Emulator) -> list[tuple[str, str]]:
    return sorted((v.key, v.value) for v in emu.store.environment_variables.all())


def applications(emu: Emulator) -> list[tuple[str, str]]:
    return sorted((a.name, a.type) for a in emu.store.applications.all() if a.name == "Web")


def engine_errors(result: RunResult) -> list[EngineError]:
    return [e for e in result.errors if isinstance(e, EngineError)]


def refused(standin: StandIn, program: Program, option: str) -> None:
    """The stand-in refuses ``program``, naming ``option``, and Kinde receives nothing."""
    standin.emu.reset_log()
    with pytest.raises(RunFailed) as failed:
        standin.runner.up(program)
    refusals = [e for e in failed.value.result.errors if isinstance(e, NotImplementedByStandIn)]
    assert refusals, failed.value.result.errors
    assert option in refusals[0].options, refusals[0].options
    assert option in str(failed.value)
    assert writes(standin.emu) == []


# -- aliases -------------------------------------------------------------------------------


def test_aliases_rename_and_move_under_a_component_without_a_request(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    def before() -> None:
        kinde.Role("admin", key="admin", name="Admin")
        audit_hook()
        kinde.Role("viewer", key="viewer", name="Viewer")
        deploys_hook("deploys")

    def after() -> None:
        # Renames at the root of the stack.
        kinde.Role(
            "administrators",
            key="admin",
            name="Admin",
            opts=ResourceOptions(aliases=[pulumi.Alias(name="admin")]),
        )
        audit_hook("audit-hook", ResourceOptions(aliases=[pulumi.Alias(name="audit")]))

        def members(opts: ResourceOptions) -> None:
            # A move under a component; and a move with a rename.
            was_at_root = pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE)
            kinde.Role(
                "viewer",
                key="viewer",
                name="Viewer",
                opts=ResourceOptions.merge(opts, ResourceOptions(aliases=[was_at_root])),
            )
            was_deploys = pulumi.Alias(name="deploys", parent=pulumi.ROOT_STACK_RESOURCE)
            moved = ResourceOptions.merge(opts, ResourceOptions(aliases=[was_deploys]))
            deploys_hook("deploys-hook", moved)

        Team("platform", members)

    real.up(before, skip_preview=True)
    ids = {r.key: r.id for r in emu.store.roles.all()}
    hook_ids = sorted(w.id for w in emu.store.webhooks.all())
    assert len(hook_ids) == 2
    emu.reset_log()

    # The engine takes each old state for its new URN; only the component is new, and
    # Kinde hears nothing.
    result = real.up(after, skip_preview=True)
    assert result.ops == {
        "platform": "create",
        "administrators": "same",
        "audit-hook": "same",
        "viewer": "same",
        "deploys-hook": "same",
    }
    assert emu.api_requests() == []
    urns = {s.name: s.urn.split("::")[2] for s in real.state if s.custom}
    assert urns == {
        "administrators": ROLE,
        "audit-hook": WEBHOOK,
        "viewer": f"{TEAM}${ROLE}",
        "deploys-hook": f"{TEAM}${WEBHOOK}",
    }
    assert {r.key: r.id for r in emu.store.roles.all()} == ids
    assert sorted(w.id for w in emu.store.webhooks.all()) == hook_ids

    # The stand-in does not implement aliases: it refuses, before any request.
    standin.runner.up(before, skip_preview=True)
    refused(standin, after, "aliases")
    assert roles(standin.emu) == roles(emu)
    assert webhooks(standin.emu) == webhooks(emu)


# -- protect --------------------------------------------------------------------------------


def test_protect_refuses_delete_and_replacement_and_keeps_the_object(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    protect = ResourceOptions(protect=True)

    def program(*, admin: bool = True, audience: str = AUDIENCE, viewer: str = "Viewer") -> Program:
        def declare() -> None:
            kinde.Api("billing", name="Billing", audience=audience, opts=protect)
            if admin:
                kinde.Role("admin", key="admin", name="Admin", opts=protect)
            kinde.Role("viewer", key="viewer", name=viewer, opts=protect)

        return declare

    real.up(program(), skip_preview=True)
    api_id = next(a.id for a in emu.store.apis.all() if a.audience == AUDIENCE)
    emu.reset_log()

    # Removing a protected resource fails the update, and the object stays; an in-place
    # update of another protected resource in the same run goes through.
    with pytest.raises(RunFailed) as failed:
        real.up(program(admin=False, viewer="Viewers"), skip_preview=True)
    (error,) = engine_errors(failed.value.result)
    assert error.urn == real.urn("admin")
    assert "cannot be deleted" in error.message and "protected" in error.message
    assert failed.value.result.step("viewer").op == "update"
    assert writes(emu) == ["PATCH UpdateRoles"]
    assert roles(emu) == [("admin", "Admin", None), ("viewer", "Viewers", None)]
    assert "admin" in {s.name for s in real.state}

    # A change that needs a replacement (a new audience) is refused too, already in the
    # preview of the up.
    emu.reset_log()
    with pytest.raises(RunFailed) as failed:
        real.up(program(audience="https://billing-v2.example.com", viewer="Viewers"))
    assert failed.value.result.operation == "preview"
    (error,) = engine_errors(failed.value.result)
    assert error.urn == real.urn("billing")
    assert "replace" in error.message and "protect" in error.message
    assert [(a.id, a.audience) for a in emu.store.apis.all() if a.id == api_id] == [
        (api_id, AUDIENCE)
    ]
    assert apis(emu) == [("Billing", AUDIENCE)]
    assert emu.api_requests() == []

    refused(standin, program(), "protect")
    assert roles(standin.emu) == [] and apis(standin.emu) == []


# -- retain_on_delete ---------------------------------------------------------------------


def test_retain_on_delete_drops_from_the_stack_and_leaves_the_object_in_kinde(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    retain = ResourceOptions(retain_on_delete=True)

    def program() -> None:
        kinde.User(
            "ada", given_name="Ada", family_name="Lovelace", emails=["ada@example.com"], opts=retain
        )
        kinde.EnvironmentVariable(
            "api-url", key="API_URL", value="https://api.example.com", is_secret=False, opts=retain
        )

    real.up(program, skip_preview=True)
    emu.reset_log()

    result = real.up(lambda: None)
    assert result.ops == {"ada": "delete", "api-url": "delete"}
    assert all(step.retained for step in result.steps.values())
    assert emu.api_requests("DELETE") == []
    assert writes(emu) == []
    assert users(emu) == [("Ada", "Lovelace")]
    assert variables(emu) == [("API_URL", "https://api.example.com")]
    assert [s.name for s in real.state if s.custom] == []

    refused(standin, program, "retain_on_delete")
    assert users(standin.emu) == [] and variables(standin.emu) == []


# -- ignore_changes ------------------------------------------------------------------------


def test_ignore_changes_keeps_the_name_kinde_has(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    def program(version: int) -> Program:
        def declare() -> None:
            ignore_name = ResourceOptions(ignore_changes=["name"])
            # Only its name changes: nothing to do.
            kinde.Role("admin", key="admin", name=f"Admin {version}", opts=ignore_name)
            # Its name and description change: the description is applied, not the name.
            description = "Viewers" if version == 1 else "Can look"
            kinde.Role(
                "viewer",
                key="viewer",
                name=f"Viewer {version}",
                description=description,
                opts=ignore_name,
            )
            # "*" ignores every change.
            kinde.Role(
                "auditor",
                key="auditor",
                name=f"Auditor {version}",
                description=description,
                opts=ResourceOptions(ignore_changes=["*"]),
            )

        return declare

    def scenario(runner: Runner, kinde_emu: Emulator) -> dict[str, Any]:
        runner.up(program(1), skip_preview=True)
        keys = {r.id: r.key for r in kinde_emu.store.roles.all()}
        kinde_emu.reset_log()
        result = runner.up(program(2), skip_preview=True)
        touched = sorted(
            (r.method, r.operation_id, keys.get(r.path.rsplit("/", 1)[-1]))
            for r in kinde_emu.api_requests()
        )
        steps = {s.name: (s.op, s.changed) for s in result.steps.values()}
        names = {s.name: s.inputs["name"] for s in runner.state if s.custom}
        return {"steps": steps, "requests": touched, "kinde": roles(kinde_emu), "state": names}

    seen = scenario(real, emu)
    assert seen["steps"] == {
        "admin": ("same", ()),
        "viewer": ("update", ("description",)),
        "auditor": ("same", ()),
    }
    assert seen["requests"] == [("PATCH", "UpdateRoles", "viewer")]
    assert seen["kinde"] == [
        ("admin", "Admin 1", None),
        ("auditor", "Auditor 1", "Viewers"),
        ("viewer", "Viewer 1", "Can look"),
    ]
    assert seen["state"] == {"admin": "Admin 1", "viewer": "Viewer 1", "auditor": "Auditor 1"}

    assert scenario(standin.runner, standin.emu) == seen


# -- delete_before_replace ---------------------------------------------------------------


def test_delete_before_replace_deletes_the_old_object_before_creating_the_new(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    delete_first = ResourceOptions(delete_before_replace=True)

    def program(version: int) -> Program:
        def declare() -> None:
            audience = AUDIENCE if version == 1 else "https://billing-v2.example.com"
            # The name (which forces a replacement too) is ignored: only the audience
            # asks for one; yet the replacement is created with the program's name.
            keep_name = ResourceOptions(ignore_changes=["name"])
            opts = ResourceOptions.merge(delete_first, keep_name)
            kinde.Api("billing", name=f"Billing {version}", audience=audience, opts=opts)
            endpoint = f"https://hooks.example/v{version}"
            kinde.Webhook(
                "audit",
                name="audit",
                endpoint=endpoint,
                event_types=["user.created"],
                opts=delete_first,
            )
            # No option: Kinde allows two such applications, so the engine creates first.
            kinde.Application("web", name="Web", type="reg" if version == 1 else "spa")

        return declare

    def scenario(runner: Runner, kinde_emu: Emulator) -> dict[str, Any]:
        runner.up(program(1), skip_preview=True)
        kinde_emu.reset_log()
        result = runner.up(program(2), skip_preview=True)
        calls = writes(kinde_emu)
        order = {
            "api deleted first": first(calls, "DELETE deleteAPI") < first(calls, "POST addAPIs"),
            "webhook deleted first": first(calls, "DELETE DeleteWebHook")
            < first(calls, "POST CreateWebHook"),
            "application created first": first(calls, "POST createApplication")
            < first(calls, "DELETE deleteApplication"),
        }
        steps = {
            s.name: (s.op, s.changed, s.replaces, s.delete_before_replace)
            for s in result.steps.values()
        }
        return {
            "steps": steps,
            "order": order,
            "kinde": (apis(kinde_emu), webhooks(kinde_emu), applications(kinde_emu)),
        }

    seen = scenario(real, emu)
    assert seen["steps"] == {
        "billing": ("replace", ("audience", "name"), ("audience",), True),
        "audit": ("replace", ("endpoint",), ("endpoint",), True),
        "web": ("replace", ("type",), ("type",), False),
    }
    assert all(seen["order"].values()), seen["order"]
    assert seen["kinde"] == (
        [("Billing 2", "https://billing-v2.example.com")],
        [("audit", "https://hooks.example/v2")],
        [("Web", "spa")],
    )

    assert scenario(standin.runner, standin.emu) == seen


# -- replace_on_changes --------------------------------------------------------------------


def test_replace_on_changes_has_no_effect_on_a_dynamic_resource(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    """The engine applies ``replace_on_changes`` to the keys a provider's Diff says changed;
    the Python dynamic provider server never sends them (only changes / replaces), so the
    option cannot take effect: a name change stays an update in place."""

    def program(name: str) -> Program:
        def declare() -> None:
            kinde.Role(
                "admin", key="admin", name=name, opts=ResourceOptions(replace_on_changes=["name"])
            )

        return declare

    real.up(program("Admin"), skip_preview=True)
    role_id = emu.store.roles.find(key="admin").id  # type: ignore[union-attr]
    emu.reset_log()

    result = real.up(program("Administrator"), skip_preview=True)
    step = result.step("admin")
    assert (step.op, step.changed, step.replaces) == ("update", ("name",), ())
    # ... and the resource says so, under its name, rather than let it pass unnoticed.
    assert (step.urn, f"warning: {REPLACE_ON_CHANGES_IGNORED}") in result.messages
    assert writes(emu) == ["PATCH UpdateRoles"]
    assert [(r.id, r.name) for r in emu.store.roles.all()] == [(role_id, "Administrator")]

    refused(standin, program("Admin"), "replace_on_changes")
    assert roles(standin.emu) == []


# -- depends_on and parent ----------------------------------------------------------------


def test_depends_on_and_a_component_parent_order_creates_and_deletes(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    """Children of a component: the webhook depends on the role (no input links them), so
    the role is created first and deleted last; the URNs carry the component's type, and
    destroy removes the children, then the component."""

    def program() -> None:
        def build(opts: ResourceOptions) -> None:
            role = kinde.Role("admin", key="admin", name="Admin", opts=opts)
            after_role = ResourceOptions.merge(opts, ResourceOptions(depends_on=[role]))
            audit_hook(opts=after_role)

        Team("platform", build)

    def scenario(runner: Runner, kinde_emu: Emulator) -> dict[str, Any]:
        kinde_emu.reset_log()
        created = runner.up(program, skip_preview=True)
        tree = {s.urn: (s.parent, s.dependencies) for s in runner.state if s.type != STACK}
        seen = {
            "up": (created.ops, writes(kinde_emu)),
            "tree": tree,
            "kinde after up": (roles(kinde_emu), webhooks(kinde_emu)),
        }
        kinde_emu.reset_log()
        destroyed = runner.destroy()
        seen["destroy"] = (destroyed.ops, list(destroyed.ops), writes(kinde_emu))
        seen["left"] = (roles(kinde_emu), webhooks(kinde_emu), [s.urn for s in runner.state])
        return seen

    seen = scenario(real, emu)
    ops, creates = seen["up"]
    assert ops == {"platform": "create", "admin": "create", "audit": "create"}
    assert first(creates, "POST CreateRole") < first(creates, "POST CreateWebHook")
    team = f"{PREFIX}{TEAM}::platform"
    role = f"{PREFIX}{TEAM}${ROLE}::admin"
    assert seen["tree"] == {
        team: (f"{PREFIX}{STACK}::project-stack", ()),
        role: (team, ()),
        f"{PREFIX}{TEAM}${WEBHOOK}::audit": (team, (role,)),
    }
    assert seen["kinde after up"] == ([("admin", "Admin", None)], [("audit", ENDPOINT)])
    ops, order, deletes = seen["destroy"]
    assert ops == {"platform": "delete", "admin": "delete", "audit": "delete"}
    assert order.index("audit") < order.index("admin") < order.index("platform")
    assert deletes == ["DELETE DeleteWebHook", "DELETE DeleteRole"]
    assert seen["left"] == ([], [], [])

    assert scenario(standin.runner, standin.emu) == seen


# -- deleted_with --------------------------------------------------------------------------


def test_deleted_with_skips_the_delete_when_the_owner_goes_too(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    def program(*, billing: bool = True, parcels: bool = True) -> Program:
        def declare() -> None:
            if billing:
                api = kinde.Api("billing", name="Billing", audience=AUDIENCE)
                kinde.ApiScope(
                    "invoices", api_id=api.id, key="invoices:read", opts=deleted_with(api)
                )
            shipping = kinde.Api("shipping", name="Shipping", audience=SHIPPING)
            if parcels:
                kinde.ApiScope(
                    "parcels", api_id=shipping.id, key="parcels:read", opts=deleted_with(shipping)
                )

        return declare

    def deleted_with(api: kinde.Api) -> ResourceOptions:
        return ResourceOptions(deleted_with=api)

    real.up(program(), skip_preview=True)
    assert scopes(emu) == ["invoices:read", "parcels:read"]
    shipping_id = next(a.id for a in emu.store.apis.all() if a.audience == SHIPPING)
    emu.reset_log()

    # The billing API goes with its scope: the scope gets no Delete (Kinde drops it with
    # the API). The parcels scope goes alone: its owner stays, so it is deleted as usual.
    result = real.up(program(billing=False, parcels=False), skip_preview=True)
    assert result.ops == {
        "shipping": "same",
        "billing": "delete",
        "invoices": "delete",
        "parcels": "delete",
    }
    assert sorted(writes(emu)) == ["DELETE deleteAPI", "DELETE deleteAPIScope"]
    (scope_delete,) = [r for r in emu.api_requests("DELETE") if r.operation_id == "deleteAPIScope"]
    assert scope_delete.path.startswith(f"/api/v1/apis/{shipping_id}/scopes/")
    assert apis(emu) == [("Shipping", SHIPPING)] and scopes(emu) == []

    refused(standin, program(), "deleted_with")
    assert apis(standin.emu) == []


# -- --target ------------------------------------------------------------------------------


def test_target_changes_only_the_targeted_resource(
    emu: Emulator, real: PulumiRunner, standin: StandIn
) -> None:
    def program(name: str) -> Program:
        def declare() -> None:
            kinde.Role("admin", key="admin", name=f"{name} admins")
            kinde.Role("viewer", key="viewer", name=f"{name} viewers")

        return declare

    real.up(program("Old"), skip_preview=True)
    emu.reset_log()

    result = real.up(program("New"), skip_preview=True, target=[real.urn("viewer")])
    assert result.ops == {"admin": "same", "viewer": "update"}
    assert writes(emu) == ["PATCH UpdateRoles"]
    assert roles(emu) == [("admin", "Old admins", None), ("viewer", "New viewers", None)]
    names = {s.name: s.inputs["name"] for s in real.state if s.custom}
    assert names == {"admin": "Old admins", "viewer": "New viewers"}

    # The stand-in has no target: asked for one, it fails rather than update everything.
    assert "target" not in inspect.signature(ProgramRunner.up).parameters
    with pytest.raises(TypeError, match="target"):
        standin.runner.up(program("Old"), target=["viewer"])  # type: ignore[call-arg]
    assert writes(standin.emu) == []
