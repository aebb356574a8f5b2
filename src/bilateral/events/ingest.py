"""Streaming ingestion: raw event files → Parquet partitioned by source, year
and month, with a quarantine file and a row account.

One DuckDB pass reads every file as text (``read_csv`` streams; memory is
capped by ``memory_limit`` and DuckDB spills to a scratch folder beyond it),
types each row, and gives it a reason when it is bad. Then:

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
  sorts last, then the one with most mentions.
* **Countries.** Actor codes are resolved to COW and ISO3 by year
  (:mod:`bilateral.events.actors`).

A run replaces what was stored for its format, so ingest all files of a
format together.
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

from bilateral.errors import BilateralError, SourceFileError
from bilateral.events import cameo, files, layout, quarantine
from bilateral.events.actors import resolve_actors
from bilateral.events.formats import Format, get_format, quote

FIRST_YEAR = 1979
EXTRA = "_extra_"  # names given to unnamed trailing fields  # GDELT's backfile starts in 1979; earlier dates are errors


@dataclass
class IngestResult:
    """The row account of one run: ``rows_read`` = ``rows_invalid`` +
    ``rows_filtered`` + ``rows_duplicate`` + ``rows_written``, and
    ``rows_rejected`` lines more were refused by the CSV reader."""

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

    @property
    def rows_quarantined(self) -> int:
        return self.rows_rejected + self.rows_invalid


def ingest(paths, format: str, root=None, min_sources: int = 1, min_articles: int = 1, root_only: bool = False,
           mirror=None, memory_limit: str = "1GB", threads: int | None = None) -> IngestResult:
    """Ingest the event files in ``paths`` (files or folders) of ``format``
    (gdelt1, gdelt2, icews, polecat) into ``root``; see the module docstring."""
    started = time.perf_counter()
    fmt = get_format(format)
    paths = files.expand(paths)
    root = layout.events_root(root)
    root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".ingest-", dir=root))
    try:
        con = duckdb.connect(str(scratch / "work.duckdb"))
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET temp_directory = '{scratch / 'spill'}'")
        con.execute("SET preserve_insertion_order = false")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        _load_lookups(con, mirror)
        names = _stage(con, fmt, paths, scratch)
        filters = {"min_sources": int(min_sources), "min_articles": int(min_articles), "root_only": bool(root_only)}
        _resolve(con, fmt, mirror)
        result = _write(con, fmt, root, scratch, filters, names)
        con.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    result.seconds = round(time.perf_counter() - started, 3)
    manifest = layout.read_manifest(root)
    manifest[fmt.name] = asdict(result)
    layout.write_manifest(root, manifest)
    return result


def _load_lookups(con, mirror) -> None:
    rows = cameo.lookup_rows(mirror)
    frame = pd.DataFrame(rows, columns=["code", "description", "goldstein", "quad_class", "plover"])
    con.register("cameo_frame", frame)
    con.execute("CREATE TEMP TABLE cameo AS SELECT code AS lk_code, quad_class::TINYINT AS lk_quad, plover AS lk_plover FROM cameo_frame")
    plover = pd.DataFrame(sorted(cameo.PLOVER_QUAD.items()), columns=["plover", "quad_class"])
    con.register("plover_frame", plover)
    con.execute("CREATE TEMP TABLE plover_quad AS SELECT plover AS pq_type, quad_class::TINYINT AS pq_quad FROM plover_frame")


def _layout_of(fmt: Format, path: Path, shown: str) -> tuple[str, ...]:
    """The column names to read ``path`` with."""
    line = files.first_line(path)
    fields = line.split("\t")
    if fmt.header:
        if fmt.by_name:
            missing = [c for c in fmt.columns if c not in fields]
            if missing:
                raise SourceFileError(f"{shown} lacks the {fmt.name} column(s) {', '.join(missing)} in its header; is it a {fmt.description}?")
            # Some published POLECAT files have trailing empty fields beyond their header: name them so the
            # reader takes the rows (a row with text in them is quarantined by the "_extra" check).
            lines = files.first_lines(path, 2)
            extra = len(lines[1].split("\t")) - len(fields) if len(lines) > 1 else 0
            return tuple(fields) + tuple(f"{EXTRA}{i}" for i in range(1, extra + 1))
        if tuple(fields) != fmt.columns:
            raise SourceFileError(
                f"{shown}: the header is not the {fmt.name} layout ({len(fields)} columns, expected {len(fmt.columns)}: "
                f"{', '.join(fmt.columns[:4])}, …); is it a {fmt.description}?"
            )
        return fmt.columns
    for columns in (fmt.columns, *fmt.alt_columns):
        if len(fields) == len(columns):
            return columns
    expected = " or ".join(str(len(c)) for c in (fmt.columns, *fmt.alt_columns))
    raise SourceFileError(
        f"{shown} has {len(fields)} tab-separated fields in its first line; a {fmt.description} has {expected}. "
        "Check --format, or that the file is not truncated."
    )


def _stage(con, fmt: Format, paths: list[Path], scratch: Path) -> dict[str, str]:
    """Read every file into the table ``staged``; return {path read: name to report}."""
    unpacked = scratch / "unpacked"
    unpacked.mkdir()
    groups: dict[tuple[str, ...], list[str]] = {}
    names: dict[str, str] = {}
    for path in paths:
        for readable, shown in files.readable(path, unpacked):
            names[str(readable)] = shown
            groups.setdefault(_layout_of(fmt, readable, shown), []).append(str(readable))
    quarantine.create(con)
    for number, (columns, group) in enumerate(groups.items()):
        select = _staging_sql(fmt, columns, group, number)
        con.execute(("CREATE TABLE staged AS " if number == 0 else "INSERT INTO staged ") + select)
        quarantine.collect_reader_rejects(con, f"rej_errors_{number}", f"rej_scans_{number}")
    return names


def _staging_sql(fmt: Format, columns: tuple[str, ...], paths: list[str], number: int) -> str:
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
    file_list = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
    read = (f"read_csv({file_list}, delim='\\t', header={str(fmt.header).lower()}, quote='', escape='', "
            f"auto_detect=false, columns={spec}, store_rejects=true, rejects_table='rej_errors_{number}', "
            f"rejects_scan='rej_scans_{number}', filename=true{', null_padding=true' if fmt.by_name else ''})")
    typed = ", ".join(f"{expr} AS {name}" for name, expr in fmt.select.items())
    raw = "concat_ws(chr(9), " + ", ".join(f"coalesce({quote(c)}, '')" for c in columns) + ")"
    last_year = dt.date.today().year + 1
    checks = [
        ("event_id IS NULL", "'missing event id'"),
        ("event_date IS NULL", "'missing or unparseable event date'"),
        (f"year(event_date) NOT BETWEEN {FIRST_YEAR} AND {last_year}", f"'event date outside {FIRST_YEAR}-{last_year}: ' || event_date"),
    ]
    if fmt.codes == "cameo":
        lookup = "LEFT JOIN cameo ON n.cameo_code = lk_code"
        plover, quad = "lk_plover", "coalesce(n.quad_class, lk_quad)"
        checks += [("n.cameo_code IS NULL", "'missing CAMEO event code'"),
                   ("lk_code IS NULL", "'unknown CAMEO event code ' || n.cameo_code")]
    else:
        event_type = f"upper(trim({quote('Event Type')}))"
        lookup = f"LEFT JOIN plover_quad ON {event_type} = pq_type"
        plover, quad = "pq_type", "pq_quad"
        checks += [("pq_type IS NULL", f"'unknown PLOVER event type ' || coalesce({quote('Event Type')}, 'empty')")]
    checks += list(fmt.checks)
    extras = [c for c in columns if c.startswith(EXTRA)]
    if extras:
        checks.append((" OR ".join(f"coalesce({quote(c)}, '') <> ''" for c in extras), "'text in a field beyond the header'"))
    reason = "CASE " + " ".join(f"WHEN {cond} THEN {msg}" for cond, msg in checks) + " END"
    return f"""
        WITH r AS (SELECT * FROM {read}),
        n AS (SELECT r.*, {typed} FROM r),
        j AS (SELECT n.*, {plover} AS plover_j, {quad} AS quad_j, {reason} AS reason FROM n {lookup})
        SELECT event_id, event_date, actor1_code, actor2_code, cameo_code, plover_j AS plover,
               quad_j::TINYINT AS quad_class, goldstein, is_root, num_mentions, num_sources,
               num_articles, added, filename AS file, reason,
               CASE WHEN reason IS NOT NULL THEN {raw} END AS raw
        FROM j
    """


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


OUTPUT = """s.event_id, s.event_date, year(s.event_date) AS year, month(s.event_date) AS month,
    s.actor1_code, a1.iso3 AS actor1_iso3, a1.ccode AS actor1_ccode,
    s.actor2_code, a2.iso3 AS actor2_iso3, a2.ccode AS actor2_ccode,
    s.cameo_code, s.plover, s.quad_class, s.goldstein, s.is_root,
    s.num_mentions, s.num_sources, s.num_articles, s.added, s.file"""


def _write(con, fmt: Format, root: Path, scratch: Path, filters: dict, names: dict[str, str]) -> IngestResult:
    con.execute(f"CREATE VIEW kept AS SELECT * EXCLUDE (raw) FROM staged WHERE reason IS NULL AND ({_filter_reason(filters)}) IS NULL")
    fresh = scratch / "out" / f"source={fmt.name}"
    fresh.parent.mkdir()
    file_names = pd.DataFrame(sorted(names.items()), columns=["path", "shown"])
    con.register("file_names", file_names)
    written = con.execute(f"""
        COPY (
            SELECT {OUTPUT.replace('s.file', 'coalesce(f.shown, s.file) AS file')}
            FROM kept s
            LEFT JOIN actor_map a1 ON s.actor1_code = a1.code AND year(s.event_date) = a1.year
            LEFT JOIN actor_map a2 ON s.actor2_code = a2.code AND year(s.event_date) = a2.year
            LEFT JOIN file_names f ON s.file = f.path
            QUALIFY row_number() OVER (PARTITION BY s.event_id
                                       ORDER BY s.added DESC NULLS LAST, coalesce(f.shown, s.file) DESC, s.num_mentions DESC NULLS LAST) = 1
        ) TO '{fresh}' (FORMAT parquet, PARTITION_BY (year, month), COMPRESSION zstd)""").fetchone()[0]
    counts = con.execute(f"""
        SELECT count(*), count(*) FILTER (reason IS NOT NULL),
               count(*) FILTER (reason IS NULL AND ({_filter_reason(filters)}) IS NULL)
        FROM staged""").fetchone()
    read, invalid, unfiltered = counts
    filtered = dict(con.execute(f"""
        SELECT {_filter_reason(filters)} AS why, count(*) FROM staged
        WHERE reason IS NULL AND why IS NOT NULL GROUP BY why ORDER BY why""").fetchall())
    rejected = quarantine.reader_reject_count(con)
    if invalid + sum(filtered.values()) + written > read or written > unfiltered:
        raise BilateralError(f"{fmt.name}: the row account does not add up (read {read}, invalid {invalid}, filtered {filtered}, written {written}); this is a bug.")
    months = [f"{y:04d}-{m:02d}" for y, m in con.execute(
        "SELECT DISTINCT year(event_date), month(event_date) FROM kept ORDER BY 1, 2").fetchall()]
    unresolved = dict(con.execute("""
        SELECT k.code, count(*) FROM (SELECT actor1_code AS code, event_date FROM kept UNION ALL SELECT actor2_code, event_date FROM kept) k
        JOIN actor_map m ON k.code = m.code AND year(k.event_date) = m.year
        WHERE m.ccode IS NULL GROUP BY k.code ORDER BY count(*) DESC, k.code LIMIT 25""").fetchall())
    path = layout.quarantine_path(root, fmt.name)
    if written == 0 and read + rejected > 0 and invalid + rejected == read + rejected:
        path = path.with_name(f"{fmt.name}.failed.tsv")  # keep the stored events: this run had no valid row
    quarantine.write(con, path)
    if path.name.endswith(".failed.tsv"):
        raise BilateralError(
            f"none of the {read + rejected:,} rows in {len(names)} {fmt.name} file(s) is valid, so the stored {fmt.name} events "
            f"were left as they were. The reasons are in {path}; check --format and the files."
        )
    _swap(fresh, layout.source_dir(root, fmt.name), scratch)
    return IngestResult(
        format=fmt.name, files=sorted(set(names.values())), rows_read=read, rows_rejected=rejected,
        rows_invalid=invalid, rows_filtered=filtered, rows_duplicate=unfiltered - written, rows_written=written,
        months=months, unresolved_actors=unresolved, filters=filters, quarantine=str(path), seconds=0.0,
    )


def _swap(fresh: Path, target: Path, scratch: Path) -> None:
    """Put the new partitions in place of the old ones."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not fresh.exists():
        fresh.mkdir(parents=True)  # nothing valid: an empty source
    if target.exists():
        os.replace(target, scratch / "old")
    os.replace(fresh, target)
