"""Event data at scale: GDELT 1.0/2.0, ICEWS and POLECAT.

``ingest`` streams raw files into Parquet partitioned by source, year and
month (with a quarantine file and a row account); ``aggregate`` turns the
events into dyad-months on DuckDB or Spark from one SQL definition; ``status``
says what was ingested. See docs/method.md (event data) and docs/scale.md.
"""

from __future__ import annotations

import pandas as pd

from bilateral.events.formats import FORMATS
from bilateral.events.ingest import IngestResult, ingest

__all__ = ["FORMATS", "IngestResult", "aggregate", "ingest", "status"]


def aggregate(root=None, engine: str = "duckdb", spark=None, write: bool = True) -> pd.DataFrame:
    """The dyad-month table (one row per source, ordered state pair, year and
    month) computed by ``engine``; written to ``ROOT/dyad_month.parquet``
    unless ``write`` is False."""
    import pyarrow.parquet as pq

    from bilateral.events import engines, layout

    table = engines.run(root, engine=engine, spark=spark)
    if write:
        path = layout.aggregate_path(layout.events_root(root))
        pq.write_table(table, f"{path}.tmp")
        import os

        os.replace(f"{path}.tmp", path)
    return table.to_pandas()


def status(root=None) -> pd.DataFrame:
    """One row per ingested format: files, rows read/quarantined/filtered/
    duplicate/written, first and last month, when it was ingested."""
    from bilateral.events import layout

    manifest = layout.read_manifest(layout.events_root(root))
    rows = [
        {
            "format": name,
            "files": len(run["files"]),
            "rows_read": run["rows_read"],
            "rows_quarantined": run["rows_rejected"] + run["rows_invalid"],
            "rows_filtered": sum(run["rows_filtered"].values()),
            "rows_duplicate": run["rows_duplicate"],
            "rows_written": run["rows_written"],
            "first_month": run["months"][0] if run["months"] else None,
            "last_month": run["months"][-1] if run["months"] else None,
            "ingested_at": run["ingested_at"],
        }
        for name, run in sorted(manifest.items())
    ]
    return pd.DataFrame(rows, columns=["format", "files", "rows_read", "rows_quarantined", "rows_filtered",
                                       "rows_duplicate", "rows_written", "first_month", "last_month", "ingested_at"])
