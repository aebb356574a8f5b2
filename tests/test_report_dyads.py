"""Any dyad: every brief is complete, matches the JSON contract, and backs
every number in every sentence with its evidence.

Eleven dyads (test_report.DYADS): sparse (Belarus–Brazil), big (China–USA),
neighbours (Serbia–Hungary), historical (USSR–China, 1960–1990), rivals,
micro-states without trade data, and a decade before most sources begin.
Briefs are built once per session (test_report.Briefs); only three are
rendered to HTML and Markdown.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from test_report import STATIC, DYADS, RENDERED, SECTIONS, _json, _read, _section, _sentences, briefs, unsupported_numbers  # noqa: F401

#: The five dimension sections; each is also the name of its score (score_<dimension>).
DIMENSIONS = ("political", "economic", "military", "science", "alignment")
NO_DATA = re.compile(r"\bno data\b|\bhas no\b.*\bfor this pair\b|\bno score\b", re.I)


@pytest.mark.parametrize("name", list(DYADS))
def test_brief_is_complete(briefs, name):
    brief = _json(briefs, name)
    assert [s["id"] for s in brief["sections"]] == SECTIONS
    assert all(section["sentences"] for section in brief["sections"]), [s["id"] for s in brief["sections"] if not s["sentences"]]
    assert any(s["kind"] == "finding" for s in _section(brief, "summary")["sentences"])


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
    for section in brief["sections"]:
        assert isinstance(section["id"], str) and isinstance(section["title"], str) and section["title"]
        assert isinstance(section["sentences"], list) and isinstance(section["charts"], list)
        for chart in section["charts"]:
            _check_chart(chart)
    cited = {s["id"] for s in brief["sources"]}
    for source in brief["sources"]:
        assert {"id", "citation", "version", "coverage"} <= set(source)
        assert source["citation"].lstrip().startswith("@")
        assert len(source["coverage"]) == 2
    for _, sentence in _sentences(brief):
        assert isinstance(sentence["text"], str) and sentence["text"]
        assert sentence["kind"] in ("finding", "gap")
        for e in sentence["evidence"]:
            assert {"source", "measure", "value", "unit"} <= set(e)
            assert isinstance(e.get("year"), int) or isinstance(e.get("date"), str)
            assert e["source"] in cited, e


def _check_chart(chart: dict) -> None:
    """A Vega-Lite spec with a title, a source note, and axis titles (units) on both axes."""
    assert {"id", "title", "spec"} <= set(chart) and chart["title"]
    spec = chart["spec"]
    assert "vega-lite" in spec["$schema"]
    assert " ".join(spec["title"]["subtitle"]).startswith("Source:")
    assert spec["encoding"]["x"]["title"] and spec["encoding"]["y"]["title"]
    assert spec["data"]["values"], chart["id"]


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


@pytest.mark.parametrize("name", list(DYADS))
def test_a_dimension_without_data_says_so(briefs, name):
    """A dimension with no score in any year of the brief has a plain statement of no data
    in its own section, and is never charted or tabled as 0."""
    brief = _json(briefs, name)
    scored = {e["measure"].removeprefix("score_") for _, s in _sentences(brief) for e in s["evidence"]
              if e["measure"].startswith("score_") and e["source"] == "bilateral" and e["value"] is not None}
    for dimension in set(DIMENSIONS) - scored:
        gaps = [s["text"] for s in _section(brief, dimension)["sentences"] if s["kind"] == "gap"]
        assert any(NO_DATA.search(text) for text in gaps), (dimension, gaps)
        for section in brief["sections"]:
            for e in (e for s in section["sentences"] for e in s["evidence"]):
                assert not (e["measure"] == f"score_{dimension}" and e["value"] == 0)


@pytest.mark.parametrize("name", list(DYADS))
def test_years_stay_inside_the_brief(briefs, name):
    """No dated value about the pair falls outside the brief's years (coverage facts aside)."""
    brief = _json(briefs, name)
    first, last = brief["years"]
    outside = [(s["text"][:80], e["measure"], e["year"]) for _, s in _sentences(brief) for e in s["evidence"]
               if "year" in e and e["measure"] not in ("coverage_start", "coverage_end") and not first <= e["year"] <= last]
    assert outside == []


@pytest.mark.parametrize("name", RENDERED)
def test_html_is_self_contained_with_each_chart_inline(briefs, name):
    """No external script, style or font; each chart inline: as SVG in a static
    brief (which then has no script at all), as its spec beside the Vega
    bundle in an interactive one (the spec parses back to the JSON brief's)."""
    html = _read(briefs[name] / "report.html")
    brief = _json(briefs, name)
    assert not re.search(r"<script[^>]+src\s*=", html, re.I)
    assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?https?:", html, re.I)
    charts = [c for s in brief["sections"] for c in s["charts"]]
    assert charts
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    if name in STATIC:
        assert html.count("<svg") == len(charts) and scripts == []
    else:
        assert re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S).count("<svg") == 0  # (the bundle's icons hold some)
        specs = {attrs: json.loads(text) for attrs, text in scripts if 'type="application/json"' in attrs}
        assert specs == {f' type="application/json" id="spec-{c["id"]}"': c["spec"] for c in charts}
        code = [text for attrs, text in scripts if attrs == ""]
        assert len(code) == 2 and "vegaEmbed" in code[0] and "vegaEmbed(box, spec" in code[1]
    for chart in charts:
        assert f'id="chart-{chart["id"]}"' in html
    headings = {unescape(h) for h in re.findall(r"<h3>(.*?)</h3>", html)}  # as a browser reads them, however quotes are spelt
    for section in brief["sections"]:  # every topic of a section is a sub-heading
        for topic in dict.fromkeys(s.get("topic") for s in section["sentences"] if s.get("topic")):
            assert topic in headings, topic


def test_markdown_holds_the_same_sentences(briefs):
    md = _read(briefs["china-belarus"] / "report.md")
    brief = _json(briefs, "china-belarus")
    for _, sentence in _sentences(brief):
        assert sentence["text"] in md
    for section in brief["sections"]:
        assert f"## {section['title']}" in md
