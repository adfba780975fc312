"""Adoption mistakes (``test_mistakes.py`` runs the rows of ``mistakes_adoption.py``): a change
an adopted object cannot make without declaring what Kinde never shows, refused at preview."""

from __future__ import annotations

import pytest

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import CheckFailed, ProgramRunner
from tests.resources.test_lifecycle import api_client


def test_an_adopted_property_renamed_without_its_category_is_refused_at_preview(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        category = api.post("/api/v1/property_categories", {"name": "C", "context": "org"})
        body = {"key": "tier", "name": "Tier", "context": "org", "is_private": False,
                "category_id": category["category"]["id"], "type": "single_line_text"}  # fmt: skip
        property_id = api.post("/api/v1/properties", body)["property"]["id"]

    def program(name: str) -> None:
        kinde.Property("tier", key="tier", name=name, context="org", import_id=property_id)

    assert runner.up(lambda: program("Tier")).ops == {"tier": "create"}
    emu.reset_log()
    with pytest.raises(CheckFailed) as caught:
        runner.preview(lambda: program("Plan tier"))
    assert (
        "property argument 'category_id' is required to change name: Kinde's update writes "
        "the category too, and never shows it"
    ) in str(caught.value)
    assert emu.requests == []
