"""The same dyad-month definition on Apache Spark (pyspark, local mode) gives
exactly the DuckDB result on the fixtures.

One SparkSession serves the whole test session (starting the JVM is the
expensive part) with one core and two shuffle partitions, and the JVM options for a quick start.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilateral.events import aggregate, ingest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install '.[test]')")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17+ on the PATH; none found", allow_module_level=True)

pytestmark = [pytest.mark.spark, pytest.mark.slow]  # the JVM takes half a minute to start


@pytest.fixture(scope="session")
def spark():
    from bilateral.events.engines import local_spark

    session = local_spark("bilateral-tests", quick_start=True)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def events_root(tmp_path_factory, mirror):
    root = tmp_path_factory.mktemp("events-spark")
    for fmt in ("gdelt1", "gdelt2", "icews", "polecat"):
        ingest([FIXTURES / fmt], fmt, root=root, mirror=mirror)
    return root


def test_spark_and_duckdb_give_identical_dyad_months(events_root, spark):
    from bilateral.events.engines import run_duckdb, run_spark

    duck = run_duckdb(events_root)
    sparks = run_spark(events_root, spark=spark)
    assert duck.num_rows > 200
    assert duck.schema == sparks.schema
    assert duck.equals(sparks)  # every value, bit for bit, in the same order
    assert set(duck.column("source").to_pylist()) == {"gdelt1", "gdelt2", "icews", "polecat"}


def test_aggregate_api_runs_on_spark(events_root, spark):
    frame = aggregate(events_root, engine="spark", spark=spark, write=False)
    assert frame.equals(aggregate(events_root, engine="duckdb", write=False))
