"""One module per API area, each declaring its handlers with ``routing.route``.

:func:`load_all` imports every module of this package whose name does not start with an
underscore, so adding an area is adding a module here.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["load_all"]


def load_all() -> None:
    """Import (and so register) every area module; later calls do nothing."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
