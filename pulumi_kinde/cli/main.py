"""Entry point of ``pulumi-kinde`` and ``python -m pulumi_kinde``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import export, try_program


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pulumi-kinde", description="Tools for managing a Kinde business with Pulumi."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    try_program.add_parser(commands)
    export.add_parser(commands)
    args = parser.parse_args(argv)
    return int(args.handler(args))
