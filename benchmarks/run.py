"""Benchmark pulumi-kinde against the local emulator, through the engine stand-in and the real
Pulumi engine.

Run from the repository root::

    .venv/bin/python benchmarks/run.py [--resources 200] [--latency 0.05] [--rate-limit 10]
        [--concurrency 16] [--max-requests-per-second R] [--max-concurrent-requests N]
        [--engines standin,pulumi] [--markdown] [--baseline REV] [--update-readme]

Prints three tables: a program of N mixed resources (create, no-change, preview, refresh,
destroy), once per engine with the engines' rows next to each other (``--engines``; both when
a Pulumi CLI is found, else the stand-in), a summary per engine (tokens, 429s, failures,
``__provider`` size) with the import times, and the requests each resource type sends per
operation (every lifecycle case of tests/resources: one declaration per type, the same the
lifecycle suite runs; on the stand-in). Exits 1 if any run of either engine failed or a
no-change run or preview sent a request. ``--update-readme`` measures the per-type table only
and writes it into README.md; ``--baseline`` compares provider code on the stand-in. See
benchmarks/README.md for what each number means, and benchmarks/growth.py for how the cost
grows with the program.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner, RunFailed
from pulumi_kinde.testing.engines import Runner, choose_engine
from pulumi_kinde.testing.engines import make_runner as make_engine_runner

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the lifecycle cases live in the repository's tests

from tests.resources.all_cases import ALL_CASES, api_client, label  # noqa: E402
from tests.resources.cases import Case  # noqa: E402

Program = Callable[[], None]
Args = dict[str, Any]

METHODS = ("POST", "PUT", "PATCH", "GET", "DELETE")
IMPORT_RUNS = 5


# -- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """What one engine operation cost, from the emulator's point of view."""

    operation: str
    seconds: float
    methods: Counter[str]
    """API requests sent (429 answers included), by HTTP method."""
    tokens: int
    throttled: int
    """Requests answered 429."""
    failures: int

    @property
    def requests(self) -> int:
        return sum(self.methods.values())

    def breakdown(self) -> str:
        """E.g. ``"3 (POST 1, PATCH 1, GET 1)"``."""
        if not self.requests:
            return "0"
        parts = [f"{m} {self.methods[m]}" for m in METHODS if self.methods[m]]
        parts += [f"{m} {n}" for m, n in self.methods.items() if m not in METHODS]
        return f"{self.requests} ({', '.join(parts)})"


def measure(emu: Emulator, operation: str, run: Callable[[], object]) -> Measured:
    """Run one operation and count what reached the emulator meanwhile."""
    emu.reset_log()
    tokens_before = emu.token_requests
    started = time.perf_counter()
    failures = 0
    try:
        run()
    except RunFailed as failed:
        failures = max(1, len(failed.errors) + len(failed.result.check_failures))
        for error in failed.errors[:3]:
            print(f"  {operation}: {str(error)[:300]}", file=sys.stderr)
    seconds = time.perf_counter() - started
    records = emu.requests
    return Measured(
        operation=operation,
        seconds=seconds,
        methods=Counter(r.method for r in records if not r.is_token_request),
        tokens=emu.token_requests - tokens_before,
        throttled=sum(1 for r in records if r.status == 429),
        failures=failures,
    )


def make_runner(
    emu: Emulator,
    options: argparse.Namespace,
    provider_path: str | None = None,
    engine: str = "standin",
) -> Runner:
    """A stack on ``emu``, with the provider's client-side throttle from the options; the
    provider imports pulumi_kinde from ``provider_path`` when given (a baseline's code).
    ``engine`` is ``standin`` (:class:`ProgramRunner`) or ``pulumi`` (the real Pulumi CLI,
    :class:`~pulumi_kinde.testing.pulumi_engine.PulumiRunner`, with the same ``--parallel``)."""
    config = {
        "kinde:domain": emu.url,
        "kinde:clientId": emu.client_id,
        "kinde:clientSecret": emu.client_secret,
    }
    if options.max_requests_per_second is not None:
        config["kinde:maxRequestsPerSecond"] = str(options.max_requests_per_second)
    if options.max_concurrent_requests is not None:
        config["kinde:maxConcurrentRequests"] = str(options.max_concurrent_requests)
    if engine == "pulumi":
        if provider_path:
            raise ValueError("a baseline's provider code is measured on the stand-in only")
        return make_engine_runner(
            choose_engine("pulumi"),
            config=config,
            secret_keys=["kinde:clientSecret"],
            parallel=options.concurrency,
        )
    return ProgramRunner(
        config=config,
        secret_keys=["kinde:clientSecret"],
        # PYTHONSAFEPATH: `python -m pulumi.dynamic` would put the working directory (this
        # tree) ahead of PYTHONPATH (3.11+; the baseline needs it to be measured at all).
        env={"PYTHONPATH": provider_path, "PYTHONSAFEPATH": "1"} if provider_path else {},
        parallel=options.concurrency,
        run_timeout=900.0,
    )


# -- the programs ------------------------------------------------------------------------

# One "team" of ten resources; a program of N resources repeats it and cuts it at N.
MIX = (
    "api",
    "application",
    "application",
    "connection",
    "organization",
    "organization",
    "role",
    "role",
    "application",
    "webhook",
)


def mixed_program(count: int) -> Program:
    """N resources of the six types, with unique names and keys; each connection is
    enabled for the two applications declared just before it."""

    def program() -> None:
        apps: list[kinde.Application] = []
        for i in range(count):
            kind = MIX[i % len(MIX)]
            name = f"{kind}-{i}"
            if kind == "api":
                kinde.Api(name, name=f"API {i}", audience=f"https://api-{i}.example.com")
            elif kind == "application":
                apps.append(kinde.Application(name, **APPLICATION, name=f"App {i}"))
            elif kind == "connection":
                enabled: list[pulumi.Input[str]] = [app.id for app in apps[-2:]]
                kinde.Connection(name, **CONNECTION, name=f"conn-{i}", enabled_applications=enabled)
            elif kind == "organization":
                kinde.Organization(name, **ORGANIZATION, name=f"Org {i}", handle=f"org-{i}")
            elif kind == "role":
                kinde.Role(name, key=f"role-{i}", name=f"Role {i}", description="Benchmark")
            else:
                kinde.Webhook(name, **WEBHOOK, endpoint=f"https://hooks.example/{i}")

    return program


APPLICATION: Args = {
    "type": "reg",
    "redirect_uris": ["https://app.example/callback"],
    "logout_uris": ["https://app.example"],
    "is_ask_for_name": True,
    "access_token_lifetime": 3600,
}
CONNECTION: Args = {
    "display_name": "Google",
    "strategy": "oauth2:google",
    "options": {"client_id": "gid", "client_secret": "google-oauth-secret"},
}
ORGANIZATION: Args = {"button_color": "#0a7cff", "allowed_domains": ["acme.example"]}
WEBHOOK: Args = {"name": "Audit", "event_types": ["user.created", "user.deleted"]}


TYPE_CASES: dict[str, Case] = {label(case): case for case in ALL_CASES}
"""One row per lifecycle case (tests/resources): every resource type, declared as the
lifecycle suite declares it, so the README's table and the test that holds creates to it
(tests/resources/test_lifecycle.py) measure the same thing."""

OPERATIONS = ("create", "no-change", "refresh", "update", "replace", "delete")


def single(case: Case, args: Args) -> Program:
    """A program declaring one resource of ``case``'s type, named ``it``."""

    def program() -> None:
        case.resource("it", **args)

    return program


# -- the benchmarks ----------------------------------------------------------------------


def bench_program(
    options: argparse.Namespace, provider_path: str | None = None, engine: str = "standin"
) -> tuple[list[Measured], list[int]]:
    """The N-resource program's lifecycle on ``engine``; also the ``__provider`` sizes after
    create. A fresh emulator, with the options' latency and rate limit, for each call."""
    program = mixed_program(options.resources)
    with Emulator() as emu:
        emu.faults.set_latency(options.latency)
        emu.faults.set_rate_limit(options.rate_limit or None)
        runner = make_runner(emu, options, provider_path, engine)
        try:
            rows = [measure(emu, "create", lambda: runner.up(program, skip_preview=True))]
            sizes = sorted(len(p) for p in runner.serialized_providers())
            rows.append(measure(emu, "no-change up", lambda: runner.up(program, skip_preview=True)))
            rows.append(measure(emu, "preview (unchanged)", lambda: runner.preview(program)))
            rows.append(measure(emu, "refresh", runner.refresh))
            rows.append(measure(emu, "destroy", runner.destroy))
        finally:
            runner.close()
    return rows, sizes


def bench_type(
    case: Case,
    options: argparse.Namespace,
    provider_path: str | None = None,
    operations: Sequence[str] = OPERATIONS,
) -> dict[str, Measured | None]:
    """Requests per operation for one instance of one type (no latency, no rate limit).

    What the case's object needs (an API for a scope, say) is made first, behind Pulumi's
    back, and not counted. ``-`` (``None``) where the type has no such operation.
    """
    with Emulator() as emu:
        runner = make_runner(emu, options, provider_path)
        with api_client(emu) as api:
            made = case.setup(api) if case.setup else {}
            created = {**case.create, **made}
            updated = {**created, **(case.update or {})}
            changes = case.replace_with(api, made) if case.replace_with else case.replace
        replaced = {**updated, **changes} if changes is not None else None

        def up(args: Args | None) -> Callable[[], object] | None:
            return (
                None if args is None else lambda: runner.up(single(case, args), skip_preview=True)
            )

        steps = {  # in this order
            "create": up(created),
            "no-change": up(created),
            "refresh": runner.refresh,
            "update": up(updated) if case.update is not None else None,
            "replace": up(replaced),
            "delete": runner.destroy,
        }
        return {
            operation: measure(emu, f"{label(case)} {operation}", run) if run else None
            for operation, run in steps.items()
            if operation in operations
        }


def _import_ms(statement: str, module: str) -> float:
    """``module``'s cumulative import time (-X importtime) when a fresh interpreter runs
    ``statement``."""
    command = [sys.executable, "-X", "importtime", "-c", statement]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    for line in done.stderr.splitlines():
        fields = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1]) / 1000
    raise RuntimeError(f"{module} was not imported by {statement!r}")


def import_times_ms() -> dict[str, float]:
    """Median import times over paired runs (taken in turn, so load hits each alike):
    ``import pulumi``, ``import pulumi_kinde``, and a provider process's import of the one
    module it unpickles (``pulumi_kinde.resources.role``)."""
    runs: dict[str, list[float]] = {"pulumi": [], "pulumi_kinde": [], "one resource": []}
    for _ in range(IMPORT_RUNS):
        runs["pulumi"].append(_import_ms("import pulumi", "pulumi"))
        runs["pulumi_kinde"].append(_import_ms("import pulumi_kinde", "pulumi_kinde"))
        runs["one resource"].append(
            _import_ms("import pulumi_kinde.resources.role", "pulumi_kinde.resources.role")
        )
    return {name: statistics.median(times) for name, times in runs.items()}


# -- output ------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """A GitHub-flavoured Markdown table, or plain aligned columns."""
    if markdown:
        lines = [headers, ["---"] * len(headers), *rows]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def program_table(runs: dict[str, list[Measured]], markdown: bool) -> str:
    """One row per operation and engine, the engines of an operation next to each other."""
    headers = ["operation", "engine", "wall time", "API requests", "token requests", "429s",
               "failures"]  # fmt: skip
    cells = [
        [m.operation, engine, f"{m.seconds:.1f} s", m.breakdown(), str(m.tokens),
         str(m.throttled), str(m.failures)]
        for index in range(max(len(rows) for rows in runs.values()))
        for engine, rows in runs.items()
        if index < len(rows)
        for m in [rows[index]]
    ]  # fmt: skip
    return table(headers, cells, markdown)


def summary_table(
    runs: dict[str, tuple[list[Measured], list[int]]], imports: dict[str, float], markdown: bool
) -> str:
    """Per engine: tokens, 429s, failures, ``__provider`` size; then the import times (one
    provider process, whichever engine starts it: the same for all)."""

    def per_engine(measure: Callable[[list[Measured], list[int]], str]) -> list[str]:
        return [measure(rows, sizes) for rows, sizes in runs.values()]

    def once(value: str) -> list[str]:
        return [value, *(["same"] * (len(runs) - 1))]

    cells = [
        ["token requests per provider process (max)",
         *per_engine(lambda rows, _: str(max((m.tokens for m in rows if m.requests), default=0)))],
        ["429 answers met", *per_engine(lambda rows, _: str(sum(m.throttled for m in rows)))],
        ["failures", *per_engine(lambda rows, _: str(sum(m.failures for m in rows)))],
        ["`__provider` bytes per resource (min / max)",
         *per_engine(lambda _, sizes: f"{min(sizes)} / {max(sizes)}" if sizes else "-")],
        [f"`import pulumi` (median of {IMPORT_RUNS} paired runs)",
         *once(f"{imports['pulumi']:.0f} ms")],
        ["`import pulumi_kinde`", *once(f"{imports['pulumi_kinde']:.0f} ms "
         f"({imports['pulumi_kinde'] / imports['pulumi']:.2f}x `import pulumi`)")],
        ["`import pulumi_kinde.resources.role` (what a provider process loads)",
         *once(f"{imports['one resource']:.0f} ms "
               f"({imports['one resource'] / imports['pulumi']:.2f}x `import pulumi`)")],
    ]  # fmt: skip
    return table(["measure", *runs], cells, markdown)


def cell(measured: Measured | None) -> str:
    """A per-type table cell: ``-`` where the type has no such operation."""
    if measured is None:
        return "-"
    return measured.breakdown() + (" FAILED" if measured.failures else "")


def types_table(results: dict[str, dict[str, Measured | None]], markdown: bool) -> str:
    cells = [[name, *(cell(found[op]) for op in OPERATIONS)] for name, found in results.items()]
    return table(["type", *OPERATIONS], cells, markdown)


def bench_types(
    options: argparse.Namespace,
    provider_path: str | None = None,
    operations: Sequence[str] = OPERATIONS,
) -> dict[str, dict[str, Measured | None]]:
    """:func:`bench_type` for every row of :data:`TYPE_CASES`."""
    return {
        name: bench_type(case, options, provider_path, operations)
        for name, case in TYPE_CASES.items()
    }


# -- the README's table ------------------------------------------------------------------

README = ROOT / "README.md"
README_BLOCK = re.compile(
    r"(<!-- measured: benchmarks/run.py --update-readme -->\n).*?(<!-- end measured -->)", re.S
)
"""Where README.md holds the per-type table; tests/resources/test_lifecycle.py holds every
create to it (no more requests of any method than its row says)."""


def update_readme(results: dict[str, dict[str, Measured | None]]) -> None:
    """Write the per-type table into README.md, between its markers."""
    text = README.read_text()
    block = types_table(results, markdown=True)
    new, found = README_BLOCK.subn(lambda m: m[1] + block + "\n" + m[2], text)
    if not found:
        raise LookupError(
            "README.md lacks '<!-- measured: benchmarks/run.py --update-readme -->' and "
            "'<!-- end measured -->' around its table of requests per type"
        )
    README.write_text(new)


def problems(rows: list[Measured], types: dict[str, dict[str, Measured | None]]) -> list[str]:
    """Why the run counts as failed: failures, or requests from a run that changes nothing."""
    every = rows + [m for ops in types.values() for m in ops.values() if m is not None]
    quiet = ("no-change", "preview")
    found = [
        m for m in every if m.failures or (m.requests and any(q in m.operation for q in quiet))
    ]
    return [f"{m.operation}: {m.failures} failures, {m.requests} requests" for m in found]


# -- side by side ----------------------------------------------------------------------


@contextlib.contextmanager
def baseline_code(revision: str) -> Iterator[str]:
    """A directory holding the ``pulumi_kinde`` package of git ``revision``."""
    with tempfile.TemporaryDirectory(prefix="kinde-baseline-") as directory:
        archive = subprocess.run(
            ["git", "archive", revision, "pulumi_kinde"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
        yield directory


def ratio(new: float, old: float) -> str:
    return f"{new / old:.2f}x" if old else "-"


def compare(options: argparse.Namespace) -> tuple[str, list[str]]:
    """The program's lifecycle with the baseline's provider and with this one, each without
    and with ``kinde:maxRequestsPerSecond`` at the rate limit; one emulator code for all."""
    configured = argparse.Namespace(**{**vars(options), "max_requests_per_second": None})
    by_hand = argparse.Namespace(
        **{**vars(options), "max_requests_per_second": options.rate_limit or None}
    )
    runs: dict[str, list[Measured]] = {}
    per_type: dict[str, dict[str, dict[str, Measured | None]]] = {}
    with baseline_code(options.baseline) as old:
        for label, path in ((f"{options.baseline} (baseline)", old), ("this tree", None)):
            runs[label] = bench_program(configured, path)[0]
            runs[f"{label}, limit set by hand"] = bench_program(by_hand, path)[0]
            per_type[label] = bench_types(options, path, ("create", "refresh"))
    labels = list(runs)
    headers = ["operation", *labels, "this tree / baseline"]
    cells = []
    for index, first in enumerate(runs[labels[0]]):
        row = [first.operation]
        for label in labels:
            m = runs[label][index]
            share = f"{100 * m.throttled / m.requests:.0f}%" if m.requests else "0%"
            row.append(f"{m.seconds:.1f} s, {m.requests} req, {m.throttled} 429 ({share})")
        old_m, new_m = runs[labels[0]][index], runs[labels[2]][index]
        row.append(
            f"time {ratio(new_m.seconds, old_m.seconds)}, "
            f"requests {ratio(new_m.requests, old_m.requests)}"
        )
        cells.append(row)
    text = table(headers, cells, options.markdown)
    type_labels = list(per_type)
    type_cells = [
        [
            name,
            *(
                cell(per_type[label][name][op])
                for label in type_labels
                for op in ("create", "refresh")
            ),
        ]
        for name in TYPE_CASES
    ]
    type_headers = [
        "type",
        *(f"{op}, {label}" for label in type_labels for op in ("create", "refresh")),
    ]
    text += "\n\nRequests per operation, one resource:\n\n" + table(
        type_headers, type_cells, options.markdown
    )
    every = [m for rows in runs.values() for m in rows]
    every += [m for types in per_type.values() for ops in types.values() for m in ops.values() if m]
    return text, [f"{m.operation}: {m.failures} failures" for m in every if m.failures]


# -- main --------------------------------------------------------------------------------


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=200, help="resources in the program")
    parser.add_argument("--latency", type=float, default=0.05, help="emulator latency, s")
    parser.add_argument(
        "--rate-limit", type=float, default=10.0, help="emulator API req/s (0: no limit)"
    )
    parser.add_argument(
        "--concurrency", type=int, default=16, help="engine parallelism (pulumi up --parallel)"
    )
    parser.add_argument(
        "--max-requests-per-second",
        type=float,
        default=None,
        help="stack config kinde:maxRequestsPerSecond (client-side throttle)",
    )
    parser.add_argument(
        "--max-concurrent-requests",
        type=int,
        default=None,
        help="stack config kinde:maxConcurrentRequests (client-side throttle)",
    )
    parser.add_argument(
        "--engines",
        default=None,
        help="engines to run the program's lifecycle on, comma-separated: standin, pulumi "
        "(the real Pulumi CLI); default both when a Pulumi CLI is found, else standin",
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also run the program with the provider code of git revision REV (side by side, "
        "with and without the rate limit set by hand) and print the ratios",
    )
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="measure only the requests per type and write that table into README.md",
    )
    return parser.parse_args(argv)


ENGINES = ("standin", "pulumi")


def engines_to_run(wanted: str | None) -> tuple[list[str], str]:
    """``--engines`` as a list (in the order given), and a note when the real engine was left
    out for want of a CLI; ``ValueError`` for an unknown name."""
    if wanted:
        names = [name.strip().lower() for name in wanted.split(",") if name.strip()]
        unknown = [name for name in names if name not in ENGINES]
        if unknown or not names:
            raise ValueError(f"--engines: unknown {unknown or wanted!r}; use standin, pulumi")
        return list(dict.fromkeys(names)), ""
    choice = choose_engine("auto")
    if choice.name == "pulumi":
        return list(ENGINES), ""
    return ["standin"], f"the real engine is left out: {choice.note}"


def engine_label(engine: str) -> str:
    """``stand-in`` or ``pulumi v3.276.0``: a column or row heading."""
    if engine == "pulumi":
        cli = choose_engine("pulumi").cli
        return f"pulumi v{cli.version}" if cli else "pulumi"
    return "stand-in"


def main(argv: Sequence[str]) -> int:
    options = parse(argv)
    started = time.perf_counter()
    print("$", shlex.join(sys.orig_argv))
    try:
        engines, note = engines_to_run(options.engines)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"{options.resources} resources; emulator latency {options.latency * 1000:g} ms, "
        f"rate limit {f'{options.rate_limit:g} req/s' if options.rate_limit else 'none'}; "
        f"--parallel {options.concurrency}; "
        f"kinde:maxRequestsPerSecond {options.max_requests_per_second or 'unset'}, "
        f"kinde:maxConcurrentRequests {options.max_concurrent_requests or 'unset'}",
        flush=True,
    )
    if not (options.update_readme or options.baseline):
        print(f"engines: {', '.join(engine_label(e) for e in engines)}")
        if note:
            print(f"note: {note}")
    print(flush=True)
    if options.update_readme:
        types = bench_types(options)
        print(types_table(types, options.markdown) + "\n")
        failed = problems([], types)
        if not failed:
            update_readme(types)
            print(f"README.md: table of requests per type written ({len(types)} rows)")
        for problem in failed:
            print(f"FAILED: {problem}", file=sys.stderr)
        return 1 if failed else 0
    if options.baseline:
        text, failed = compare(options)
        print(text)
        print(f"\ntotal run time: {time.perf_counter() - started:.0f} s")
        for problem in failed:
            print(f"FAILED: {problem}", file=sys.stderr)
        return 1 if failed else 0
    runs: dict[str, tuple[list[Measured], list[int]]] = {}
    for engine in engines:
        label = engine_label(engine)
        began = time.perf_counter()
        runs[label] = bench_program(options, engine=engine)
        print(f"{label}: lifecycle measured in {time.perf_counter() - began:.0f} s", flush=True)
    lifecycles = {label: rows for label, (rows, _) in runs.items()}
    print("\n" + program_table(lifecycles, options.markdown) + "\n", flush=True)
    print(summary_table(runs, import_times_ms(), options.markdown) + "\n", flush=True)
    types = bench_types(options)
    print("Requests per operation, one resource (no latency, no rate limit; stand-in):\n")
    print(types_table(types, options.markdown) + "\n")
    print(f"total run time: {time.perf_counter() - started:.0f} s")
    every = [
        dataclasses.replace(m, operation=f"{label}: {m.operation}")
        for label, rows in lifecycles.items()
        for m in rows
    ]
    failed = problems(every, types)
    for problem in failed:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
