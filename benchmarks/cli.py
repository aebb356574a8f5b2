"""Times the CLI's cold start: each command as a fresh process, from start to
exit, the way a user runs it (issue 11, defect 6).

- ``bilateral country BLR`` and a bad name: target ≤ 0.5 s;
- ``bilateral report CHN BLR`` from a built warehouse: target ≤ 2 s;
- ``bilateral explain CHN BLR``: target ≤ 2 s.

Wall time depends on the machine's load; CPU time (user + system of the
process) varies less on a shared machine and is printed too. The last line
carries the figures (medians).

Usage: python benchmarks/cli.py [--db FILE] [--mirror DIR] [--repeat 3]
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

TARGETS = {"country BLR": 0.5, "bad name": 0.5, "report CHN BLR": 2.0, "explain CHN BLR": 2.0}


def _time(command: list[str], ok_codes: tuple[int, ...]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(command[2:])} exited {done.returncode}: {done.stderr[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("BILATERAL_DB"))
    parser.add_argument("--mirror", default=os.environ.get("BILATERAL_MIRROR"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = [sys.executable, "-m", "bilateral.cli"]
    where = (["--db", args.db] if args.db else []) + (["--mirror", args.mirror] if args.mirror else [])
    mirror = ["--mirror", args.mirror] if args.mirror else []
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "country BLR": (base + ["country", "BLR", *mirror], (0,)),
            "bad name": (base + ["country", "Belarussia", *mirror], (2,)),
            "report CHN BLR": (base + ["report", "CHN", "BLR", "--out", out, *where], (0,)),
            "explain CHN BLR": (base + ["explain", "CHN", "BLR", *where], (0,)),
        }
        _time(commands["country BLR"][0], (0,))  # warm the file cache (not the process) once
        results = {}
        for name, (command, ok) in commands.items():
            runs = [_time(command, ok) for _ in range(args.repeat)]
            results[name] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
            print(f"{name:16s} wall {results[name][0]:.2f} s  CPU {results[name][1]:.2f} s  target ≤ {TARGETS[name]} s")
    load = os.getloadavg()[0]
    print("; ".join(f"{name} {wall:.2f} s wall ({cpu:.2f} s CPU, target {TARGETS[name]})" for name, (wall, cpu) in results.items())
          + f"; load {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
