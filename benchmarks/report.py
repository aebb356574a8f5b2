"""Times producing one brief (China–Belarus by default) from a built warehouse,
against reading the same dyad's rows from the warehouse, in the same run.

The brief is timed end to end on an open connection: resolving the states,
reading the dyad's rows, ranking partners, the explanations behind the
"What drives the relationship" and "Outlook" sections (bilateral.explain,
timed on its own too), writing the sentences and chart specs, and rendering
report.html (charts interactive, the default, or with ``--charts static``
drawn as SVG by vl-convert), report.json and report.md in memory. The
determinants model is read from the warehouse, where the build stored it;
the benchmark says so, and fails if a brief would refit it. The baseline is the read alone (``queries.load`` plus the partner
ranking), so the ratio says how much the writing and rendering add to the
unavoidable I/O, whatever the machine. CPU time (all threads) is printed too:
on a shared, loaded machine it varies less than wall time.

One-time costs of a fresh process (imports, the country resolver, reading
the Vega bundle, or for static charts starting vl-convert's JavaScript
engine) are paid by the first brief; it is reported separately, and the
steady-state time is the median over ``--repeat`` runs (static charts: with
the SVG cache, in a temporary folder, emptied before each). Target: ≤ 2 s.
The last line carries the figures.

Usage: python benchmarks/report.py [--db FILE | --mirror DIR] [--a CHN --b BLR] [--charts static] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

started = time.perf_counter()
import duckdb  # noqa: E402  (imports are timed: they are part of a fresh process's cost)

from bilateral.report import svg  # noqa: E402
from bilateral.report.brief import build_brief  # noqa: E402
from bilateral.report.render_html import render_html  # noqa: E402
from bilateral.report.render_md import render_md  # noqa: E402

IMPORTS = time.perf_counter() - started
DEFAULT_MIRROR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TARGET = 2.0


def brief_once(con, a: str, b: str, charts: str) -> dict:
    """One complete brief, with the time of each stage."""
    import json

    t0, cpu = time.perf_counter(), time.process_time()
    brief = build_brief(a, b, con=con, progress=False)
    t1 = time.perf_counter()
    render_html(brief, charts=charts)
    json.dumps(brief.to_dict(), ensure_ascii=False)
    render_md(brief)
    t2 = time.perf_counter()
    return {"total": t2 - t0, "build": t1 - t0, "render": t2 - t1, "cpu": time.process_time() - cpu, "years": brief.years}


def explain_once(con, a: str, b: str, years: tuple[int, int]) -> float:
    """The explanations alone, as the brief asks for them (over the brief's years)."""
    from bilateral.countries import get_resolver
    from bilateral.report.brief import explain_pair

    resolver = get_resolver(con=con)
    first, second = resolver.resolve(a).ccode, resolver.resolve(b).ccode
    t0 = time.perf_counter()
    explain_pair(con, first, second, years)
    return time.perf_counter() - t0


def no_refit(con) -> None:
    """Fail loudly when the warehouse has no stored determinants model: a brief would then fit it (seconds)."""
    from bilateral.measures import determinants

    stored = {determinants.TERMS_TABLE, determinants.MEANS_TABLE} <= {r[0] for r in con.sql("SHOW TABLES").fetchall()}
    if not stored:
        raise SystemExit(f"the warehouse has no {determinants.TERMS_TABLE}: rebuild it (bilateral data build) so the model is stored")

    def refit(*args, **kwargs):
        raise AssertionError("the brief refitted the determinants model; it should read the stored fit")

    determinants.fit_model = refit


def read_once(con, a: str, b: str) -> float:
    """The baseline: read the dyad's rows and its partners, nothing else."""
    from bilateral.countries import get_resolver
    from bilateral.report.queries import load, with_partners

    t0 = time.perf_counter()
    resolver = get_resolver(con=con)
    first, second = resolver.resolve(a).ccode, resolver.resolve(b).ccode
    with_partners(con, load(con, first, second), first, second)
    return time.perf_counter() - t0


def warehouse(args) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    if args.db:
        return Path(args.db), None
    from bilateral.warehouse import build

    folder = tempfile.TemporaryDirectory(prefix="bilateral-bench-")
    path = Path(folder.name) / "bilateral.duckdb"
    t0 = time.perf_counter()
    build(mirror=args.mirror, db=path, progress=False)
    print(f"built the warehouse from {args.mirror} in {time.perf_counter() - t0:.1f} s (not part of the timing)")
    return path, folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a built warehouse (otherwise one is built from --mirror into a temp dir)")
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--a", default="CHN")
    parser.add_argument("--b", default="BLR")
    parser.add_argument("--charts", choices=("interactive", "static"), default="interactive")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path, folder = warehouse(args)
    cache = tempfile.mkdtemp(prefix="bilateral-bench-cache-")
    if args.charts == "static":  # SVGs drawn afresh each run, into a cache the user never sees
        os.environ["BILATERAL_CACHE"] = cache
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            no_refit(con)
            first = brief_once(con, args.a, args.b, args.charts)  # pays the one-time costs
            runs, reads, explains = [], [], []
            for _ in range(args.repeat):
                if args.charts == "static":
                    svg.rendered.cache_clear()
                    shutil.rmtree(Path(cache) / "svg", ignore_errors=True)
                runs.append(brief_once(con, args.a, args.b, args.charts))
                reads.append(read_once(con, args.a, args.b))
                explains.append(explain_once(con, args.a, args.b, first["years"]))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if folder is not None:
            folder.cleanup()
    total = statistics.median(r["total"] for r in runs)
    build = statistics.median(r["build"] for r in runs)
    render = statistics.median(r["render"] for r in runs)
    read = statistics.median(reads)
    cpu = statistics.median(r["cpu"] for r in runs)
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    print(f"fresh process: imports {IMPORTS:.2f} s, first brief {first['total']:.2f} s "
          f"(sentences and specs {first['build']:.2f} s, rendering {first['render']:.2f} s)")
    print(f"steady state, median of {args.repeat}: reading the dyad {read:.2f} s; sentences and specs {build:.2f} s "
          f"(of which the explanations {statistics.median(explains):.2f} s, determinants model read, not refitted); "
          f"rendering html, json and md {render:.2f} s; CPU time {cpu:.2f} s (all threads; "
          f"machine load {load:.1f} per core{', so wall times are inflated' if load > 1 else ''})")
    verdict = "within" if total <= TARGET else "over"
    print(f"report: {total:.2f} s for one brief ({args.a}–{args.b}, html+json+md, {args.charts} charts), {total / read:.1f}x the {read:.2f} s "
          f"to read the dyad's rows; first in a fresh process {IMPORTS + first['total']:.2f} s; {verdict} the {TARGET:g} s target")


if __name__ == "__main__":
    main()
