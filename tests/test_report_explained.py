"""The sections written from bilateral.explain: "What drives the relationship"
and "Outlook". They convert explain's statements (never recompute them),
chart what the statements say, and state only what the data hold about
what to watch.
"""

from __future__ import annotations

import pytest

from bilateral.report.model import Chart, Evidence, Section, Statement, Table
from bilateral.report.sections import from_statements
from test_report import _json, _section, _sentences, briefs, unsupported_numbers  # noqa: F401

CHINA, BELARUS, RUSSIA = 710, 370, 365
DRIVER_TOPICS = ["Third states", "Opposing blocs", "Peers in the region", "Determinants across all dyads"]


@pytest.fixture(scope="module")
def explained(con, briefs):
    """explain() for China–Belarus over the brief's years, as the brief asks for it."""
    from bilateral.report.brief import explain_pair

    years = tuple(_json(briefs, "china-belarus")["years"])
    result, why = explain_pair(con, CHINA, BELARUS, years)
    assert why is None
    return result


@pytest.fixture(scope="module")
def con(warehouse_db):  # module-scoped: the explained fixture shares it
    import duckdb

    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


def _plain(sentence: dict) -> dict:
    return {k: v for k, v in sentence.items() if k != "topic"}


def test_explain_statements_join_the_brief_unchanged():
    """One statement type: the brief files explain's statement under a topic, with the same evidence objects."""
    statement = Statement("A–B rose 1.5 points a year.", (Evidence("bilateral", "slope", 1.5, "points a year", date="1991/2023",
                                                                    table="out_index", note="OLS"),))
    [sentence] = from_statements([statement], topic="Trajectory")
    assert sentence.topic == "Trajectory" and sentence.evidence is statement.evidence
    assert _plain(sentence.to_dict()) == statement.to_dict() and "topic" not in statement.to_dict()


def test_topics_group_sentences_charts_and_tables_in_order():
    ev = (Evidence("x", "m", 1, "u", year=2000),)
    section = Section("s", "S", sentences=[Statement("a", ev), Statement("b", ev, topic="T2"), Statement("c", ev, topic="T1")],
                      charts=[Chart("c1", "C", {}, "Source: x", topic="T1")], tables=[Table("t", "T", ("a",), (), "x", topic="T2")])
    groups = [(t, [s.text for s in ss], [c.id for c in cs], [x.id for x in ts]) for t, ss, cs, ts in section.groups()]
    assert groups == [(None, ["a"], [], []), ("T2", ["b"], [], ["t"]), ("T1", ["c"], ["c1"], [])]


def test_drivers_are_explains_statements_with_their_evidence(briefs, explained):
    section = _section(_json(briefs, "china-belarus"), "drivers")
    expected = [(part, s) for part in ("triad", "blocs", "peers", "determinants") for s in explained[part]["statements"]]
    assert [_plain(s) for s in section["sentences"]] == [s.to_dict() for _, s in expected]
    assert list(dict.fromkeys(s["topic"] for s in section["sentences"])) == DRIVER_TOPICS
    assert any(s["kind"] == "gap" for s in section["sentences"])  # the model's limits travel with it


def test_china_belarus_names_russia_and_charts_each_driver(briefs):
    brief = _json(briefs, "china-belarus")
    section = _section(brief, "drivers")
    assert section["sentences"][0]["text"].startswith("The third state both China and Belarus are jointly closest to")
    assert "is Russia" in section["sentences"][0]["text"]
    assert section["sentences"][0]["topic"] == "Third states"  # it carries its topic...
    assert _plain(section["sentences"][0]) in brief["sections"][0]["sentences"]  # ...and leads the summary without it
    charts = {c["id"]: c for c in section["charts"]}
    assert list(charts) == ["triad", "blocs", "peers", "determinants"]
    series = {row["series"] for row in charts["triad"]["spec"]["data"]["values"]}
    assert series == {"China–Belarus", "China–Russia", "Belarus–Russia"}
    panels = {row["bloc"] for row in charts["blocs"]["spec"]["data"]["values"]}
    assert panels == {"to the United States", "to the EU", "to NATO"}
    assert charts["peers"]["spec"]["encoding"]["y"]["scale"]["reverse"] is True  # rank 1 at the top
    labels = [row["label"] for row in charts["determinants"]["spec"]["data"]["values"]]
    from bilateral.measures.panel import DETERMINANTS

    # one bar per determinant the model declares (all have data for China–Belarus), then the residual
    assert labels[-1] == "not explained by the model"
    assert sorted(labels[:-1]) == sorted(d.label for d in DETERMINANTS)


def test_determinant_contributions_in_the_chart_are_the_sentences(briefs):
    section = _section(_json(briefs, "china-belarus"), "drivers")
    contribution = next(s for s in section["sentences"] if "is not explained by the model" in s["text"])
    values = {e["measure"]: e["value"] for e in contribution["evidence"]}
    chart = next(c for c in section["charts"] if c["id"] == "determinants")
    for row in chart["spec"]["data"]["values"][:-1]:
        term = next(m for m in values if m.startswith("contribution_") and abs(values[m] - round(row["value"], 4)) < 1e-9)
        assert term
    assert chart["spec"]["data"]["values"][-1]["value"] == pytest.approx(values["unexplained_gap"])


def test_outlook_has_the_trajectory_and_what_to_watch(briefs, explained, con):
    section = _section(_json(briefs, "china-belarus"), "outlook")
    topics = list(dict.fromkeys(s["topic"] for s in section["sentences"]))
    assert topics == ["Trajectory of the composite", "Trajectory by dimension", "Milestones", "What to watch"]
    converted = [_plain(s) for s in section["sentences"] if s["topic"] != "What to watch"]
    assert sorted(s["text"] for s in converted) == sorted(s.text for s in explained["trajectory"]["statements"])
    lead = section["sentences"][0]["text"]
    last = con.execute("SELECT max(year) FROM out_index WHERE ccode1 = 370 AND ccode2 = 710 AND composite_index IS NOT NULL").fetchone()[0]
    composite = explained["trajectory"]["series"]["composite"]
    assert composite["span_used"][1] == last
    if len(composite["spans"]) > 1:  # the series is broken where its sources change: that comes first
        assert lead.startswith("The China–Belarus composite index is broken in")
    trend = next(s["text"] for s in section["sentences"] if s["text"].startswith("Over "))
    assert trend.startswith(f"Over {composite['span_used'][0]}–{last} the China–Belarus composite index")
    chart = next(c for c in section["charts"] if c["id"] == "trajectory")
    assert len(chart["spec"]["layer"]) >= 2  # the series and its phases
    phases = chart["spec"]["layer"][1]["data"]["values"]
    assert [p["first"] for p in phases[1:]] == explained["trajectory"]["series"]["composite"]["change_points"]


def test_what_to_watch_is_dated_and_grounded(briefs, explained):
    watch = [s for s in _section(_json(briefs, "china-belarus"), "outlook")["sentences"] if s["topic"] == "What to watch"]
    by_kind = next(s for s in watch if s["text"].startswith("The most recent milestone of each kind"))
    upgrades = [m for m in explained["trajectory"]["milestones"] if m["type"] == "partnership_upgrade" and not m["disputed"]]
    latest = max(upgrades, key=lambda m: m["date"])
    assert any(e["measure"] == "partnership_upgrade" and e["date"] == latest["date"] for e in by_kind["evidence"])
    ends = next(s for s in watch if "dimension scores end" in s["text"])
    assert "economic ties in 2020" in ends["text"] and "scientific cooperation in 2023" in ends["text"]  # DOTS to 2020, OpenAlex to 2023
    inputs = next(s for s in watch if s["text"].startswith("Inputs of the index whose data end"))
    assert {e["source"] for e in inputs["evidence"]} >= {"imf_dots", "cow_igo", "atop"}
    assert "unvotes" not in {e["source"] for e in inputs["evidence"]}  # continued by unxml to 2026
    assert all(e["measure"] == "coverage_end" for e in inputs["evidence"])
    for sentence in watch:
        assert sentence["evidence"] and unsupported_numbers(sentence) == []


def test_the_brief_reads_the_stored_determinants_model(con, monkeypatch):
    """The build stores the fit; a brief must not refit it (that takes seconds)."""
    from bilateral.measures import determinants
    from bilateral.report.brief import explain_pair

    def refit(*args, **kwargs):
        raise AssertionError("the brief refitted the determinants model")

    monkeypatch.setattr(determinants, "fit_model", refit)
    result, _ = explain_pair(con, CHINA, BELARUS, (2000, 2010))
    assert result["determinants"]["coefficients"]


def test_determinants_outside_the_years_are_said_not_shown(briefs):
    section = _section(_json(briefs, "usa-mexico-1850s"), "drivers")
    texts = [s["text"] for s in section["sentences"] if s["topic"] == "Determinants across all dyads"]
    assert any("does not place it here" in t for t in texts)
    assert not any("is not explained by the model" in t for t in texts)
    assert "determinants" not in {c["id"] for c in section["charts"]}


def test_historical_dyad_explains_within_its_years(briefs):
    brief = _json(briefs, "ussr-china")
    drivers, outlook = _section(brief, "drivers"), _section(brief, "outlook")
    assert drivers["sentences"] and outlook["sentences"]
    assert "Soviet Union" in drivers["sentences"][0]["text"]
    for _, sentence in _sentences({"sections": [drivers, outlook]}):
        for e in sentence["evidence"]:
            if "year" in e:
                assert 1960 <= e["year"] <= 1990, (sentence["text"], e)


def test_without_explanations_both_sections_say_so_plainly():
    """A brief whose pair explain() cannot describe still has both sections, each with a stated gap."""
    from bilateral.report.sections import drivers, outlook
    from test_report import _tiny_context

    from bilateral.report.model import SourceRef

    ctx = _tiny_context([700.0, 749.0], [2300.0, 2375.0], years=(2012, 2022))
    ctx.data.sources["imf_dots"] = SourceRef("imf_dots", "imf_dots", "@misc{x}", "1", (1960, 2020))  # the trade series' end
    for section in (drivers.build(ctx), outlook.build(ctx)):
        assert section.sentences and section.sentences[0].kind == "gap"
        assert "no composite score in 2012–2022" in section.sentences[0].text
        for sentence in section.sentences:
            assert unsupported_numbers(sentence.to_dict()) == []
    watch = outlook.build(ctx).sentences[-1]
    assert watch.text.startswith("Inputs of the index whose data end before the last year of this brief")
    assert "OpenAlex connector" in watch.text
