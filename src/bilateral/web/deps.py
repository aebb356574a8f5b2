"""The request's database cursor, a FastAPI dependency of the page and API routes: a leaf module.

Apart from :mod:`bilateral.web.app` because the app factory imports the
routes, which need this dependency; they read it from here, so they do not
import the app back (issue 11: no import cycle).
"""

from __future__ import annotations

from typing import Iterator

import duckdb
from fastapi import Request


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A FastAPI dependency: this request's own cursor on the read-only connection."""
    cur = request.app.state.con.cursor()
    try:
        yield cur
    finally:
        cur.close()
