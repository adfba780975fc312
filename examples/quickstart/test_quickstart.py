"""Test the quickstart program as a platform team tests its own: no Kinde account, no Pulumi
CLI. The ``kinde_stack`` fixture comes with pulumi-kinde (a pytest plugin); run with
``pytest examples/quickstart``.
"""

from pathlib import Path

PROGRAM = Path(__file__).parent


def test_creates_converges_and_follows_a_config_change(kinde_stack) -> None:
    stack = kinde_stack(PROGRAM, config={"siteUrl": "https://shop.example.com"})

    created = stack.up()
    assert created.ops == {"backend": "create", "web": "create", "admin": "create"}
    api = stack.emulator.store.apis.find(name="Backend")
    assert api is not None and api.audience == "https://shop.example.com/api"
    web = stack.emulator.store.applications.find(name="Web")
    assert web is not None and web.redirect_uris == [
        "https://shop.example.com/api/auth/kinde_callback"
    ]
    assert created.outputs["client_secret"].secret

    stack.assert_converged()  # a second up changes nothing and sends no request

    stack.set_config("siteUrl", "https://store.example.com")
    changed = stack.up(skip_preview=True)
    assert changed.step("web").op == "update"
    assert changed.step("backend").op == "replace"  # Kinde cannot change an API's audience
    assert changed.step("backend").replaces == ("audience",)
    assert changed.ops["admin"] == "same"
