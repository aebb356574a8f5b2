"""Correlates of War dyadic trade, v4 (non-directed dyad-years, 1870–2014).

``flow1`` is the imports of ``ccode1`` from ``ccode2`` and ``flow2`` the
imports of ``ccode2`` from ``ccode1``, in current USD millions. peacesciencer
already turned COW's -9 into NA, which we keep as NULL: a missing flow is
unknown, not zero.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="cow/cow_trade_ndy.rda",
    sha256="d6c415bee486e37c50a4d16c5771b8cf0b731cd784c34d64d51b217aab2cc3d6",
    url=raw_url(PEACESCIENCER, "327a19ee79a05b5ca085ad13848781d56dc8c725", "data/cow_trade_ndy.rda"),
)


def read(paths):
    return read_r(paths[FILE.path], "cow_trade_ndy")


def clean(raw):
    frame = as_int(raw.copy(), "ccode1", "ccode2", "year")
    return frame.rename(
        columns={
            "flow1": "imports1_musd",
            "flow2": "imports2_musd",
            "smoothflow1": "smooth_imports1_musd",
            "smoothflow2": "smooth_imports2_musd",
        }
    )


SOURCE = Source(
    name="cow_trade",
    description="COW dyadic trade: each side's imports from the other, USD millions.",
    provenance=Provenance(
        producer="Correlates of War Project (Barbieri & Keshk), via peacesciencer",
        title="Correlates of War Project Trade Data Set, dyadic",
        version="4.0",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/bilateral-trade/",
        citation="""@article{barbierietal2009tdc,
  author = {Barbieri, Katherine and Keshk, Omar M. G. and Pollins, Brian},
  title = {Trading Data: Evaluating our Assumptions and Coding Rules},
  journal = {Conflict Management and Peace Science},
  volume = {26}, number = {5}, pages = {471--491}, year = {2009}}""",
        coverage=(1870, 2014),
        gaps=(
            "No dyadic trade after 2014; the ledger holds later reported totals. "
            "No rows for Yugoslavia/Serbia (COW 345) after 1992, so its trade is missing, not zero, from 1993."
        ),
    ),
    files=(FILE,),
    tables=(
        Table(
            name="dyad_year",
            read=read,
            clean=clean,
            columns={
                "ccode1": "COW code of the first state (lower code)",
                "ccode2": "COW code of the second state",
                "year": "calendar year",
                "imports1_musd": "imports of ccode1 from ccode2, current USD millions (NULL: not reported)",
                "imports2_musd": "imports of ccode2 from ccode1, current USD millions",
                "smooth_imports1_musd": "COW's smoothed imports1 series, USD millions",
                "smooth_imports2_musd": "COW's smoothed imports2 series, USD millions",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={"imports1_musd": (0, None), "imports2_musd": (0, None), "year": (1870, 2014)},
            golden_rows=673654,
        ),
    ),
)
