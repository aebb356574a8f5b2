"""Where ingested events live, and the run manifest.

::

    ROOT/events/source=<format>/year=<YYYY>/month=<M>/*.parquet   the normalised events
    ROOT/quarantine/<format>.tsv                                 rows that were not ingested, with the reason
    ROOT/manifest.json                                           per format: files, row accounting, coverage
    ROOT/dyad_month.parquet                                      the aggregation (bilateral events aggregate)

ROOT is ``--events DIR``, else ``$BILATERAL_EVENTS``, else ``events/`` in the
user data folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from bilateral.config import APP

EVENTS_ENV = "BILATERAL_EVENTS"


def events_root(root: Path | str | None = None) -> Path:
    """The folder holding ingested events."""
    if root is not None:
        return Path(root).expanduser()
    value = os.environ.get(EVENTS_ENV)
    return Path(value).expanduser() if value else Path(platformdirs.user_data_dir(APP)) / "events"


def dataset_dir(root: Path) -> Path:
    return root / "events"


def source_dir(root: Path, format_name: str) -> Path:
    return dataset_dir(root) / f"source={format_name}"


def quarantine_path(root: Path, format_name: str) -> Path:
    return root / "quarantine" / f"{format_name}.tsv"


def aggregate_path(root: Path) -> Path:
    return root / "dyad_month.parquet"


def read_manifest(root: Path) -> dict:
    """The manifest of past runs ({} when nothing was ingested)."""
    path = root / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_manifest(root: Path, manifest: dict) -> None:
    """Write the manifest atomically."""
    path = root / "manifest.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)
