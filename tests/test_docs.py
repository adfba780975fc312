"""The reference pages in docs/resources are what docs/generate.py writes from the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_reference_pages_are_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("generate", DOCS / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    expected = generate.pages()
    written = {p.name: p.read_text() for p in (DOCS / "resources").glob("*.md")}
    written.pop("README.md", None)
    stale = sorted(n for n in expected.keys() | written.keys() if expected.get(n) != written.get(n))
    assert not stale, f"run .venv/bin/python docs/generate.py; stale pages: {stale}"
    assert len(expected) >= 24
