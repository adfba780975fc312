"""How the cost of a preview grows with the program, under each engine.

Run from the repository root::

    .venv/bin/python benchmarks/growth.py [--sizes 100,200,300] [--engines standin,pulumi]
        [--repeat 1] [--markdown]

For each N, writes a program of N organizations, each with a user and a membership
(``kinde.Organization``, ``kinde.User``, ``kinde.OrganizationUser``: 3N resources, the
membership waiting for the other two), and times
``python -m pulumi_kinde try DIR --preview --engine E`` on it: a fresh process, a fresh
emulator, the whole command (start-up, program, engine, provider processes) as a user pays it.
Every preview must plan 3N creates and send 0 API requests, else the run fails.

The sizes run interleaved (100, 200, 300, then the next engine), so load from other work hits
each alike; ``--repeat K`` runs the whole round K times and keeps each cell's fastest time.
Prints a table of seconds per engine and size, and the ratio t(largest)/t(smallest) against
the ratio of the sizes: linear growth gives a ratio near the sizes' (3.0 for 300/100).
Exits 1 if a preview failed, sent a request, or if t(largest)/t(smallest), of the preview or
of the CPU, exceeds 1.25 times the sizes' ratio (``--max-excess``; 3.75 for 300/100).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from run import table  # benchmarks/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent

PROGRAM = '''\
"""{count} organizations, each with a user who is a member of it: {resources} resources."""

import pulumi_kinde as kinde

for i in range({count}):
    org = kinde.Organization(f"org-{{i}}", name=f"Org {{i}}", handle=f"org-{{i}}")
    user = kinde.User(
        f"user-{{i}}",
        given_name="User",
        family_name=f"Number {{i}}",
        emails=[f"user-{{i}}@org-{{i}}.example"],
    )
    kinde.OrganizationUser(f"member-{{i}}", organization_code=org.code, user_id=user.id)
'''

_SUMMARY = re.compile(r"^\s+(\d+) to create; (\d+) API requests?\b.*?; ([\d.]+) s$", re.M)


@dataclass(frozen=True)
class Timed:
    """One ``try --preview``."""

    engine: str
    count: int
    seconds: float
    """The whole command, process start to exit."""
    cpu_seconds: float
    """CPU time of the command and every process it started and waited for (the Pulumi CLI,
    provider processes): less sensitive than wall time to other work on the machine."""
    preview_seconds: float
    """The preview alone, as ``try`` reports it."""
    creates: int
    requests: int
    error: str = ""


def write_program(directory: Path, count: int) -> Path:
    """A program directory (``__main__.py``) of ``count`` organizations with a member each."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "__main__.py").write_text(PROGRAM.format(count=count, resources=3 * count))
    return directory


def try_preview(program: Path, engine: str, count: int, timeout: float) -> Timed:
    """Time ``python -m pulumi_kinde try PROGRAM --preview --engine ENGINE``."""
    command = [sys.executable, "-m", "pulumi_kinde", "try", str(program), "--preview"]
    command += ["--engine", engine]
    before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - before
    found = _SUMMARY.search(done.stdout)
    if done.returncode or found is None:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        return Timed(engine, count, seconds, cpu, 0.0, 0, 0, f"exit {done.returncode}:\n{tail}")
    creates, requests, preview = int(found[1]), int(found[2]), float(found[3])
    error = ""
    if creates != 3 * count:
        error = f"planned {creates} creates, not {3 * count}"
    elif requests:
        error = f"a preview sent {requests} API requests"
    return Timed(engine, count, seconds, cpu, preview, creates, requests, error)


def _fastest(one: Timed, other: Timed) -> Timed:
    """Each measure's smallest value over two runs of one cell."""
    return replace(
        one,
        seconds=min(one.seconds, other.seconds),
        cpu_seconds=min(one.cpu_seconds, other.cpu_seconds),
        preview_seconds=min(one.preview_seconds, other.preview_seconds),
    )


def _ratio(new: float, old: float) -> float:
    return new / old if old else float("inf")


def _children_cpu() -> float:
    """User and system CPU seconds of the children waited for so far (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def engines_available(wanted: str | None) -> list[str]:
    """``--engines``, or both when a Pulumi CLI is found (else the stand-in, saying why)."""
    if wanted:
        return [name.strip() for name in wanted.split(",") if name.strip()]
    from pulumi_kinde.testing.engines import choose_engine

    choice = choose_engine("auto")
    if choice.name == "pulumi":
        return ["standin", "pulumi"]
    print(f"note: only the stand-in: {choice.note}", file=sys.stderr)
    return ["standin"]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,200,300",
        help="organizations per program, comma-separated (each brings 3 resources)",
    )
    parser.add_argument(
        "--engines",
        default=None,
        help="standin, pulumi or both, comma-separated (default: both when a Pulumi CLI is "
        "found, else standin)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds; each cell keeps its smallest times"
    )
    parser.add_argument(
        "--max-excess",
        type=float,
        default=1.25,
        help="fail when t(largest)/t(smallest) exceeds this times the sizes' ratio",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per preview")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    options = parse(argv)
    sizes = sorted({int(size) for size in options.sizes.split(",")})
    engines = engines_available(options.engines)
    print("$", shlex.join(sys.orig_argv))
    print(
        f"try --preview of N organizations, each with a user and a membership (3N resources); "
        f"engines {', '.join(engines)}; {options.repeat} round(s); {os.cpu_count()} cores\n",
        flush=True,
    )
    best: dict[tuple[str, int], Timed] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kinde-growth-") as scratch:
        programs = {n: write_program(Path(scratch) / f"orgs{n}", n) for n in sizes}
        for round_ in range(options.repeat):
            for engine in engines:
                for n in sizes:
                    timed = try_preview(programs[n], engine, n, options.timeout)
                    print(
                        f"  round {round_ + 1}: {engine:7} N={n:<4} {timed.seconds:6.1f} s "
                        f"(preview {timed.preview_seconds:.1f} s, CPU {timed.cpu_seconds:.1f} s; "
                        f"{timed.creates} creates, "
                        f"{timed.requests} requests){' FAILED' if timed.error else ''}",
                        flush=True,
                    )
                    if timed.error:
                        failures.append(f"{engine} N={n}: {timed.error}")
                    kept = best.get((engine, n))
                    best[engine, n] = timed if kept is None else _fastest(kept, timed)
    low, high = sizes[0], sizes[-1]
    expected = high / low
    headers = ["engine", "N", "resources", "command", "preview", "CPU (all processes)"]
    rows = [
        [engine, str(n), str(3 * n), f"{t.seconds:.1f} s", f"{t.preview_seconds:.1f} s",
         f"{t.cpu_seconds:.1f} s"]
        for engine in engines
        for n in sizes
        for t in [best[engine, n]]
    ]  # fmt: skip
    ratio_headers = ["engine", f"t({high})/t({low}): command", "preview", "CPU", "linear"]
    ratio_rows = []
    for engine in engines:
        first, last = best[engine, low], best[engine, high]
        ratios = [
            _ratio(last.seconds, first.seconds),
            _ratio(last.preview_seconds, first.preview_seconds),
            _ratio(last.cpu_seconds, first.cpu_seconds),
        ]
        ratio_rows.append([engine, *(f"{r:.2f}" for r in ratios), f"{expected:.1f}"])
        worst = max(ratios[1:])
        if len(sizes) > 1 and worst > options.max_excess * expected:
            failures.append(
                f"{engine}: t({high})/t({low}) = {worst:.2f} (preview or CPU), more than "
                f"{options.max_excess:g} x {expected:.1f}: superlinear"
            )
    print("\n" + table(headers, rows, options.markdown))
    print("\n" + table(ratio_headers, ratio_rows, options.markdown))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
