"""Reading the IMF Direction of Trade Statistics workbooks (one per reporter).

Each workbook, as exported from the IMF's data portal, has two sheets laid
out alike: "Exports, FOB" (the reporter's exports to each partner, valued
free on board) and "Imports, CIF" (its imports from each partner, valued
with cost, insurance and freight). In both, cell B4 names the reporter, row 7
holds the years (B7 is empty), and from row 8 on column B names a partner
and the cells to its right hold current USD millions. An empty cell is a
flow the reporter did not publish; it stays missing, never 0. A cell that
reads like "0.15 e" or "1,032.13 e" is the IMF's own estimate (DOTS fills a non-reporting
country's figures from its partners' reports, rounded to two decimals); it is
kept with ``estimated`` true, because such a figure is not the reporter's own
and must not count as a second, independent report.

This module only turns a workbook into a long table with the IMF's own
names; mapping names to states is :mod:`.imf_dots_names`' job.
python-calamine (a Rust reader) is used because openpyxl takes several times
longer over 235 workbooks; the build must stay within its time budget.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from bilateral.errors import SourceFileError

#: Sheet name → the flow it holds, as stored in the ``flow`` column.
SHEETS = {"Exports, FOB": "exports_fob", "Imports, CIF": "imports_cif"}
#: 0-based (row, column) of the reporter's name (B4) and of the year header (row 7).
REPORTER_CELL = (3, 1)
HEADER_ROW = 6
NAME_COLUMN = 1
#: Rows every sheet repeats: the heading of the aggregates block, holding no values.
SKIP = ("Memorandum Items",)
COLUMNS = ["file", "reporter", "partner", "year", "flow", "value_musd", "estimated"]
#: An IMF estimate: a number (with thousands commas, "1,032.13"), a space, and the flag "e".
ESTIMATE = re.compile(r"^\s*(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*e\s*$")


def read_workbook(path: Path) -> pd.DataFrame:
    """Every published cell of one workbook: ``COLUMNS``, one row per
    reporter, partner, year and flow, with the IMF's names."""
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise SourceFileError(f"cannot read {path}: {exc}. Restore the workbook from the mirror.") from exc
    if set(book.sheet_names) != set(SHEETS):
        raise SourceFileError(f"{path}: sheets {book.sheet_names}, expected {list(SHEETS)}; the export layout has changed.")
    sheets = [_read_sheet(book, sheet, path) for sheet in SHEETS]
    reporters = {reporter for reporter, *_ in sheets}
    if len(reporters) != 1:
        raise SourceFileError(f"{path}: the two sheets name different reporters in B4: {sorted(reporters)}.")
    frames = []
    for (_, names, rows, years, values, flags), flow in zip(sheets, SHEETS.values()):
        frames.append(pd.DataFrame({
            "file": path.name,
            "reporter": reporters.copy().pop(),
            # the partner's name by its row: one string object per partner, not per cell
            "partner": pd.Categorical.from_codes(np.asarray(rows, dtype="int32"), categories=pd.Index(names, dtype=object)),
            "year": np.asarray(years, dtype="int32"),
            "flow": flow,
            "value_musd": np.asarray(values, dtype="float64"),
            "estimated": np.asarray(flags, dtype=bool),
        }))
    frame = pd.concat(frames, ignore_index=True)
    frame["partner"] = frame["partner"].astype(object)
    return frame[COLUMNS]


def _read_sheet(book: CalamineWorkbook, sheet: str, path: Path):
    """The reporter (B4), the partner names, and for each published cell its
    partner's position in the names, its year, value and estimate flag.

    A partner listed twice with the same figures (the export puts "Australia"
    first and again in its place) is kept once; twice with different figures
    is an error, since nobody can know which the IMF meant.
    """
    data = book.get_sheet_by_name(sheet)
    table = data.to_python()
    top, left = data.start or (0, 0)
    where = f"{path.name}, sheet {sheet!r}"
    try:
        reporter = str(table[REPORTER_CELL[0] - top][REPORTER_CELL[1] - left]).strip()
        years = [int(float(value)) for value in table[HEADER_ROW - top][NAME_COLUMN - left + 1:]]
    except (IndexError, TypeError, ValueError):
        raise SourceFileError(f"{where}: expected the reporter in B4 and years in row 7 from column C on; "
                              "the export layout has changed.") from None
    if not reporter or not years:
        raise SourceFileError(f"{where}: no reporter in B4 or no years in row 7; the export layout has changed.")
    names, seen = [], {}
    rows, cell_years, values, flags = [], [], [], []
    for line in table[HEADER_ROW - top + 1:]:
        name, cells = str(line[NAME_COLUMN - left]).strip(), line[NAME_COLUMN - left + 1:]
        if name in seen:
            if seen[name] != cells:
                raise SourceFileError(f"{where}: partner {name!r} is listed twice with different figures.")
            continue
        seen[name] = cells
        published = [(year, value) for year, value in zip(years, cells) if value != ""]
        if not published:
            continue
        row_years, row_values = zip(*published)
        row_flags = [value.__class__ is str for value in row_values]
        if any(row_flags):  # rare: only IMF estimates are text
            parsed = [_parse_text(v, f"{where}, partner {name!r}, {y}") if f else (v, False)
                      for y, v, f in zip(row_years, row_values, row_flags)]
            row_values = [value for value, _ in parsed]
            row_flags = [flag for _, flag in parsed]
        rows.extend([len(names)] * len(row_values))
        names.append(name)
        cell_years.extend(row_years)
        values.extend(row_values)
        flags.extend(row_flags)
    return reporter, names, rows, cell_years, values, flags


def _parse_text(value: str, where: str) -> tuple[float, bool]:
    """A text cell: empty (missing) or an IMF estimate "0.15 e"; anything else is an error."""
    if not value.strip():
        return float("nan"), False
    match = ESTIMATE.match(value)
    if not match:
        raise SourceFileError(f"{where}: cell {value!r} is neither a number, empty, nor an IMF estimate like '0.15 e'.")
    return float(match.group(1).replace(",", "")), True


def read_workbooks(paths: list[Path], threads: int = 2) -> pd.DataFrame:
    """Every workbook's cells in one long table (``COLUMNS``), in file order.

    One reporter is published in two files (Nicaragua, DOTS_143 and
    DOTS_144); identical copies are kept once, differing ones are an error.
    """
    with ThreadPoolExecutor(max_workers=threads) as pool:
        frames = list(pool.map(read_workbook, paths))
    kept: dict[str, pd.DataFrame] = {}
    for frame in frames:
        if frame.empty:
            continue
        reporter = frame["reporter"].iat[0]
        if reporter in kept:
            first = kept[reporter]
            if not first.drop(columns="file").equals(frame.drop(columns="file")):
                raise SourceFileError(f"imf-dots: {first['file'].iat[0]} and {frame['file'].iat[0]} both report for "
                                      f"{reporter!r} with different figures; keep the right one in the mirror.")
            continue
        kept[reporter] = frame
    return pd.concat(kept.values(), ignore_index=True)
