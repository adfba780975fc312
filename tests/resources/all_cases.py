"""Every lifecycle case, and what a run needs to declare one: the lifecycle suite, the fault
suites, the scope tests and the benchmark's per-type table (benchmarks/run.py) all read this.
"""

from __future__ import annotations

import re
from typing import Any

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from tests.resources.cases import CASES, Case
from tests.resources.cases_access import ACCESS_CASES
from tests.resources.cases_grants import GRANT_CASES
from tests.resources.cases_security import SECURITY_CASES
from tests.resources.cases_settings import SETTINGS_CASES
from tests.resources.cases_users import USER_CASES

__all__ = ["ALL_CASES", "api_client", "declared", "label", "parents"]

ALL_CASES = CASES + ACCESS_CASES + USER_CASES + SETTINGS_CASES + SECURITY_CASES + GRANT_CASES


def api_client(emu: Emulator) -> KindeClient:
    return KindeClient(
        ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    )


def parents(case: Case, emu: Emulator) -> dict[str, Any]:
    """Create what the case's object needs, behind Pulumi's back; return those arguments."""
    if case.setup is None:
        return {}
    with api_client(emu) as api:
        return case.setup(api)


def declared(case: Case, emu: Emulator) -> dict[str, Any]:
    """The case's create arguments, with its parents made first."""
    return {**case.create, **parents(case, emu)}


def label(case: Case) -> str:
    """The case's row in the README's table of requests per type: the type's name, and what
    sets the case apart when the type has several (``Application (access_roles)``)."""
    name = case.resource.__name__
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    if case.name == snake:
        return name
    return f"{name} ({case.name.removeprefix(snake + '_')})"
