"""Event ingest throughput: `bilateral events ingest` against DuckDB's plain
`read_csv` scan of the same files and against a pandas `read_csv` loader
written the way gdeltPyR loads GDELT.

A generator writes synthetic GDELT 2.0 export files (61 tab-separated
columns, 15-minute files of ``--rows-per-file`` rows) with realistic
distributions: actor countries drawn from a skewed mix (a third of actors
without a country, a few regional codes), event codes with the frequencies of
the mirror's real GDELT extract (CAMEO's list, uniformly, without a mirror),
the Goldstein score and quad class of the code, and 3% re-emitted events
(the same GLOBALEVENTID again in the next file with a later DATEADDED).
Every value derives from a hash of the event id, so a re-emission repeats
its event.

Each measurement runs in its own child process, so its peak memory (max RSS)
and CPU time are its own:

* **ingest** — ``bilateral.events.ingest`` (parse, check, resolve countries,
  de-duplicate, write Parquet by year/month, quarantine), memory limit 1 GB;
  it reads the 12 of the 61 columns it uses;
* **DuckDB scan** — ``CREATE TABLE AS SELECT * FROM read_csv(...)`` of all 61
  columns as text, the same files, the same memory limit: the plain load of
  the files that the issue's target refers to;
* **DuckDB scan of the 12 columns** — the same, keeping only the columns the
  ingest reads: what any DuckDB ingest of these files must at least do, so
  its rate over pandas's is the ceiling of the ingest's;
* **pandas** — the loader of gdeltPyR (github.com/linwoodc3/gdeltPyR,
  ``gdelt/base.py`` ``gdelt.Search`` and ``gdelt/parallel.py``
  ``_mp_worker``, read for this benchmark): for a date range it maps the
  list of 15-minute files over a ``multiprocessing.Pool`` of ``cpu_count()``
  processes (``imap_unordered``); each worker parses one file with
  ``pd.read_csv(buffer, compression='zip', sep='\\t', header=None,
  dtype={26: 'str', 27: 'str', 28: 'str'})``, all 61 columns with pandas's
  type inference except the three event-code columns; the parent
  ``pd.concat``s the frames, resets the index and names the columns. Here
  the workers read the same uncompressed files as the other loaders (no
  download or unzip, for nobody), the pool has ``--threads`` processes (all
  cores by default, as in gdeltPyR), and gdeltPyR's later step of adding a
  CAMEO description column is left out: it is not loading. At most
  ``--pandas-max`` rows are read (its memory grows with the rows; the rate is
  per row, so it compares at any size).

Rates are rows per wall-clock second; the CPU seconds (all threads and
processes) are printed too, because the machine may be shared: the load
average before and after each size is printed with them.

Targets (issue 13): ingest ≥ 0.5× the DuckDB scan, ≥ 5× pandas, peak memory
≤ 1.5 GB at 20M rows, with cost growing linearly. The last line prints the
ratios, and the ceiling (the 12-column scan over pandas).

Usage: python benchmarks/events.py [--sizes 1M,5M,20M] [--threads N] [--mirror DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "data"

#: Actor country mix: weights loosely follow GDELT's (the US, the UK, Russia,
#: China, … dominate); "" is an actor without a country, EUR/AFR regional codes.
COUNTRIES = {
    "": 350, "USA": 120, "GBR": 30, "RUS": 30, "CHN": 28, "IND": 22, "ISR": 18, "FRA": 16, "DEU": 14, "PAK": 14,
    "IRN": 14, "UKR": 12, "SYR": 12, "TUR": 12, "JPN": 10, "AUS": 10, "CAN": 10, "AFG": 10, "IRQ": 9, "EGY": 9,
    "NGA": 8, "KOR": 8, "PRK": 7, "SAU": 7, "BRA": 6, "MEX": 6, "ZAF": 6, "PHL": 6, "ITA": 5, "ESP": 5, "KEN": 5,
    "LBN": 4, "POL": 4, "BLR": 3, "GEO": 3, "VEN": 3, "MMR": 3, "IDN": 4, "VNM": 3, "THA": 3, "EUR": 8, "AFR": 4,
}


def _event_weights(mirror: Path) -> list[tuple[str, float, int]]:
    """(CAMEO code, Goldstein, weight): the real extract's frequencies where the mirror has it."""
    from bilateral.events.cameo import event_codes

    codes = event_codes(mirror)
    weights = dict.fromkeys(codes, 1)
    extract = mirror / "gdelt" / "gdelt1_georgia_aug2012_undp.csv"
    if extract.is_file():
        import pandas as pd

        counts = pd.read_csv(extract, dtype=str, usecols=["EventCode"])["EventCode"].value_counts()
        weights = {c: int(counts.get(c, 0)) * 20 + 1 for c in codes}
    return [(code, codes[code][1], weight) for code, weight in weights.items()]


def generate(folder: Path, rows: int, rows_per_file: int, mirror: Path) -> list[Path]:
    """Write ``rows`` synthetic GDELT 2.0 rows into 15-minute export files."""
    import duckdb

    from bilateral.events.formats import GDELT2_COLUMNS

    folder.mkdir(parents=True, exist_ok=True)
    countries = [c for c, w in COUNTRIES.items() for _ in range(w)]
    events = _event_weights(mirror)
    codes = [c for c, _, w in events for _ in range(w)]
    gold = {c: g for c, g, _ in events}
    con = duckdb.connect()
    con.execute("CREATE TABLE countries AS SELECT unnest($c) AS code, generate_subscripts($c, 1) - 1 AS i", {"c": countries})
    con.execute("CREATE TABLE codes AS SELECT unnest($c) AS code, generate_subscripts($c, 1) - 1 AS i", {"c": codes})
    con.execute("CREATE TABLE gold AS SELECT unnest($c) AS code, unnest($g) AS g", {"c": list(gold), "g": list(gold.values())})
    n_countries, n_codes = len(countries), len(codes)
    paths = []
    for number, start in enumerate(range(0, rows, rows_per_file)):
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(1704067200 + 900 * number))
        stop = min(start + rows_per_file, rows)
        # 3% of a file's rows re-emit an event of the previous file (same id, later DATEADDED, more mentions)
        dup = f"(hash(r, 'dup') % 100 < 3 AND r >= {rows_per_file})"
        values = {
            "GLOBALEVENTID": f"(CASE WHEN {dup} THEN r - {rows_per_file} ELSE r END + 1000000000)::VARCHAR",
            "SQLDATE": "strftime(d, '%Y%m%d')", "MonthYear": "strftime(d, '%Y%m')", "Year": "strftime(d, '%Y')",
            "FractionDate": "round(year(d) + dayofyear(d) / 365.0, 4)::VARCHAR",
            "Actor1Code": "c1.code", "Actor1Name": "CASE WHEN c1.code <> '' THEN 'NAME ' || c1.code ELSE '' END",
            "Actor1CountryCode": "c1.code", "Actor2Code": "c2.code",
            "Actor2Name": "CASE WHEN c2.code <> '' THEN 'NAME ' || c2.code ELSE '' END", "Actor2CountryCode": "c2.code",
            "Actor1Type1Code": "CASE WHEN e % 3 = 0 THEN 'GOV' ELSE '' END",
            "IsRootEvent": "(hash(e, 'root') % 10 < 6)::INT::VARCHAR", "EventCode": "k.code", "EventBaseCode": "left(k.code, 3)",
            "EventRootCode": "left(k.code, 2)",
            "QuadClass": "CASE WHEN left(k.code, 2)::INT <= 5 THEN '1' WHEN left(k.code, 2)::INT <= 9 THEN '2' "
                         "WHEN left(k.code, 2)::INT <= 14 THEN '3' ELSE '4' END",
            "GoldsteinScale": "g.g::VARCHAR",
            "NumMentions": f"(1 + hash(e, 'm') % 12 + CASE WHEN {dup} THEN 5 ELSE 0 END)::VARCHAR",
            "NumSources": "(1 + hash(e, 's') % 3)::VARCHAR", "NumArticles": "(1 + hash(e, 'a') % 10)::VARCHAR",
            "AvgTone": "round((hash(e, 't') % 2000) / 100.0 - 10, 6)::VARCHAR",
            "ActionGeo_Type": "'4'", "ActionGeo_FullName": "'Minsk, Horad Minsk, Belarus'", "ActionGeo_CountryCode": "'BO'",
            "ActionGeo_ADM1Code": "'BO05'", "ActionGeo_ADM2Code": "'12345'", "ActionGeo_Lat": "'53.9'", "ActionGeo_Long": "'27.5667'",
            "ActionGeo_FeatureID": "'-2760516'", "DATEADDED": f"'{stamp}'",
            "SOURCEURL": "'https://news.example.org/' || e::VARCHAR",
        }
        select = ", ".join(f"{values.get(c, chr(39) * 2)} AS \"{c}\"" for c in GDELT2_COLUMNS)
        path = folder / f"{stamp}.export.CSV"
        con.execute(f"""
            COPY (
                WITH base AS (SELECT range AS r FROM range({start}, {stop})),
                ev AS (SELECT r, CASE WHEN {dup} THEN r - {rows_per_file} ELSE r END AS e FROM base),
                x AS (SELECT r, e, DATE '2024-01-01' + (hash(e, 'day') % 180)::INT AS d,
                             hash(e, 'a1') % {n_countries} AS i1, hash(e, 'a2') % {n_countries} AS i2,
                             hash(e, 'code') % {n_codes} AS ik FROM ev)
                SELECT {select}
                FROM x JOIN countries c1 ON c1.i = x.i1 JOIN countries c2 ON c2.i = x.i2
                JOIN codes k ON k.i = x.ik JOIN gold g ON g.code = k.code
                ORDER BY r
            ) TO '{path}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')""")
        paths.append(path)
    con.close()
    return paths


# -- the three measured loaders, each run in a child process --------------------------------

def _imports() -> None:
    """Import what every loader needs before the clock starts: the timings are
    of the work, not of the interpreter starting (peak memory includes both)."""
    import duckdb  # noqa: F401
    import pandas  # noqa: F401

    import bilateral.events.ingest  # noqa: F401
    from bilateral.events.cameo import event_codes

    event_codes()
    from bilateral.countries import get_resolver

    get_resolver()

def _child_ingest(folder: str, out: str, threads: int) -> dict:
    from bilateral.events import ingest

    result = ingest([folder], "gdelt2", root=out, threads=threads or None)
    return {"rows": result.rows_read, "written": result.rows_written, "duplicates": result.rows_duplicate}


#: The GDELT 2.0 columns the ingest reads (its SQL in bilateral.events.formats uses these and no other).
USED = ("GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "IsRootEvent", "EventCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "DATEADDED")


def _scan(folder: str, out: str, threads: int, columns: str) -> dict:
    import duckdb

    from bilateral.events.formats import GDELT2_COLUMNS

    con = duckdb.connect(str(Path(out) / "scan.duckdb"))
    con.execute("SET memory_limit = '1GB'")
    con.execute(f"SET temp_directory = '{Path(out) / 'spill'}'")
    con.execute("SET preserve_insertion_order = false")
    if threads:
        con.execute(f"SET threads = {threads}")
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS) + "}"
    con.execute(f"CREATE TABLE scan AS SELECT {columns} FROM read_csv('{folder}/*.CSV', delim='\\t', header=false, quote='', escape='', auto_detect=false, columns={spec})")
    return {"rows": con.execute("SELECT count(*) FROM scan").fetchone()[0]}


def _child_duckdb(folder: str, out: str, threads: int) -> dict:
    return _scan(folder, out, threads, "*")


def _child_scan12(folder: str, out: str, threads: int) -> dict:
    return _scan(folder, out, threads, ", ".join(USED))


def _gdeltpyr_read(path: Path):
    import pandas as pd

    return pd.read_csv(path, sep="\t", header=None, dtype={26: "str", 27: "str", 28: "str"})


def _child_pandas(folder: str, out: str, threads: int, limit: int) -> dict:
    from multiprocessing import Pool, cpu_count

    import pandas as pd

    from bilateral.events.formats import GDELT2_COLUMNS

    paths, rows = [], 0
    files = sorted(Path(folder).glob("*.CSV"))
    with open(files[0], "rb") as first:
        per_file = max(1, sum(1 for _ in first))  # files hold --rows-per-file rows, the last one fewer
    for path in files:
        if rows >= limit:
            break
        paths.append(path)
        rows += per_file
    with Pool(processes=threads or cpu_count()) as pool:
        frames = list(pool.imap_unordered(_gdeltpyr_read, paths))
    results = pd.concat(frames)
    del frames
    results.reset_index(drop=True, inplace=True)
    results.columns = list(GDELT2_COLUMNS)
    return {"rows": len(results)}


def measure(kind: str, folder: Path, scratch: Path, threads: int, pandas_max: int) -> dict:
    """Run one loader in a child process: its result, seconds, CPU seconds and peak memory."""
    out = scratch / kind
    out.mkdir()
    extra = f", {pandas_max}" if kind == "pandas" else ""
    code = (f"import json, sys, time, resource as R; sys.path.insert(0, {str(Path(__file__).parent)!r}); import events as b; b._imports(); "
            f"cpu = lambda: sum(u.ru_utime + u.ru_stime for u in (R.getrusage(R.RUSAGE_SELF), R.getrusage(R.RUSAGE_CHILDREN))); "
            f"t, c = time.perf_counter(), cpu(); r = b._child_{kind}({str(folder)!r}, {str(out)!r}, {threads}{extra}); "
            f"r['seconds'] = time.perf_counter() - t; r['cpu'] = cpu() - c; print(json.dumps(r))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{kind} failed (status {status})")
    shutil.rmtree(out, ignore_errors=True)
    result = json.loads(output.strip().splitlines()[-1])
    return {**result, "peak_gb": usage.ru_maxrss / 1024 / 1024, "rate": result["rows"] / result["seconds"],
            "cpu_rate": result["rows"] / max(result["cpu"], 1e-9)}


def _size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * scale)


KINDS = ("ingest", "duckdb", "scan12", "pandas")


def _load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M", help="comma-separated row counts, e.g. 1M,5M,20M (default 1M)")
    parser.add_argument("--rows-per-file", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads and pandas processes (default: all cores)")
    parser.add_argument("--pandas-max", type=_size, default=1_000_000, help="rows pandas reads at most (default 1M)")
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder, and reuse those found there")
    args = parser.parse_args()
    os.environ.setdefault("BILATERAL_MIRROR", str(args.mirror))
    sys.path.insert(0, str(REPO / "src"))
    summary = []
    for rows in map(_size, args.sizes.split(",")):
        scratch = Path(tempfile.mkdtemp(prefix="bench-events-"))
        try:
            folder = (args.keep or scratch) / f"gdelt2-{rows}"
            started = time.perf_counter()
            expected = -(-rows // args.rows_per_file)
            if len(list(folder.glob("*.CSV"))) != expected:
                shutil.rmtree(folder, ignore_errors=True)
                generate(folder, rows, args.rows_per_file, args.mirror)
            size = sum(p.stat().st_size for p in folder.glob("*.CSV"))
            print(f"{rows:,} rows: {size / 1e9:.2f} GB of files ready in {time.perf_counter() - started:.1f} s; {_load()}", flush=True)
            got = {kind: measure(kind, folder, scratch, args.threads, args.pandas_max) for kind in KINDS}
            for kind, m in got.items():
                print(f"  {kind:7s} {m['rows']:>12,} rows  {m['seconds']:7.1f} s  {m['rate'] / 1e6:6.2f} M rows/s  "
                      f"{m['cpu']:7.1f} CPU s  peak {m['peak_gb']:.2f} GB", flush=True)
            ing, scan, scan12, pandas = (got[k] for k in KINDS)
            print(f"  ingest kept {ing['written']:,} rows, dropped {ing['duplicates']:,} re-emitted duplicates; {_load()}", flush=True)
            print(f"  per CPU second: ingest {ing['cpu_rate'] / scan['cpu_rate']:.2f}x DuckDB scan, "
                  f"{ing['cpu_rate'] / pandas['cpu_rate']:.2f}x pandas (12-column scan {scan12['cpu_rate'] / pandas['cpu_rate']:.2f}x pandas)", flush=True)
            summary.append((rows, ing["rate"] / scan["rate"], ing["rate"] / pandas["rate"], scan12["rate"] / pandas["rate"],
                            ing["peak_gb"], ing["seconds"], ing["cpu"]))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    parts = [f"{rows / 1e6:g}M rows: {vs_scan:.2f}x DuckDB scan, {vs_pandas:.2f}x pandas (ceiling: 12-column scan {ceiling:.2f}x pandas), "
             f"peak {peak:.2f} GB, {secs / rows * 1e6:.2f} s and {cpu / rows * 1e6:.2f} CPU s per M rows"
             for rows, vs_scan, vs_pandas, ceiling, peak, secs, cpu in summary]
    print("events ingest (targets ≥0.5x scan, ≥5x pandas, ≤1.5 GB at 20M, linear cost): " + "; ".join(parts))


if __name__ == "__main__":
    main()
