"""File-format readers shared by the source modules. Each turns a parse
failure into an error that names the file, so a truncated or corrupt download
is reported as such rather than as a library traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from bilateral.errors import SourceFileError


def _corrupt(path: Path, exc: Exception) -> SourceFileError:
    return SourceFileError(
        f"cannot read {path}: {exc}. The file looks truncated or corrupt; "
        "restore it from the mirror or delete it from the cache to download it again."
    )


def read_r(path: Path, name: str | None = None) -> pd.DataFrame:
    """The data frame stored in an R ``.rda``/``.rds`` file (the named object,
    or the only one)."""
    try:
        import pyreadr  # with xarray, half a second: only when an R file is read

        objects = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises several unrelated types
        raise _corrupt(path, exc) from exc
    if name is None:
        if len(objects) != 1:
            raise SourceFileError(f"{path} holds {len(objects)} objects; name the one to read")
        return next(iter(objects.values()))
    if name not in objects:
        raise SourceFileError(f"{path} holds no object {name!r}; it has {list(objects)}")
    return objects[name]


def read_stata(path: Path) -> pd.DataFrame:
    """A Stata ``.dta`` file."""
    try:
        return pd.read_stata(path)
    except Exception as exc:
        raise _corrupt(path, exc) from exc


def read_csv(path: Path, **kwargs) -> pd.DataFrame:
    """A CSV file, with parse errors reported against the file."""
    try:
        return pd.read_csv(path, **kwargs)
    except Exception as exc:
        raise _corrupt(path, exc) from exc


def read_csv_after(path: Path, header_starts: str, encoding: str = "latin-1", **kwargs) -> pd.DataFrame:
    """A CSV whose header row is preceded by a free-text preamble (SIPRI's
    exports): the header is the first line starting with ``header_starts``."""
    text = path.read_bytes().decode(encoding)
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(header_starts):
            break
    else:
        raise SourceFileError(f"{path}: no header line starting with {header_starts!r}; is it the SIPRI export?")
    try:
        return pd.read_csv(io.StringIO("".join(lines[index:])), **kwargs)
    except Exception as exc:
        raise _corrupt(path, exc) from exc


def as_int(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Cast float-coded integer columns (as R exports them) to nullable Int64."""
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("Float64").round().astype("Int64")
    return frame
