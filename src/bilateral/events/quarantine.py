"""The quarantine: every row an ingest run did not take, with the reason.

Two kinds of rows end here. Rows DuckDB's CSV reader refuses (the wrong
number of fields, broken UTF-8) come from its rejects tables, with their line
number and raw text. Rows that parse but fail a check (see
:mod:`bilateral.events.ingest`) come from the ``invalid`` table, with their
event id and raw fields (read again from their file, see
:mod:`bilateral.events.staging`); their line number is not known (the reader
runs in parallel and does not number rows), the event id and the file find
them.

The file is tab-separated with a header (``file``, ``line``, ``event_id``,
``reason``, ``raw``); fields holding tabs (the raw text) are quoted, so read
it as CSV with a tab delimiter (``pandas.read_csv(path, sep="\\t")``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd


def create(con) -> None:
    """The table collecting the CSV reader's rejects over a run."""
    con.execute("CREATE TEMP TABLE rejects (file VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR)")


def collect_reader_rejects(con, errors: str, scans: str) -> None:
    """Add one record per rejected line from a ``read_csv`` call's rejects tables."""
    con.execute(f"""INSERT INTO rejects
        SELECT s.file_path, e.line, any_value(e.error_type || ': ' || e.error_message), any_value(e.csv_line)
        FROM {errors} e JOIN {scans} s USING (scan_id, file_id)
        GROUP BY ALL""")


def reader_reject_count(con) -> int:
    return con.execute("SELECT count(*) FROM rejects").fetchone()[0]


def write(con, path: Path, append: bool = False) -> None:
    """Write the run's quarantine (reader rejects, then rows failing a check)
    to ``path`` atomically; file names are the ones users gave (``file_names``).
    With ``append`` the records follow those of earlier runs in the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"""
        COPY (
            SELECT coalesce(f.shown, q.file) AS file, q.line, q.event_id, q.reason, q.raw FROM (
                SELECT file, line, NULL::VARCHAR AS event_id, reason, raw FROM rejects
                UNION ALL SELECT file, NULL, event_id, reason, raw FROM invalid) q
            LEFT JOIN file_names f ON q.file = f.path
            ORDER BY 1, 2 NULLS LAST, 3
        ) TO '{path}.tmp' (FORMAT csv, DELIMITER '\\t', HEADER)""")
    if append and path.is_file():
        with open(f"{path}.tmp", "rb") as new, open(f"{path}.all", "wb") as out:
            with open(path, "rb") as old:
                shutil.copyfileobj(old, out)
            new.readline()  # the header is there already
            shutil.copyfileobj(new, out)
        os.replace(f"{path}.all", f"{path}.tmp")
    os.replace(f"{path}.tmp", path)


def read(path: Path) -> pd.DataFrame:
    """A quarantine file as a DataFrame of text columns."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
