"""``try --state FILE``: the checkpoint and the emulators' data, kept between runs.

One JSON file holds the engine's checkpoint (as :meth:`ProgramRunner.checkpoint` gives it,
secret values included) and the data of each profile's emulator, so the next run starts
where the last one stopped: edit the program, run again, and see exactly what changes. It
is written atomically after every step, readable by its owner only. It describes a made-up
business on emulators; it never holds a credential of a real one (``try`` refuses those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..emulator.persistence import read_json, write_atomic

__all__ = ["TryState"]

FORMAT = "pulumi-kinde-try/1"


@dataclass
class TryState:
    """What ``--state FILE`` holds; ``emulators`` is keyed by config namespace
    (``kinde``, ``kinde-prod``)."""

    path: Path
    project: str | None = None
    stack: str | None = None
    checkpoint: list[dict[str, Any]] = field(default_factory=list)
    emulators: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        """Whether no run has been saved yet."""
        return self.project is None

    @classmethod
    def load(cls, path: Path) -> TryState:
        """The state in ``path`` (empty when the file does not exist)."""
        data = read_json(path)
        if data is None:
            return cls(path)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path} is not a pulumi-kinde try state file")
        return cls(
            path=path,
            project=data.get("project"),
            stack=data.get("stack"),
            checkpoint=list(data.get("checkpoint") or []),
            emulators=dict(data.get("emulators") or {}),
        )

    def save(self) -> None:
        """Write the file (atomically)."""
        write_atomic(
            self.path,
            {
                "format": FORMAT,
                "project": self.project,
                "stack": self.stack,
                "checkpoint": self.checkpoint,
                "emulators": self.emulators,
            },
        )
