"""A program of 104 resources against a Kinde that allows 5 requests per second, 2 at a time.

The provider client sets no pace of its own here (no ``kinde:maxRequestsPerSecond``), so it
meets many 429 answers; it must wait as ``RateLimit-Reset`` says and finish with no failure.
Numbers chosen for a run of about 50 s: 104 resources of 7 types (APIs, their scopes, M2M
applications authorized for an API with some of its scopes, permissions, roles holding
permissions, webhooks) send about 230 requests, and 5 per second is the floor of the run's
length; the destroy that follows keeps the 2-at-a-time limit but not the rate.
"""

from __future__ import annotations

import time
from collections import Counter

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from tests.reliability import tally
from tests.reliability.conftest import MakeRunner

RATE = 5.0  # requests per second
CONCURRENCY = 2
APIS, SCOPES_PER_API, APPS, PERMISSIONS, ROLES, WEBHOOKS = 6, 4, 4, 40, 6, 20
RESOURCES = APIS * (1 + SCOPES_PER_API) + 2 * APPS + PERMISSIONS + ROLES + WEBHOOKS


def business() -> None:
    """APIs with scopes, applications granted some, permissions in roles, webhooks."""
    for a in range(APIS):
        api = kinde.Api(f"api{a}", name=f"API {a}", audience=f"https://api{a}.example")
        scopes = [
            kinde.ApiScope(f"api{a}-scope{s}", api_id=api.id, key=f"things{s}:read")
            for s in range(SCOPES_PER_API)
        ]
        if a < APPS:
            app = kinde.Application(f"worker{a}", name=f"Worker {a}", type="m2m")
            kinde.ApiApplication(
                f"worker{a}-api{a}",
                api_id=api.id,
                application_id=app.id,
                scopes=[scope.scope_id for scope in scopes[:2]],
            )
    permissions = [
        kinde.Permission(f"perm{p}", key=f"do:thing{p}", name=f"Do thing {p}")
        for p in range(PERMISSIONS)
    ]
    for r in range(ROLES):
        kinde.Role(
            f"role{r}",
            key=f"role{r}",
            name=f"Role {r}",
            permissions=[permissions[r].id, permissions[r + ROLES].id],
        )
    for h in range(WEBHOOKS):
        kinde.Webhook(
            f"hook{h}",
            name=f"hook{h}",
            endpoint=f"https://hooks.example/{h}",
            event_types=["user.created"],
        )


def test_a_throttled_program_of_104_resources_completes_without_failure(
    emu: Emulator, make_runner: MakeRunner
) -> None:
    assert RESOURCES >= 100
    runner = make_runner(retries=True, warm=False, rpc_timeout=120.0)
    emu.faults.set_rate_limit(RATE)
    emu.faults.set_concurrency_limit(CONCURRENCY)

    started = time.monotonic()
    result = runner.up(business)
    elapsed = time.monotonic() - started

    assert result.ok and len(result.ops) == RESOURCES
    assert set(result.ops.values()) == {"create"}
    statuses = Counter(record.status for record in emu.api_requests())
    throttled = statuses[429]
    answered = sum(n for status, n in statuses.items() if 200 <= status < 300)
    assert set(statuses) <= {200, 201, 429}, statuses  # no failure of any other kind
    assert throttled > 0, "the limits never bit: the test proves nothing"
    tally.add("throttled", throttled)
    # The client waited as told instead of hammering: the run took at least as long as the
    # rate allows, and 429s stayed within a small multiple of the answers (a client retrying
    # at once would use up its retries within milliseconds and fail the run).
    assert elapsed >= (answered - RATE) / RATE
    assert throttled <= 2 * answered

    store = emu.store
    assert len(store.permissions) == PERMISSIONS
    assert len(store.webhooks) == WEBHOOKS
    assert len([r for r in store.roles.all() if r.key.startswith("role")]) == ROLES
    granted = [api for api in store.apis.all() if api.application_ids]
    assert len(granted) == APPS
    assert all(len(scopes) == 2 for api in granted for scopes in api.application_scopes.values())

    emu.faults.set_rate_limit(None)
    assert set(runner.destroy().ops.values()) == {"delete"}
    assert len(store.permissions) == len(store.webhooks) == 0
