"""The example programs through the real Pulumi engine against the emulator: up, a no-change
preview and up that send no request, a refresh that finds no drift, destroy."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing.pulumi_engine import PulumiRunner
from tests.convergence.lifecycle import lasting_removed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("example", ["quickstart", "starter", "b2b", "promotion"])
def test_example_on_the_real_engine(example: str, emu: Emulator, real: PulumiRunner) -> None:
    baseline = lasting_removed(emu.snapshot())
    created = real.up(EXAMPLES / example)
    assert created.ok and set(created.ops.values()) == {"create"}, created.ops

    emu.reset_log()
    preview = real.preview(EXAMPLES / example)
    assert set(preview.ops.values()) == {"same"}, preview.ops
    again = real.up(EXAMPLES / example, skip_preview=True)
    assert set(again.ops.values()) == {"same"}, again.ops
    assert emu.api_requests() == []

    refreshed = real.refresh()
    steps = refreshed.steps.values()
    drift = {s.name: (s.op, s.changed) for s in steps if s.changed or s.op != "read"}
    assert drift == {}

    real.destroy()
    assert lasting_removed(emu.snapshot()) == baseline  # but what Kinde cannot delete
