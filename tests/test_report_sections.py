"""The brief's dimension sections and its composite, for China–Belarus: the
values in the sentences are the measures API's, ranks and degree words
follow their evidence, and a dimension without data is said, never 0.

Briefs come from the session cache in test_report (test_report.Briefs).
"""

from __future__ import annotations

import re

import pytest

from bilateral import wording
from bilateral.report import charts
from bilateral.report.sections import composite
from test_report import DYADS, _evidence, _json, _section, _sentences, briefs, unsupported_numbers  # noqa: F401

DIMENSION_WORDS = {"political": "political contact", "economic": "economic ties", "military": "military cooperation",
                   "science": "scientific cooperation", "alignment": "strategic alignment"}


def test_china_belarus_shows_a_composite_and_five_dimension_scores(briefs, con):
    from bilateral.measures.api import dyad_measures

    brief = _json(briefs, "china-belarus")
    section = _section(brief, "composite")
    composite = _evidence(section, source="bilateral", measure="composite_index")
    assert composite and all(0 <= e["value"] <= 100 for e in composite)
    scores = next(s for s in section["sentences"] if s["text"].startswith("Its dimension scores"))
    year = scores["evidence"][0]["year"]
    scored = {e["measure"].removeprefix("score_") for e in scores["evidence"]}
    assert scored == {"political", "economic", "military", "science", "alignment"}  # 2014: all five have data
    for dimension in scored:
        assert f"{DIMENSION_WORDS[dimension]} " in scores["text"]
    # the values are the API's (bilateral measures CHN BLR)
    api = dyad_measures(con, "CHN", "BLR", years=(year, year)).iloc[0]
    for e in scores["evidence"]:
        assert e["value"] == pytest.approx(api[e["measure"]])
    chart = next(c for c in section["charts"] if c["id"] == "composite")
    series = {row["series"] for row in chart["spec"]["data"]["values"]}
    assert series == {"political contact", "economic ties", "military cooperation", "scientific cooperation", "strategic alignment",
                      "composite index"}
    assert chart["spec"]["encoding"]["y"]["title"].startswith("Score") and "0–100" in chart["spec"]["encoding"]["y"]["title"]
    assert brief["sections"][0]["sentences"][0] in section["sentences"]  # the composite leads the summary
    assert "bilateral" in {s["id"] for s in brief["sources"]}


def test_science_reads_openalex_from_the_warehouse(briefs, con):
    from bilateral.measures.api import dyad_measures

    for name in DYADS:
        brief = _json(briefs, name)
        section = _section(brief, "science")
        works = _evidence(section, source="openalex", measure="coauthored_works")
        if brief["years"][1] < 1990:  # the 1850s: no data, said plainly, never 0
            lead = section["sentences"][0]
            assert not works and lead["kind"] == "gap" and "no data on scientific cooperation" in lead["text"]
            assert lead in _section(brief, "coverage")["sentences"]
            continue
        assert works and all(e["table"] == "out_dyad_year" and 1990 <= e["year"] <= 2023 for e in works), name
        caveat = next(s for s in section["sentences"] if "safer than the levels" in s["text"])
        assert caveat["kind"] == "gap" and {e["source"] for e in caveat["evidence"]} == {"openalex"}
        for sentence in section["sentences"]:
            assert unsupported_numbers(sentence) == [], sentence["text"]
    section = _section(_json(briefs, "china-belarus"), "science")
    lead = next(s for s in section["sentences"] if s["text"].startswith("OpenAlex records"))
    assert "314 works co-authored by researchers in China and Belarus in 2023" in lead["text"]
    api = dyad_measures(con, "CHN", "BLR", years=(2023, 2023)).iloc[0]
    shares = {e["measure"]: e["value"] for e in _evidence(section, source="openalex") if e["measure"].startswith("coauthor_share")}
    assert shares == pytest.approx({"coauthor_share_a": 100 * api["coauthor_share_a"], "coauthor_share_b": 100 * api["coauthor_share_b"]})
    salton = _evidence(section, source="openalex", measure="coauthor_salton")
    assert salton[0]["value"] == pytest.approx(api["coauthor_salton"])


def test_science_outside_openalex_years_says_no_data_never_zero(briefs, con, monkeypatch):
    """A brief for 1970–1985 (before OpenAlex's networks), built with the network cut off: a plain gap."""
    import requests

    from bilateral.report.brief import build_brief

    def offline(*args, **kwargs):
        raise requests.ConnectionError("no network in this test")

    monkeypatch.setattr(requests, "get", offline)
    monkeypatch.setattr(requests.Session, "request", offline)
    brief = build_brief("CHN", "USA", years=(1970, 1985), con=con)
    section = next(s for s in brief.sections if s.id == "science")
    lead = section.sentences[0]
    assert lead.kind == "gap" and "no data on scientific cooperation" in lead.text and "covers 1990–2023" in lead.text
    assert [(e.source, e.measure, e.value) for e in lead.evidence][0] == ("bilateral", "science_indicators", 0)
    assert not [e for s in section.sentences for e in s.evidence if e.measure in ("score_science", "coauthored_works")]


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
    graded = [(s["text"], e["value"]) for s in _section(brief, "composite")["sentences"] for e in s["evidence"]
              if e["measure"] == "composite_percentile"]
    assert graded, "no composite sentence gives a percentile: nothing to check"  # China-Belarus has composites to 2020
    for text, percentile in graded:
        assert wording.degree(percentile)[0] in text


def test_trade_shows_dependence_each_way_and_partner_rank(briefs, con):
    brief = _json(briefs, "china-belarus")
    section = _section(brief, "economic")
    rank = next(s for s in section["sentences"] if s["text"].startswith("China was Belarus's"))
    # the series' last year is 2020 (IMF DOTS): China 2nd among Belarus's partners after Russia, first in Asia
    assert rank["text"].startswith("China was Belarus's 2nd largest trading partner in 2020 and its largest in Asia")
    assert unsupported_numbers(rank) == []
    row = con.execute("SELECT * FROM out_dyad_year WHERE ccode1 = 370 AND ccode2 = 710 AND year = 2020").df().iloc[0]
    by_measure = {e["measure"]: e["value"] for e in rank["evidence"]}
    assert by_measure["trade_rank_of_2_for_1"] == row["trade_rank_of_2_for_1"] == 2  # China (ccode2) among Belarus's partners
    assert by_measure["trade_region_rank_of_2_for_1"] == 1
    assert {e["source"] for e in rank["evidence"] if e["measure"].startswith("trade_")} == {"imf_dots"}
    dependence = next(s for s in section["sentences"] if "of China's total trade" in s["text"])
    assert dependence["evidence"][0]["year"] == 2020
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
    # 2026 is not a full year: the roll calls end on 4 June 2026 (unxml), before the main session's December votes
    assert row["un_votes_common"] >= 10 and year == 2025
    for e in sentence["evidence"]:
        assert e["value"] == pytest.approx(row[e["measure"]])
    assert {e["measure"] for e in sentence["evidence"]} == {"un_s_score", "un_kappa", "un_pi"}
    issues = next(s for s in section["sentences"] if s["text"].startswith("By issue in"))
    assert unsupported_numbers(issues) == []


def test_the_composite_section_covers_every_catalogued_dimension():
    from bilateral.measures.catalog import DIMENSIONS

    assert set(composite.DIMENSIONS) == set(DIMENSIONS)
    colours = [colour for _, colour in composite.DIMENSIONS.values()] + [composite.COMPOSITE[1]]
    assert len(set(colours)) == len(colours) and set(colours) <= set(charts.OKABE_ITO)
