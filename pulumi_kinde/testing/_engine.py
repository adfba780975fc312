"""The step logic of the Pulumi engine, for one run over a checkpoint.

A :class:`Deployment` receives resource registrations from the program (through the
monitor), decides the step for each (same, create, update, replace, read, import) by calling
the provider like the engine's step generator does, and at the end deletes what the program
no longer declares. Refresh and destroy work on the checkpoint alone.

What each call carries (``pkg/resource/deploy/step_generator.go``, ``step.go``):
Check(olds = last inputs, news = program inputs); Diff(olds = last outputs, news = checked
inputs); Create(checked inputs); Update(olds = last outputs, news = checked inputs);
Read(id, properties = last outputs, inputs = last inputs); Delete(id, last outputs).
A replacement checks the program inputs again with no olds before it creates; a refresh
follows each Read with Diff(olds = refreshed outputs, news = last inputs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pulumi.runtime.rpc import UNKNOWN

from ._errors import CheckFailure, ProviderError
from ._result import Op, RunResult, StepRecord, stack_outputs
from ._state import STACK_TYPE, Entry
from ._values import changed_keys, mark_secret_outputs, shown_value, strip_secrets
from .provider_server import LIFECYCLE_RPCS, ProviderServer

__all__ = ["Deployment", "EngineAbort", "Goal"]

Props = dict[str, Any]
T = TypeVar("T")


class EngineAbort(Exception):
    """Raised into the program when the engine stops a registration (already recorded)."""


@dataclass
class Goal:
    """A resource registration (``RegisterResourceRequest`` / ``ReadResourceRequest``)."""

    urn: str
    type: str
    name: str
    custom: bool
    inputs: Props
    parent: str = ""
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    additional_secret_outputs: list[str] = field(default_factory=list)
    delete_before_replace: bool | None = None
    ignore_changes: list[str] = field(default_factory=list)
    import_id: str = ""

    @property
    def is_dynamic(self) -> bool:
        """Whether the Python dynamic provider manages this resource."""
        return self._as_entry().is_dynamic

    def entry(self, id: str, inputs: Props, outputs: Props, *, external: bool = False) -> Entry:
        """The checkpoint entry this goal becomes."""
        return self._as_entry().copy(
            id=id,
            inputs=inputs,
            outputs=mark_secret_outputs(outputs, self.additional_secret_outputs),
            external=external,
        )

    def _as_entry(self) -> Entry:
        return Entry(
            urn=self.urn,
            type=self.type,
            name=self.name,
            custom=self.custom,
            parent=self.parent,
            dependencies=list(self.dependencies),
            property_dependencies=dict(self.property_dependencies),
            additional_secret_outputs=list(self.additional_secret_outputs),
        )


class Deployment:
    """One engine run: the old checkpoint in, the new checkpoint and a RunResult out.

    ``server_factory`` starts and configures a provider process; it is called at most once,
    the first time a dynamic resource needs the provider (as the engine loads plugins lazily).
    Registrations may arrive from several threads at once; at most ``parallel`` steps run at
    a time (the CLI's ``--parallel``), and refreshes and deletes run in parallel too, deletes
    in waves that respect dependencies.
    """

    def __init__(
        self,
        operation: str,
        olds: list[Entry],
        server_factory: Callable[[], ProviderServer],
        *,
        preview: bool = False,
        parallel: int = 16,
    ) -> None:
        self.operation = operation
        self.preview = preview
        self.parallel = max(1, parallel)
        self._slots = threading.BoundedSemaphore(self.parallel)
        self._initial = list(olds)
        self._olds = {entry.urn: entry for entry in olds if not entry.delete}
        self._news: dict[str, Entry] = {}
        # Old halves of create-before-delete replacements (this run's and earlier failed ones'),
        # deleted at the end of the update.
        self._replaced = [entry for entry in olds if entry.delete]
        self._gone: set[int] = set()  # id() of old entries whose resource was deleted
        # URNs replaced along with a resource replaced delete-first (see _replace): they are
        # deleted before it and created again when the program registers them.
        self._dependents_replaced: dict[str, tuple[str, ...]] = {}
        self._steps: dict[str, StepRecord] = {}
        self._errors: list[BaseException] = []
        self._check_failures: list[CheckFailure] = []
        self._stack_outputs: Props | None = None
        self._lock = threading.Lock()
        self._server_factory = server_factory
        self._server: ProviderServer | None = None
        self._server_lock = threading.Lock()
        self._providers: set[str] = set()

    # -- provider ------------------------------------------------------------------------

    def server(self) -> ProviderServer:
        """The provider process of this run, started and configured on first use."""
        with self._server_lock:
            if self._server is None:
                self._server = self._server_factory()
            return self._server

    def close(self) -> None:
        """Stop the provider process, if one was started."""
        with self._server_lock:
            if self._server is not None:
                self._server.close()

    # -- registrations (program runs) ----------------------------------------------------

    def register_stack(self, urn: str, name: str) -> None:
        """The root stack component registered."""
        old = self._olds.get(urn)
        outputs = old.outputs if old is not None else {}
        entry = Entry(urn=urn, type=STACK_TYPE, name=name, custom=False, outputs=outputs)
        with self._lock:
            self._news[urn] = entry

    def register_outputs(self, urn: str, outputs: Props) -> None:
        """A component (or the stack) registered its outputs."""
        with self._lock:
            entry = self._news.get(urn)
            if entry is not None:
                entry.outputs = outputs
            if entry is not None and entry.type == STACK_TYPE:
                self._stack_outputs = outputs

    def register(self, goal: Goal) -> tuple[str, Props]:
        """Decide and apply the step for a registration; return its id and outputs."""
        self._admit(goal.urn)
        old = self._olds.get(goal.urn)
        provider = strip_secrets(goal.inputs.get("__provider"))
        if isinstance(provider, str):
            with self._lock:
                self._providers.add(provider)
        if not goal.is_dynamic:
            return self._pass_through(goal, old)
        return self._guard(lambda: self._register_dynamic(goal, old))

    def refuse(self, error: Exception) -> None:
        """Fail the run with ``error`` (an option the stand-in does not implement)."""
        self._fail(error)
        raise EngineAbort(str(error))

    def read(self, goal: Goal, id: str) -> tuple[str, Props]:
        """A lookup by id (``Resource.get``): Read with no state and the program's inputs."""
        self._admit(goal.urn)
        return self._guard(lambda: self._read_external(goal, id))

    # -- end of an up / preview ----------------------------------------------------------

    def delete_removed(self) -> None:
        """Delete what the program no longer declares, and the old halves of replacements."""
        removed = self._removed()
        for entry in self._by_position(removed, reverse=True):
            self._record(entry.urn, entry.name, entry.type, "delete")
        if not self.preview:
            self._delete_in_waves(removed + self._replaced)

    def final_state(self) -> list[Entry]:
        """The checkpoint after this run: new entries, then old ones left in place."""
        with self._lock:
            pending = [e.copy(delete=True) for e in self._replaced if id(e) not in self._gone]
            return list(self._news.values()) + self._removed() + pending

    # -- checkpoint-only operations ------------------------------------------------------

    def refresh(self) -> list[Entry]:
        """Read every resource (in parallel); drop the ones that are gone.

        Returns the new checkpoint; a resource whose Read failed keeps its old state.
        """
        targets = [old for old in self._initial if old.is_dynamic and not old.delete]
        read = self._in_parallel(self._refresh_one, targets)
        outcomes = dict(zip(map(id, targets), read, strict=True))
        state: list[Entry] = []
        for old in self._initial:
            outcome = outcomes.get(id(old), old)
            if isinstance(outcome, ProviderError):
                self._fail(outcome)
                state.append(old)
            elif isinstance(outcome, Entry):
                if outcome is not old:
                    changed = changed_keys(old.outputs, outcome.outputs)
                    self._record(old.urn, old.name, old.type, "read", changed=changed)
                state.append(outcome)
            else:
                self._record(old.urn, old.name, old.type, "delete")
        return state

    def destroy(self) -> list[Entry]:
        """Delete everything, dependents first. Returns what is left of the checkpoint."""
        for entry in self._by_position(self._initial, reverse=True):
            if entry.type != STACK_TYPE:
                self._record(entry.urn, entry.name, entry.type, "delete")
        self._delete_in_waves(self._initial)
        remaining = [entry for entry in self._initial if id(entry) not in self._gone]
        if not any(entry.type == STACK_TYPE for entry in remaining):
            self._stack_outputs = {}
        return remaining

    # -- result --------------------------------------------------------------------------

    def result(self, program_error: BaseException | None = None) -> RunResult:
        """The RunResult of this run; ``program_error`` is what the program raised, if any."""
        with self._lock:
            errors = list(self._errors)
            failures = list(self._check_failures)
            steps = dict(self._steps)
            outputs = self._stack_outputs
            providers = frozenset(self._providers)
        known = any(program_error is error for error in errors)
        if program_error is not None and not known and not isinstance(program_error, EngineAbort):
            errors.append(program_error)
        if outputs is None:
            outputs = self._old_stack_outputs()
        with self._server_lock:
            calls = self._server.calls if self._server else dict.fromkeys(LIFECYCLE_RPCS, 0)
            messages = self._server.messages if self._server else []
        return RunResult(
            operation=self.operation,
            steps=steps,
            outputs=stack_outputs(outputs),
            calls=calls,
            check_failures=failures,
            errors=errors,
            messages=messages,
            providers=providers,
        )

    # -- steps ---------------------------------------------------------------------------

    def _register_dynamic(self, goal: Goal, old: Entry | None) -> tuple[str, Props]:
        if goal.import_id and (old is None or old.id != goal.import_id):
            return self._import(goal)
        server = self.server()
        news = goal.inputs
        with self._lock:
            replaced_keys = self._dependents_replaced.get(goal.urn)
        if replaced_keys is not None and old is not None:
            checked = server.check(goal.urn, {}, news)
            self._reject(goal.urn, checked.failures, goal.inputs)
            record = {"changed": replaced_keys, "replaces": replaced_keys}
            return self._create(
                goal, checked.inputs, "replace", delete_before_replace=True, **record
            )
        if old is not None and goal.ignore_changes:
            news = _ignore_changes(news, old.inputs, goal.ignore_changes)
        checked = server.check(goal.urn, old.inputs if old else {}, news)
        self._reject(goal.urn, checked.failures, goal.inputs)
        inputs = checked.inputs
        if old is None:
            return self._create(goal, inputs, "create")

        diff = server.diff(
            goal.urn,
            old.id,
            old.outputs,
            inputs,
            old_inputs=old.inputs,
            ignore_changes=goal.ignore_changes,
        )
        changed = changed_keys(old.inputs, inputs)
        changes = diff.changes
        if changes == "unknown":  # the engine falls back to comparing the inputs
            changes = "some" if changed else "none"
        if changes == "none":
            return self._commit(goal, "same", goal.entry(old.id, inputs, old.outputs))
        if diff.replaces:
            delete_first = diff.delete_before_replace
            if goal.delete_before_replace is not None:
                delete_first = goal.delete_before_replace
            return self._replace(goal, old, diff.replaces, delete_first)

        outputs = inputs
        if not self.preview:
            outputs = server.update(
                goal.urn,
                old.id,
                old.outputs,
                inputs,
                old_inputs=old.inputs,
                ignore_changes=goal.ignore_changes,
            )
        entry = goal.entry(old.id, inputs, outputs)
        return self._commit(goal, "update", entry, changed=changed)

    def _replace(
        self,
        goal: Goal,
        old: Entry,
        replaces: list[str],
        delete_first: bool,
    ) -> tuple[str, Props]:
        # As the engine: the replacement is checked from the program's inputs, with no olds
        # and no ignore_changes, and its changed keys are those of these inputs.
        checked = self.server().check(goal.urn, {}, goal.inputs)
        self._reject(goal.urn, checked.failures, goal.inputs)
        changed = changed_keys(old.inputs, checked.inputs)
        if delete_first:
            dependents = self._dependent_replacements(old)
            if not self.preview:
                for dependent in reversed(dependents):
                    self._delete(dependent)
                    with self._lock:
                        self._gone.add(id(dependent))
                self._delete(old)
                with self._lock:
                    self._gone.add(id(old))
        elif not self.preview:
            with self._lock:
                self._replaced.append(old)
        record = {
            "changed": changed,
            "replaces": tuple(replaces),
            "delete_before_replace": delete_first,
        }
        return self._create(goal, checked.inputs, "replace", **record)

    def _dependent_replacements(self, root: Entry) -> list[Entry]:
        """Old resources to replace along with ``root``, replaced delete-first.

        As the engine's ``calculateDependentReplacements``: deleting ``root`` first may take
        its dependents with it, so each resource whose inputs depend on a replaced one is
        diffed with those inputs unknown; the ones whose Diff then asks for a replacement
        are deleted before ``root`` and created again when they register.
        """
        replaced = {root.urn}
        found: list[Entry] = []
        with self._lock:
            candidates = [e for e in self._olds.values() if e.urn not in self._news]
        for entry in self._by_position(candidates):
            if entry.urn in replaced or not entry.is_dynamic or entry.external:
                continue
            keys = tuple(
                sorted(k for k, deps in entry.property_dependencies.items() if replaced & set(deps))
            )
            if not keys:
                continue
            inputs = {**entry.inputs, **dict.fromkeys(keys, UNKNOWN)}
            diff = self.server().diff(
                entry.urn, entry.id, entry.outputs, inputs, old_inputs=entry.inputs
            )
            if diff.replaces:
                found.append(entry)
                replaced.add(entry.urn)
                with self._lock:
                    self._dependents_replaced[entry.urn] = keys
        return found

    def _create(self, goal: Goal, inputs: Props, op: Op, **record: Any) -> tuple[str, Props]:
        if self.preview:
            record["adopted"] = bool(strip_secrets(inputs.get("import_id")))
            return self._commit(goal, op, goal.entry("", inputs, inputs), **record)
        created = self.server().create(goal.urn, inputs)
        if not created.id:
            raise ProviderError("Create", "provider did not return an ID from Create", urn=goal.urn)
        record["adopted"] = bool(strip_secrets(inputs.get("import_id")))
        return self._commit(goal, op, goal.entry(created.id, inputs, created.outs), **record)

    def _import(self, goal: Goal) -> tuple[str, Props]:
        server = self.server()
        found = server.read(goal.urn, goal.import_id, {}, None)
        if not found.id:
            raise ProviderError("Read", f"resource '{goal.import_id}' does not exist", urn=goal.urn)
        if found.inputs is None:
            raise ProviderError(
                "Read", "provider does not support importing resources", urn=goal.urn
            )
        checked = server.check(goal.urn, found.inputs, goal.inputs)
        self._reject(goal.urn, checked.failures, goal.inputs)
        diff = server.diff(goal.urn, found.id, found.outs, checked.inputs, old_inputs=found.inputs)
        if diff.changes == "some":
            message = "inputs to import do not match the existing resource"
            raise ProviderError("Import", message, urn=goal.urn)
        return self._commit(goal, "import", goal.entry(found.id, checked.inputs, found.outs))

    def _read_external(self, goal: Goal, id: str) -> tuple[str, Props]:
        if self.preview and id == UNKNOWN:
            # An id that depends on a resource not created yet: the engine plans the read
            # and reads nothing (its outputs stay unknown).
            return self._commit(goal, "read", goal.entry("", goal.inputs, {}, external=True))
        found = self.server().read(goal.urn, id, {}, goal.inputs)
        if not found.id:
            raise ProviderError("Read", f"resource '{id}' does not exist", urn=goal.urn)
        entry = goal.entry(found.id, goal.inputs, found.outs, external=True)
        return self._commit(goal, "read", entry)

    def _pass_through(self, goal: Goal, old: Entry | None) -> tuple[str, Props]:
        """Components and non-dynamic resources: inputs become outputs, no provider call."""
        if old is None:
            op: Op = "create"
            id = f"{goal.name}_id" if goal.custom else ""
        else:
            op = "same" if old.inputs == goal.inputs else "update"
            id = old.id
        changed = changed_keys(old.inputs, goal.inputs) if old else ()
        return self._commit(goal, op, goal.entry(id, goal.inputs, goal.inputs), changed=changed)

    def _refresh_one(self, old: Entry) -> Entry | None:
        found = self.server().read(old.urn, old.id, old.outputs, old.inputs)
        if not found.id:
            return None
        outputs = mark_secret_outputs(found.outs, old.additional_secret_outputs)
        inputs = found.inputs if found.inputs is not None else old.inputs
        if not old.external:
            # The engine diffs the refreshed state against the program's last inputs (the
            # refresh "drift" display): Diff(olds = new outputs, news = last inputs).
            self.server().diff(old.urn, found.id, outputs, old.inputs, old_inputs=inputs)
        return old.copy(id=found.id, inputs=inputs, outputs=outputs)

    def _delete_in_waves(self, condemned: list[Entry]) -> None:
        """Delete ``condemned``: each wave holds what nothing left depends on, run in parallel.

        Stops after the first wave with a failure, like the engine stops scheduling deletes.
        """
        remaining = self._by_position(condemned, reverse=True)
        while remaining:
            needed = set().union(*(_depends_on(entry) for entry in remaining))
            wave = [entry for entry in remaining if entry.urn not in needed] or remaining[:1]
            outcomes = self._in_parallel(self._delete, wave)
            with self._lock:
                self._gone.update(id(e) for e, o in zip(wave, outcomes, strict=True) if o is None)
            failures = [o for o in outcomes if isinstance(o, ProviderError)]
            for failure in failures:
                self._fail(failure)
            if failures:
                return
            done = {id(entry) for entry in wave}
            remaining = [entry for entry in remaining if id(entry) not in done]

    def _in_parallel(
        self, work: Callable[[Entry], T], entries: list[Entry]
    ) -> list[T | ProviderError]:
        """Apply ``work`` on up to ``parallel`` threads; provider errors are returned."""

        def attempt(entry: Entry) -> T | ProviderError:
            try:
                return work(entry)
            except ProviderError as error:
                return error

        if len(entries) <= 1:
            return [attempt(entry) for entry in entries]
        with ThreadPoolExecutor(self.parallel, thread_name_prefix="pulumi-step") as pool:
            return list(pool.map(attempt, entries))

    def _by_position(self, entries: list[Entry], *, reverse: bool = False) -> list[Entry]:
        position = {id(entry): index for index, entry in enumerate(self._initial)}
        return sorted(entries, key=lambda entry: position.get(id(entry), -1), reverse=reverse)

    def _delete(self, entry: Entry) -> None:
        if entry.is_dynamic and not entry.external:
            self.server().delete(entry.urn, entry.id, entry.outputs, old_inputs=entry.inputs)

    # -- bookkeeping ---------------------------------------------------------------------

    def _admit(self, urn: str) -> None:
        with self._lock:
            if self._errors or self._check_failures:
                raise EngineAbort(f"{urn}: not registered, the {self.operation} has failed")
            if urn in self._news:
                error = RuntimeError(f"Duplicate resource URN '{urn}'")
                self._errors.append(error)
                raise error

    def _guard(self, step: Callable[[], tuple[str, Props]]) -> tuple[str, Props]:
        """Run a step; a provider error is recorded before it reaches the program."""
        try:
            with self._slots:
                return step()
        except ProviderError as error:
            self._fail(error)
            raise

    def _reject(self, urn: str, failures: list[tuple[str, str]], inputs: Props) -> None:
        if not failures:
            return
        with self._lock:
            self._check_failures.extend(
                CheckFailure(urn, p, r, shown_value(inputs.get(p.split(".")[0])))
                for p, r in failures
            )
        reasons = "; ".join(f"{p or '(resource)'}: {r}" for p, r in failures)
        raise EngineAbort(f"{urn} is invalid: {reasons}")

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            if not any(error is known for known in self._errors):
                self._errors.append(error)

    def _commit(self, goal: Goal, op: Op, entry: Entry, **record: Any) -> tuple[str, Props]:
        with self._lock:
            self._news[goal.urn] = entry
        self._record(goal.urn, goal.name, goal.type, op, **record)
        return entry.id, entry.outputs

    def _record(self, urn: str, name: str, type: str, op: Op, **record: Any) -> None:
        with self._lock:
            self._steps[urn] = StepRecord(urn=urn, name=name, type=type, op=op, **record)

    def _removed(self) -> list[Entry]:
        """Old resources the program did not declare (this run) and that still exist."""
        return [
            entry
            for entry in self._olds.values()
            if entry.urn not in self._news and id(entry) not in self._gone
        ]

    def _old_stack_outputs(self) -> Props:
        for entry in self._olds.values():
            if entry.type == STACK_TYPE:
                return entry.outputs
        return {}


def _depends_on(entry: Entry) -> set[str]:
    """The URNs ``entry`` depends on: its parent, dependencies and property dependencies."""
    urns = {entry.parent, *entry.dependencies}
    for deps in entry.property_dependencies.values():
        urns.update(deps)
    urns.discard("")
    return urns


def _ignore_changes(news: Props, olds: Mapping[str, Any], paths: list[str]) -> Props:
    """Keep the old value of each ignored top-level property (``ignoreChanges``).

    ``"*"`` is the engine's wildcard (``PropertyPath.Reset``): every property keeps its old
    value and the ones not in the old inputs are dropped, so nothing changes.
    """
    if "*" in paths:
        return dict(olds)
    result = dict(news)
    for path in paths:
        if path in olds:
            result[path] = olds[path]
        else:
            result.pop(path, None)
    return result
