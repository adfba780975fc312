"""Export a live Kinde business as a Pulumi program that adopts every object.

>>> from pulumi_kinde.export import export_business, render_project, write_project
>>> result = export_business(client)  # doctest: +SKIP
>>> files = render_project(result, project="kinde-prod")  # doctest: +SKIP
>>> write_project(Path("kinde-prod"), files)  # doctest: +SKIP

Each resource type has one :class:`Exporter` in :data:`EXPORTERS` (registry order is
dependency order). Objects are read with their provider's ``read_object``, so the program
declares exactly what the provider compares against: adopting them writes nothing.
"""

from ._model import (
    CannotDeclare,
    ExportContext,
    ExportedObject,
    Exporter,
    ExportError,
    ExportResult,
    Names,
    Ref,
    SkippedObject,
)
from ._reader import export_business, select_types
from ._registry import EXPORTERS, child_listing, listing
from ._render import PROJECT_FILES, SecretReference, render_project, write_project

__all__ = [
    "EXPORTERS",
    "PROJECT_FILES",
    "CannotDeclare",
    "ExportContext",
    "ExportError",
    "ExportResult",
    "ExportedObject",
    "Exporter",
    "Names",
    "Ref",
    "SecretReference",
    "SkippedObject",
    "child_listing",
    "export_business",
    "listing",
    "render_project",
    "select_types",
    "write_project",
]
