"""``pulumi-kinde try PROGRAM``: run a Pulumi program against the local emulator.

Without the Pulumi CLI or a Kinde account: start the emulator, then preview, up, a second
up (which must change nothing), refresh and destroy the program through the same engine
stand-in the test suite uses, printing what each step did and how many API requests it sent.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..emulator import Emulator
from ..testing import ProgramRunner, RunFailed, RunResult

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "try",
        help="run a Pulumi program against the local Kinde emulator, then destroy it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("program", type=Path, help="a directory holding __main__.py")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="stack config for the program, e.g. siteUrl=https://example.com (repeatable)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="skip the destroy and keep the emulator running"
    )
    parser.set_defaults(handler=run)


def _describe(result: RunResult, requests: int, seconds: float) -> str:
    counts: dict[str, int] = {}
    for op in result.ops.values():
        counts[op] = counts.get(op, 0) + 1
    steps = ", ".join(f"{n} {op}" for op, n in sorted(counts.items())) or "nothing"
    return f"{result.operation:<8} {steps:<40} {requests:>4} API requests  {seconds:6.2f} s"


def run(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    program = args.program.resolve()
    if not (program / "__main__.py").is_file():
        print(f"error: {program} has no __main__.py", file=sys.stderr)
        return 2
    user_config: dict[str, str] = {}
    for item in args.config:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"error: --config {item!r} is not KEY=VALUE", file=sys.stderr)
            return 2
        user_config[key if ":" in key else f"{program.name}:{key}"] = value
    with Emulator() as emu:
        runner = ProgramRunner(
            config={
                "kinde:domain": emu.url,
                "kinde:clientId": emu.client_id,
                "kinde:clientSecret": emu.client_secret,
                **user_config,
            },
            secret_keys=["kinde:clientSecret"],
            project=program.name,
        )
        print(f"emulator at {emu.url}; program {program}", file=out)
        steps: list[tuple[str, Callable[[], RunResult]]] = [
            ("preview", lambda: runner.preview(program)),
            ("up", lambda: runner.up(program, skip_preview=True)),
            ("up", lambda: runner.up(program, skip_preview=True)),
            ("refresh", runner.refresh),
        ]
        if not args.keep:
            steps.append(("destroy", runner.destroy))
        shown_outputs = False
        for name, step in steps:
            emu.reset_log()
            started = time.perf_counter()
            try:
                result = step()
            except RunFailed as failure:
                print(f"{name} failed:\n{failure}", file=out)
                return 1
            print(
                _describe(result, len(emu.api_requests()), time.perf_counter() - started), file=out
            )
            if name == "up" and result.outputs and not shown_outputs:
                shown_outputs = True
                for key, output in sorted(result.outputs.items()):
                    shown = "[secret]" if output.secret else output.value
                    print(f"    {key} = {shown}", file=out)
        if args.keep:
            print("emulator keeps running; Ctrl-C to stop", file=out)
            with contextlib.suppress(KeyboardInterrupt):
                emu.serve_forever()
    return 0
