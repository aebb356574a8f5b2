"""Times `bilateral check` on the seed essay as a user runs it: a fresh
process from start to exit (imports, opening the warehouse, the country
resolver, extraction, verification, and writing the table, JSON and HTML).

Wall time depends on the machine's load; CPU time (user + system of the
process) is printed too, as it varies less on a shared machine. Target: ≤ 5 s
wall from a built warehouse. The last line carries the figures.

Usage: python benchmarks/check.py [--db FILE] [--repeat 3] [FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--db", default=os.environ.get("BILATERAL_DB"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "bilateral.cli", "check", args.file, "--format", "table,json,html", "--out", out]
        if args.db:
            command += ["--db", args.db]
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    print(f"check {Path(args.file).name}: wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}), "
          f"CPU median {statistics.median(cpus):.2f} s, load average {load:.1f} on {os.cpu_count()} cores; target ≤ 5 s wall")


if __name__ == "__main__":
    main()
