"""How many requests, and how long, ``pulumi-kinde export`` takes on a large business.

    python benchmarks/export_benchmark.py --organizations 1000 --roles 200 [--latency 0.02]

Seeds the local emulator through its HTTP API (organizations, roles with permissions), then
exports it as the CLI does and prints the requests per type, the total and the wall time.
``--latency`` adds a delay to every emulator answer, to see what concurrency buys against
a remote Kinde.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.export import export_business, render_project, write_project


def seed(api: KindeClient, organizations: int, roles: int) -> None:
    for i in range(organizations):
        body = {"name": f"Customer {i:04d}", "external_id": f"crm-{i:05d}"}
        api.post("/api/v1/organization", body)
    for i in range(20):
        api.post("/api/v1/permissions", {"key": f"perm:{i:02d}", "name": f"Permission {i}"})
    permission_ids = [p["id"] for p in api.paginate("/api/v1/permissions", "permissions")]
    for i in range(roles):
        role_id = api.post("/api/v1/roles", {"key": f"role-{i:03d}", "name": f"Role {i}"})["role"][
            "id"
        ]
        chosen = [{"id": p} for p in permission_ids[i % 5 : i % 5 + 3]]
        api.patch(f"/api/v1/roles/{role_id}/permissions", {"permissions": chosen})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=1000)
    parser.add_argument("--roles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with Emulator() as emu:
        settings = ClientSettings(emu.url, client_id=emu.client_id, client_secret=emu.client_secret)
        with KindeClient(settings) as api:
            started = time.perf_counter()
            seed(api, args.organizations, args.roles)
            print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        emu.faults.set_latency(args.latency)
        emu.reset_log()
        tokens = emu.token_requests
        with KindeClient(settings) as api:
            started = time.perf_counter()
            result = export_business(api, concurrency=args.concurrency)
            files = render_project(result, project="benchmark")
            with tempfile.TemporaryDirectory() as out:
                write_project(Path(out), files)
            seconds = time.perf_counter() - started
        requests = emu.api_requests()
        per_path: Counter[str] = Counter()
        for record in requests:
            parts = record.path.split("?")[0].strip("/").split("/")
            per_path[
                f"{record.method} /{'/'.join(parts[:3])}{'/...' if len(parts) > 3 else ''}"
            ] += 1
        print(
            f"organizations={args.organizations} roles={args.roles} latency={args.latency}s "
            f"concurrency={args.concurrency}"
        )
        for path, count in sorted(per_path.items()):
            print(f"  {count:6d}  {path}")
        writes = [r for r in requests if r.method != "GET"]
        print(f"exported {sum(result.counts().values())} objects: {result.counts()}")
        print(
            f"requests: {len(requests)} API + {emu.token_requests - tokens} token, "
            f"{len(writes)} writes; {seconds:.2f} s; program {len(files['__main__.py']):,} bytes"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
