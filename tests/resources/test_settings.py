"""Behaviour of the business-settings resources the generic lifecycle suite cannot show:
secret values kept out of state, logs and errors; typed flag values; write-only fields;
what happens to what Kinde cannot delete; the business singleton."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources import _context
from pulumi_kinde.resources._provider import KindeResourceError
from pulumi_kinde.resources.business_settings import BusinessSettings, BusinessSettingsProvider
from pulumi_kinde.resources.environment_variable import (
    EnvironmentVariableProvider,
)
from pulumi_kinde.resources.feature_flag import FeatureFlag
from pulumi_kinde.resources.feature_flag_override import EnvironmentFeatureFlag
from pulumi_kinde.resources.property import Property
from pulumi_kinde.resources.property_category import PropertyCategoryProvider
from pulumi_kinde.testing import ProgramRunner, ProviderError, ProviderServer, RunFailed
from tests.client.fake_kinde import CLIENT_SECRET, DOMAIN, FakeKinde, kinde_json
from tests.conftest import stack_config
from tests.resources import test_create_faults, test_lifecycle
from tests.resources.test_lifecycle import WRITES, api_client

SECRET = "sk_live_first-secret-value-0001"
ROTATED = "sk_live_rotated-secret-value-0002"
NEVER_SENT = "sk_live_failed-secret-value-0003"
URN = "urn:pulumi:stack::project::pulumi-python:dynamic:Resource::it"


def _entry(runner: ProgramRunner, name: str = "it") -> Any:
    (entry,) = [s for s in runner.state if s.name == name]
    return entry


# -- secret environment variables -----------------------------------------------------------


@pytest.fixture
def debug_provider() -> Iterator[tuple[ProviderServer, Emulator]]:
    """A provider process logging every request (PULUMI_KINDE_LOG=debug), and its Kinde; one
    per test, since a test closes it to read everything it wrote."""
    with Emulator() as emu:
        config = stack_config(emu, **{"kinde:maxRetries": "0"})
        with ProviderServer(env={"PULUMI_KINDE_LOG": "debug"}, rpc_timeout=30) as server:
            server.configure(config)
            yield server, emu


def test_a_secret_value_never_reaches_the_provider_log_or_its_errors(
    debug_provider: tuple[ProviderServer, Emulator],
) -> None:
    server, emu = debug_provider
    provider = serialize_provider(EnvironmentVariableProvider())
    news = {"__provider": provider, "key": "API_KEY", "value": SECRET, "is_secret": True}
    checked = server.check(URN, {}, news)
    id_, outs = server.create(URN, checked.inputs)
    # Kinde cannot update a secret value: a new one is a replacement (delete, then create).
    rotated = {**checked.inputs, "value": ROTATED}
    assert server.diff(URN, id_, outs, rotated).replaces == ["value"]
    server.delete(URN, id_, outs)
    id_, outs = server.create(URN, rotated)
    emu.faults.fail_next(status=500, method="POST")
    with pytest.raises(ProviderError) as failed:
        server.create(URN, {**checked.inputs, "key": "OTHER_KEY", "value": NEVER_SENT})
    read = server.read(URN, id_, outs, rotated)
    assert read.outs["value"] == ROTATED
    server.delete(URN, id_, outs)

    assert "500" in failed.value.details and NEVER_SENT not in failed.value.details
    server.close()  # closed, its output readers have read everything it wrote (not at once)
    logs = server.logs
    assert f"DELETE /api/v1/environment_variables/{id_} -> 200" in logs  # debug is on
    for secret in (SECRET, ROTATED, NEVER_SENT):
        assert secret not in logs


def test_an_error_echoing_a_secret_value_is_redacted() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        value = json.loads(request.content)["value"]
        return kinde_json(400, {"errors": [{"code": "INVALID_VALUE", "message": f"bad {value}"}]})

    fake = FakeKinde(default=echo)
    settings = ClientSettings(DOMAIN, client_id="id", client_secret=CLIENT_SECRET)
    _context.reset()
    _context.pin(KindeClient(settings, transport=httpx.MockTransport(fake)))
    try:
        with pytest.raises(KindeResourceError) as failed:
            EnvironmentVariableProvider().create(
                {"key": "API_KEY", "value": SECRET, "is_secret": True}
            )
    finally:
        _context.reset()
    assert fake.api_calls == ["POST /api/v1/environment_variables"]
    assert SECRET not in str(failed.value) and "bad [redacted]" in str(failed.value)


# -- feature flags ------------------------------------------------------------------------------

TYPED: dict[str, tuple[str, str | int | bool]] = {
    "greeting": ("str", "hello"),
    "seats": ("int", 42),
    "dark_mode": ("bool", True),
}


def _typed_flags() -> None:
    for key, (flag_type, default) in TYPED.items():
        FeatureFlag(
            key, key=key, name=key, description=f"{key} flag", type=flag_type, default_value=default
        )


def test_a_default_of_each_type_round_trips_with_no_diff(
    emu: Emulator, runner: ProgramRunner
) -> None:
    runner.up(_typed_flags)
    stored = {f.key: f.default_value for f in emu.store.feature_flags.all()}
    assert stored == {"greeting": "hello", "seats": "42", "dark_mode": "true"}
    refreshed = runner.refresh()
    assert all(step.changed == () for step in refreshed.steps.values())
    for key, (flag_type, default) in TYPED.items():
        outputs = _entry(runner, key).outputs
        assert (outputs["type"], outputs["default_value"]) == (flag_type, default)
        assert "current_value" not in outputs  # the environment's value is not the flag's
    emu.reset_log()
    assert set(runner.up(_typed_flags).ops.values()) == {"same"}
    assert emu.api_requests() == []


def test_an_override_keeps_the_programs_spelling_of_a_value(
    emu: Emulator, runner: ProgramRunner
) -> None:
    def program() -> None:
        flag = FeatureFlag(
            "flag", key="beta", name="Beta", description="d", type="bool", default_value=False
        )
        EnvironmentFeatureFlag("it", flag_key=flag.key, value="true")

    runner.up(program)
    assert emu.store.environment_feature_flags.get("beta") is not None
    assert runner.refresh().step("it").changed == ()
    assert _entry(runner).outputs["value"] == "true"
    assert set(runner.up(program).ops.values()) == {"same"}


def _flag_program(level: str, name: str) -> Any:
    return lambda: FeatureFlag(
        "it",
        key="beta",
        name=name,
        description="Beta features",
        type="str",
        default_value="off",
        allow_override_level=level,
    )


def test_a_flag_changes_in_place_with_one_put_of_every_field(
    emu: Emulator, runner: ProgramRunner
) -> None:
    runner.up(_flag_program("org", "Beta"))
    emu.reset_log()
    assert runner.up(_flag_program("org", "Beta 2")).ops == {"it": "update"}
    (put,) = [r for r in emu.api_requests() if r.method in WRITES]
    assert (put.method, put.path) == ("PUT", "/api/v1/feature_flags/beta")
    flag = emu.store.feature_flags.get("beta")
    assert flag is not None and (flag.name, flag.allow_override_level) == ("Beta 2", "org")


def test_a_flag_users_may_override_is_replaced_since_kinde_cannot_update_it(
    emu: Emulator, runner: ProgramRunner
) -> None:
    runner.up(_flag_program("usr", "Beta"))
    result = runner.up(_flag_program("usr", "Beta 2"))
    assert result.ops == {"it": "replace"} and result.step("it").replaces == ("name",)
    assert [r.method for r in emu.api_requests() if r.path.endswith("/beta")][-1] == "DELETE"
    flag = emu.store.feature_flags.get("beta")
    assert flag is not None and flag.name == "Beta 2"


def _seed_beta(emu: Emulator, flag_type: str = "str") -> None:
    with api_client(emu) as api:
        body = {"key": "beta", "name": "Old", "type": flag_type, "default_value": "1"}
        api.post("/api/v1/feature_flags", body)


def _adopt_beta(name: str = "Beta") -> Any:
    return lambda: FeatureFlag(
        "it",
        key="beta",
        name=name,
        description="Beta features",
        type="str",
        default_value="off",
        import_id="beta",
    )


def test_adopting_a_flag_takes_its_definition_as_declared_and_writes_a_later_change(
    emu: Emulator, runner: ProgramRunner
) -> None:
    _seed_beta(emu)
    emu.reset_log()
    # Kinde never shows a definition, so adoption cannot tell whether this one matches: it
    # is taken as declared, and Kinde keeps its own (adoption never writes a guess).
    assert runner.up(_adopt_beta()).ops == {"it": "create"}
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    flag = emu.store.feature_flags.get("beta")
    assert flag is not None and (flag.name, flag.default_value) == ("Old", "1")
    emu.reset_log()
    assert runner.up(_adopt_beta()).ops == {"it": "same"} and emu.api_requests() == []
    # Changed after adoption, the definition is written, whole.
    assert runner.up(_adopt_beta("Beta 2")).ops == {"it": "update"}
    writes = [(r.method, r.path) for r in emu.api_requests() if r.method in WRITES]
    assert writes == [("PUT", "/api/v1/feature_flags/beta")]
    flag = emu.store.feature_flags.get("beta")
    assert flag is not None and (flag.name, flag.default_value) == ("Beta 2", "off")


def test_an_adopted_flag_may_leave_its_whole_definition_to_kinde(
    emu: Emulator, runner: ProgramRunner
) -> None:
    def adopt() -> None:
        FeatureFlag("it", key="beta", type="str", import_id="beta")

    _seed_beta(emu)
    emu.reset_log()
    assert runner.up(adopt).ops == {"it": "create"}
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    assert "name" not in _entry(runner).outputs
    assert runner.refresh().step("it").changed == ()
    emu.reset_log()
    assert runner.up(adopt).ops == {"it": "same"} and emu.api_requests() == []


def test_adopting_a_flag_of_another_type_fails_before_any_write(
    emu: Emulator, runner: ProgramRunner
) -> None:
    _seed_beta(emu, "int")
    emu.reset_log()
    with pytest.raises(RunFailed) as failed:
        runner.up(_adopt_beta())
    assert "type is 'int' in Kinde, which cannot change in place" in str(failed.value)
    assert [r for r in emu.api_requests() if r.method in WRITES] == []


# -- what Kinde cannot delete ----------------------------------------------------------------


def test_a_category_is_forgotten_with_a_warning_since_kinde_cannot_delete_it(
    debug_provider: tuple[ProviderServer, Emulator],
) -> None:
    server, emu = debug_provider
    provider = serialize_provider(PropertyCategoryProvider())
    checked = server.check(URN, {}, {"__provider": provider, "name": "Billing", "context": "org"})
    id_, outs = server.create(URN, checked.inputs)
    server.delete(URN, id_, outs)
    assert id_ in emu.store.property_categories
    server.close()  # closed, its output readers have read everything it wrote (not at once)
    assert f"warning: property category {id_!r}: Kinde has no way to delete" in server.logs


def test_adopting_a_property_checks_its_context(emu: Emulator, runner: ProgramRunner) -> None:
    with api_client(emu) as api:
        category = api.post("/api/v1/property_categories", {"name": "C", "context": "usr"})
        category_id = category["category"]["id"]
        body = {
            "name": "Tier",
            "key": "tier",
            "type": "multi_line_text",
            "context": "usr",
            "is_private": False,
            "category_id": category_id,
        }
        property_id = api.post("/api/v1/properties", body)["property"]["id"]

    def program(context: str) -> Any:
        return lambda: Property(
            "it",
            key="tier",
            name="Tier",
            context=context,
            category_id=category_id,
            type="multi_line_text",
            import_id=property_id,
        )

    emu.reset_log()
    with pytest.raises(RunFailed) as failed:
        runner.up(program("org"))
    assert "its context is 'usr' in Kinde, not 'org'" in str(failed.value)
    assert [r for r in emu.api_requests() if r.method in WRITES] == []
    assert runner.up(program("usr")).ops == {"it": "create"}
    assert _entry(runner).outputs["type"] == "multi_line_text"  # taken as declared


# -- the business ------------------------------------------------------------------------------


class _Recording(httpx.BaseTransport):
    """Sends requests over HTTP and keeps them, bodies included."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return self.inner.handle_request(request)


def test_business_settings_adopt_the_business_writing_only_what_differs(emu: Emulator) -> None:
    with api_client(emu) as api:
        api.patch("/api/v1/business", {"business_name": "Tailsforce Ltd", "phone": "555-0100"})
        code = api.get("/api/v1/business")["business"]["code"]
    transport = _Recording()
    settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
    _context.reset()
    _context.pin(KindeClient(settings, transport=transport))
    declared = {"name": "Tailsforce Ltd", "industry": "construction", "timezone": None}
    try:
        provider = BusinessSettingsProvider()
        created = provider.create({k: v for k, v in declared.items() if v is not None})
        patches = [json.loads(r.content) for r in transport.sent if r.method == "PATCH"]
        transport.sent.clear()
        again = provider.create({"name": "Tailsforce Ltd", "industry": "construction"})
    finally:
        _context.reset()
    assert created.id == code and patches == [{"industry_key": "construction"}]
    # The business, and the industries it needs to name its industry by key (no timezone
    # is set: the timezone catalog is not read); no write, as nothing differs.
    read = [r.url.path for r in transport.sent]
    assert read == ["/api/v1/business", "/api/v1/industries"] and again.id == code
    assert (created.outs or {})["phone"] == "555-0100"  # read back, though not managed


def test_a_failed_business_write_leaves_nothing_in_state_and_a_rerun_converges(
    emu: Emulator,
) -> None:
    runner = ProgramRunner(config=stack_config(emu, **{"kinde:maxRetries": "0"}))

    def program() -> None:
        BusinessSettings("it", name="Tailsforce Ltd", terms_url="https://t.example/terms")

    emu.faults.fail_next(status=500, method="PATCH", path="/api/v1/business")
    with pytest.raises(RunFailed):
        runner.up(program, skip_preview=True)
    assert all(entry.name != "it" for entry in runner.state)
    assert runner.up(program, skip_preview=True).ops == {"it": "create"}
    assert runner.destroy().ops == {"it": "delete"}
    (business,) = emu.store.businesses.all()  # destroy leaves the settings in Kinde
    assert (business.name, business.terms_url) == ("Tailsforce Ltd", "https://t.example/terms")


# -- the suite itself ------------------------------------------------------------------------


def test_every_test_a_case_skips_exists() -> None:
    names = {
        name
        for module in (test_lifecycle, test_create_faults)
        for name, _ in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("test_")
    }
    skipped = {name for case in test_lifecycle.ALL_CASES for name, _ in case.not_applicable}
    assert skipped and skipped <= names
