"""Write the reference from the code: one page per resource, lookups, configuration.

``.venv/bin/python docs/generate.py`` writes ``docs/resources/*.md``, ``docs/lookups.md``,
``docs/configuration.md`` and the generated blocks of ``README.md`` (between
``<!-- generated: NAME -->`` and ``<!-- end generated -->``); ``--check`` only says what is
stale. ``tests/test_docs.py`` fails when the committed files differ from what this writes, so
the reference never drifts from the code. Everything comes from ``RESOURCE_TYPES``, the
resources' docstrings, models and markers (``pulumi_kinde/resources/_reference.py``), the
lookups module and the client settings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _guides import configuration_page, lookups_page, readme_configuration
from _open_lists import EXTRA_SECTIONS
from _resource_pages import index, page, readme_table

from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._reference import Reference, reference

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
_BLOCK = re.compile(r"(<!-- generated: (\w+) -->\n).*?(<!-- end generated -->)", re.S)


def references() -> list[Reference]:
    return [reference(r) for r in sorted(RESOURCE_TYPES, key=lambda c: c.__name__)]


def _readme(current: str, refs: list[Reference]) -> str:
    blocks = {"resources": readme_table(refs), "configuration": readme_configuration()}

    def fill(match: re.Match[str]) -> str:
        return match[1] + "\n".join(blocks.pop(match[2])) + "\n" + match[3]

    text = _BLOCK.sub(fill, current)
    if blocks:
        names = ", ".join(blocks)
        raise LookupError(f"README.md lacks '<!-- generated: NAME -->' blocks for: {names}")
    return text


def outputs() -> dict[Path, str]:
    """Every generated file and its text."""
    refs = references()
    files = {DOCS / "resources" / f"{r.name}.md": page(r, EXTRA_SECTIONS.get(r.name)) for r in refs}
    files[DOCS / "resources" / "README.md"] = index(refs)
    files[DOCS / "lookups.md"] = lookups_page()
    files[DOCS / "configuration.md"] = configuration_page()
    readme = ROOT / "README.md"
    files[readme] = _readme(readme.read_text(), refs)
    return files


def stale() -> list[str]:
    """Generated files whose committed text differs, and pages no resource has any more."""
    expected = outputs()
    differ = [p for p, text in expected.items() if not p.is_file() or p.read_text() != text]
    gone = [p for p in (DOCS / "resources").glob("*.md") if p not in expected]
    return sorted(str(p.relative_to(ROOT)) for p in differ + gone)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = stale()
        for name in found:
            print(f"stale: {name}")
        return 1 if found else 0
    expected = outputs()
    for extra in (DOCS / "resources").glob("*.md"):
        if extra not in expected:
            extra.unlink()
    for path, text in expected.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {len(expected)} files ({len(references())} resource pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
