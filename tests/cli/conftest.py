"""Helpers for driving ``pulumi-kinde try`` as a user would, in this process."""

from __future__ import annotations

import io
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from pulumi_kinde.cli import main


@dataclass(frozen=True)
class Ran:
    """What one ``try`` command printed and returned."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def block(self, title: str) -> list[str]:
        """The lines of the step titled ``title`` (``"up:"``), up to the next step."""
        lines = self.lines
        start = lines.index(title)
        end = next(
            (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
        )
        return lines[start:end]


def run_try(*argv: str) -> Ran:
    """Run ``pulumi-kinde try ARGV`` and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["try", *argv])
    return Ran(code, out.getvalue(), err.getvalue())


def write_program(directory: Path, source: str) -> Path:
    """Write ``__main__.py`` (dedented) into ``directory``; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "__main__.py").write_text(textwrap.dedent(source))
    return directory
