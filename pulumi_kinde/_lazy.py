"""Names a package exports, imported from their modules the first time they are used.

``import pulumi_kinde`` is paid by every program and again by every provider process, which
only needs the one provider class it unpickles. A package lists what it exports and from
which module; the module is imported when one of its names is first looked up (PEP 562), and
the name is then an ordinary attribute. IDEs and type checkers read the ``TYPE_CHECKING``
imports each package keeps beside the list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["exports"]


def exports(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``names`` map each exported
    name to the module (relative, e.g. ``".role"``) it lives in; a module's own name maps to
    itself (``{"lookups": ".lookups"}``)."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        where = names.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(where, package)
        value = module if where.lstrip(".") == name else getattr(module, name)
        namespace[name] = value  # looked up once: an ordinary attribute from now on
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
