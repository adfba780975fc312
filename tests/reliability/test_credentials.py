"""Credentials that stop working, and tokens without a scope an operation needs.

- A token revoked or expired while the provider process holds it is replaced once, and the
  run goes on.
- A client secret Kinde refuses, or a revoked ready-made token with nothing to get a new one,
  fails the run with a message saying what to check, before any API request.
- For every step of every resource's create and delete, a token lacking just that step's
  scope (per ``endpoints.tsv``) fails the run with an error naming the scope, and leaves
  nothing half-done: a create undoes what it made (the emulator is as before), a delete
  keeps the resource in the stack so that a rerun with the scope finishes it.
"""

from __future__ import annotations

from collections import Counter

import pytest

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.catalog import all_scopes, operations
from pulumi_kinde.testing import RunFailed
from tests.conftest import stack_config
from tests.reliability import tally
from tests.reliability.conftest import MakeRunner
from tests.reliability.harness import WRITES, Runner, comparable
from tests.reliability.secrets import SecretBook
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES, declared, program, resource_id

SCOPE_OF = {op.operation_id: op.scope for op in operations().values()}
DESTROY = "test_destroy_leaves_the_emulator_as_it_was"
UNDELETABLE = {case.name for case in ALL_CASES if DESTROY in dict(case.not_applicable)}
"""Cases whose delete leaves the object (Kinde cannot delete it): a rerun makes another."""


def _scopes_used(emu: Emulator) -> list[str]:
    """The scopes the logged API requests up to the last write needed, in order (a read
    back after the writes cannot leave anything half-done)."""
    records = emu.api_requests()
    last = max((i for i, r in enumerate(records) if r.method in WRITES), default=-1)
    used = [SCOPE_OF.get(r.operation_id or "") for r in records[: last + 1]]
    return list(dict.fromkeys(scope for scope in used if scope))


def _only_reads_after_writes(emu: Emulator, scope: str) -> bool:
    """Whether every request needing ``scope`` came after the last write (a read back)."""
    records = emu.api_requests()
    writes = [i for i, r in enumerate(records) if r.method in WRITES]
    needing = [i for i, r in enumerate(records) if SCOPE_OF.get(r.operation_id or "") == scope]
    return bool(writes) and all(i > writes[-1] for i in needing)


def _grant_all_but(
    emu: Emulator, runner: Runner, book: SecretBook, scope: str | None, *, restart: bool = False
) -> None:
    """Tokens from now on lack ``scope`` (None: have every scope); the token the provider
    holds is revoked, so that it fetches a new one. With ``restart`` the next run starts a
    new provider process, as the next ``pulumi up`` after the M2M application's scopes
    changed (a process keeps what it learnt with its first token: a list it could read)."""
    book.collect()
    emu.scopes = None if scope is None else all_scopes() - {scope}
    emu.revoke_tokens()
    if restart:
        runner.close()


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_a_missing_scope_at_any_step_fails_naming_it_and_leaves_nothing_half_done(
    case: Case, emu: Emulator, make_runner: MakeRunner, secret_book: SecretBook
) -> None:
    runner = make_runner(retries=True)
    declare = program(case, **declared(case, emu))
    baseline = comparable(emu.snapshot())
    emu.reset_log()
    runner.up(declare)
    create_scopes = _scopes_used(emu)
    emu.reset_log()
    runner.destroy()
    delete_scopes = _scopes_used(emu)
    after_delete = comparable(emu.snapshot())
    assert create_scopes

    for scope in create_scopes:
        _grant_all_but(emu, runner, secret_book, scope, restart=True)
        emu.reset_log()
        try:
            runner.up(declare)
        except RunFailed as error:
            message = str(error)
            assert "HTTP 403" in message and scope in message, message
            assert comparable(emu.snapshot()) == after_delete, f"without {scope}: a leftover"
            assert all(entry.name != "it" for entry in runner.state)
        else:
            # Only a read back after the writes may lack its scope (the create keeps what it
            # wrote and the object is in the stack), or a create that needed no request with
            # it this time (one that adopts what matches, say).
            refused = [r for r in emu.api_requests() if r.status == 403]
            needed = any(SCOPE_OF.get(r.operation_id or "") == scope for r in emu.api_requests())
            assert not needed or _only_reads_after_writes(emu, scope), f"passed without {scope}"
            assert refused == [] or _only_reads_after_writes(emu, scope)
            assert resource_id(runner)
            _grant_all_but(emu, runner, secret_book, None)
            runner.destroy()
        tally.add("scope_refusals")

    _grant_all_but(emu, runner, secret_book, None)
    runner.up(declare)
    for scope in delete_scopes:
        _grant_all_but(emu, runner, secret_book, scope)
        with pytest.raises(RunFailed) as failure:
            runner.destroy()
        message = str(failure.value)
        assert "HTTP 403" in message and scope in message, message
        assert [entry.name for entry in runner.state if entry.name == "it"] == ["it"]
        tally.add("scope_refusals")
    _grant_all_but(emu, runner, secret_book, None)
    runner.destroy()
    tally.add("reruns")
    if case.name not in UNDELETABLE:
        assert comparable(emu.snapshot()) == after_delete == baseline


def test_a_revoked_or_expired_token_is_replaced_once_and_the_run_goes_on(
    emu: Emulator, make_runner: MakeRunner, secret_book: SecretBook
) -> None:
    case = next(c for c in ALL_CASES if c.name == "role")
    assert case.update is not None
    runner = make_runner()  # one provider process: it holds its token between runs
    args = declared(case, emu)
    runner.up(program(case, **args))
    assert emu.token_requests == 1

    secret_book.collect()
    emu.revoke_tokens()
    assert runner.up(program(case, **{**args, **case.update})).ops == {"it": "update"}
    assert emu.token_requests == 2

    emu.expire_tokens()
    assert runner.up(program(case, **args)).ops == {"it": "update"}
    assert emu.token_requests == 3
    assert Counter(r.status for r in emu.api_requests())[401] == 2


def test_a_refused_client_secret_fails_clearly_before_any_api_request(
    emu: Emulator, make_runner: MakeRunner, secret_book: SecretBook
) -> None:
    wrong = "a-rotated-away-client-secret-4f1c"
    secret_book.values.add(wrong)
    runner = make_runner(config=stack_config(emu, **{"kinde:clientSecret": wrong}))
    with pytest.raises(RunFailed) as failure:
        runner.up(program(ALL_CASES[0], **ALL_CASES[0].create))
    message = str(failure.value)
    assert "refused the token request" in message
    assert emu.client_id in message and "client secret" in message
    assert wrong not in message
    assert emu.api_requests() == [] and emu.token_requests == 0


def test_a_revoked_access_token_without_client_credentials_fails_clearly(
    emu: Emulator, make_runner: MakeRunner, secret_book: SecretBook
) -> None:
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    with KindeClient(settings) as api:
        api.get("/api/v1/roles")
    (token,) = emu.issued_tokens()
    secret_book.collect()
    emu.revoke_tokens()
    config = {"kinde:domain": emu.url, "kinde:accessToken": token}
    runner = make_runner(config=config, secret_keys=["kinde:accessToken"])
    with pytest.raises(RunFailed) as failure:
        runner.up(program(ALL_CASES[0], **ALL_CASES[0].create))
    message = str(failure.value)
    assert "Kinde rejected the access token (HTTP 401, TOKEN_INVALID)" in message
    assert "check the credentials" in message
    assert token not in message
    assert emu.token_requests == 1  # only the one made above
