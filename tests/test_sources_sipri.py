"""SIPRI arms transfers: the register and the import volumes, checked against the raw CSV lines."""

from __future__ import annotations

import pytest

from bilateral.checks import run_checks
from bilateral.sources.sipri import SOURCE

CHINA, BELARUS, RUSSIA = 710, 370, 365
GOLDEN = {"register": 27951, "tiv": 19575}


@pytest.fixture(scope="module")
def tables(mirror):
    return {name: SOURCE.load(name, mirror=mirror) for name in GOLDEN}


@pytest.mark.parametrize("name", GOLDEN)
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, name):
    frame, spec = tables[name], SOURCE.table(name)
    assert len(frame) == GOLDEN[name] == spec.golden_rows
    run_checks(frame, spec, f"sipri.{name}")
    assert list(frame.columns) == list(spec.columns)


def test_china_supplied_belarus_two_deals(tables):
    # raw lines 2176 and 2203: VN-3 (2016, aid) and A-200 301mm (2013, licence-built as Polonez)
    register = tables["register"]
    deals = register[(register["supplier_ccode"] == CHINA) & (register["recipient_ccode"] == BELARUS)]
    assert sorted(deals["weapon_designation"]) == ["A-200 301mm", "VN-3"]
    polonez = deals.set_index("weapon_designation").loc["A-200 301mm"]
    assert (polonez["order_year"], polonez["number_ordered"], polonez["tiv_order"]) == (2013, 6, 3.0)
    assert bool(polonez["order_year_uncertain"]) and polonez["recipient_iso3"] == "BLR"


def test_belarus_sold_china_il76_transports(tables):
    register = tables["register"]
    deal = register[(register["supplier_ccode"] == BELARUS) & (register["recipient_ccode"] == CHINA)]
    assert deal["weapon_designation"].tolist() == ["Il-76M"]
    assert deal["tiv_delivered"].iloc[0] == 170 and not deal["number_ordered_uncertain"].iloc[0]


def test_a_row_broken_by_a_line_break_is_joined_back(tables):
    register = tables["register"]
    thai = register[(register["recipient"] == "Thailand") & (register["supplier"] == "Ukraine") & (register["order_year"] == 2008)]
    assert len(thai) == 5  # five raw lines start "Thailand,Ukraine,2008"
    btr3 = thai[(thai["weapon_designation"] == "BTR-3") & (thai["number_ordered"] == 14)]  # raw line 24336
    assert btr3[["tiv_per_unit", "tiv_order", "tiv_delivered"]].iloc[0].tolist() == [0.25, 3.5, 3.25]
    hermes = register[(register["recipient"] == "United Nations**") & (register["weapon_designation"] == "Hermes-900")]
    assert hermes[["tiv_per_unit", "tiv_order", "tiv_delivered"]].iloc[0].tolist() == [3, 9, 9]  # raw lines 26458-9
    assert register["recipient"].ne("").all()


def test_names_follow_sipri_usage_and_non_states_stay_null(tables):
    register = tables["register"]
    codes = register.groupby("supplier")["supplier_ccode"].unique()
    assert list(codes["Soviet Union"]) == [RUSSIA]
    assert set(codes["East Germany (GDR)"]) == {265}
    germany = register[register["supplier"] == "Germany"]
    assert set(germany.loc[germany["order_year"] <= 1990, "supplier_ccode"]) == {260}
    assert set(germany.loc[germany["order_year"] > 1990, "supplier_ccode"]) == {255}
    non_states = register[register["recipient"].str.endswith("*") | register["recipient"].str.startswith("unknown")]
    assert len(non_states) > 300 and non_states["recipient_ccode"].isna().all()


#: Places in the register that were never states in the COW system (or, for the
#: GNC, a rival government of one): they keep their name with a NULL code.
OUTSIDE_COW = {"Aruba", "Biafra", "Katanga", "Northern Cyprus", "Palestine", "Western Sahara", "Libya GNC"}


def _raw_register(mirror) -> list[list[str]]:
    """The register's deals read with the csv module, independently of the loader:
    the lines after the header, less the two orphaned TIV lines of the deals a
    line break splits (their first part keeps the names)."""
    import csv

    lines = (mirror / "sipri" / "trade-register_1950-2024.csv").read_text(encoding="latin-1").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier,"))
    return [row for row in csv.reader(lines[header + 1:]) if len(row) > 4]


def _marked_unresolved(name: str) -> bool:
    """SIPRI's own marks (``*`` armed group, ``**`` organisation, "unknown ...") or a place outside the COW system."""
    return name.endswith("*") or name.startswith("unknown") or name in OUTSIDE_COW


def test_unresolved_codes_are_exactly_the_non_states_in_the_raw_file(tables, mirror):
    register, raw = tables["register"], _raw_register(mirror)
    assert len(raw) == len(register)
    for column, field in (("recipient", 0), ("supplier", 1)):
        expected = sum(_marked_unresolved(row[field]) for row in raw)  # counted from the raw file
        unresolved = register[register[f"{column}_ccode"].isna()]
        assert len(unresolved) == expected, column
        assert unresolved[column].map(_marked_unresolved).all(), column  # no state left without its code
    # regression pins, recorded when the counts above were first checked
    assert register["recipient_ccode"].isna().sum() == 380 and register["supplier_ccode"].isna().sum() == 270


def test_import_volumes(tables):
    tiv = tables["tiv"].set_index(["recipient", "year"])["tiv_imports"]
    assert tiv[("Belarus", 2019)] == 333 and tiv[("China", 2014)] == 1041
    assert tiv.isna()[("Belarus", 2024)]  # empty cell: no deliveries identified
    assert tiv[("North Yemen", 1950)] == 0  # "0 ": under 0.5 million TIV, kept as 0
    assert "Total world import" not in tables["tiv"]["recipient"].values
    known = tables["tiv"].dropna(subset=["ccode", "tiv_imports"])
    assert not known.duplicated(["ccode", "year"]).any()
