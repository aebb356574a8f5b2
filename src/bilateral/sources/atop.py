"""Alliance Treaty Obligations and Provisions (ATOP) 5.1, directed dyad-years
as peacesciencer ships them: which obligations each pair of states owes each
other in a year.

The file is symmetric (every A→B row has its B→A twin with the same values)
and holds only dyad-years with at least one alliance in force: a dyad-year
absent from the table between 1815 and 2018 had no ATOP alliance, which is a
0, not a missing value. Joins onto a dyad universe should fill 0 inside that
span and leave NULL outside it.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="atop/atop_alliance.rda",
    sha256="1449ca0369aed33ccf3ac66e959d1d7429c981a3840981facc84fcb2c2bc0441",
    url=raw_url(PEACESCIENCER, "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b", "data/atop_alliance.rda"),
)

OBLIGATIONS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


def read(paths):
    return read_r(paths[FILE.path], "atop_alliance")


def clean(raw):
    frame = as_int(raw.copy(), "ccode1", "ccode2", "year", *OBLIGATIONS)
    return frame[["ccode1", "ccode2", "year", *OBLIGATIONS]]


SOURCE = Source(
    name="atop",
    description="ATOP 5.1 alliance obligations (defence, offence, neutrality, non-aggression, consultation) by directed dyad-year.",
    provenance=Provenance(
        producer="Brett Ashley Leeds et al. (ATOP project), via peacesciencer",
        title="Alliance Treaty Obligations and Provisions, directed dyad-year file",
        version="5.1",
        licence="Free for use with citation",
        homepage="http://www.atopdata.org/",
        citation="""@article{leedsetal2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815-1944},
  journal = {International Interactions}, volume = {28}, pages = {237--260}, year = {2002}}""",
        coverage=(1815, 2018),
        gaps="Alliances end 2018. Only allied dyad-years are listed; absence within 1815-2018 means no alliance.",
    ),
    files=(FILE,),
    tables=(
        Table(
            name="dyad_year",
            read=read,
            clean=clean,
            columns={
                "ccode1": "COW code of the first state (directed; both directions are present)",
                "ccode2": "COW code of the second state",
                "year": "calendar year",
                "atop_defense": "1 if an alliance in force obliges defence (active military support if attacked)",
                "atop_offense": "1 if an alliance obliges offensive military support",
                "atop_neutral": "1 if an alliance obliges neutrality in a conflict",
                "atop_nonagg": "1 if an alliance includes a non-aggression pledge",
                "atop_consul": "1 if an alliance obliges consultation in a crisis",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={**{o: (0, 1) for o in OBLIGATIONS}, "year": (1815, 2018)},
            golden_rows=273296,
        ),
    ),
)
