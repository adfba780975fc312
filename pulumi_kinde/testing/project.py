"""A Pulumi project as the Pulumi CLI reads it: ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml``.

``Project.load(directory)`` honours ``name:``, ``main:`` (a directory holding ``__main__.py``
or a ``.py`` file), ``stackConfigDir:`` and the project's ``config:`` defaults. A directory
without ``Pulumi.yaml`` is a bare program: its name is the project's name.

``project.stack_config("dev")`` reads ``Pulumi.dev.yaml``: plain values come back as the
strings ``pulumi.Config`` sees (objects and lists as JSON); ``secure:`` values are encrypted
with the stack's secrets provider, which only the Pulumi CLI can open, so they are listed
apart for the caller to supply (``try --secret KEY=VALUE``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Project", "ProjectError", "StackConfig"]


class ProjectError(ValueError):
    """The project or stack files cannot be used; the message says which and why."""


@dataclass(frozen=True)
class StackConfig:
    """A stack's configuration: ``values`` by namespaced key (``kinde:domain``); ``secure``
    names the keys whose values are encrypted and so not in ``values``."""

    values: dict[str, str] = field(default_factory=dict)
    secure: tuple[str, ...] = ()
    source: Path | None = None


@dataclass(frozen=True)
class Project:
    """Where a program is and what it is called."""

    name: str
    main: Path
    directory: Path
    config_dir: Path
    defaults: dict[str, str] = field(default_factory=dict)
    has_project_file: bool = False

    @classmethod
    def load(cls, directory: str | Path) -> Project:
        """The project in ``directory`` (or the bare program there)."""
        root = Path(directory).resolve()
        if root.is_file():  # a program file given directly
            return cls(
                name=root.parent.name, main=root, directory=root.parent, config_dir=root.parent
            )
        project_file = next(
            (root / n for n in ("Pulumi.yaml", "Pulumi.yml") if (root / n).is_file()), None
        )
        if project_file is None:
            if not (root / "__main__.py").is_file():
                raise ProjectError(f"{root} has neither Pulumi.yaml nor __main__.py")
            return cls(name=root.name, main=root, directory=root, config_dir=root)
        data = _read_yaml(project_file)
        name = str(data.get("name") or root.name)
        main = (root / str(data.get("main") or ".")).resolve()
        if main.is_dir() and not (main / "__main__.py").is_file():
            raise ProjectError(f"{project_file}: main {main} holds no __main__.py")
        if not main.exists():
            raise ProjectError(f"{project_file}: main {main} does not exist")
        config_dir = (root / str(data.get("stackConfigDir") or ".")).resolve()
        defaults: dict[str, str] = {}
        for key, spec in (data.get("config") or {}).items():
            value = spec.get("value", spec.get("default")) if isinstance(spec, dict) else spec
            if value is not None:
                defaults[_namespaced(str(key), name)] = _as_config_string(value)
        return cls(
            name=name,
            main=main,
            directory=root,
            config_dir=config_dir,
            defaults=defaults,
            has_project_file=True,
        )

    def stack_file(self, stack: str) -> Path:
        """Where the stack's settings are: ``Pulumi.<stack>.yaml``."""
        return self.config_dir / f"Pulumi.{stack}.yaml"

    def stack_config(self, stack: str) -> StackConfig:
        """The configuration in ``Pulumi.<stack>.yaml``, with the project's defaults."""
        path = self.stack_file(stack)
        if not path.is_file():
            raise ProjectError(f"no stack file {path} for stack {stack!r}")
        raw = _read_yaml(path).get("config") or {}
        if not isinstance(raw, dict):
            raise ProjectError(f"{path}: 'config' must be a mapping")
        values = dict(self.defaults)
        secure: list[str] = []
        for key, value in raw.items():
            full = _namespaced(str(key), self.name)
            if isinstance(value, dict) and set(value) == {"secure"}:
                secure.append(full)
                values.pop(full, None)
            else:
                values[full] = _as_config_string(value)
        return StackConfig(values=values, secure=tuple(secure), source=path)

    def config_key(self, key: str) -> str:
        """``key`` with the project's namespace when it has none (``siteUrl`` →
        ``myproject:siteUrl``)."""
        return _namespaced(key, self.name)


def _namespaced(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def _as_config_string(value: Any) -> str:
    """The string ``pulumi.Config`` holds for a YAML value."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ProjectError(f"{path} is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProjectError(f"{path} must hold a mapping")
    return data
