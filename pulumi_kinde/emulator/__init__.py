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
"""

from pulumi_kinde.emulator.emulator import Emulator
from pulumi_kinde.emulator.faults import Faults
from pulumi_kinde.emulator.requestlog import RequestRecord

__all__ = ["Emulator", "Faults", "RequestRecord"]
