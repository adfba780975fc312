"""``try --state FILE``: the checkpoint and the emulators' data, kept between runs.

One JSON file holds the engine's checkpoint and the data of each profile's emulator, so the
next run starts where the last one stopped: edit the program, run again, and see exactly what
changes. Under the real Pulumi engine the checkpoint is the stack's ``pulumi stack export``,
its secrets encrypted as Pulumi encrypts them, with a passphrase kept apart from the file
(:func:`try_passphrase`); under the stand-in it is the stand-in's checkpoint. The file is
written atomically after every step, readable by its owner only. It describes a made-up
business on emulators (whose own data holds the made-up client secrets of its applications);
it never holds a credential of a real one (``try`` refuses those).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..emulator.persistence import read_json, write_atomic
from ..testing.engines import Runner
from ..testing.pulumi_cli import cache_root

__all__ = ["TryState", "try_passphrase"]

FORMAT = "pulumi-kinde-try/1"
_ENGINE_NAMES = {"pulumi": "the real Pulumi engine", "standin": "the engine stand-in"}


def try_passphrase() -> str:
    """The passphrase of ``try``'s stacks: ``PULUMI_CONFIG_PASSPHRASE`` when set, else one
    made for this user on first use and kept (owner-only) in pulumi-kinde's cache directory,
    never in the state file."""
    given = os.environ.get("PULUMI_CONFIG_PASSPHRASE")
    if given:
        return given
    path = cache_root() / "try-passphrase"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


@dataclass
class TryState:
    """What ``--state FILE`` holds; ``emulators`` is keyed by config namespace
    (``kinde``, ``kinde-prod``); ``engine`` names the engine whose checkpoint it holds:
    ``deployment`` (``pulumi stack export``) for the real one, ``checkpoint`` for the
    stand-in."""

    path: Path
    project: str | None = None
    stack: str | None = None
    engine: str = "standin"
    checkpoint: list[dict[str, Any]] = field(default_factory=list)
    deployment: dict[str, Any] | None = None
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
            engine=str(data.get("engine") or "standin"),
            checkpoint=list(data.get("checkpoint") or []),
            deployment=data.get("deployment"),
            emulators=dict(data.get("emulators") or {}),
        )

    def check_engine(self, engine: str) -> None:
        """``ValueError`` when the file holds another engine's checkpoint."""
        if self.is_new or engine == self.engine:
            return
        raise ValueError(
            f"{self.path} holds a checkpoint of {_ENGINE_NAMES[self.engine]}; run with "
            f"--engine {self.engine}, or use another --state file"
        )

    def restore_into(self, runner: Runner) -> None:
        """Give ``runner`` the checkpoint kept here."""
        if self.engine == "pulumi":
            if self.deployment is not None:
                runner.restore(self.deployment)
        else:
            runner.restore(self.checkpoint)

    def keep(self, runner: Runner) -> None:
        """Take ``runner``'s checkpoint (written by :meth:`save`)."""
        self.engine = runner.engine
        if runner.engine == "pulumi":
            self.deployment = runner.checkpoint()
            self.checkpoint = []
        else:
            self.checkpoint = runner.checkpoint()
            self.deployment = None

    def save(self) -> None:
        """Write the file (atomically)."""
        data: dict[str, Any] = {
            "format": FORMAT,
            "project": self.project,
            "stack": self.stack,
            "engine": self.engine,
            "emulators": self.emulators,
        }
        if self.engine == "pulumi":
            data["deployment"] = self.deployment
        else:
            data["checkpoint"] = self.checkpoint
        write_atomic(self.path, data)
