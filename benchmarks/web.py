"""A bounded load test of the web app on loopback: ``--requests`` requests
(2,000 by default) at ``--concurrency`` 50, against ``bilateral serve`` run
by uvicorn in a subprocess on 127.0.0.1, which this script starts and stops.

The requests cycle through a mix a real visitor makes: the picker's
suggestions, a state's resolution, a dyad's measures, ranked partners, a
region, the sources, the home page, and a brief (JSON and page) that the
app's cache answers after its first build. The brief is built once before
the clock starts, so the figures measure serving, not the first brief. An
error is a failed request or any status other than 200.

Only loopback is ever contacted; the loop is bounded by the request count
and a time limit (``--timeout``) and stops by itself. The last line carries
the figures: requests, errors, p50 and p99 latency, throughput.

Usage: python benchmarks/web.py [--db FILE] [--mirror DIR] [--requests 2000] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "data"
MIX = (
    "/api/countries?q=bel",
    "/api/countries/Byelorussia",
    "/api/measures/CHN/BLR?start=1992&end=2014",
    "/api/partners/BLR?dimension=economic&top=10",
    "/api/region/CHN?region=Eastern%20Europe&start=2000&end=2014",
    "/api/sources",
    "/",
    "/api/report/CHN/BLR",
    "/dyad/CHN/BLR",
    "/api/countries?q=chi",
)
SERVER = """
import sys, uvicorn
from bilateral.web import create_app
uvicorn.run(create_app(db=sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, mirror: Path | None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    if mirror:
        env["BILATERAL_MIRROR"] = str(mirror)
    return subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)], env=env)


def wait_until_up(base: str, process: subprocess.Popen, limit: float = 900) -> None:
    """Until the server answers (it builds the warehouse first if it has none)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(base + "/api/regions", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server did not answer within {limit:.0f} s")


async def load(base: str, total: int, concurrency: int, timeout: float) -> tuple[list[float], int, float]:
    """``total`` GETs over the mix with ``concurrency`` workers; latencies (s), errors, wall time."""
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            path = MIX[i % len(MIX)]
            t0 = time.perf_counter()
            try:
                response = await client.get(path)
                kind = None if response.status_code == 200 else f"HTTP {response.status_code} {path}"
            except httpx.HTTPError as exc:
                kind = f"{type(exc).__name__} {path}"
            latencies.append(time.perf_counter() - t0)
            if kind:
                errors += 1
                kinds[kind] = kinds.get(kind, 0) + 1

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        await asyncio.wait_for(asyncio.gather(*(worker(client) for _ in range(concurrency))), timeout=timeout * 10)
    for kind, n in sorted(kinds.items()):
        print(f"error: {kind} × {n}", file=sys.stderr)
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("BILATERAL_DB", REPO / "out" / "bilateral.duckdb")))
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR if DEFAULT_MIRROR.is_dir() else None)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds one request may take.")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_server(args.db, port, args.mirror)
    try:
        wait_until_up(base, process)
        for path in MIX:  # warm: the first brief is built and cached, as after any visitor's first look
            httpx.get(base + path, timeout=300)
        latencies, errors, wall = asyncio.run(load(base, args.requests, args.concurrency, args.timeout))
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
    print(f"requests: {len(latencies)}, concurrency {args.concurrency}, errors: {errors}, p50: {p50:.1f} ms, "
          f"p99: {p99:.1f} ms, throughput: {len(latencies) / wall:.0f} requests/s")


if __name__ == "__main__":
    main()
