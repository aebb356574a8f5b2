"""Times ``explain`` for one dyad on a built warehouse. Target: ≤ 3 s.

The determinants model should have been fitted at build time (tables
``out_determinants`` and ``out_determinants_means``); if the warehouse has
no stored fit, the benchmark fits it first, reports that time apart, and
says so, since every later call in the process reuses the fit. It then times
the first call for China–Belarus (cold: DuckDB's first scans, the resolver),
repeated calls, two more dyads, and each part. Imports are timed apart: they
are the same for every command. The last line carries the figures.

Usage: python benchmarks/explain.py [--db FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

started = time.perf_counter()
import duckdb  # noqa: E402

from bilateral.config import db_path  # noqa: E402
from bilateral.explain import PARTS, determinants, explain, frames  # noqa: E402

IMPORTS = time.perf_counter() - started
DYADS = (("CHN", "BLR"), ("CHN", "SRB"), ("USA", "POL"))


def timed(function, *args, **kwargs) -> tuple[object, float]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="warehouse (default: $BILATERAL_DB or the user data folder)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = db_path(args.db)
    with duckdb.connect(str(path), read_only=True) as con:
        stored = {determinants.TERMS_TABLE, determinants.MEANS_TABLE} <= frames.tables(con)
        if not stored:
            _, fit_seconds = timed(determinants.load, con)
            print(f"no stored fit in {path}: fitted the determinants model in {fit_seconds:.1f} s (the build hook stores it)")
        _, cold = timed(explain, con, "CHN", "BLR")
        warm = min(timed(explain, con, "CHN", "BLR")[1] for _ in range(args.repeat))
        for dyad in DYADS[1:]:
            print(f"explain {'–'.join(dyad)}: {timed(explain, con, *dyad)[1]:.2f} s")
        for part in PARTS:
            print(f"  part {part}: {timed(explain, con, 'CHN', 'BLR', parts=(part,))[1]:.2f} s (includes resolving the pair)")
    fit = "stored fit" if stored else "fit reused from this process"
    print(f"explain: CHN–BLR {cold:.2f} s first call, {warm:.2f} s warm ({fit}; target 3 s); imports {IMPORTS:.1f} s")


if __name__ == "__main__":
    main()
