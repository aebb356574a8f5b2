"""The brief: its JSON contract, its evidence, and that any dyad produces one.

The warehouse-backed tests share the session ``warehouse_db`` fixture (see
conftest.py) and write each brief once per module. The number checker below
is deliberately independent of the report's own formatting code: it reads
numbers the way a reader would and looks for each in the sentence's evidence.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bilateral.errors import CountryNotFoundError
from bilateral.report import build_brief, write_report
from bilateral.report.model import Evidence, Party, Sentence
from bilateral.report.queries import UN_VOTES_SQL, DyadData
from bilateral.report.sections import Context, economic

CHINA, BELARUS, BRAZIL, RUSSIA = 710, 370, 140, 365

# -- the number checker ----------------------------------------------------

NUMBER = re.compile(
    r"(?<![\w/.\-])(?P<sign>\u2212)?(?:\$|USD\s)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?P<scale>\s?(?:bn|billion)\b)?(?P<pct>%)?(?!\w)"
)


def numbers_in(text: str) -> list[tuple[float, int, bool, str]]:
    """(value, decimals shown, in billions?, as written) for every number in ``text``.

    A digit glued to a letter, slash, dot or hyphen (Q1, A/78/L.90, ES-11/1,
    3SBio) is part of a name, not a quantity.
    """
    found = []
    for m in NUMBER.finditer(text):
        value = float(m["int"].replace(",", "") + (m["dec"] or ""))
        if m["sign"]:
            value = -value
        found.append((value, len(m["dec"]) - 1 if m["dec"] else 0, bool(m["scale"]), m.group(0)))
    return found


def supported(value: float, decimals: int, billions: bool, evidence: list[dict]) -> bool:
    """Whether some evidence value, rounded as written, equals ``value``; years and dates count."""
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    candidates = []
    for e in evidence:
        if isinstance(e.get("value"), (int, float)) and not isinstance(e.get("value"), bool):
            candidates.append(e["value"] / 1000 if billions else e["value"])
        if not billions:
            if "year" in e:
                candidates.append(e["year"])
            if "date" in e:
                candidates += [int(part) for part in re.findall(r"\d+", str(e["date"]))]
    return any(math.isfinite(c) and abs(c - value) <= tolerance for c in candidates)


def unsupported_numbers(sentence: dict) -> list[str]:
    return [text for value, dec, bn, text in numbers_in(sentence["text"]) if not supported(value, dec, bn, sentence["evidence"])]


def test_checker_reads_the_formats_the_brief_uses():
    ev = [{"value": 2374.87, "year": 2014}, {"value": 8400.0, "year": 2023}, {"value": 41.26, "date": "2022-03-02"},
          {"value": -1.204, "year": 2023}]
    sentence = {"text": "In 2014 it was USD 2,375 million; $8.4bn and USD 8.4 billion in 2023; 41.3% on 2 March 2022; \u22121.20.",
                "evidence": ev}
    assert unsupported_numbers(sentence) == []
    assert [n[3] for n in numbers_in("draft A/78/L.90, Q1, ES-11/1, 3SBio")] == []


def test_checker_catches_an_invented_number():
    sentence = {"text": "Trade was USD 2,500 million in 2014.", "evidence": [{"value": 2374.87, "year": 2014}]}
    assert unsupported_numbers(sentence) == ["USD 2,500"]


# -- unit tests on hand-built data ------------------------------------------


def test_un_agreement_counts_identical_votes_and_drops_absences():
    con = duckdb.connect()
    con.execute("CREATE TABLE core_unvotes__votes (rcid INT, ccode INT, year INT, vote VARCHAR)")
    rows = [(1, CHINA, 2000, "yes"), (1, BELARUS, 2000, "yes"), (2, CHINA, 2000, "no"), (2, BELARUS, 2000, "abstain"),
            (3, CHINA, 2000, "yes"),  # Belarus absent: not a common vote
            (4, CHINA, 2001, "abstain"), (4, BELARUS, 2001, "abstain")]
    con.executemany("INSERT INTO core_unvotes__votes VALUES (?, ?, ?, ?)", rows)
    forward = con.execute(UN_VOTES_SQL, {"a": CHINA, "b": BELARUS}).df()
    backward = con.execute(UN_VOTES_SQL, {"a": BELARUS, "b": CHINA}).df()
    assert forward["common_votes"].tolist() == [2, 1]
    assert forward["identical_votes"].tolist() == [1, 1]
    assert forward["agree_pct"].tolist() == [50.0, 100.0]
    pd.testing.assert_frame_equal(forward, backward)


def _tiny_context(imports_a, imports_b, years=(2012, 2016)) -> Context:
    from bilateral.report.model import SourceRef

    frame = pd.DataFrame({"year": [2013, 2014], "imports_a_musd": imports_a, "imports_b_musd": imports_b})
    frame["trade_total_musd"] = frame["imports_a_musd"] + frame["imports_b_musd"]
    empty = pd.DataFrame({"year": pd.Series(dtype="int64")})
    sources = {name: SourceRef(name, name, "@misc{x}", "1", cov) for name, cov in (("cow_trade", (1870, 2014)), ("ledger", (1992, 2024)))}
    data = DyadData(frame, empty, None, None, empty, empty, empty, (1950, 1991), sources)
    return Context(Party("CHN", "China", CHINA), Party("BLR", "Belarus", BELARUS), years, data)


def test_missing_flow_is_said_plainly_never_zero():
    section = economic.build(_tiny_context([700.0, 749.0], [2300.0, None]))
    lead = section.sentences[0]
    assert "Belarus's imports from China are not reported (no data)" in lead.text
    assert all(e.value != 0 for e in lead.evidence)
    assert any("COW dyadic trade ends in 2014" in s.text and s.kind == "gap" for s in section.sentences)


def test_sentence_needs_evidence():
    with pytest.raises(ValueError):
        Sentence("A claim with nothing behind it.", ())
    with pytest.raises(ValueError):
        Evidence("cow_trade", "imports1_musd", 1.0, "USD millions")  # neither year nor date


# -- briefs from the session warehouse ---------------------------------------

DYADS = {
    "china-belarus": ("CHN", "BLR", None),
    "belarus-brazil": ("BLR", "BRA", None),
    "ussr-china": ("USSR", "China", (1960, 1990)),
}


@pytest.fixture(scope="module")
def briefs(warehouse_db, mirror, tmp_path_factory) -> dict[str, Path]:
    """Each dyad's report folder, written once."""
    out = {}
    for name, (a, b, years) in DYADS.items():
        folder = tmp_path_factory.mktemp(name)
        written = write_report(a, b, out=folder, years=years, db=warehouse_db, mirror=mirror, progress=False)
        assert sorted(p.name for p in written) == ["report.html", "report.json", "report.md"]
        out[name] = folder
    return out


def _json(briefs, name) -> dict:
    return json.loads((briefs[name] / "report.json").read_text(encoding="utf-8"))


def _is_coverage(evidence: dict) -> bool:
    """Evidence about a source's coverage, not about the dyad."""
    return evidence["measure"] in ("coverage_start", "coverage_end")


def _sentences(brief: dict):
    for section in brief["sections"]:
        for sentence in section["sentences"]:
            yield section["id"], sentence


@pytest.mark.parametrize("name", list(DYADS))
def test_json_matches_the_contract(briefs, name):
    brief = _json(briefs, name)
    assert {"dyad", "years", "sections", "sources"} <= set(brief)
    for side in ("a", "b"):
        party = brief["dyad"][side]
        assert isinstance(party["name"], str) and party["name"]
        assert isinstance(party["ccode"], int)
        assert party["iso3"] is None or isinstance(party["iso3"], str)
    assert len(brief["years"]) == 2 and all(isinstance(y, int) for y in brief["years"])
    assert brief["years"][0] <= brief["years"][1]
    ids = [s["id"] for s in brief["sections"]]
    assert ids[0] == "summary" and ids[-1] == "coverage"
    assert {"timeline", "political", "economic", "military", "alignment"} <= set(ids)
    for section in brief["sections"]:
        assert isinstance(section["id"], str) and isinstance(section["title"], str)
        assert isinstance(section["sentences"], list) and isinstance(section["charts"], list)
        for chart in section["charts"]:
            assert {"id", "title", "spec"} <= set(chart)
            assert "vega-lite" in chart["spec"]["$schema"]
            assert " ".join(chart["spec"]["title"]["subtitle"]).startswith("Source:")
            assert chart["spec"]["encoding"]["x"]["title"] and chart["spec"]["encoding"]["y"]["title"]
    cited = {s["id"] for s in brief["sources"]}
    for source in brief["sources"]:
        assert {"id", "citation", "version", "coverage"} <= set(source)
        assert source["citation"].lstrip().startswith("@")
    for _, sentence in _sentences(brief):
        assert isinstance(sentence["text"], str) and sentence["text"]
        for e in sentence["evidence"]:
            assert {"source", "measure", "value", "unit"} <= set(e)
            assert isinstance(e.get("year"), int) or isinstance(e.get("date"), str)
            assert e["source"] in cited


def test_chart_specs_are_valid_vega_lite(briefs):
    import altair as alt

    brief = _json(briefs, "china-belarus")
    for section in brief["sections"]:
        for chart in section["charts"]:
            alt.Chart.from_dict(chart["spec"], validate=True)  # raises on a schema error


@pytest.mark.parametrize("name", list(DYADS))
def test_every_sentence_has_evidence_for_every_number(briefs, name):
    brief = _json(briefs, name)
    problems = []
    for section, sentence in _sentences(brief):
        if not sentence["evidence"]:
            problems.append((section, sentence["text"], "no evidence"))
        bad = unsupported_numbers(sentence)
        if bad:
            problems.append((section, sentence["text"], bad))
    assert problems == []


def test_china_belarus_has_cow_2014_and_reported_2023(briefs):
    brief = _json(briefs, "china-belarus")
    economic_section = next(s for s in brief["sections"] if s["id"] == "economic")
    evidence = [(sentence["text"], e) for sentence in economic_section["sentences"] for e in sentence["evidence"]]
    cow_2014 = {round(e["value"]) for _, e in evidence if e["source"] == "cow_trade" and e.get("year") == 2014}
    assert {2375, 749} <= cow_2014  # Belarus's imports from China; China's imports from Belarus
    lead = economic_section["sentences"][0]["text"]
    assert "2,375" in lead and "749" in lead
    reported = [(text, e) for text, e in evidence if e["source"] == "ledger" and e.get("year") == 2023 and e.get("reporter")]
    assert reported, "no ledger figure for 2023"
    assert all(e["reporter"] in text for text, e in reported)
    assert any("COW dyadic trade ends in 2014" in s["text"] for s in economic_section["sentences"])


def test_china_belarus_disputed_events_are_shown_not_counted(briefs):
    brief = _json(briefs, "china-belarus")
    timeline = next(s for s in brief["sections"] if s["id"] == "timeline")
    rows = timeline["tables"][0]["rows"]
    disputed = [r for r in rows if r.get("flag") == "disputed"]
    counted = next(e["value"] for s in timeline["sentences"] for e in s["evidence"] if e["measure"] == "events")
    assert disputed and counted == len(rows) - len(disputed)


def test_sparse_dyad_is_complete_and_says_what_is_missing(briefs):
    brief = _json(briefs, "belarus-brazil")
    assert brief["dyad"]["a"]["iso3"] == "BLR" and brief["dyad"]["b"]["iso3"] == "BRA"
    assert all(section["sentences"] for section in brief["sections"])
    gaps = [s["text"] for _, s in _sentences(brief) if s["kind"] == "gap"]
    assert any("China Vitae" in text for text in gaps)
    assert any("no events" in text for text in gaps)


def test_ussr_china_resolves_historically(briefs):
    brief = _json(briefs, "ussr-china")
    assert brief["dyad"]["a"] == {"iso3": brief["dyad"]["a"]["iso3"], "name": "Soviet Union", "ccode": RUSSIA}
    assert brief["dyad"]["b"]["ccode"] == CHINA
    assert brief["years"] == [1960, 1990]
    years = [e["year"] for _, s in _sentences(brief) for e in s["evidence"] if "year" in e and not _is_coverage(e)]
    assert years and all(1960 <= y <= 1990 for y in years)
    military = next(s for s in brief["sections"] if s["id"] == "military")
    assert any("defence obligation" in s["text"] for s in military["sentences"])


@pytest.mark.parametrize("name", list(DYADS))
def test_html_is_self_contained_with_an_svg_per_chart(briefs, name):
    html = (briefs[name] / "report.html").read_text(encoding="utf-8")
    brief = _json(briefs, name)
    assert not re.search(r"<script[^>]+src\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?https?:", html, re.I)
    charts = sum(len(s["charts"]) for s in brief["sections"])
    assert charts >= 1
    assert html.count("<svg") == charts
    for section in brief["sections"]:
        for chart in section["charts"]:
            assert f'id="chart-{chart["id"]}"' in html


def test_markdown_holds_the_same_sentences(briefs):
    md = (briefs["china-belarus"] / "report.md").read_text(encoding="utf-8")
    brief = _json(briefs, "china-belarus")
    for _, sentence in _sentences(brief):
        assert sentence["text"] in md


def test_unknown_country_is_an_error(warehouse_db, mirror, tmp_path):
    with pytest.raises(CountryNotFoundError, match="Belarussia"):
        write_report("Belarussia", "CHN", out=tmp_path, years=None, db=warehouse_db, mirror=mirror, progress=False)
    assert not list(tmp_path.iterdir())


def test_years_restrict_the_brief(warehouse_db, mirror):
    brief = build_brief("CHN", "BLR", years=(2010, 2014), db=warehouse_db, mirror=mirror, progress=False).to_dict()
    assert brief["years"] == [2010, 2014]
    for _, sentence in _sentences(brief):
        for e in sentence["evidence"]:
            if "year" in e and not _is_coverage(e):
                assert 2010 <= e["year"] <= 2014, (sentence["text"], e)
