"""Shared fixtures: the source mirror, and one warehouse built from it per test session."""

from __future__ import annotations

import fcntl
import os
import pickle
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

import pytest

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "data"

CHINA = 710
BELARUS = 370
RUSSIA = 365


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The folder of source files (``$BILATERAL_MIRROR`` or ``../shared/data``)."""
    path = Path(os.environ.get("BILATERAL_MIRROR", DEFAULT_MIRROR))
    if not (path / "MANIFEST.tsv").is_file():
        pytest.fail(f"no source mirror at {path}; set BILATERAL_MIRROR to the folder holding MANIFEST.tsv")
    return path


def shared_folder(tmp_path_factory) -> Path | None:
    """The folder that the pytest-xdist workers of this session share, beside
    their own (None outside pytest-xdist): costly results made once go there."""
    return tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else None


@contextmanager
def taking_turns(lock: Path):
    """Held by one worker at a time; released when the file closes, even if the holder fails."""
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def once_per_session(tmp_path_factory, name: str, make: Callable[[], Any]) -> Any:
    """``make()``, run once per test session even under pytest-xdist: the
    first worker to ask runs it and keeps a pickle in the shared folder; the
    others wait their turn and read that. For costly results that tests only read."""
    shared = shared_folder(tmp_path_factory)
    if shared is None:
        return make()
    kept = shared / f"once-{name}.pickle"
    with taking_turns(shared / f"once-{name}.lock"):
        if kept.is_file():
            return pickle.loads(kept.read_bytes())
        value = make()
        partial = kept.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(kept)
        return value


@pytest.fixture(scope="session")
def un_votes(mirror):
    """The 870k UN General Assembly votes of unvotes, read from the mirror once
    per worker for every module that checks against them (read-only: a test
    that changes them works on a copy)."""
    from bilateral.sources.unvotes import SOURCE

    return SOURCE.load("votes", mirror=mirror)


@pytest.fixture(scope="session")
def warehouse_db(mirror, tmp_path_factory) -> Path:
    """A warehouse built once from the mirror for the whole session.

    ``$BILATERAL_TEST_DB`` names a warehouse kept between sessions instead:
    the build then only redoes what changed, which makes a quick loop while
    developing. CI leaves it unset and builds from scratch.

    Under pytest-xdist every worker asks for the same file, beside the
    workers' own temporary folders: the build's lock lets one worker build
    while the others wait, and they then find nothing left to do.
    """
    from bilateral.warehouse import build

    kept = os.environ.get("BILATERAL_TEST_DB")
    if kept:
        path = Path(kept)
    elif shared_folder(tmp_path_factory):
        path = shared_folder(tmp_path_factory) / "session-warehouse.duckdb"
    else:
        path = tmp_path_factory.mktemp("warehouse") / "bilateral.duckdb"
    build(mirror=mirror, db=path, progress=False)
    return path


@pytest.fixture()
def con(warehouse_db):
    """A read-only connection to the session warehouse."""
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="session")
def web_app(warehouse_db):
    """The web app (``bilateral serve``) over the session warehouse."""
    pytest.importorskip("fastapi", reason="the web app needs FastAPI: pip install -e '.[test]'")
    from bilateral.web import create_app

    app = create_app(db=warehouse_db)
    yield app
    app.state.con.close()


@pytest.fixture(scope="session")
def client(web_app):
    """A TestClient for the web app; a server error comes back as a 500, as a browser would see it."""
    from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        yield test_client


#: Fixtures whose tests belong to the ``slow`` groups whole: the eleven briefs written in full
#: for the session (test_report), and a copy of the warehouse that the test rebuilds.
SLOW_FIXTURES = ("briefs", "copy_of_warehouse")


def pytest_collection_modifyitems(config, items):
    """Two things about the collected tests:

    - ``slow`` marks, besides those written on the tests, every test that
      reads the session's written briefs or rebuilds a warehouse, so that
      ``pytest -m "not slow"`` is a quick loop; CI runs everything. The
      ``slow`` groups: whole outputs (briefs, browsers, the CLI in
      subprocesses, Spark), warehouse builds, and cross-checks that recompute
      a measure over the full data.
    - One test that needs the session warehouse runs first, then every test
      that needs none, then the rest. pytest-xdist gives each worker a run of
      consecutive tests to start with, so one worker builds the warehouse at
      once while the other works through the tests that need none; the
      builder joins them when its build is done, and neither waits.
    - Within each group, modules with a slow test run before the others, so
      that the last tests handed out are short ones and both workers finish
      together. The sort is stable: each module keeps its tests together and
      in order, so module fixtures are made once per worker.
    """
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)

    def needs_warehouse(item) -> bool:
        return "warehouse_db" in getattr(item, "fixturenames", ())

    slow_modules = {item.module for item in items if item.get_closest_marker("slow")}
    builder = next((item for item in items if needs_warehouse(item)), None)
    items.sort(key=lambda item: (item is not builder, needs_warehouse(item), item.module not in slow_modules))
