"""The code blocks of README.md and docs/, and how the docs tests check each one.

- ```` ```python ```` blocks are Pulumi programs: the blocks of one file run in order, each
  as its own stack, against one emulator (so a later block may look up what an earlier one
  made). ``pulumi.Config().require("x")`` / ``require_secret("x")`` get a made-up value.
- ```` ```bash ```` blocks are split into commands, each checked without running it:
  ``pulumi config set`` keys and ``export``-ed variables must be ones the provider reads,
  ``pulumi-kinde`` and emulator command lines must parse, ``pip install '.[x]'`` extras must
  exist. Commands that need the Pulumi CLI or install things are skipped, with the reason.
- A block preceded by ``<!-- example: skip REASON -->`` is skipped with that reason;
  ```` ```text ```` blocks are output, not examples.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import tomllib

from pulumi_kinde.cli.main import build_parser
from pulumi_kinde.client import setting_sources
from pulumi_kinde.emulator.__main__ import _parser as emulator_parser
from pulumi_kinde.resources import _context

ROOT = Path(__file__).resolve().parent.parent
PROGRAM_LANGUAGES = {"python", "py"}
SHELL_LANGUAGES = {"bash", "sh", "shell"}
OUTPUT_LANGUAGES = {"text"}

_FENCE = re.compile(r"^```(\S*)\s*$")
_SKIP = re.compile(r"^<!-- example: skip (.+?) -->$")
_CONFIG = re.compile(r"""\.(?:require|get)(?:_secret)?\(\s*["'](\w+)["']""")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    """Line number (1-based) of the block's first code line."""
    language: str
    code: str
    skip: str | None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def source(self) -> str:
        """Where to fix the block: generated pages come from code."""
        relative = self.path.relative_to(ROOT)
        if relative.parts[:2] == ("docs", "resources"):
            return (
                f"the 'Example::' of the docstring of pulumi_kinde.{self.path.stem} "
                "(then run .venv/bin/python docs/generate.py)"
            )
        if relative in (Path("docs/lookups.md"), Path("docs/configuration.md")):
            return "docs/_guides.py (then run .venv/bin/python docs/generate.py)"
        return str(relative)

    def config_keys(self) -> list[str]:
        """Keys the program reads from its own stack config."""
        return sorted(set(_CONFIG.findall(self.code)))


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(path: Path) -> list[Block]:
    found: list[Block] = []
    lines = path.read_text().splitlines()
    skip: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        marker, fence = _SKIP.match(line.strip()), _FENCE.match(line)
        if marker:
            skip = marker[1]
        elif fence:
            end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
            code = "\n".join(lines[index + 1 : end])
            found.append(Block(path, index + 2, fence[1], code, skip))
            skip, index = None, end
        elif line.strip():
            skip = None
        index += 1
    return found


def all_blocks() -> list[Block]:
    return [b for path in markdown_files() for b in blocks(path)]


# -- shell commands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    block: Block
    line: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.block.path.relative_to(ROOT)}:{self.line} {self.text[:40]}"


def commands(block: Block) -> list[Command]:
    """The commands of a shell block: continuations joined, comments dropped, ``&&`` split."""
    found: list[Command] = []
    pending, start = "", block.line
    for offset, raw in enumerate(block.code.splitlines()):
        text = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not pending:
            start = block.line + offset
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        whole, pending = (pending + text).strip(), ""
        found += [Command(block, start, part.strip()) for part in whole.split("&&") if part.strip()]
    return found


def known_variables() -> set[str]:
    return {var for _, _, var in setting_sources(None)} | {_context.LOG_VARIABLE}


def _known_variable(name: str) -> bool:
    """Whether the provider reads ``name`` (for a profile too: ``KINDE_PROD_DOMAIN``)."""
    if name in known_variables():
        return True
    for _, _, var in setting_sources(None):
        suffix = var.removeprefix("KINDE_")
        middle = name.removeprefix("KINDE_").removesuffix(f"_{suffix}")
        if name.startswith("KINDE_") and name.endswith(f"_{suffix}") and middle:
            return name in {v for _, _, v in setting_sources(middle.lower())}
    return False


def _config_key(key: str) -> None:
    namespace, _, _ = key.partition(":")
    profile = namespace.removeprefix("kinde-") if namespace.startswith("kinde-") else None
    known = _context.config_keys(profile)
    assert key in known, f"stack config key {key!r} is not read by the provider; known: {known}"


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors):
            return parser.parse_args(argv)
    except SystemExit:
        raise AssertionError(f"{parser.prog} {shlex.join(argv)}: {errors.getvalue()}") from None


def _cli(argv: list[str]) -> None:
    args = _parse(build_parser(), argv)
    program = getattr(args, "program", None)
    if program is not None:
        assert (ROOT / program / "__main__.py").is_file(), f"{program} holds no __main__.py"


def _extras() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return set(project["optional-dependencies"])


def check(command: Command) -> str | None:
    """Check ``command`` without running it; return why it is skipped, or ``None``."""
    if command.block.skip:
        return command.block.skip
    argv = shlex.split(command.text)
    program = Path(argv[0]).name
    if argv[0] == "export":
        for item in argv[1:]:
            name = item.partition("=")[0]
            assert _known_variable(name), f"{name} is not an environment variable we read"
        return None
    if argv[:3] == ["pulumi", "config", "set"]:
        key = next(a for a in argv[3:] if not a.startswith("-"))
        if not key.startswith("kinde"):
            return "a program's own stack config key: the program's example reads it"
        _config_key(key)
        return None
    if program == "pulumi":
        return "needs the Pulumi CLI"
    if program == "pulumi-kinde":
        _cli(argv[1:])
        return None
    if program.startswith("python") and argv[1:2] == ["-m"]:
        module, rest = argv[2], argv[3:]
        if module == "pulumi_kinde":
            _cli(rest)
            return None
        if module == "pulumi_kinde.emulator":
            _parse(emulator_parser(), rest)
            return None
        if module == "venv":
            return "creates a virtual environment"
    if program.startswith("python") and argv[1].endswith(".py"):
        assert (ROOT / argv[1]).is_file(), f"{argv[1]} does not exist"
        return "runs a repository script (it has its own tests)"
    if program.startswith("pip") and argv[1:2] == ["install"]:
        for extra in re.findall(r"\[([\w,-]+)\]", command.text):
            missing = set(extra.split(",")) - _extras()
            assert not missing, f"pyproject.toml has no extra {sorted(missing)}"
        return "installs packages"
    if program in ("pytest", "ruff", "mypy"):
        return "runs the development tools"
    raise AssertionError(
        f"no rule checks {command.text!r}: add one to tests/docs_examples.py, or put "
        "'<!-- example: skip REASON -->' on the line before its block"
    )
