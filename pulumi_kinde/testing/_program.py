"""A program as both engines run it: a callable, or the ``__main__.py`` of a directory."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import runpy
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Union

from pulumi._utils import ContextProperty
from pulumi.runtime.settings import Settings

__all__ = ["Program", "program_entry", "settings_defaults_restored"]

Program = Union[Callable[[], Any], str, "os.PathLike[str]"]
"""A callable that declares resources, or a directory holding a ``__main__.py``."""

_CWD_LOCK = threading.Lock()  # directory programs change the process-wide cwd and sys.path


@contextlib.contextmanager
def settings_defaults_restored() -> Iterator[None]:
    """Undo the defaults a run leaks into ``pulumi.runtime.settings.SETTINGS``.

    Each setting is a ``ContextProperty``; the first time one is set in a fresh context (our
    run thread) it also becomes the default for every other fresh context. Restoring the
    defaults keeps a finished run's monitor out of later, unrelated threads.
    """
    attribute = "_ContextProperty__default"
    properties = [p for p in vars(Settings).values() if isinstance(p, ContextProperty)]
    saved = [(p, getattr(p, attribute)) for p in properties if hasattr(p, attribute)]
    try:
        yield
    finally:
        for prop, value in saved:
            setattr(prop, attribute, value)


def _rpcs_started(main: Callable[[], Any]) -> Callable[[], Any]:
    """``main``, then one turn of the event loop before ``run_in_stack`` goes on.

    Each resource the program declares schedules its registration as a task, and that task
    enters the SDK's list of outstanding RPCs only once it starts. ``run_in_stack`` calls the
    program and goes straight on to ``wait_for_rpcs`` without yielding: it finds that list
    empty, and so waits on the outputs instead, ``asyncio.wait(every pending output,
    FIRST_COMPLETED)`` round after round while the registrations complete a few at a time:
    one pass over all the program's outputs per round, cost quadratic in the resources (a
    3-times larger program took 5 times longer to preview). After one turn every
    registration has started, and ``wait_for_rpcs`` awaits them one by one first.
    """

    def program() -> Any:
        return _then_yield(main())

    return program


async def _then_yield(result: Any) -> None:
    if inspect.isawaitable(result):
        await result
    await asyncio.sleep(0)


@contextlib.contextmanager
def program_entry(program: Program) -> Iterator[Callable[[], Any]]:
    """The function ``run_in_stack`` calls: the callable, or ``__main__.py`` of a directory."""
    if callable(program):
        yield _rpcs_started(program)
        return
    path = Path(program)
    main = (path / "__main__.py" if path.is_dir() else path).resolve()
    if not main.is_file():
        raise FileNotFoundError(f"no Pulumi program at {main}")
    directory = str(main.parent)
    with _CWD_LOCK:
        previous = os.getcwd()
        sys.path.insert(0, directory)
        os.chdir(directory)
        try:
            yield _rpcs_started(lambda: runpy.run_path(str(main), run_name="__main__"))
        finally:
            os.chdir(previous)
            with contextlib.suppress(ValueError):
                sys.path.remove(directory)
