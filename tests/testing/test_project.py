"""Project and stack files read as the Pulumi CLI reads them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pulumi_kinde.testing import Project, ProjectError


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


def test_main_stack_config_dir_defaults_and_value_types(tmp_path: Path) -> None:
    _write(tmp_path / "src" / "__main__.py", "")
    _write(
        tmp_path / "Pulumi.yaml",
        """
        name: shop
        runtime: python
        main: src/
        stackConfigDir: stacks
        config:
          region: eu
          tier:
            type: string
            default: free
          kinde:maxRetries:
            value: 3
        """,
    )
    _write(
        tmp_path / "stacks" / "Pulumi.prod.yaml",
        """
        config:
          shop:tier: gold
          shop:seats: 50
          shop:beta: true
          shop:owners: [ada, gus]
          shop:apiKey:
            secure: v1:abc
          kinde-prod:domain: acme.kinde.com
        """,
    )
    project = Project.load(tmp_path)
    assert (project.name, project.main) == ("shop", (tmp_path / "src").resolve())
    assert project.config_key("siteUrl") == "shop:siteUrl"
    config = project.stack_config("prod")
    assert config.values == {
        "shop:region": "eu",
        "shop:tier": "gold",
        "kinde:maxRetries": "3",
        "shop:seats": "50",
        "shop:beta": "true",
        "shop:owners": '["ada", "gus"]',
        "kinde-prod:domain": "acme.kinde.com",
    }
    assert config.secure == ("shop:apiKey",)
    with pytest.raises(ProjectError, match=r"no stack file .*Pulumi\.dev\.yaml for stack 'dev'"):
        project.stack_config("dev")


def test_a_bare_program_directory_and_what_is_not_a_project(tmp_path: Path) -> None:
    _write(tmp_path / "infra" / "__main__.py", "")
    bare = Project.load(tmp_path / "infra")
    assert (bare.name, bare.main, bare.has_project_file) == ("infra", bare.directory, False)
    with pytest.raises(ProjectError, match=r"has neither Pulumi\.yaml nor __main__\.py"):
        Project.load(tmp_path)
    _write(tmp_path / "Pulumi.yaml", "name: x\nmain: nowhere/\n")
    with pytest.raises(ProjectError, match=r"main .*nowhere does not exist"):
        Project.load(tmp_path)
