"""The lifecycle every Kinde resource shares, derived from its models' field markers.

A resource's provider declares its input model (``args_model``), its state model
(``state_model``, a superset with computed fields) and four hooks that each make the client
calls one operation needs:

- ``create_object(api, args, rollback) -> (id, state)``: register undo steps on ``rollback``
  after each call that created something, so a failure half-way leaves nothing behind;
- ``read_object(api, id) -> state | None`` (``None`` when the object is gone);
- ``update_object(api, id, change) -> state`` (optional: without it every change replaces);
- ``delete_object(api, id)``.

From those and the markers, this base derives check (pydantic errors become per-field
``CheckFailure``s), a local diff, read with write-only values carried over, adoption of an
existing object through ``import_id``, delete that tolerates "already gone", and errors that
name the resource and the operation.

A create sends the writes it needs and reads nothing back: its outputs come from the
declaration, the write replies (ids, client secrets, keys) and the values Kinde gives a new
object that the declaration left out, which a provider declares once as ``assigned`` (from
the spec and the emulator, our model of Kinde). The first refresh then finds nothing new
without a read. Only what Kinde computes, does not return and cannot be known is read after
the write, with the reason next to the read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pydantic import ValidationError

from ..client import APIError, ConflictError, KindeClient, KindeError, NotFoundError, TransportError
from . import _claims, _context, _facts
from ._explain import explain
from ._fields import INPUTS, FieldInfo, KindeModel, field_behaviour
from ._orphan import exit_with_the_engine
from ._values import contains_unknown, same_value, user_props

__all__ = [
    "ORGANIZATION_INVALID",
    "Change",
    "KindeArgs",
    "KindeProvider",
    "KindeResourceError",
    "Rollback",
    "defaults",
    "is_gone",
]


ORGANIZATION_INVALID = "ORGANIZATION_INVALID"
"""Kinde's 400 for an organization code in a path that it does not recognise (live: seen for
a malformed code; the spec does not list it)."""


def is_gone(error: Exception) -> bool:
    """Whether ``error``, met while reading or deleting, means the object is not there.

    Not-found (404, or 400 ``*_NOT_FOUND``) does. So does 400 ``ORGANIZATION_INVALID`` on a
    read or a delete: the code in the path came from state or from a lookup, so if Kinde
    does not know it, the organization, and every object inside it, is not there; refresh
    must drop the resource and delete must succeed. On a create or an update the same code
    came from the program: there it is bad input, reported with the fix (see ``_error``).
    """
    if isinstance(error, NotFoundError):
        return True
    return isinstance(error, APIError) and error.code == ORGANIZATION_INVALID


def defaults(**values: Any) -> Mapping[str, Any]:
    """Kinde's defaults for a new object, by state field name, as a provider's ``assigned``
    declares them (read-only: every create of the provider shares them)."""
    return MappingProxyType(values)


class KindeArgs(KindeModel):
    """Inputs every resource takes."""

    import_id: str | None = None
    """Adopt the existing Kinde object with this id instead of creating one."""


ArgsT = TypeVar("ArgsT", bound=KindeArgs)
StateT = TypeVar("StateT", bound=KindeArgs)


class KindeResourceError(Exception):
    """A resource operation failed; the message names the resource, operation and cause."""


@dataclass(frozen=True)
class Change(Generic[ArgsT, StateT]):
    """What an update hook is given: the last state, the new inputs, and what differs."""

    old: StateT
    new: ArgsT
    changed: frozenset[str]

    def __contains__(self, name: object) -> bool:
        return name in self.changed

    def any(self, *names: str) -> bool:
        """Whether any of ``names`` changed."""
        return not self.changed.isdisjoint(names)

    def merged(self, **computed: Any) -> StateT:
        """The old state with every declared input, and ``computed``, applied over it."""
        values = {
            **self.old.model_dump(exclude_none=True),
            **self.new.model_dump(exclude_none=True),
            **computed,
        }
        return type(self.old).model_validate(values)


@dataclass
class Rollback:
    """Undo steps registered by a create hook, run newest first if the create fails."""

    steps: list[tuple[str, Callable[[], object]]] = field(default_factory=list)

    def add(self, description: str, undo: Callable[[], object]) -> None:
        self.steps.append((description, undo))

    def run(self) -> list[str]:
        """Run every undo step; return the descriptions of the ones that failed."""
        failed = []
        for description, undo in reversed(self.steps):
            try:
                undo()
            except NotFoundError:
                continue
            except Exception:
                failed.append(description)
        self.steps.clear()
        return failed


class KindeProvider(ResourceProvider, Generic[ArgsT, StateT]):
    """Base of every pulumi-kinde dynamic provider. Instances hold only a profile name."""

    kind: ClassVar[str]
    """Kinde's name for the object, e.g. ``"role"``: used in messages."""
    args_model: ClassVar[type[KindeArgs]]
    state_model: ClassVar[type[KindeArgs]]
    delete_before_replace: ClassVar[bool] = False
    """Delete the old object before creating its replacement (unique keys would clash)."""
    assigned: ClassVar[Mapping[str, Any]] = defaults()
    """What Kinde gives a new object for each field a create leaves out (its defaults: a
    role is not a default role and holds no permission), by state field name. The create's
    outputs hold these, so the first refresh finds nothing new without reading the object
    back. Declared once per resource, from the spec and the emulator (our model of Kinde);
    where a default depends on the declaration, override :meth:`assigned_for`."""
    read_after_write: ClassVar[bool] = False
    """Read the object back after create: only for what Kinde computes on a write, does not
    return in the reply and cannot be known (a logo's stored file name). Say why where it
    is turned on. A value that can be known goes in :attr:`assigned` instead."""
    unique: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Argument groups whose values only one object of the business may have (a role's
    ``("key",)``, a pairing's ``("api_id", "application_id")``); two resources of a program
    declaring the same values fail in check() naming both. So do two declaring one
    ``import_id``: one Kinde object, one resource."""
    unique_items: ClassVar[tuple[str, ...]] = ()
    """List arguments each of whose items only one object of the business may have (a
    user's ``emails``): two resources of a program declaring one item fail in check()."""
    unique_ignoring_case: ClassVar[frozenset[str]] = frozenset()
    """Unique arguments Kinde compares without regard to case (an e-mail address)."""
    read_after_update: ClassVar[bool] = False
    """Read back after an update. Off by default: an update's state is the complete old
    state with the declared changes applied; turn it on only where Kinde computes an output
    from what changed and does not return it (say why)."""
    kept_on_delete: ClassVar[str] = ""
    """Why Kinde cannot delete the object (a singleton, say): when set, delete sends nothing
    and warns that the object stays as it is in Kinde, no longer managed."""

    serialize_as_secret_always = False

    def __init__(self, profile: str | None = None, name: str | None = None) -> None:
        super().__init__()
        self.profile = profile
        self.name = name
        """The Pulumi name of the resource (for messages; older states pickled none)."""

    # -- hooks ---------------------------------------------------------------------------

    def create_object(
        self, api: KindeClient, args: ArgsT, rollback: Rollback
    ) -> tuple[str, StateT]:
        raise NotImplementedError

    def read_object(self, api: KindeClient, id_: str) -> StateT | None:
        raise NotImplementedError

    def update_object(self, api: KindeClient, id_: str, change: Change[ArgsT, StateT]) -> StateT:
        raise NotImplementedError

    def delete_object(self, api: KindeClient, id_: str) -> None:
        raise NotImplementedError

    def verify_adoption(self, api: KindeClient, id_: str, args: ArgsT) -> None:
        """Raise if the object to adopt cannot be what ``args`` declares.

        For fields Kinde does not return but lets us check some other way (for example a
        list filtered by them). The default checks nothing more than the read did.
        """

    def reconcile(self, live: StateT, known: Mapping[str, Any]) -> StateT:
        """The live state, with what Kinde shows ambiguously settled by what we know.

        ``known`` is the last state (on refresh) or the declaration (on adoption). Some
        reads cannot tell everything apart: a member's permission that a role also gives
        may or may not be held directly too. A hook that knows such a case keeps the known
        answer where the live one is ambiguous, so a refresh never invents a change. The
        default trusts the read.
        """
        return live

    def find_created(self, api: KindeClient, args: ArgsT) -> str | None:
        """The id of the object ``args`` describes, found by its natural unique key.

        Called when the reply to the create request was lost: Kinde may have created the
        object. Resources with a unique key (a role's key, an API's audience) look it up so
        the create can adopt it instead of leaving an orphan or making a duplicate.
        """
        return None

    def replaced_fields(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], changed: list[str]
    ) -> list[str]:
        """Which of the ``changed`` fields cannot change in place, from ``olds`` (the last
        outputs, or the live object when adopting) to ``news`` (the declared inputs).

        By default those marked :data:`Replace`, or every field without an update hook.
        Override where it depends on the object (a secret variable's value).
        """
        return [n for n in changed if self._fields[n].replace or not self._updatable]

    def taken_as_declared(self, live: StateT) -> frozenset[str]:
        """Fields of the live object ``live`` that Kinde never shows: adopting it cannot tell
        whether their declared values match, so it takes them as given and writes nothing
        for them (adoption never writes a guess; a later change of them is written). Left
        out, they stay unmanaged. Write-only fields marked :data:`Replace` always are;
        override to add others (a flag's definition, a secret variable's value)."""
        return frozenset()

    def assigned_for(self, args: ArgsT) -> Mapping[str, Any]:
        """Kinde's defaults for a new object declared by ``args``: :attr:`assigned`, unless
        they depend on the declaration (an m2m application has no access roles at all)."""
        return self.assigned

    def state_from(self, args: ArgsT, **computed: Any) -> StateT:
        """The state right after create: Kinde's defaults (:meth:`assigned_for`), the
        declared inputs over them, and ``computed`` values (from the write replies) over
        both."""
        values = {**self.assigned_for(args), **args.model_dump(exclude_none=True), **computed}
        return self.state_model.model_validate(values)  # type: ignore[return-value]

    # -- derived lifecycle -----------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        exit_with_the_engine()
        _context.set_stack_config(req.config._props)

    @property
    def _fields(self) -> dict[str, FieldInfo]:
        return field_behaviour(self.args_model)

    @property
    def _updatable(self) -> bool:
        return type(self).update_object is not KindeProvider.update_object

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        props = user_props(news)
        unknown = {k for k, v in props.items() if contains_unknown(v)}
        _facts.record(self, props, unknown)
        try:
            args = self.args_model.model_validate(props, context=INPUTS)
        except ValidationError as error:
            failures = [f for f in self._failures(error) if f.property not in unknown]
            return CheckResult(news, self._with_program(failures, props, unknown))
        failures = self._with_program(self._conflicts(props, unknown), props, unknown)
        if unknown or failures:
            return CheckResult(news, failures)
        return CheckResult(self._dump_inputs(args), [])

    def against_program(self, props: Mapping[str, Any], unknown: set[str]) -> list[CheckFailure]:
        """Failures that other declarations of this program show (see ``_facts``): an
        organization's handle where its code goes, an override of a flag that allows none.
        Given the known arguments, valid or not; sends nothing. Override to add a check."""
        return _facts.misplaced(self, props, unknown)

    def _with_program(
        self, failures: list[CheckFailure], props: Mapping[str, Any], unknown: set[str]
    ) -> list[CheckFailure]:
        """``failures`` and those of :meth:`against_program` about other arguments."""
        return _facts.one_each(self.against_program(props, unknown), besides=failures)

    def _conflicts(self, props: Mapping[str, Any], unknown: set[str]) -> list[CheckFailure]:
        """Failures for unique values another resource of this deployment declared first."""
        name = getattr(self, "name", None)
        if not name:
            return []
        failures: list[CheckFailure] = []
        for group, values, said in self._unique_values(props, unknown):
            key = (self.profile, type(self).__name__, group, values)
            other = _claims.claim_unique(key, name)
            if other is None or (group == ("import_id",) and failures):
                continue
            first, second = sorted((other, name))
            both = f"{self.kind} resources {first!r} and {second!r} both declare"
            if group == ("import_id",):
                reason = (
                    f"{both} {said}: one Kinde object is managed by one resource (two would "
                    "undo each other's changes on every up): remove one of them"
                )
            elif group:
                reason = (
                    f"{both} {said}, which only one {self.kind} may have in a Kinde business: "
                    "remove one of them, or change it in one"
                )
            else:
                reason = f"{both} the one {self.kind} there is: keep one of them"
            failures.append(CheckFailure(group[0] if group else "", reason))
        return failures

    def _unique_values(
        self, props: Mapping[str, Any], unknown: set[str]
    ) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], str]]:
        """``(fields, values, how they are said)`` for each unique value ``props`` declare:
        the :attr:`unique` groups, each item of the :attr:`unique_items`, the import_id."""

        def value(field: str, given: Any) -> str:
            text = str(given)
            return text.casefold() if field in self.unique_ignoring_case else text

        for group in self.unique:
            if unknown & set(group) or any(props.get(f) is None for f in group):
                continue
            said = ", ".join(f"{f}={str(props[f])!r}" for f in group)
            yield group, tuple(value(f, props[f]) for f in group), said
        for name in self.unique_items:
            items = props.get(name)
            if name in unknown or not isinstance(items, list):
                continue
            for item in items:
                if item is not None and not contains_unknown(item):
                    yield (name,), (value(name, item),), f"{str(item)!r} in {name}"
        import_id = props.get("import_id")
        if import_id and "import_id" not in unknown:
            yield ("import_id",), (str(import_id),), f"import_id={str(import_id)!r}"

    def _failures(self, error: ValidationError) -> list[CheckFailure]:
        failures = []
        for item in error.errors(include_url=False):
            loc = [str(part) for part in item["loc"]]
            name = loc[0] if loc else ""
            info = self._fields.get(name)
            secret = info is not None and info.secret
            failures.append(CheckFailure(name, explain(self.kind, item, self._fields, secret)))
        return failures

    def _dump_inputs(self, args: KindeArgs) -> dict[str, Any]:
        inputs = args.model_dump(mode="json", exclude_none=True)
        for name, info in self._fields.items():
            if info.unordered and isinstance(inputs.get(name), list):
                inputs[name] = sorted(set(inputs[name]), key=str)
        return inputs

    def _changes(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """Fields whose declared value differs from ``olds``; undeclared fields are unmanaged."""
        changed = []
        for name, info in self._fields.items():
            new = news.get(name)
            if name == "import_id" or new is None or info.transient:
                continue
            if contains_unknown(new) or not same_value(
                olds.get(name), new, unordered=info.unordered
            ):
                changed.append(name)
        return changed

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self._changes(olds, news)
        replaces = self.replaced_fields(olds, news, changed)
        name = getattr(self, "name", None)
        if name and id_:
            _claims.diffed((self.profile, type(self).__name__, name), id_, tuple(replaces))
        return DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=bool(replaces) and self.delete_before_replace,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        args = self._args(props)
        api = self._client("create")
        if args.import_id:
            outs = self._adopt(api, args, args.import_id)
            return self._held(args.import_id, outs, "adopted")
        rollback = Rollback()
        try:
            id_, state = self.create_object(api, args, rollback)
        except Exception as error:
            # A lost reply to the first request: Kinde may have made the object. Adopt it
            # if its unique key finds it; otherwise undo whatever was done.
            lost_reply = isinstance(error, TransportError) and not rollback.steps
            found = self._find_created(api, args) if lost_reply else None
            if found is not None:
                return self._held(found, self._adopt(api, args, found), "created")
            first_write = not rollback.steps  # nothing was made before the failure
            leftovers = rollback.run()
            note = f"; could not undo: {', '.join(leftovers)}" if leftovers else ""
            if isinstance(error, ConflictError) and first_write:
                taken = self._find_created(api, args)
                if taken is not None:
                    note += self._clash(args, taken)
            raise self._error("create", None, error, note) from None
        if self.read_after_write:
            state = self._read_back(api, id_, state)
        return self._held(id_, self._outputs(args, state), "created")

    def _held(self, id_: str, outs: dict[str, Any], how: str) -> CreateResult:
        """The create's result, once the object is recorded as this resource's (see
        :meth:`delete`)."""
        name = getattr(self, "name", None)
        if name:
            _claims.hold((self.profile, type(self).__name__, id_), name, how)
        return CreateResult(id_, outs)

    def _clash(self, args: ArgsT, taken: str) -> str:
        """What to do about a create Kinde refused because the object ``taken`` has a
        unique value ``args`` declare.

        This process cannot see the stack's state, so it cannot always tell whose object
        that is. When this run's diff asked for the replacement of this very object, it
        knows. Otherwise the advice covers both cases, the one that loses nothing by
        mistake first: an ``import_id`` given to a renamed resource would make two
        resources of the stack hold one object (the delete of the old name then leaves it
        in Kinde, see :meth:`delete`, but ``aliases`` is the fix).
        """
        name = getattr(self, "name", None)
        this = repr(name) if name else "this resource"
        values = self._unique_said(args)
        found = f"; it exists already as {self.kind} {taken!r}" + (f" ({values})" if values else "")
        last = _claims.last_diff((self.profile, type(self).__name__, name)) if name else None
        if last is not None and last.replaces and last.id == taken:
            fields = ", ".join(last.replaces)
            return (
                f"{found}: the object {this} holds now. Kinde lets one {self.kind} have "
                f"{values or 'it'}, so the replacement that a change of {fields} forces "
                "cannot be made while it exists: remove delete_before_replace=False from the "
                f"options of {this} (the old object is then deleted first), or undo the "
                f"change of {fields}"
            )
        return (
            f"{found}. If a resource of this stack holds it under another name ({this} is "
            "that resource renamed, or moved to another parent): add aliases=[pulumi.Alias("
            f"name='<its old name>')] to {this} (for a move, parent= too), which keeps the "
            "object and sends no request; if another resource of this program declares it "
            "too: remove one of them. Only if it was made outside this stack (or by a run "
            f"that was stopped): add import_id={taken!r} to adopt it, or change the "
            "declaration"
        )

    def _unique_said(self, args: ArgsT) -> str:
        """The first unique value ``args`` declare, as a message quotes it."""
        for group in self.unique:
            if group and all(getattr(args, f, None) is not None for f in group):
                return ", ".join(f"{f}={getattr(args, f)!r}" for f in group)
        for name in self.unique_items:
            if getattr(args, name, None):
                return f"{name}={getattr(args, name)!r}"
        return ""

    def _find_created(self, api: KindeClient, args: ArgsT) -> str | None:
        try:
            return self.find_created(api, args)
        except KindeError:
            return None

    def _adopt(self, api: KindeClient, args: ArgsT, id_: str) -> dict[str, Any]:
        state = self._call("adopt", id_, lambda: self._read_or_none(api, id_))
        if state is None:
            raise KindeResourceError(
                f"{self.kind} {id_!r}: adopt: no such {self.kind} exists in Kinde; check "
                "import_id, or remove it to create a new one"
            )
        self._call("adopt", id_, lambda: self.verify_adoption(api, id_, args))
        state = self.reconcile(state, self._dump_inputs(args))
        live = self._outputs(state, state)
        declared = self._dump_inputs(args)
        # A write-only field that cannot change in place cannot be read or written: it is
        # taken as declared (verify_adoption may check it some other way). So is a trigger,
        # which Kinde never sees.
        given = self.taken_as_declared(state)
        changed = [
            n
            for n in self._changes(live, declared)
            if n not in given
            and not (self._fields[n].write_only and self._fields[n].replace)
            and not self._fields[n].trigger
        ]
        if given:
            state = state.model_copy(update={n: getattr(args, n) for n in given})
        fixed = self.replaced_fields(live, declared, changed)
        if fixed:
            details = "; ".join(f"{n} is {live.get(n)!r} in Kinde" for n in fixed)
            raise KindeResourceError(
                f"{self.kind} {id_!r}: adopt: {details}, which cannot change in place; "
                "declare the live value, or remove import_id to create a new object"
            )
        if changed:
            change = Change(old=state, new=args, changed=frozenset(changed))
            state = self._call("adopt", id_, lambda: self.update_object(api, id_, change))
        return self._outputs(args, state)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        api = self._client("read")
        state = self._call("read", id_, lambda: self._read_or_none(api, id_))
        if state is None:
            return ReadResult("", {})
        prior = user_props(props)
        state = self.reconcile(state, prior)
        outs = self._outputs(state, state)
        for name, info in self._fields.items():
            if info.write_only and prior.get(name) is not None:
                outs[name] = prior[name]
        for name, info in field_behaviour(self.state_model).items():
            if info.shown_once and outs.get(name) is None and prior.get(name) is not None:
                outs[name] = prior[name]
        if prior.get("import_id"):
            outs["import_id"] = prior["import_id"]
        inputs = {n: outs[n] for n in self._fields if outs.get(n) is not None}
        return ReadResult(id_, outs, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        args = self._args(news)
        old = self._state(olds)
        change = Change(old=old, new=args, changed=frozenset(self._changes(olds, news)))
        api = self._client("update")
        state = self._call("update", id_, lambda: self.update_object(api, id_, change))
        if self.read_after_update:
            state = self._read_back(api, id_, state)
        return UpdateResult(self._outputs(args, state))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        taken_over = self._taken_over(id_)
        if taken_over:
            pulumi.log.warn(taken_over)
            return
        if self.kept_on_delete:
            pulumi.log.warn(
                f"{self.kind} {id_!r}: {self.kept_on_delete}; it stays in Kinde and is no "
                "longer managed by Pulumi"
            )
            return
        api = self._client("delete")
        try:
            self.delete_object(api, id_)
        except Exception as error:
            if not is_gone(error):
                raise self._error("delete", id_, error) from None
        _claims.release((self.profile, type(self).__name__, id_))

    def _taken_over(self, id_: str) -> str:
        """Why the object ``id_`` must stay in Kinde, if another resource of this deployment
        made or adopted it: a rename without aliases whose new name adopted it, or the
        replacement of this resource that adopted the object it replaces (its create came
        after this resource's diff saw the object). Deleting it would leave that resource
        holding nothing."""
        held = _claims.holder((self.profile, type(self).__name__, id_))
        if held is None:
            return ""
        name = getattr(self, "name", None)
        by = repr(held.owner)
        if held.owner == name:
            last = _claims.last_diff((self.profile, type(self).__name__, name))
            if last is None or last.id != id_ or last.order > held.order:
                return ""  # this resource made it: its own object to delete
            by = f"the replacement of {name!r}"
        return (
            f"{self.kind} {id_!r} is now managed by {by} ({held.how} in this run): not "
            "deleted from Kinde"
        )

    # -- plumbing ----------------------------------------------------------------------------

    def _read_back(self, api: KindeClient, id_: str, written: StateT) -> StateT:
        """The live state after a write; the written state if reading fails.

        The write succeeded, so a failed read must not fail the operation: that would leave
        an object Pulumi does not know about.
        """
        try:
            live = self._read_or_none(api, id_)
        except KindeError:
            return written
        if live is None:
            return written
        live = self.reconcile(live, written.model_dump())
        # What Kinde showed only in the write's reply (a new key) the read cannot show.
        once = {
            name: getattr(written, name)
            for name, info in field_behaviour(self.state_model).items()
            if info.shown_once and getattr(live, name, None) is None
        }
        once = {k: v for k, v in once.items() if v is not None}
        return live.model_copy(update=once) if once else live

    def _read_or_none(self, api: KindeClient, id_: str) -> StateT | None:
        try:
            return self.read_object(api, id_)
        except APIError as error:
            if is_gone(error):
                return None
            raise

    def _args(self, props: Mapping[str, Any]) -> ArgsT:
        return self.args_model.model_validate(user_props(props), context=INPUTS)  # type: ignore[return-value]

    def _state(self, outputs: Mapping[str, Any]) -> StateT:
        names = field_behaviour(self.state_model)
        values = {k: v for k, v in outputs.items() if k in names}
        try:
            return self.state_model.model_validate(values)  # type: ignore[return-value]
        except ValidationError:
            # State written by an older version: keep going with what is there.
            return self.state_model.model_construct(**values)  # type: ignore[return-value]

    def _outputs(self, args: KindeArgs, state: KindeArgs) -> dict[str, Any]:
        """State as outputs: every state field, with write-only inputs carried over."""
        outs: dict[str, Any] = {name: None for name in field_behaviour(self.state_model)}
        outs.update(state.model_dump(mode="json", exclude_none=True))
        declared = args.model_dump(mode="json", exclude_none=True)
        for name, info in self._fields.items():
            if info.write_only and name in declared:
                outs[name] = declared[name]
            if info.transient:
                outs.pop(name, None)
        if args.import_id:
            outs["import_id"] = args.import_id
        return {k: v for k, v in outs.items() if v is not None}

    def _client(self, operation: str) -> KindeClient:
        try:
            return _context.client_for(self.profile)
        except KindeError as error:
            raise KindeResourceError(f"{self.kind}: {operation}: {error}") from None

    def _call(self, operation: str, id_: str | None, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Exception as error:
            raise self._error(operation, id_, error) from None

    def _error(
        self, operation: str, id_: str | None, error: Exception, note: str = ""
    ) -> KindeResourceError:
        if isinstance(error, KindeResourceError):
            return error
        subject = f"{self.kind} {id_!r}" if id_ else self.kind
        if isinstance(error, APIError) and error.code == ORGANIZATION_INVALID:
            # A create or an update: the organization code came from the program.
            note = (
                f"; Kinde knows no organization by the code in {error.operation!r}: declare "
                "the code Kinde assigned (org_...), e.g. an Organization resource's id" + note
            )
        if isinstance(error, KindeError):
            return KindeResourceError(f"{subject}: {operation}: {error}{note}")
        return KindeResourceError(
            f"{subject}: {operation}: unexpected {type(error).__name__}: {error}{note}"
        )


def secret_outputs(models: Iterable[type[KindeModel]]) -> list[str]:
    """Names of every field marked :data:`Secret` in ``models``."""
    return sorted({n for m in models for n, f in field_behaviour(m).items() if f.secret})
