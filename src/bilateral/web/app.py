"""The app factory: one read-only warehouse connection, the page and API
routes, the security layers and the error handlers.

Each request works on its own cursor of the one read-only connection (a
DuckDB connection is not to be shared between threads, its cursors are), so
nothing a client sends can write to the warehouse. Briefs are the slow part
(a second or more): :class:`Memo` keeps the last few, which is safe
because the warehouse does not change while the app runs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilateral.errors import BilateralError, WarehouseError
from bilateral.web import vendor
from bilateral.web.security import BodyLimit, ErrorShield, SecurityHeaders
from bilateral.web.validation import InvalidInput

HERE = Path(__file__).resolve().parent
TITLE = "bilateral"
DESCRIPTION = """Relations between two states, measured from open data.

Every endpoint reads the warehouse read-only. Countries are given as a name, alias, ISO3 code or COW number
(`China`, `PRC`, `CHN`, `710`); years as `start` and `end`. Bad input gets a 400 whose `error` says what to send instead."""


class Memo:
    """The last ``size`` results of slow reads (briefs, keyed by the two COW
    codes and the years; the source list), safe to keep because the
    warehouse is read-only while the app runs."""

    def __init__(self, size: int = 16):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple, make: Callable[[], object]):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: two threads may build the same brief once each, never block each other
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def templates() -> Environment:
    """Jinja2 with autoescaping on for every template (all of them are HTML)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["safe_url"] = safe_url
    return env


def safe_url(value) -> str:
    """A link target only if it is http(s) or a path on this site; else '#' (no javascript: or data: links)."""
    text = str(value or "").strip()
    return text if text.startswith(("https://", "http://", "/")) and not text.startswith("//") else "#"


def create_app(db: str | Path | None = None, mirror=None, con: duckdb.DuckDBPyConnection | None = None,
               progress: bool = False) -> FastAPI:
    """The web app over the warehouse at ``db`` (built first if missing, with a progress bar if
    ``progress``), or over ``con`` (read-only)."""
    from bilateral.warehouse import connect

    app = FastAPI(title=TITLE, description=DESCRIPTION, version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", redirect_slashes=False)
    app.state.con = con if con is not None else connect(db, mirror=mirror, progress=progress)
    app.state.briefs = Memo(size=16)
    app.state.memo = Memo(size=64)
    app.state.templates = templates()
    app.state.vendor_missing = [a.name for a in vendor.missing()]  # checked once: pages say so when charts are off
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from bilateral.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    _handlers(app)
    # outermost first: headers on every response, then the 500 shield, then the body cap
    app.add_middleware(BodyLimit)
    app.add_middleware(ErrorShield)
    app.add_middleware(SecurityHeaders)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def error_response(request: Request, status: int, message: str, param: str | None = None):
    """The error as JSON under /api, else as the site's error page; the message only, never a traceback."""
    if _wants_json(request):
        return JSONResponse({"error": message, **({"param": param} if param else {})}, status_code=status)
    page = request.app.state.templates.get_template("error.html").render(status=status, message=message, request=request, title="Error",
                                                                           vendor_missing=request.app.state.vendor_missing)
    return HTMLResponse(page, status_code=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, exc: InvalidInput):
        return error_response(request, 400, exc.message, exc.param)

    @app.exception_handler(RequestValidationError)
    async def unparsable(request: Request, exc: RequestValidationError):
        return error_response(request, 400, _validation_message(exc), _validation_param(exc))

    @app.exception_handler(WarehouseError)
    async def warehouse(request: Request, exc: WarehouseError):
        return error_response(request, 503, "the warehouse cannot be read; the server log has the details.")

    @app.exception_handler(BilateralError)
    async def bilateral_error(request: Request, exc: BilateralError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = "there is no page at this address; start from the home page, /."
        return error_response(request, exc.status_code, message)


def _validation_param(exc: RequestValidationError) -> str | None:
    errors = exc.errors()
    return str(errors[0]["loc"][-1]) if errors and errors[0].get("loc") else None


def _validation_message(exc: RequestValidationError) -> str:
    """'start: Input should be a valid integer' for each failing parameter (without echoing its value)."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) + ". See /api/docs for what each parameter takes."


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bilateral")
    except PackageNotFoundError:
        return "0"
