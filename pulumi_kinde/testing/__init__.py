"""A stand-in for the Pulumi engine, for tests: no Pulumi CLI needed.

* :class:`ProviderServer` starts ``python -m pulumi.dynamic`` like the engine does and drives
  Configure / Check / Diff / Create / Read / Update / Delete over gRPC.
* :class:`ProgramRunner` runs a Pulumi program under ``pulumi.runtime.set_mocks``, sends its
  dynamic resources through a ``ProviderServer`` and keeps a checkpoint between
  ``up`` / ``preview`` / ``refresh`` / ``destroy``.
"""

from ._errors import CheckFailed, CheckFailure, ProviderError, RunFailed
from ._result import RunResult, StackOutput, StepRecord
from ._state import ResourceState
from ._values import SECRET_SIG, SIG_KEY, UNKNOWN
from .provider_server import (
    CheckResponse,
    CreateResponse,
    DiffResponse,
    ProviderServer,
    ReadResponse,
)
from .runner import Program, ProgramRunner

__all__ = [
    "SECRET_SIG",
    "SIG_KEY",
    "UNKNOWN",
    "CheckFailed",
    "CheckFailure",
    "CheckResponse",
    "CreateResponse",
    "DiffResponse",
    "Program",
    "ProgramRunner",
    "ProviderError",
    "ProviderServer",
    "ReadResponse",
    "ResourceState",
    "RunFailed",
    "RunResult",
    "StackOutput",
    "StepRecord",
]
