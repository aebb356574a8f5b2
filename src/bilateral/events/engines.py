"""Running the one aggregation definition on DuckDB (default) or Apache Spark.

Both engines read the Parquet dataset written by the ingest (hive partitions
``source=/year=/month=``) as a table called ``events`` and run the SQL from
:mod:`bilateral.events.dyadmonth`; Spark gets it transpiled by sqlglot. Results
come back as a pyarrow Table with one fixed schema, so that the two engines'
outputs can be compared value for value.

Spark runs in local mode by default (``local[1]``: one core, a handful of
shuffle partitions; this is a check of the definition, not a speed-up on one
machine). To use a cluster, pass your own ``SparkSession`` to
:func:`spark_frame`; docs/scale.md says how.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from bilateral.errors import BilateralError
from bilateral.events import layout
from bilateral.events.dyadmonth import COLUMNS, dyad_month_sql, sql_for

ENGINES = ("duckdb", "spark")

SCHEMA = pa.schema(
    [("source", pa.string()), ("ccode1", pa.int32()), ("ccode2", pa.int32()), ("iso3_1", pa.string()),
     ("iso3_2", pa.string()), ("year", pa.int32()), ("month", pa.int32())]
    + [(name, pa.float64() if name.endswith(("_mean", "_share")) else pa.int64()) for name in list(COLUMNS)[7:]]
)


def _dataset(root) -> Path:
    path = layout.dataset_dir(layout.events_root(root))
    if not any(path.glob("source=*/year=*/month=*/*.parquet")):
        raise BilateralError(f"no ingested events under {path}; run `bilateral events ingest PATHS --format FORMAT` first.")
    return path


def run_duckdb(root: Path, memory_limit: str = "1GB") -> pa.Table:
    """The dyad-month table computed by DuckDB."""
    import duckdb

    path = _dataset(root)
    with duckdb.connect() as con:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet('{path}/source=*/year=*/month=*/*.parquet', hive_partitioning = true)")
        table = con.sql(dyad_month_sql()).arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    return table.select(SCHEMA.names).cast(SCHEMA)


SPARK_MASTER_ENV = "BILATERAL_SPARK_MASTER"


# JVM options for short local jobs (the tests): the client JIT compiler only
# and the serial collector start the JVM and its first query a third faster,
# and would slow a long job, so the command line does not use them.
QUICK_START_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def local_spark(app: str = "bilateral-events", quick_start: bool = False):
    """A SparkSession for the command line: local (one core, two shuffle
    partitions, no UI) unless ``$BILATERAL_SPARK_MASTER`` names a cluster's
    master (``spark://host:7077``, ``yarn``, ``k8s://…``). ``quick_start``
    adds :data:`QUICK_START_JAVA_OPTIONS` (for seconds-long jobs)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise BilateralError("--engine spark needs pyspark (pip install pyspark) and Java 17 or later.") from exc
    import os

    builder = SparkSession.builder
    if quick_start:
        builder = builder.config("spark.driver.extraJavaOptions", QUICK_START_JAVA_OPTIONS)
    return (
        builder.master(os.environ.get(SPARK_MASTER_ENV, "local[1]")).appName(app)
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def spark_frame(spark, dataset: str):
    """The aggregation as a Spark DataFrame over the events dataset at
    ``dataset`` (a local path, ``hdfs://`` or ``s3a://`` URL)."""
    spark.read.option("basePath", dataset).parquet(dataset).createOrReplaceTempView("events")
    return spark.sql(sql_for("spark"))


def run_spark(root: Path, spark=None) -> pa.Table:
    """The dyad-month table computed by Spark (a local session unless one is given)."""
    path = _dataset(root)
    session = spark or local_spark()
    frame = spark_frame(session, str(path))
    table = pa.Table.from_pandas(frame.toPandas(), preserve_index=False) if not hasattr(frame, "toArrow") else frame.toArrow()
    return table.select(SCHEMA.names).cast(SCHEMA)


def run(root: Path, engine: str = "duckdb", spark=None) -> pa.Table:
    """The dyad-month table from ``engine`` (duckdb or spark)."""
    if engine == "duckdb":
        return run_duckdb(root)
    if engine == "spark":
        return run_spark(root, spark=spark)
    raise BilateralError(f"unknown engine {engine!r}; use duckdb or spark.")
