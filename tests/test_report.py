"""The brief: the number checker, unit tests on hand-built data, and the
session cache of briefs that every test_report* module reads.

The other modules: test_report_dyads (any dyad: complete, contract, evidence),
test_report_sections (the dimension sections and the composite for
China–Belarus), test_report_explained (what drives the relationship, and the
outlook) and test_report_browser (the HTML in headless Chromium).

The warehouse-backed tests share the session ``warehouse_db`` fixture (see
conftest.py), and each brief is written once per session (:class:`Briefs`).
The number checker below is deliberately independent of the report's own
formatting code: it reads numbers the way a reader would and looks for each
in the sentence's evidence.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bilateral.errors import CountryNotFoundError
from bilateral.report import build_brief, write_report
from bilateral.report.model import Evidence, Party, Statement
from bilateral.report.queries import UN_VOTES_SQL, DyadData
from bilateral import wording
from bilateral.report.sections import Context, composite, economic, science
from conftest import shared_folder, taking_turns

CHINA, BELARUS, BRAZIL, RUSSIA = 710, 370, 140, 365

# -- the number checker ----------------------------------------------------

from evidence_numbers import numbers_in  # noqa: E402 - the one shared checker
from evidence_numbers import unsupported_in as unsupported_numbers  # noqa: E402 - imported from here by the other brief tests


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
    con.execute("CREATE TABLE out_un_votes (rcid INT, ccode INT, year INT, vote VARCHAR, source VARCHAR)")
    rows = [(1, CHINA, 2000, "yes", "unvotes"), (1, BELARUS, 2000, "yes", "unvotes"), (2, CHINA, 2000, "no", "unvotes"),
            (2, BELARUS, 2000, "abstain", "unvotes"),
            (3, CHINA, 2000, "yes", "unvotes"),  # Belarus absent: not a common vote
            (4, CHINA, 2001, "abstain", "unxml"), (4, BELARUS, 2001, "abstain", "unxml")]
    con.executemany("INSERT INTO out_un_votes VALUES (?, ?, ?, ?, ?)", rows)
    forward = con.execute(UN_VOTES_SQL, {"a": CHINA, "b": BELARUS}).df()
    backward = con.execute(UN_VOTES_SQL, {"a": BELARUS, "b": CHINA}).df()
    assert forward["common_votes"].tolist() == [2, 1]
    assert forward["identical_votes"].tolist() == [1, 1]
    assert forward["agree_pct"].tolist() == [50.0, 100.0]
    assert forward["source"].tolist() == ["unvotes", "unxml"]
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
        Statement("A claim with nothing behind it.", ())
    with pytest.raises(ValueError):
        Evidence("cow_trade", "imports1_musd", 1.0, "USD millions")  # neither year nor date


# -- briefs from the session warehouse, shared by the test_report* modules ----
#
# Each dyad's brief is written once per session, on first use, whichever
# module asks first (test_report_dyads, test_report_explained and
# test_report_browser import these helpers). Under pytest-xdist the workers
# share one folder beside their own, as they share the session warehouse:
# a lock per brief lets the first worker write it and the other read it. Only the RENDERED dyads are
# written as HTML and Markdown too: rendering charts to SVG is most of a
# brief's time, and one sparse, one dense and one historical page cover it.

DYADS = {
    "china-belarus": ("CHN", "BLR", None),
    "belarus-brazil": ("BLR", "BRA", None),  # sparse
    "china-usa": ("CHN", "USA", None),  # big
    "serbia-hungary": ("SRB", "HUN", None),  # neighbours
    "ussr-china": ("USSR", "China", (1960, 1990)),  # historical: "USSR" is COW 365 then
    "china-serbia": ("CHN", "SRB", None),
    "usa-poland": ("USA", "POL", None),
    "russia-belarus": ("RUS", "BLR", None),
    "india-pakistan": ("IND", "PAK", None),  # rivals
    "tuvalu-nauru": ("TUV", "NRU", None),  # micro-states: no trade data at all
    "usa-mexico-1850s": ("USA", "MEX", (1850, 1860)),  # before most sources begin
}
RENDERED = ("china-belarus", "belarus-brazil", "ussr-china")
#: Rendered with static charts (inline SVG drawn by vl-convert); the others are interactive, the default.
STATIC = ("belarus-brazil",)
#: The sections of issue 5, in order.
SECTIONS = ["summary", "timeline", "political", "economic", "military", "science", "alignment", "composite", "drivers", "outlook",
            "coverage"]
_FOLDERS: dict[tuple[str, str], Path] = {}
#: Left in a brief's folder once all its files are written.
WRITTEN = ".written"


class Briefs:
    """name → the dyad's report folder, written on first use and kept for the session."""

    def __init__(self, warehouse_db: Path, mirror: Path, root: Path):
        self.warehouse_db, self.mirror, self.root = warehouse_db, mirror, root

    def __getitem__(self, name: str) -> Path:
        key = (str(self.warehouse_db), name)
        if key not in _FOLDERS:
            folder = self.root / name
            with taking_turns(self.root / f"{name}.lock"):
                if not (folder / WRITTEN).is_file():  # a brief is reused only once every file of it was written
                    self._write(name, folder)
                    (folder / WRITTEN).touch()
            _FOLDERS[key] = folder
        return _FOLDERS[key]

    def _write(self, name: str, folder: Path) -> None:
        a, b, years = DYADS[name]
        formats = ("html", "json", "md") if name in RENDERED else ("json", "md")  # Markdown is cheap; HTML charts are not
        written = write_report(a, b, out=folder, years=years, db=self.warehouse_db, mirror=self.mirror, formats=formats,
                               progress=False, charts="static" if name in STATIC else "interactive")
        assert sorted(p.name for p in written) == sorted(f"report.{f}" for f in formats)


@pytest.fixture(scope="session")
def briefs(warehouse_db, mirror, tmp_path_factory) -> Briefs:
    if shared_folder(tmp_path_factory):
        root = shared_folder(tmp_path_factory) / "session-briefs"
        root.mkdir(exist_ok=True)
    else:
        root = tmp_path_factory.mktemp("briefs")
    return Briefs(warehouse_db, mirror, root)


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _json(briefs, name) -> dict:
    return json.loads(_read(briefs[name] / "report.json"))


def _is_coverage(evidence: dict) -> bool:
    """Evidence about a source's coverage, not about the dyad."""
    return evidence["measure"] in ("coverage_start", "coverage_end")


def _sentences(brief: dict):
    for section in brief["sections"]:
        for sentence in section["sentences"]:
            yield section["id"], sentence


def _section(brief: dict, id: str) -> dict:
    return next(s for s in brief["sections"] if s["id"] == id)


def _evidence(section: dict, **match) -> list[dict]:
    return [e for s in section["sentences"] for e in s["evidence"] if all(e.get(k) == v for k, v in match.items())]


@pytest.mark.slow
def test_chart_specs_are_valid_vega_lite(briefs):
    import altair as alt

    brief = _json(briefs, "china-belarus")
    for section in brief["sections"]:
        for chart in section["charts"]:
            alt.Chart.from_dict(chart["spec"], validate=True)  # raises on a schema error


def test_china_belarus_has_dots_2020_and_reported_2023(briefs, con):
    brief = _json(briefs, "china-belarus")
    economic_section = next(s for s in brief["sections"] if s["id"] == "economic")
    evidence = [(sentence["text"], e) for sentence in economic_section["sentences"] for e in sentence["evidence"]]
    # the series' last year is 2020 (IMF DOTS): each side's imports as the importer reported them
    reported = dict(con.execute("""SELECT reporter_ccode, value_musd FROM core_imf_dots__flows WHERE year = 2020 AND flow = 'imports_cif'
                                   AND ((reporter_ccode = 370 AND partner_ccode = 710) OR (reporter_ccode = 710 AND partner_ccode = 370))""").fetchall())
    dots_2020 = {round(e["value"]) for _, e in evidence if e["source"] == "imf_dots" and e.get("year") == 2020}
    assert {round(reported[370]), round(reported[710])} <= dots_2020
    lead = economic_section["sentences"][0]["text"]
    assert "In 2020" in lead and f"{round(reported[370]):,}" in lead and f"{round(reported[710]):,}" in lead
    reported = [(text, e) for text, e in evidence if e["source"] == "ledger" and e.get("year") == 2023 and e.get("reporter")]
    assert reported, "no ledger figure for 2023"
    assert all(e["reporter"] in text for text, e in reported)
    assert any("The trade series (COW, then IMF DOTS) ends in 2020" in s["text"] for s in economic_section["sentences"])


def test_china_belarus_disputed_events_are_shown_not_counted(briefs):
    brief = _json(briefs, "china-belarus")
    timeline = next(s for s in brief["sections"] if s["id"] == "timeline")
    rows = timeline["tables"][0]["rows"]
    disputed = [r for r in rows if r.get("flag") == "disputed"]
    counted = next(e["value"] for s in timeline["sentences"] for e in s["evidence"] if e["measure"] == "events")
    assert disputed and counted == len(rows) - len(disputed)


def test_ussr_china_resolves_historically(briefs):
    brief = _json(briefs, "ussr-china")
    # countrycode's code list maps COW 365 to ISO3 RUS for the Soviet years too
    assert brief["dyad"]["a"] == {"iso3": "RUS", "name": "Soviet Union", "ccode": RUSSIA}
    assert brief["dyad"]["b"]["ccode"] == CHINA
    assert brief["years"] == [1960, 1990]
    years = [e["year"] for _, s in _sentences(brief) for e in s["evidence"] if "year" in e and not _is_coverage(e)]
    assert years and all(1960 <= y <= 1990 for y in years)
    military = next(s for s in brief["sections"] if s["id"] == "military")
    assert any("defence obligation" in s["text"] for s in military["sentences"])


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
