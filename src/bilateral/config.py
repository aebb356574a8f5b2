"""Where things live: the source mirror, the download cache, the warehouse.

Each location can be given explicitly, by environment variable, or falls back
to a per-user folder, in that order.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import platformdirs

APP = "bilateral"
MIRROR_ENV = "BILATERAL_MIRROR"
DB_ENV = "BILATERAL_DB"
CACHE_ENV = "BILATERAL_CACHE"


#: The mirror chosen by the operation in progress (a build with --mirror), so
#: that helpers it calls, such as the country resolver, read the same files.
_active_mirror: ContextVar[str | None] = ContextVar("active_mirror", default=None)


@contextmanager
def using_mirror(mirror: Path | str | None):
    """Make ``mirror`` the default for everything run inside the block."""
    token = _active_mirror.set(str(mirror) if mirror is not None else _active_mirror.get())
    try:
        yield
    finally:
        _active_mirror.reset(token)


def mirror_dir(mirror: Path | str | None = None) -> Path | None:
    """The mirror folder to read source files from, or None to download.

    Explicit argument first, then the mirror of the operation in progress,
    then ``$BILATERAL_MIRROR``.
    """
    value = mirror if mirror is not None else _active_mirror.get() or os.environ.get(MIRROR_ENV)
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """The user cache: downloaded source files, and what is kept to save time
    (the country resolver, compiled templates, the Vega bundle, static SVGs)."""
    value = os.environ.get(CACHE_ENV)
    return Path(value) if value else Path(platformdirs.user_cache_dir(APP))


def db_path(db: Path | str | None = None) -> Path:
    """The warehouse file: explicit, else $BILATERAL_DB, else the user data folder."""
    if db is not None:
        return Path(db).expanduser()
    value = os.environ.get(DB_ENV)
    if value:
        return Path(value).expanduser()
    return Path(platformdirs.user_data_dir(APP)) / "bilateral.duckdb"
