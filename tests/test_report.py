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
from bilateral.report import charts, wording
from bilateral.report.sections import Context, composite, economic, science

CHINA, BELARUS, BRAZIL, RUSSIA = 710, 370, 140, 365

# -- the number checker ----------------------------------------------------

NUMBER = re.compile(
    r"(?<![\w/.\-])(?P<sign>\u2212)?(?:\$|USD\s)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<ord>st|nd|rd|th)?"
    r"(?P<scale>\s?(?:bn|billion)\b)?(?P<pct>%)?(?!\w)"
)


def numbers_in(text: str) -> list[tuple[float, int, bool, str]]:
    """(value, decimals shown, in billions?, as written) for every number in ``text``.

    A digit glued to a letter, slash, dot or hyphen (Q1, A/78/L.90, ES-11/1,
    3SBio) is part of a name, not a quantity; an ordinal (3rd, 61st) is a
    quantity, the rank it states.
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
    assert [n[0] for n in numbers_in("its 3rd largest partner, and the 61st; 0.059% of trade")] == [3, 61, 0.059]


def test_checker_catches_an_invented_rank():
    sentence = {"text": "China was Belarus's 2nd largest trading partner in 2014.", "evidence": [{"value": 3, "year": 2014}]}
    assert unsupported_numbers(sentence) == ["2nd"]


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


def test_without_index_the_composite_and_science_say_so_plainly():
    ctx = _tiny_context([700.0, 749.0], [2300.0, 2375.0])
    science_section, composite_section = science.build(ctx), composite.build(ctx)
    lead = science_section.sentences[0]
    assert lead.kind == "gap" and "no data on scientific cooperation" in lead.text
    assert "OpenAlex" in lead.text and lead.evidence[0].measure == "science_indicators"
    assert [s.kind for s in composite_section.sentences] == ["gap"]
    assert not composite_section.charts


@pytest.mark.parametrize("percentile, words", [
    (100.0, "among the closest 1% of dyads"), (99.0, "among the closest 1% of dyads"), (98.9, "among the closest 10% of dyads"),
    (90.0, "among the closest 10% of dyads"), (89.9, "in the closest quarter of dyads"), (75.0, "in the closest quarter of dyads"),
    (50.0, "in the closer half of dyads"), (49.9, "in the less close half of dyads"), (24.9, "in the least close quarter of dyads"),
    (0.0, "in the least close quarter of dyads"),
])
def test_words_of_degree_follow_the_written_thresholds(percentile, words):
    assert wording.degree(percentile)[0] == words
    assert [m for m, _ in wording.DEGREES] == sorted((m for m, _ in wording.DEGREES), reverse=True)


def test_ordinals_and_small_shares():
    assert [wording.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert wording.rank_words(1) == "largest" and wording.rank_words(3) == "3rd largest"
    assert [wording.share_percent(v) for v in (0.0585, 0.5, 4.0495)] == ["0.059%", "0.50%", "4.0%"]


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
    assert ids == ["summary", "timeline", "political", "economic", "military", "science", "alignment", "composite", "coverage"]
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
        assert sentence["kind"] in ("finding", "gap")
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


# -- the composite, the five dimensions and the new views --------------------

DIMENSION_WORDS = {"political": "political contact", "economic": "economic ties", "military": "military cooperation",
                   "science": "scientific cooperation", "alignment": "strategic alignment"}


def _section(brief: dict, id: str) -> dict:
    return next(s for s in brief["sections"] if s["id"] == id)


def _evidence(section: dict, **match) -> list[dict]:
    return [e for s in section["sentences"] for e in s["evidence"] if all(e.get(k) == v for k, v in match.items())]


def test_china_belarus_shows_a_composite_and_five_dimension_scores(briefs, con):
    from bilateral.measures.api import dyad_measures

    brief = _json(briefs, "china-belarus")
    section = _section(brief, "composite")
    composite = _evidence(section, source="bilateral", measure="composite_index")
    assert composite and all(0 <= e["value"] <= 100 for e in composite)
    scores = next(s for s in section["sentences"] if s["text"].startswith("Its dimension scores"))
    year = scores["evidence"][0]["year"]
    scored = {e["measure"].removeprefix("score_") for e in scores["evidence"]}
    assert scored == {"political", "economic", "military", "alignment"}  # every dimension with data that year...
    assert "scientific cooperation had no data" in scores["text"]  # ...and the fifth said plainly, not scored 0
    for dimension in scored:
        assert f"{DIMENSION_WORDS[dimension]} " in scores["text"]
    # the values are the API's (bilateral measures CHN BLR)
    api = dyad_measures(con, "CHN", "BLR", years=(year, year)).iloc[0]
    for e in scores["evidence"]:
        assert e["value"] == pytest.approx(api[e["measure"]])
    chart = next(c for c in section["charts"] if c["id"] == "composite")
    series = {row["series"] for row in chart["spec"]["data"]["values"]}
    assert series == {"political contact", "economic ties", "military cooperation", "strategic alignment", "composite index"}
    assert chart["spec"]["encoding"]["y"]["title"].startswith("Score") and "0–100" in chart["spec"]["encoding"]["y"]["title"]
    assert brief["sections"][0]["sentences"][0] in section["sentences"]  # the composite leads the summary
    assert "bilateral" in {s["id"] for s in brief["sources"]}


def test_science_says_no_data_never_zero(briefs):
    for name in DYADS:
        brief = _json(briefs, name)
        section = _section(brief, "science")
        lead = section["sentences"][0]
        assert lead["kind"] == "gap" and "no data on scientific cooperation" in lead["text"] and "OpenAlex" in lead["text"]
        assert [(e["source"], e["measure"], e["value"]) for e in lead["evidence"]] == [("bilateral", "science_indicators", 0)]
        assert not [e for _, s in _sentences(brief) for e in s["evidence"] if e["measure"] == "score_science"]
        assert lead in _section(brief, "coverage")["sentences"]
        composite = _section(brief, "composite")
        for chart in composite["charts"]:
            assert "scientific cooperation" not in {row.get("series") for row in chart["spec"]["data"]["values"]}
        for table in composite["tables"]:
            assert "science" not in table["columns"]


def test_rank_sentences_numbers_are_in_their_evidence_and_match_the_api(briefs, con):
    from bilateral.measures.api import dyad_measures, partners

    brief = _json(briefs, "china-belarus")
    section = _section(brief, "composite")
    ranks = [s for s in section["sentences"] if "closest partner on the composite index" in s["text"]]
    assert ranks
    for sentence in ranks:
        assert unsupported_numbers(sentence) == []
        assert re.search(r"\d+(st|nd|rd|th) closest|closest partner", sentence["text"])
        year = sentence["evidence"][0]["year"]
        api = dyad_measures(con, "CHN", "BLR", years=(year, year)).iloc[0]
        values = [e["value"] for e in sentence["evidence"] if e["unit"].startswith("rank")]
        assert values == [api["composite_rank_for_a"], api["composite_rank_for_b"]]
        assert f"{wording.ordinal(api['composite_rank_for_a'])} closest" in sentence["text"] or api["composite_rank_for_a"] == 1
    top = next(s for s in section["sentences"] if s["text"].startswith(f"In {ranks[0]['evidence'][0]['year']}, China's closest partners"))
    listed = partners(con, "CHN", "composite", year=ranks[0]["evidence"][0]["year"], top=5)
    named = [e["value"] for e in top["evidence"] if e["measure"] == "composite_index"]
    assert named == pytest.approx(listed["composite_index"].tolist())


def test_degree_words_follow_the_percentile_in_evidence(briefs):
    brief = _json(briefs, "china-belarus")
    for sentence in _section(brief, "composite")["sentences"]:
        pct = [e["value"] for e in sentence["evidence"] if e["measure"] == "composite_percentile"]
        if pct:
            assert wording.degree(pct[0])[0] in sentence["text"]


def test_trade_shows_dependence_each_way_and_partner_rank(briefs, con):
    brief = _json(briefs, "china-belarus")
    section = _section(brief, "economic")
    rank = next(s for s in section["sentences"] if s["text"].startswith("China was Belarus's"))
    assert rank["text"].startswith("China was Belarus's 3rd largest trading partner in 2014 and its largest in Asia")
    assert unsupported_numbers(rank) == []
    row = con.execute("SELECT * FROM out_dyad_year WHERE ccode1 = 370 AND ccode2 = 710 AND year = 2014").df().iloc[0]
    by_measure = {e["measure"]: e["value"] for e in rank["evidence"]}
    assert by_measure["trade_rank_of_2_for_1"] == row["trade_rank_of_2_for_1"] == 3  # China (ccode2) among Belarus's partners
    assert by_measure["trade_region_rank_of_2_for_1"] == 1
    dependence = next(s for s in section["sentences"] if "of China's total trade" in s["text"])
    assert dependence["evidence"][0]["year"] == 2014
    values = {e["measure"]: e["value"] for e in dependence["evidence"]}
    assert values["trade_dependence2"] == pytest.approx(100 * row["trade_dependence2"])  # China's side
    assert values["trade_dependence1"] == pytest.approx(100 * row["trade_dependence1"])  # Belarus's side
    assert values["trade_dependence1"] > 10 * values["trade_dependence2"]  # the asymmetry: Belarus depends far more


def test_alignment_gives_s_kappa_pi_for_the_latest_full_year(briefs, con):
    brief = _json(briefs, "china-belarus")
    section = _section(brief, "alignment")
    sentence = next(s for s in section["sentences"] if "Signorino–Ritter S" in s["text"])
    year = sentence["evidence"][0]["year"]
    row = con.execute(f"SELECT * FROM out_dyad_year WHERE ccode1 = 370 AND ccode2 = 710 AND year = {year}").df().iloc[0]
    assert row["un_votes_common"] >= 10 and year == 2019  # 2020 has a single roll call
    for e in sentence["evidence"]:
        assert e["value"] == pytest.approx(row[e["measure"]])
    assert {e["measure"] for e in sentence["evidence"]} == {"un_s_score", "un_kappa", "un_pi"}
    issues = next(s for s in section["sentences"] if s["text"].startswith("By issue in"))
    assert unsupported_numbers(issues) == []


def test_html_renders_in_headless_chromium(briefs, tmp_path):
    """Every chart draws, the page logs no console error, and a screenshot is kept
    (in $BILATERAL_ARTEFACTS when set) for a person to look at."""
    import os
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    artefacts = Path(os.environ.get("BILATERAL_ARTEFACTS", tmp_path))
    artefacts.mkdir(parents=True, exist_ok=True)
    html = briefs["china-belarus"] / "report.html"
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    shot = artefacts / "report-china-belarus.png"
    run = subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1366,2400", html.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 20_000, run.stderr[-2000:]
    assert not [line for line in run.stderr.splitlines() if "CONSOLE" in line and "error" in line.lower()]
    dom = subprocess.run([*flags, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120).stdout
    brief = _json(briefs, "china-belarus")
    for chart in (c for s in brief["sections"] for c in s["charts"]):
        figure = re.search(rf'<figure id="chart-{chart["id"]}">(.*?)</figure>', dom, re.S)
        assert figure and re.search(r"<svg[^>]*>.*<(path|rect|line)\b", figure.group(1), re.S), chart["id"]


def test_the_composite_section_covers_every_catalogued_dimension():
    from bilateral.measures.catalog import DIMENSIONS

    assert set(composite.DIMENSIONS) == set(DIMENSIONS)
    colours = [colour for _, colour in composite.DIMENSIONS.values()] + [composite.COMPOSITE[1]]
    assert len(set(colours)) == len(colours) and set(colours) <= set(charts.OKABE_ITO)
