"""An ``up`` whose Pulumi CLI is killed (SIGKILL) half-way through creating 30 objects, then
repaired with what Pulumi and our providers print: every object ends once in Kinde and once
in state (0 duplicates, 0 orphans), and a further ``up`` changes nothing.

What a killed CLI leaves (Pulumi v3.276.0, local file backend):

- the stack's lock: the next ``pulumi up`` refuses until ``pulumi cancel``;
- one pending create per create the engine had started. Creates already sent to Kinde
  finish there (the emulator, like Kinde, completes a request whose client went away): those
  objects exist in Kinde but not in state;
- the dynamic provider process (``python -m pulumi.dynamic`` under a ``/bin/sh`` launcher),
  which Pulumi does not stop; pulumi-kinde's providers exit when their engine is gone;
- sometimes (about 1 kill in 10 here) a torn checkpoint: see ``_repair_torn_checkpoint``.

A role's key is unique in Kinde, so the next ``up`` does not duplicate a role: its create
clashes, and the message gives the ``import_id`` that adopts it. An application's name is
not unique: the next ``up`` silently makes a second one (observed: 6 duplicates and 6
orphans after ``cancel``, ``refresh --clear-pending-creates``, ``up``). So the leftovers of
the pending creates are looked up in Kinde and adopted with ``import_id`` first.

``pulumi refresh`` run non-interactively (CI, the Automation API) keeps pending creates;
``--clear-pending-creates`` drops them; ``--import-pending-creates URN ID`` in this version
drops them too without recording the resource (the engine never reads it), so it repairs
nothing: adoption through ``import_id`` does.
"""

from __future__ import annotations

import collections
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing._errors import RunFailed
from pulumi_kinde.testing._result import RunResult
from pulumi_kinde.testing.pulumi_cli import PulumiCli
from pulumi_kinde.testing.pulumi_engine import PulumiRunner

REPO = Path(__file__).resolve().parents[2]

COUNT = 30  # objects the program declares
KILL_AT = 10  # objects in Kinde when the CLI is killed
LATENCY = 0.3  # seconds the emulator adds to every request: 4 provider threads, ~13 creates/s
DEADLINE = 40.0  # seconds any one wait may take

# What Pulumi v3.276.0 prints at each step (pinned).
LOCKED = (
    "error: the stack is currently locked by 1 lock(s). Either wait for the other "
    "process(es) to end or delete the lock file with `pulumi cancel`."
)
TORN = "error: failed to load checkpoint: EOF"
CANCELED = "The currently running update for 'stack' has been canceled!"
PENDING_WARNING = (
    "warning: Attempting to deploy or update resources with {count} pending operations "
    "from previous deployment."
)
PENDING_LINE = "  * {urn}, interrupted while creating"
PENDING_ADVICE = (
    "Once you have confirmed the status of the interrupted operations, you can repair your "
    "stack using `pulumi refresh` which will refresh the state from the provider you are "
    "using and clear the pending operations if there are any.\n\n"
    "Note that `pulumi refresh` will need to be run interactively to clear pending CREATE "
    "operations."
)
# What our role provider says when a create clashes with an object an interrupted run made.
CLASH = re.compile(
    r"Create for urn:\S+::(?P<name>role-\d\d) failed: role: create: create role "
    r"'(?P=name)' failed with HTTP 400 \(ROLE_KEY_ALREADY_EXISTS: A role with key "
    r"'(?P=name)' already exists\); it exists already as role '(?P<id>[^']+)' "
    r"\(key='(?P=name)'\)\. If a resource of this stack holds it under another name .*"
    r"Only if it was made outside this stack \(or by a run that was stopped\): add "
    r"import_id='(?P=id)' to adopt it, or change the declaration"
)


@dataclass(frozen=True)
class Kind:
    """One kind of object the program declares COUNT of, named ``<name>-NN``."""

    name: str
    collection: str  # the emulator's
    type: str  # in the checkpoint
    declare: Callable[[str, int, str | None], object]  # (resource name, index, import_id)
    identity: Callable[[Any], str]  # the resource name an emulator record was declared as


ROLE = Kind(
    "role",
    "roles",
    "pulumi-python:dynamic/kinde:Role",
    lambda name, i, import_id: kinde.Role(name, key=name, name=f"Role {i}", import_id=import_id),
    lambda record: str(record.key),  # unique in Kinde
)
APPLICATION = Kind(
    "application",
    "applications",
    "pulumi-python:dynamic/kinde:Application",
    lambda name, _, import_id: kinde.Application(name, name=name, type="m2m", import_id=import_id),
    lambda record: str(record.name),  # not unique in Kinde
)
KINDS = {kind.name: kind for kind in (ROLE, APPLICATION)}


def _program(kind: Kind, import_ids: Mapping[str, str] | None = None) -> Callable[[], None]:
    """COUNT objects of ``kind``, named ``<kind>-00`` ...; ``import_ids`` adopts some."""
    ids = dict(import_ids or {})

    def program() -> None:
        for i in range(COUNT):
            name = f"{kind.name}-{i:02d}"
            kind.declare(name, i, ids.get(name))

    return program


def test_a_killed_up_of_roles_ends_with_no_duplicate_and_no_orphan(
    emu: Emulator, real: PulumiRunner, tmp_path: Path
) -> None:
    seen = _Seen(emu, real, ROLE)
    orphans, pending = _interrupt(seen, tmp_path)

    # 2. `pulumi up`: the dead CLI's lock refuses it; the message says `pulumi cancel`.
    try:
        real.up(_program(ROLE))
        raise AssertionError("an up of a stack with a dead CLI's lock went ahead")
    except RunFailed as locked:
        assert LOCKED in str(locked), str(locked)

    # 3. `pulumi cancel` removes the lock.
    assert CANCELED in _pulumi(real, "cancel", "--yes")

    # 4. `pulumi up --continue-on-error`: Pulumi warns about the pending creates and points at
    # `pulumi refresh`; every role the interrupted run left in Kinde fails to create with its
    # id and the import_id that adopts it (one run shows them all); the others are created.
    try:
        _up(real, _program(ROLE), continue_on_error=True)
        raise AssertionError("the roles left in Kinde were created again")
    except RunFailed as failed:
        warnings = [text for _, text in failed.result.messages if "pending operations" in text]
        assert len(warnings) == 1, failed.result.messages
        warning = warnings[0]
        assert PENDING_WARNING.format(count=len(pending)) in warning
        for urn in pending:
            assert PENDING_LINE.format(urn=urn) in warning
        assert PENDING_ADVICE in warning
        clashes = [CLASH.search(str(error)) for error in failed.errors]
        assert all(clashes), [str(error) for error in failed.errors]
        import_ids = {m["name"]: m["id"] for m in clashes if m is not None}
    assert import_ids == {name: id_ for id_, name in orphans.items()}
    assert seen.duplicates() == {}
    assert len(seen.in_kinde()) == COUNT

    # 5. `pulumi refresh` as Pulumi says, non-interactive (CI, Automation API): the pending
    # creates stay.
    real.refresh()
    assert _pending_creates(real) == pending

    # 6. `pulumi refresh --import-pending-creates URN ID` (the interactive refresh's "import"
    # does the same) drops the pending create but never reads the object into state.
    urn = next(u for u in pending if _name(u) in import_ids)
    role_id = import_ids[_name(urn)]
    _pulumi(
        real,
        "refresh",
        "--yes",
        "--skip-preview",
        "--non-interactive",
        "--import-pending-creates",
        urn,
        "--import-pending-creates",
        role_id,
    )
    assert _pending_creates(real) == [u for u in pending if u != urn]
    assert role_id not in seen.in_state().values()

    # 7. `pulumi refresh --clear-pending-creates` drops the rest; the orphans stay orphans.
    real.refresh(clear_pending_creates=True)
    assert _pending_creates(real) == []
    assert not set(orphans) & set(seen.in_state().values())

    # 8. `pulumi up` with each clash's import_id: adopted, with reads only.
    emu.reset_log()
    adopted = real.up(_program(ROLE, import_ids))
    assert {name for name, op in adopted.ops.items() if op != "same"} == set(import_ids)
    assert all(adopted.step(name).adopted for name in import_ids)
    assert {request.method for request in emu.api_requests()} <= {"GET"}

    _assert_once_in_kinde_once_in_state(seen)


def test_a_killed_up_of_applications_ends_with_no_duplicate_and_no_orphan(
    emu: Emulator, real: PulumiRunner, tmp_path: Path
) -> None:
    seen = _Seen(emu, real, APPLICATION)
    orphans, pending = _interrupt(seen, tmp_path)
    assert CANCELED in _pulumi(real, "cancel", "--yes")

    # For each create that was pending (`pulumi stack export`: pending_operations; or the
    # warning of the next `pulumi up`, which would already duplicate them), look in Kinde for
    # an application of that name (the Kinde UI, `kinde.get_application(name=...)`): each
    # one found is adopted with its import_id.
    pending_names = set(map(_name, pending))
    import_ids = {name: id_ for id_, name in seen.in_kinde().items() if name in pending_names}
    assert import_ids == {name: id_ for id_, name in orphans.items()}

    # `pulumi refresh --clear-pending-creates`. Kinde takes a second application of the same
    # name: an up without those import_ids would create the leftovers again.
    real.refresh(clear_pending_creates=True)
    assert _pending_creates(real) == []
    preview = real.preview(_program(APPLICATION))
    assert {name: preview.ops[name] for name in import_ids} == dict.fromkeys(import_ids, "create")

    adopted = real.up(_program(APPLICATION, import_ids))
    assert {n for n in adopted.ops if adopted.step(n).adopted} == set(import_ids)

    _assert_once_in_kinde_once_in_state(seen)


def _assert_once_in_kinde_once_in_state(seen: _Seen) -> None:
    """0 duplicates, 0 orphans; then the import_ids can go: a further up of the original
    program changes nothing and sends no request."""
    in_kinde = seen.in_kinde()
    in_state = seen.in_state()
    assert seen.duplicates() == {}
    assert len(in_kinde) == COUNT
    assert in_state == {name: id_ for id_, name in in_kinde.items()}  # 0 orphans

    seen.emu.reset_log()
    again = seen.real.up(_program(seen.kind))
    assert set(again.ops.values()) == {"same"}, again.ops
    assert seen.emu.api_requests() == []
    assert seen.in_state() == in_state


# -- the up that is killed ---------------------------------------------------------------------


@dataclass
class _Seen:
    """The objects of one kind in the emulator and in the stack's checkpoint."""

    emu: Emulator
    real: PulumiRunner
    kind: Kind

    def __post_init__(self) -> None:
        self.baseline = {record.id for record in self._records()}

    def _records(self) -> list[Any]:
        return list(getattr(self.emu.store, self.kind.collection).all())

    def in_kinde(self) -> dict[str, str]:
        """id -> the resource name it was declared as (the emulator's seed left out)."""
        return {
            record.id: self.kind.identity(record)
            for record in self._records()
            if record.id not in self.baseline
        }

    def duplicates(self) -> dict[str, int]:
        counts = collections.Counter(self.in_kinde().values())
        return {name: n for name, n in counts.items() if n > 1}

    def in_state(self) -> dict[str, str]:
        """Resource name -> id, from the checkpoint."""
        resources = _deployment(self.real).get("resources") or []
        return {_name(r["urn"]): r["id"] for r in resources if r["type"] == self.kind.type}


def _interrupt(seen: _Seen, tmp_path: Path) -> tuple[dict[str, str], list[str]]:
    """1. ``pulumi up``, killed with SIGKILL once KILL_AT objects exist in Kinde; returns the
    orphans (id -> name: in Kinde, not in state) and the URNs of the pending creates.

    The up runs in a process of its own: a killed CLI leaves the Automation API's inline
    program (in the process that ran the up) suspended for good, and its coroutines are
    finalized at some later garbage collection, which in pytest's process broke assertion
    rewriting ("SystemError: AST constructor recursion depth mismatch").
    """
    emu, real = seen.emu, seen.real
    emu.faults.set_latency(LATENCY)
    report = tmp_path / "killed-up.json"
    log_path = tmp_path / "killed-up.log"
    providers: list[int] = []
    with log_path.open("w") as log:
        up = subprocess.Popen(
            [sys.executable, "-c", _KILLED_UP, _up_arguments(real, seen.kind, report)],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(lambda: len(seen.in_kinde()) >= KILL_AT, "objects to be created")
            cli = _wait_for(lambda: _the_cli(up.pid), "the pulumi CLI")
            providers = [pid for pid in _descendants(cli) if "pulumi.dynamic" in _cmdline(pid)]
            launchers = [pid for pid in _descendants(cli) if pid not in providers]
            assert len(providers) == 1, _process_table(cli)
            os.kill(cli, signal.SIGKILL)
            assert up.wait(DEADLINE) == 0, log_path.read_text()
            killed = json.loads(report.read_text())
            # The update fails; when the kill lands while the CLI writes the checkpoint,
            # reading the state afterwards fails too (CommandError; _repair_torn_checkpoint).
            assert killed["error"] in ("RunFailed", "CommandError"), killed

            # The provider exits by itself once its CLI is gone (pulumi_kinde/resources/
            # _orphan.py: Pulumi's dynamic provider server alone would wait forever,
            # reparented), and its /bin/sh launcher with it.
            _wait_for(
                lambda: not any(_alive(pid) for pid in providers + launchers),
                "the provider and its launcher to exit by themselves",
            )

            # Creates that were in flight finish in Kinde; wait until no more appear.
            emu.faults.set_latency(0)
            _wait_until_steady(lambda: len(seen.in_kinde()), window=3 * LATENCY)
        finally:
            if up.poll() is None:  # the process this test started
                up.kill()
                up.wait(DEADLINE)
            for pid in providers:  # the orphaned provider this test started
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
    _wait_for(lambda: not any(_alive(pid) for pid in providers), "the provider to exit")
    _repair_torn_checkpoint(real)

    pending = _pending_creates(real)
    in_state = seen.in_state()
    orphans = {id_: name for id_, name in seen.in_kinde().items() if id_ not in in_state.values()}
    assert orphans, "no create was in flight when the CLI was killed"
    assert set(orphans.values()) <= set(map(_name, pending))
    assert seen.duplicates() == {}
    return orphans, pending


_KILLED_UP = (
    "import sys\nfrom tests.engine.test_interrupted import killed_up\nkilled_up(sys.argv[1])"
)


def _up_arguments(runner: PulumiRunner, kind: Kind, report: Path) -> str:
    return json.dumps(
        {
            "kind": kind.name,
            "work_dir": str(runner.work_dir),
            "config": runner.config,
            "secret_keys": runner.secret_keys,
            "cli": [str(runner.cli.bin), runner.cli.version, runner.cli.origin],
            "report": str(report),
        }
    )


def killed_up(arguments: str) -> None:
    """``pulumi up`` of the program on the stack in ``work_dir``; writes how it ended to
    ``report`` and leaves without waiting for the inline program (see ``_interrupt``)."""
    given = json.loads(arguments)
    bin_, version, origin = given["cli"]
    runner = PulumiRunner(
        config=given["config"],
        secret_keys=given["secret_keys"],
        work_dir=given["work_dir"],
        cli=PulumiCli(Path(bin_), version, origin),
    )
    try:
        runner.up(_program(KINDS[given["kind"]]), skip_preview=True)
        ended = {"error": None, "message": ""}
    except Exception as error:  # reported to the test
        ended = {"error": type(error).__name__, "message": str(error)}
    Path(given["report"]).write_text(json.dumps(ended))
    sys.stdout.flush()
    os._exit(0)


# -- engine helpers ----------------------------------------------------------------------------


def _up(runner: PulumiRunner, program: Callable[[], None], **options: Any) -> RunResult:
    """``pulumi up`` without its preview (``continue_on_error`` as the runner takes it)."""
    return runner.up(program, skip_preview=True, **options)


def _pulumi(runner: PulumiRunner, *args: str) -> str:
    """Run the runner's Pulumi CLI on its stack as a user would; its standard output."""
    done = _run_pulumi(runner, *args)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def _run_pulumi(runner: PulumiRunner, *args: str) -> subprocess.CompletedProcess[str]:
    return runner.pulumi(*args, timeout=DEADLINE)


def _repair_torn_checkpoint(runner: PulumiRunner) -> None:
    """What a user of a local (file) backend does when the kill tore the checkpoint.

    The backend writes ``<stack>.json.attrs`` (gocloud.dev fileblob metadata) by truncating
    it and then writing it, before it renames the new ``<stack>.json`` into place. A kill in
    between (about 1 run in 10 here) leaves that file empty and every command then says
    ``error: failed to load checkpoint: EOF``. The checkpoint itself is the last complete
    one: removing the empty ``.attrs`` file repairs the stack.
    """
    exported = _run_pulumi(runner, "stack", "export")
    if exported.returncode == 0:
        return
    assert exported.stderr.strip() == TORN, exported.stderr
    attrs = (
        runner.work_dir / "backend/.pulumi/stacks" / runner.project / f"{runner.stack}.json.attrs"
    )
    assert attrs.stat().st_size == 0
    attrs.unlink()
    _pulumi(runner, "stack", "export")


def _deployment(runner: PulumiRunner) -> dict[str, Any]:
    deployment: dict[str, Any] = runner.checkpoint()["deployment"]
    return deployment


def _pending_creates(runner: PulumiRunner) -> list[str]:
    """URNs of the checkpoint's pending creates, in order."""
    operations = _deployment(runner).get("pending_operations") or []
    return [op["resource"]["urn"] for op in operations if op["type"] == "creating"]


def _name(urn: str) -> str:
    return urn.split("::")[-1]


# -- waiting -----------------------------------------------------------------------------------


def _wait_for(probe: Callable[[], Any], what: str) -> Any:
    """Poll ``probe`` until it returns something true (returned), for DEADLINE seconds."""
    deadline = time.monotonic() + DEADLINE
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def _wait_until_steady(probe: Callable[[], int], *, window: float) -> int:
    """Poll ``probe`` until its value has not changed for ``window`` seconds."""
    deadline = time.monotonic() + DEADLINE
    value, since = probe(), time.monotonic()
    while time.monotonic() - since < window:
        if time.monotonic() > deadline:
            raise AssertionError("the emulator kept changing")
        time.sleep(0.05)
        now = probe()
        if now != value:
            value, since = now, time.monotonic()
    return value


# -- processes (Linux /proc) -------------------------------------------------------------------


def _processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, command name, state letter)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        command = text[text.index("(") + 1 : text.rindex(")")]
        state, parent = text[text.rindex(")") + 2 :].split()[:2]
        table[int(entry)] = (int(parent), command, state)
    return table


def _the_cli(parent: int) -> int | None:
    """The ``pulumi`` CLI the Automation API in process ``parent`` started: its child."""
    children = [
        pid
        for pid, (ppid, command, _) in _processes().items()
        if ppid == parent and command == "pulumi"
    ]
    return children[0] if len(children) == 1 else None


def _descendants(root: int) -> list[int]:
    table = _processes()
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in table.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    entry = _processes().get(pid)
    return entry is not None and entry[2] != "Z"


def _process_table(root: int) -> list[tuple[int, str]]:
    return [(pid, _cmdline(pid)) for pid in _descendants(root)]
