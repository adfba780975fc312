"""Behaviour of the security, logo, API key and SCIM directory resources that the generic
lifecycle suite cannot show: secrets that work and stay secret, rotation, logos read from
files, what Kinde cannot delete, and what check() says about bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import httpx
import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._provider import KindeProvider
from pulumi_kinde.resources.api_key import ApiKey, ApiKeyProvider
from pulumi_kinde.resources.logo import EnvironmentLogo, EnvironmentLogoProvider
from pulumi_kinde.resources.mfa import EnvironmentMfaProvider, OrganizationMfaProvider
from pulumi_kinde.resources.organization_sessions import OrganizationSessionsProvider
from pulumi_kinde.resources.passkey import EnvironmentPasskeyProvider
from pulumi_kinde.resources.scim_directory import ScimDirectory
from pulumi_kinde.testing import ProgramRunner, ProviderServer, RunFailed
from tests.conftest import stack_config
from tests.reliability.secrets import assert_no_secrets
from tests.resources.cases_security import PNG, PNG_V2, _api_with_scope, _sso_org
from tests.resources.test_lifecycle import api_client

URN = "urn:pulumi:stack::project::pulumi-python:dynamic:Resource::it"


def _outputs(runner: ProgramRunner, name: str = "it") -> dict[str, Any]:
    (entry,) = [s for s in runner.state if s.name == name]
    return dict(entry.outputs)


def _verify(emu: Emulator, key: str) -> httpx.Response:
    """Kinde's public check of a key (no token needed)."""
    return httpx.post(f"{emu.url}/api/v1/api_keys/verify", json={"api_key": key}, timeout=10)


def test_an_api_key_is_a_secret_that_works_refreshes_and_rotates(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        parents = _api_with_scope(api)

    def program(trigger: str) -> Any:
        def declare() -> None:
            key = ApiKey(
                "it", name="Export", type="environment", rotation_trigger=trigger, **parents
            )
            pulumi.export("key", key.key)

        return declare

    runner.up(program("v1"))
    first = runner.outputs["key"]
    assert first.secret and _verify(emu, first.value).json()["is_valid"] is True
    assert _outputs(runner)["scopes"] == ["read:orders"]
    assert runner.refresh().step("it").changed == ()  # Kinde never shows it again: kept
    assert _outputs(runner)["key"] == first.value

    assert runner.up(program("v2")).ops == {"it": "update"}
    second = runner.outputs["key"]
    (stored,) = emu.store.api_keys.all()
    assert second.value != first.value and emu.store.api_key_values[stored.id] == second.value
    assert _verify(emu, first.value).status_code == 401  # the old key stopped working
    assert _outputs(runner)["key_prefix"] == second.value[:6]  # read back after rotating
    assert assert_no_secrets(runner, emu, extra=[first.value]) > 0


def test_a_scim_token_is_a_secret(emu: Emulator, runner: ProgramRunner) -> None:
    with api_client(emu) as api:
        parents = _sso_org(api)

    def program() -> None:
        directory = ScimDirectory("it", directory_name="Okta", provider_code="okta", **parents)
        pulumi.export("token", directory.secret_token)

    runner.up(program)
    (directory,) = emu.store.directories.all()
    token = runner.outputs["token"]
    assert token.secret and token.value == directory.secret_token
    assert assert_no_secrets(runner, emu) > 0


def test_a_logo_file_is_uploaded_once_and_again_when_it_changes(
    emu: Emulator, runner: ProgramRunner, tmp_path: Path
) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)

    def program() -> None:
        EnvironmentLogo("it", type="light", file=str(path))

    runner.up(program)
    (logo,) = emu.store.logos.all()
    assert logo.sha256 == hashlib.sha256(PNG).hexdigest() == _outputs(runner)["content_sha256"]
    assert logo.file_name == "light.png" and "content" not in _outputs(runner)
    emu.reset_log()
    assert runner.up(program).ops == {"it": "same"} and emu.api_requests() == []

    path.write_bytes(PNG_V2)
    assert runner.up(program).ops == {"it": "update"}
    assert emu.store.logos.all()[0].sha256 == hashlib.sha256(PNG_V2).hexdigest()

    path.unlink()
    with pytest.raises(RunFailed) as failed:
        runner.up(program)
    assert f"logo argument 'file': cannot read {str(path)!r}" in str(failed.value)


@pytest.mark.parametrize(
    ("provider", "inputs", "warning"),
    [
        (
            EnvironmentMfaProvider(),
            {"policy": "optional", "enabled_factors": ["mfa:email"]},
            "environment MFA 'environment': Kinde has no way to remove the MFA configuration",
        ),
        (
            EnvironmentPasskeyProvider(),
            {"policy": "optional"},
            "environment passkey policy 'environment': the environment always has a passkey",
        ),
    ],
    ids=["environment_mfa", "environment_passkey"],
)
def test_a_singleton_is_left_in_kinde_with_a_warning(
    emu: Emulator, provider: KindeProvider[Any, Any], inputs: dict[str, Any], warning: str
) -> None:
    with ProviderServer(rpc_timeout=30) as server:
        server.configure(stack_config(emu))
        checked = server.check(URN, {}, {"__provider": serialize_provider(provider), **inputs})
        id_, outs = server.create(URN, checked.inputs)
        before = emu.snapshot()
        emu.reset_log()
        server.delete(URN, id_, outs)
    # Closed: its output readers have read everything it wrote.
    assert emu.api_requests() == [] and emu.snapshot() == before
    assert f"warning: {warning}" in server.logs
    assert "it stays in Kinde and is no longer managed by Pulumi" in server.logs


@pytest.mark.parametrize(
    ("provider", "inputs", "field", "says"),
    [
        (
            ApiKeyProvider(),
            {"name": "K", "type": "environment", "api_id": "a", "org_code": "org_1"},
            "org_code",
            "API key argument 'org_code': must be left out for a key of type "
            "'environment' (or declare type='organization')",
        ),
        (
            ApiKeyProvider(),
            {"name": "K", "type": "user", "api_id": "a"},
            "user_id",
            "must be given for a key of type 'user'",
        ),
        (
            OrganizationSessionsProvider(),
            {"org_code": "org_1"},
            "authenticated_session_lifetime",
            "must be given (in seconds), or sso_session_persistence_mode",
        ),
        (
            OrganizationMfaProvider(),
            {"org_code": "org_1", "enabled_factors": ["mfa:pigeon"]},
            "enabled_factors",
            "'mfa:email', 'mfa:sms' or 'mfa:authenticator_app'",
        ),
    ],
    ids=["key-owner-not-taken", "key-owner-required", "sessions-empty", "mfa-factor"],
)
def test_check_names_the_argument_and_says_the_fix(
    provider: KindeProvider[Any, Any], inputs: dict[str, Any], field: str, says: str
) -> None:
    result = provider.check({}, inputs)
    assert [f.property for f in result.failures] == [field]
    assert says in result.failures[0].reason


def test_a_logo_that_is_not_an_image_is_refused_showing_its_start() -> None:
    result = EnvironmentLogoProvider().check({}, {"type": "light", "content": "JVBERi0xLjQ="})
    (failure,) = result.failures
    assert failure.property == "content"
    assert failure.reason == (
        "environment logo argument 'content': must be a PNG, JPEG, GIF, "
        "WebP or SVG image (it starts with b'%PDF-1.4')"
    )


def test_a_logo_diffs_by_its_hash_and_never_by_its_content() -> None:
    provider = EnvironmentLogoProvider()
    first = provider.check({}, {"type": "light", "content": PNG}).inputs
    second = provider.check({}, {"type": "light", "content": PNG_V2}).inputs
    assert first["content_sha256"] == hashlib.sha256(PNG).hexdigest()
    stored = {k: v for k, v in first.items() if k != "content"}  # outputs keep no content
    assert provider.diff("light", stored, first).changes is False
    changed = provider.diff("light", stored, second)
    assert changed.changes is True and changed.replaces == []
    assert provider.diff("light", stored, {**first, "type": "dark"}).replaces == ["type"]


def test_a_preview_with_an_unknown_session_setting_is_not_refused() -> None:
    provider = OrganizationSessionsProvider()
    unknown = provider.check({}, {"org_code": "org_1", "sso_session_persistence_mode": Unknown()})
    assert unknown.failures == []
