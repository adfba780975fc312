"""A stateful local Kinde Management API, for tests and for trying programs offline.

A real HTTP server on ``127.0.0.1`` that keeps its state in memory and speaks the Management
API as the published spec describes (with the live service's known quirks), plus controls
for tests::

    from pulumi_kinde.emulator import Emulator

    with Emulator() as emu:
        emu.url, emu.audience, emu.client_id, emu.client_secret   # what a client needs
        emu.faults.fail_next(status=429, retry_after=0.1)         # inject faults
        emu.requests                                               # what was called
        emu.store.roles.all()                                      # what is stored

From a shell: ``python -m pulumi_kinde.emulator --port 8080``.

Where the live service and the spec disagree, the emulator answers as the live service does:
:data:`pulumi_kinde.emulator.live.LIVE_OVER_SPEC` is the list of those choices (permission
create returns the id, sensitive variables cannot be updated, bulk membership takes at most
100 users, unset fields are null, some lists refuse ``Accept`` charset variants, token errors
and RS256 tokens as Kinde documents them, ``ORGANIZATION_INVALID`` for a malformed
organization code, HTTPS-only webhooks with ``webhook_`` ids, offset ``next_token`` cursors,
...). ``Emulator(spec_forms=...)`` answers with the spec's form instead where the evidence is
partial.
"""

from pulumi_kinde.emulator.emulator import Emulator
from pulumi_kinde.emulator.faults import Faults
from pulumi_kinde.emulator.requestlog import RequestRecord

__all__ = ["Emulator", "Faults", "RequestRecord"]
