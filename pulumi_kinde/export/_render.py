"""Writing an export as a Pulumi project: ``__main__.py``, ``Pulumi.yaml``, a README.

The text depends only on what was read (no time stamps, sorted everywhere), so two exports
of an unchanged business are identical and a diff of two exports shows what changed.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..resources._fields import FieldInfo, field_behaviour
from ._model import ExportedObject, Exporter, ExportResult, Ref
from ._naming import slug, unique_names, unique_variables
from ._pysource import Expr, call, comment_lines, literal, one_line, string
from ._registry import EXPORTERS

__all__ = ["PROJECT_FILES", "SecretReference", "render_project", "write_project"]

PROGRAM = "__main__.py"
PROJECT_FILES = (PROGRAM, "Pulumi.yaml", "README.md", "requirements.txt")
"""The files an export writes."""


@dataclass(frozen=True)
class SecretReference:
    """A secret the program reads from stack config: ``config.require_secret(key)``."""

    key: str
    description: str


@dataclass(frozen=True)
class _Declared:
    exporter: Exporter
    obj: ExportedObject
    name: str
    variable: str


class _Names:
    """Resource names given so far; others fall back to a listed name, then to the id."""

    def __init__(self, result: ExportResult) -> None:
        self._result = result
        self._given: dict[tuple[str, str], str] = {}

    def give(self, type_: str, names: dict[str, str]) -> None:
        for id_, name in names.items():
            self._given[(type_, id_)] = name

    def of(self, type_: str, id_: str) -> str:
        given = self._given.get((type_, id_))
        if given:
            return given
        return slug(self._result.labels.get((type_, id_), "")) or slug(id_) or type_


class _Program:
    """Builds ``__main__.py``: declarations in registry order, references as variables."""

    def __init__(self, result: ExportResult, exporters: Sequence[Exporter]) -> None:
        self.result = result
        self.by_type = {e.type: e for e in exporters}
        self.names = _Names(result)
        self.declared: dict[str, list[_Declared]] = {}
        self.secrets: list[SecretReference] = []
        self._index: dict[tuple[str, str], dict[str, _Declared]] = {}
        taken = {"pulumi", "kinde", "config"}
        for type_ in result.types:
            exporter = self.by_type[type_]
            objects = {o.id: o for o in result.objects.get(type_, [])}
            sources = [(i, exporter.name_source(o.state, self.names)) for i, o in objects.items()]
            names = unique_names(sources, fallback=type_)
            self.names.give(type_, names)
            variables = unique_variables(names.values(), exporter.variable_prefix, taken)
            self.declared[type_] = sorted(
                (_Declared(exporter, objects[i], n, variables[n]) for i, n in names.items()),
                key=lambda d: d.name,
            )

    def assuming(self) -> list[tuple[Exporter, int]]:
        """The exporters that declare assumed values, and for how many objects."""
        found = []
        for type_ in self.result.types:
            exporter = self.by_type[type_]
            count = sum(
                bool(exporter.assumed.keys() & d.obj.declared) for d in self.declared[type_]
            )
            if count:
                found.append((exporter, count))
        return found

    def render(self) -> str:
        body: list[str] = []
        for type_ in self.result.types:
            body.extend(self._section(type_))
        header = [
            '"""A Kinde business as code, exported by ``pulumi-kinde export``.',
            "",
            "Every resource adopts the existing Kinde object named by its ``import_id``: the first",
            "``pulumi up`` reads each object and writes nothing to Kinde. See README.md.",
        ]
        if self.assuming():
            header += [
                'Values marked "assumed" are taken as declared: set the real ones before you',
                "change them.",
            ]
        header += ['"""', ""]
        if self.secrets:
            header.append("import pulumi")
        header.append("import pulumi_kinde as kinde")
        if self.secrets:
            header.extend(["", "config = pulumi.Config()"])
        return "\n".join(header + body) + "\n"

    def _section(self, type_: str) -> list[str]:
        exporter = self.by_type[type_]
        declared = self.declared[type_]
        skipped = self.result.skipped.get(type_, [])
        title = exporter.resource.__name__
        count = f"{len(declared)} exported" if declared else "none exported"
        if skipped:
            count += f", {len(skipped)} not"
        lines = ["", f"# {'-' * 86}", f"# {title}: {count}"]
        for item in skipped:
            label = f'"{one_line(item.label)}" ' if item.label else ""
            lines.extend(comment_lines(f"Not exported: {label}({item.id}): {item.reason}."))
        for note in exporter.notes:
            lines.extend(comment_lines(note))
        for entry in declared:
            lines.append("")
            remark = exporter.comment(entry.obj.state, self.result) if exporter.comment else None
            if remark:
                lines.extend(comment_lines(remark))
            lines.extend(call(f"kinde.{title}", self._arguments(entry), target=entry.variable))
        return lines

    def _arguments(self, entry: _Declared) -> list[tuple[str | None, Any]]:
        exporter = entry.exporter
        model = exporter.provider.args_model
        values = entry.obj.state.model_dump(mode="json", exclude_none=True)
        declared = {k: v for k, v in entry.obj.declared.items() if v is not None}
        in_clear = set(exporter.in_clear(entry.obj.state))
        args: list[tuple[str | None, Any]] = [(None, entry.name)]
        for name, info in field_behaviour(model).items():
            if name == "import_id":
                continue
            if info.secret and name not in in_clear:
                if name in values or model.model_fields[name].is_required():
                    args.append((name, self._secret(entry, name, values.get(name))))
                continue
            value = declared.get(name, None if info.write_only else values.get(name))
            if value is None or value == [] or value == {}:
                continue
            written = self._value(exporter.refs.get(name), info, value)
            if name in exporter.assumed:
                written = _remarked(written, exporter.assumed[name])
            args.append((name, written))
        args.append(("import_id", entry.obj.id))
        return args

    def _value(self, ref: Ref | None, info: FieldInfo, value: Any) -> Any:
        if ref is not None:
            if isinstance(value, list):
                items = [self._reference(ref, str(v)) for v in value]
                return sorted(items, key=lambda e: e.code) if info.unordered else items
            return self._reference(ref, str(value))
        if info.unordered and isinstance(value, list):
            return sorted(value, key=repr)
        return value

    def _reference(self, ref: Ref, value: str) -> Expr:
        key = (ref.type, ref.attribute)
        if key not in self._index:
            self._index[key] = {
                (d.obj.id if ref.attribute == "id" else str(getattr(d.obj.state, ref.attribute))): d
                for d in self.declared.get(ref.type, [])
            }
        target = self._index[key].get(value)
        if target is not None:
            return Expr(f"{target.variable}.{ref.attribute}")
        label = self.result.labels.get((ref.type, value))
        note = f"{label}: not exported" if label else f"not exported: {ref.type}"
        return Expr(string(value), comment=note)

    def _secret(self, entry: _Declared, field: str, _value: Any) -> Expr:
        words = f"{entry.variable}_{field}".split("_")
        key = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:] if w)
        title = entry.exporter.resource.__name__
        self.secrets.append(SecretReference(key, f"`{field}` of the {title} `{entry.name}`"))
        annotation = entry.exporter.provider.args_model.model_fields[field].annotation
        method = "require_secret" if _is_str(annotation) else "require_secret_object"
        return Expr(f"config.{method}({string(key)})")


def _remarked(value: Any, remark: str) -> Expr:
    """``value`` (a one-line literal or a reference) with ``remark`` as its comment."""
    if isinstance(value, Expr):
        return Expr(value.code, "; ".join(c for c in (value.comment, remark) if c))
    code = literal(value)
    return Expr(code[0], remark) if len(code) == 1 else value  # a list: no room for a remark


def _is_str(annotation: Any) -> bool:
    """Whether a field holds a string (``str``, ``str | None``, ``Annotated[str, ...]``)."""
    if annotation is str:
        return True
    members = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_str(members[0])
    if origin in (typing.Union, types.UnionType):
        return len(members) == 1 and _is_str(members[0])
    return False


def render_project(
    result: ExportResult,
    *,
    project: str = "kinde",
    exporters: Sequence[Exporter] = EXPORTERS,
) -> dict[str, str]:
    """The files of a Pulumi project declaring ``result``: name -> text."""
    project = slug(project) or "kinde"
    program = _Program(result, exporters)
    main = program.render()
    return {
        PROGRAM: main,
        "Pulumi.yaml": _pulumi_yaml(project),
        "README.md": _readme(result, program, project),
        "requirements.txt": _requirements(),
    }


def write_project(directory: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` into ``directory`` (created if needed); return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in sorted(files.items()):
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _pulumi_yaml(project: str) -> str:
    return (
        f"name: {project}\n"
        "description: A Kinde business as code, exported by pulumi-kinde export\n"
        "runtime:\n"
        "  name: python\n"
        "  options:\n"
        "    toolchain: pip\n"
        "    virtualenv: venv\n"
    )


def _version() -> str:
    try:
        return metadata.version("pulumi-kinde")
    except metadata.PackageNotFoundError:
        return ""


def _requirements() -> str:
    version = _version()
    return f"pulumi>=3.140,<4\npulumi-kinde{f'>={version}' if version else ''}\n"


def _readme(result: ExportResult, program: _Program, project: str) -> str:
    total = sum(len(v) for v in program.declared.values())
    lines = [
        f"# {project}: a Kinde business as code",
        "",
        f"Exported from `{result.domain}` by `pulumi-kinde export`: {total} objects, declared",
        f"in `{PROGRAM}`. Each resource carries the `import_id` of the Kinde object it adopts.",
        "",
        "| Type | Exported | Not exported |",
        "| --- | ---: | ---: |",
    ]
    for type_ in result.types:
        left_out = len(result.skipped.get(type_, []))
        lines.append(f"| {type_} | {len(program.declared[type_])} | {left_out} |")
    lines += [
        "",
        "## Adopt the business",
        "",
        "```sh",
        "python -m venv venv && venv/bin/pip install -r requirements.txt",
        "pulumi stack init",
        f"pulumi config set kinde:domain {result.domain}",
        "pulumi config set kinde:clientId <client id of your M2M application>",
        "pulumi config set --secret kinde:clientSecret <its client secret>",
    ]
    lines += [f"pulumi config set --secret {s.key} <value>" for s in program.secrets]
    lines += [
        "pulumi preview   # every resource: create (an adoption, through import_id)",
        "pulumi up        # reads each object; writes nothing to Kinde",
        "pulumi up        # no changes",
        "```",
        "",
        "What Kinde never returns (a feature flag's definition, a property's category) is not",
        "declared, and adopting leaves it as Kinde has it; declare it later to manage it (see",
        '"What the export leaves out").',
        "",
    ]
    assuming = program.assuming()
    if assuming:
        lines += [
            "## Assumed values",
            "",
            "A few settings a declaration cannot leave out are not returned by Kinde either.",
            'The program marks the values it assumed for them "assumed"; adopting takes them',
            "as declared and writes nothing. Set the real values before you change them:",
            "",
        ]
        for exporter, count in assuming:
            fields = ", ".join(f"`{name}`" for name in exporter.assumed)
            lines.append(f"- {exporter.resource.__name__} ({count}): {fields}")
        lines.append("")
    lines += [
        "## Secrets",
        "",
        "Nothing secret was written to these files. The program reads these secrets from",
        "stack config (set each with `pulumi config set --secret`):",
        "",
        "- `kinde:clientSecret`: the client secret pulumi-kinde signs in to Kinde with",
    ]
    lines += [f"- `{s.key}`: {s.description}" for s in program.secrets]
    lines += ["", "## What the export leaves out", ""]
    for type_ in result.types:
        exporter = program.by_type[type_]
        skipped = result.skipped.get(type_, [])
        if not exporter.notes and not skipped:
            continue
        lines.append(f"- {exporter.resource.__name__}:")
        lines += [f"  - {note}" for note in exporter.notes]
        for item in skipped:
            label = f'"{one_line(item.label)}" ' if item.label else ""
            lines.append(f"  - not exported: {label}(`{item.id}`): {item.reason}")
    lines += [
        "- Empty lists are not declared (for example a role without permissions): such a",
        "  setting stays unmanaged until you declare it.",
        "",
        "## After adoption",
        "",
        "The program now owns these objects: removing a resource from it deletes the object",
        "from Kinde at the next `pulumi up`, and `pulumi destroy` deletes them all. `import_id`",
        "is only read when a resource is created; keeping it is harmless.",
        "",
        "Exporting again into a copy of this directory and diffing the two shows what changed",
        "in Kinde since: the output is sorted and holds no time stamps.",
    ]
    return "\n".join(lines) + "\n"
