"""A program as both engines run it: a callable, or the ``__main__.py`` of a directory."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def program_entry(program: Program) -> Iterator[Callable[[], Any]]:
    """The function ``run_in_stack`` calls: the callable, or ``__main__.py`` of a directory."""
    if callable(program):
        yield program
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
            yield lambda: runpy.run_path(str(main), run_name="__main__")
        finally:
            os.chdir(previous)
            with contextlib.suppress(ValueError):
                sys.path.remove(directory)
