"""Times a full warehouse build and a no-op rebuild on the source mirror.

The no-op rebuild is compared with the full build in the same run, so the
ratio holds whatever the machine. Targets on the 2-core reference machine:
full build ≤ 60 s, no-op ≤ 3 s. The last line carries the figures.

Usage: python benchmarks/build.py [--mirror DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bilateral.warehouse import build

DEFAULT_MIRROR = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build(mirror=args.mirror, db=db, progress=False)
        full = time.perf_counter() - started
        started = time.perf_counter()
        result = build(mirror=args.mirror, db=db, progress=False)
        noop = time.perf_counter() - started
        assert not result.changed, "the second build should have found nothing to do"
        size = db.stat().st_size / 1e6
    print(f"warehouse: {size:.0f} MB")
    print(f"build: full {full:.1f} s (target 60 s), no-op {noop:.2f} s (target 3 s), no-op is {full / noop:.0f}x faster than full")


if __name__ == "__main__":
    main()
