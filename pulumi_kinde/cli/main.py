"""Entry point of ``pulumi-kinde`` and ``python -m pulumi_kinde``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import export, pulumi_cli, try_program


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (the docs tests check documented commands with it)."""
    parser = argparse.ArgumentParser(
        prog="pulumi-kinde", description="Tools for managing a Kinde business with Pulumi."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    try_program.add_parser(commands)
    export.add_parser(commands)
    pulumi_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
