"""The claim checker: the evaluation set, the inputs it refuses, the URL
path (a local server, no internet), the outputs, and the vote-by-vote rules
on hand-built votes."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import math
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bilateral.claims import check_source, check_text, reads
from bilateral.claims.inputs import MAX_BYTES, ClaimInputError, read_source
from bilateral.claims.verify_votes import tally
from bilateral.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claims_eval  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LEDGER = REPO / "src" / "bilateral" / "ledger"
CHINA, BELARUS, RUSSIA, HUNGARY = 710, 370, 365, 310
runner = CliRunner()


@pytest.fixture(scope="module")
def db(warehouse_db):
    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def evaluated(db):
    return claims_eval.run(db)


# -- the evaluation set ----------------------------------------------------
def test_evaluation_set_is_large_and_varied():
    assert len(claims_eval.CASES) >= 50
    assert {c[0] for c in claims_eval.CASES} == set(claims_eval.TEXTS)
    assert sum(c[3] == "false" for c in claims_eval.CASES) >= 15
    assert {c[2] for c in claims_eval.CASES} == {"supported", "contradicted", "partly_supported", "not_checkable"}


def test_every_labelled_claim_is_found(evaluated):
    missing = [case[:2] for case, claim in evaluated if claim is None]
    assert not missing


def test_verdicts_are_at_least_90_percent_right(evaluated):
    wrong = [(case, claim.verdict, claim.reason) for case, claim in evaluated if claim and claim.verdict != case[2]]
    assert len(wrong) <= 0.1 * len(evaluated), wrong


def test_no_false_claim_is_supported(evaluated):
    assert not [case for case, claim in evaluated if case[3] == "false" and claim and claim.verdict == "supported"]


def test_docs_carry_the_current_evaluation_and_tolerances(evaluated):
    from bilateral.claims.tolerance import markdown

    text = (REPO / "docs" / "claims.md").read_text()
    assert markdown() in text, "regenerate the tolerance table: python -m bilateral.claims.tolerance"
    assert claims_eval.markdown(evaluated) in text, "regenerate the evaluation: python tests/claims_eval.py"


# -- figures checked against the raw ledger files ----------------------------
def _ledger(name: str) -> list[dict]:
    with open(LEDGER / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_trade_evidence_is_the_ledgers_full_year_figures(db):
    raw = sorted(float(r["value_usd_millions"]) for r in _ledger("trade_reported.csv")
                 if r["year"] == "2023" and {r["partner_a_iso3"], r["partner_b_iso3"]} == {"CHN", "BLR"}
                 and r["measure"] == "total_trade" and r["period"] == "full_year")
    claim = check_text("In 2023, trade between China and Belarus exceeded $8.4 billion.", con=db, as_of=date(2024, 9, 1)).claims[0]
    assert sorted(e.value for e in claim.evidence) == raw == [8400.0, 8400.0, 8500.0]
    assert claim.verdict == "supported"


def test_ukraine_votes_tally_matches_the_raw_key_votes(db):
    """Month by month (the months the roll-call table, whichever it is, agrees
    on), the tally in the verdict is the one read from the raw ledger file."""
    votes: dict[tuple, dict[str, str]] = {}
    for r in _ledger("unga_key_votes.csv"):
        votes.setdefault((r["date"][:7], r["resolution"]), {})[r["country_iso3"]] = r["vote"]
    months = {}
    for (month, _), v in votes.items():
        if "CHN" in v and "BLR" in v and month < "2024":
            same, n = months.get(month, (0, 0))
            months[month] = (same + (v["CHN"] == v["BLR"]), n + 1)
    assert sum(n for _, n in months.values()) == 6 and sum(s for s, _ in months.values()) == 2
    for month, (same, n) in months.items():
        name = date.fromisoformat(month + "-01").strftime("%B %Y")
        claim = check_text(f"In {name}, China and Belarus voted the same way on {same} of {n} UN votes on Ukraine.", con=db, as_of=date(2024, 9, 1)).claims[0]
        assert claim.verdict == "supported", (month, claim.reason)
        assert f"the same vote on {same} of {n}" in claim.reason and "yes against no on 0" in claim.reason


# -- the rules, on hand-built data -------------------------------------------
def _vote(rcid, ccode, vote):
    return {"vote_id": rcid, "ccode": ccode, "vote": vote}


def test_abstention_is_neither_agreement_nor_opposition():
    rows = [_vote(1, CHINA, "yes"), _vote(1, BELARUS, "yes"), _vote(2, CHINA, "yes"), _vote(2, BELARUS, "no"),
            _vote(3, CHINA, "abstain"), _vote(3, BELARUS, "no"), _vote(4, CHINA, "yes")]  # 4: Belarus absent
    heaps = tally(rows, CHINA, BELARUS)
    assert (len(heaps["same"]), len(heaps["opposed"]), len(heaps["split"]), heaps["n"]) == (1, 1, 1, 3)


def _tiny_warehouse(with_merged: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE core_unvotes__votes (rcid BIGINT, ccode BIGINT, date DATE, year BIGINT, vote VARCHAR)")
    con.execute("CREATE TABLE core_unvotes__roll_calls (rcid BIGINT, unres VARCHAR, short VARCHAR, descr VARCHAR)")
    con.execute("INSERT INTO core_unvotes__votes VALUES (1, 710, '2019-12-01', 2019, 'yes'), (1, 370, '2019-12-01', 2019, 'yes')")
    con.execute("INSERT INTO core_unvotes__roll_calls VALUES (1, 'A/RES/74/1', 'old', 'old roll call')")
    if with_merged:
        con.execute("CREATE TABLE out_un_votes (rcid VARCHAR, date DATE, year BIGINT, resolution VARCHAR, title VARCHAR, ccode BIGINT, vote VARCHAR, source VARCHAR)")
        con.execute("""INSERT INTO out_un_votes VALUES
            ('u1', '2025-03-01', 2025, 'A/RES/79/9', 'Ukraine test', 710, 'abstain', 'unxml'),
            ('u1', '2025-03-01', 2025, 'A/RES/79/9', 'Ukraine test', 370, 'no', 'unxml')""")
    return con


def test_votes_come_from_out_un_votes_when_the_warehouse_has_it():
    merged = reads.votes(_tiny_warehouse(True), [CHINA, BELARUS], 2000, date(2026, 1, 1))
    assert {r["source"] for r in merged} == {"unxml"} and len(merged) == 2
    old = reads.votes(_tiny_warehouse(False), [CHINA, BELARUS], 2000, date(2026, 1, 1))
    assert {r["source"] for r in old} == {"unvotes"} and {r["resolution"] for r in old} == {"A/RES/74/1"}


def test_votes_after_the_as_of_date_are_not_read():
    assert reads.votes(_tiny_warehouse(True), [CHINA, BELARUS], 2000, date(2024, 12, 31)) == []


def test_a_claim_about_2023_is_not_settled_by_2014_data(db):
    claim = check_text("In 2023, China was Belarus’s largest trading partner in Asia.", con=db, as_of=date(2024, 9, 1)).claims[0]
    assert claim.verdict == "not_checkable" and "no data for that period" in claim.reason
    assert all(e.year != 2023 and "context only" in e.description for e in claim.evidence)


def test_relative_dates_resolve_from_the_as_of_date(db):
    text = "China and Belarus established diplomatic ties 30 years ago."
    assert check_text(text, con=db, as_of=date(2022, 6, 1)).claims[0].verdict == "supported"
    assert check_text(text, con=db, as_of=date(2030, 6, 1)).claims[0].verdict == "contradicted"


# -- inputs ------------------------------------------------------------------
@pytest.mark.parametrize("content, message", [
    (b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01binary\x00" * 10, "binary"), (b"a" * (MAX_BYTES + 1), "limit"), (b"\xff\xfe\xfa", "UTF-8"),
])
def test_bad_input_is_refused_with_exit_2(tmp_path, content, message, warehouse_db):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ClaimInputError, match=message):
        read_source(path)
    result = runner.invoke(app, ["check", str(path), "--db", str(warehouse_db)])
    assert result.exit_code == 2 and message in result.output


def test_missing_file_and_bad_options_exit_2(tmp_path, warehouse_db):
    assert runner.invoke(app, ["check", str(tmp_path / "nope.txt"), "--db", str(warehouse_db)]).exit_code == 2
    seed = str(claims_eval.SEED)
    assert runner.invoke(app, ["check", seed, "--as-of", "yesterday", "--db", str(warehouse_db)]).exit_code == 2
    assert runner.invoke(app, ["check", seed, "--format", "pdf", "--db", str(warehouse_db)]).exit_code == 2


def test_markdown_loses_its_markup_and_html_its_page_furniture():
    md = read_source(claims_eval.FIXTURES / "russia-belarus.md")
    assert md.format == "markdown" and "# " not in md.text and "*Published" not in md.text and "Published: 10 January 2025" in md.text
    page = read_source(claims_eval.FIXTURES / "china-hungary.html")
    assert page.format == "html" and "paid a state visit to Hungary in May 2024" in page.text
    assert "Subscribe" not in page.text and "tracking" not in page.text and "Privacy" not in page.text


@pytest.fixture()
def local_server():
    """A local HTTP server over the fixtures folder (127.0.0.1 only, no internet)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(claims_eval.FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_and_checked_like_the_file(local_server, db):
    with pytest.raises(ClaimInputError, match="private address"):  # SSRF protection by default
        read_source(f"{local_server}/china-hungary.html")
    from_url = check_source(f"{local_server}/china-hungary.html", con=db, allow_private=True)
    from_file = check_source(claims_eval.FIXTURES / "china-hungary.html", con=db)
    assert from_url.origin.startswith("http://127.0.0.1")
    assert [(c.text, c.verdict) for c in from_url.claims] == [(c.text, c.verdict) for c in from_file.claims]
    assert len(from_url.claims) >= 15


def test_an_unreachable_url_is_a_clear_error(local_server):
    with pytest.raises(ClaimInputError, match="could not fetch"):
        read_source(f"{local_server}/missing-page.html", allow_private=True)


# -- outputs -----------------------------------------------------------------
def test_json_has_the_documented_shape_and_offsets(db):
    result = check_source(claims_eval.SEED, con=db)
    data = json.loads(result.to_json())
    text = claims_eval.SEED.read_text(encoding="utf-8")
    assert data["as_of"] == "2024-08-31" and data["dyad"] == ["China", "Belarus"]
    for claim in data["claims"]:
        assert set(claim) == {"text", "start", "end", "kind", "normalized", "verdict", "reason", "evidence"}
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["reason"]
        for evidence in claim["evidence"]:
            assert {"description", "value", "source", "year", "tolerance"} <= set(evidence)


def test_html_escapes_everything_and_needs_no_other_file(db):
    text = 'In 2014, trade between China and Belarus exceeded $3 billion <script>alert("x")</script> & more. The <b>ties</b> are a model of "cooperation".'
    page = check_text(text, con=db, as_of=date(2024, 9, 1)).to_html()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # Jinja2 spells " as &#34;
    assert "<b>ties</b>" not in page
    assert page.count("<mark") == 2 and "supported" in page and "not checkable" in page
    assert 'src="http' not in page and "<link" not in page


def test_the_checked_page_comes_from_an_autoescaped_template():
    """Issue 11: no hand-built markup; the template engine escapes every text."""
    import inspect
    import re

    from bilateral.claims import render_html
    from bilateral.claims.model import CheckResult

    body = inspect.getsource(render_html).split('"""', 2)[2]
    assert not re.findall(r"<(?:mark|span|li|ul|a|main|style|script)\b", body)
    page = render_html.render_html(CheckResult(text="A <i>b</i>", as_of=date(2024, 9, 1), as_of_basis="given",
                                               dyad=(), claims=[], origin="x\" onload=\"y"))
    assert "<i>" not in page and 'onload="y"' not in page and "no pair of states found" in page

def test_cli_writes_the_three_outputs(tmp_path, warehouse_db):
    result = runner.invoke(app, ["check", str(claims_eval.SEED), "--db", str(warehouse_db), "--format", "table,json,html", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "claims.json").read_text())
    assert len(data["claims"]) >= 20
    assert (tmp_path / "claims.html").read_text().startswith("<!doctype html>")
    assert "Example: bilateral check" in runner.invoke(app, ["check", "--help"]).output


def test_check_starts_without_the_statistics_stack():
    code = "import sys, bilateral.cli, bilateral.claims, bilateral.warehouse, bilateral.claims.verify; print(sorted(m for m in ('scipy', 'statsmodels', 'ruptures') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip() == "[]"


def _raw_rank(mirror, owner: int, partner: int, year: int) -> int:
    """A partner's trade rank read straight from peacesciencer's COW file (flow1 + flow2)."""
    import pyreadr

    frame = pyreadr.read_r(str(mirror / "cow" / "cow_trade_ndy.rda"))["cow_trade_ndy"]
    rows = frame[(frame.year == year) & ((frame.ccode1 == owner) | (frame.ccode2 == owner))]
    totals = {int(r.ccode2 if r.ccode1 == owner else r.ccode1): r.flow1 + r.flow2 for r in rows.itertuples() if r.flow1 >= 0 and r.flow2 >= 0}
    return 1 + sum(v > totals[partner] for v in totals.values())


def test_ordinal_rankings_match_the_raw_cow_file(db, mirror):
    assert _raw_rank(mirror, RUSSIA, BELARUS, 2014) == 6
    assert _raw_rank(mirror, BELARUS, CHINA, 2010) == 4
    day = date(2024, 9, 1)
    sixth = check_text("In 2014, Belarus was Russia's sixth largest trading partner.", con=db, as_of=day).claims[0]
    assert sixth.normalized["rank"] == 6 and sixth.verdict == "supported"
    fourth = check_text("In 2010, China was Belarus’s 4th largest trading partner.", con=db, as_of=day).claims[0]
    assert fourth.verdict == "supported"
    second = check_text("In 2014, Russia was Belarus's second largest trading partner.", con=db, as_of=day).claims[0]
    assert second.verdict == "contradicted" and "ranked 1" in second.reason


@pytest.mark.parametrize("text, expected, basis", [
    ("Published: September 1, 2024\n\nIn 2023 trade grew.", date(2024, 9, 1), "dateline"),
    ("Published: 10 January 2025\nXi met Lukashenko in July 2024.", date(2025, 1, 10), "dateline"),
    ("Xi met Lukashenko in July 2024 and Putin in May 2023.", date(2024, 7, 31), "latest date mentioned"),
    ("The agreement was signed in October 2023 and came into force in 2024.", date(2024, 12, 31), "latest year mentioned"),
    ("No date here at all.", date(2026, 3, 1), "today"),
])
def test_the_as_of_date_is_inferred(text, expected, basis):
    from bilateral.claims.dates import infer_as_of

    day, how = infer_as_of(text, today=date(2026, 3, 1))
    assert day == expected and how.startswith(basis)
    assert infer_as_of(text, given=date(2020, 1, 1), today=date(2026, 3, 1)) == (date(2020, 1, 1), "given")


def test_every_claim_has_a_known_kind_and_verdict(evaluated):
    from bilateral.claims.model import KINDS, VERDICTS

    assert {c.kind for _, c in evaluated if c} <= set(KINDS)
    assert {c.verdict for _, c in evaluated if c} <= set(VERDICTS)


def test_growth_rates_match_the_raw_cow_file(db, mirror):
    import pyreadr

    frame = pyreadr.read_r(str(mirror / "cow" / "cow_trade_ndy.rda"))["cow_trade_ndy"]
    pair = frame[(frame.ccode1 == BELARUS) & (frame.ccode2 == CHINA)].set_index("year")
    raw = 100 * ((pair.flow1 + pair.flow2)[2013] / (pair.flow1 + pair.flow2)[2012] - 1)
    claim = check_text(f"In 2013, trade between China and Belarus grew by {raw:.1f}%.", con=db, as_of=date(2024, 9, 1)).claims[0]
    assert claim.verdict == "supported" and f"{raw:+.1f}%" in claim.reason
    wrong = check_text(f"In 2013, trade between China and Belarus grew by {raw + 5:.1f}%.", con=db, as_of=date(2024, 9, 1)).claims[0]
    assert wrong.verdict == "contradicted"


def test_no_growth_rate_across_the_seam_of_the_trade_splice(db):
    sources = reads.trade_sources(db, CHINA, BELARUS)
    if sources.get(2014) == sources.get(2015):
        pytest.skip("this warehouse's trade series has no seam between 2014 and 2015")
    claim = check_text("In 2015, trade between China and Belarus grew by 10%.", con=db, as_of=date(2024, 9, 1)).claims[0]
    assert claim.verdict == "not_checkable" and "no source gives" in claim.reason
