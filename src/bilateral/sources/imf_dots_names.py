"""The IMF's names for economies → COW states, year by year.

The crosswalk is a file, ``data/imf_dots_names.tsv``: one row per IMF name
(two for "Germany", which is the Federal Republic, COW 260, to 1990 and united
Germany, COW 255, from 1991), each with a kind:

- ``state``: a COW state, valid from ``first_year`` to ``last_year`` (blank:
  open). Rows of the name outside those years are left out: the IMF keeps
  stale names ("Yugoslavia" as a partner up to 2016, "USSR" to 2013) and
  overlapping ones ("Serbia, Rep. of" and "Serbia and Montenegro" both in
  2005), and counting them would put another state's trade under a code.
- ``aggregate``: a region, a group ("World", "Euro Area", "Advanced
  Economies"), unallocated trade, or a customs union reported jointly
  (Belgium-Luxembourg to 1996). Never a state, never a dyad.
- ``territory``: an economy that is not a member of the COW state system
  (Hong Kong, Aruba, West Bank and Gaza, the Holy See). Never a dyad.

A name the file does not list fails the build with the name, because a guess
would put the wrong state's numbers in a brief.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from bilateral.errors import SourceSchemaError

NAMES_FILE = "imf_dots_names.tsv"
KINDS = ("state", "aggregate", "territory")
OPEN_START, OPEN_END = 0, 9999


@cache
def crosswalk() -> pd.DataFrame:
    """The crosswalk as a table: imf_name, kind, ccode (states only),
    first_year, last_year (open ends filled), note."""
    text = (resources.files("bilateral") / "data" / NAMES_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    frame = pd.DataFrame(list(csv.DictReader(lines, delimiter="\t")), dtype=str).fillna("")
    _check(frame)
    frame["ccode"] = pd.to_numeric(frame["ccode"]).astype("Int64")
    frame["first_year"] = pd.to_numeric(frame["first_year"]).fillna(OPEN_START).astype(int)
    frame["last_year"] = pd.to_numeric(frame["last_year"]).fillna(OPEN_END).astype(int)
    return frame


def _check(frame: pd.DataFrame) -> None:
    """Every row has a known kind; states have a code; no name has two kinds
    and no state name two codes for one year."""
    where = f"bilateral/data/{NAMES_FILE}"
    bad = frame[~frame["kind"].isin(KINDS)]
    if len(bad):
        raise SourceSchemaError(f"{where}: unknown kind(s) {sorted(set(bad['kind']))} for {list(bad['imf_name'])[:5]}; use one of {KINDS}.")
    states = frame[frame["kind"] == "state"]
    if (states["ccode"] == "").any():
        raise SourceSchemaError(f"{where}: state row(s) without a ccode: {list(states.loc[states['ccode'] == '', 'imf_name'])}.")
    kinds = frame.groupby("imf_name")["kind"].nunique()
    if (kinds > 1).any():
        raise SourceSchemaError(f"{where}: name(s) with more than one kind: {list(kinds[kinds > 1].index)}.")
    for name, rows in states.groupby("imf_name"):
        spans = sorted((int(a or OPEN_START), int(b or OPEN_END)) for a, b in zip(rows["first_year"], rows["last_year"]))
        if any(later[0] <= earlier[1] for earlier, later in zip(spans, spans[1:])):
            raise SourceSchemaError(f"{where}: {name!r} has overlapping year spans {spans}.")


def unknown_names(names) -> list[str]:
    """The names among ``names`` that the crosswalk does not list."""
    known = set(crosswalk()["imf_name"])
    return sorted({str(n) for n in names} - known)


def to_ccode(names: pd.Series, years: pd.Series, where: str) -> pd.Series:
    """The COW code of each (IMF name, year): the state's code inside its
    years, <NA> for aggregates, territories and a state name outside its
    years. An unlisted name raises :class:`SourceSchemaError` naming it."""
    missing = unknown_names(pd.unique(names))
    if missing:
        raise SourceSchemaError(
            f"{where}: IMF name(s) not in bilateral/data/{NAMES_FILE}: {missing}. "
            "Add each with its kind (state with a ccode, aggregate or territory)."
        )
    codes, uniques = pd.factorize(names)
    year_values = years.to_numpy(dtype="int64")
    first = int(year_values.min()) if len(year_values) else 0
    width = int(year_values.max()) - first + 1 if len(year_values) else 1
    # a (name, year) grid, filled from each state row's span: one array lookup per cell
    grid = np.full((len(uniques), width), -1, dtype="int64")
    position = {name: i for i, name in enumerate(uniques)}
    for row in crosswalk()[crosswalk()["kind"] == "state"].itertuples():
        if row.imf_name in position:
            low, high = max(row.first_year, first) - first, min(row.last_year, first + width - 1) - first
            if low <= high:
                grid[position[row.imf_name], low:high + 1] = row.ccode
    found = grid[codes, year_values - first] if len(year_values) else np.array([], dtype="int64")
    return pd.Series(found, index=names.index, dtype="Int64").mask(found < 0)
