"""Start ``python -m pulumi.dynamic`` processes in milliseconds: fork them from a warm parent.

Before it serves anything, a provider process spends most of a second of CPU importing
pulumi, grpc, dill, httpx, pydantic and pulumi_kinde. The engine pays that once per
``pulumi up``; the test suite and ``try`` start a provider for every operation, hundreds of
times. A *zygote* process imports those modules once (and does nothing else: no thread, no
gRPC channel or server, so forking it is safe) and forks a child per provider. The child
takes the environment, working directory, ``sys.path`` and standard streams a process
started as ``python -u -m pulumi.dynamic`` would have, then runs that module as
``__main__``: the same server code, in a fresh process of its own.

Linux only (``os.fork``, ``socket.send_fds``, ``prctl``); elsewhere :func:`available` is
false and :class:`~pulumi_kinde.testing.ProviderServer` starts providers the plain way.
A child dies with its zygote, and the zygote exits when the process that started it closes
the socket (or dies), so no provider outlives the test run that started it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping
from typing import IO

__all__ = ["ForkedProcess", "available", "spawn"]

_ZYGOTE_MODULE = "pulumi_kinde.testing._zygote"
_DISABLE = "PULUMI_KINDE_FORKSERVER"


def available(env: Mapping[str, str] | None = None) -> bool:
    """Whether providers with environment ``env`` can be forked here: on Linux, unless
    ``PULUMI_KINDE_FORKSERVER=0``, and unless ``env``'s ``PYTHONPATH`` brings another copy of
    pulumi_kinde (the zygote's preloaded one would win over it)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(socket, "send_fds")
        and os.environ.get(_DISABLE, "1") != "0"
        and not _other_pulumi_kinde((env or {}).get("PYTHONPATH", ""))
    )


def _other_pulumi_kinde(pythonpath: str) -> bool:
    ours = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for entry in filter(None, pythonpath.split(os.pathsep)):
        found = os.path.isfile(os.path.join(entry, "pulumi_kinde", "__init__.py"))
        if found and os.path.realpath(entry) != os.path.realpath(ours):
            return True
    return False


class ForkedProcess:
    """A provider process forked by the zygote: the part of ``subprocess.Popen`` we use.

    The zygote reaps its children, so the exit status is not known here: ``returncode`` is
    ``None`` while the process runs and ``-1`` once it is gone.
    """

    def __init__(self, pid: int, stdout: IO[bytes], stderr: IO[bytes]) -> None:
        self.pid = pid
        self.stdout: IO[bytes] | None = stdout
        self.stderr: IO[bytes] | None = stderr
        self.returncode: int | None = None
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except ProcessLookupError:
            self._pidfd = None
            self.returncode = -1

    def poll(self) -> int | None:
        return self.wait(timeout=0) if self.returncode is None else self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        if self.returncode is None and self._pidfd is not None:
            ready, _, _ = select.select([self._pidfd], [], [], timeout)
            if not ready:
                if timeout:
                    raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
                return None
            self._gone()
        return self.returncode

    def terminate(self) -> None:
        self._signal(15)

    def kill(self) -> None:
        self._signal(9)

    def _signal(self, number: int) -> None:
        if self.returncode is None and self._pidfd is not None:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._pidfd, number)

    def _gone(self) -> None:
        self.returncode = -1
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


class _Zygote:
    """The warm parent process and the socket we ask it for children on."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket = ours
        self._process = subprocess.Popen(
            [sys.executable, "-m", _ZYGOTE_MODULE, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        theirs.close()
        self._lock = threading.Lock()

    def spawn(self, env: Mapping[str, str], cwd: str) -> ForkedProcess:
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        try:
            request = json.dumps({"env": dict(env), "cwd": cwd}).encode()
            with self._lock:
                socket.send_fds(
                    self._socket, [len(request).to_bytes(4, "big"), request], [out_write, err_write]
                )
                answer = _read_line(self._socket)
        finally:
            os.close(out_write)
            os.close(err_write)
        if not answer.isdigit():
            os.close(out_read)
            os.close(err_read)
            raise OSError(f"the provider fork server could not start a provider: {answer}")
        return ForkedProcess(int(answer), os.fdopen(out_read, "rb"), os.fdopen(err_read, "rb"))

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        self._socket.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=5)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def _read_line(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            return "the fork server exited"
        data += chunk
    return data.decode().strip()


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()


def spawn(env: Mapping[str, str], cwd: str) -> ForkedProcess:
    """A new ``python -u -m pulumi.dynamic`` process with ``env`` and ``cwd``."""
    global _zygote
    with _zygote_lock:
        if _zygote is None or not _zygote.alive:
            _zygote = _Zygote()
            atexit.register(_zygote.close)
        zygote = _zygote
    return zygote.spawn(env, cwd)
