"""The public surface of pulumi_kinde.testing is pinned: changing it is a decision."""

from __future__ import annotations

import inspect

import pulumi_kinde.testing as testing


def test_public_names_are_pinned() -> None:
    assert sorted(testing.__all__) == sorted(
        [
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
    )
    for name in testing.__all__:
        assert hasattr(testing, name)


def test_runner_operations() -> None:
    runner = testing.ProgramRunner
    assert list(inspect.signature(runner.up).parameters) == ["self", "program", "skip_preview"]
    assert list(inspect.signature(runner.preview).parameters) == ["self", "program"]
    assert list(inspect.signature(runner.refresh).parameters) == ["self"]
    assert list(inspect.signature(runner.destroy).parameters) == ["self"]
    assert issubclass(testing.CheckFailed, testing.RunFailed)
