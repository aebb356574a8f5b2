"""Correlates of War intergovernmental organisations, v3, as peacesciencer's
non-directed dyad-years: how many IGOs both states belong to as full members.

peacesciencer set the negative codes of COW's dyadic IGO table (missing, IGO
not yet founded) to NA and summed the rest with ``na.rm``, so a count is a
lower bound where membership data are missing. Dyads are
non-directed, ``ccode1 < ccode2``.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="cow/cow_igo_ndy.rda",
    sha256="e663531dab70d1d46419fdf0d2d29d51b5b314eab055ea1f691d824e4d15af26",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/cow_igo_ndy.rda"),
)


def read(paths):
    return read_r(paths[FILE.path], "cow_igo_ndy")


def clean(raw):
    frame = as_int(raw.copy(), "ccode1", "ccode2", "year", "dyadigos")
    return frame.rename(columns={"dyadigos": "igo_shared"})[["ccode1", "ccode2", "year", "igo_shared"]]


SOURCE = Source(
    name="cow_igo",
    description="COW IGO v3: number of IGOs in which both states are full members, by dyad-year.",
    provenance=Provenance(
        producer="Correlates of War Project (Pevehouse, Nordstrom, McManus & Jamison), via peacesciencer",
        title="Correlates of War Intergovernmental Organizations, dyadic summary",
        version="3.0",
        licence="Free for use with citation",
        homepage="https://correlatesofwar.org/data-sets/igos/",
        citation="""@article{pevehouseetal2020tow,
  author = {Pevehouse, Jon C. W. and Nordstrom, Timothy and McManus, Roseanne W. and Jamison, Anne Spencer},
  title = {Tracking Organizations in the World: The {C}orrelates of {W}ar {IGO} Version 3.0 datasets},
  journal = {Journal of Peace Research}, volume = {57}, number = {3}, pages = {492--503}, year = {2020}}""",
        coverage=(1816, 2014),
        gaps="IGO memberships end 2014. Missing membership codes count as no shared membership.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="dyad_year",
            read=read,
            clean=clean,
            columns={
                "ccode1": "COW code of the first state (the lower code)",
                "ccode2": "COW code of the second state",
                "year": "calendar year",
                "igo_shared": "number of IGOs in which both states are full members",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={"igo_shared": (0, None), "year": (1816, 2014)},
            golden_rows=917695,
        ),
    ),
)
