"""Mistakes people make, and where each is caught: at preview, before the first write, or
rolled back. Every message names the argument and says the fix; the engine shows the value
given beside it (``(given 'x')`` here, ``[secret]`` for a secret).

This table is the reference of what pulumi-kinde catches; a new kind of mistake gets a row
(here, or in ``mistakes_clashes.py``, ``mistakes_facts.py``, ``mistakes_adoption.py``: this
module runs them all).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator

import pytest

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.routes.connections import options_model
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._connection_options import STRATEGIES, options_for
from pulumi_kinde.resources._explain import PATTERNS
from pulumi_kinde.testing import ProgramRunner, RunFailed
from pulumi_kinde.testing.stack import emulator_config
from tests.conftest import stack_config
from tests.resources import mistakes_adoption as adoption
from tests.resources import mistakes_clashes as clashes
from tests.resources import mistakes_facts as facts
from tests.resources.mistakes import Mistake, check, twice
from tests.resources.test_lifecycle import api_client


def _app(**args: object) -> Callable[[], None]:
    return lambda: kinde.Application("web", name="Web", type="reg", **args)  # type: ignore[arg-type]


def _webhook(endpoint: str, *events: str) -> Callable[[], None]:
    return lambda: kinde.Webhook("audit", name="Audit", endpoint=endpoint, event_types=list(events))


def _role_with_permission_key() -> None:
    permission = kinde.Permission("read", key="read:invoices", name="Read invoices")
    kinde.Role("viewer", key="viewer", name="Viewer", permissions=[permission.key])


def _member_with_role_key() -> None:
    role = kinde.Role("viewer", key="viewer", name="Viewer")
    org = kinde.Organization("acme", name="Acme")
    user = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.OrganizationUser(
        "ada-acme", organization_code=org.code, user_id=user.id, roles=[role.key]
    )


def _grant_with_scope_pairing_id() -> None:
    api = kinde.Api("billing", name="Billing", audience="https://billing.example.com")
    app = kinde.Application("worker", name="Worker", type="m2m")
    kinde.ApiApplication("grant", api_id=api.id, application_id=app.id, scopes=["api123/scope456"])


MISTAKES = [
    Mistake(
        "relative callback URL",
        _app(redirect_uris=["callback"]),
        "preview",
        (
            "'redirect_uris.0'",
            "not an absolute URL",
            "https://app.example.com/callback",
            "(given '[\"callback\"]')",
        ),
    ),
    Mistake(
        "logout URL without a scheme",
        _app(logout_uris=["example.com"]),
        "preview",
        ("'logout_uris.0'", "not an absolute URL", "example.com"),
    ),
    Mistake(
        "callback on a file transfer scheme",
        _app(redirect_uris=["ftp://x"]),
        "preview",
        ("ftp: scheme", "ftp://x"),
    ),
    Mistake(
        "misspelled home page scheme",
        _app(homepage_uri="htp:/bad"),
        "preview",
        (
            "'homepage_uri'",
            "not an absolute URL",
            "https://app.example.com",
            "(given 'htp:/bad')",
        ),
    ),
    Mistake(
        "script as sign-in URL",
        _app(login_uri="javascript:alert(1)"),
        "preview",
        ("'login_uri'", "javascript: scheme", "(given 'javascript:alert(1)')"),
    ),
    Mistake(
        "wildcard on a public suffix",
        _app(redirect_uris=["https://*.vercel.app/callback"]),
        "preview",
        ("public suffix 'vercel.app'", "*.myapp.vercel.app", "https://*.vercel.app/callback"),
    ),
    Mistake(
        "words where a URL goes",
        _app(homepage_uri="not a url"),
        "preview",
        ("'homepage_uri'", "must not contain spaces", "(given 'not a url')"),
    ),
    Mistake(
        "unknown application type",
        lambda: kinde.Application("web", name="Web", type="regular"),
        "preview",
        ("'type'", "must be one of", "did you mean 'reg'?", "(given 'regular')"),
    ),
    Mistake(
        "plain HTTP webhook",
        _webhook("http://hooks.example.com/kinde", "user.created"),
        "preview",
        ("'endpoint'", "https:// URL", "(given 'http://hooks.example.com/kinde')"),
    ),
    Mistake(
        "event type of the wrong shape",
        _webhook("https://hooks.example.com/kinde", "user created"),
        "preview",
        ("'event_types.0'", "look like 'user.created'", "user created"),
    ),
    Mistake(
        "misspelled event type",
        _webhook("https://hooks.example.com/kinde", "user.creatd"),
        "before the first write",
        ("event_types", "'user.creatd'", "did you mean 'user.created'?"),
        untouched="/api/v1/webhooks",
    ),
    Mistake(
        "API scope's pairing id where its scope id goes",
        _grant_with_scope_pairing_id,
        "preview",
        ("'scopes.0'", "pairing's id", "ApiScope.scope_id", "api123/scope456"),
    ),
    Mistake(
        "permission key where its id goes",
        _role_with_permission_key,
        "before the first write",
        ("permissions", "'read:invoices' is the key of permission", "use Permission.id"),
        untouched="/api/v1/roles",
    ),
    Mistake(
        "role key where its id goes",
        _member_with_role_key,
        "before the first write",
        ("roles", "'viewer' is the key of role", "use Role.id"),
        untouched="/api/v1/organizations/",
    ),
    Mistake(
        "two permissions with one key",
        twice(lambda n: kinde.Permission(n, key="read:invoices", name=n)),
        "preview",
        ("'first' and 'second' both declare key='read:invoices'", "remove one of them"),
    ),
    Mistake(
        "two APIs with one audience",
        twice(lambda n: kinde.Api(n, name=n, audience="https://api.example.com")),
        "preview",
        ("both declare audience='https://api.example.com'",),
    ),
    Mistake(
        "unknown connection strategy",
        lambda: kinde.Connection("g", name="google", display_name="Google", strategy="google"),
        "preview",
        ("'strategy'", "did you mean 'oauth2:google' or 'saml:google'?", "(given 'google')"),
    ),
    Mistake(
        "social options on a SAML connection",
        lambda: kinde.Connection(
            "sso",
            name="sso",
            display_name="SSO",
            strategy="saml:custom",
            options={"client_secret": "never-shown-in-messages"},
        ),
        "preview",
        ("'options'", "'client_secret' is not an option of a saml:custom", "(given [secret])"),
    ),
    Mistake(
        "API name over the limit",
        lambda: kinde.Api("long", name="N" * 65, audience="https://long.example.com"),
        "preview",
        (
            "'name'",
            "is 65 characters long; the most Kinde takes is 64",
        ),
    ),
    Mistake(
        "variable key starting with a digit",
        lambda: kinde.EnvironmentVariable("v", key="1_URL", value="x"),
        "preview",
        ("'key'", "must start with a letter or '_'", "(given '1_URL')"),
    ),
    Mistake(
        "colour name where a hex colour goes",
        lambda: kinde.Organization("acme", name="Acme", button_color="blue"),
        "preview",
        ("'button_color'", "hex colour such as '#0a7cff'", "(given 'blue')"),
    ),
    Mistake(
        "two SCIM directories for one organization",
        twice(
            lambda n: kinde.ScimDirectory(
                n, org_code="org_1", directory_name=n, provider_code="okta"
            )
        ),
        "preview",
        ("'first' and 'second' both declare org_code='org_1'", "only one SCIM directory"),
    ),
    Mistake(
        "two environment MFA policies",
        twice(lambda n: kinde.EnvironmentMfa(n, policy="optional", enabled_factors=["mfa:sms"])),
        "preview",
        ("'first' and 'second' both declare the one environment MFA there is",),
    ),
    Mistake(
        "an organization's API key without its organization",
        lambda: kinde.ApiKey("k", name="Export", type="organization", api_id="api_1"),
        "preview",
        ("'org_code'", "must be given for a key of type 'organization'"),
    ),
    Mistake(
        "a logo that is not an image",
        lambda: kinde.EnvironmentLogo("logo", type="light", content=b"%PDF-1.7"),
        "preview",
        ("'content'", "must be a PNG, JPEG, GIF, WebP or SVG image"),
    ),
    Mistake(
        "flag default of the wrong type",
        lambda: kinde.FeatureFlag(
            "seats", key="seats", name="Seats", description="Seats", type="int", default_value="ten"
        ),
        "preview",
        ("'default_value'", "(given 'ten')"),
    ),
]


EVERY_MISTAKE = [*MISTAKES, *clashes.MISTAKES, *facts.MISTAKES, *adoption.MISTAKES]


@pytest.fixture
def eu() -> Iterator[Emulator]:
    """The business of profile ``eu`` (a row declares a membership across profiles)."""
    with Emulator() as emulator:
        yield emulator


@pytest.mark.parametrize("mistake", EVERY_MISTAKE, ids=str)
def test_a_mistake_is_caught_where_the_table_says_with_a_message_that_helps(
    mistake: Mistake, emu: Emulator, eu: Emulator
) -> None:
    config = {**stack_config(emu), **emulator_config(eu.url, eu.client_id, eu.client_secret, "eu")}
    runner = ProgramRunner(
        config=config, secret_keys=["kinde:clientSecret", "kinde-eu:clientSecret"]
    )
    check(mistake, runner, [emu, eu])


def test_a_create_that_clashes_with_an_existing_object_says_how_to_adopt_it(
    emu: Emulator, runner: ProgramRunner
) -> None:
    with api_client(emu) as api:
        role_id = str(api.post("/api/v1/roles", {"key": "admin", "name": "Admin"})["role"]["id"])
    with pytest.raises(RunFailed) as caught:
        runner.up(lambda: kinde.Role("admin", key="admin", name="Administrator"))
    message = str(caught.value)
    assert "ROLE_KEY_ALREADY_EXISTS" in message
    assert f"it exists already as role {role_id!r}" in message
    assert f"add import_id={role_id!r} to adopt it" in message


def _patterns(annotation: object, metadata: tuple[object, ...] = ()) -> set[str]:
    found = set()
    for item in [*metadata, *getattr(annotation, "__metadata__", ())]:
        for constraint in [item, *getattr(item, "metadata", ())]:
            pattern = getattr(constraint, "pattern", None)
            if isinstance(pattern, str):
                found.add(pattern)
    for member in typing.get_args(annotation):
        found |= _patterns(member)
    return found


def test_every_pattern_an_argument_must_match_is_explained_in_words() -> None:
    used = set()
    for resource in RESOURCE_TYPES:
        for info in resource.provider_class.args_model.model_fields.values():
            used |= _patterns(info.annotation, tuple(info.metadata))
    missing = sorted(used - set(PATTERNS))
    assert used and not missing, (
        f"add these to PATTERNS in pulumi_kinde/resources/_explain.py: {missing}"
    )


def test_connection_options_checked_at_preview_are_those_the_emulator_takes() -> None:
    # Two readings of the spec (the provider's check and the emulator) must agree, or a
    # declaration passes preview and fails at the first write.
    for strategy in STRATEGIES:
        model = options_model(strategy)
        expected = set(model.model_fields) if model is not None else set()
        assert set(options_for(strategy)) == expected, strategy
