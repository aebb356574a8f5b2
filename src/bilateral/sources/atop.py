"""Alliance Treaty Obligations and Provisions (ATOP) 5.1, directed dyad-years
as peacesciencer ships them: which obligations each pair of states owes each
other in a year.

Every A→B row has its B→A twin, but the values are A's obligations to B
and can differ by direction (984 dyad-years differ on defence: the US is
obliged to defend Japan, Japan not the US), so directed joins must keep the
order. The file holds only dyad-years with an alliance in force: a dyad-year
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
                "ccode1": "COW code of the state holding the obligations (both directions are present)",
                "ccode2": "COW code of the state they are owed to",
                "year": "calendar year",
                "atop_defense": "1 if ccode1 is obliged to defend ccode2 if attacked",
                "atop_offense": "1 if ccode1 is obliged to join ccode2 in offensive action",
                "atop_neutral": "1 if ccode1 is obliged to stay neutral in a conflict involving ccode2",
                "atop_nonagg": "1 if ccode1 has pledged non-aggression toward ccode2",
                "atop_consul": "1 if ccode1 is obliged to consult ccode2 in a crisis",
            },
            key=("ccode1", "ccode2", "year"),
            ranges={**{o: (0, 1) for o in OBLIGATIONS}, "year": (1815, 2018)},
            golden_rows=273296,
        ),
    ),
)
