"""The contract every source module fulfils: provenance as data, files with
checksums, and tables with the checks the warehouse runs on them.

A source module declares one ``SOURCE = Source(...)``. Its name is the
identity from which the warehouse derives table names (``raw_<name>__<table>``,
``core_<name>__<table>``), the cache file names and the citation key, so it is
typed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from bilateral.sources.datafile import DataFile  # re-exported: source modules import it from here


@dataclass(frozen=True)
class Provenance:
    """Who made a dataset, which version we read, and how to cite it."""

    producer: str
    title: str
    version: str
    licence: str
    homepage: str
    citation: str  # BibTeX entry
    coverage: tuple[int, int]  # first and last year with data
    gaps: str = ""  # what the data does not cover, said plainly


Reader = Callable[[dict[str, Path]], pd.DataFrame]
Cleaner = Callable[[pd.DataFrame], pd.DataFrame]


def _identity(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


@dataclass(frozen=True)
class Table:
    """One table of a source.

    ``read`` turns the verified files into the raw table (as published, with
    types fixed); ``clean`` turns the raw table into the core table with the
    project's unified keys (``ccode``/``ccode1``/``ccode2``, ISO3, ``year`` or
    ``date``). ``columns`` documents every core column; the checks use it.
    """

    name: str
    read: Reader
    columns: dict[str, str]
    key: tuple[str, ...]
    clean: Cleaner = _identity
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    golden_rows: int | None = None  # rows the core table had when last verified
    keep_raw: bool = True  # False: the warehouse stores only the core table (a raw table too large for the build's time budget)


@dataclass(frozen=True)
class Source:
    """A public dataset: its provenance, its files and the tables read from them."""

    name: str
    provenance: Provenance
    files: tuple[DataFile, ...]
    tables: tuple[Table, ...]
    description: str = ""

    def table(self, name: str | None = None) -> Table:
        """The named table, or the only/first one when no name is given."""
        if name is None:
            return self.tables[0]
        for table in self.tables:
            if table.name == name:
                return table
        known = ", ".join(t.name for t in self.tables)
        raise KeyError(f"source {self.name!r} has no table {name!r}; it has: {known}")

    @property
    def sha256(self) -> str:
        """One fingerprint over all files, used to skip unchanged sources."""
        return "+".join(f.sha256 for f in self.files)

    def paths(self, mirror: Path | str | None = None, progress: bool = True) -> dict[str, Path]:
        """Local, verified paths of this source's files, keyed by mirror path."""
        from bilateral.sources.fetch import fetch

        return {f.path: fetch(f, mirror=mirror, progress=progress) for f in self.files}

    def load_raw(self, table: str | None = None, mirror: Path | str | None = None) -> pd.DataFrame:
        """The raw table as published (types fixed, nothing renamed)."""
        return self.table(table).read(self.paths(mirror))

    def load(self, table: str | None = None, mirror: Path | str | None = None) -> pd.DataFrame:
        """The core table, with documented columns and unified keys."""
        from bilateral.checks import check_columns
        from bilateral.config import using_mirror

        spec = self.table(table)
        with using_mirror(mirror):
            frame = spec.clean(spec.read(self.paths(mirror)))

        check_columns(frame, spec, where=f"{self.name}.{spec.name}")
        return frame
