"""A provider process ends when the engine that started it is gone.

The Pulumi engine starts the dynamic provider through a shell launcher and reads its standard
output for as long as it needs it. When the engine dies without stopping it (``kill -9`` of
``pulumi up``, a cancelled CI job), nothing else ends the provider: it is handed to process 1
and waits forever. Once per process, at Configure, a daemon thread waits on standard output
(a pipe to the engine); when the engine's end of it closes, the provider exits.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import threading

__all__ = ["exit_with_the_engine"]

_lock = threading.Lock()
_watching = False
_GONE = select.POLLERR | select.POLLHUP


def exit_with_the_engine() -> None:
    """Exit this process once its standard output's reader is gone (when stdout is a pipe)."""
    global _watching
    with _lock:
        if _watching:
            return
        _watching = True
    stream = sys.__stdout__
    try:
        descriptor = stream.fileno() if stream is not None else -1
        if descriptor < 0 or not stat.S_ISFIFO(os.fstat(descriptor).st_mode):
            return  # not started by an engine: nothing tells when to go
    except (OSError, ValueError):
        return
    thread = threading.Thread(
        target=_wait_for_the_engine, args=(descriptor,), name="engine-watch", daemon=True
    )
    thread.start()


def _wait_for_the_engine(descriptor: int) -> None:
    poller = select.poll()
    poller.register(descriptor, _GONE)  # a pipe's write end: POLLERR once no reader is left
    while True:
        if any(events & _GONE for _, events in poller.poll()):
            os._exit(0)
