"""The validation list (docs/validation.md): relationships whose ordering no
analyst would dispute, each checked against the warehouse's ranks. Every
tested case must hold; the cases the index does not reproduce are kept,
with the reason, so that the documentation reports the share that holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilateral.measures import validation
from bilateral.measures.validation import CASES, NOT_REPRODUCED, Case, check

DOC = Path(__file__).resolve().parents[1] / "docs" / "validation.md"


def test_at_least_forty_cases_each_with_a_source():
    assert len(CASES) >= 40
    assert all(c.source for c in CASES + NOT_REPRODUCED)
    assert all(c.why for c in NOT_REPRODUCED) and not any(c.why for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.state}-{c.partner}-{c.index}-{c.years[0]}")
def test_every_tested_case_holds(con, case):
    result = check(con, case)
    assert result.checked, f"no year of {case.years} could be checked"
    assert not result.failed, f"fails in {result.failed}"


def test_a_case_can_fail(con):
    """The check is not vacuous: the reverse claims fail."""
    assert not check(con, Case("BLR", "RUS", "ties", (1995, 2014), 3, outside=True)).holds
    assert not check(con, Case("CUB", "USA", "alignment", (1962, 2014), 20)).holds
    assert not check(con, Case("RUS", "BLR", "dependence", (1995, 2014), kind="asymmetry")).holds


def test_the_documentation_reports_the_share_that_holds():
    text = DOC.read_text()
    n = len(CASES)
    assert f"The tested list below holds {n} of {n} (100%)" in text
    assert f"the {len(NOT_REPRODUCED)} cases the index does not reproduce" in text


def test_ties_rank_correlations_with_trade_and_igos(con):
    corr = validation.rank_correlations(con, (1990, 2014))
    assert len(corr) == 25
    assert corr["rho_trade"].between(0.4, 1).all() and corr["rho_igo"].between(0.4, 1).all()
