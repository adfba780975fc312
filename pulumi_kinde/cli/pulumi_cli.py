"""``pulumi-kinde pulumi-cli``: find or build the Pulumi CLI that ``try`` and the tests use."""

from __future__ import annotations

import argparse
import sys

from ..testing.pulumi_cli import PINNED_VERSION, CliUnavailable, ensure_cli

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "pulumi-cli",
        help=f"find a Pulumi CLI, or build v{PINNED_VERSION} from the Go module proxy (needs Go)",
        description=(
            "Find a Pulumi CLI (PULUMI_KINDE_PULUMI, a recent `pulumi` on PATH, or the cache), "
            f"else build v{PINNED_VERSION} into the cache (~/.cache/pulumi-kinde; a few "
            "minutes the first time). Prints the directory holding `pulumi`."
        ),
    )
    parser.add_argument(
        "--optional",
        action="store_true",
        help="when there is none and none can be built, say why and exit 0 (the real-engine "
        "tests then skip, saying why)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        cli = ensure_cli()
    except CliUnavailable as error:
        print(f"{'note' if args.optional else 'error'}: {error}", file=sys.stderr)
        return 0 if args.optional else 1
    print(cli.describe(), file=sys.stderr)
    print(cli.bin)
    return 0
