"""Times the CLI's cold start: each command as a fresh process, from start to
exit, the way a user runs it (issue 11, defect 6).

- ``bilateral country BLR`` and a bad name: target ≤ 0.5 s;
- ``bilateral report CHN BLR`` from a built warehouse: target ≤ 2 s. Its
  charts are interactive (drawn by the reader's browser), so the first brief
  of a pair takes as long as any other; the Vega bundle it inlines is built
  once per installation (``make setup``), before the timed runs here;
- ``--charts static`` (inline SVG drawn by vl-convert), for comparison, with
  no target: with the SVGs already in the cache (a brief written again) and
  with none cached (the first static brief of a pair);
- ``bilateral explain CHN BLR``: target ≤ 2 s.

Every command runs with ``$BILATERAL_CACHE`` in a temporary folder, so the
user's cache is neither used nor changed: the first runs build the country
resolver and the Vega bundle there, and the SVG cache is emptied before each
"no SVG cache" run.

Wall time depends on the machine's load; CPU time (user + system of the
process) varies less on a shared machine and is printed too. The last line
carries the figures (medians).

Usage: python benchmarks/cli.py [--db FILE] [--mirror DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"country BLR": 0.5, "bad name": 0.5, "report CHN BLR": 2.0, "explain CHN BLR": 2.0,
           "static, SVGs cached": None, "static, no SVG cache": None}


def _time(command: list[str], ok_codes: tuple[int, ...], env: dict, before_run=None) -> tuple[float, float]:
    if before_run:
        before_run()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
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
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "BILATERAL_CACHE": cache}
        report = base + ["report", "CHN", "BLR", "--out", out, *where]
        no_charts = lambda: shutil.rmtree(Path(cache) / "svg", ignore_errors=True)  # noqa: E731
        commands = {
            "country BLR": (base + ["country", "BLR", *mirror], (0,), None),
            "bad name": (base + ["country", "Belarussia", *mirror], (2,), None),
            "report CHN BLR": (report, (0,), None),
            "explain CHN BLR": (base + ["explain", "CHN", "BLR", *where], (0,), None),
            "static, SVGs cached": (report + ["--charts", "static"], (0,), None),
            "static, no SVG cache": (report + ["--charts", "static"], (0,), no_charts),
        }
        _time(commands["country BLR"][0], (0,), env)  # warm the file cache (not the process) once; builds the resolver
        _time(report, (0,), env)  # builds the Vega bundle
        _time(report + ["--charts", "static"], (0,), env)  # fills the SVG cache
        results = {}
        for name, (command, ok, before_run) in commands.items():
            runs = [_time(command, ok, env, before_run) for _ in range(args.repeat)]
            results[name] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
            print(f"{name:22s} wall {results[name][0]:.2f} s  CPU {results[name][1]:.2f} s  {_target(name)}")
    load = os.getloadavg()[0]
    print("; ".join(f"{name} {wall:.2f} s wall ({cpu:.2f} s CPU, {_target(name)})" for name, (wall, cpu) in results.items())
          + f"; load {load:.1f} on {os.cpu_count()} cores")


def _target(name: str) -> str:
    return "no target" if TARGETS[name] is None else f"target ≤ {TARGETS[name]} s"


if __name__ == "__main__":
    main()
