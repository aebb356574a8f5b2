"""Would another CSV parser make `bilateral events ingest` faster? pyarrow's
CSV reader against DuckDB's ``read_csv`` on the synthetic GDELT 2.0 files of
``benchmarks/events.py`` (issue 13: ingest ≥ 5× a gdeltPyR-style pandas
loader).

Each loader runs in its own child process (CPU seconds and peak memory are
its own), reading the 12 columns the ingest uses, as text, unless named
otherwise:

* ``pandas`` — the gdeltPyR loader of ``benchmarks/events.py`` (all 61
  columns, a process pool; at most ``--pandas-max`` rows);
* ``ingest``, ``ingest_memdb`` — the whole ingest, its work database on disk
  (as shipped) or in memory (spilling to the same scratch folder);
* ``scan12`` — DuckDB ``read_csv`` into a table of an on-disk database (the
  benchmark's ceiling); ``scan12_memdb`` into an in-memory database;
  ``scan12_arrow`` into an Arrow table;
* ``arrow_read_typed`` — ``pyarrow.csv.read_csv`` per file, the numeric
  columns typed; ``arrow_stream`` — ``pyarrow.csv.open_csv`` batches, text;
* ``arrow_duck``, ``arrow_duck_memdb`` — pyarrow batches of all files as one
  RecordBatchReader, ``CREATE TABLE AS`` in DuckDB (on disk, in memory): the
  hand-over a pyarrow-based ingest would need;
* ``stage_duck[_memdb]``, ``stage_arrow[_memdb]`` — the ingest's staging step
  (:mod:`bilateral.events.staging`: typing, checks, CAMEO lookup into the
  ``staged`` table) reading with DuckDB's ``read_csv`` as shipped, or with
  the same SQL over the pyarrow RecordBatchReader (a ``filename`` column
  added per batch).

Usage: python benchmarks/events_parsers.py FOLDER [--kinds a,b,…] [--repeat 2]
where FOLDER holds files made by ``benchmarks/events.py --keep DIR``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import events as bench  # noqa: E402

SPEC = None  # DuckDB's column spec, all 61 GDELT 2.0 columns as text
NUMERIC = {"IsRootEvent": "int8", "QuadClass": "int8", "GoldsteinScale": "float64", "NumMentions": "int32",
           "NumSources": "int32", "NumArticles": "int32", "DATEADDED": "int64"}


def _files(folder: str) -> list[Path]:
    return sorted(Path(folder).glob("*.CSV"))


def _arrow_options(typed: bool = False, block_size: int = 8 << 20):
    import pyarrow as pa
    import pyarrow.csv as pc

    from bilateral.events.formats import GDELT2_COLUMNS

    kinds = {c: pa.type_for_alias(NUMERIC[c]) if typed and c in NUMERIC else pa.string() for c in bench.USED}
    return (pc.ReadOptions(column_names=list(GDELT2_COLUMNS), use_threads=True, block_size=block_size),
            pc.ParseOptions(delimiter="\t", quote_char=False, escape_char=False),
            pc.ConvertOptions(include_columns=list(bench.USED), column_types=kinds))


def _arrow_reader(folder: str, with_file: bool = False):
    """One RecordBatchReader over all files' batches, optionally with each row's file name."""
    import pyarrow as pa
    import pyarrow.csv as pc

    options = _arrow_options()
    fields = [(c, pa.string()) for c in bench.USED] + ([("filename", pa.dictionary(pa.int32(), pa.string()))] if with_file else [])
    schema = pa.schema(fields)

    def batches():
        for path in _files(folder):
            name = pa.array([str(path)])
            for batch in pc.open_csv(path, *options):
                extra = [pa.DictionaryArray.from_arrays(pa.array([0] * batch.num_rows, pa.int32()), name)] if with_file else []
                yield pa.RecordBatch.from_arrays(batch.columns + extra, schema=schema)
    return pa.RecordBatchReader.from_batches(schema, batches())


def _duck(out: str, disk: bool, lookups: bool = False):
    import duckdb

    con = duckdb.connect(str(Path(out) / "work.duckdb") if disk else ":memory:")
    con.execute("SET memory_limit = '1GB'")
    con.execute(f"SET temp_directory = '{Path(out) / 'spill'}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    if lookups:
        importlib.import_module("bilateral.events.ingest")._load_lookups(con, None)
    return con


def _scan_sql(folder: str) -> str:
    from bilateral.events.formats import GDELT2_COLUMNS

    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT2_COLUMNS) + "}"
    return (f"SELECT {', '.join(bench.USED)} FROM read_csv('{folder}/*.CSV', delim='\\t', header=false, quote='', "
            f"escape='', auto_detect=false, columns={spec})")


def _count(con, table: str) -> dict:
    return {"rows": con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]}


def _scan(folder, out, disk):
    con = _duck(out, disk)
    con.execute("CREATE TABLE scan AS " + _scan_sql(folder))
    return _count(con, "scan")


def _arrow_duck(folder, out, disk):
    con = _duck(out, disk)
    reader = _arrow_reader(folder)  # noqa: F841 (DuckDB finds it by name)
    con.execute("CREATE TABLE scan AS SELECT * FROM reader")
    return _count(con, "scan")


def _stage(folder, out, disk, arrow):
    from bilateral.events import staging
    from bilateral.events.formats import GDELT2_COLUMNS, get_format

    con = _duck(out, disk, lookups=True)
    fmt = get_format("gdelt2")
    if not arrow:
        staging.stage(con, fmt, [(p, p.name) for p in _files(folder)])
        return _count(con, "staged")
    sql, found = re.subn(r"read_csv\(.*?filename=true\)", "arrow_src", staging.staging_sql(fmt, GDELT2_COLUMNS, ["x"], "rej"), flags=re.S)
    assert found == 1, "the staging SQL no longer reads with one read_csv call"
    con.register("arrow_src", _arrow_reader(folder, with_file=True))
    con.execute("CREATE TABLE staged AS " + sql)
    return _count(con, "staged")


def _ingest(folder, out, disk):
    import duckdb

    module = importlib.import_module("bilateral.events.ingest")
    if not disk:
        module.duckdb = types.SimpleNamespace(connect=lambda path: duckdb.connect(":memory:"))
    return bench._child_ingest(folder, out, 0)


def _arrow_read_typed(folder, out):
    import pyarrow as pa
    import pyarrow.csv as pc

    options = _arrow_options(typed=True, block_size=1 << 20)
    return {"rows": pa.concat_tables([pc.read_csv(p, *options) for p in _files(folder)]).num_rows}


def _arrow_stream(folder, out):
    return {"rows": sum(b.num_rows for b in list(_arrow_reader(folder)))}


def _scan_arrow(folder, out):
    return {"rows": _duck(out, False).execute(_scan_sql(folder)).fetch_arrow_table().num_rows}


KINDS = {
    "pandas": None, "ingest": lambda f, o: _ingest(f, o, True), "ingest_memdb": lambda f, o: _ingest(f, o, False),
    "scan12": lambda f, o: _scan(f, o, True), "scan12_memdb": lambda f, o: _scan(f, o, False), "scan12_arrow": _scan_arrow,
    "arrow_read_typed": _arrow_read_typed, "arrow_stream": _arrow_stream,
    "arrow_duck": lambda f, o: _arrow_duck(f, o, True), "arrow_duck_memdb": lambda f, o: _arrow_duck(f, o, False),
    "stage_duck": lambda f, o: _stage(f, o, True, False), "stage_arrow": lambda f, o: _stage(f, o, True, True),
    "stage_duck_memdb": lambda f, o: _stage(f, o, False, False), "stage_arrow_memdb": lambda f, o: _stage(f, o, False, True),
}


def measure(kind: str, folder: Path, pandas_max: int) -> dict:
    """Run one loader in a child process: rows, seconds, CPU seconds, peak memory."""
    out = Path(tempfile.mkdtemp(prefix=f"parsers-{kind}-"))
    call = (f"bench._child_pandas({str(folder)!r}, {str(out)!r}, 0, {pandas_max})" if kind == "pandas"
            else f"m.KINDS[{kind!r}]({str(folder)!r}, {str(out)!r})")
    code = (f"import sys, time, json, resource as R; sys.path.insert(0, {str(HERE)!r}); import events_parsers as m; "
            f"bench = m.bench; bench._imports(); import pyarrow.csv; "
            f"cpu = lambda: sum(u.ru_utime + u.ru_stime for u in (R.getrusage(R.RUSAGE_SELF), R.getrusage(R.RUSAGE_CHILDREN))); "
            f"t, c = time.perf_counter(), cpu(); r = {call}; "
            f"r['seconds'] = time.perf_counter() - t; r['cpu'] = cpu() - c; print(json.dumps(r))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(bench.REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    shutil.rmtree(out, ignore_errors=True)
    if status:
        raise SystemExit(f"{kind} failed (status {status})")
    result = json.loads(output[output.rindex("{"):])  # DuckDB's progress bar may share the line
    return {**result, "peak_gb": usage.ru_maxrss / 1024 ** 2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--pandas-max", type=bench._size, default=1_000_000)
    args = parser.parse_args()
    for rep in range(args.repeat):
        print(f"# {args.folder.name} run {rep + 1}; {bench._load()}", flush=True)
        got = {}
        for kind in args.kinds.split(","):
            m = got[kind] = measure(kind, args.folder, args.pandas_max)
            print(f"  {kind:18s} {m['rows']:>11,} rows {m['seconds']:7.2f} s {m['cpu']:7.2f} CPU s "
                  f"{m['rows'] / m['seconds'] / 1e6:5.2f} M rows/s {m['rows'] / m['cpu'] / 1e6:5.2f} M rows/CPU s "
                  f"peak {m['peak_gb']:.2f} GB", flush=True)
        if "pandas" in got:
            p = got["pandas"]
            print("  vs pandas (wall, CPU): " + "; ".join(
                f"{k} {m['rows'] / m['seconds'] / (p['rows'] / p['seconds']):.2f}x {m['rows'] / m['cpu'] / (p['rows'] / p['cpu']):.2f}x"
                for k, m in got.items() if k != "pandas"), flush=True)
        print(f"  {bench._load()}", flush=True)


if __name__ == "__main__":
    main()
