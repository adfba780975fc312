"""The README's first command: ``try examples/quickstart``, here with ``--keep`` so the
business stays up for the Pulumi CLI, with the credentials to reach it printed."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import httpx

from pulumi_kinde.cli.main import build_parser


class Screen:
    """An output stream that says when a line has been printed."""

    def __init__(self, wanted: str) -> None:
        self.text = ""
        self.wanted = wanted
        self.shown = threading.Event()

    def write(self, text: str) -> int:
        self.text += text
        if self.wanted in self.text:
            self.shown.set()
        return len(text)

    def flush(self) -> None:
        pass


def test_lifecycle_without_destroy_keeps_the_emulator_with_its_credentials() -> None:
    quickstart = Path(__file__).resolve().parents[2] / "examples" / "quickstart"
    args = build_parser().parse_args(["try", str(quickstart), "--keep"])
    screen, errors, stop = Screen("Ctrl-C to stop."), Screen(""), threading.Event()
    codes: list[int] = []
    thread = threading.Thread(
        target=lambda: codes.append(args.handler(args, screen, errors, stop=stop))
    )
    thread.start()
    try:
        assert screen.shown.wait(timeout=120), screen.text + errors.text
        lines = screen.text.splitlines()
        assert lines[1].startswith("engine: ")
        assert [line.split(":")[0] for line in lines if not line.startswith(" ")][3:] == [
            "preview",
            "up",
            "no-change up",
            "refresh",
            "emulators keep running; to use them from a shell or the Pulumi CLI",
            "Ctrl-C to stop.",
        ]
        exports = re.fullmatch(
            r"  export KINDE_DOMAIN=(\S+) KINDE_CLIENT_ID=(\S+) KINDE_CLIENT_SECRET=(\S+)",
            lines[-2],
        )
        assert exports is not None, lines[-2]
        url, client_id, client_secret = exports.groups()
        with httpx.Client(base_url=url, timeout=10) as http:
            token = http.post(
                "/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": client_id,
                    "client_secret": client_secret,
                    "audience": f"{url}/api",
                },
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            roles = http.get("/api/v1/roles", headers=headers).json()["roles"]
            apps = http.get("/api/v1/applications", headers=headers).json()["applications"]
            web = next(app for app in apps if app["name"] == "Web")
            secret = http.get(f"/api/v1/applications/{web['id']}", headers=headers).json()[
                "application"
            ]["client_secret"]
        assert [role["key"] for role in roles] == ["admin"]
        assert secret and secret not in screen.text + errors.text
        assert "    client_secret = [secret]" in lines
    finally:
        stop.set()
        thread.join(timeout=60)
    assert codes == [0]
