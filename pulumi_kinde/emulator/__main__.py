"""``python -m pulumi_kinde.emulator``: serve a local Kinde Management API until Ctrl-C.

Prints the environment a client needs, ready to paste into a shell::

    export KINDE_DOMAIN=http://127.0.0.1:8080
    export KINDE_CLIENT_ID=emulator-client-id
    export KINDE_CLIENT_SECRET=emulator-client-secret

With ``--data FILE`` the business survives a restart: FILE is loaded on start and rewritten
(atomically) after every change, and a restart without ``--port`` serves on the port FILE
was last served on, so a Pulumi stack configured with that URL keeps working.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from pulumi_kinde.emulator.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_kinde.emulator",
        description="Serve a stateful local Kinde Management API on 127.0.0.1.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help="TCP port (default: the port --data was last served on, else any free port)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="FILE",
        help="keep the business in FILE across restarts (created if missing)",
    )
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEFAULT_CLIENT_SECRET)
    parser.add_argument(
        "--rate-limit", type=float, default=None, metavar="RPS", help="API requests per second"
    )
    parser.add_argument(
        "--concurrency", type=int, default=None, metavar="N", help="API requests in flight"
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS", help="delay every request"
    )
    parser.add_argument(
        "--token-ttl", type=float, default=3600.0, metavar="SECONDS", help="token lifetime"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator in the foreground."""
    args = _parser().parse_args(argv)
    port = args.port
    try:
        if port is None and args.data is not None:
            port = Emulator.saved_port(args.data)
        emulator = Emulator(
            port=port or 0,
            client_id=args.client_id,
            client_secret=args.client_secret,
            token_ttl=args.token_ttl,
            data=args.data,
        )
    except OSError as error:
        print(f"error: cannot serve on port {port}: {error.strerror}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"error: {args.data}: {error}", file=sys.stderr)
        return 1
    emulator.faults.set_rate_limit(args.rate_limit)
    emulator.faults.set_concurrency_limit(args.concurrency)
    emulator.faults.set_latency(args.latency)
    print(f"export KINDE_DOMAIN={shlex.quote(emulator.url)}")
    print(f"export KINDE_CLIENT_ID={shlex.quote(emulator.client_id)}")
    print(f"export KINDE_CLIENT_SECRET={shlex.quote(emulator.client_secret)}", flush=True)
    kept = f", keeping its data in {args.data}" if args.data else ""
    print(
        f"Kinde emulator serving {emulator.url}{kept}; Ctrl-C to stop.", file=sys.stderr, flush=True
    )
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
