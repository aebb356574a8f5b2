"""Correlates of War major powers (2016 release): the spells during which a
state counted as a major power.

A state can have several spells (France loses the status in June 1940 and
regains it in August 1945), so the key is the state and the spell's start
year. An end in December 2016 means "still a major power when the list was
last updated".
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="peacesciencer/cow_majors.rda",
    sha256="673cb752c2d1af045ea8e2c602b45bc037b84dda9537bfb060142ff255c7f2b6",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/cow_majors.rda"),
)

RENAMES = {
    "styear": "start_year",
    "stmonth": "start_month",
    "stday": "start_day",
    "endyear": "end_year",
    "endmonth": "end_month",
    "endday": "end_day",
}


def read(paths):
    return read_r(paths[FILE.path], "cow_majors")


def clean(raw):
    frame = as_int(raw.copy(), "ccode", *RENAMES).rename(columns=RENAMES)
    return frame[["ccode", *RENAMES.values()]]


SOURCE = Source(
    name="majors",
    description="COW major powers: spells of major-power status, 1816-2016.",
    provenance=Provenance(
        producer="Correlates of War Project, via peacesciencer",
        title="State System Membership List: major powers",
        version="2016",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
        citation="""@misc{cowstates2016,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017}, url = {https://correlatesofwar.org}}""",
        coverage=(1816, 2016),
        gaps="The list ends in 2016; spells ending 31 Dec 2016 were ongoing.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="major_power",
            read=read,
            clean=clean,
            columns={
                "ccode": "COW state number",
                "start_year": "year the spell as a major power began",
                "start_month": "month it began",
                "start_day": "day it began",
                "end_year": "year the spell ended (2016: ongoing when the list ended)",
                "end_month": "month it ended",
                "end_day": "day it ended",
            },
            key=("ccode", "start_year"),
            ranges={"start_year": (1816, 2016), "end_year": (1816, 2016), "start_month": (1, 12), "end_month": (1, 12)},
            golden_rows=14,
        ),
    ),
)

#: The list's last year (its provenance's coverage): a spell ending then was ongoing.
LIST_END = SOURCE.provenance.coverage[1]
