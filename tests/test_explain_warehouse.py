"""Explanations on the session warehouse: China–Belarus names Russia as the
default third state, and peers and blocs give sensible, cited statements for
China–Belarus, China–Serbia and USA–Poland. Every number in a statement is a
value (or year) in its evidence, as the brief requires of its sentences."""

from __future__ import annotations

import json

import duckdb
import pytest

from bilateral.evidence import Statement
from bilateral.explain import ExplainError, explain

CHINA, BELARUS, RUSSIA, SERBIA, USA, POLAND = 710, 370, 365, 345, 2, 290
DYADS = (("CHN", "BLR"), ("CHN", "SRB"), ("USA", "POL"))

from evidence_numbers import unsupported_in as unsupported_numbers  # noqa: E402 - the checker shared with tests/test_report.py


def _statements_only(value):
    """JSON default that accepts statements (written with their to_dict()) and nothing else."""
    if isinstance(value, Statement):
        return value.to_dict()
    raise TypeError(f"not JSON: {type(value).__name__}")


@pytest.fixture(scope="module")
def explained(warehouse_db):
    """Each dyad explained once (the determinants model is fitted once per process)."""
    with duckdb.connect(str(warehouse_db), read_only=True) as con:
        yield {dyad: explain(con, *dyad) for dyad in DYADS}


def test_china_belarus_default_third_state_is_russia(explained):
    triad = explained[("CHN", "BLR")]["triad"]
    assert triad["third"]["ccode"] == RUSSIA and triad["third"]["default"]
    assert triad["closest"][0]["third"] == RUSSIA
    assert "jointly closest to" in triad["statements"][0].text and "Russia" in triad["statements"][0].text


@pytest.mark.parametrize("dyad", DYADS)
def test_every_statement_is_cited_and_every_number_is_in_its_evidence(explained, dyad):
    out = explained[dyad]
    json.dumps(out, default=_statements_only)  # the JSON contract: plain values, and statements with their to_dict()
    for part in ("trajectory", "triad", "blocs", "peers", "determinants"):
        assert out[part]["statements"], part
        for statement in out[part]["statements"]:
            assert statement.evidence, statement.text
            for e in statement.evidence:
                assert {"source", "measure", "value", "unit"} <= set(e.to_dict()) and (e.year is not None or e.date is not None)
            assert unsupported_numbers(statement) == [], (part, statement.text)


def test_china_belarus_peers_are_belarus_region_without_russia(explained):
    peers = explained[("CHN", "BLR")]["peers"]
    iso = {p["name"] for p in peers["peers"]}
    assert {"Poland", "Hungary", "Czechia", "Slovakia", "Romania", "Bulgaria", "Ukraine", "Moldova",
            "Estonia", "Latvia", "Lithuania"} == iso
    composite = next(s for s in peers["statements"] if s.text.startswith("On the composite"))
    assert "Belarus ranked" in composite.text and any(e.measure.startswith("composite_index_rank_of_BLR") for e in composite.evidence)


@pytest.mark.parametrize("dyad", DYADS)
def test_blocs_judge_drift_for_the_eu_and_nato(explained, dyad):
    out = explained[dyad]["blocs"]
    for bloc in ("eu", "nato"):
        assert set(out["drift"][bloc]) == {"all", "recent"}
        assert out["drift"][bloc]["all"]["verdict"] in {"together_in_step", "together_not_in_step", "opposite", "not_together"}
    texts = " ".join(s.text for s in out["statements"])
    assert "ideal-point distance to the EU" in texts and "ideal-point distance to NATO" in texts
    assert "sanction" in texts  # the ledger's sanctions, or a plain statement that it records none


def test_usa_poland_blocs_state_membership_and_skip_the_usa_bloc(explained):
    out = explained[("USA", "POL")]["blocs"]
    texts = [s.text for s in out["statements"]]
    assert any("Poland has been a member of NATO since 12 March 1999" in t for t in texts)
    assert "usa" not in out["drift"] and not any("distance to the United States" in t for t in texts)


def test_determinants_place_china_belarus_against_the_average_dyad(explained):
    det = explained[("CHN", "BLR")]["determinants"]
    assert {c["term"] for c in det["coefficients"]} >= {"shared_alignment", "regime_difference", "log_distance",
                                                          "capability_ratio", "alliance", "rivalry", "igo_shared"}
    assert "igo_shared" not in det["outcome_indicators"] and "atop_any" not in det["outcome_indicators"]
    assert det["contributions"] and any("average dyad" in s.text for s in det["statements"])
    assert any("not causes" in s.text for s in det["statements"])


def test_same_state_twice_and_a_third_state_from_the_pair_are_errors(con):
    with pytest.raises(ExplainError, match="same state"):
        explain(con, "CHN", "PRC", parts=())
    with pytest.raises(ExplainError, match="one of the pair"):
        explain(con, "CHN", "BLR", third="Belarus", parts=())
