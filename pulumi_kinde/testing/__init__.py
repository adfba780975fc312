"""Run Kinde programs for tests and ``try``: on the real Pulumi engine, or on a stand-in.

* :class:`PulumiRunner` runs a program through the real Pulumi CLI (found, or built by
  ``python -m pulumi_kinde pulumi-cli``; :mod:`.pulumi_cli`) with a local backend: the
  reference for every behaviour.
* :class:`ProviderServer` starts ``python -m pulumi.dynamic`` like the engine does and drives
  Configure / Check / Diff / Create / Read / Update / Delete over gRPC.
* :class:`ProgramRunner` runs a Pulumi program under ``pulumi.runtime.set_mocks``, sends its
  dynamic resources through a ``ProviderServer`` and keeps a checkpoint between
  ``up`` / ``preview`` / ``refresh`` / ``destroy``: the engine stand-in, fast, held to the
  real engine by tests, refusing the resource options it does not implement.
* :func:`choose_engine` / :func:`make_runner` pick one (:mod:`.engines`).
* :class:`KindeStack` runs a Kinde program (its ``Pulumi.yaml`` and stack files honoured)
  against local emulators, one per profile, and checks that it converges; the pytest plugin
  (:mod:`pulumi_kinde.testing.pytest_plugin`) hands it out as the ``kinde_stack`` fixture.
"""

from ._errors import CheckFailed, CheckFailure, EngineError, ProviderError, RunFailed
from ._result import RunResult, StackOutput, StepRecord
from ._state import ResourceState
from ._values import SECRET_SIG, SIG_KEY, UNKNOWN
from .convergence import Convergence
from .engines import EngineChoice, choose_engine, make_runner
from .project import Project, ProjectError
from .provider_server import (
    CheckResponse,
    CreateResponse,
    DiffResponse,
    ProviderServer,
    ReadResponse,
)
from .pulumi_engine import PulumiRunner
from .runner import Program, ProgramRunner
from .stack import KindeStack

__all__ = [
    "SECRET_SIG",
    "SIG_KEY",
    "UNKNOWN",
    "CheckFailed",
    "CheckFailure",
    "CheckResponse",
    "Convergence",
    "CreateResponse",
    "DiffResponse",
    "EngineChoice",
    "EngineError",
    "KindeStack",
    "Program",
    "ProgramRunner",
    "Project",
    "ProjectError",
    "ProviderError",
    "ProviderServer",
    "PulumiRunner",
    "ReadResponse",
    "ResourceState",
    "RunFailed",
    "RunResult",
    "StackOutput",
    "StepRecord",
    "choose_engine",
    "make_runner",
]
