"""Thompson & Dreyer's strategic rivalries, 1494–2010: pairs of states that
regarded each other as competitors, enemies and sources of threat.

peacesciencer matched the rivals' names to COW codes and ordered each pair so
that ``ccode1 < ccode2``. Rivalries start long before the COW system (1494),
so a start year before 1816 is real, and Austria keeps 300 throughout.
``end_year`` 2010 means the rivalry was ongoing when the handbook closed.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="peacesciencer/td_rivalries.rda",
    sha256="06875a5100a9aaf83a073d6b78078722be7a0ef1c8a851ee31ad36914553c68b",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/td_rivalries.rda"),
)

RENAMES = {"rivalryno": "rivalry_id", "rivalryname": "name", "styear": "start_year", "endyear": "end_year"}


def read(paths):
    return read_r(paths[FILE.path], "td_rivalries")


def clean(raw):
    frame = as_int(raw.copy(), "rivalryno", "ccode1", "ccode2", "styear", "endyear").rename(columns=RENAMES)
    return frame[["rivalry_id", "name", "ccode1", "ccode2", "start_year", "end_year", "region", "type1", "type2", "type3"]]


SOURCE = Source(
    name="rivalries",
    description="Thompson & Dreyer strategic rivalries (1494-2010), one row per rivalry.",
    provenance=Provenance(
        producer="William R. Thompson & David R. Dreyer, via peacesciencer",
        title="Strategic rivalries (Handbook of International Rivalries)",
        version="2012",
        licence="Free for use with citation",
        homepage="http://svmiller.com/peacesciencer/",
        citation="""@book{thompsondreyer2012hir,
  author = {Thompson, William R. and Dreyer, David R.},
  title = {Handbook of International Rivalries, 1494-2010},
  publisher = {CQ Press}, address = {Washington, DC}, year = {2012}}""",
        coverage=(1494, 2010),
        gaps="Rivalries are coded to 2010; later onsets and terminations are not covered.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="rivalry",
            read=read,
            clean=clean,
            columns={
                "rivalry_id": "Thompson & Dreyer rivalry number",
                "name": "rivalry name as given (e.g. 'China-India'; a trailing number marks a later episode)",
                "ccode1": "COW code of the first rival (the lower code)",
                "ccode2": "COW code of the second rival",
                "start_year": "first year of the rivalry",
                "end_year": "last year of the rivalry (2010: ongoing when coded)",
                "region": "region of the rivalry as coded by Thompson & Dreyer",
                "type1": "main type: spatial, positional, ideological or interventionary",
                "type2": "second type, if any",
                "type3": "third type, if any",
            },
            key=("rivalry_id",),
            ranges={"start_year": (1494, 2010), "end_year": (1494, 2010)},
            golden_rows=197,
        ),
    ),
)
