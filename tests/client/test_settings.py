"""Domains in every spelling, and settings resolved from stack config or the environment."""

from __future__ import annotations

import pytest

from pulumi_kinde.client import (
    ClientSettings,
    ConfigurationError,
    normalize_domain,
    resolve_settings,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("acme", "https://acme.kinde.com"),
        ("acme.kinde.com", "https://acme.kinde.com"),
        ("https://acme.kinde.com/", "https://acme.kinde.com"),
        ("https://acme.kinde.com/api", "https://acme.kinde.com"),
        ("  auth.example.com ", "https://auth.example.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
    ],
)
def test_domain_spellings(given: str, expected: str) -> None:
    assert normalize_domain(given) == expected


@pytest.mark.parametrize("bad", ["", "   ", "acme_corp!", "https://", "acme corp.com"])
def test_bad_domains_are_refused(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        normalize_domain(bad)


def test_stack_config_wins_over_environment() -> None:
    settings = resolve_settings(
        {"kinde:domain": "acme", "kinde:clientId": "cfg-id", "kinde:clientSecret": "cfg-secret"},
        {"KINDE_DOMAIN": "other", "KINDE_CLIENT_ID": "env-id", "KINDE_CLIENT_SECRET": "env-s"},
    )
    assert (settings.domain, settings.client_id, settings.client_secret) == (
        "https://acme.kinde.com",
        "cfg-id",
        "cfg-secret",
    )
    assert settings.token_audience == "https://acme.kinde.com/api"


def test_environment_fills_what_config_lacks() -> None:
    settings = resolve_settings(
        {"kinde:domain": "acme"},
        {"KINDE_CLIENT_ID": "env-id", "KINDE_CLIENT_SECRET": "env-secret", "KINDE_AUDIENCE": "a"},
    )
    assert (settings.client_id, settings.client_secret, settings.audience) == (
        "env-id",
        "env-secret",
        "a",
    )


def test_named_profile_reads_its_own_namespace_and_variables() -> None:
    settings = resolve_settings(
        {"kinde:domain": "dev", "kinde-prod:domain": "prod"},
        {"KINDE_PROD_ACCESS_TOKEN": "prod-token-123", "KINDE_CLIENT_ID": "dev-id"},
        profile="prod",
    )
    assert settings.domain == "https://prod.kinde.com"
    assert settings.access_token == "prod-token-123"
    assert settings.client_id is None


def test_missing_settings_name_every_way_to_provide_them() -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve_settings({}, {})
    text = str(info.value)
    for way in (
        "kinde:domain",
        "KINDE_DOMAIN",
        "kinde:clientId",
        "KINDE_CLIENT_ID",
        "kinde:clientSecret",
        "KINDE_CLIENT_SECRET",
        "kinde:accessToken",
        "pulumi config set --secret",
    ):
        assert way in text


def test_settings_repr_hides_credentials() -> None:
    settings = ClientSettings("acme", client_id="id", client_secret="very-secret-value")
    assert "very-secret-value" not in repr(settings)
