"""Correlates of War National Material Capabilities 7.0 (abridged), state-years
1816–2022: the six components of the Composite Index of National Capability.

Units are COW's: ``milex`` is in thousands of pounds sterling before 1914 and
thousands of current US dollars from 1914, so it cannot be compared across
1913/1914 without conversion; the other components are in thousands (people,
tons, coal-ton equivalents). peacesciencer already turned COW's -9 into NA,
which stays NULL; the clean step would do the same to any -9 left over.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="cow/cow_nmc.rda",
    sha256="c265ab4ffa73c87ddc565ce08a12963e8a6aa5020a56e3658108add14b24e82d",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/cow_nmc.rda"),
)

COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")


def read(paths):
    return read_r(paths[FILE.path], "cow_nmc")


def clean(raw):
    frame = as_int(raw.copy(), "ccode", "year")
    for column in COMPONENTS:
        frame[column] = frame[column].where(frame[column] != -9).astype("Float64")
    return frame[["ccode", "year", *COMPONENTS, "cinc"]]


SOURCE = Source(
    name="cow_nmc",
    description="COW National Material Capabilities 7.0: military spending and personnel, iron and steel, energy, population, CINC.",
    provenance=Provenance(
        producer="Correlates of War Project, via peacesciencer",
        title="National Material Capabilities (abridged)",
        version="7.0",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/national-material-capabilities/",
        citation="""@incollection{singeretal1972cdu,
  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},
  title = {Capability Distribution, Uncertainty, and Major Power War, 1820-1965},
  booktitle = {Peace, War, and Numbers}, editor = {Russett, Bruce},
  publisher = {Sage}, address = {Beverly Hills, CA}, pages = {19--48}, year = {1972}}
@article{singer1987rcwd,
  author = {Singer, J. David},
  title = {Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816-1985},
  journal = {International Interactions}, volume = {14}, pages = {115--132}, year = {1987}}""",
        coverage=(1816, 2022),
        gaps="Capabilities end 2022. milex changes currency in 1914 (pounds sterling before, US dollars after).",
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
                "milex": "military expenditure, thousands (GBP before 1914, current USD from 1914)",
                "milper": "military personnel, thousands",
                "irst": "iron and steel production, thousands of tons",
                "pec": "primary energy consumption, thousands of coal-ton equivalents",
                "tpop": "total population, thousands",
                "upop": "urban population (cities of 100,000 or more), thousands",
                "cinc": "Composite Index of National Capability: mean world share of the six components (0-1)",
            },
            key=("ccode", "year"),
            ranges={**{c: (0, None) for c in COMPONENTS}, "cinc": (0, 1), "year": (1816, 2022)},
            golden_rows=17121,
        ),
    ),
)
