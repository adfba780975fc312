"""``pulumi-kinde try PROGRAM``: run a Pulumi program against local Kinde emulators.

No Kinde account: the program runs on the real Pulumi engine when a Pulumi CLI is found (on
PATH, or built with ``python -m pulumi_kinde pulumi-cli``), else on the engine stand-in of the
test suite (``--engine pulumi|standin`` chooses), against a local emulator of the Kinde
Management API (one per profile).
Each step prints one line per resource that changes, as ``pulumi up`` does, the provider's
warnings under their resource, and how many API requests it sent.

  try DIR                 preview, up, a no-change up, refresh, destroy; all on a fresh
                          emulator that is gone afterwards
  try DIR --state FILE    up (with its preview and the no-change up) starting from FILE, which
                          keeps the checkpoint and the emulators' data between runs: edit the
                          program, run again, see exactly what is updated, replaced, deleted
  ... --state FILE --preview | --refresh | --destroy    only that step
  try DIR --keep          no destroy; the emulator keeps running and its credentials are
                          printed (for the Pulumi CLI or another try --emulator URL)
  try DIR --emulator URL  against an emulator you started (loopback only); no destroy unless
                          --destroy is given

The no-change up must change nothing and send no API request but the reads the program asks
for (lookups, Resource.get), else try fails naming the resources, the keys that differ and
the requests sent. try exits 1 when a step fails, 2 when
it refuses to start. It never talks to Kinde itself: kinde:* settings on the command line
are refused, those of a stack file and KINDE_* variables are ignored (and said so).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..client import config_namespace
from ..emulator import Emulator
from ..emulator.requestlog import RequestRecord
from ..testing import Convergence, Project, ProjectError, RunFailed, RunResult
from ..testing.convergence import split_requests
from ..testing.engines import EngineChoice, choose_engine, make_runner
from ..testing.pulumi_cli import CliUnavailable
from ..testing.report import clash_hints, error_lines, step_lines, summary
from ..testing.stack import emulator_config, profiles_of
from .try_settings import Refused, TrySettings, env_prefix, resolve, scrub_environment
from .try_state import TryState, try_passphrase

__all__ = ["add_parser", "run"]

_REQUEST_LINE = re.compile(r"^pulumi-kinde DEBUG ([A-Z]+) (\S+) -> (\d+) in ")
_LOG_VARIABLE = "PULUMI_KINDE_LOG"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "try",
        help="run a Pulumi program against local Kinde emulators (no account needed)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "program",
        type=Path,
        help="a project directory (Pulumi.yaml), a program directory (__main__.py) or a .py file",
    )
    parser.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="keep the checkpoint and the emulators' data in FILE between runs",
    )
    step = parser.add_mutually_exclusive_group()
    for name, text in (
        ("preview", "only preview: what an up would do"),
        ("refresh", "only refresh (with --state): read every resource back"),
        ("destroy", "only destroy (with --state); with --emulator: destroy at the end"),
    ):
        step.add_argument(f"--{name}", dest="step", action="store_const", const=name, help=text)
    parser.add_argument("--stack", metavar="NAME", help="read the config of Pulumi.NAME.yaml")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="stack config, e.g. siteUrl=https://example.com (repeatable)",
    )
    parser.add_argument(
        "--secret",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="secret stack config, e.g. a test value for a secure: key (repeatable)",
    )
    parser.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="NAME",
        help="give profile NAME an emulator from the start (profiles the program uses "
        "are found by its preview; repeatable)",
    )
    parser.add_argument(
        "--emulator",
        action="append",
        default=[],
        metavar="[PROFILE=]URL",
        help="use the emulator running at URL (loopback only) instead of starting one",
    )
    parser.add_argument(
        "--engine",
        choices=["auto", "pulumi", "standin"],
        default=None,
        help="pulumi: the real Pulumi engine (a Pulumi CLI); standin: pulumi-kinde's engine "
        "stand-in; auto (default, or PULUMI_KINDE_ENGINE): pulumi when a CLI is found",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="no destroy; keep the emulators running and print their credentials",
    )
    parser.set_defaults(handler=run, step=None)


@dataclass
class _Business:
    """Where one profile's Kinde is: an emulator of ours, or an attached one."""

    profile: str | None
    url: str
    client_id: str
    client_secret: str
    emulator: Emulator | None
    origin: str

    @property
    def label(self) -> str:
        who = "emulator" if self.profile is None else f"emulator for profile {self.profile}"
        return f"{who} {self.url} ({self.origin})"


class _Session:
    """One ``try`` invocation: its emulators, runner, state file and output."""

    def __init__(
        self,
        project: Project,
        settings: TrySettings,
        state: TryState | None,
        stack: str | None,
        out: TextIO,
        engine: EngineChoice,
    ) -> None:
        self.project = project
        self.settings = settings
        self.state = state
        self.stack = stack
        self.out = out
        self.engine = engine
        self.debug = bool(os.environ.get(_LOG_VARIABLE))
        self.businesses: dict[str | None, _Business] = {}
        env = {}
        if settings.attached and not self.debug:
            env[_LOG_VARIABLE] = "debug"  # to count the requests an attached emulator got
        options = {"passphrase": try_passphrase()} if engine.name == "pulumi" else {}
        self.runner = make_runner(
            engine,
            config=dict(settings.config),
            secret_keys=list(settings.secret_keys),
            env=env,
            project=project.name,
            stack=stack or "dev",
            **options,
        )
        if state is not None and not state.is_new:
            state.restore_into(self.runner)
        self.failed = False

    # -- emulators ------------------------------------------------------------------------

    def ensure(self, profiles: set[str | None]) -> None:
        """Give each profile an emulator (attached, restored from state, or new)."""
        for profile in sorted(profiles - set(self.businesses), key=lambda p: p or ""):
            attached = self.settings.attached.get(profile)
            namespace = config_namespace(profile)
            if attached is not None:
                business = _Business(
                    profile,
                    attached.url,
                    attached.client_id,
                    attached.client_secret,
                    None,
                    "attached",
                )
            else:
                emulator = Emulator().start()
                origin = "new"
                saved = self.state.emulators.get(namespace) if self.state else None
                if saved is not None and self.state is not None:
                    emulator.load(saved)
                    origin = f"restored from {self.state.path}"
                business = _Business(
                    profile,
                    emulator.url,
                    emulator.client_id,
                    emulator.client_secret,
                    emulator,
                    origin,
                )
            self.businesses[profile] = business
            self.runner.config.update(
                emulator_config(business.url, business.client_id, business.client_secret, profile)
            )
            secret_key = f"{namespace}:clientSecret"
            if secret_key not in self.runner.secret_keys:
                self.runner.secret_keys.append(secret_key)
            self.say(business.label)

    def close(self) -> None:
        self.runner.close()
        for business in self.businesses.values():
            if business.emulator is not None:
                business.emulator.stop()

    def own_emulators(self) -> list[Emulator]:
        return [b.emulator for b in self.businesses.values() if b.emulator is not None]

    # -- output ---------------------------------------------------------------------------

    def say(self, line: str = "") -> None:
        print(line, file=self.out, flush=True)

    def mark(self) -> None:
        for emulator in self.own_emulators():
            emulator.reset_log()

    def records(self, *results: RunResult | None) -> list[RequestRecord]:
        """The API requests since :meth:`mark`: the emulators' logs, plus what the provider
        logged it sent to attached emulators."""
        found = [record for emulator in self.own_emulators() for record in emulator.api_requests()]
        if self.settings.attached:
            for result in results:
                for _, text in result.messages if result else []:
                    match = _REQUEST_LINE.match(text)
                    if match:
                        found.append(RequestRecord(match[1], match[2], status=int(match[3])))
        return found

    def requests(self, *results: RunResult | None) -> list[str]:
        """:meth:`records` as lines (``GET /api/v1/roles -> 200``)."""
        return [f"{r.method} {r.path} -> {r.status}" for r in self.records(*results)]

    def tally(self, requests: list[str], started: float) -> str:
        methods: dict[str, int] = {}
        for request in requests:
            method = request.split(" ", 1)[0]
            methods[method] = methods.get(method, 0) + 1
        split = ", ".join(f"{m} {n}" for m, n in sorted(methods.items()))
        count = f"{len(requests)} API request{'' if len(requests) == 1 else 's'}"
        return f"{count}{f' ({split})' if split else ''}; {time.perf_counter() - started:.1f} s"

    def block(self, title: str, result: RunResult, requests: list[str], started: float) -> None:
        self.say(f"{title}:")
        for line in step_lines(result, debug=self.debug):
            self.say(line)
        self.say(f"  {summary(result)}; {self.tally(requests, started)}")

    def failure(self, title: str, failure: RunFailed) -> None:
        self.failed = True
        self.say(f"{title} failed:")
        for line in step_lines(failure.result, debug=self.debug):
            self.say(line)
        for line in error_lines(failure.result, self.project.main):
            self.say(line)
        for hint in clash_hints(failure.result, lambda: self.runner.state):
            self.say(f"  hint: {hint}")

    def save(self) -> None:
        if self.state is None:
            return
        self.state.project = self.project.name
        self.state.stack = self.stack
        self.state.keep(self.runner)
        for profile, business in self.businesses.items():
            if business.emulator is not None:
                self.state.emulators[config_namespace(profile)] = business.emulator.dump()
        self.state.save()

    # -- steps ----------------------------------------------------------------------------

    def attempt(
        self, title: str, operation: Callable[[], RunResult]
    ) -> tuple[RunResult, float] | None:
        """Run one engine operation (saving the state after it, even when it fails); on
        failure show what it did and why, and return None."""
        self.mark()
        started = time.perf_counter()
        try:
            return operation(), started
        except RunFailed as failure:
            self.failure(title, failure)
            return None
        finally:
            self.save()

    def preview(self, *, show_steps: bool) -> bool:
        done = self.attempt("preview", lambda: self.runner.preview(self.project.main))
        if done is None:
            return False
        result, started = done
        self.ensure(profiles_of(result.providers))
        requests = self.requests(result)
        if show_steps:
            self.block("preview", result, requests, started)
        else:
            self.say(f"preview: {summary(result)}; {self.tally(requests, started)}")
        return True

    def up(self) -> bool:
        done = self.attempt("up", lambda: self.runner.up(self.project.main, skip_preview=True))
        if done is None:
            return False
        result, started = done
        self.block("up", result, self.requests(result), started)
        if result.outputs:
            self.say("  outputs:")
            width = max(len(key) for key in result.outputs)
            for key, output in sorted(result.outputs.items()):
                self.say(f"    {key:<{width}} = {_shown(output.value, output.secret)}")
        return True

    def no_change_up(self) -> bool:
        done = self.attempt(
            "no-change up", lambda: self.runner.up(self.project.main, skip_preview=True)
        )
        if done is None:
            return False
        result, started = done
        convergence = Convergence(result, *split_requests(result, self.records(result)))
        if convergence.ok:
            self.say(
                f"no-change up: converged ({summary(result)}; "
                f"{self.tally(list(convergence.requests), started)})"
            )
            if convergence.reads:
                count = len(convergence.reads)
                self.say(f"  {count} read{'s' if count != 1 else ''} the program asks for:")
                for read in convergence.reads:
                    self.say(f"    {read}")
            return True
        self.failed = True
        self.say(
            "no-change up: did not converge (a second up must change nothing and "
            "send no API request)"
        )
        for line in convergence.describe():
            self.say(line)
        return False

    def checkpoint_step(self, name: str) -> bool:
        """``refresh`` or ``destroy``: work on the checkpoint alone."""
        if not any(entry.custom for entry in self.runner.state):
            self.say(f"{name}: nothing to {name} (the checkpoint is empty)")
            return True
        operation = self.runner.refresh if name == "refresh" else self.runner.destroy
        done = self.attempt(name, operation)
        if done is None:
            return False
        result, started = done
        self.block(name, result, self.requests(result), started)
        return True


def _shown(value: Any, secret: bool) -> str:
    if secret:
        return "[secret]"
    return value if isinstance(value, str) else json.dumps(value)


def _plan(args: argparse.Namespace, settings: TrySettings) -> list[str]:
    """The steps to run; ``ValueError`` for a combination that makes no sense."""
    if args.state is not None:
        return [args.step or "up"]
    if args.step == "preview":
        return ["preview"]
    if args.step == "refresh":
        raise ValueError("--refresh needs --state FILE (a checkpoint to refresh)")
    steps = ["up", "refresh"]
    attached = bool(settings.attached)
    if not args.keep and (not attached or args.step == "destroy"):
        steps.append("destroy")
    return steps


@contextlib.contextmanager
def _offline_environment() -> Iterator[list[str]]:
    """Remove ``KINDE_*`` variables for the run (program and provider), then put them back."""
    saved = dict(os.environ)
    try:
        yield scrub_environment(os.environ)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(
    args: argparse.Namespace,
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    stop: threading.Event | None = None,
) -> int:
    """Run ``try``; 0 when every step passed, 1 when one failed, 2 when refused.

    ``stop`` ends a ``--keep`` wait (Ctrl-C does too).
    """
    out, err = out or sys.stdout, err or sys.stderr
    try:
        project = Project.load(args.program)
        settings = resolve(
            project,
            stack=args.stack,
            config=args.config,
            secrets=args.secret,
            emulators=args.emulator,
            profiles=args.profile,
            environ=os.environ,
        )
        steps = _plan(args, settings)
        state = TryState.load(args.state) if args.state is not None else None
        if state is not None and not state.is_new and state.project != project.name:
            raise ValueError(
                f"{args.state} holds project {state.project!r}, not {project.name!r}; "
                "use another --state file"
            )
        engine = choose_engine(args.engine)
        if state is not None:
            state.check_engine(engine.name)
    except (Refused, ProjectError, ValueError, CliUnavailable) as error:
        print(f"error: {error}", file=err)
        return 2
    with _offline_environment() as removed:
        session = _Session(project, settings, state, args.stack, out, engine)
        try:
            return _run_steps(session, steps, args, removed, stop)
        finally:
            session.close()


def _run_steps(
    session: _Session,
    steps: list[str],
    args: argparse.Namespace,
    removed: list[str],
    stop: threading.Event | None,
) -> int:
    project = session.project
    where = _relative(project.main)
    session.say(f"program {where} (project {project.name}, stack {session.runner.stack})")
    engine = session.engine
    if engine.cli is not None:
        session.say(f"engine: {engine.cli.describe()}")
    else:
        why = f" ({engine.note})" if engine.note else ""
        session.say(f"engine: pulumi-kinde's engine stand-in{why}")
    for note in session.settings.notes:
        session.say(f"note: {note}")
    if removed:
        session.say(
            f"note: ignoring {', '.join(removed)} from the environment: try only "
            "talks to its emulators"
        )
    known = set(session.settings.profiles)
    known |= profiles_of(session.runner.serialized_providers())
    session.ensure(known)
    for step in steps:
        if step == "up":
            ok = session.preview(show_steps=False) and session.up() and session.no_change_up()
        elif step == "preview":
            ok = session.preview(show_steps=True)
        else:
            ok = session.checkpoint_step(step)
        if not ok:
            break
    if session.state is not None:
        session.say(f"state saved in {session.state.path}")
    if args.keep and not session.failed:
        _keep(session, stop)
    return 1 if session.failed else 0


def _keep(session: _Session, stop: threading.Event | None) -> None:
    own = {p: b for p, b in session.businesses.items() if b.emulator is not None}
    if not own:
        return
    session.say("emulators keep running; to use them from a shell or the Pulumi CLI:")
    for profile, business in own.items():
        prefix = env_prefix(profile)
        session.say(
            f"  export {prefix}DOMAIN={business.url} {prefix}CLIENT_ID={business.client_id} "
            f"{prefix}CLIENT_SECRET={business.client_secret}"
        )
    session.say("Ctrl-C to stop.")
    with contextlib.suppress(KeyboardInterrupt):
        (stop or threading.Event()).wait()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
