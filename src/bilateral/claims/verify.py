"""Give each claim a verdict with its evidence.

One function per kind; events and votes have their own modules. Every
function reads only the claim's own period: other years may be cited as
context, but they never decide (a 2023 claim against 2014 data is
not_checkable). When in doubt the verdict is not_checkable.
"""

from __future__ import annotations

from datetime import date

from bilateral.claims import reads
from bilateral.claims.model import Claim, Evidence
from bilateral.claims.tolerance import OTHER, comparator
from bilateral.claims.verify_events import verify_event
from bilateral.claims.verify_votes import verify_alignment

COW = "cow_trade"
#: Yearly growth for "rapidly" / "sharply".
RAPID = 0.10


def verify_all(con, claims: list[Claim], as_of: date, names: dict[int, str]) -> None:
    """Set the verdict, reason and evidence of every claim in place."""
    titles = reads.source_titles(con)
    for claim in claims:
        handler = HANDLERS.get(claim.kind)
        if handler is None:
            claim.verdict, claim.reason = "not_checkable", "opinion or forecast: no fact to check"
            continue
        handler(con, claim, as_of, names, titles)


def _pair(claim: Claim) -> tuple[int, int] | None:
    states = claim.normalized.get("states") or []
    return (states[0]["ccode"], states[1]["ccode"]) if len(states) >= 2 else None


#: How an evidence label names each source of the spliced trade series.
_SERIES = {COW: "COW", "imf_dots": "IMF DOTS"}


def _title(con, owner: dict, partner: dict, year: int, titles: dict) -> str:
    """The title of the source of the pair's trade figures in ``year`` (COW or IMF DOTS)."""
    source = reads.trade_sources(con, owner["ccode"], partner["ccode"]).get(year, COW)
    return titles.get(source, source)


def _trade_evidence(con, a: int, b: int, metric: str, year: int, titles: dict) -> list[Evidence]:
    """Full-year figures for ``year``: COW's, then each ledger report."""
    out = []
    cow = reads.cow_trade(con, a, b, metric).get(year)
    if cow is not None:
        source = reads.trade_sources(con, a, b).get(year, COW)
        out.append(Evidence(f"{metric} {year} ({_SERIES[source]})", cow, titles.get(source, source), year))
    for row in reads.ledger_trade(con, a, b, metric):
        if row["year"] == year and row["period"] == "full_year":
            out.append(Evidence(f"{metric} {year} reported by {row['reporter']}" + (f" ({row['note']})" if row["note"] else ""),
                                row["value_musd"], f"ledger: {row['source_publisher']}", year, url=row["source_url"]))
    return out


def verify_quantity(con, claim: Claim, as_of: date, names: dict, titles: dict) -> None:
    n = claim.normalized
    pair, period = _pair(claim), n.get("period")
    if n.get("growth") and n.get("metric") and n.get("period") and _pair(claim):
        verify_growth(con, claim, titles)
        return
    if n.get("unit") != "musd" or not n.get("metric"):
        claim.verdict, claim.reason = "not_checkable", "no measure in the warehouse for this figure (trade values in US dollars and yearly trade growth are checked)"
        return
    if not pair or not period:
        claim.verdict, claim.reason = "not_checkable", "too vague: the figure has no year" if pair else "the claim names fewer than two states"
        return
    a, b = pair
    year, rule = period["year"], comparator(n.get("comparator"))
    found = _trade_evidence(con, a, b, n["metric"], year, titles)
    if not found:
        context = _nearest(con, a, b, n["metric"], year, titles)
        claim.evidence += context
        where = f"; nearest figure: {context[0].year}" if context else ""
        claim.verdict, claim.reason = "not_checkable", f"no data for that period: no full-year {n['metric']} figure for {year}{where}"
        return
    for e in found:
        e.tolerance = f"{rule.name}: {rule.meaning}"
    held = [e for e in found if rule.holds(float(e.value), n["value"])]
    claim.evidence += found
    values = "; ".join(f"{e.value:,.0f} million USD ({e.source})" for e in found)
    disagree = " Sources disagree." if len({round(float(e.value)) for e in found}) > 1 else ""
    claim.reason = f"claimed {n['comparator'] or 'a figure of'} {n['value']:,.0f} million USD in {year}; sources: {values}.{disagree}"
    if rule.name == "at_most":
        claim.verdict = "supported" if len(held) == len(found) else "contradicted" if not held else "partly_supported"
    else:
        claim.verdict = "supported" if held else "contradicted"


#: Percentage points of slack for a growth rate: a bare figure, "about".
GROWTH_SLACK = {"equal": 1.5, "about": 3.0}


def verify_growth(con, claim: Claim, titles: dict) -> None:
    """'Trade grew by 30% in 2022': the year's full-year figure against the
    year before, from one source at a time (one reporting side, or COW)."""
    n = claim.normalized
    (a, b), year = _pair(claim), n["period"]["year"]
    series = _series_by_side(con, (a, b), n["metric"], year - 1, year, titles)
    series = {k: v for k, v in series.items() if [p[0] for p in v] == [year - 1, year]}
    sources = reads.trade_sources(con, a, b)
    if "COW" in series and sources.get(year - 1, COW) != sources.get(year, COW):  # the splice's seam: two sources, no growth rate
        del series["COW"]
    if not series:
        claim.verdict, claim.reason = "not_checkable", f"no data for that period: no source gives full-year {n['metric']} for both {year - 1} and {year}"
        return
    rule = comparator(n.get("comparator"))
    results = []
    for label, ((_, v0, s0), (_, v1, s1)) in series.items():
        pct = 100 * (v1 / v0 - 1)
        slack = GROWTH_SLACK.get(rule.name)
        ok = abs(pct - n["value"]) <= slack if slack is not None else rule.holds(pct, n["value"])
        claim.evidence += [Evidence(f"{n['metric']} {year - 1} ({label})", v0, s0, year - 1),
                           Evidence(f"{n['metric']} {year} ({label})", v1, s1, year, OTHER["growth_pct"])]
        results.append((label, pct, ok))
    held = [ok for *_, ok in results]
    claim.verdict = "supported" if all(held) else "contradicted" if not any(held) else "partly_supported"
    claim.reason = f"claimed {n['value']:+g}% in {year}; " + "; ".join(f"{label}: {pct:+.1f}%" for label, pct, _ in results)


def _nearest(con, a: int, b: int, metric: str, year: int, titles: dict) -> list[Evidence]:
    """The figure from the year nearest ``year``, as context only."""
    cow = reads.cow_trade(con, a, b, metric)
    ledger = {r["year"] for r in reads.ledger_trade(con, a, b, metric) if r["period"] == "full_year"}
    years = sorted(set(cow) | ledger, key=lambda y: abs(y - year))
    if not years:
        return []
    out = _trade_evidence(con, a, b, metric, years[0], titles)
    for e in out:
        e.description += " — context only, not the claim's year"
    return out


def verify_ranking(con, claim: Claim, as_of: date, names: dict, titles: dict) -> None:
    n = claim.normalized
    owner, partner, period = (n.get("owner") or [None])[0], (n.get("partner") or [None])[0], n.get("period")
    if not owner or not partner:
        claim.verdict, claim.reason = "not_checkable", "the claim names fewer than two states"
        return
    year = period["year"] if period else None
    if year is None:
        claim.verdict, claim.reason = "not_checkable", "too vague: the ranking has no year"
        return
    found = reads.trade_rank(con, owner["ccode"], partner["ccode"], year)
    tolerance = OTHER["ranking"]
    if found is None:
        last = reads.latest_rank_year(con, owner["ccode"], partner["ccode"], year)
        if last:
            old = reads.trade_rank(con, owner["ccode"], partner["ccode"], last)
            claim.evidence.append(Evidence(f"{partner['name']}'s rank among {owner['name']}'s trade partners in {last} (overall; within {old['region']}) — context only",
                                           [old["rank"], old["region_rank"]], _title(con, owner, partner, last, titles), last, tolerance))
        claim.verdict, claim.reason = "not_checkable", f"no data for that period: trade ranks end in {last} and the claim is about {year}"
        return
    region = n.get("region")
    if region and region.replace("the ", "") not in (found["region"] or "", "world"):
        claim.verdict, claim.reason = "not_checkable", f"the claim ranks within {region}; {partner['name']} is in {found['region']}"
        return
    rank = found["region_rank"] if region and region != "the world" else found["rank"]
    scope = f"within {found['region']}" if region and region != "the world" else "overall"
    claim.evidence.append(Evidence(f"{partner['name']}'s rank among {owner['name']}'s trade partners {scope}", rank,
                                   _title(con, owner, partner, year, titles), year, tolerance))
    ok = rank <= n["rank"] if n["within"] != "exact" else rank == n["rank"]
    claim.verdict = "supported" if ok else "contradicted"
    claim.reason = f"{partner['name']} ranked {rank} {scope} among {owner['name']}'s trade partners in {year} (claimed {'top ' if n['within'] != 'exact' else ''}{n['rank']})"


def verify_trend(con, claim: Claim, as_of: date, names: dict, titles: dict) -> None:
    n = claim.normalized
    pair = _pair(claim)
    if not pair or n["metric"] not in reads.LEDGER_MEASURES:
        claim.verdict, claim.reason = "not_checkable", "the claim names fewer than two states" if not pair else "no series for this trend"
        return
    first = n["period"].get("from") or as_of.year - 10
    last = n["period"].get("to") or as_of.year
    series = _series_by_side(con, pair, n["metric"], first, last, titles)
    if not series:
        claim.verdict, claim.reason = "not_checkable", f"no data for that period: fewer than two full-year figures from one source between {first} and {last}"
        return
    results = []
    for label, points in series.items():
        (y0, v0, s0), (y1, v1, s1) = points[0], points[-1]
        growth = (v1 / v0) ** (1 / (y1 - y0)) - 1
        claim.evidence += [Evidence(f"{n['metric']} {y0} ({label})", v0, s0, y0), Evidence(f"{n['metric']} {y1} ({label})", v1, s1, y1, OTHER["trend_rapid"])]
        results.append((label, y0, y1, growth, v1 / v0, _trend_holds(n, growth, v1 / v0)))
    held = [r[-1] for r in results]
    claim.verdict = "supported" if all(held) else "contradicted" if not any(held) else "partly_supported"
    claim.reason = "; ".join(f"{label}: {y0}–{y1} {growth:+.1%} a year (×{ratio:.2f})" for label, y0, y1, growth, ratio, _ in results)


def _trend_holds(n: dict, growth: float, ratio: float) -> bool:
    if n.get("multiple"):
        return comparator(n["multiple"]).holds(ratio, 1.0) if n["multiple"] != "doubled" else 1.8 <= ratio <= 2.2
    if n["direction"] == "down":
        return growth < 0
    return growth >= RAPID if n.get("speed") in ("rapidly", "sharply", "quickly", "fast", "significantly") else growth > 0


def _series_by_side(con, pair, metric, first, last, titles) -> dict[str, list]:
    """Full-year figures per reporting side (one side's statistics each),
    else COW's; only series with two or more years."""
    sides: dict[str, dict[int, tuple]] = {}
    for row in reads.ledger_trade(con, *pair, metric):
        if row["period"] == "full_year" and first <= row["year"] <= last:
            side = f"figures reported from the {row['partner_a_iso3']} side"
            sides.setdefault(side, {}).setdefault(row["year"], (row["year"], row["value_musd"], f"ledger: {row['source_publisher']}"))
    out = {k: [v[y] for y in sorted(v)] for k, v in sides.items() if len(v) >= 2}
    if not out:
        cow = {y: v for y, v in reads.cow_trade(con, *pair, metric).items() if first <= y <= last}
        if len(cow) >= 2:
            sources = reads.trade_sources(con, *pair)
            out["COW"] = [(y, cow[y], titles.get(sources.get(y, COW), COW)) for y in sorted(cow)]
    return out


def verify_duration(con, claim: Claim, as_of: date, names: dict, titles: dict) -> None:
    n = claim.normalized
    pair = _pair(claim)
    if not pair or n.get("anchor") != "diplomatic_ties_established" or not n.get("years"):
        claim.verdict, claim.reason = "not_checkable", "too vague: no dated event to measure the span from"
        return
    ties = reads.ties_established(con, *pair)
    if not ties:
        claim.verdict, claim.reason = "not_checkable", "the ledger has no date for the start of diplomatic relations of this pair"
        return
    start = min(t["year"] for t in ties)
    span = as_of.year - start
    slack = 5 if n["unit"].startswith("decade") else 1
    rule = OTHER["decades"] if slack == 5 else OTHER["years_ago"]
    claim.evidence += [Evidence(f"diplomatic relations established {t['date']}" + (" (disputed date)" if t["is_alt"] else ""), t["date"],
                                f"ledger: {t['source_publisher']}", int(t["year"]), rule, t["source_url"]) for t in ties]
    claim.verdict = "supported" if abs(span - n["years"]) <= slack else "contradicted"
    claim.reason = f"relations began in {start}: {span} years before the as-of date {as_of.isoformat()} (claimed {n['years']})"


HANDLERS = {
    "quantity": verify_quantity,
    "ranking": verify_ranking,
    "trend": verify_trend,
    "duration": verify_duration,
    "event": lambda con, c, as_of, names, titles: verify_event(con, c, as_of, names),
    "alignment": lambda con, c, as_of, names, titles: verify_alignment(con, c, as_of, names),
}
