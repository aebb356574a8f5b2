"""IMF DOTS: the name crosswalk against every name in the workbooks, and the
2018 flows against the workbooks read independently (openpyxl, cell by cell,
not the loader's calamine reader)."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from bilateral.errors import SourceSchemaError
from bilateral.sources.imf_dots import FILES, SOURCE
from bilateral.sources.imf_dots_names import crosswalk, to_ccode

CHINA, BELARUS, SERBIA, RUSSIA, MONTENEGRO = 710, 370, 345, 365, 341
#: Figures quoted in issue 8 from the IMF's DOTS (USD millions, 2018).
BELARUS_IMPORTS_FROM_CHINA_2018 = 3158.2
CHINA_EXPORTS_TO_BELARUS_2018 = 1145.4


def _names_in_workbook(path) -> set[str]:
    """B4 and every non-empty cell of column B below row 7, in both sheets."""
    book = CalamineWorkbook.from_path(str(path))
    names = set()
    for sheet in book.sheet_names:
        data = book.get_sheet_by_name(sheet)
        top, left = data.start
        rows = data.to_python()
        names.add(str(rows[3 - top][1 - left]).strip())
        names |= {str(row[1 - left]).strip() for row in rows[7 - top:] if str(row[1 - left]).strip()}
    return names


@pytest.fixture(scope="module")
def workbook_names(mirror) -> set[str]:
    names = set()
    for f in FILES:
        names |= _names_in_workbook(mirror / f.path)
    return names


def test_every_name_in_every_workbook_is_in_the_crosswalk(workbook_names):
    listed = set(crosswalk()["imf_name"])
    assert len(FILES) == 235
    assert workbook_names - listed == set(), "IMF names without a row in imf_dots_names.tsv"
    assert listed - workbook_names == set(), "crosswalk rows no workbook uses"
    assert len(workbook_names) == 244


@pytest.mark.parametrize("name", ["World", "Euro Area", "Advanced Economies", "European Union", "Belgium-Luxembourg",
                                  "Emerging and Developing Europe", "Special Categories", "Countries & Areas not specified"])
def test_aggregates_are_never_states(name):
    rows = crosswalk()[crosswalk()["imf_name"] == name]
    assert list(rows["kind"]) == ["aggregate"]
    assert to_ccode(pd.Series([name]), pd.Series([2018]), "test").isna().all()


@pytest.mark.parametrize(
    ("name", "year", "ccode"),
    [
        ("China, P.R.: Mainland", 2018, CHINA),
        ("Belarus, Rep. of", 2018, BELARUS),
        ("Serbia, Rep. of", 2018, SERBIA),
        ("Serbia and Montenegro", 1999, SERBIA),
        ("Yugoslavia", 1985, SERBIA),
        ("Montenegro", 2010, MONTENEGRO),
        ("USSR", 1985, RUSSIA),
        ("Russian Federation", 1995, RUSSIA),
        ("Germany", 1985, 260),  # the Federal Republic
        ("Germany", 1995, 255),
        ("Eastern Germany", 1985, 265),
        ("Taiwan Province of China", 2018, 713),
        ("Korea, Dem. People's Rep. of", 2018, 731),
        ("Congo, Rep. of", 2018, 484),
        ("Congo, Dem. Rep. of the", 2018, 490),
        ("Yemen Arab Rep.", 1985, 678),
        ("Yemen, Rep. of", 2018, 679),
    ],
)
def test_awkward_names_map_to_the_right_state(name, year, ccode):
    assert to_ccode(pd.Series([name]), pd.Series([year]), "test").tolist() == [ccode]


@pytest.mark.parametrize(
    ("name", "year"),
    [("Yugoslavia", 2010), ("USSR", 2005), ("Serbia, Rep. of", 2005), ("China, P.R.: Hong Kong", 2018), ("Holy See", 2018)],
)
def test_stale_names_and_territories_are_not_states(name, year):
    assert to_ccode(pd.Series([name]), pd.Series([year]), "test").isna().all()


def test_an_unknown_name_fails_naming_it():
    with pytest.raises(SourceSchemaError, match="Narnia"):
        to_ccode(pd.Series(["World", "Narnia"]), pd.Series([2018, 2018]), "test")


def test_declared_reporters_match_cell_b4(mirror):
    """data/imf_dots_files.tsv names each workbook's reporter; B4 must agree."""
    from importlib import resources

    text = (resources.files("bilateral") / "data" / "imf_dots_files.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader([line for line in text.splitlines() if not line.startswith("#")], delimiter="\t"))
    sampled = [row for row in rows if row["path"].endswith(("DOTS_18.xlsx", "DOTS_40.xlsx", "DOTS_169.xlsx", "DOTS_170.xlsx"))]
    assert len(sampled) == 4, "a sampled workbook is no longer listed: nothing would be checked"
    for row in sampled:
        sheet = openpyxl.load_workbook(mirror / row["path"], read_only=True)["Imports, CIF"]
        assert sheet["B4"].value == row["reporter"]


def _openpyxl_cells(path, year: int) -> dict[tuple[str, str], float]:
    """{(flow, partner name): value} for one year, read with openpyxl by
    locating the year in row 7; "0.15 e" estimates parsed by hand."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = {}
    for sheet, flow in (("Exports, FOB", "exports_fob"), ("Imports, CIF", "imports_cif")):
        rows = list(book[sheet].iter_rows(values_only=True))
        header = [str(v) if v is not None else "" for v in rows[6]]
        column = header.index(str(year))
        for row in rows[7:]:
            value = row[column] if column < len(row) else None
            if row[1] is None or value in (None, ""):
                continue
            if isinstance(value, str):
                value = float(value.replace("e", "").replace(",", "").strip())
            out[(flow, str(row[1]).strip())] = float(value)
    return out


@pytest.fixture(scope="module")
def db(warehouse_db):
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def flows(db) -> pd.DataFrame:
    return db.sql("SELECT * FROM core_imf_dots__flows WHERE year IN (2004, 2018)").df()


@pytest.mark.parametrize(
    ("file", "reporter", "year"),
    [("DOTS_18.xlsx", BELARUS, 2018), ("DOTS_40.xlsx", CHINA, 2018), ("DOTS_170.xlsx", SERBIA, 2018), ("DOTS_169.xlsx", SERBIA, 2004)],
)
def test_flows_match_the_workbook_cell_by_cell(mirror, flows, file, reporter, year):
    """Every cell of the reporter's year whose partner is a state is in the
    core table with the same value, and the core table has nothing else."""
    cells = _openpyxl_cells(mirror / "imf-dots" / file, year)
    partners = pd.Series([name for _, name in cells])
    codes = to_ccode(partners, pd.Series([year] * len(partners)), "test")
    expected = {(flow, int(code)): value for ((flow, _), value), code in zip(cells.items(), codes) if pd.notna(code) and code != reporter}
    got = flows[(flows["reporter_ccode"] == reporter) & (flows["year"] == year)]
    got = {(row.flow, int(row.partner_ccode)): row.value_musd for row in got.itertuples()}
    assert len(expected) > 50
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(expected[k], abs=0.006) for k in expected)


def test_the_mirror_figures_quoted_in_the_issue(flows):
    """Belarus reports imports from China of 3,158.2 in 2018; China reports exports to Belarus of 1,145.4."""
    def value(reporter, partner, flow):
        row = flows[(flows["reporter_ccode"] == reporter) & (flows["partner_ccode"] == partner) & (flows["year"] == 2018) & (flows["flow"] == flow)]
        return float(row["value_musd"].iloc[0])

    assert value(BELARUS, CHINA, "imports_cif") == pytest.approx(BELARUS_IMPORTS_FROM_CHINA_2018, abs=0.05)
    assert value(CHINA, BELARUS, "exports_fob") == pytest.approx(CHINA_EXPORTS_TO_BELARUS_2018, abs=0.05)


def test_aggregates_and_territories_never_become_dyads(con):
    codes = {row[0] for row in con.execute("SELECT DISTINCT partner_ccode FROM core_imf_dots__flows").fetchall()}
    states = {row[0] for row in con.execute("SELECT DISTINCT ccode FROM core_states__cow_states").fetchall()}
    assert codes <= states


def test_world_totals_match_the_workbook(mirror, con):
    """Belarus's and China's 2018 trade with the World, against openpyxl."""
    for file, ccode in (("DOTS_18.xlsx", BELARUS), ("DOTS_40.xlsx", CHINA)):
        cells = _openpyxl_cells(mirror / "imf-dots" / file, 2018)
        row = con.execute("SELECT exports_musd, imports_musd FROM core_imf_dots__world WHERE ccode = ? AND year = 2018", [ccode]).fetchone()
        assert row == pytest.approx((cells[("exports_fob", "World")], cells[("imports_cif", "World")]))


def test_the_source_declares_every_workbook():
    assert len(SOURCE.files) == 235
    assert all(f.url.startswith("https://raw.githubusercontent.com/SamLeBlanc/Direction-of-Trade-Map/") for f in SOURCE.files)
