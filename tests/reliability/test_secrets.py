"""Secrets stay out of state, serialized providers, debug logs and error messages.

Every program of this suite is scanned when its test ends (the ``make_runner`` fixture);
here a program holding every kind of secret runs through create, a failed update (whose
error text is scanned), an update, a refresh and a destroy, with the provider's debug log
on. And the scanner is shown to find a secret in each place it looks, so that a clean scan
means something.
"""

from __future__ import annotations

import base64

import pulumi
import pytest

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import RunFailed
from tests.conftest import stack_config
from tests.reliability.conftest import DEBUG_LOG, MakeRunner
from tests.reliability.harness import Runner
from tests.reliability.secrets import SecretBook, assert_no_secrets, texts_of

CONNECTION_SECRET = "google-oauth-client-secret-9d2e"
VARIABLE_SECRET = "stripe-live-key-51c0ffee"
PASSWORD_HASH = "$2b$12$0123456789abcdefghijkuQ5hY1cC3r0tS8hQm6vF7yLzWn2eXk1a"


def business(name: str) -> None:
    app = kinde.Application("web", name=name, type="reg", redirect_uris=["https://a.example/cb"])
    kinde.Connection(
        "google",
        name="google",
        display_name="Google",
        strategy="oauth2:google",
        options={"client_id": "google-client-id", "client_secret": CONNECTION_SECRET},
    )
    kinde.EnvironmentVariable("stripe", key="STRIPE_KEY", value=VARIABLE_SECRET, is_secret=True)
    kinde.EnvironmentVariable("api-url", key="API_URL", value="https://api.example.com")
    user = kinde.User("ada", emails=["ada@example.com"])
    kinde.UserPassword("ada-password", user_id=user.id, hashed_password=PASSWORD_HASH)
    pulumi.export("client_secret", app.client_secret)


def test_a_program_with_every_kind_of_secret_leaks_none(
    emu: Emulator, make_runner: MakeRunner
) -> None:
    runner = make_runner()
    runner.up(lambda: business("Web"))
    (app,) = [a for a in emu.store.applications.all() if a.name == "Web"]
    assert app.client_secret and runner.outputs["client_secret"].secret
    (ada,) = emu.store.users.all()
    assert ada.password_hash == PASSWORD_HASH  # set, and so looked for by the scan

    emu.faults.fail_next(status=500, method="PATCH")
    with pytest.raises(RunFailed):
        runner.up(lambda: business("Web app"))
    emu.faults.clear()
    runner.up(lambda: business("Web app"))
    runner.refresh()

    extra = [CONNECTION_SECRET, VARIABLE_SECRET]
    scanned = assert_no_secrets(runner, emu, extra=extra)
    texts = texts_of(runner)
    assert scanned == len(texts) >= 8
    assert "PATCH /api/v1/applications/" in texts["provider logs"]  # the debug log is on
    assert any("HTTP 500" in text for where, text in texts.items() if "failure" in where)
    # What is not secret is still readable: the scan is not passing on empty texts.
    assert '"API_URL"' in texts["state"] and '"Web app"' in texts["state"]
    runner.destroy()


@pytest.mark.parametrize("where", ["state", "provider", "log", "failure", "text"])
def test_the_scan_finds_a_secret_in_each_place_it_looks(emu: Emulator, where: str) -> None:
    """A scan that cannot fail proves nothing: plant a secret in each place and see it found."""
    runner = Runner(config=stack_config(emu), env=DEBUG_LOG)
    secret = emu.client_secret
    texts: list[str] = []
    if where == "state":
        runner.up(lambda: kinde.EnvironmentVariable("v", key="LEAK", value=secret))
        # ``value`` is a secret input and output: put it back in plain text.
        runner._entries[-1].inputs["value"] = secret
    elif where == "provider":
        runner.providers.add(base64.b64encode(f"pickle of {secret}".encode()).decode())
    elif where == "log":
        runner.up(lambda: kinde.Role("r", key="r", name="R"))
        runner.servers[-1]._log.append(("", f"debug: sent {secret}"))  # (urn, line)
    elif where == "failure":
        runner.failures.append(f"up failed: token request with {secret}")
    else:
        texts.append(f"an exception: {secret}")
    book = SecretBook(emu)
    with pytest.raises(AssertionError, match="secrets found"):
        assert_no_secrets(runner, emu, texts=texts, book=book)
    runner.close()
