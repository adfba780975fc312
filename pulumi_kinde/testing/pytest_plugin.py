"""pytest fixtures for testing your own Kinde program: no Kinde account needed.

Installed with pulumi-kinde (entry point ``pytest11``), so a test file only asks for them::

    from pathlib import Path

    PROGRAM = Path(__file__).parent          # holds Pulumi.yaml / __main__.py

    def test_program(kinde_stack):
        stack = kinde_stack(PROGRAM, config={"siteUrl": "https://shop.example.com"})
        created = stack.up()
        assert created.ops["admin"] == "create"
        assert stack.emulator.store.roles.find(key="admin") is not None
        stack.assert_converged()             # a second up changes nothing, sends nothing

* ``kinde_emulator``: a fresh local Kinde Management API (``pulumi_kinde.emulator.Emulator``)
  on 127.0.0.1, stopped after the test.
* ``kinde_stack``: ``kinde_stack(program, stack=None, config=None, secrets=None,
  profiles=())`` returns a :class:`~pulumi_kinde.testing.KindeStack` whose default business is
  ``kinde_emulator``; every profile gets an emulator of its own. ``KINDE_*`` variables are
  removed from the environment during the test, so nothing reaches a real business. The
  stack runs on the real Pulumi engine when a Pulumi CLI is found (on ``PATH``, or built
  with ``python -m pulumi_kinde pulumi-cli``), else on the engine stand-in;
  ``kinde_stack(..., engine="pulumi")`` insists on the real one, ``engine="standin"`` takes
  the stand-in (``PULUMI_KINDE_ENGINE`` sets the default).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pulumi_kinde.emulator import Emulator
    from pulumi_kinde.testing.stack import KindeStack

__all__ = ["kinde_emulator", "kinde_stack"]


@pytest.fixture
def kinde_emulator() -> Iterator[Emulator]:
    """A fresh, running Kinde emulator on a free loopback port."""
    from pulumi_kinde.emulator import Emulator

    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def kinde_stack(
    kinde_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., KindeStack]]:
    """Build stacks of a program against ``kinde_emulator`` (and an emulator per profile)."""
    from pulumi_kinde.testing.stack import KindeStack

    for name in list(os.environ):
        if name.startswith("KINDE_"):
            monkeypatch.delenv(name)
    stacks: list[KindeStack] = []

    def make(program: Any, **options: Any) -> KindeStack:
        stack = KindeStack(program, emulator=kinde_emulator, **options)
        stacks.append(stack)
        return stack

    try:
        yield make
    finally:
        for stack in stacks:
            stack.close()
