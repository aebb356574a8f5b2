"""Our own ideal points fitted to every recorded UN vote in a warehouse, and
cached on disk.

The fit (:func:`bilateral.measures.idealpoints.estimate`) takes about 15 s on
the 1946–2020 votes and more with the unxml votes to 2026; the full build
must stay within 60 s, so the fit is not part of it. ``bilateral data
idealpoints`` runs it on the warehouse's ``out_un_votes`` (unvotes to 2019,
unxml to 2026) and keeps the result as Parquet in the user cache folder.

The cache file is named after a hash of the votes that go into the fit (and
of the priors), so a warehouse with new or corrected votes never reads an
estimate fitted to older ones: it fits again and writes a new file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bilateral.config import cache_dir
from bilateral.errors import WarehouseError
from bilateral.measures import idealpoints

#: The columns of ``out_un_votes`` the fit reads, in the order ``estimate`` expects them.
VOTE_COLUMNS = ("rcid", "ccode", "iso3", "year", "vote")
VOTES_SQL = "SELECT rcid, ccode, iso3, year, vote FROM out_un_votes WHERE ccode IS NOT NULL ORDER BY rcid, ccode"


@dataclass(frozen=True)
class Cached:
    """An estimate, the file that holds it, and whether it was fitted just now."""

    frame: pd.DataFrame
    path: Path
    fitted: bool


def load_votes(con) -> pd.DataFrame:
    """The warehouse's recorded votes as ``estimate`` wants them (rcid, ccode, iso3, year, vote)."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "out_un_votes" not in tables:
        raise WarehouseError("the warehouse has no out_un_votes table; run `bilateral data build` to bring it up to date")
    votes = con.execute(VOTES_SQL).df()
    votes["ccode"] = votes["ccode"].astype("int64")
    votes["year"] = votes["year"].astype("int64")
    votes["rcid"] = votes["rcid"].astype("int64")
    return votes


def votes_key(votes: pd.DataFrame, priors: idealpoints.Priors = idealpoints.Priors()) -> str:
    """A hex digest of the votes (the fit's columns, row order ignored), the priors and the model's code."""
    frame = votes.loc[:, list(VOTE_COLUMNS)].sort_values(["rcid", "ccode"], kind="stable").reset_index(drop=True)
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    digest.update(repr(priors).encode())
    digest.update(Path(idealpoints.__file__).read_bytes())  # a change to the model's code is a new estimate too
    return digest.hexdigest()


def cache_path(key: str, folder: Path | None = None) -> Path:
    """Where the estimate for votes with digest ``key`` is kept."""
    return (Path(folder) if folder is not None else cache_dir() / "idealpoints") / f"idealpoints-{key[:20]}.parquet"


def cached_estimate(votes: pd.DataFrame, folder: Path | None = None) -> Cached:
    """The estimate for ``votes``: read from the cache if fitted before, else fitted and written."""
    missing = set(VOTE_COLUMNS) - set(votes.columns)
    if missing:
        raise ValueError(f"votes lack columns {sorted(missing)}; expected {', '.join(VOTE_COLUMNS)} as in out_un_votes")
    path = cache_path(votes_key(votes), folder)
    if path.exists():
        return Cached(pd.read_parquet(path), path, fitted=False)
    frame = idealpoints.estimate(votes.loc[:, list(VOTE_COLUMNS)])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    frame.to_parquet(partial, index=False)
    os.replace(partial, path)  # a reader never sees a half-written file
    return Cached(frame, path, fitted=True)


def from_warehouse(con, folder: Path | None = None) -> Cached:
    """The estimate for every recorded vote in the warehouse on ``con``."""
    return cached_estimate(load_votes(con), folder)
