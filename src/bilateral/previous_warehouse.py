"""Starting a build from the previous warehouse, when it reuses sources.

The new file starts as a byte copy of the old one (and of its write-ahead
log, if one was left), and everything but the reused sources' tables is
dropped before the build writes the rest again. The reused tables are then
neither decompressed nor written again: copying them table by table through
DuckDB made a build that reloads one source, or only the out_ layer, spend
most of its time copying (17 CPU-seconds for 500 MB). The previous file is
only read, so a failed or killed build still leaves it whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bilateral.errors import WarehouseError


def copy_file(path: Path, tmp: Path) -> None:
    """``path`` (and ``path.wal``, if any) copied byte for byte to ``tmp``."""
    shutil.copyfile(path, tmp)
    wal = Path(f"{path}.wal")
    if wal.is_file():
        shutil.copyfile(wal, f"{tmp}.wal")


def keep_only(con, keep: dict[str, str]) -> None:
    """Leave only the tables in ``keep`` (table → the source it belongs to)
    in the copied warehouse on ``con``: every view, then every other table
    (in any schema: a file may have been edited by hand) is dropped, and the
    checkpoint frees their space for the tables about to be written, so the
    file does not grow from one build to the next.

    A kept table missing from the file means it was changed by hand: a
    :class:`WarehouseError` names it, rather than a build that would patch it.
    """
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()
    missing = sorted(set(keep) - {name for schema, name in tables if schema == "main"})
    if missing:
        raise WarehouseError(f"the warehouse records {keep[missing[0]]} as built, but has no table {missing[0]}; rebuild it with --force.")
    views = "SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal"
    for schema, name in con.execute(views).fetchall():
        con.execute(f"DROP VIEW {_quoted(schema, name)}")
    for schema, name in tables:
        if schema != "main" or name not in keep:
            con.execute(f"DROP TABLE {_quoted(schema, name)}")
    con.execute("CHECKPOINT")


def _quoted(schema: str, name: str) -> str:
    """A schema-qualified name, quoted whatever characters it holds."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in (schema, name))
