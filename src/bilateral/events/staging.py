"""Reading raw event files into the ``staged`` table, one normalised and
checked row per raw row (see :mod:`bilateral.events.ingest`).

Each file is read as text by DuckDB's ``read_csv``, all columns declared as
VARCHAR so that a malformed value becomes a quarantine record rather than a
failed run. Only the columns the normalised row and its checks use are
materialised: a GDELT 2.0 row has 61 fields and the ingest needs 12 of them,
and turning the other 49 into strings was most of the cost of reading. The
raw text of a row that fails a check is therefore not staged; it is read
again, from the few files that hold such rows, by :func:`collect_invalid`,
which applies the same checks to the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bilateral.errors import SourceFileError
from bilateral.events import files, quarantine
from bilateral.events.formats import Format, quote

FIRST_YEAR = 1979  # GDELT's backfile starts in 1979; earlier dates are errors
EXTRA = "_extra_"  # names given to unnamed trailing fields


def layout_of(fmt: Format, path: Path, shown: str) -> tuple[str, ...]:
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


def stage(con, fmt: Format, readable: list[tuple[Path, str]]) -> dict[tuple[str, ...], list[str]]:
    """Read every (file, name to report) into the table ``staged``; return the
    files grouped by the column layout they were read with."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for path, shown in readable:
        groups.setdefault(layout_of(fmt, path, shown), []).append(str(path))
    quarantine.create(con)
    for number, (columns, group) in enumerate(groups.items()):
        select = staging_sql(fmt, columns, group, f"rej_{number}")
        con.execute(("CREATE TABLE staged AS " if number == 0 else "INSERT INTO staged ") + select)
        quarantine.collect_reader_rejects(con, f"rej_{number}_errors", f"rej_{number}_scans")
    return groups


def collect_invalid(con, fmt: Format, groups: dict[tuple[str, ...], list[str]]) -> None:
    """The table ``invalid`` (file, event_id, reason, raw): the staged rows
    that failed a check, with their raw text read again from their files."""
    con.execute("CREATE TEMP TABLE invalid (file VARCHAR, event_id VARCHAR, reason VARCHAR, raw VARCHAR)")
    bad = {row[0] for row in con.execute("SELECT DISTINCT file FROM staged WHERE reason IS NOT NULL").fetchall()}
    for number, (columns, group) in enumerate(groups.items()):
        again = [p for p in group if p in bad]
        if again:  # the reader's rejects were collected on the first pass; these tables only absorb them
            select = staging_sql(fmt, columns, again, f"again_{number}", with_raw=True)
            con.execute(f"INSERT INTO invalid SELECT file, event_id, reason, raw FROM ({select}) WHERE reason IS NOT NULL")


def staging_sql(fmt: Format, columns: tuple[str, ...], paths: list[str], rejects: str, with_raw: bool = False) -> str:
    """One normalised row per raw row of ``paths`` with the reason it fails a
    check (NULL when valid), and with ``with_raw`` the row's raw text."""
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in columns) + "}"
    file_list = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
    read = (f"read_csv({file_list}, delim='\\t', header={str(fmt.header).lower()}, quote='', escape='', "
            f"auto_detect=false, columns={spec}, store_rejects=true, rejects_table='{rejects}_errors', "
            f"rejects_scan='{rejects}_scans', filename=true{', null_padding=true' if fmt.by_name else ''})")
    typed = ", ".join(f"{expr} AS {name}" for name, expr in fmt.select.items())
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
    raw = ", concat_ws(chr(9), " + ", ".join(f"coalesce({quote(c)}, '')" for c in columns) + ") AS raw" if with_raw else ""
    # The CTEs select r.* but DuckDB prunes every column the last SELECT does not use, down into the CSV reader.
    return f"""
        WITH r AS (SELECT * FROM {read}),
        n AS (SELECT r.*, {typed} FROM r),
        j AS (SELECT n.*, {plover} AS plover_j, {quad} AS quad_j, {reason} AS reason FROM n {lookup})
        SELECT event_id, event_date, actor1_code, actor2_code, cameo_code, plover_j AS plover,
               quad_j::TINYINT AS quad_class, goldstein, is_root, num_mentions, num_sources,
               num_articles, added, filename AS file, reason{raw}
        FROM j
    """
