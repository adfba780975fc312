"""The Pulumi CLI that runs programs for ``try``, the pytest kit and our tests: found or built.

:func:`find_cli` looks, in order, at ``PULUMI_KINDE_PULUMI`` (a ``pulumi`` binary to use),
at a ``pulumi`` on ``PATH`` that is at least as new as the installed Pulumi Python SDK and has
``pulumi-resource-pulumi-python`` (the engine's launcher of Python dynamic providers) beside
it or on ``PATH``, and at the cache. :func:`build_cli` builds :data:`PINNED_VERSION` from the
Go module proxy into the cache (``PULUMI_KINDE_CACHE``, else ``$XDG_CACHE_HOME/pulumi-kinde``,
else ``~/.cache/pulumi-kinde``), keyed by version, so later runs and CI on the same machine
reuse it::

    python -m pulumi_kinde pulumi-cli            # find or build; print the bin directory

How the build works (facts of Pulumi's repository): the CLI's main package is
``github.com/pulumi/pulumi/pkg/v3/cmd/pulumi``; ``go install pkg@version`` refuses it because
pkg's ``go.mod`` has ``replace`` directives, so a wrapper module requires pkg and sdk at one
version and copies pkg's replacements that point at other modules. The version is stamped
with ``-ldflags -X``: the Automation API refuses an unversioned CLI for inline refresh and
destroy. The launcher script ships in the sdk module under ``python/dist/``. The Python
language host (``pulumi-language-python``) is a module Pulumi does not tag, and the module
proxy does not serve it; programs therefore run as Automation API inline programs, which
need no language host.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LAUNCHER",
    "PINNED_VERSION",
    "CliUnavailable",
    "PulumiCli",
    "build_cli",
    "cache_root",
    "ensure_cli",
    "find_cli",
]

PINNED_VERSION = "3.276.0"
"""The Pulumi CLI version :func:`build_cli` builds (the module proxy serves pkg/v3 at it)."""

LAUNCHER = "pulumi-resource-pulumi-python"
"""The script the engine runs to start a Python dynamic provider (it never downloads it)."""

PATH_VARIABLE = "PULUMI_KINDE_PULUMI"
"""A ``pulumi`` binary to use, found before anything else."""

_PKG = "github.com/pulumi/pulumi/pkg/v3"
_SDK = "github.com/pulumi/pulumi/sdk/v3"
_MAIN = f"{_PKG}/cmd/pulumi"
_VERSION_VAR = f"{_SDK}/go/common/version.Version"
_REPLACE = re.compile(r"^\s*(?:replace\s+)?(\S+)(?:\s+(\S+))?\s+=>\s+(\S+)(?:\s+(\S+))?\s*$")


class CliUnavailable(RuntimeError):
    """No Pulumi CLI here and none can be built; the message says why and what to do."""


@dataclass(frozen=True)
class PulumiCli:
    """A Pulumi CLI: its ``bin`` directory (``pulumi`` and the launcher) and its version."""

    bin: Path
    version: str
    origin: str  # "PATH", "cache", "built", or the variable that named it

    @property
    def pulumi(self) -> Path:
        """The ``pulumi`` binary."""
        return self.bin / "pulumi"

    @property
    def root(self) -> Path:
        """The directory holding ``bin`` (``PulumiCommand(root=...)`` of the Automation API)."""
        return self.bin.parent

    def describe(self) -> str:
        """``pulumi v3.276.0 (cache: /root/.cache/...)``."""
        return f"pulumi v{self.version} ({self.origin}: {self.bin})"


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """Where pulumi-kinde keeps what it builds (outside any checkout)."""
    env = os.environ if environ is None else environ
    if env.get("PULUMI_KINDE_CACHE"):
        return Path(env["PULUMI_KINDE_CACHE"]).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "pulumi-kinde"


def _cli_dir(version: str, environ: Mapping[str, str] | None = None) -> Path:
    return cache_root(environ) / "pulumi-cli" / f"v{version}"


def _version_of(pulumi: Path) -> str | None:
    """``3.276.0`` for a CLI that prints ``v3.276.0``; None when it cannot say."""
    env = {**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"}
    try:
        done = subprocess.run(
            [str(pulumi), "version"], capture_output=True, text=True, timeout=60, env=env
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"^v?(\d+\.\d+\.\d+)", done.stdout.strip())
    return match.group(1) if done.returncode == 0 and match else None


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def minimum_version() -> str:
    """The oldest CLI we use: the installed Pulumi Python SDK's version (Pulumi asks for a
    CLI at least as new as the SDK of the program)."""
    from pulumi._version import version

    return str(version)


def _launcher_for(pulumi: Path) -> Path | None:
    beside = pulumi.parent / LAUNCHER
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(LAUNCHER)
    return Path(found) if found else None


def find_cli(environ: Mapping[str, str] | None = None) -> PulumiCli | None:
    """A usable Pulumi CLI, or None (see the module's docstring for where it looks)."""
    env = os.environ if environ is None else environ
    named = env.get(PATH_VARIABLE)
    if named:
        path = Path(named).expanduser()
        version = _version_of(path)
        if version is None:
            raise CliUnavailable(f"{PATH_VARIABLE}={named} is not a working pulumi binary")
        if _launcher_for(path) is None:
            raise CliUnavailable(f"{PATH_VARIABLE}={named}: no {LAUNCHER} beside it or on PATH")
        return PulumiCli(path.parent, version, PATH_VARIABLE)
    on_path = shutil.which("pulumi", path=env.get("PATH"))
    if on_path:
        path = Path(on_path).resolve()
        version = _version_of(path)
        recent = version is not None and _as_tuple(version) >= _as_tuple(minimum_version())
        if recent and version is not None and _launcher_for(path) is not None:
            return PulumiCli(path.parent, version, "PATH")
    cached = _cli_dir(PINNED_VERSION, env) / "bin"
    if (cached / "pulumi").is_file() and (cached / LAUNCHER).is_file():
        return PulumiCli(cached, PINNED_VERSION, "cache")
    return None


def ensure_cli(*, build: bool = True, log: bool = True) -> PulumiCli:
    """:func:`find_cli`, else (with ``build``) :func:`build_cli`; :class:`CliUnavailable`
    when there is none and it cannot be built."""
    found = find_cli()
    if found is not None:
        return found
    if not build:
        raise CliUnavailable(
            "no Pulumi CLI: none on PATH (v"
            f"{minimum_version()} or newer with {LAUNCHER}) and none built in "
            f"{_cli_dir(PINNED_VERSION)}; run: python -m pulumi_kinde pulumi-cli"
        )
    return build_cli(log=log)


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """One build at a time per cache (test workers may all ask at once)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        raise CliUnavailable(
            "no Pulumi CLI and no Go toolchain to build one: install the Pulumi CLI "
            "(https://www.pulumi.com/docs/install/) or Go 1.26+"
        )
    return go


def _run(args: list[str], cwd: Path, env: Mapping[str, str], log: bool) -> str:
    if log:
        print(f"pulumi-kinde: {' '.join(args[:3])} ...", file=sys.stderr, flush=True)
    done = subprocess.run(args, cwd=cwd, env=dict(env), capture_output=True, text=True)
    if done.returncode != 0:
        raise CliUnavailable(
            f"building the Pulumi CLI failed at `{' '.join(args)}`:\n{done.stderr.strip()}"
        )
    return done.stdout


def _foreign_replacements(go_mod: str) -> list[str]:
    """pkg's ``replace`` lines that point at other modules (not at a directory of the repo)."""
    lines: list[str] = []
    block = False
    for raw in go_mod.splitlines():
        line = raw.split("//", 1)[0].strip()
        if line.startswith("replace ("):
            block = True
            continue
        if block and line == ")":
            block = False
            continue
        if not (block or line.startswith("replace ")):
            continue
        match = _REPLACE.match(line)
        if match is None:
            continue
        old, old_version, new, new_version = match.groups()
        if new.startswith((".", "/")) or new_version is None:
            continue  # a directory of pulumi's own repository (../sdk)
        left = f"{old} {old_version}" if old_version else old
        lines.append(f"replace {left} => {new} {new_version}")
    return lines


def build_cli(version: str = PINNED_VERSION, *, log: bool = True) -> PulumiCli:
    """Build ``pulumi`` at ``version`` into the cache (nothing if it is there already)."""
    target = _cli_dir(version)
    with _locked(target.parent):
        if (target / "bin" / "pulumi").is_file() and (target / "bin" / LAUNCHER).is_file():
            return PulumiCli(target / "bin", version, "cache")
        go = _go()
        started = time.perf_counter()
        env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "-mod=mod"}
        work = Path(tempfile.mkdtemp(prefix=f"v{version}.", dir=target.parent))
        try:
            found = json.loads(
                _run([go, "mod", "download", "-json", f"{_PKG}@v{version}"], work, env, log)
            )
            replacements = _foreign_replacements(Path(found["GoMod"]).read_text())
            (work / "go.mod").write_text(
                "module pulumi-kinde.local/pulumi-cli\n\ngo 1.26\n\n"
                + "".join(f"{line}\n" for line in replacements)
            )
            _run([go, "get", f"{_MAIN}@v{version}", f"{_SDK}@v{version}"], work, env, log)
            bin_dir = work / "bin"
            flags = f"-s -w -X {_VERSION_VAR}=v{version}"
            _run(
                [go, "build", "-trimpath", "-ldflags", flags, "-o", str(bin_dir / "pulumi"), _MAIN],
                work,
                env,
                log,
            )
            sdk = _run([go, "list", "-m", "-f", "{{.Dir}}", _SDK], work, env, log).strip()
            launcher = bin_dir / LAUNCHER
            shutil.copyfile(Path(sdk) / "python" / "dist" / LAUNCHER, launcher)
            launcher.chmod(0o755)
            (work / "BUILT").write_text(
                f"pulumi v{version}, built in {time.perf_counter() - started:.0f} s\n"
            )
            shutil.rmtree(target, ignore_errors=True)
            work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if log:
            took = time.perf_counter() - started
            print(f"pulumi-kinde: built pulumi v{version} in {took:.0f} s", file=sys.stderr)
        return PulumiCli(target / "bin", version, "built")
