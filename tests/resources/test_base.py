"""The shared lifecycle: check and diff are local, field markers drive them, rollback undoes."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_kinde.resources import RESOURCE_TYPES, _context
from pulumi_kinde.resources._provider import Rollback
from pulumi_kinde.resources.api import ApiProvider
from pulumi_kinde.resources.application import ApplicationProvider
from pulumi_kinde.resources.connection import ConnectionProvider
from pulumi_kinde.resources.role import RoleProvider
from pulumi_kinde.resources.webhook import WebhookProvider

PROVIDER = {"__provider": "serialized"}


@pytest.fixture(autouse=True)
def no_clients() -> Any:
    _context.reset()
    yield
    assert _context._clients == {}, "check and diff must never build a client"


def failures(provider: Any, news: dict[str, Any]) -> dict[str, str]:
    result = provider.check({}, {**news, **PROVIDER})
    return {f.property: f.reason for f in result.failures}


def test_check_normalizes_sets_and_keeps_the_provider_out() -> None:
    result = RoleProvider().check({}, {"key": "a", "name": "A", "permissions": ["p2", "p1", "p2"]})
    assert result.failures == []
    assert result.inputs == {"key": "a", "name": "A", "permissions": ["p1", "p2"]}


def test_check_names_each_bad_field_and_the_fix() -> None:
    found = failures(RoleProvider(), {"key": "has space", "nam": "x", "is_default_role": "maybe"})
    assert set(found) == {"key", "name", "nam", "is_default_role"}
    assert found["name"] == "role argument 'name' is required"
    assert "valid arguments are: description, import_id" in found["nam"]
    assert found["key"] == "role argument 'key': must not be empty or hold spaces"


def test_check_rejects_a_plain_http_webhook_endpoint() -> None:
    found = failures(
        WebhookProvider(),
        {"name": "w", "endpoint": "http://example.com/hook", "event_types": ["user.created"]},
    )
    assert found == {
        "endpoint": "webhook argument 'endpoint': must be an "
        "https:// URL (Kinde only calls HTTPS endpoints); e.g. https://hooks.example.com/kinde"
    }


def test_check_rejects_an_unknown_application_type() -> None:
    found = failures(ApplicationProvider(), {"name": "web", "type": "desktop"})
    assert list(found) == ["type"] and "'reg', 'spa', 'm2m' or 'device'" in found["type"]


def test_check_lets_unknown_values_through_and_validates_the_rest() -> None:
    provider = RoleProvider()
    news = {"key": Unknown(), "name": "Admin", "permissions": [Unknown()], **PROVIDER}
    result = provider.check({}, news)
    assert result.failures == [] and result.inputs is news
    assert failures(provider, {"key": Unknown(), "name": ""}) == {
        "name": "role argument 'name': must not be empty"
    }


def test_check_never_echoes_a_secret_value() -> None:
    secret = "super-secret-option-value"
    found = failures(
        ConnectionProvider(),
        {"name": "c", "display_name": "C", "strategy": "oauth2:google", "options": secret},
    )
    assert "options" in found and secret not in found["options"]


OLD_ROLE = {"key": "admin", "name": "Admin", "description": "live", "permissions": ["a", "b"]}


@pytest.mark.parametrize(
    ("news", "changes", "replaces"),
    [
        ({"key": "admin", "name": "Admin"}, False, []),  # undeclared fields are not managed
        ({"key": "admin", "name": "Admin", "permissions": ["b", "a"]}, False, []),  # a set
        ({"key": "admin", "name": "Admin", "permissions": ["a"]}, True, []),
        ({"key": "admin", "name": "Admin", "description": ""}, True, []),
        ({"key": "admin", "name": "Admin", "import_id": "r1"}, False, []),
        ({"key": "admin", "name": Unknown()}, True, []),
    ],
)
def test_role_diff(news: dict[str, Any], changes: bool, replaces: list[str]) -> None:
    result = RoleProvider().diff("r1", {**OLD_ROLE, **PROVIDER}, {**news, "__provider": "other"})
    assert (result.changes, result.replaces) == (changes, replaces)


def test_replace_only_fields_force_replacement_and_free_unique_keys_first() -> None:
    olds = {"name": "Backend", "audience": "https://a", "is_management_api": False}
    result = ApiProvider().diff("api1", olds, {"name": "Backend 2", "audience": "https://a"})
    assert (result.changes, result.replaces, result.delete_before_replace) == (
        True,
        ["name"],
        True,
    )


def test_write_only_fields_compare_with_the_last_written_value() -> None:
    olds = {"name": "g", "display_name": "G", "strategy": "oauth2:google", "options": {"a": "1"}}
    same = ConnectionProvider().diff("c1", olds, {**olds})
    changed = ConnectionProvider().diff("c1", olds, {**olds, "options": {"a": "2"}})
    assert (same.changes, changed.changes, changed.replaces) == (False, True, [])


def test_unknown_replace_only_field_reports_a_replacement() -> None:
    olds = {"name": "w", "endpoint": "https://a", "event_types": ["x"]}
    news = {"name": "w", "endpoint": Unknown(), "event_types": ["x"]}
    result = WebhookProvider().diff("w1", olds, news)
    assert (result.changes, result.replaces) == (True, ["endpoint"])


def test_rollback_runs_newest_first_and_reports_failures() -> None:
    calls: list[str] = []
    rollback = Rollback()
    rollback.add("first", lambda: calls.append("first"))

    def broken() -> None:
        calls.append("second")
        raise RuntimeError("nope")

    rollback.add("second", broken)
    assert rollback.run() == ["second"]
    assert calls == ["second", "first"]
    assert rollback.run() == []


def test_markers_inside_optional_annotations_are_found() -> None:
    from pulumi_kinde.resources._fields import field_behaviour
    from pulumi_kinde.resources.application import ApplicationArgs, ApplicationState

    fields = field_behaviour(ApplicationArgs)
    assert fields["access_token_lifetime"].write_only
    assert fields["org_code"].replace and fields["org_code"].write_only
    assert fields["redirect_uris"].unordered
    assert field_behaviour(ApplicationState)["client_secret"].secret


def test_every_default_kinde_assigns_names_a_state_field() -> None:
    """``assigned`` declares Kinde's defaults by state field: a misspelt name would never
    reach the outputs, and the first refresh would find the value new."""
    wrong = {
        resource.__name__: sorted(set(provider.assigned) - set(provider.state_model.model_fields))
        for resource in RESOURCE_TYPES
        if (provider := resource.provider_class).assigned
    }
    assert {name: names for name, names in wrong.items() if names} == {}
    assert "Role" in wrong and "Application" in wrong  # the check saw what it checks


def test_check_never_quotes_the_value_given() -> None:
    # The engine strips secret marks before Check: a value quoted here could be a program's
    # secret (a secret output, a secret config value); the engine shows it, redacted.
    found = failures(RoleProvider(), {"key": "s3cret with spaces", "name": "x" * 300})
    assert "s3cret" not in found["key"] and "xxxx" not in found["name"]
    assert found["name"] == (
        "role argument 'name': is 300 characters long; the most Kinde takes is 128"
    )
