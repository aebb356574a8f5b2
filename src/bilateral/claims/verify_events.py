"""Event claims (visits, meetings, exercises, agreements, accessions, ties),
checked against the ledger's dated events and China Vitae's trips.

The ledger is selective, so a missing event is never a contradiction. A claim
is contradicted only when what identifies the event (a leader's name, the
exercise's name) is recorded at another date and not at the claimed one, or
when a claim that an event was "the latest" meets a later one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from bilateral.claims import reads
from bilateral.constants import CHINA
from bilateral.claims.lexicon import PLACES, STAND_INS
from bilateral.claims.model import Claim, Evidence
from bilateral.claims.tolerance import OTHER

_GENERIC = {"joint", "drill", "drills", "exercise", "exercises", "military", "counter", "terror", "anti"}
#: China Vitae's leader names for the short forms a text uses.
VITAE_LEADERS = {"Xi": "Xi Jinping", "Li Keqiang": "Li Keqiang", "Wang Yi": "Wang Yi", "Wen Jiabao": "Wen Jiabao", "Hu Jintao": "Hu Jintao"}
_VISITS = {"state_visit", "official_visit", "leader_meeting"}
#: Events a pair has only once: a claim that dates them elsewhere is contradicted.
ONCE = {"diplomatic_ties_established"}


def _plain(text: str) -> str:
    """Without accents ('Orbán' → 'Orban'), for matching names across spellings."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _words(names: list[str]) -> set[str]:
    return {w.lower()[:5] for n in names for w in re.findall(r"[A-Za-z]{4,}", _plain(n)) if w.lower() not in _GENERIC}


def _name_years(names: list[str]) -> set[int]:
    """Years inside an event's name ('Falcon Attack 2024', 'Zapad-2021'): the event's own year."""
    return {int(y) for n in names for y in re.findall(r"(?:19|20)\d{2}", n)}


def _about(event: dict, subject: dict | None) -> bool:
    """Whether a signed agreement is on what the claim says: every word before
    'agreement' and one after 'on'/'to' appear in the ledger's title or detail."""
    if not subject or event["event_type"] != "agreement_signed":
        return True
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", _plain(f"{event['title']} {event['detail'] or ''}"))}
    return set(subject["head"]) <= stems and (not subject["about"] or bool(set(subject["about"]) & stems))


def _identifies(event: dict, persons: list[str], words: set[str], years: set[int], destination: dict | None, subject: dict | None = None) -> bool:
    if not _about(event, subject):
        return False
    text = _plain(f"{event['title']} {event['detail'] or ''}")
    # a leader's name counts in the title only: details mention whose greetings were passed on
    if persons and event["event_type"] in _VISITS and not any(re.search(rf"\b{re.escape(_plain(p))}\b", _plain(event["title"])) for p in persons):
        return False
    if words and not words & {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", text)}:
        return False
    if years and event["year"] not in years:
        return False
    if destination and event["event_type"] in _VISITS and not _in_destination(event, destination):
        return False
    return True


def _host(event: dict) -> str | None:
    """Where an event happened, as a state name: from its location (a capital
    or a country named), else its title ('visit to China'), else None."""
    place = str(event["location"] or "")
    for city, state in STAND_INS.items():
        if city in PLACES and city in place:
            return state
    for state in set(STAND_INS.values()):
        if state in place:
            return state
    title = re.search(r"\b(?:visit|trip) to ([A-Z][a-z]+)", str(event["title"]))
    return title.group(1) if title else None


def _in_destination(event: dict, destination: dict) -> bool:
    """A visit to (or a meeting in) the destination. The place decides; the
    ledger's actor order (visitor first) only when no place is given, since
    a few rows do not follow it."""
    host = _host(event)
    if host is not None:
        return host == destination["name"]
    return event["event_type"] != "leader_meeting" and event["actor2_iso3"] == destination["iso3"]


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
    if n.get("count"):
        claim.verdict, claim.reason = "not_checkable", f"a count of events ('{n['count']}'): the ledger is selective and China Vitae ends in 2018, so no complete count exists"
        return
    a, b = states[0]["ccode"], states[1]["ccode"]
    pair = f"{names.get(a, a)}–{names.get(b, b)}"
    when, recent = n.get("date"), n.get("recent")
    events = [e for e in reads.events(con, a, b) if (e["date_start"].date() if hasattr(e["date_start"], "date") else e["date_start"]) <= as_of]
    typed = [e for e in events if e["event_type"] in n["event_types"]]
    persons, words, years, dest = n.get("persons", []), _words(n.get("names", [])), _name_years(n.get("names", [])), n.get("destination")
    at_date = [e for e in typed if _at(e, when, as_of, recent)]
    subject = n.get("subject")
    identified = sorted((e for e in at_date if _identifies(e, persons, words, years, dest, subject)), key=lambda e: (e["is_alt"], n["event_types"].index(e["event_type"])))
    claimed = "recently" if recent else f"in {when['label']}"
    if identified and n.get("number"):
        _check_number(claim, identified, n["number"], claimed)
        return
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
    # Only a named event (not a leader, who meets often) can be dated elsewhere.
    elsewhere = [e for e in typed if _identifies(e, [], words, years, None)] if words else []
    if elsewhere:
        claim.evidence += [_evidence(e) for e in elsewhere[:4]]
        dates = ", ".join(sorted({e["date"] for e in elsewhere}))
        claim.verdict, claim.reason = "contradicted", f"the ledger dates it {dates}, not {claimed}"
        return
    once = [e for e in typed if e["event_type"] in ONCE]
    if once and when and not at_date and set(n["event_types"]) <= ONCE:
        claim.evidence += [_evidence(e) for e in once[:4]]
        claim.verdict, claim.reason = "contradicted", f"this happens once, and the ledger dates it {', '.join(sorted({e['date'] for e in once}))}, not {claimed}"
        return
    visits = [e for e in at_date if e["event_type"] in ("state_visit", "official_visit") and (not dest or _in_destination(e, dest))]
    if persons and dest and visits and n["event_types"][0] == "state_visit":
        claim.evidence += [_evidence(e) for e in visits[:4]]
        claim.verdict, claim.reason = "contradicted", f"the ledger records the visit {claimed} as: {visits[0]['title']} (not {', '.join(persons)})"
        return
    if _vitae(con, claim, a, b, names, when):
        return
    off_subject = [e for e in at_date if e["event_type"] == "agreement_signed" and not _about(e, subject)]
    if off_subject:
        claim.evidence += [_evidence(e) for e in off_subject[:4]]
        claim.verdict = "not_checkable"
        claim.reason = f"the ledger records agreements signed {claimed}, but none it says is on what the claim names; the ledger is selective"
        return
    claim.verdict = "not_checkable"
    claim.reason = f"no {'/'.join(n['event_types'])} between {pair} {claimed} in the ledger, which is selective: absence is not evidence it did not happen"


_NUMBER = re.compile(r"\b(\d+)\s+(?:[a-z-]+\s+)?(?:agreements|documents|accords|deals|memoranda)\b", re.I)


def _check_number(claim: Claim, events: list[dict], number: int, claimed: str) -> None:
    """'signed 18 agreements': the number the ledger's row gives, if it gives one."""
    stated = {int(m) for e in events for m in _NUMBER.findall(f"{e['title']} {e['detail'] or ''}")}
    claim.evidence += [_evidence(e) for e in events[:4]]
    if number in stated:
        claim.verdict, claim.reason = "supported", f"the ledger records {number} signed {claimed}: {events[0]['title']}"
    elif stated:
        claim.verdict, claim.reason = "contradicted", f"the ledger records {', '.join(map(str, sorted(stated)))} signed {claimed}, not {number}"
    else:
        claim.verdict, claim.reason = "not_checkable", f"the ledger records signing {claimed} but not how many documents"


def _vitae(con, claim: Claim, a: int, b: int, names: dict[int, str], when: dict | None) -> bool:
    """China Vitae (2003–2018) for a named Chinese leader's trip; True when it decided."""
    n = claim.normalized
    leader = next((VITAE_LEADERS[p] for p in n.get("persons", []) if p in VITAE_LEADERS), None)
    span = reads.engagement_years(con)
    if not leader or not when or not span or not (span[0] <= when["year"] <= span[1]) or 710 not in (a, b) or not set(n["event_types"]) & _VISITS:
        return False
    other = b if a == CHINA else a
    dest = n.get("destination")
    place = (lambda r: dest["name"] in str(r["place"])) if dest else (lambda r: True)  # a visit: in the country itself
    rows = [r for r in reads.engagements(con, other, when["year"]) if r["leader"] == leader and place(r)]
    if when.get("month"):
        rows = [r for r in rows if r["date"].month == when["month"]]
    source = "China Vitae engagements (chinavitae)"
    if rows:
        claim.evidence += [Evidence(f"{r['date'].date()} {leader} in {r['place']}", str(r["date"].date()), source, when["year"], OTHER["event_date"]) for r in rows[:4]]
        claim.verdict, claim.reason = "supported", f"China Vitae records {leader} abroad in {names.get(other, other)} in {when['label']}"
    else:
        years = sorted({y for y in range(span[0], span[1] + 1) for r in reads.engagements(con, other, y) if r["leader"] == leader and place(r)})
        if not years:
            return False
        claim.evidence.append(Evidence(f"{leader}'s recorded trips concerning {names.get(other, other)}: {', '.join(map(str, years))}", years, source, years[-1], OTHER["event_date"]))
        claim.verdict, claim.reason = "contradicted", f"China Vitae records {leader}'s trips to {names.get(other, other)} in {', '.join(map(str, years))}, not in {when['label']}"
    return True
