"""Staging reads only the columns the ingest uses, yet a quarantined row keeps
its whole raw text (read again from its file)."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

from bilateral.events import ingest, staging
from bilateral.events.formats import GDELT2_COLUMNS, get_format

BROKEN = Path(__file__).resolve().parent / "fixtures" / "events" / "gdelt2" / "20120801003000.export.CSV"
USED = {"GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "IsRootEvent", "EventCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "DATEADDED"}


def _csv_projection(sql: str, mirror) -> set[str]:
    """The columns DuckDB's plan has the CSV reader materialise for ``sql``."""
    ingest_module = sys.modules["bilateral.events.ingest"]
    con = duckdb.connect()
    ingest_module._load_lookups(con, mirror)
    plan = con.execute("EXPLAIN " + sql).fetchall()[0][1]
    block = plan[plan.index("READ_CSV"):].split("Projections:", 1)[1]
    names = []
    for line in block.splitlines()[1:]:
        name = line.strip(" │┐┘└┌─")
        if not name:
            break
        names.append(name)
    return set(names) - {"filename"}


def test_staging_reads_only_the_twelve_columns_it_uses(mirror):
    sql = staging.staging_sql(get_format("gdelt2"), GDELT2_COLUMNS, [str(BROKEN)], "r0")
    assert _csv_projection(sql, mirror) == USED
    with_raw = staging.staging_sql(get_format("gdelt2"), GDELT2_COLUMNS, [str(BROKEN)], "r1", with_raw=True)
    assert len(_csv_projection(with_raw, mirror)) > len(USED)  # the plan abbreviates long lists


def test_a_quarantined_row_keeps_its_whole_raw_line(mirror, tmp_path):
    result = ingest([BROKEN], "gdelt2", root=tmp_path, mirror=mirror)
    record = pd.read_csv(result.quarantine, sep="\t", dtype=str, keep_default_na=False)
    checked = record[record["line"] == ""]  # failed a check (reader rejects carry a line number)
    assert len(checked) == 4
    lines = {line.split("\t")[0]: line for line in BROKEN.read_text(encoding="utf-8").splitlines()}
    for event_id, raw in zip(checked["event_id"], checked["raw"]):
        if event_id:
            assert raw == lines[event_id]
        else:  # the row without an event id
            assert raw in lines.values()
        assert raw.count("\t") == 60
