"""A Kinde program under test: a stack of it against local emulators, no account, no CLI.

::

    with KindeStack("infra/kinde", stack="dev", config={"siteUrl": "https://x.example"}) as s:
        created = s.up()
        assert created.ops["admin"] == "create"
        assert s.emulator.store.roles.find(key="admin").name == "Administrator"
        s.assert_converged()                 # a second up: nothing changes, no request
        s.set_config("siteUrl", "https://y.example")
        assert s.up().step("web").op == "update"

It runs on the real Pulumi engine when a Pulumi CLI is found (``engine="auto"``, the default;
``PULUMI_KINDE_ENGINE`` or ``engine="pulumi"`` / ``"standin"`` choose), else on the engine
stand-in; ``stack.engine`` says which. The program's ``Pulumi.yaml`` is honoured (name,
``main:``, config defaults), and with
``stack=`` its ``Pulumi.<stack>.yaml`` plain values too (``kinde:*`` settings there are
replaced: the stack only ever talks to its emulators). Each profile (``profile="prod"`` in
the program; ``profiles=["prod"]`` here) gets an emulator of its own. The pytest plugin's
``kinde_stack`` fixture builds these and closes them after the test.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import dill

from ..client import config_namespace
from ..emulator import Emulator
from ._errors import RunFailed
from ._result import RunResult
from .convergence import Convergence, no_change_up
from .engines import EngineChoice, Runner, choose_engine, make_runner
from .project import Project
from .report import clash_hints
from .runner import Program

__all__ = ["KindeStack", "emulator_config", "is_kinde_setting", "profiles_of"]

_KINDE_SETTING = re.compile(
    r"^kinde(-[\w-]+)?:(domain|clientId|clientSecret|audience|accessToken)$"
)


def is_kinde_setting(key: str) -> bool:
    """Whether a config key says where Kinde is or how to sign in (``kinde-prod:domain``)."""
    return bool(_KINDE_SETTING.match(key))


def profiles_of(serialized_providers: Iterable[str]) -> set[str | None]:
    """The profiles (``None``: the default business) of serialized pulumi-kinde providers."""
    profiles: set[str | None] = set()
    for serialized in serialized_providers:
        provider = dill.loads(base64.b64decode(serialized))
        if hasattr(provider, "profile"):
            profiles.add(provider.profile)
    return profiles


def emulator_config(
    url: str, client_id: str, client_secret: str, profile: str | None = None
) -> dict[str, str]:
    """The stack config pointing ``profile``'s provider at an emulator."""
    namespace = config_namespace(profile)
    return {
        f"{namespace}:domain": url,
        f"{namespace}:clientId": client_id,
        f"{namespace}:clientSecret": client_secret,
    }


class KindeStack:
    """One stack of a program, its checkpoint, and an emulator per profile.

    ``program`` is a project or program directory, a ``.py`` file, or a callable declaring
    resources. ``config`` and ``secrets`` add stack config (keys without a namespace get the
    project's). ``emulator`` is the default profile's emulator (else one is started and
    owned). ``engine`` is ``"auto"`` (the real Pulumi engine when there is a CLI),
    ``"pulumi"`` or ``"standin"``. Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        program: str | Path | Callable[[], Any],
        *,
        stack: str | None = None,
        config: Mapping[str, str] | None = None,
        secrets: Mapping[str, str] | None = None,
        profiles: Iterable[str] = (),
        emulator: Emulator | None = None,
        engine: str | None = None,
    ) -> None:
        self.project: Project | None = None
        if callable(program):
            self.program: Program = program
            name = "project"
        else:
            self.project = Project.load(program)
            self.program = self.project.main
            name = self.project.name
        self._owned: list[Emulator] = []
        self.emulators: dict[str | None, Emulator] = {}
        values: dict[str, str] = {}
        if self.project is not None:
            values.update(self.project.defaults)
            if stack is not None:
                values.update(self.project.stack_config(stack).values)
        values = {k: v for k, v in values.items() if not is_kinde_setting(k)}
        values.update({self._key(k): v for k, v in (config or {}).items()})
        values.update({self._key(k): v for k, v in (secrets or {}).items()})
        self.choice: EngineChoice = choose_engine(engine)
        self.runner: Runner = make_runner(
            self.choice,
            config=values,
            secret_keys=[self._key(k) for k in (secrets or {})],
            project=name,
            stack=stack or "test",
        )
        try:
            self.add_profile(None, emulator)
            for profile in profiles:
                self.add_profile(profile)
        except BaseException:
            self.close()
            raise

    @property
    def engine(self) -> str:
        """``pulumi`` or ``standin``: the engine that runs this stack."""
        return self.runner.engine

    @property
    def emulator(self) -> Emulator:
        """The default profile's emulator."""
        return self.emulators[None]

    def add_profile(self, profile: str | None, emulator: Emulator | None = None) -> Emulator:
        """Point ``profile`` at ``emulator``, or at a new emulator this stack owns."""
        if emulator is None:
            emulator = Emulator().start()
            self._owned.append(emulator)
        self.emulators[profile] = emulator
        self.runner.config.update(
            emulator_config(emulator.url, emulator.client_id, emulator.client_secret, profile)
        )
        if "kinde:clientSecret" not in self.runner.secret_keys:
            self.runner.secret_keys.append("kinde:clientSecret")
        return emulator

    def set_config(self, key: str, value: str, *, secret: bool = False) -> None:
        """Set stack config for the next operation (``siteUrl`` or ``ns:key``)."""
        full = self._key(key)
        self.runner.config[full] = value
        if secret and full not in self.runner.secret_keys:
            self.runner.secret_keys.append(full)

    # -- operations ---------------------------------------------------------------------

    def up(self, *, skip_preview: bool = False) -> RunResult:
        """``pulumi up``: a preview first (unless skipped), which also finds the profiles the
        program uses, each given an emulator before anything is created. When a create
        clashes with an object a resource of this stack holds (a rename without ``aliases``),
        the :class:`RunFailed` says which, and the alias to add (its ``hints``)."""
        preview = None if skip_preview else self.preview()
        try:
            result = self.runner.up(self.program, skip_preview=True)
        except RunFailed as failure:
            # A create that clashed: the state knows whose object it hit.
            failure.add_hints(clash_hints(failure.result, lambda: self.runner.state))
            raise
        result.preview = preview
        return result

    def preview(self) -> RunResult:
        """``pulumi preview``; profiles it finds in the program get their emulators."""
        result = self.runner.preview(self.program)
        for profile in profiles_of(result.providers) - set(self.emulators):
            self.add_profile(profile)
        return result

    def refresh(self) -> RunResult:
        """``pulumi refresh``."""
        return self.runner.refresh()

    def destroy(self) -> RunResult:
        """``pulumi destroy``."""
        return self.runner.destroy()

    def no_change_up(self) -> Convergence:
        """Run ``up`` again and record what changed and which API requests were sent."""
        return no_change_up(self.runner, self.program, self.emulators.values())

    def assert_converged(self) -> Convergence:
        """Fail unless another ``up`` changes nothing and sends no API request."""
        convergence = self.no_change_up()
        if not convergence.ok:
            details = "\n".join(convergence.describe())
            raise AssertionError(f"the program does not converge:\n{details}")
        return convergence

    # -- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Stop the emulators this stack started; remove the stack's backend."""
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.close()
        for emulator in self._owned:
            emulator.stop()
        self._owned.clear()

    def __enter__(self) -> KindeStack:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _key(self, key: str) -> str:
        if self.project is not None:
            return self.project.config_key(key)
        return key if ":" in key else f"{self.runner.project}:{key}"
