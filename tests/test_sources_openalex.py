"""OpenAlex co-authorship (Batagelj's country networks) and AidData's Chinese
official finance, checked against the raw mirror files read independently."""

from __future__ import annotations

import math
import re
import zipfile

import pyreadr
import pytest

from bilateral.checks import run_checks
from bilateral.measures import api
from bilateral.errors import SourceSchemaError
from bilateral.sources.openalex import SOURCE as OPENALEX, parse_network

CHINA, BELARUS, CZECHOSLOVAKIA = 710, 370, 315
#: China–Belarus co-authored works as the mirror's README states them.
CHINA_BELARUS_WORKS = {2014: 54, 2018: 91, 2020: 184, 2022: 320, 2023: 314}


def raw_year(mirror, year: int) -> tuple[dict[str, int], dict[tuple[int, int], float], list[float]]:
    """A minimal, independent read of one year: vertex ids by code, arcs, works per vertex."""
    with zipfile.ZipFile(mirror / "openalex" / "WrldCo_years.zip") as archive:
        net = archive.read(f"WrldCo{year}.net").decode("utf-8-sig").split("\n")
        vec = archive.read(f"WrldCo{year}T.vec").decode().split("\n")
    ids = {m.group(2): int(m.group(1)) for m in (re.match(r'(\d+) "(\w+)"', line) for line in net) if m}
    arcs = {}
    for line in net[net.index(next(l for l in net if l.startswith("*arcs"))) + 1 :]:
        if line.strip():
            i, j, w = line.split()
            arcs[int(i), int(j)] = float(w)
    works = [float(v) for v in vec[2:] if v.strip()]
    return ids, arcs, works


@pytest.fixture(scope="module")
def tables(mirror):
    return {t.name: OPENALEX.load(t.name, mirror=mirror) for t in OPENALEX.tables}


@pytest.fixture(scope="module")
def china_belarus(warehouse_db):
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        return con.execute(
            "SELECT * FROM out_dyad_year WHERE ccode1 = $a AND ccode2 = $b ORDER BY year", {"a": BELARUS, "b": CHINA}
        ).df().set_index("year")


PAJEK = ["% hand-made", "*vertices 3", '1 "CN"', '2 "BY"', '3 "RU"']


def test_pajek_arcs_are_read_once_per_pair_without_loops():
    labels, lines = parse_network([*PAJEK, "*arcs", "1 1 50", "1 2 7", "2 1 7", "2 3 4", "3 2 4"], "hand.net")
    assert labels == ["CN", "BY", "RU"]
    assert sorted(zip(lines["i"], lines["j"], lines["w"])) == [(1, 2, 7), (2, 3, 4)]


def test_pajek_edges_are_ordered_and_asymmetric_arcs_fail():
    _, lines = parse_network([*PAJEK, "*edges", "2 1 7"], "hand.net")
    assert list(zip(lines["i"], lines["j"], lines["w"])) == [(1, 2, 7)]
    with pytest.raises(SourceSchemaError, match="not symmetric"):
        parse_network([*PAJEK, "*arcs", "1 2 70", "2 1 7"], "hand.net")


@pytest.mark.parametrize("name", ["pairs", "country_year"])
def test_tables_pass_their_checks(tables, name):
    spec = OPENALEX.table(name)
    run_checks(tables[name], spec, f"openalex.{name}")
    assert list(tables[name].columns) == list(spec.columns)


@pytest.mark.parametrize("year", sorted(CHINA_BELARUS_WORKS))
def test_china_belarus_works_equal_the_raw_network_and_the_readme(mirror, china_belarus, year):
    ids, arcs, _ = raw_year(mirror, year)
    cn, by = ids["CN"], ids["BY"]
    assert arcs[cn, by] == arcs[by, cn] == CHINA_BELARUS_WORKS[year]  # the network is symmetric
    assert china_belarus.loc[year, "coauthored_works"] == CHINA_BELARUS_WORKS[year]


def test_shares_and_salton_by_hand_for_2023(mirror, china_belarus):
    ids, arcs, works = raw_year(mirror, 2023)
    cn, by = ids["CN"], ids["BY"]
    links = {v: sum(w for (i, j), w in arcs.items() if i == v and j != v) for v in (cn, by)}
    row = china_belarus.loc[2023]
    # ccode1 is Belarus (370 < 710): share1 is Belarus's, share2 China's
    assert row["coauthor_share1"] == pytest.approx(314 / links[by])
    assert row["coauthor_share2"] == pytest.approx(314 / links[cn])
    assert row["coauthor_salton"] == pytest.approx(314 / math.sqrt(works[cn - 1] * works[by - 1]))
    assert works[cn - 1] == arcs[cn, cn]  # the vector is the loop: each country's own works


def test_swapping_the_pair_swaps_only_the_shares(warehouse_db):
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        ab = api.dyad_measures(con, "CHN", "BLR", years=(2023, 2023)).set_index("year").loc[2023]
        ba = api.dyad_measures(con, "BLR", "CHN", years=(2023, 2023)).set_index("year").loc[2023]
    assert ab["coauthored_works"] == ba["coauthored_works"] == 314
    assert ab["coauthor_salton"] == ba["coauthor_salton"]
    assert ab["coauthor_share_a"] == ba["coauthor_share_b"] and ab["coauthor_share_b"] == ba["coauthor_share_a"]
    # China has about 90 times Belarus's links: Belarus is a small part of China's co-authorship, not the reverse
    assert ab["coauthor_share_a"] < ab["coauthor_share_b"]


def test_values_in_range_zero_inside_null_outside(warehouse_db, mirror):
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        bounds = con.execute(
            """SELECT min(least(coauthor_share1, coauthor_share2, coauthor_salton)), max(greatest(coauthor_share1, coauthor_share2, coauthor_salton)),
                      count(*) FILTER (WHERE year NOT BETWEEN 1990 AND 2023 AND coauthored_works IS NOT NULL),
                      count(*) FILTER (WHERE year BETWEEN 1991 AND 2023 AND coauthored_works IS NULL AND $czechoslovakia NOT IN (ccode1, ccode2))
               FROM out_dyad_year""",
            {"czechoslovakia": CZECHOSLOVAKIA},
        ).fetchone()
        zero = con.execute(
            """SELECT s1.iso2, s2.iso2 FROM out_dyad_year d JOIN out_states s1 ON s1.ccode = d.ccode1 JOIN out_states s2 ON s2.ccode = d.ccode2
               WHERE d.year = 2023 AND d.coauthored_works = 0 AND s1.iso2 IS NOT NULL AND s2.iso2 IS NOT NULL LIMIT 1"""
        ).fetchone()
    low, high, outside, missing_inside = bounds
    assert 0 <= low and high <= 1
    assert outside == 0  # NULL before 1990 and after 2023
    # every state is a vertex from 1991 (in 1990 Germany and Yemen are two COW states each; Czechoslovakia's
    # works are filed under the Czech Republic and Slovakia, which COW has only from 1993)
    assert missing_inside == 0
    ids, arcs, _ = raw_year(mirror, 2023)
    assert (ids[zero[0]], ids[zero[1]]) not in arcs  # a 0 is a pair the network has no line for


def test_aiddata_china_belarus_sixteen_projects_and_the_great_stone_loan(mirror, china_belarus):
    raw = pyreadr.read_r(str(mirror / "china-finance" / "aiddf.rds"))[None]
    belarus = raw[raw["country"] == "Belarus"].drop_duplicates("id")
    assert len(belarus) == 16 == china_belarus["china_aid_projects"].sum()
    park = belarus[belarus["title"].str.contains("Industrial Park")]
    assert len(park) == 1 and int(park["year"].iloc[0]) == 2013 and park["flow"].iloc[0].startswith("Loan")
    per_year = belarus.groupby(belarus["year"].astype(int))
    for year, projects in per_year:
        assert china_belarus.loc[year, "china_aid_projects"] == len(projects)
        known = projects["usd_current"].dropna()
        expected = known.sum() / 1e6 if len(known) else None
        got = china_belarus.loc[year, "china_aid_commitments_musd"]
        assert (got is None or math.isnan(got)) if expected is None else got == pytest.approx(expected)
    assert china_belarus.loc[2013, "china_aid_commitments_musd"] >= park["usd_current"].iloc[0] / 1e6
    assert china_belarus.loc[2014, "china_aid_projects"] == 0 and china_belarus.loc[2014, "china_aid_commitments_musd"] == 0
    assert china_belarus.loc[[1999, 2015], "china_aid_projects"].isna().all()


def test_aiddata_is_null_for_dyads_without_china(warehouse_db):
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        filled = con.execute(
            "SELECT count(*) FROM out_dyad_year WHERE $china NOT IN (ccode1, ccode2) AND china_aid_projects IS NOT NULL", {"china": CHINA}
        ).fetchone()[0]
    assert filled == 0
