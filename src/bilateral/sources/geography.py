"""Geography of the state system: minimum distances between states (from
CShapes 2.0), capitals with coordinates, and COW direct contiguity 3.2, all as
peacesciencer prepared them.

Reading caveats: ``mindist`` is measured on 31 December of each year (not
1 January like most peacesciencer data) and is non-directed (``ccode1 <
ccode2``). The contiguity file is directed (both orders) and, besides COW's
types 1–5, carries peacesciencer's type 0 rows: spells when both states of a
dyad that is contiguous at some point existed but were not contiguous.
Capital end dates of 2024-12-31 are peacesciencer's "still the capital".
"""

from __future__ import annotations

import pandas as pd

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

_COMMIT = "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
MINDIST = DataFile(
    "cow/cow_mindist.rda",
    "9fa13d911c454d463044bf13a711c64b90a6131246e2d239dcdf4d01f2f263b4",
    raw_url(PEACESCIENCER, _COMMIT, "data/cow_mindist.rda"),
)
CAPITALS = DataFile(
    "cow/cow_capitals.rda",
    "8659cd333a0cade601fd66f8de7e610962904c9562db5d07eaf4ccec862a6a0d",
    raw_url(PEACESCIENCER, _COMMIT, "data/cow_capitals.rda"),
)
CONTDIR = DataFile(
    "cow/cow_contdir.rda",
    "779062fb96238a7c55dbb3436a0925f67d8f0b5bd8e522731c0c3c55f492dd70",
    raw_url(PEACESCIENCER, _COMMIT, "data/cow_contdir.rda"),
)

#: COW contiguity types; 0 is peacesciencer's addition.
CONTTYPES = {
    0: "not contiguous (peacesciencer: both states existed, no contiguity that spell)",
    1: "direct land or river border",
    2: "separated by 12 miles of water or less",
    3: "separated by 13 to 24 miles of water",
    4: "separated by 25 to 150 miles of water",
    5: "separated by 151 to 400 miles of water",
}


def _dates(frame, *columns):
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def read_mindist(paths):
    return read_r(paths[MINDIST.path], "cow_mindist")


def clean_mindist(raw):
    frame = as_int(raw.copy(), "ccode1", "ccode2", "year")
    return frame.rename(columns={"mindist": "mindist_km"})[["ccode1", "ccode2", "year", "mindist_km"]]


def read_capitals(paths):
    return read_r(paths[CAPITALS.path], "cow_capitals")


def clean_capitals(raw):
    frame = as_int(raw.copy(), "ccode")
    frame = frame.rename(columns={"statenme": "name", "stdate": "start_date", "enddate": "end_date"})
    return _dates(frame, "start_date", "end_date")[["ccode", "name", "capital", "start_date", "end_date", "lat", "lng"]]


def read_contiguity(paths):
    return read_r(paths[CONTDIR.path], "cow_contdir")


def clean_contiguity(raw):
    frame = as_int(raw.copy(), "ccode1", "ccode2", "conttype")
    frame = frame.rename(columns={"stdate": "start_date", "enddate": "end_date"})
    return _dates(frame, "start_date", "end_date")[["ccode1", "ccode2", "conttype", "start_date", "end_date"]]


SOURCE = Source(
    name="geography",
    description="Minimum distance between states (CShapes 2.0), capitals, and COW direct contiguity 3.2.",
    provenance=Provenance(
        producer="Schvitz et al. (CShapes 2.0); Correlates of War Project (contiguity); Steven V. Miller (capitals, peacesciencer)",
        title="Minimum distances, capitals and direct contiguity of COW states",
        version="CShapes 2.0; COW Direct Contiguity 3.2; peacesciencer capitals 2020",
        licence="Free for use with citation",
        homepage="http://svmiller.com/peacesciencer/",
        citation="""@article{schvitz2022mis,
  author = {Schvitz, Guy and R{\\"u}egger, Seraina and Girardin, Luc and Cederman, Lars-Erik and Weidmann, Nils and Gleditsch, Kristian Skrede},
  title = {Mapping The International System, 1886-2017: The {CS}hapes 2.0 Dataset},
  journal = {Journal of Conflict Resolution}, volume = {66}, number = {1}, pages = {144--161}, year = {2022},
  doi = {10.1177/00220027211013563}}
@article{stinnettetal2002cow,
  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F. and Gochman, Charles S.},
  title = {The Correlates of War Project Direct Contiguity Data, Version 3},
  journal = {Conflict Management and Peace Science}, volume = {19}, number = {2}, pages = {58--66}, year = {2002}}
@article{peacesciencer-package,
  author = {Miller, Steven V.},
  title = {{peacesciencer}: An {R} Package for Quantitative Peace Science Research},
  journal = {Conflict Management and Peace Science}, year = {2022}, url = {http://svmiller.com/peacesciencer/}}""",
        coverage=(1816, 2019),
        gaps="Minimum distances cover 1886-2019; contiguity ends in December 2016.",
    ),
    files=(MINDIST, CAPITALS, CONTDIR),
    tables=(
        Table(
            name="mindist",
            read=read_mindist,
            clean=clean_mindist,
            columns={
                "ccode1": "COW code of the first state (the lower code)",
                "ccode2": "COW code of the second state",
                "year": "calendar year (distance measured on 31 December)",
                "mindist_km": "minimum distance between the two states' territories, km (0: they touch)",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={"mindist_km": (0, 20040), "year": (1886, 2019)},
            golden_rows=952244,
        ),
        Table(
            name="capitals",
            read=read_capitals,
            clean=clean_capitals,
            columns={
                "ccode": "COW state number",
                "name": "state name (COW)",
                "capital": "capital city",
                "start_date": "first day the city was the capital (1816-01-01 for most states)",
                "end_date": "last day (2024-12-31: still the capital)",
                "lat": "latitude of the capital, degrees",
                "lng": "longitude of the capital, degrees",
            },
            key=("ccode", "start_date"),
            ranges={"lat": (-90, 90), "lng": (-180, 180)},
            golden_rows=242,
        ),
        Table(
            name="contiguity",
            read=read_contiguity,
            clean=clean_contiguity,
            columns={
                "ccode1": "COW code of the first state (directed: both orders present)",
                "ccode2": "COW code of the second state",
                "conttype": "contiguity type: " + "; ".join(f"{k} {v}" for k, v in CONTTYPES.items()),
                "start_date": "first month of the spell (first day of the month)",
                "end_date": "last month of the spell (first day of the month)",
            },
            key=("ccode1", "ccode2", "start_date"),
            ranges={"conttype": (0, 5)},
            golden_rows=1874,
        ),
    ),
)
