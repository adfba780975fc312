"""``pulumi-kinde export DIR``: write a Pulumi program that adopts an existing Kinde business.

Reads the business with the provider's configuration (``KINDE_DOMAIN``, ``KINDE_CLIENT_ID``,
``KINDE_CLIENT_SECRET``, or ``KINDE_<PROFILE>_*`` with ``--profile``; the flags override
them) and writes DIR/__main__.py, Pulumi.yaml, README.md and requirements.txt. Every object
is declared with its ``import_id``, so the first ``pulumi up`` adopts it without writing to
Kinde. Nothing secret is written; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from ..client import ConfigurationError, KindeClient, KindeError, resolve_settings
from ..export import (
    EXPORTERS,
    PROJECT_FILES,
    ExportError,
    export_business,
    render_project,
    select_types,
    write_project,
)

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    types = ", ".join(e.type for e in EXPORTERS)
    optional = ", ".join(e.type for e in EXPORTERS if not e.default) or "none"
    parser = commands.add_parser(
        "export",
        help="write a Pulumi program that adopts an existing Kinde business",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            f"Types: {types}. Exported only when included: {optional}. "
            "--include adds a type to the default ones, with what belongs to it: "
            "--include user adds users, their memberships and property values. "
            "--only TYPE exports just the types named (and those --include adds)."
        ),
    )
    parser.add_argument("output", type=Path, help="the directory to write the project into")
    parser.add_argument("--profile", help="read KINDE_<PROFILE>_* settings (as the provider does)")
    parser.add_argument("--domain", help="the Kinde domain, e.g. acme.kinde.com")
    parser.add_argument("--client-id", help="the client id of an M2M application")
    parser.add_argument(
        "--client-secret", help="its client secret (prefer the KINDE_CLIENT_SECRET variable)"
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="TYPE",
        help=(
            "export this type too, with the types that belong to it (repeatable; 'all': every type)"
        ),
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TYPE",
        help="export only this type, not the default ones (repeatable)",
    )
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="TYPE", help="skip this type (repeatable)"
    )
    parser.add_argument(
        "--project", help="the Pulumi project name (default: the output directory's name)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite the files of an export")
    parser.add_argument(
        "--concurrency", type=int, default=4, help="objects read at a time (default: 4)"
    )
    parser.add_argument(
        "--max-requests-per-second", type=float, help="throttle requests to Kinde (default: none)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(handler=run)


def run(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Export the business ``args`` names; 0 on success, 1 if Kinde failed, 2 on bad usage."""
    out, err = out or sys.stdout, err or sys.stderr
    env = os.environ if env is None else env
    try:
        types = select_types(args.include, args.exclude, only=args.only)
    except ValueError as error:
        print(f"error: {error}", file=err)
        return 2
    if args.concurrency < 1:
        print("error: --concurrency must be at least 1", file=err)
        return 2
    output: Path = args.output
    existing = [name for name in PROJECT_FILES if (output / name).exists()]
    if existing and not args.force:
        print(
            f"error: {output} already holds {', '.join(existing)}; pass --force to overwrite",
            file=err,
        )
        return 2
    namespace = f"kinde-{args.profile}" if args.profile else "kinde"
    flags = {"domain": args.domain, "clientId": args.client_id, "clientSecret": args.client_secret}
    config = {f"{namespace}:{key}": value for key, value in flags.items() if value}
    try:
        settings = resolve_settings(config, env, profile=args.profile)
        if args.max_requests_per_second is not None:
            settings = replace(settings, max_requests_per_second=args.max_requests_per_second)
    except ConfigurationError as error:
        print(f"error: {error} (or pass --domain, --client-id and --client-secret)", file=err)
        return 2
    progress = None if args.quiet else (lambda line: print(line, file=err, flush=True))
    started = time.monotonic()
    with KindeClient(settings) as api:
        try:
            result = export_business(
                api, types=types, concurrency=args.concurrency, progress=progress
            )
        except (ExportError, KindeError) as error:
            print(f"error: {error}", file=err)
            return 1
    files = render_project(result, project=args.project or output.resolve().name)
    write_project(output, files)
    total = sum(result.counts().values())
    print(
        f"exported {total} objects from {result.domain} to {output} "
        f"({result.requests} requests, {time.monotonic() - started:.1f} s); "
        f"next: see {output / 'README.md'}",
        file=out,
    )
    return 0
