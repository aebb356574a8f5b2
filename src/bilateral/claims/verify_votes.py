"""Alignment claims, checked vote by vote in the UN General Assembly.

For each pair of states the recorded votes both cast are sorted into three
heaps: the same vote; opposition (yes against no); and a split (an abstention
against yes or no), which is neither agreement nor opposition. The verdict
says what the votes were. A claim about a topic (Ukraine) reads only the
votes whose title names it.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

from bilateral.claims import reads
from bilateral.claims.model import Claim, Evidence
from bilateral.claims.tolerance import OTHER

TOPICS = {"ukraine": re.compile(r"(?i)ukrain|crimea|zaporizh|russian federation in the human rights council")}
#: Shares of identical votes for "the same way": supported from, partly from.
SAME_SUPPORTED, SAME_PARTLY = 0.80, 0.50
#: Years read for an alignment claim with no year ("consistently", "have maintained").
DEFAULT_YEARS = 10
#: Years read for a claim about the present ("currently", "now").
CURRENT_YEARS = 3
#: The first year read for Ukraine votes: the Crimea resolution of 2014.
TOPIC_SINCE = {"ukraine": 2014}


def _day(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def tally(rows: list[dict], a: int, b: int) -> dict:
    """Same, opposed and split votes of A and B over the votes both cast."""
    by_vote: dict[object, dict[int, dict]] = {}
    for r in rows:
        by_vote.setdefault(r["vote_id"], {})[int(r["ccode"])] = r
    heaps = {"same": [], "opposed": [], "split": []}
    for pair in by_vote.values():
        if a in pair and b in pair:
            va, vb = pair[a]["vote"], pair[b]["vote"]
            heap = "same" if va == vb else "opposed" if {va, vb} == {"yes", "no"} else "split"
            heaps[heap].append((pair[a], va, vb))
    heaps["n"] = sum(len(v) for v in heaps.values())
    return heaps


def verify_one_vote(con, claim: Claim, as_of: date, names: dict[int, str]) -> None:
    """One state's vote on the resolutions of a month (or year) and topic."""
    n = claim.normalized
    voter, period = n["voter"][0], n.get("period")
    if not period or period.get("basis") != "stated":
        claim.verdict, claim.reason = "not_checkable", "too vague: the vote has no date"
        return
    rows = [r for r in reads.votes(con, [voter["ccode"]], period["year"], min(as_of, date(period["year"], 12, 31)))
            if int(r["year"]) == period["year"] and (not period.get("month") or r["date"].month == period["month"])]
    if n.get("topic"):
        rows = [r for r in rows if TOPICS[n["topic"]].search(str(r.get("topic_text") or ""))]
    if not rows:
        claim.verdict, claim.reason = "not_checkable", f"no data for that period: no recorded vote of {voter['name']} in {period['label']}{' on ' + n['topic'].title() if n.get('topic') else ''}"
        return
    for r in rows[:12]:
        claim.evidence.append(Evidence(f"{r.get('resolution') or r['vote_id']} {r.get('title') or ''} ({str(r['date'])[:10]}): {voter['name']} {r['vote']}",
                                       r["vote"], r["source"], int(r["year"]), "the claimed vote on every resolution of that date and topic"))
    hits = sum(r["vote"] == n["vote"] for r in rows)
    votes = ", ".join(sorted({r["vote"] for r in rows}))
    claim.verdict = "supported" if hits == len(rows) else "contradicted" if hits == 0 else "partly_supported"
    claim.reason = f"{voter['name']} voted {n['vote']} on {hits} of {len(rows)} recorded votes in {period['label']} (its votes: {votes})"


def verify_alignment(con, claim: Claim, as_of: date, names: dict[int, str]) -> None:
    n = claim.normalized
    if "voter" in n:
        verify_one_vote(con, claim, as_of, names)
        return
    states = n.get("states", [])
    if n.get("unmeasured"):
        claim.verdict, claim.reason = "not_checkable", f"too vague: no measure of '{n['unmeasured']}' exists; UN vote agreement is not the same claim"
        return
    if len(states) < 2:
        claim.verdict, claim.reason = "not_checkable", "the claim names fewer than two states"
        return
    topic = n.get("topic")
    period = n.get("period")
    if period and period.get("basis") == "stated" and period.get("since"):
        since, until = period["year"], as_of
    elif period and period.get("basis") == "stated":
        since, until = period["year"], min(as_of, date(period["year"], 12, 31))
    elif period:  # "currently", "now": the last three years
        since, until = as_of.year - CURRENT_YEARS, as_of
    else:
        since, until = TOPIC_SINCE.get(topic, as_of.year - DEFAULT_YEARS), as_of
    ccodes = [s["ccode"] for s in states]
    rows = reads.votes(con, ccodes, since, until)
    if period and period.get("basis") == "stated" and period.get("month"):  # "in March 2022", "since March 2022"
        first = date(period["year"], period["month"], 1)
        in_month = (lambda d: d >= first) if period.get("since") else (lambda d: (d.year, d.month) == (first.year, first.month))
        rows = [r for r in rows if in_month(_day(r["date"]))]
    if topic:
        rows = [r for r in rows if TOPICS[topic].search(str(r.get("topic_text") or ""))]
    sources = sorted({r["source"] for r in rows})
    verdicts, reasons = [], []
    for a, b in combinations(ccodes, 2):
        heaps = tally(rows, a, b)
        label = f"{names.get(a, a)}–{names.get(b, b)}"
        span = period["label"] if period and period.get("basis") == "stated" and not period.get("since") else f"{since}–{until.year}"
        about = f"{'Ukraine ' if topic else ''}votes {'since ' + period['label'] if period and period.get('since') else span}"
        if heaps["n"] == 0:
            verdicts.append(None)
            reasons.append(f"{label}: no recorded {about} cast by both")
            continue
        years = sorted({int(r["year"]) for r, _, _ in heaps["same"] + heaps["opposed"] + heaps["split"]})
        if period and period.get("basis") == "stated" and not period.get("since") and period["year"] not in years:
            verdicts.append(None)
            reasons.append(f"{label}: no votes in {period['year']}")
            continue
        summary = (f"{label}: the same vote on {len(heaps['same'])} of {heaps['n']} {about}; yes against no on {len(heaps['opposed'])}; "
                   f"an abstention against yes or no on {len(heaps['split'])} (neither agreement nor opposition)")
        reasons.append(summary)
        claim.evidence.append(Evidence(summary, {k: len(v) if isinstance(v, list) else v for k, v in heaps.items()},
                                       " + ".join(sources), years[-1], OTHER["votes_same"] + "; " + OTHER["votes_opposed"]))
        if heaps["n"] <= 12:
            for r, va, vb in sorted(heaps["same"] + heaps["opposed"] + heaps["split"], key=lambda t: str(t[0]["date"])):
                claim.evidence.append(Evidence(
                    f"{r.get('resolution') or r['vote_id']} {r.get('title') or ''} ({str(r['date'])[:10]}): {names.get(a, a)} {va}, {names.get(b, b)} {vb}",
                    {"a": va, "b": vb}, r["source"], int(r["year"])))
        verdicts.append(_pair_verdict(n, heaps))
    claim.verdict, claim.reason = _combine(verdicts, reasons)


def _pair_verdict(n: dict, heaps: dict) -> str:
    same, opposed, total = len(heaps["same"]), len(heaps["opposed"]), heaps["n"]
    if "same_votes" in n:
        k, of = n["same_votes"]
        return "supported" if (same, total) == (k, of) else "contradicted"
    if "opposed_votes" in n:
        k = n["opposed_votes"][0]
        return "supported" if opposed == k and (len(n["opposed_votes"]) < 2 or n["opposed_votes"][1] == total) else "contradicted"
    if re.search(r"(?i)opposed|against each other", n.get("phrase", "")):
        return "supported" if opposed > same else "contradicted"
    share = same / total
    if re.search(r"(?i)differently", n.get("phrase", "")):
        if n.get("quantifier") == "all":
            return "supported" if same == 0 else "contradicted"
        return "supported" if share < SAME_PARTLY else "contradicted"
    if n.get("quantifier") == "most":
        return "supported" if share > 0.5 else "contradicted"
    if n.get("quantifier") == "all":
        return "supported" if same == total else "contradicted"
    return "supported" if share >= SAME_SUPPORTED else "partly_supported" if share >= SAME_PARTLY else "contradicted"


def _combine(verdicts: list[str | None], reasons: list[str]) -> tuple[str, str]:
    known = [v for v in verdicts if v]
    reason = "; ".join(reasons)
    if not known:
        return "not_checkable", "no data for that period: " + reason
    if len(set(known)) == 1 and len(known) == len(verdicts):
        return known[0], reason
    if "supported" in known or "partly_supported" in known:
        return "partly_supported", "true for some pairs only: " + reason
    return "contradicted", reason
