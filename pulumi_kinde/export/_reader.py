"""Reading a live business: list each type, then read every object as its provider does."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from pydantic import ValidationError

from ..client import APIError, KindeClient, KindeError, PageStyle
from ..resources._listing import list_all
from ..resources._provider import is_gone
from ._model import (
    CannotDeclare,
    ExportedObject,
    Exporter,
    ExportError,
    ExportResult,
    SkippedObject,
)
from ._registry import EXPORTERS

__all__ = ["export_business", "select_types"]

Progress = Callable[[str], None]
_Read = ExportedObject | SkippedObject | None
T = TypeVar("T")


def select_types(
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    exporters: Sequence[Exporter] = EXPORTERS,
    *,
    only: Iterable[str] = (),
) -> tuple[str, ...]:
    """The types to export, in registry order.

    The default types (users, memberships and what takes a request per organization to
    find are not), or exactly those in ``only``; with each type in ``include`` added, and
    with a type exported only when asked for, the types that belong to it: those exported
    only when asked for that live under it or refer to it (``include=["user"]`` adds users,
    their memberships and their property values); without those in ``exclude``.
    ``"default"`` stands for the default types and ``"all"`` for every type. Unknown names
    raise ``ValueError`` listing the valid ones.
    """
    known = [e.type for e in exporters]
    include, exclude, only = list(include), list(exclude), list(only)
    unknown = sorted({t for t in include + exclude + only if t not in known} - {"default", "all"})
    if unknown:
        raise ValueError(
            f"unknown resource type {', '.join(map(repr, unknown))}; valid types are: "
            f"{', '.join(known)} (or 'default', 'all')"
        )
    wanted = _named(only or ["default"], exporters)
    for type_ in _named(include, exporters):
        wanted |= _belonging(type_, exporters)
    excluded = _named(exclude, exporters)
    return tuple(t for t in known if t in wanted and t not in excluded)


def _named(names: Iterable[str], exporters: Sequence[Exporter]) -> set[str]:
    """``names`` with "default" and "all" spelled out."""
    found = set()
    for name in names:
        if name in ("default", "all"):
            found |= {e.type for e in exporters if e.default or name == "all"}
        else:
            found.add(name)
    return found


def _belonging(type_: str, exporters: Sequence[Exporter]) -> set[str]:
    """``type_`` and, if it is exported only when asked for, transitively the types exported
    only when asked for that live under it or refer to it (a user's memberships, ...)."""
    found = {type_}
    if any(e.type == type_ and e.default for e in exporters):
        return found  # exported already, and bringing nothing more
    grown = True
    while grown:
        grown = False
        for exporter in exporters:
            targets = {ref.type for ref in exporter.refs.values()} | {exporter.parent}
            if not exporter.default and exporter.type not in found and targets & found:
                found.add(exporter.type)
                grown = True
    return found


class _Run:
    """One export: the answers it fetched (each fetched once) and the objects read so far."""

    def __init__(
        self,
        api: KindeClient,
        exporters: Sequence[Exporter],
        progress: Progress,
        concurrency: int = 4,
    ) -> None:
        self.api = api
        self.progress = progress
        self.concurrency = max(1, concurrency)
        self.exporters = {e.type: e for e in exporters}
        self.labels: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._done: dict[Hashable, Any] = {}

    def _once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, run once per export for ``key`` however many threads ask at once."""
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._done:
                self._done[key] = compute()
            found: T = self._done[key]
            return found

    # -- ExportContext ----------------------------------------------------------------------

    def list_items(
        self,
        path: str,
        items_key: str,
        *,
        style: PageStyle = "next_token",
        params: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        def walk() -> list[dict[str, Any]]:
            if params:
                return self.api.collect(path, items_key, params, style=style)
            # The providers' shared list cache: their read_object of a listed-only type
            # (permissions, webhooks, pairings) then finds this walk instead of walking again.
            return list(list_all(self.api, path, items_key, style=style))

        key = ("list", path, items_key, style, tuple(sorted((params or {}).items())))
        return list(self._once(key, walk))

    def get(self, path: str) -> dict[str, Any]:
        found: dict[str, Any] = self._once(("get", path), lambda: self.api.get(path))
        return found

    def get_all(self, paths: Sequence[str]) -> list[dict[str, Any]]:
        with self._lock:
            missing = [p for p in dict.fromkeys(paths) if ("get", p) not in self._done]
        if len(missing) > 1:
            # Called from a reading thread: a pool of its own, not the run's (whose workers
            # may all be waiting here).
            with ThreadPoolExecutor(self.concurrency, thread_name_prefix="export-get") as pool:
                list(pool.map(self._get_or_empty, missing))
        return [self._get_or_empty(p) for p in paths]

    def _get_or_empty(self, path: str) -> dict[str, Any]:
        try:
            return self.get(path)
        except APIError as error:
            if not is_gone(error):
                raise
            return {}  # deleted while we were reading

    def listed(self, type_: str) -> list[dict[str, Any]]:
        return self._listing(type_)[0]

    # -- the export -------------------------------------------------------------------------

    def _listing(self, type_: str) -> tuple[list[dict[str, Any]], list[SkippedObject]]:
        return self._once(("listing", type_), lambda: self._list_type(type_))

    def _list_type(self, type_: str) -> tuple[list[dict[str, Any]], list[SkippedObject]]:
        exporter = self.exporters[type_]
        if exporter.items is None:
            raise ExportError(f"exporter {type_!r} lists no items of its own to be a parent")
        kept: list[dict[str, Any]] = []
        skipped = []
        try:
            items = list(exporter.items(self))
        except KindeError as error:
            raise ExportError(f"{type_}: list: {error}") from None
        for item in items:
            id_ = str(item.get(exporter.id_key) or "")
            if not id_:
                continue
            label = exporter.label(item)
            with self._lock:
                self.labels[(type_, id_)] = label
            reason = exporter.skip(item)
            if reason:
                skipped.append(SkippedObject(type_, id_, label, reason))
            else:
                kept.append(dict(item))
        return kept, skipped

    def read(self, exporter: Exporter, id_: str) -> _Read:
        provider = exporter.provider
        try:
            state = provider.read_object(self.api, id_)
        except APIError as error:
            if not is_gone(error):
                raise ExportError(f"{exporter.type} {id_!r}: read: {error}") from None
            return None  # deleted while we were reading: nothing to adopt
        except ValidationError as error:
            first = error.errors(include_input=False, include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            reason = f"cannot be declared as {exporter.resource.__name__}: {where}: {first['msg']}"
            label = self.labels.get((exporter.type, id_), "")
            return SkippedObject(exporter.type, id_, label, reason)
        except KindeError as error:
            raise ExportError(f"{exporter.type} {id_!r}: read: {error}") from None
        if state is None:
            return None
        if exporter.declare is None:
            return ExportedObject(exporter.type, id_, state)
        try:
            values = dict(exporter.declare(self, id_, state))
        except CannotDeclare as reason:
            label = self.labels.get((exporter.type, id_), "")
            return SkippedObject(exporter.type, id_, label, str(reason))
        except KindeError as error:
            raise ExportError(f"{exporter.type} {id_!r}: read: {error}") from None
        return ExportedObject(exporter.type, id_, state, values)

    def read_one(self, exporter: Exporter, id_: str) -> list[_Read]:
        return [self.read(exporter, id_)]

    def read_children(self, exporter: Exporter, parent: str) -> list[_Read]:
        assert exporter.children is not None
        try:
            ids = list(exporter.children(self, parent))
        except APIError as error:
            if not is_gone(error):
                raise ExportError(f"{exporter.type} of {parent!r}: list: {error}") from None
            return []
        except KindeError as error:
            raise ExportError(f"{exporter.type} of {parent!r}: list: {error}") from None
        return [self.read(exporter, id_) for id_ in ids]


def export_business(
    api: KindeClient,
    *,
    types: Iterable[str] | None = None,
    exporters: Sequence[Exporter] = EXPORTERS,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> ExportResult:
    """Read every object of ``types`` (default: every default type) from the business.

    Objects are read with their provider's ``read_object``, ``concurrency`` at a time. Kinde's
    own objects are recorded in ``skipped``. ``progress`` receives one line per milestone
    (counts per type) for a person watching a large export.
    """
    say = progress or (lambda _line: None)
    selected = tuple(types) if types is not None else select_types(exporters=exporters)
    run = _Run(api, exporters, say, concurrency)
    result = ExportResult(
        domain=api.settings.domain,
        types=selected,
        client_id=api.settings.client_id,
    )
    before = api.stats.requests
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        for type_ in selected:
            exporter = run.exporters[type_]
            found, skipped = _export_type(run, pool, exporter)
            result.objects[type_] = sorted(found, key=lambda o: o.id)
            result.skipped[type_] = sorted(skipped, key=lambda o: o.id)
            note = f", {len(skipped)} not exported" if skipped else ""
            say(f"{type_}: {len(found)} exported{note}")
    result.labels = dict(run.labels)
    result.requests = api.stats.requests - before
    total = sum(len(v) for v in result.objects.values())
    seconds = time.monotonic() - started
    say(f"read {total} objects with {result.requests} requests in {seconds:.1f} s")
    return result


def _export_type(
    run: _Run, pool: ThreadPoolExecutor, exporter: Exporter
) -> tuple[list[ExportedObject], list[SkippedObject]]:
    if exporter.items is not None:
        items, listed_skips = run._listing(exporter.type)
        skipped: list[SkippedObject] = list(listed_skips)
        ids = [str(i[exporter.id_key]) for i in items]
        run.progress(f"{exporter.type}: {len(ids) + len(skipped)} listed, reading {len(ids)}")
        tasks: list[Callable[[], list[_Read]]] = [
            functools.partial(run.read_one, exporter, id_) for id_ in ids
        ]
        unit = exporter.type
    else:
        assert exporter.parent is not None
        parents = [
            str(p[run.exporters[exporter.parent].id_key]) for p in run.listed(exporter.parent)
        ]
        run.progress(f"{exporter.type}: reading those of {len(parents)} {exporter.parent}(s)")
        tasks = [functools.partial(run.read_children, exporter, p) for p in parents]
        skipped = []
        unit = exporter.parent
    found: list[ExportedObject] = []
    for batch in _run_all(pool, tasks, lambda done: _report(run, exporter, unit, done, len(tasks))):
        for read in batch:
            if isinstance(read, ExportedObject):
                found.append(read)
            elif isinstance(read, SkippedObject):
                skipped.append(read)
    return found, skipped


def _report(run: _Run, exporter: Exporter, unit: str, done: int, total: int) -> None:
    step = max(100, total // 10)
    if done % step == 0 and done < total:
        run.progress(f"{exporter.type}: {done}/{total} {unit}(s) read")


def _run_all(
    pool: ThreadPoolExecutor,
    tasks: Sequence[Callable[[], list[_Read]]],
    on_done: Callable[[int], None],
) -> list[list[_Read]]:
    """Run ``tasks`` on ``pool``; the first failure cancels the rest and is raised."""
    futures: list[Future[list[_Read]]] = [pool.submit(task) for task in tasks]
    done_count = 0
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=1.0, return_when=FIRST_EXCEPTION)
        for future in done:
            error = future.exception()
            if error is not None:
                for other in pending:
                    other.cancel()
                raise error
            done_count += 1
            on_done(done_count)
    return [f.result() for f in futures]
