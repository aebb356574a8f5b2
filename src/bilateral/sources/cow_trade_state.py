"""Correlates of War national trade, v4: each state's total imports and exports
by year (1870–2014), in current USD millions.

The state-year totals come from the same COW release as the dyadic flows, so
they are the right denominator for trade-share measures (a partner's share of
a state's trade). peacesciencer already turned COW's -9 into NA; a missing
total stays NULL, it is not zero trade.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="cow/cow_trade_sy.rda",
    sha256="41ad9d312b6146aa9eaa70d8f5a16a0164b6e27ee4ebe86a928c2ea4de415142",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/cow_trade_sy.rda"),
)


def read(paths):
    return read_r(paths[FILE.path], "cow_trade_sy")


def clean(raw):
    frame = as_int(raw.copy(), "ccode", "year")
    frame = frame.rename(columns={"imports": "imports_musd", "exports": "exports_musd"})
    return frame[["ccode", "year", "imports_musd", "exports_musd"]]


SOURCE = Source(
    name="cow_trade_state",
    description="COW national trade: each state's total imports and exports, USD millions.",
    provenance=Provenance(
        producer="Correlates of War Project (Barbieri & Keshk), via peacesciencer",
        title="Correlates of War Project Trade Data Set, national (state-year) totals",
        version="4.0",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/bilateral-trade/",
        citation="""@article{barbierietal2009td,
  author = {Barbieri, Katherine and Keshk, Omar M. G. and Pollins, Brian},
  title = {Trading Data: Evaluating our Assumptions and Coding Rules},
  journal = {Conflict Management and Peace Science},
  volume = {26}, number = {5}, pages = {471--491}, year = {2009}}""",
        coverage=(1870, 2014),
        gaps="No state trade totals after 2014.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="state_year",
            read=read,
            clean=clean,
            columns={
                "ccode": "COW state number",
                "year": "calendar year",
                "imports_musd": "total imports, current USD millions (NULL: not reported)",
                "exports_musd": "total exports, current USD millions (NULL: not reported)",
            },
            key=("ccode", "year"),
            ranges={"imports_musd": (0, None), "exports_musd": (0, None), "year": (1870, 2014)},
            golden_rows=14410,
        ),
    ),
)
