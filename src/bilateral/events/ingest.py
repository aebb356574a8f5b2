"""Streaming ingestion: raw event files → Parquet partitioned by source, year
and month, with a quarantine file and a row account.

One DuckDB pass reads every file as text (``read_csv`` streams; memory is
capped by ``memory_limit`` and DuckDB spills to a scratch folder beyond it),
types each row, and gives it a reason when it is bad
(:mod:`bilateral.events.staging`). Then:

* **Quarantine.** Rows the CSV reader rejects (wrong number of fields, broken
  encoding) and rows that fail a check (no event id, an unparseable or
  impossible date, an unknown CAMEO code, a Goldstein score outside ±10, …) go
  to ``quarantine/<format>.tsv`` with the file, the line (for reader rejects),
  the reason and the raw text. Nothing is dropped without a record.
* **Quality filters** (documented in docs/method.md): at least ``min_sources``
  sources and ``min_articles`` articles (GDELT's NumSources and NumArticles),
  and with ``root_only`` only GDELT root events (IsRootEvent = 1). Filtered
  rows are valid, so they are counted by reason in the manifest, not
  quarantined. A filter does not apply to a source without that field.
* **De-duplication.** GDELT re-emits an event under the same GLOBALEVENTID
  when later articles update it. Per source, one row is kept per event id:
  the latest emission (highest DATEADDED), then the one from the file that
  sorts last, then the one with most mentions (:mod:`bilateral.events.store`).
* **Countries.** Actor codes are resolved to COW and ISO3 by year
  (:mod:`bilateral.events.actors`).

By default a run replaces what was stored for its format, so ingest all files
of a format together. With ``append`` a run adds new files to the store: files
an earlier run ingested (by resolved path) are skipped, the old raw files are
not read again, and the de-duplication rule holds across runs (a stored row
that a later emission supersedes is removed). An append must use the stored
run's quality filters.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from bilateral.errors import BilateralError
from bilateral.events import cameo, files, layout, quarantine, staging, store
from bilateral.events.actors import resolve_actors
from bilateral.events.formats import Format, get_format


@dataclass
class IngestResult:
    """The row account of one run: ``rows_read`` = ``rows_invalid`` +
    ``rows_filtered`` + ``rows_duplicate`` + ``rows_written``, and
    ``rows_rejected`` lines more were refused by the CSV reader. In an append,
    ``rows_duplicate`` counts the run's rows that lost to a stored row, and
    ``rows_superseded`` the stored rows that lost to one of the run's rows."""

    format: str
    files: list[str]
    rows_read: int
    rows_rejected: int
    rows_invalid: int
    rows_filtered: dict[str, int]
    rows_duplicate: int
    rows_written: int
    months: list[str]
    unresolved_actors: dict[str, int]
    filters: dict
    quarantine: str
    seconds: float
    ingested_at: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    appended: bool = False
    rows_superseded: int = 0
    files_skipped: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # resolved paths of the files read, to skip them in an append

    @property
    def rows_quarantined(self) -> int:
        return self.rows_rejected + self.rows_invalid


def ingest(paths, format: str, root=None, min_sources: int = 1, min_articles: int = 1, root_only: bool = False,
           mirror=None, memory_limit: str = "1GB", threads: int | None = None, append: bool = False) -> IngestResult:
    """Ingest the event files in ``paths`` (files or folders) of ``format``
    (gdelt1, gdelt2, icews, polecat) into ``root``; see the module docstring."""
    started = time.perf_counter()
    fmt = get_format(format)
    root = layout.events_root(root)
    filters = {"min_sources": int(min_sources), "min_articles": int(min_articles), "root_only": bool(root_only)}
    manifest = layout.read_manifest(root)
    before = manifest.get(fmt.name) if append and store.stored_files(layout.source_dir(root, fmt.name)) else None
    if before and before["filters"] != filters:
        raise BilateralError(
            f"the stored {fmt.name} events were ingested with the filters {before['filters']}; append with the same "
            f"filters, or ingest all files again without --append to change them."
        )
    paths, skipped = _new_files(files.expand(paths), before)
    root.mkdir(parents=True, exist_ok=True)
    if not paths:
        result = _nothing_new(fmt, root, filters, skipped)
    else:
        scratch = Path(tempfile.mkdtemp(prefix=".ingest-", dir=root))
        try:
            con = duckdb.connect(str(scratch / "work.duckdb"))
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute(f"SET temp_directory = '{scratch / 'spill'}'")
            con.execute("SET preserve_insertion_order = false")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            _load_lookups(con, mirror)
            unpacked = scratch / "unpacked"
            unpacked.mkdir()
            readable = [pair for path in paths for pair in files.readable(path, unpacked)]
            groups = staging.stage(con, fmt, readable)
            _resolve(con, fmt, mirror)
            result = _write(con, fmt, root, scratch, filters, dict((str(p), shown) for p, shown in readable), groups, before is not None)
            con.close()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    result.seconds = round(time.perf_counter() - started, 3)
    result.files_skipped = skipped
    result.paths = [str(p.resolve()) for p in paths]
    manifest[fmt.name] = _merged(before, asdict(result)) if before else asdict(result)
    layout.write_manifest(root, manifest)
    return result


def _new_files(paths: list[Path], before: dict | None) -> tuple[list[Path], list[str]]:
    """The files an earlier run did not ingest, and the names of those it did."""
    if not before:
        return paths, []
    done = set(before.get("paths", []))
    return [p for p in paths if str(p.resolve()) not in done], [str(p) for p in paths if str(p.resolve()) in done]


def _nothing_new(fmt: Format, root: Path, filters: dict, skipped: list[str]) -> IngestResult:
    return IngestResult(format=fmt.name, files=[], rows_read=0, rows_rejected=0, rows_invalid=0, rows_filtered={},
                        rows_duplicate=0, rows_written=0, months=store.months(layout.source_dir(root, fmt.name)),
                        unresolved_actors={}, filters=filters, quarantine=str(layout.quarantine_path(root, fmt.name)),
                        seconds=0.0, appended=True, files_skipped=skipped)


def _merged(before: dict, run: dict) -> dict:
    """The manifest entry after an append: the store's totals over all runs.
    A superseded stored row counts as a duplicate, so the account still
    balances: read = invalid + filtered + duplicate + written (stored)."""
    out = dict(run)
    for key in ("rows_read", "rows_rejected", "rows_invalid", "rows_duplicate", "rows_superseded"):
        out[key] = before.get(key, 0) + run[key]
    out["rows_duplicate"] += run["rows_superseded"]
    out["rows_written"] = before["rows_written"] + run["rows_written"] - run["rows_superseded"]
    out["files"] = sorted(set(before["files"]) | set(run["files"]))
    out["paths"] = sorted(set(before.get("paths", [])) | set(run["paths"]))
    out["rows_filtered"] = {k: before["rows_filtered"].get(k, 0) + run["rows_filtered"].get(k, 0)
                            for k in sorted(set(before["rows_filtered"]) | set(run["rows_filtered"]))}
    unresolved = dict(before["unresolved_actors"])
    for code, count in run["unresolved_actors"].items():
        unresolved[code] = unresolved.get(code, 0) + count
    out["unresolved_actors"] = dict(sorted(unresolved.items(), key=lambda kv: (-kv[1], kv[0]))[:25])
    out["runs"] = before.get("runs", 1) + 1
    return out


def _load_lookups(con, mirror) -> None:
    rows = cameo.lookup_rows(mirror)
    frame = pd.DataFrame(rows, columns=["code", "description", "goldstein", "quad_class", "plover"])
    con.register("cameo_frame", frame)
    con.execute("CREATE TEMP TABLE cameo AS SELECT code AS lk_code, quad_class::TINYINT AS lk_quad, plover AS lk_plover FROM cameo_frame")
    plover = pd.DataFrame(sorted(cameo.PLOVER_QUAD.items()), columns=["plover", "quad_class"])
    con.register("plover_frame", plover)
    con.execute("CREATE TEMP TABLE plover_quad AS SELECT plover AS pq_type, quad_class::TINYINT AS pq_quad FROM plover_frame")


def _resolve(con, fmt: Format, mirror) -> None:
    pairs = con.sql("""
        SELECT DISTINCT code, year FROM (
            SELECT actor1_code AS code, year(event_date) AS year FROM staged WHERE reason IS NULL
            UNION ALL SELECT actor2_code, year(event_date) FROM staged WHERE reason IS NULL)
        WHERE code IS NOT NULL""").df()
    resolved = resolve_actors(pairs, fmt.name, mirror) if len(pairs) else pairs.assign(ccode=pd.Series(dtype="Int32"), iso3=pd.Series(dtype="string"))
    con.register("actor_frame", resolved)
    con.execute("CREATE TEMP TABLE actor_map AS SELECT code::VARCHAR AS code, year::INTEGER AS year, ccode::INTEGER AS ccode, iso3::VARCHAR AS iso3 FROM actor_frame")


def _filter_reason(filters: dict) -> str:
    """SQL giving the quality filter a valid row fails, or NULL."""
    parts = []
    if filters["min_sources"] > 1:
        parts.append(f"WHEN num_sources < {filters['min_sources']} THEN 'fewer than {filters['min_sources']} sources'")
    if filters["min_articles"] > 1:
        parts.append(f"WHEN num_articles < {filters['min_articles']} THEN 'fewer than {filters['min_articles']} articles'")
    if filters["root_only"]:
        parts.append("WHEN NOT is_root THEN 'not a root event'")
    return "CASE " + " ".join(parts) + " END" if parts else "NULL"


def _write(con, fmt: Format, root: Path, scratch: Path, filters: dict, names: dict[str, str],
           groups: dict, append: bool) -> IngestResult:
    con.execute(f"CREATE VIEW kept AS SELECT * EXCLUDE (reason) FROM staged WHERE reason IS NULL AND ({_filter_reason(filters)}) IS NULL")
    file_names = pd.DataFrame(sorted(names.items()), columns=["path", "shown"])
    con.register("file_names", file_names)
    counts = con.execute(f"""
        SELECT count(*), count(*) FILTER (reason IS NOT NULL),
               count(*) FILTER (reason IS NULL AND ({_filter_reason(filters)}) IS NULL)
        FROM staged""").fetchone()
    read, invalid, unfiltered = counts
    filtered = dict(con.execute(f"""
        SELECT {_filter_reason(filters)} AS why, count(*) FROM staged
        WHERE reason IS NULL AND why IS NOT NULL GROUP BY why ORDER BY why""").fetchall())
    rejected = quarantine.reader_reject_count(con)
    staging.collect_invalid(con, fmt, groups)
    path = layout.quarantine_path(root, fmt.name)
    if unfiltered == 0 and read + rejected > 0 and invalid + rejected == read + rejected:
        path = path.with_name(f"{fmt.name}.failed.tsv")  # keep the stored events: this run had no valid row
        quarantine.write(con, path)
        raise BilateralError(
            f"none of the {read + rejected:,} rows in {len(names)} {fmt.name} file(s) is valid, so the stored {fmt.name} events "
            f"were left as they were. The reasons are in {path}; check --format and the files."
        )
    rows = store.deduplicated_sql(con)
    target = layout.source_dir(root, fmt.name)
    superseded = 0
    if append:
        written, superseded = store.append(con, rows, target, scratch)
    else:
        fresh = scratch / "out" / f"source={fmt.name}"
        fresh.parent.mkdir()
        written = store.write_fresh(con, rows, fresh)
        _swap(fresh, target, scratch)
    quarantine.write(con, path, append=append)
    if invalid + sum(filtered.values()) + written > read or written > unfiltered:
        raise BilateralError(f"{fmt.name}: the row account does not add up (read {read}, invalid {invalid}, filtered {filtered}, written {written}); this is a bug.")
    unresolved = dict(con.execute("""
        SELECT k.code, count(*) FROM (SELECT actor1_code AS code, event_date FROM kept UNION ALL SELECT actor2_code, event_date FROM kept) k
        JOIN actor_map m ON k.code = m.code AND year(k.event_date) = m.year
        WHERE m.ccode IS NULL GROUP BY k.code ORDER BY count(*) DESC, k.code LIMIT 25""").fetchall())
    return IngestResult(
        format=fmt.name, files=sorted(set(names.values())), rows_read=read, rows_rejected=rejected,
        rows_invalid=invalid, rows_filtered=filtered, rows_duplicate=unfiltered - written, rows_written=written,
        months=store.months(target), unresolved_actors=unresolved, filters=filters, quarantine=str(path), seconds=0.0,
        appended=append, rows_superseded=superseded,
    )


def _swap(fresh: Path, target: Path, scratch: Path) -> None:
    """Put the new partitions in place of the old ones."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not fresh.exists():
        fresh.mkdir(parents=True)  # nothing valid: an empty source
    if target.exists():
        os.replace(target, scratch / "old")
    os.replace(fresh, target)
