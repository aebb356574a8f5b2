"""State-system membership: the COW list (2016) and Gleditsch–Ward (2017),
with peacesciencer's year-by-year crosswalk between the two.

These tables define which states exist in which year, so the dyad-year
universe and the year-aware country resolver both stand on them.
"""

from __future__ import annotations

import pandas as pd

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

_FS = "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
_CW = "2bb332117051fc00cbaaadde9a7470274a419119"
COW_STATES = DataFile(
    "cow/cow_states.rda",
    "9248b9fc801124d2bb48c58740bb335a1ee4938c4096e4d5e0bd01c22bf1dc09",
    raw_url(PEACESCIENCER, _FS, "data/cow_states.rda"),
)
GW_STATES = DataFile(
    "cow/gw_states.rda",
    "4746858bf919a7af31e4a7afbda77294c350e80fd3899b8c20893c5b5f7829ec",
    raw_url(PEACESCIENCER, _FS, "data/gw_states.rda"),
)
COW_GW_YEARS = DataFile(
    "cow/cow_gw_years.rda",
    "479e3eb663ea538a0f0ce4b8e3526e4596878561c4eb39772d2fc42ca8dbe67a",
    raw_url(PEACESCIENCER, _CW, "data/cow_gw_years.rda"),
)


def read_cow(paths):
    return read_r(paths[COW_STATES.path], "cow_states")


def clean_cow(raw):
    frame = as_int(raw.copy(), "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday", "version")
    frame = frame.rename(columns={"stateabb": "cow_abb", "statenme": "name"})
    frame["spell"] = frame.groupby("ccode").cumcount() + 1
    return frame[["ccode", "spell", "cow_abb", "name", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"]]


def read_gw(paths):
    return read_r(paths[GW_STATES.path], "gw_states")


def clean_gw(raw):
    frame = raw.copy()
    frame["gwcode"] = frame["gwcode"].round().astype("Int64")
    frame["startdate"] = pd.to_datetime(frame["startdate"]).dt.date
    frame["enddate"] = pd.to_datetime(frame["enddate"]).dt.date
    frame = frame.rename(columns={"stateabb": "gw_abb", "statename": "name"})
    frame["spell"] = frame.groupby("gwcode").cumcount() + 1
    return frame[["gwcode", "spell", "gw_abb", "name", "startdate", "enddate"]]


def read_crosswalk(paths):
    return read_r(paths[COW_GW_YEARS.path], "cow_gw_years")


def clean_crosswalk(raw):
    frame = as_int(raw.copy(), "year", "gwcode", "ccode")
    return frame.rename(columns={"stateabb": "cow_abb"})[["ccode", "gwcode", "year", "cow_abb"]]


SOURCE = Source(
    name="states",
    description="Which states exist in which years (COW and Gleditsch–Ward), and the crosswalk between them.",
    provenance=Provenance(
        producer="Correlates of War Project; Gleditsch & Ward; via peacesciencer",
        title="State System Membership List (COW) and Independent States list (Gleditsch–Ward)",
        version="COW 2016; G–W 2017",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
        citation="""@misc{cowstates2016,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017}, url = {https://correlatesofwar.org}}
@article{gleditschward1999,
  author = {Gleditsch, Kristian S. and Ward, Michael D.},
  title = {A Revised List of Independent States since the Congress of Vienna},
  journal = {International Interactions}, volume = {25}, number = {4}, pages = {393--413}, year = {1999}}""",
        coverage=(1816, 2016),
        gaps="The COW list ends in 2016 (G–W in 2017); bilateral treats states alive then as continuing.",
    ),
    files=(COW_STATES, GW_STATES, COW_GW_YEARS),
    tables=(
        Table(
            name="cow_states",
            read=read_cow,
            clean=clean_cow,
            columns={
                "ccode": "COW state number",
                "spell": "1 for the state's first spell of membership, 2 for the second, ...",
                "cow_abb": "COW three-letter abbreviation",
                "name": "COW state name",
                "styear": "first year of the spell",
                "stmonth": "first month",
                "stday": "first day",
                "endyear": "last year of the spell (2016 means: still a member when the list ended)",
                "endmonth": "last month",
                "endday": "last day",
            },
            key=("ccode", "spell"),
            ranges={"styear": (1816, 2016), "endyear": (1816, 2016)},
            golden_rows=243,
        ),
        Table(
            name="gw_states",
            read=read_gw,
            clean=clean_gw,
            columns={
                "gwcode": "Gleditsch–Ward state number",
                "spell": "spell number",
                "gw_abb": "G–W abbreviation",
                "name": "G–W state name",
                "startdate": "first day of the spell",
                "enddate": "last day of the spell",
            },
            key=("gwcode", "spell"),
            golden_rows=216,
        ),
        Table(
            name="cow_gw_years",
            read=read_crosswalk,
            clean=clean_crosswalk,
            columns={
                "ccode": "COW state number",
                "gwcode": "matching Gleditsch–Ward number that year",
                "year": "calendar year",
                "cow_abb": "COW abbreviation",
            },
            key=("ccode", "year"),
            golden_rows=16936,
        ),
    ),
)

#: The first and last year of the COW list, read from its provenance (declared
#: once, above): spells still open in ``LIST_END`` are taken to continue.
FIRST_YEAR, LIST_END = SOURCE.provenance.coverage
