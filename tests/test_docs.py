"""The reference is complete and generated from the code.

- Every resource of ``RESOURCE_TYPES`` documents itself (summary, example, id, scopes, one
  ``:param:`` per argument, a docstring per output); the failure says what to add, where.
- Every lookup has a docstring.
- The committed pages (docs/, README.md's generated blocks) are what docs/generate.py writes.
"""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import pulumi
import pytest

from pulumi_kinde import lookups
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._docstring import attribute_docs, parse
from pulumi_kinde.resources._reference import problems, reference
from pulumi_kinde.resources._resource import KindeResource
from pulumi_kinde.resources.api import ApiProvider

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", DOCS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_pages_are_up_to_date() -> None:
    stale = _generator().stale()
    assert not stale, f"run .venv/bin/python docs/generate.py and commit; stale: {stale}"


@pytest.mark.parametrize("resource", RESOURCE_TYPES, ids=lambda r: r.__name__)
def test_every_resource_documents_itself(resource: type[KindeResource]) -> None:
    missing = problems(resource)
    assert not missing, "the reference page needs:\n" + "\n".join(missing)


def test_every_lookup_has_a_docstring() -> None:
    undocumented = [n for n in lookups.__all__ if not inspect.getdoc(getattr(lookups, n))]
    assert not undocumented, f"add a docstring to these in pulumi_kinde/lookups/: {undocumented}"
    assert set(attribute_docs(lookups.Found)) == {"id", "state"}


class _Undocumented(KindeResource):
    """Half-documented, to show what the docs test reports.

    :param name: the name.
    :param colour: no such argument.
    """

    provider_class = ApiProvider

    name: pulumi.Output[str]

    def __init__(self, resource_name: str, *, name: str, audience: str) -> None:
        raise NotImplementedError


def test_problems_name_what_to_add_and_where() -> None:
    found = "\n".join(problems(_Undocumented))
    where = "tests/test_docs.py, class _Undocumented"
    for expected in (
        f"{where}: add an 'Example::' block",
        f"{where}: add ':id:'",
        f"{where}: add ':find_id:'",
        f"{where}: add ':scopes:'",
        f"{where}: add ':param resource_name: <what it does>'",
        f"{where}: add ':param audience: <what it does>'",
        f"{where}: ':param colour:' names no argument of __init__; remove it",
        f"{where}: declare the output 'audience: pulumi.Output[...]'",
        f"{where}: add a docstring on the line below 'name: pulumi.Output[str]'",
    ):
        assert expected in found


def test_reference_reads_types_limits_defaults_and_markers() -> None:
    from pulumi_kinde import Application, FeatureFlag, Webhook

    app = {a.name: a for a in reference(Application).arguments}
    assert (app["name"].type, app["name"].limits, app["name"].required) == (
        "str",
        ("1-128 characters",),
        True,
    )
    assert app["type"].markers == ("replaces",)
    assert app["type"].limits == ('one of `"reg"`, `"spa"`, `"m2m"`, `"device"`',)
    assert app["redirect_uris"].markers == ("set",)
    assert "each item: 1-2048 characters" in app["redirect_uris"].limits
    assert app["access_token_lifetime"].limits == ("1-31536000",)
    outputs = {o.name: o for o in reference(Application).outputs}
    assert outputs["client_secret"].secret and not outputs["client_id"].secret
    flag = {a.name: a for a in reference(FeatureFlag).arguments}
    assert (flag["allow_override_level"].default, flag["default_value"].type) == (
        "None",  # "env" with a declared definition (a validator's first line says so)
        "bool | int | str",
    )
    assert reference(Webhook).scopes == (
        "create:webhooks",
        "read:webhooks",
        "update:webhooks",
        "delete:webhooks",
        "read:event_types",
    )


def test_docstring_parts() -> None:
    doc = parse(
        """Summary line.

        More.

        Example::

            x = 1

            y = 2

        :id: ``a/b``
        :limitation: one,
            continued.
        :limitation: two.
        :param name: the name.
        """
    )
    assert (doc.summary, doc.paragraphs, doc.example) == (
        "Summary line.",
        ("More.",),
        "x = 1\n\ny = 2",
    )
    assert doc.values("limitation") == ["one, continued.", "two."]
    assert (doc.value("id"), doc.params) == ("``a/b``", {"name": "the name."})


def test_relative_links_resolve() -> None:
    from tests.docs_examples import ROOT, markdown_files

    broken = []
    for path in markdown_files():
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text()):
            if "://" not in target and not (path.parent / target).exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert not broken, f"links to nothing: {broken}"
