"""The page of each resource, the index of resources and the README's resource table."""

from __future__ import annotations

from collections.abc import Callable

from _markdown import bullets, code, md, table

from pulumi_kinde.resources._fields import Replace, Secret, Unordered, WriteOnly
from pulumi_kinde.resources._reference import Argument, Reference

__all__ = ["index", "page", "readme_table", "replaced_when", "short_scopes"]

_VERB_LETTERS = {"create": "c", "read": "r", "update": "u", "delete": "d"}

MARKERS = (
    ("required", "the argument must be given"),
    ("replaces", Replace.doc),
    ("write-only", WriteOnly.doc),
    ("set", Unordered.doc),
    ("secret", Secret.doc),
)


def short_scopes(scopes: tuple[str, ...]) -> str:
    """``("create:apis", "read:apis")`` as ``crd:apis``-style shorthand, in first-seen order."""
    areas: dict[str, str] = {}
    for scope in scopes:
        verb, _, area = scope.partition(":")
        areas[area] = areas.get(area, "") + _VERB_LETTERS[verb]
    return ", ".join(f"`{letters}:{area}`" for area, letters in areas.items())


def replaced_when(ref: Reference) -> str:
    if ref.replaced_when is None:
        return "any change"
    if not ref.replaced_when:
        return "never"
    return ", ".join(f"`{n}`" for n in ref.replaced_when) + " change"


def _argument_row(arg: Argument) -> tuple[str, ...]:
    markers = (("required",) if arg.required else ()) + arg.markers
    default = f"`{arg.default}`" if arg.default else ""
    return (
        f"`{arg.name}`",
        f"`{arg.type}`",
        default,
        "; ".join(arg.limits),
        ", ".join(markers),
        md(arg.description),
    )


def page(ref: Reference, extra: Callable[[], list[str]] | None = None) -> str:
    lines = [f"# {ref.name}", "", md(ref.summary), ""]
    for paragraph in ref.paragraphs:
        lines += [md(paragraph), ""]
    if ref.example:
        lines += ["## Example", "", *code(ref.example), ""]
    lines += [
        "## Arguments",
        "",
        f"`pulumi_kinde.{ref.name}(resource_name, **arguments)`. Every argument also takes a "
        "`pulumi.Output` of its type. An argument left out whose default is `None` is not "
        "managed: Kinde's value stays as it is. Markers are explained in "
        "[the index](README.md#markers).",
        "",
        *table(
            ["argument", "type", "default", "limits", "markers", "description"],
            [_argument_row(a) for a in ref.arguments],
        ),
        "",
    ]
    if extra is not None:
        lines += [*extra(), ""]
    lines += [
        "## Outputs",
        "",
        *table(
            ["output", "type", "description"],
            [("`id`", "`str`", f"The Pulumi id: {md(ref.id_format)}.")]
            + [
                (f"`{o.name}`", f"`{o.type}`", md(o.description) + (" Secret." if o.secret else ""))
                for o in ref.outputs
            ],
        ),
        "",
        "## Id and import",
        "",
        f"The id, and `import_id`, is {md(ref.id_format)}. {md(ref.find_id)}",
        "",
        f"`import_id=` adopts the existing object on the first `up` (writing only what differs "
        f"from your declaration); `kinde.{ref.name}.get(name, id)` references it read-only.",
        "",
        "## Management API scopes",
        "",
        "The M2M application of the provider needs: "
        + ", ".join(f"`{s}`" for s in ref.scopes)
        + ".",
        "",
    ]
    if ref.limitations:
        lines += ["## Kinde's limitations", "", *bullets(md(t) for t in ref.limitations), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def index(refs: list[Reference]) -> str:
    lines = [
        "# Resources",
        "",
        "One page per resource, generated from its code by `docs/generate.py`. See also "
        "[lookups](../lookups.md) and [configuration](../configuration.md).",
        "",
        *table(
            ["resource", "summary"], [(f"[`{r.name}`]({r.name}.md)", md(r.summary)) for r in refs]
        ),
        "",
        "## Markers",
        "",
        *bullets(f"**{name}**: {text}." for name, text in MARKERS),
        "",
        "## Every resource",
        "",
        *bullets(
            [
                "takes `import_id` to adopt an existing Kinde object (Pulumi's own `import` does "
                "not work for dynamic providers), `profile` to manage another business (see "
                "[configuration](../configuration.md)) and `opts` (`pulumi.ResourceOptions`);",
                "has `get(resource_name, id, opts=None, *, profile=None)`: a read-only reference "
                "to an existing object;",
                "fails `pulumi preview` when an argument breaks a limit shown on its page, naming "
                "the argument.",
            ]
        ),
        "",
        "Where the Kinde admin UI shows an object follows docs.kinde.com; the UI changes over "
        "time, so each page also names a lookup or an API call that finds the id. "
        "`pulumi-kinde export DIR` writes a program that declares every object of a business "
        "with its `import_id`: the quickest way to find ids.",
    ]
    return "\n".join(lines) + "\n"


def readme_table(refs: list[Reference]) -> list[str]:
    return table(
        ["resource", "id / `import_id`", "replaced when", "scopes", "notes"],
        [
            (
                f"[`{r.name}`](docs/resources/{r.name}.md)",
                md(r.id_format),
                replaced_when(r),
                short_scopes(r.scopes),
                md(r.limitations[0]).split(": ")[0] if r.limitations else "",
            )
            for r in refs
        ],
    )
