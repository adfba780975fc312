"""``try --state FILE``: run, edit the program, run again and see exactly what changes."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from pulumi_kinde.cli.try_state import TryState
from pulumi_kinde.emulator import Emulator
from tests.cli.conftest import run_try, write_program
from tests.reliability.secrets import SecretBook, assert_no_secrets_in

FIRST = """
    import pulumi
    import pulumi_kinde as kinde

    api = kinde.Api("backend", name="Backend", audience="https://api.shop.example.com")
    read = kinde.Permission("read-orders", key="read:orders", name="Read orders")
    kinde.Role("admin", key="admin", name="Administrator", permissions=[read.id])
    kinde.Role("viewer", key="viewer", name="Viewer")
    kinde.PropertyCategory("billing", name="Billing", context="org")
    web = kinde.Application("web", name="Web", type="reg")
    pulumi.export("client_secret", web.client_secret)
"""

# The API's audience changes (Kinde cannot: replaced), the admin role is renamed and gets a
# description (updated), the viewer role and the property category are gone (deleted).
SECOND = """
    import pulumi
    import pulumi_kinde as kinde

    api = kinde.Api("backend", name="Backend", audience="https://api.v2.shop.example.com")
    read = kinde.Permission("read-orders", key="read:orders", name="Read orders")
    kinde.Role("admin", key="admin", name="Admin", description="Everything",
               permissions=[read.id])
    web = kinde.Application("web", name="Web", type="reg")
    pulumi.export("client_secret", web.client_secret)
"""

SUMMARY_TIME = re.compile(r"; \d+\.\d s$")


def test_edit_and_rerun_shows_exactly_the_updates_replacements_and_deletes(
    tmp_path: Path,
) -> None:
    program = write_program(tmp_path / "shop", FIRST)
    state = tmp_path / "shop.state.json"

    first = run_try(str(program), "--state", str(state))
    assert first.code == 0, first.out + first.err
    assert first.block("up:")[:7] == [
        "up:",
        "   + kinde:Api               backend      create",
        "   + kinde:Application       web          create",
        "   + kinde:Permission        read-orders  create",
        "   + kinde:PropertyCategory  billing      create",
        "   + kinde:Role              admin        create",
        "   + kinde:Role              viewer       create",
    ]
    assert "    client_secret = [secret]" in first.lines
    assert any(
        line.startswith("no-change up: converged (6 unchanged; 0 API requests;")
        for line in first.lines
    )
    assert stat.S_IMODE(state.stat().st_mode) == 0o600

    write_program(program, SECOND)
    second = run_try(str(program), "--state", str(state))
    assert second.code == 0, second.out + second.err
    assert second.lines[2].endswith(f"(restored from {state})")
    up = second.block("up:")
    assert up[:3] == [
        "up:",
        "  -+ kinde:Api               backend  replace  [diff: audience; replace: audience]",
        "   - kinde:PropertyCategory  billing  delete",
    ]
    assert re.fullmatch(
        r"        warning: property category 'cat_\w+': Kinde has no way to delete a property "
        r"category; it stays in Kinde and is no longer managed by Pulumi",
        up[3],
    )
    assert up[4:6] == [
        "   ~ kinde:Role              admin    update   [diff: description, name]",
        "   - kinde:Role              viewer   delete",
    ]
    assert SUMMARY_TIME.sub("", up[6]) == (
        "  1 updated, 1 replaced, 2 deleted, 2 unchanged; "
        "4 API requests (DELETE 2, PATCH 1, POST 1)"
    )
    assert second.out.count("warning:") == 1
    assert any(
        line.startswith("no-change up: converged (4 unchanged; 0 API requests;")
        for line in second.lines
    )

    # What the emulator keeps matches the program, and nothing printed holds a secret.
    kept = Emulator()
    try:
        kept.load(TryState.load(state).emulators["kinde"])
        assert [r.key for r in kept.store.roles.all()] == ["admin"]
        assert kept.store.roles.all()[0].name == "Admin"
        assert kept.store.apis.find(audience="https://api.v2.shop.example.com") is not None
        book = SecretBook(kept)
        assert any(app.client_secret for app in kept.store.applications.all())
        assert_no_secrets_in({"first run": first.out + first.err, "second run": second.out}, book)
    finally:
        kept.stop()
