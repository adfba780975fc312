"""The requests an export costs grow by a known amount per object, at the largest pages.

``benchmarks/export_benchmark.py`` measures 1,000 organizations and 200 roles; this test
pins the per-object cost on a smaller business so a regression shows at once.
"""

from __future__ import annotations

import math

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.export import export_business, render_project

ORGANIZATIONS = 230
ROLES = 120


def test_export_requests_per_object_and_page_size(emu: Emulator) -> None:
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api:
        for i in range(ORGANIZATIONS):
            api.post("/api/v1/organization", {"name": f"Customer {i:04d}"})
        for i in range(ROLES):
            api.post("/api/v1/roles", {"key": f"role-{i:03d}", "name": f"Role {i}"})

    emu.reset_log()
    tokens = emu.token_requests
    lines: list[str] = []
    with KindeClient(settings) as api:
        result = export_business(api, progress=lines.append)

    counts = result.counts()
    assert counts["organization"] == ORGANIZATIONS and counts["role"] == ROLES
    requests = emu.api_requests()
    assert result.requests == len(requests)
    assert all(r.method == "GET" for r in requests)
    assert emu.token_requests - tokens == 1

    # + Kinde's default organization. A list of several offset pages is walked twice, so
    # that an object the cursor moved past while others wrote is still seen.
    org_pages = 2 * math.ceil((ORGANIZATIONS + 1) / 100)
    role_pages = 2 * math.ceil(ROLES / 100)
    fixed = 1 + 1 + 1 + 1 + 1 + 1  # apis, applications, connections, Google, permissions, webhooks
    fixed += 2  # the business, listed then read (no industry or timezone: no catalog read)
    fixed += 1 + 1  # environment variables, feature flags (the environment's list)
    fixed += 1 + 2 + 1  # categories, Kinde's category's context (org, usr filters), properties
    fixed += 1  # organization properties: none, so no organization's values are read
    fixed += 1 + 1 + 1 + 1  # passkey policy, environment logos, API keys, SCIM directories
    per_org = 2  # its settings, and its connections (no flag: no overrides to read)
    per_role = 4  # the role, its permissions, its scopes, its system permissions
    expected = fixed + org_pages + role_pages + per_org * ORGANIZATIONS + per_role * ROLES
    assert len(requests) == expected

    lists = [r for r in requests if r.path in ("/api/v1/organizations", "/api/v1/roles")]
    assert len(lists) == org_pages + role_pages
    assert {r.query.get("page_size") for r in lists} == {"100"}

    assert "organization: 231 listed, reading 230" in lines
    assert "organization: 100/230 organization(s) read" in lines
    assert "organization: 230 exported, 1 not exported" in lines
    assert "role: 120 exported" in lines


def test_a_throttled_export_waits_and_writes_the_same_program(emu: Emulator) -> None:
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api:
        for i in range(40):
            api.post("/api/v1/organization", {"name": f"Customer {i:04d}"})
        calm = render_project(export_business(api))
    emu.faults.set_rate_limit(40)
    with KindeClient(settings) as api:
        throttled = export_business(api, concurrency=8)
        assert api.stats.rate_limited > 0
    assert render_project(throttled) == calm
