"""Event claims (visits, meetings, exercises, agreements, accessions, ties),
checked against the ledger's dated events and China Vitae's trips.

The ledger is selective, so a missing event is never a contradiction. A claim
is contradicted only when what identifies the event (a leader's name, the
exercise's name) is recorded at another date and not at the claimed one, or
when a claim that an event was "the latest" meets a later one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bilateral.claims import reads
from bilateral.claims.model import Claim, Evidence
from bilateral.claims.tolerance import OTHER

_GENERIC = {"joint", "drill", "drills", "exercise", "exercises", "military", "counter", "terror", "anti"}
#: China Vitae's leader names for the short forms a text uses.
VITAE_LEADERS = {"Xi": "Xi Jinping", "Li Keqiang": "Li Keqiang", "Wang Yi": "Wang Yi"}
_VISITS = {"state_visit", "official_visit", "leader_meeting"}


def _words(names: list[str]) -> set[str]:
    return {w.lower()[:5] for n in names for w in re.findall(r"[A-Za-z]{4,}", n) if w.lower() not in _GENERIC}


def _identifies(event: dict, persons: list[str], words: set[str]) -> bool:
    text = f"{event['title']} {event['detail'] or ''}"
    if persons and not any(re.search(rf"\b{re.escape(p)}\b", text) for p in persons):
        return False
    if words and not words & {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", text)}:
        return False
    return True


def _at(event: dict, when: dict | None, as_of: date, recent: bool) -> bool:
    start = event["date_start"].date() if hasattr(event["date_start"], "date") else event["date_start"]
    if recent:
        return as_of - timedelta(days=366) <= start <= as_of
    if event["year"] != when["year"]:
        return False
    if when.get("month") and start.month != when["month"]:
        return False
    if when.get("day") and event["date_precision"] == "day" and start.day != when["day"]:
        return False
    return True


def _evidence(e: dict) -> Evidence:
    return Evidence(f"{e['date']} {e['event_type']}: {e['title']}", e["date"], f"ledger: {e['source_publisher']}",
                    int(e["year"]), OTHER["event_date"], e["source_url"])


def verify_event(con, claim: Claim, as_of: date, names: dict[int, str]) -> None:
    n = claim.normalized
    states = n.get("states", [])
    if len(states) < 2:
        claim.verdict, claim.reason = "not_checkable", "the claim names fewer than two states"
        return
    a, b = states[0]["ccode"], states[1]["ccode"]
    pair = f"{names.get(a, a)}–{names.get(b, b)}"
    when, recent = n.get("date"), n.get("recent")
    events = [e for e in reads.events(con, a, b) if (e["date_start"].date() if hasattr(e["date_start"], "date") else e["date_start"]) <= as_of]
    typed = [e for e in events if e["event_type"] in n["event_types"]]
    persons, words = n.get("persons", []), _words(n.get("names", []))
    at_date = [e for e in typed if _at(e, when, as_of, recent)]
    identified = sorted((e for e in at_date if _identifies(e, persons, words)), key=lambda e: (e["is_alt"], n["event_types"].index(e["event_type"])))
    claimed = "recently" if recent else f"in {when['label']}"
    if identified:
        claim.evidence += [_evidence(e) for e in identified[:4]]
        later = [e for e in typed if not e["is_alt"] and e["date_start"] > max(i["date_start"] for i in identified)
                 and e["event_type"] == identified[0]["event_type"] and e["date"][:7] != identified[-1]["date"][:7]]
        if n.get("latest") and later:
            claim.evidence.append(_evidence(later[-1]))
            claim.verdict, claim.reason = "contradicted", f"the ledger records a later one: {later[-1]['date']} {later[-1]['title']}"
            return
        claim.verdict, claim.reason = "supported", f"the ledger records it {claimed}: {identified[0]['date']} {identified[0]['title']}"
        return
    elsewhere = [e for e in typed if _identifies(e, persons, words)] if (persons or words) else []
    if elsewhere:
        claim.evidence += [_evidence(e) for e in elsewhere[:4]]
        dates = ", ".join(sorted({e["date"] for e in elsewhere}))
        claim.verdict, claim.reason = "contradicted", f"the ledger dates it {dates}, not {claimed}"
        return
    if persons and at_date and set(n["event_types"]) & _VISITS:
        claim.evidence += [_evidence(e) for e in at_date[:4]]
        claim.verdict, claim.reason = "contradicted", f"the ledger records {claimed} {at_date[0]['title']}, not {', '.join(persons)}"
        return
    if _vitae(con, claim, a, b, names, when):
        return
    claim.verdict = "not_checkable"
    claim.reason = f"no {'/'.join(n['event_types'])} between {pair} {claimed} in the ledger, which is selective: absence is not evidence it did not happen"


def _vitae(con, claim: Claim, a: int, b: int, names: dict[int, str], when: dict | None) -> bool:
    """China Vitae (2003–2018) for a named Chinese leader's trip; True when it decided."""
    n = claim.normalized
    leader = next((VITAE_LEADERS[p] for p in n.get("persons", []) if p in VITAE_LEADERS), None)
    span = reads.engagement_years(con)
    if not leader or not when or not span or not (span[0] <= when["year"] <= span[1]) or 710 not in (a, b) or not set(n["event_types"]) & _VISITS:
        return False
    other = b if a == 710 else a
    rows = [r for r in reads.engagements(con, other, when["year"]) if r["leader"] == leader]
    if when.get("month"):
        rows = [r for r in rows if r["date"].month == when["month"]]
    source = "China Vitae engagements (chinavitae)"
    if rows:
        claim.evidence += [Evidence(f"{r['date'].date()} {leader} in {r['place']}", str(r["date"].date()), source, when["year"], OTHER["event_date"]) for r in rows[:4]]
        claim.verdict, claim.reason = "supported", f"China Vitae records {leader} abroad in {names.get(other, other)} in {when['label']}"
    else:
        years = sorted({y for y in range(span[0], span[1] + 1) for r in reads.engagements(con, other, y) if r["leader"] == leader})
        if not years:
            return False
        claim.evidence.append(Evidence(f"{leader}'s recorded trips concerning {names.get(other, other)}: {', '.join(map(str, years))}", years, source, years[-1], OTHER["event_date"]))
        claim.verdict, claim.reason = "contradicted", f"China Vitae records {leader}'s trips to {names.get(other, other)} in {', '.join(map(str, years))}, not in {when['label']}"
    return True
