"""A provider process whose engine is gone (``kill -9`` of ``pulumi up``) exits by itself."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import time
from pulumi_kinde.resources._orphan import exit_with_the_engine
exit_with_the_engine()
print("watching", flush=True)
time.sleep(120)
"""


def test_the_provider_exits_when_the_reader_of_its_output_is_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"watching\n"
        child.stdout.close()  # what the engine's death does to the pipe
        assert child.wait(timeout=30) == 0
    finally:
        child.kill()
        child.wait()
