"""The resource monitor the program talks to, backed by a :class:`Deployment`.

``pulumi.runtime.set_mocks`` accepts a custom ``MockMonitor``. Subclassing it (rather than
implementing ``Mocks.new_resource``) is what gives the engine the whole
``RegisterResourceRequest``: which inputs are secret, ``additionalSecretOutputs``,
``deleteBeforeReplace``, ``ignoreChanges``, dependencies and the import id, none of which
``MockResourceArgs`` carries.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import empty_pb2
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs, Mocks
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.settings import get_project, get_stack

from ._engine import Deployment, Goal
from ._state import STACK_TYPE
from ._wire import from_struct, to_struct

__all__ = ["EngineMonitor", "NotImplementedByStandIn", "unimplemented_options"]


class NotImplementedByStandIn(Exception):
    """The program uses a resource option the stand-in does not implement; it refuses the
    run rather than ignore the option (the real Pulumi engine runs it)."""

    def __init__(self, urn: str, options: list[str]) -> None:
        self.urn = urn
        self.options = options
        name = urn.split("::")[-1]
        listed = ", ".join(options)
        super().__init__(
            f"resource {name!r} uses {listed}, which the engine stand-in does not implement "
            "(it would be ignored, and could cost data); run it on the real Pulumi engine: "
            "`try --engine pulumi` (a Pulumi CLI on PATH, or `python -m pulumi_kinde "
            "pulumi-cli` to build one), or KindeStack(..., engine='pulumi')"
        )


def unimplemented_options(request: Any) -> list[str]:
    """The resource options of a registration that the stand-in does not implement."""
    found: list[str] = []
    if request.HasField("protect") and request.protect:
        found.append("protect")
    if request.HasField("retainOnDelete") and request.retainOnDelete:
        found.append("retain_on_delete")
    if request.aliases or request.aliasURNs:
        found.append("aliases")
    if request.replaceOnChanges:
        found.append("replace_on_changes")
    if request.deletedWith:
        found.append("deleted_with")
    if request.replace_with or request.HasField("replacement_trigger"):
        found.append("replace_with / replacement_trigger")
    timeouts = request.customTimeouts
    if request.HasField("customTimeouts") and (
        timeouts.create or timeouts.update or timeouts.delete
    ):
        found.append("custom_timeouts")
    if request.provider or request.providers:
        found.append("provider / providers")
    if request.transforms:
        found.append("transforms")
    if request.HasField("hooks") and any(
        getattr(request.hooks, f.name) for f in request.hooks.DESCRIPTOR.fields
    ):
        found.append("hooks")
    if request.hideDiffs:
        found.append("hide_diffs")
    if any("." in path or "[" in path for path in request.ignoreChanges):
        found.append("ignore_changes of a nested property")
    if request.importId:
        found.append("import_ (the real engine cannot import a dynamic resource; use import_id=)")
    return found


class _NoMocks(Mocks):
    """Every registration goes to the engine; invokes are not part of what we emulate."""

    def call(self, args: MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise NotImplementedError(f"invoke {args.token!r} is not supported by the test engine")

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        raise AssertionError("EngineMonitor handles registrations itself")


class EngineMonitor(MockMonitor):
    """A ``MockMonitor`` whose registrations run through the engine's step logic."""

    def __init__(self, deployment: Deployment) -> None:
        super().__init__(_NoMocks())
        self._deployment = deployment

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """Build a URN like the engine: the root stack's type is not part of it."""
        qualified = type_
        if parent:
            parent_type = parent.split("::")[2]
            if parent_type != STACK_TYPE:
                qualified = f"{parent_type}${type_}"
        return f"urn:pulumi:{get_stack()}::{get_project()}::{qualified}::{name}"

    def RegisterResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == STACK_TYPE:
            self._deployment.register_stack(urn, request.name)
            return resource_pb2.RegisterResourceResponse(urn=urn)
        unimplemented = unimplemented_options(request)
        if unimplemented:
            self._deployment.refuse(NotImplementedByStandIn(urn, unimplemented))
        goal = Goal(
            urn=urn,
            type=request.type,
            name=request.name,
            custom=bool(request.custom),
            inputs=from_struct(request.object),
            parent=request.parent,
            dependencies=list(request.dependencies),
            property_dependencies={
                key: list(deps.urns) for key, deps in request.propertyDependencies.items()
            },
            additional_secret_outputs=list(request.additionalSecretOutputs),
            delete_before_replace=(
                bool(request.deleteBeforeReplace) if request.deleteBeforeReplaceDefined else None
            ),
            ignore_changes=list(request.ignoreChanges),
            import_id=request.importId,
        )
        id_, outputs = self._deployment.register(goal)
        self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_, outputs)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=to_struct(outputs))

    def ReadResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        goal = Goal(
            urn=urn,
            type=request.type,
            name=request.name,
            custom=True,
            inputs=from_struct(request.properties),
            parent=request.parent,
            dependencies=list(request.dependencies),
            additional_secret_outputs=list(request.additionalSecretOutputs),
        )
        id_, outputs = self._deployment.read(goal, request.id)
        self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_, outputs)
        return resource_pb2.ReadResourceResponse(urn=urn, properties=to_struct(outputs))

    def RegisterResourceOutputs(self, request: Any) -> Any:
        self._deployment.register_outputs(request.urn, from_struct(request.outputs))
        return empty_pb2.Empty()
