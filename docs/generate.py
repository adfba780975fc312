"""Write docs/resources/<Resource>.md from each resource's docstring and field markers.

Run ``.venv/bin/python docs/generate.py``; ``tests/test_docs.py`` fails when the committed
pages differ from what this writes, so the reference never drifts from the code.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._fields import FieldInfo, field_behaviour
from pulumi_kinde.resources._resource import KindeResource

OUT = Path(__file__).resolve().parent / "resources"
_PARAM = re.compile(r":param (\w+):\s*(.*?)(?=\n\s*:param |\Z)", re.S)


def resources() -> list[type[KindeResource]]:
    return sorted(RESOURCE_TYPES, key=lambda c: c.__name__)


def page(resource: type[KindeResource]) -> str:
    doc = inspect.cleandoc(resource.__doc__ or "")
    summary, _, params = doc.partition(":param ")
    described = {n: " ".join(t.split()) for n, t in _PARAM.findall(":param " + params)}
    provider = resource.provider_class
    inputs = field_behaviour(provider.args_model)
    state = field_behaviour(provider.state_model)
    rows = []
    for name, info in inputs.items():
        marks = [
            m
            for m, on in (
                ("replaces", info.replace),
                ("secret", info.secret),
                ("write-only", info.write_only),
                ("set", info.unordered),
                ("not kept", info.transient),
                ("trigger", info.trigger),
            )
            if on
        ]
        required = provider.args_model.model_fields[name].is_required()
        rows.append(
            f"| `{name}` | {'yes' if required else ''} | {', '.join(marks)} | "
            f"{described.get(name, '')} |"
        )
    outputs = [f"- `{n}`{_output_marks(i)}" for n, i in state.items() if i.computed]
    lines = [
        f"# {resource.__name__}",
        "",
        summary.strip(),
        "",
        f"Kinde object: {provider.kind}. Python: `pulumi_kinde.{resource.__name__}`.",
        "",
        "| argument | required | behaviour | description |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
        "Every argument is also an output of the same name.",
    ]
    if outputs:
        lines += ["", "Outputs set by Kinde:", "", *outputs]
    return "\n".join(lines) + "\n"  # fmt: skip


def _output_marks(info: FieldInfo) -> str:
    marks = [m for m, on in (("secret", info.secret), ("shown once", info.shown_once)) if on]
    return f" ({', '.join(marks)})" if marks else ""


def pages() -> dict[str, str]:
    return {f"{r.__name__}.md": page(r) for r in resources()}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.md"):
        stale.unlink()
    for name, text in pages().items():
        (OUT / name).write_text(text)
    index = ["# Resources", ""] + [f"- [{n[:-3]}]({n})" for n in sorted(pages())]
    (OUT / "README.md").write_text("\n".join(index) + "\n")
    print(f"wrote {len(pages())} pages to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
