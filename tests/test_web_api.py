"""The web app's JSON API: each route gives what the Python API gives (the
web computes no figure of its own), the picker finds awkward spellings,
and the one new query (a state across a region) agrees with independent
readings of the raw code list and of the dyad's own measures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bilateral.measures import api as measures_api
from bilateral.report import build_brief

CHINA, BELARUS, POLAND, RUSSIA = 710, 370, 290, 365


@pytest.mark.parametrize("typed, iso3", [
    ("Byel", "BLR"), ("Byelorussia", "BLR"), ("White Russia", "BLR"), ("BLR", "BLR"), ("370", "BLR"), ("BY", "BLR"),
    ("PRC", "CHN"), ("People's Republic", "CHN"), ("chin", "CHN"), ("710", "CHN"), ("Republic of Korea", "KOR"),
])  # fmt: skip
def test_picker_finds_names_aliases_and_codes(client, typed, iso3):
    found = client.get("/api/countries", params={"q": typed})
    assert found.status_code == 200
    assert iso3 in [s["iso3"] for s in found.json()], found.json()


def test_picker_puts_an_exact_code_first_and_lists_each_state_once(client):
    found = client.get("/api/countries", params={"q": "BEL", "limit": 50}).json()
    assert found[0]["iso3"] == "BEL"
    codes = [s["ccode"] for s in found]
    assert len(codes) == len(set(codes))
    assert client.get("/api/countries", params={"q": "zzqx"}).json() == []


def test_country_resolves_like_the_resolver(client):
    assert client.get("/api/countries/Byelorussia").json()["ccode"] == BELARUS
    assert client.get("/api/countries/USSR", params={"year": 1970}).json()["name"] == "Soviet Union"


def test_measures_mirror_the_python_api(client, con):
    got = client.get("/api/measures/China/BLR", params={"start": 1995, "end": 2014})
    assert got.status_code == 200
    body = got.json()
    assert (body["a"]["ccode"], body["b"]["ccode"]) == (CHINA, BELARUS)
    expected = measures_api.dyad_measures(con, "CHN", "BLR", years=(1995, 2014))
    rows = pd.DataFrame(body["rows"])
    assert rows["year"].tolist() == list(range(1995, 2015)) == expected["year"].tolist()
    for column in ("trade_total_musd", "un_agree_share", "igo_shared", "composite_index"):
        for got_value, want in zip(rows[column], expected[column]):
            assert (got_value is None or (isinstance(got_value, float) and math.isnan(got_value))) if pd.isna(want) else got_value == pytest.approx(want)


def test_a_year_without_data_is_null_not_zero(client, con):
    rows = pd.DataFrame(client.get("/api/measures/CHN/BLR").json()["rows"]).set_index("year")
    expected = measures_api.dyad_measures(con, "CHN", "BLR").set_index("year")
    missing = [(year, column) for column in expected.columns for year in expected.index
               if column in rows.columns and pd.isna(expected.at[year, column])]
    assert missing  # some source does not cover some year of the pair
    for year, column in missing:
        assert rows.at[year, column] is None or math.isnan(rows.at[year, column]), (year, column)


def test_partners_mirror_the_python_api(client, con):
    body = client.get("/api/partners/BLR", params={"dimension": "economic", "year": 2010, "top": 5}).json()
    expected = measures_api.partners(con, "BLR", dimension="economic", year=2010, top=5)
    assert [r["partner_iso3"] for r in body["rows"]] == expected["partner_iso3"].tolist()
    assert [r["economic_score"] for r in body["rows"]] == pytest.approx(expected["economic_score"].tolist())


@pytest.mark.slow
def test_report_json_is_the_briefs_json(client, con):
    body = client.get("/api/report/CHN/BLR", params={"start": 2000, "end": 2014}).json()
    expected = build_brief("CHN", "BLR", years=(2000, 2014), con=con, progress=False).to_dict()
    body["meta"].pop("generated"), expected["meta"].pop("generated")
    assert body == expected


def test_explain_gives_every_part(client):
    body = client.get("/api/explain/CHN/BLR", params={"start": 1992, "end": 2020, "third": "RUS"}).json()
    assert {"trajectory", "triad", "blocs", "peers", "determinants"} <= set(body)
    assert body["triad"]["third"]["ccode"] == RUSSIA  # the third state asked for
    assert all(s["evidence"] for part in ("trajectory", "peers") for s in body[part]["statements"])


def _eastern_europe_from_the_raw_code_list(mirror) -> set[str]:
    raw = pd.read_csv(mirror / "codes" / "countrycode_codelist_slim.csv", keep_default_na=False, na_values=[""])
    return set(raw.loc[raw["un.regionsub.name"] == "Eastern Europe", "iso3c"].dropna())


def test_a_state_across_a_region(client, con, mirror):
    body = client.get("/api/region/CHN", params={"region": "Eastern Europe", "start": 1995, "end": 2014}).json()
    members = {r["partner_iso3"] for r in body["rows"]}
    raw = _eastern_europe_from_the_raw_code_list(mirror)
    assert {"BLR", "POL", "RUS", "UKR"} <= members <= raw  # states of the sub-region, read independently of the app
    assert body["latest_year"] == 2014
    assert [r["score"] for r in body["latest"]] == sorted((r["score"] for r in body["latest"]), reverse=True)
    # each score is the composite of the dyad's own measures
    own = measures_api.dyad_measures(con, "CHN", "BLR", years=(1995, 2014)).set_index("year")["composite_index"]
    for row in (r for r in body["rows"] if r["partner_iso3"] == "BLR"):
        assert row["score"] == pytest.approx(own[row["year"]])


def test_regions_are_listed_and_unknown_ones_refused(client):
    regions = client.get("/api/regions").json()
    assert any(r["region"] == "Europe" and "Eastern Europe" in r["subregions"] for r in regions)
    refused = client.get("/api/region/CHN", params={"region": "Atlantis"})
    assert refused.status_code == 400 and "/api/regions" in refused.json()["error"]


def test_sources_list_every_source_with_coverage(client, con):
    body = client.get("/api/sources").json()
    names = {r[0] for r in con.execute("SELECT name FROM _sources").fetchall()}
    assert {s["name"] for s in body} == names
    trade = next(s for s in body if s["name"] == "cow_trade")
    assert trade["coverage_end"] == 2014 and trade["latest_year"] <= 2014


@pytest.mark.parametrize("path, param", [
    ("/api/measures/CHN/Narnia", "b"), ("/api/measures/CHN/CHN", "b"), ("/api/partners/Narnia", "a"),
    ("/api/measures/CHN/BLR?start=2010&end=1990", "start"), ("/api/measures/CHN/BLR?start=1700&end=1990", "start"),
    ("/api/measures/CHN/BLR?start=abc&end=1990", "start"), ("/api/partners/BLR?dimension=cultural", "dimension"),
    ("/api/partners/BLR?top=0", "top"), ("/api/explain/CHN/BLR?peers=POL,Narnia", "peers"),
])  # fmt: skip
def test_bad_input_is_a_400_that_names_the_parameter(client, path, param):
    got = client.get(path)
    assert got.status_code == 400, got.text
    assert got.json()["param"] == param
    assert len(got.json()["error"]) > 20


def test_openapi_documents_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/countries", "/api/measures/{a}/{b}", "/api/partners/{a}", "/api/explain/{a}/{b}",
                 "/api/report/{a}/{b}", "/api/region/{a}", "/api/sources", "/api/check"):
        assert path in paths
    assert not any(p.startswith("/dyad") for p in paths)  # pages are not API


def test_check_mirrors_the_claim_checker(client, con):
    from bilateral.web.check import available

    if not available():
        pytest.skip("this build has no claim checker (bilateral.claims)")
    from datetime import date
    from pathlib import Path

    from bilateral.claims import check_text

    seed = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
    if not seed.is_file():
        pytest.skip(f"no seed essay at {seed}")
    text = seed.read_text(encoding="utf-8")
    got = client.post("/api/check", json={"text": text, "as_of": "2024-09-01"})
    assert got.status_code == 200, got.text[:300]
    body = got.json()
    expected = check_text(text.strip(), as_of=date(2024, 9, 1), con=con)
    assert [(c["text"], c["verdict"]) for c in body["claims"]] == [(c.text, c.verdict) for c in expected.claims]
    assert body["as_of"] == "2024-09-01" and body["claims"]
    for claim in body["claims"]:  # the offsets point into the text the page marks up
        assert body["text"][claim["start"]:claim["end"]] == claim["text"]


def test_segments_cut_the_text_at_each_claim():
    from bilateral.web.check import segments

    text = "China and Belarus traded USD 2 billion in 2014. They voted together."
    claims = [{"start": 18, "end": 46, "verdict": "supported"}, {"start": 48, "end": 67, "verdict": "not_checkable"},
              {"start": 40, "end": 50, "verdict": "contradicted"}]  # overlaps the first two: not marked twice
    parts = segments({"text": text, "claims": claims})
    assert "".join(p["text"] for p in parts) == text
    marked = [(p["text"], p["verdict"]) for p in parts if "claim" in p]
    assert marked == [("traded USD 2 billion in 2014", "supported"), ("They voted together", "not_checkable")]
