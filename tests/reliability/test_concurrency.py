"""One provider process served by many threads at once: one token, no race, right answers.

The dynamic provider server answers from a pool of 4 threads; here 12 Python threads call
Check, Create and Read on one ``python -m pulumi.dynamic`` process at the same moment (a
barrier), with a little latency on every request (the token request included) to widen
the windows a race needs. Also: a list walked while a create was in flight must not be
reused for that create's lookup of its own id (a race found by the throttled program).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._listing import list_all
from pulumi_kinde.resources._provider import Rollback
from pulumi_kinde.resources.permission import PermissionArgs, PermissionProvider
from pulumi_kinde.resources.role import RoleProvider
from pulumi_kinde.resources.webhook import WebhookProvider
from pulumi_kinde.testing import ProviderServer
from tests.conftest import stack_config
from tests.reliability.conftest import DEBUG_LOG
from tests.reliability.secrets import SecretBook, assert_no_secrets_in

THREADS = 12
PER_THREAD = 6  # two roles, two permissions and two webhooks each
LATENCY = 0.02

Made = tuple[str, str, dict[str, Any], dict[str, Any]]  # urn, id, declared inputs, outputs


def _declarations(thread: int) -> list[tuple[str, dict[str, Any]]]:
    """(type, inputs) of what thread ``thread`` creates: keys unique to it."""
    made: list[tuple[str, dict[str, Any]]] = []
    for n in range(PER_THREAD // 3):
        made.append(("Role", {"key": f"t{thread}-role{n}", "name": f"Role {thread}.{n}"}))
        made.append(("Permission", {"key": f"t{thread}:perm{n}", "name": f"Perm {thread}.{n}"}))
        made.append(
            (
                "Webhook",
                {
                    "name": f"t{thread}-hook{n}",
                    "endpoint": f"https://hooks.example/{thread}/{n}",
                    "event_types": ["user.created"],
                },
            )
        )
    return made


def _in_threads(work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` on THREADS threads that start together; return results in order."""
    barrier = threading.Barrier(THREADS)

    def start(i: int) -> Any:
        barrier.wait(timeout=30)
        return work(i)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(start, range(THREADS), timeout=120))


def test_threads_hammering_one_provider_process_share_one_token(
    emu: Emulator, secret_book: SecretBook
) -> None:
    emu.faults.set_latency(LATENCY)
    providers = {
        "Role": serialize_provider(RoleProvider()),
        "Permission": serialize_provider(PermissionProvider()),
        "Webhook": serialize_provider(WebhookProvider()),
    }
    with ProviderServer(env=DEBUG_LOG, rpc_timeout=60) as server:
        server.configure(stack_config(emu))

        def create(thread: int) -> list[Made]:
            made = []
            for n, (kind, inputs) in enumerate(_declarations(thread)):
                urn = (
                    f"urn:pulumi:stack::project::pulumi-python:dynamic/kinde:{kind}::t{thread}-{n}"
                )
                news = {"__provider": providers[kind], **inputs}
                checked = server.check(urn, {}, news)
                assert checked.failures == []
                created = server.create(urn, checked.inputs)
                made.append((urn, created.id, inputs, created.outs))
            return made

        def read_all(everything: list[Made], count: int) -> Callable[[int], int]:
            def read(thread: int) -> int:
                # Each thread reads ``count`` objects, most of them another thread's.
                start = thread * len(everything) // THREADS + PER_THREAD
                for urn, id_, inputs, outs in (everything * 2)[start : start + count]:
                    found = server.read(urn, id_, outs, None)
                    assert found.id == id_
                    assert {k: found.outs.get(k) for k in inputs} == inputs
                return count

            return read

        everything = [made for batch in _in_threads(create) for made in batch]
        assert emu.token_requests == 1
        ids = [id_ for _, id_, _, _ in everything]
        assert len(ids) == len(set(ids)) == THREADS * PER_THREAD
        for _, id_, inputs, outs in everything:
            assert {k: outs.get(k) for k in inputs} == inputs, id_

        assert sum(_in_threads(read_all(everything, 2 * PER_THREAD))) == THREADS * 2 * PER_THREAD
        assert emu.token_requests == 1

        # Every thread meets the expired token at once: one of them gets a new one.
        emu.expire_tokens()
        assert sum(_in_threads(read_all(everything, 1))) == THREADS
        assert emu.token_requests == 2
        server.close()  # closed, its output readers have read everything it wrote
        logs = server.logs

    store = emu.store
    threads_roles = [r for r in store.roles.all() if r.key.startswith("t")]
    assert len(threads_roles) == len(store.permissions) == len(store.webhooks)
    assert len(threads_roles) == THREADS * PER_THREAD // 3
    assert "GET /api/v1/roles/" in logs  # the debug log was on: the scan below reads requests
    assert_no_secrets_in({"provider logs": logs}, secret_book)


def test_a_list_walked_during_a_create_is_walked_again_for_the_new_id() -> None:
    """A permission create that is not answered with its id finds it in the list; a list
    walked by another thread while the create was in flight must not serve that lookup."""
    listed: list[dict[str, Any]] = []
    create_arrived, finish_create = threading.Event(), threading.Event()

    def kinde(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth2/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})
        if request.method == "POST":
            create_arrived.set()
            assert finish_create.wait(10)
            key = json.loads(request.content)["key"]
            listed.append({"id": "perm_1", "key": key, "name": "Read"})
            return httpx.Response(201, json={"code": "PERMISSION_CREATED"})  # no id
        return httpx.Response(200, json={"permissions": list(listed), "next_token": None})

    settings = ClientSettings("acme", client_id="id", client_secret="secret")
    with KindeClient(settings, transport=httpx.MockTransport(kinde)) as api:
        args = PermissionArgs(key="read:things", name="Read")
        with ThreadPoolExecutor(1) as pool:
            creating = pool.submit(PermissionProvider().create_object, api, args, Rollback())
            assert create_arrived.wait(10)
            assert list_all(api, "/api/v1/permissions", "permissions") == []  # mid-create
            finish_create.set()
            new_id, _ = creating.result(timeout=10)
    assert new_id == "perm_1"
