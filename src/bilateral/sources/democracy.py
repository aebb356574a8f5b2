"""Three democracy measures by COW state-year, as peacesciencer merged them:
V-Dem's electoral democracy index (v10), Polity's polity2 (2017 release) and
Xavier Márquez's extension of the Unified Democracy Scores.

Each measure has its own span: Polity ends in 2017 and QuickUDS in 2017, V-Dem
in 2019, and the file runs to 2020 with those years NULL. A NULL means "not
coded", never "autocracy"; polity2 is -10..10, the other two are continuous.
"""

from __future__ import annotations

from bilateral.sources._github import PEACESCIENCER, raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.readers import as_int, read_r

FILE = DataFile(
    path="peacesciencer/ccode_democracy.rda",
    sha256="d4695e3cd670ec9ec4685b80862f9ccc452b1b4dd605b0c35e1ab2b086cfebbb",
    url=raw_url(PEACESCIENCER, "4b2a02d2c135a710b255ae069977e193f68a751e", "data/ccode_democracy.rda"),
)


def read(paths):
    return read_r(paths[FILE.path], "ccode_democracy")


def clean(raw):
    frame = as_int(raw.copy(), "ccode", "year", "polity2")
    return frame[["ccode", "year", "v2x_polyarchy", "polity2", "xm_qudsest"]]


SOURCE = Source(
    name="democracy",
    description="V-Dem polyarchy, Polity2 and extended UDS democracy scores by COW state-year.",
    provenance=Provenance(
        producer="V-Dem Institute; Center for Systemic Peace (Polity); Xavier Márquez (QuickUDS); merged by peacesciencer",
        title="Democracy scores by Correlates of War state-year (peacesciencer ccode_democracy)",
        version="V-Dem 10; Polity 2017; QuickUDS 0.2.3",
        licence="Free for use with citation (each component under its producer's terms)",
        homepage="http://svmiller.com/peacesciencer/",
        citation="""@unpublished{coppedgeetal2020vdem,
  author = {Coppedge, Michael and Gerring, John and Knutsen, Carl Henrik and Lindberg, Staffan I. and Teorell, Jan and others},
  title = {V-Dem Codebook v10}, note = {Varieties of Democracy ({V}-{D}em) Project}, year = {2020}}
@unpublished{marshalletal2017p,
  author = {Marshall, Monty G. and Gurr, Ted Robert and Jaggers, Keith},
  title = {Polity {IV} Project: Political Regime Characteristics and Transitions, 1800-2016},
  note = {University of Maryland, Center for International Development and Conflict Management}, year = {2017}}
@unpublished{marquez2016qme,
  author = {Marquez, Xavier},
  title = {A Quick Method for Extending the {U}nified {D}emocracy {S}cores},
  note = {Available at SSRN: http://ssrn.com/abstract=2753830}, year = {2016}}
@article{pemsteinetal2010dc,
  author = {Pemstein, Daniel and Meserve, Stephen A. and Melton, James},
  title = {Democratic Compromise: A Latent Variable Analysis of Ten Measures of Regime Type},
  journal = {Political Analysis}, volume = {18}, number = {4}, pages = {426--449}, year = {2010}}""",
        coverage=(1816, 2020),
        gaps="Polity2 and UDS end 2017, V-Dem polyarchy 2019; 2020 rows are empty.",
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
                "v2x_polyarchy": "V-Dem electoral democracy (polyarchy) index, 0-1",
                "polity2": "Polity polity2 score, -10 (autocracy) to 10 (democracy)",
                "xm_qudsest": "extended Unified Democracy Score (Márquez), latent scale centred near 0",
            },
            key=("ccode", "year"),
            ranges={"v2x_polyarchy": (0, 1), "polity2": (-10, 10), "year": (1816, 2020)},
            golden_rows=16731,
        ),
    ),
)
