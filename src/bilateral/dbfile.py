"""The warehouse file on disk: what it is, where a build may write, and who
may build it.

A user's ``--db`` may name anything: a missing file, a ``bilateral``
warehouse, a text file, another program's DuckDB file, a folder, a symlink,
a file locked by another process. Only a missing file or a file that is
recognisably a ``bilateral`` warehouse (a DuckDB file with a ``_meta`` table
recording ``out_version``) may be built or rebuilt; everything else is
refused with a message naming the file, and nothing is written. A file that
cannot be read, or is held by another process, is an error that says so,
never a reason to rebuild.

A symlink is resolved so that the build is written beside its target and
swapped in there, leaving the link in place. A lock file beside the target
(``<name>.lock``) makes concurrent builds take turns: one builds, the others
wait, with a message, and then find the warehouse up to date.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb

#: DuckDB files carry this magic at byte 8 of their first block.
_DUCKDB_MAGIC = b"DUCK"
#: How long a build waits for another build of the same file, in seconds.
LOCK_WAIT_SECONDS = 3600.0


def target(path: Path | str) -> Path:
    """The file a build of ``path`` reads and replaces: ``~`` expanded and
    symlinks resolved. A folder, or a path under a regular file, is refused."""
    path = Path(path).expanduser()
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise WarehouseError(
            f"--db {path} is a folder; give the warehouse file instead, e.g. --db {path / 'bilateral.duckdb'}."
        )
    for parent in real.parents:
        if parent.exists():
            if not parent.is_dir():
                raise WarehouseError(f"--db {path}: {parent} is a file, not a folder; choose a path in a folder.")
            break
    return real


def is_duckdb_file(path: Path) -> bool:
    """Whether ``path`` starts like a DuckDB database file (read, not opened)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise WarehouseError(f"cannot read the warehouse {path}: {exc.strerror or exc}.") from exc
    return head[8:12] == _DUCKDB_MAGIC


def read_meta(path: Path) -> dict[str, str] | None:
    """What a ``bilateral`` warehouse at ``path`` records about itself: its
    ``_meta`` keys plus ``source:<name>`` fingerprints from ``_sources``.

    None when there is no file. Raises :class:`WarehouseError` when the file
    is not a ``bilateral`` warehouse, cannot be read, or is held by another
    process: none of these may be overwritten by an automatic rebuild.
    """
    opened = open_with_meta(path)
    if opened is None:
        return None
    con, meta = opened
    con.close()
    return meta


def open_with_meta(path: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, str]] | None:
    """A read-only connection to the warehouse at ``path`` and its records
    (:func:`read_meta`), from one opening of the file; None when there is no
    file. The caller closes the connection."""
    import duckdb

    path = Path(path)
    if not path.exists():
        return None
    if path.is_dir():
        raise WarehouseError(f"{path} is a folder, not a warehouse file.")
    if not is_duckdb_file(path):
        raise _not_ours(path, "it is not a DuckDB file")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise unreadable_error(path, exc) from exc
    try:
        return con, _meta(con, path)
    except BaseException:
        con.close()
        raise


def _meta(con, path: Path) -> dict[str, str]:
    import duckdb

    try:
        tables = {name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "_meta" not in tables:
            raise _not_ours(path, "it is a DuckDB file without bilateral's _meta table")
        meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
        if "out_version" not in meta:
            raise _not_ours(path, "its _meta table records no out_version")
        if "_sources" in tables:
            meta.update({f"source:{name}": value for name, value in
                         con.execute("SELECT name, fingerprint FROM _sources").fetchall()})
    except duckdb.Error as exc:
        raise unreadable_error(path, exc) from exc
    return meta


def _not_ours(path: Path, why: str) -> WarehouseError:
    return WarehouseError(
        f"{path} is not a bilateral warehouse ({why}); refusing to build over it. "
        "Choose another --db, or move that file away if you no longer need it."
    )


def unreadable_error(path: Path, exc: Exception) -> WarehouseError:
    text = str(exc)
    if "lock" in text.lower():
        return WarehouseError(
            f"the warehouse {path} is in use by another process ({_first_line(text)}); "
            "close that program, or wait for it, and try again."
        )
    return WarehouseError(
        f"cannot read the warehouse {path}: {_first_line(text)}. Nothing was changed; "
        f"if the file is damaged, move it away and run `bilateral data build --db {path}`."
    )


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"


def sql_string(value: str | Path) -> str:
    """``value`` as a quoted SQL string literal (for ATTACH, which takes no
    bound parameters): single quotes doubled, so ``it's`` stays one path."""
    return "'" + str(value).replace("'", "''") + "'"


def check_writable_folder(path: Path) -> None:
    """Create the warehouse's folder if needed; refuse clearly if it cannot be
    written, before any work starts."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"cannot create the folder {folder} for the warehouse: {exc.strerror or exc}.") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WarehouseError(f"cannot write in {folder}, where the warehouse {path.name} would be built; choose another --db.")
    if path.exists() and not os.access(path, os.W_OK):
        raise WarehouseError(f"the warehouse {path} is read-only; nothing was built. Choose another --db, or make it writable.")


@contextmanager
def build_lock(path: Path, announce: bool = True):
    """Hold ``<path>.lock`` while building ``path``. If another build holds
    it, say so on stderr and wait for it to finish."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock")
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if announce:
                print(f"Another build of {path} is running; waiting for it to finish.", file=sys.stderr)
            try:
                lock.acquire(timeout=LOCK_WAIT_SECONDS)
            except Timeout:
                raise WarehouseError(
                    f"another build of {path} has held {lock.lock_file} for over {LOCK_WAIT_SECONDS:.0f} s; "
                    "if no build is running, delete that file and try again."
                ) from None
    except OSError as exc:
        raise WarehouseError(f"cannot create the build lock {lock.lock_file}: {exc.strerror or exc}.") from exc
    try:
        yield
    finally:
        lock.release()


def swap_in(built: Path, path: Path) -> None:
    """Replace ``path`` with the finished file ``built``. A write-ahead log
    left beside ``path`` belongs to the file being replaced and would be
    replayed onto the new one, so it goes first; a file another process
    holds open for writing is refused instead (see :func:`read_meta`)."""
    read_meta(path)  # raises if the old file became locked or foreign meanwhile
    Path(str(path) + ".wal").unlink(missing_ok=True)
    os.replace(built, path)
