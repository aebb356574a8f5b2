"""Builds the DuckDB warehouse from the sources, atomically.

Layers: ``raw_<source>__<table>`` (as published), ``core_<source>__<table>``
(cleaned, unified keys), ``out_<subject>`` (what users query). ``_sources``
records each source's provenance, coverage, fingerprint and row counts.

The build writes a new file next to the old one and swaps it in with one
``os.replace`` only after every check has passed, so a build that fails or is
killed leaves the previous warehouse untouched and usable. A source whose
files and loader code have not changed is kept from the previous warehouse
rather than read again (the new file starts as a byte copy of the old one);
when nothing changed at all, nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path

import duckdb
import pandas as pd
from rich.progress import Progress

from bilateral.checks import run_checks
from bilateral.config import db_path, using_mirror
from bilateral import dbfile, previous_warehouse
from bilateral.errors import WarehouseError
from bilateral.sources import Source, registered

#: Part of the out_ layer's fingerprint (see :func:`out_fingerprint`); the
#: code itself is hashed too, so this needs no bump for a code change.
OUT_VERSION = "5"
#: Package parts that do not shape any table: a change to them needs no rebuild.
_NOT_TABLE_CODE = ("report", "web", "cli", "dbfile.py", "claims", "measures/validation.py", "templating.py")


def build_out(con) -> None:
    """The out_ layer (imported here, not at the top: it pulls in scipy and
    statsmodels, which only a build needs)."""
    from bilateral.out_tables import build_out as build

    build(con)


def _package_dir() -> Path:
    return Path(import_module("bilateral").__file__).parent


def out_fingerprint() -> str:
    """Changes when any code or reference data the tables are built from
    changes (everything in the package but the report and the CLI), so that
    nobody has to remember to bump a version by hand."""
    digest = hashlib.sha256(OUT_VERSION.encode())
    package = _package_dir()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if path.suffix in (".py", ".tsv", ".csv") and relative.parts[0] not in _NOT_TABLE_CODE and relative.as_posix() not in _NOT_TABLE_CODE:
            digest.update(str(relative).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class BuildResult:
    """What a build did: the file, which sources it (re)loaded, which it reused."""

    path: Path
    loaded: list[str]
    reused: list[str]
    seconds: float
    changed: bool


def table_name(layer: str, source: Source, table: str) -> str:
    """``raw_cow_trade__dyad_year`` and the like, derived from the declaration."""
    return f"{layer}_{source.name}__{table}"


def fingerprint(source: Source, module: str) -> str:
    """Changes when the source's files or the code that reads them change."""
    digest = hashlib.sha256(source.sha256.encode())
    for name in (module, "bilateral.sources.base", "bilateral.sources.datafile", "bilateral.sources.readers", "bilateral.sources.keys", "bilateral.resolver", "bilateral.identity"):
        digest.update(Path(import_module(name).__file__).read_bytes())
    owners = sorted((other.name for _, other in registered()), key=len, reverse=True)  # cow_trade_state before cow_trade

    def owner(stem: str) -> str | None:
        """The source a helper file belongs to by its name (imf_dots_read.py: imf_dots), if any."""
        return next((name for name in owners if stem == name or stem.startswith(f"{name}_")), None)

    for helper in sorted(Path(import_module(module).__file__).parent.glob(f"{source.name}_*.py")):  # imf_dots_read.py and the like
        if owner(helper.stem) == source.name:
            digest.update(helper.read_bytes())
    for table in sorted((_package_dir() / "data").glob("*.tsv")):  # the resolver's crosswalks key every row
        if owner(table.stem) in (None, source.name):  # a source's own reference file (imf_dots_names.tsv) keys only its rows
            digest.update(table.read_bytes())
    if not source.files:  # package data (the ledger): hash the shipped files
        digest.update(import_module(module).package_sha256().encode())
    return digest.hexdigest()


def _previous(path: Path) -> dict[str, str]:
    """Fingerprints recorded by the existing warehouse ({} when there is none).

    A file that is not a bilateral warehouse, cannot be read, or is held by
    another process raises :class:`WarehouseError`: never a reason to rebuild.
    """
    return _fingerprints(dbfile.read_meta(path))


def _fingerprints(meta: dict[str, str] | None) -> dict[str, str]:
    if meta is None:
        return {}
    previous = {key.removeprefix("source:"): value for key, value in meta.items() if key.startswith("source:")}
    previous["_out_version"] = meta.get("out_version", "")
    return previous


def _clean_stale(path: Path) -> None:
    """Remove temporary files left by builds that were killed."""
    for stale in path.parent.glob(path.name + ".building-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        if not pid.isdigit() or not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def build(mirror=None, db=None, force: bool = False, progress: bool = True) -> BuildResult:
    """Build (or bring up to date) the warehouse from every registered source.

    Only a missing file or a bilateral warehouse is (re)built, even with
    ``force``; a symlink is followed and its target replaced. Concurrent
    builds of one file take turns through a lock file (see :mod:`.dbfile`).
    """
    started = time.perf_counter()
    path = dbfile.target(db_path(db))
    dbfile.read_meta(path)  # refuse a foreign, unreadable or busy file before any work
    _check_mirror(mirror)
    dbfile.check_writable_folder(path)
    with dbfile.build_lock(path, announce=progress):
        return _build_locked(path, mirror, force, progress, started)


def _check_mirror(mirror) -> None:
    """A --mirror that is not a folder is refused before anything is written."""
    from bilateral.config import mirror_dir
    from bilateral.errors import SourceFileError

    root = mirror_dir(mirror)
    if root is not None and not root.is_dir():
        raise SourceFileError(f"the mirror {root} is not a folder; give --mirror the folder that holds MANIFEST.tsv.")


def _build_locked(path: Path, mirror, force: bool, progress: bool, started: float) -> BuildResult:
    _clean_stale(path)
    sources = registered()
    prints = {source.name: fingerprint(source, module) for module, source in sources}
    recorded = _previous(path)  # read even when forced: it refuses files that are not ours
    previous = {} if force else recorded
    reuse = {name for name, value in prints.items() if previous.get(name) == value}
    out_print = out_fingerprint()
    if len(reuse) == len(sources) and previous.get("_out_version") == out_print:
        return BuildResult(path, [], sorted(reuse), time.perf_counter() - started, changed=False)

    tmp = path.with_name(f"{path.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        if reuse:
            previous_warehouse.copy_file(path, tmp)
        with duckdb.connect(str(tmp)) as con, using_mirror(mirror), Progress(disable=not progress, transient=True) as bar:
            con.execute("SET enable_progress_bar = false")  # ours is shown instead
            if reuse:
                previous_warehouse.keep_only(con, {name: source.name for _, source in sources if source.name in reuse
                                                   for name in _table_names(source)})
            task = bar.add_task("building warehouse", total=len(sources) + 1)
            records = []
            for module, source in sources:
                bar.update(task, description=f"{'reusing' if source.name in reuse else 'loading'} {source.name}")
                if source.name in reuse:
                    rows = {spec.name: con.execute(f"SELECT count(*) FROM {table_name('core', source, spec.name)}").fetchone()[0]
                            for spec in source.tables}
                else:
                    rows = _load_source(con, source, mirror)
                records.append(_provenance_record(source, prints[source.name], rows))
                bar.advance(task)
            _write_sources(con, records)
            bar.update(task, description="joining dyad-years")
            build_out(con)
            con.execute("CREATE TABLE _meta (key VARCHAR, value VARCHAR)")
            con.execute("INSERT INTO _meta VALUES ('out_version', ?), ('made_by', 'bilateral')", [out_print])
            bar.advance(task)
        dbfile.swap_in(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    loaded = sorted(set(prints) - reuse)
    return BuildResult(path, loaded, sorted(reuse), time.perf_counter() - started, changed=True)


def _load_source(con, source: Source, mirror) -> dict[str, int]:
    """Read, clean, check and store every table of ``source``; rows per table."""
    paths = source.paths(mirror)
    rows = {}
    for spec in source.tables:
        raw = spec.read(paths)
        core = spec.clean(raw.copy() if spec.keep_raw else raw)  # cleaning may change its input: copied only when raw is stored too
        where = f"{source.name}.{spec.name}"
        run_checks(core, spec, where)
        for layer, frame in (("raw", raw), ("core", core)) if spec.keep_raw else (("core", core),):
            con.register("_frame", _duckdb_ready(frame))
            con.execute(f"CREATE TABLE {table_name(layer, source, spec.name)} AS SELECT * FROM _frame")
            con.unregister("_frame")
        rows[spec.name] = len(core)
    return rows


def _duckdb_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """R factors arrive as pandas categoricals; store them as plain text
    (the frame itself when it has none: copying a million rows costs a second)."""
    factors = {column: "string" for column, dtype in frame.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)}
    return frame.astype(factors) if factors else frame


def _table_names(source: Source) -> list[str]:
    return [table_name(layer, source, spec.name) for spec in source.tables for layer in (("raw", "core") if spec.keep_raw else ("core",))]


def _provenance_record(source: Source, print_: str, rows: dict[str, int]) -> dict:
    p = source.provenance
    return {
        "name": source.name,
        "title": p.title,
        "producer": p.producer,
        "version": p.version,
        "licence": p.licence,
        "homepage": p.homepage,
        "urls": json.dumps([f.url for f in source.files]),
        "files": json.dumps(file_records(source)),
        "citation": p.citation,
        "coverage_start": p.coverage[0],
        "coverage_end": p.coverage[1],
        "gaps": p.gaps,
        "description": source.description,
        "tables": json.dumps(rows),
        "rows": sum(rows.values()),
        "fingerprint": print_,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def file_records(source: Source) -> list[dict]:
    """Each file of ``source``: mirror path, sha256, size in bytes (of the
    verified local copy the build read, in the mirror or the cache; None if
    neither holds it), origin URL and upstream repository, commit and path.
    Package data (the ledger) lists its shipped files, with no origin."""
    from bilateral.sources.fetch import sha256_of

    records = []
    for f in source.files:
        upstream = f.upstream or {}
        records.append({"path": f.path, "sha256": f.sha256, "size_bytes": _local_size(f.path), "url": f.url,
                        "repository": upstream.get("repository"), "commit": upstream.get("commit"),
                        "upstream_path": upstream.get("path")})
    module = import_module(f"bilateral.sources.{source.name}") if not source.files else None
    for name in getattr(module, "FILES", ()):  # package data, shipped inside bilateral
        path = Path(str(module.ledger_path(name)))
        records.append({"path": f"bilateral/ledger/{name}", "sha256": sha256_of(path), "size_bytes": path.stat().st_size,
                        "url": None, "repository": None, "commit": None, "upstream_path": None})
    return records


def _local_size(path: str) -> int | None:
    from bilateral.config import cache_dir, mirror_dir

    for root in (mirror_dir(), cache_dir()):
        if root is not None and (root / path).is_file():
            return (root / path).stat().st_size
    return None


def _write_sources(con, records: list[dict]) -> None:
    con.register("_records", pd.DataFrame(records))
    con.execute("CREATE TABLE _sources AS SELECT * FROM _records")
    con.unregister("_records")


def connect(db=None, mirror=None, build_if_missing: bool = True, progress: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse, building it first if there is
    none, or bringing it up to date if an older release of bilateral built it.

    A file that is not a bilateral warehouse, cannot be read or is held by
    another process raises :class:`WarehouseError` and is left as it was.
    """
    path = dbfile.target(db_path(db))
    expected = out_fingerprint()  # before the file is opened: nothing to close if reading the code fails
    opened = dbfile.open_with_meta(path)  # one opening of the file serves the check and the reading
    if opened is None:
        problem = "missing"
    else:
        con, meta = opened
        if _fingerprints(meta).get("_out_version") == expected:
            return con
        con.close()
        problem = "stale"
    if not build_if_missing:
        raise WarehouseError(f"the warehouse at {path} is {problem}; run `bilateral data build --db {path}` first.")
    if progress:
        what = "No warehouse" if problem == "missing" else "An out-of-date warehouse"
        print(f"{what} at {path}; building it now.", file=sys.stderr)
    build(mirror=mirror, db=path, progress=progress)
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise dbfile.unreadable_error(path, exc) from exc


def status(db=None, mirror=None) -> pd.DataFrame:
    """One row per source: version, coverage, rows, licence, gaps, every file
    with its sha256, size, origin and upstream commit (``files``, a list),
    and ``latest_year``: the latest year with data in its core tables."""
    with connect(db, mirror=mirror) as con:
        frame = con.sql(
            "SELECT name, version, coverage_start, coverage_end, rows, licence, title, gaps, files FROM _sources ORDER BY name"
        ).df()
        latest = {name: latest_year(con, name) for name in frame["name"]}
    frame["files"] = [json.loads(text) for text in frame["files"]]
    frame.insert(4, "latest_year", [latest[name] for name in frame["name"]])
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame


#: Columns that identify a row rather than hold a measured value.
_IDENTIFIERS = ("ccode", "iso3", "year", "date", "id")


def latest_year(con, source: str) -> int | None:
    """The latest year in which any core table of ``source`` has a row with a
    measured value: a non-NULL numeric column other than keys and codes (or,
    for tables without such columns, any row). The year is ``year``, else the
    year of ``date``, else the latest of the ``*year`` columns (a spell's end,
    SIPRI's order year). Tables without any year (a code list) give none."""
    years = []
    for (table,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE ? ESCAPE '!'", [f"core!_{source}!_!_%"]
    ).fetchall():
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall()
        names = [c for c, _ in columns]
        spells = [f'"{c}"' for c, kind in columns if c.endswith("year") and _numeric(kind)]
        when = ("year" if "year" in names else "year(date)" if "date" in names
                else f"greatest({', '.join(spells)})" if spells else None)
        if when is None:
            continue
        values = [c for c, kind in columns if _numeric(kind) and not any(part in c.split("_") for part in _IDENTIFIERS)
                  and not c.endswith("year") and not c.startswith("ccode")]
        measured = " OR ".join(f'"{c}" IS NOT NULL' for c in values) or "TRUE"
        years.append(con.execute(f'SELECT max({when}) FROM "{table}" WHERE {measured}').fetchone()[0])
    years = [int(y) for y in years if y is not None]
    return max(years) if years else None


def _numeric(kind: str) -> bool:
    return kind.upper() in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "BOOLEAN"} or kind.upper().startswith("DECIMAL")
