"""IMF Direction of Trade Statistics (DOTS): each economy's exports to and
imports from every partner, 1960–2020, current USD millions.

One workbook per reporter (see :mod:`.imf_dots_read` for the layout and
:mod:`.imf_dots_names` for the IMF names). Both sides of a pair report the
same flow: A's exports to B (valued FOB, at A's border) and B's imports from A
(valued CIF, with freight and insurance, so usually somewhat higher). Both
are kept, each with its reporter, because their gap is a finding in itself
(mirror statistics); :mod:`bilateral.measures.trade` chooses between them for
the one trade series the measures use.

Two core tables:

- ``flows``: reporter, partner, year, flow and value, for pairs of COW states
  only (aggregates and territories never become dyads).
- ``world``: each reporter's trade with the World, the denominator of trade
  dependence after COW's national totals end in 2014.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from bilateral.sources._github import raw_url
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources.imf_dots_names import to_ccode
from bilateral.sources.imf_dots_read import read_workbooks

REPOSITORY = "SamLeBlanc/Direction-of-Trade-Map"
COMMIT = "a769819d9b25a21a362d6cabfb10f150903f834d"
FILES_LIST = "imf_dots_files.tsv"
#: The partner row that holds a reporter's trade with all partners.
WORLD = "World"
FLOWS = ("exports_fob", "imports_cif")


def _declared_files() -> list[dict[str, str]]:
    """The workbooks as listed in ``data/imf_dots_files.tsv`` (path, sha256, bytes, reporter)."""
    text = (resources.files("bilateral") / "data" / FILES_LIST).read_text(encoding="utf-8")
    return list(csv.DictReader([line for line in text.splitlines() if line and not line.startswith("#")], delimiter="\t"))


FILES = tuple(
    DataFile(path=row["path"], sha256=row["sha256"], url=raw_url(REPOSITORY, COMMIT, "data/DOTS/" + Path(row["path"]).name))
    for row in _declared_files()
)


@lru_cache(maxsize=1)
def _read_all(paths: tuple[Path, ...]) -> pd.DataFrame:
    """Every workbook read once per process: both tables come from it."""
    return read_workbooks(list(paths))


def _paths(paths: dict[str, Path]) -> tuple[Path, ...]:
    return tuple(Path(paths[f.path]) for f in FILES)


def read_flows(paths) -> pd.DataFrame:
    """Every published cell, with the IMF's names (aggregates included)."""
    return _read_all(_paths(paths))


def read_world(paths) -> pd.DataFrame:
    """The reporters' rows for the partner "World"."""
    raw = _read_all(_paths(paths))
    return raw[raw["partner"] == WORLD].reset_index(drop=True)


def clean_flows(raw: pd.DataFrame) -> pd.DataFrame:
    """Pairs of COW states only, keyed by COW codes."""
    frame = pd.DataFrame({
        "reporter_ccode": to_ccode(raw["reporter"], raw["year"], "imf_dots.flows (reporter)"),
        "partner_ccode": to_ccode(raw["partner"], raw["year"], "imf_dots.flows (partner)"),
        "year": raw["year"].astype("int32"),
        "flow": raw["flow"],
        "value_musd": raw["value_musd"],
        "estimated": raw["estimated"],
    })
    keep = frame["reporter_ccode"].notna() & frame["partner_ccode"].notna() & (frame["reporter_ccode"] != frame["partner_ccode"])
    frame = frame[keep].reset_index(drop=True)
    return frame.astype({"reporter_ccode": "int32", "partner_ccode": "int32"})


def clean_world(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting state and year: exports to and imports from the World."""
    frame = raw.assign(ccode=to_ccode(raw["reporter"], raw["year"], "imf_dots.world (reporter)"))
    frame = frame[frame["ccode"].notna()]
    wide = frame.pivot_table(index=["ccode", "year"], columns="flow", values=["value_musd", "estimated"], aggfunc="first")
    out = pd.DataFrame({
        "ccode": wide.index.get_level_values("ccode").astype("int32"),
        "year": wide.index.get_level_values("year").astype("int32"),
        "exports_musd": wide[("value_musd", "exports_fob")].to_numpy(dtype=float),
        "imports_musd": wide[("value_musd", "imports_cif")].to_numpy(dtype=float),
        "exports_estimated": wide[("estimated", "exports_fob")].astype("boolean").to_numpy(),
        "imports_estimated": wide[("estimated", "imports_cif")].astype("boolean").to_numpy(),
    })
    return out


SOURCE = Source(
    name="imf_dots",
    description=(
        "IMF Direction of Trade Statistics: each economy's exports (FOB) to and imports (CIF) from each partner, "
        "USD millions, as reported by each side; and each reporter's trade with the World."
    ),
    provenance=Provenance(
        producer="International Monetary Fund, Statistics Department; workbooks as exported to GitHub by Sam LeBlanc",
        title="Direction of Trade Statistics (DOTS)",
        version=f"IMF data portal export to 2020, as of {REPOSITORY}@{COMMIT[:7]}",
        licence="IMF data: reuse with attribution (IMF copyright and usage terms); the repository is MIT-licensed",
        homepage="https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85",
        citation="""@misc{imf2021dots,
  author = {{International Monetary Fund}},
  title = {Direction of Trade Statistics (DOTS)},
  publisher = {International Monetary Fund},
  address = {Washington, DC},
  year = {2021},
  note = {Workbooks per reporting economy to 2020, as exported in github.com/SamLeBlanc/Direction-of-Trade-Map},
  url = {https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85}}""",
        coverage=(1960, 2020),
        gaps=(
            "Ends in 2020. Each reporter's series starts when it began reporting (Belarus 1992, China 1961). "
            "Cells marked 'e' are IMF estimates from partner data, not the reporter's own figures (flagged `estimated`). "
            "Aggregates (World, Euro Area, ...) and economies outside the COW state system (Hong Kong, Macao, Aruba, "
            "West Bank and Gaza, ...) are not states and never become dyads; Belgium and Luxembourg reported jointly "
            "until 1996 and have no separate figures before 1997. Names used outside their state's years (a 'Yugoslavia' "
            "partner row after 1992, 'USSR' after 1991) are left out: they cannot be told apart from the successor's rows "
            "(China reports both 'Yugoslavia' and 'Serbia and Montenegro' for 1997, with different figures), so China–Serbia "
            "trade in 1993–96, for one, is unknown."
        ),
    ),
    files=FILES,
    tables=(
        Table(
            name="flows",
            read=read_flows,
            clean=clean_flows,
            columns={
                "reporter_ccode": "COW code of the reporting state",
                "partner_ccode": "COW code of the partner state",
                "year": "calendar year",
                "flow": "exports_fob: the reporter's exports to the partner, valued FOB; "
                        "imports_cif: its imports from the partner, valued CIF",
                "value_musd": "the flow, current USD millions, as reported (a cell left empty has no row)",
                "estimated": "true when the IMF estimated the cell (marked 'e' in the workbook), not the reporter",
            },
            key=("reporter_ccode", "partner_ccode", "year", "flow"),
            ranges={"value_musd": (0, None), "year": (1960, 2020)},
            golden_rows=1_694_549,
            # the raw cells (2.58 million, IMF names, aggregates included) cost about 2 s of the build's
            # 60 s budget to store; SOURCE.load_raw("flows") reads them on demand instead
            keep_raw=False,
        ),
        Table(
            name="world",
            read=read_world,
            clean=clean_world,
            columns={
                "ccode": "COW code of the reporting state",
                "year": "calendar year",
                "exports_musd": "exports to the World, FOB, current USD millions (NULL: not reported)",
                "imports_musd": "imports from the World, CIF, current USD millions (NULL: not reported)",
                "exports_estimated": "true when the exports figure is an IMF estimate",
                "imports_estimated": "true when the imports figure is an IMF estimate",
            },
            key=("ccode", "year"),
            ranges={"exports_musd": (0, None), "imports_musd": (0, None), "year": (1960, 2020)},
            golden_rows=9544,
        ),
    ),
)
