"""A stand-in for the Pulumi engine, for tests: no Pulumi CLI needed.

* :class:`ProviderServer` starts ``python -m pulumi.dynamic`` like the engine does and drives
  Configure / Check / Diff / Create / Read / Update / Delete over gRPC.
* :class:`ProgramRunner` runs a Pulumi program under ``pulumi.runtime.set_mocks``, sends its
  dynamic resources through a ``ProviderServer`` and keeps a checkpoint between
  ``up`` / ``preview`` / ``refresh`` / ``destroy``.
* :class:`KindeStack` runs a Kinde program (its ``Pulumi.yaml`` and stack files honoured)
  against local emulators, one per profile, and checks that it converges; the pytest plugin
  (:mod:`pulumi_kinde.testing.pytest_plugin`) hands it out as the ``kinde_stack`` fixture.
"""

from ._errors import CheckFailed, CheckFailure, ProviderError, RunFailed
from ._result import RunResult, StackOutput, StepRecord
from ._state import ResourceState
from ._values import SECRET_SIG, SIG_KEY, UNKNOWN
from .convergence import Convergence
from .project import Project, ProjectError
from .provider_server import (
    CheckResponse,
    CreateResponse,
    DiffResponse,
    ProviderServer,
    ReadResponse,
)
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
    "KindeStack",
    "Program",
    "ProgramRunner",
    "Project",
    "ProjectError",
    "ProviderError",
    "ProviderServer",
    "ReadResponse",
    "ResourceState",
    "RunFailed",
    "RunResult",
    "StackOutput",
    "StepRecord",
]
