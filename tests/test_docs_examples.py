"""Every code example of README.md and docs/ works: programs run against the emulator, shell
commands are checked against what the code reads (see tests/docs_examples.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.testing import ProgramRunner, RunFailed
from tests.conftest import stack_config
from tests.docs_examples import (
    OUTPUT_LANGUAGES,
    PROGRAM_LANGUAGES,
    ROOT,
    SHELL_LANGUAGES,
    Block,
    Command,
    all_blocks,
    blocks,
    check,
    commands,
    markdown_files,
)

_PROGRAM_FILES = [
    p for p in markdown_files() if any(b.language in PROGRAM_LANGUAGES for b in blocks(p))
]
_SHELL_COMMANDS = [c for b in all_blocks() if b.language in SHELL_LANGUAGES for c in commands(b)]


def _program(block: Block) -> Callable[[], None]:
    # Padding keeps the Markdown's line numbers in tracebacks.
    code = compile("\n" * (block.line - 1) + block.code, str(block.path), "exec")

    def run() -> None:
        exec(code, {"__name__": "__main__"})

    return run


@pytest.mark.parametrize("path", _PROGRAM_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_program_examples_run(path: Path, emu: Emulator) -> None:
    ran = 0
    for block in blocks(path):
        if block.language not in PROGRAM_LANGUAGES or block.skip:
            continue
        config = {f"project:{key}": f"example-{key}" for key in block.config_keys()}
        runner = ProgramRunner(
            config=stack_config(emu, **config), secret_keys=["kinde:clientSecret", *config]
        )
        try:
            result = runner.up(_program(block), skip_preview=True)
        except RunFailed as error:
            pytest.fail(f"the example at {block.where} fails (fix it in {block.source}):\n{error}")
        assert result.ok and result.ops, f"{block.where}: the example declared nothing"
        ran += 1
    assert ran


@pytest.mark.parametrize("command", _SHELL_COMMANDS, ids=lambda c: c.id)
def test_shell_example(command: Command) -> None:
    try:
        reason = check(command)
    except AssertionError as error:
        pytest.fail(f"{command.id}: {error} (fix it in {command.block.source})")
    if reason is not None:
        pytest.skip(reason)


def test_every_block_is_an_example_or_output() -> None:
    known = PROGRAM_LANGUAGES | SHELL_LANGUAGES | OUTPUT_LANGUAGES
    unknown = [f"{b.where} ```{b.language}" for b in all_blocks() if b.language not in known]
    assert not unknown, (
        "say what each block is: ```python (a program, run), ```bash (commands, checked) or "
        f"```text (output): {unknown}"
    )
    skipped = [b for b in all_blocks() if b.language in PROGRAM_LANGUAGES and b.skip]
    assert all(b.skip and b.skip.strip() for b in skipped)


def test_each_resource_page_has_a_program_example() -> None:
    pages = {p.stem for p in _PROGRAM_FILES if p.parent.name == "resources"}
    assert pages == {r.__name__ for r in RESOURCE_TYPES}
