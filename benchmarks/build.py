"""Times a full warehouse build, a no-op rebuild and a rebuild after one
source changed on the source mirror.

Each rebuild is compared with the full build in the same run, so the ratios
hold whatever the machine. Targets on the 2-core reference machine: full
build ≤ 60 s, no-op ≤ 3 s. A rebuild after one small source changed reloads
it and the out_ layer and keeps the rest from a byte copy of the previous
file; it has no target, but should stay well under the full build. The last
line carries the figures.

Usage: python benchmarks/build.py [--mirror DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bilateral import warehouse
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
        real = warehouse.fingerprint
        warehouse.fingerprint = lambda source, module: real(source, module) + ("-changed" if source.name == "majors" else "")
        try:
            started = time.perf_counter()
            result = build(mirror=args.mirror, db=db, progress=False)
            one = time.perf_counter() - started
        finally:
            warehouse.fingerprint = real
        assert result.loaded == ["majors"], result.loaded
        size = db.stat().st_size / 1e6
    print(f"warehouse: {size:.0f} MB")
    print(f"build: full {full:.1f} s (target 60 s), no-op {noop:.2f} s (target 3 s), one source changed {one:.1f} s; "
          f"no-op {full / noop:.0f}x and one source changed {full / one:.1f}x faster than full")


if __name__ == "__main__":
    main()
