"""The brief's mirror-statistics sentence: said when the two DOTS reports of
one flow differ by more than 25%, naming both figures and both reporters,
with evidence; silent when they agree within 25%."""

from __future__ import annotations

import pandas as pd
import pytest

from bilateral.report import build_brief
from bilateral.report.model import Party, SourceRef
from bilateral.report.queries import DyadData
from bilateral.report.sections import Context, economic

CHINA, BELARUS = 710, 370


def _context(belarus_imports_by_belarus: float, china_exports_by_china: float) -> Context:
    """China (A) and Belarus (B), one year, both reports of Belarus's imports from China."""
    frame = pd.DataFrame({
        "year": [2018], "imports_a_musd": [500.0], "imports_b_musd": [belarus_imports_by_belarus], "trade_source": ["imf_dots"],
        "dots_imports_a_from_b_by_a_musd": [500.0], "dots_exports_b_to_a_by_b_musd": [480.0],
        "dots_imports_b_from_a_by_b_musd": [belarus_imports_by_belarus], "dots_exports_a_to_b_by_a_musd": [china_exports_by_china],
    })
    frame["trade_total_musd"] = frame["imports_a_musd"] + frame["imports_b_musd"]
    empty = pd.DataFrame({"year": pd.Series(dtype="int64")})
    sources = {n: SourceRef(n, n, "@misc{x}", "1", cov) for n, cov in (("cow_trade", (1870, 2014)), ("imf_dots", (1960, 2020)))}
    data = DyadData(frame, empty, None, None, empty, empty, empty, (1950, 1991), sources)
    return Context(Party("CHN", "China", CHINA), Party("BLR", "Belarus", BELARUS), (2015, 2020), data)


def _mirror_sentences(section):
    return [s for s in section.sentences if "reported exports" in s.text]


def test_a_gap_over_a_quarter_is_said_with_both_figures_and_reporters():
    section = economic.build(_context(3158.2, 1145.4))
    [sentence] = _mirror_sentences(section)
    assert "Belarus reported imports from China of USD 3,158 million" in sentence.text
    assert "China reported exports to Belarus of USD 1,145 million" in sentence.text
    assert "more than 25%" in sentence.text
    by_reporter = {e.reporter: e.value for e in sentence.evidence if e.reporter}
    assert by_reporter == {"BLR": 3158.2, "CHN": 1145.4}
    assert {e.source for e in sentence.evidence} == {"imf_dots"}


@pytest.mark.parametrize(("imports", "exports", "said"), [(1250.0, 1000.0, False), (1260.0, 1000.0, True), (1000.0, 1240.0, False)])
def test_the_threshold_is_25_percent_of_the_smaller_figure(imports, exports, said):
    assert bool(_mirror_sentences(economic.build(_context(imports, exports)))) is said


def test_china_belarus_brief_states_the_latest_gap(warehouse_db, mirror, con):
    """The brief's figures equal the two reports in core_imf_dots__flows for the latest year with both."""
    brief = build_brief("CHN", "BLR", years=(2015, 2020), db=warehouse_db, mirror=mirror, progress=False).to_dict()
    economic_section = next(s for s in brief["sections"] if s["id"] == "economic")
    [sentence] = [s for s in economic_section["sentences"] if "Belarus reported imports from China" in s["text"]]
    year = max(e["year"] for e in sentence["evidence"])
    reports = dict(con.execute(
        f"""SELECT reporter_ccode, value_musd FROM core_imf_dots__flows WHERE year = {year} AND NOT estimated AND (
              (reporter_ccode = {BELARUS} AND partner_ccode = {CHINA} AND flow = 'imports_cif') OR
              (reporter_ccode = {CHINA} AND partner_ccode = {BELARUS} AND flow = 'exports_fob'))""").fetchall())
    by_reporter = {e["reporter"]: e["value"] for e in sentence["evidence"] if e.get("reporter")}
    assert by_reporter == pytest.approx({"BLR": reports[BELARUS], "CHN": reports[CHINA]})
    assert max(reports.values()) > 1.25 * min(reports.values())
