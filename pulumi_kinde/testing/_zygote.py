"""The warm parent of forked provider processes (see ``_forkserver``). Run as a module.

``python -m pulumi_kinde.testing._zygote FD``: import what ``python -m pulumi.dynamic`` and
pulumi_kinde's providers import, then serve requests on the Unix socket ``FD``: each request
is a length-prefixed JSON ``{"env": {...}, "cwd": "..."}`` carrying two file descriptors (the
child's stdout and stderr); the answer is the child's pid and a newline. The zygote stays
single-threaded and never opens a gRPC channel or server, so each fork starts clean.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import runpy
import signal
import socket
import sys
import traceback
from typing import Any

_PR_SET_PDEATHSIG = 1


def _preload() -> None:
    """Import what a provider process imports before it serves its first call."""
    import asyncio  # noqa: F401
    import concurrent.futures  # noqa: F401

    import dill  # noqa: F401
    import grpc  # noqa: F401
    import pulumi.dynamic
    import pulumi.runtime  # noqa: F401
    from pulumi.runtime.proto import provider_pb2_grpc  # noqa: F401

    import pulumi_kinde.resources

    for resource in pulumi_kinde.resources.RESOURCE_TYPES:
        __import__(resource.provider_class.__module__)


def _receive(sock: socket.socket) -> tuple[dict[str, Any], list[int]] | None:
    header, fds, _flags, _address = socket.recv_fds(sock, 4, 2)
    if len(header) < 4:
        return None
    size = int.from_bytes(header, "big")
    payload = b""
    while len(payload) < size:
        chunk = sock.recv(size - len(payload))
        if not chunk:
            return None
        payload += chunk
    return json.loads(payload), list(fds)


def _child(request: dict[str, Any], fds: list[int], base_path: list[str], parent: int) -> None:
    """Become ``python -u -m pulumi.dynamic`` with the requested environment; never returns."""
    code = 1
    try:
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the zygote died before prctl took effect
            os._exit(1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        out, err = fds
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        # Unbuffered standard streams, as ``python -u`` makes them.
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), write_through=True, errors="backslashreplace"
        )
        env: dict[str, str] = request["env"]
        cwd: str = request["cwd"]
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:] = [cwd, *extra, *base_path]
        runpy.run_module("pulumi.dynamic", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        with contextlib.suppress(Exception):
            traceback.print_exc()
    finally:
        os._exit(code)


def main(fd: int) -> None:
    sock = socket.socket(fileno=fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps our children
    _preload()
    own = {p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p}
    base_path = [p for p in sys.path[1:] if p not in own]
    me = os.getpid()
    while True:
        try:
            received = _receive(sock)
        except OSError:
            break
        if received is None:
            break
        request, fds = received
        try:
            pid = os.fork()
        except OSError as error:
            for descriptor in fds:
                os.close(descriptor)
            sock.sendall(f"fork failed: {error}\n".encode())
            continue
        if pid == 0:
            sock.close()
            _child(request, fds, base_path, me)
        for descriptor in fds:
            os.close(descriptor)
        sock.sendall(f"{pid}\n".encode())


if __name__ == "__main__":
    main(int(sys.argv[1]))
