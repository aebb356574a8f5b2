"""Peers: is A's relationship with B special, or part of a regional pattern?

A's scores with B and with each state of a peer set around B are ranked
every year (1 = A's closest of the set), on each dimension and on the
composite.

- **Default peer set** (:func:`default_peers`): B's UN sub-region, plus
  every state within :data:`NEAR_KM` km of B (minimum distance, latest
  year with data) in B's UN region, less A, B and the COW major powers
  (unless B is one itself): a great power is not a peer of a small state.
  For Belarus this gives Eastern Europe without Russia, plus the three
  Baltic states. Users pass their own set with ``peers``.
- **B's rank** each year and its trend (OLS slope of the rank; a negative
  slope means B climbs towards 1).
- **Special or regional**: the gap between A–B and the median of A's
  scores with the peers, per year. When the gap's trend is clearly
  positive (95% interval above 0), B pulls ahead of its region; clearly
  negative, it falls behind; otherwise, when the peers' median moves the
  same way as A–B, A–B follows a regional pattern.
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from bilateral.explain import frames, stats
from bilateral.measures.catalog import side_sql
from bilateral.sources.majors import LIST_END as MAJORS_LIST_END
from bilateral.explain.evidence import (DERIVED, SCORES, Evidence, Statement, The, interval, join, level, num, ordinal,
                                        possessive, records, score, score_evidence, the)

NEAR_KM = 400
MAJORS_OPEN = MAJORS_LIST_END  # spells open when the COW major-power list ends are taken to continue


def default_peers(con, a: int, b: int, year: int) -> tuple[list[int], str]:
    """B's sub-region plus nearby states of its region, without A, B or great powers; and the rule in words."""
    region = con.execute(
        """SELECT c.un_region, c.un_subregion FROM out_states s JOIN core_codes__codelist c ON c.iso3 = s.iso3
           WHERE s.ccode = ? LIMIT 1""", [b]).fetchone()
    if region is None or region[1] is None:
        return [], "the code list records no UN region for it"
    latest = con.execute("SELECT max(year) FROM core_geography__mindist WHERE year <= $y", {"y": int(year)}).fetchone()[0]
    majors = {int(r[0]) for r in con.execute(
        "SELECT ccode FROM core_majors__major_power WHERE $y >= start_year AND ($y <= end_year OR end_year >= $open)",
        {"y": int(year), "open": MAJORS_OPEN}).fetchall()}
    rows = con.execute(
        f"""WITH members AS (
              SELECT s.ccode, c.un_region, c.un_subregion FROM out_states s JOIN core_codes__codelist c ON c.iso3 = s.iso3
              WHERE s.ccode IN (SELECT DISTINCT ccode1 FROM out_index WHERE year = $y
                                UNION SELECT DISTINCT ccode2 FROM out_index WHERE year = $y)
            ), near AS (
              SELECT {side_sql("ccode2", "ccode1", "ccode", a="$b")} FROM core_geography__mindist
              WHERE $b IN (ccode1, ccode2) AND year = $near_year AND mindist_km <= $km
            )
            SELECT DISTINCT m.ccode FROM members m
            WHERE m.un_subregion = $subregion OR (m.un_region = $region AND m.ccode IN (SELECT ccode FROM near))""",
        {"y": int(year), "b": int(b), "near_year": int(latest or year), "km": NEAR_KM, "subregion": region[1],
         "region": region[0]}).fetchall()
    drop = {a, b} | (set() if b in majors else majors)
    peers = sorted(int(r[0]) for r in rows if int(r[0]) not in drop)
    rule = (f"{region[1]} (UN sub-region) and states of {region[0]} within {NEAR_KM} km, without the two sides"
            + ("" if b in majors else " and the major powers"))
    return peers, rule


def ranks(scores: pd.DataFrame, b: int, column: str) -> pd.DataFrame:
    """Per year: B's rank among A's partners in the set (1 + how many score
    higher), how many tie with B, how many were ranked, A–B's score and the
    peers' median."""
    wide = scores.pivot_table(index="year", columns="partner", values=column)
    if b not in wide:
        return pd.DataFrame(columns=["year", "rank", "tied", "ranked", "score_b", "peer_median"])
    wide = wide[wide[b].notna()]
    mine, others = wide[b], wide.drop(columns=b)
    table = pd.DataFrame({
        "rank": others.gt(mine, axis=0).sum(axis=1) + 1,
        "tied": others.eq(mine, axis=0).sum(axis=1),
        "ranked": others.notna().sum(axis=1) + 1,
        "score_b": mine,
        "peer_median": others.median(axis=1),
    })
    return table.reset_index().astype({"year": int, "rank": int, "tied": int, "ranked": int})


def verdict(table: pd.DataFrame) -> dict:
    """Trends of B's rank, of the peers' median and of the gap, and what they mean."""
    t = table.set_index("year")
    rank, median = stats.trend(t["rank"]), stats.trend(t["peer_median"])
    own, gap = stats.trend(t["score_b"]), stats.trend(t["score_b"] - t["peer_median"])
    if gap and gap.direction > 0:
        kind = "pulls_ahead"
    elif gap and gap.direction < 0:
        kind = "falls_behind"
    elif median and own and median.direction and median.direction == own.direction:
        kind = "regional_pattern"
    else:
        kind = "no_clear_difference"
    return {"rank_trend": rank, "peer_median_trend": median, "own_trend": own, "gap_trend": gap, "verdict": kind}


def peers(con, a, b, peer_states=None, years: tuple[int, int] = (1816, 2100), scores: pd.DataFrame | None = None) -> dict:
    """A's relations with B and with B's peers, ranked, with B's rank trend and a verdict.
    ``a``, ``b`` are resolved states; ``peer_states`` a list of resolved states or None."""
    if peer_states:
        codes, rule = sorted({p.ccode for p in peer_states} - {a.ccode, b.ccode}), "given by the user"
    else:
        codes, rule = default_peers(con, a.ccode, b.ccode, years[1])
    names = frames.names(con, years[1])  # named as in the last year compared (as today past the data)
    if not codes:
        statement = Statement(f"No peer set for {the(b.name)}: {rule}; name the peers to compare.",
                              (Evidence(DERIVED, "peer_set", "", "states", date=interval(*years), table="core_codes__codelist", note=rule),
                               Evidence(DERIVED, "peer_radius_km", NEAR_KM, "km", date=interval(*years), table="core_geography__mindist")),
                              kind="gap")
        return {"statements": [statement], "peers": [], "rule": rule, "by_score": {}}
    scores = frames.scores_for(con, [a.ccode], years, scores)
    scores = scores[(scores["state"] == a.ccode) & scores["partner"].isin([*codes, b.ccode]) & scores["year"].between(*years)]
    statements = [Statement(
        f"Peers of {the(b.name)} ({rule}): {join([the(names.get(c, str(c))) for c in codes])}.",
        (Evidence(DERIVED, "peer_set", ", ".join(names.get(c, str(c)) for c in codes), "states", date=interval(*years),
                  table="core_codes__codelist", note=rule),
         Evidence(DERIVED, "peer_radius_km", NEAR_KM, "km", date=interval(*years), table="core_geography__mindist")))]
    results = {}
    for name, column in SCORES.items():
        table = ranks(scores, b.ccode, column)
        if len(table) < stats.MIN_TREND_YEARS:
            continue
        result = verdict(table)
        results[name] = {"ranks": records(table), **{k: asdict(v) if hasattr(v, "__dataclass_fields__") else v for k, v in result.items()}}
        statements.append(_rank_statement(a, b, name, column, table, result))
    return {"statements": statements, "peers": [{"ccode": c, "name": names.get(c)} for c in codes],
            "rule": rule, "by_score": results}


def _rank_statement(a, b, name, column, table, result) -> Statement:
    what = "composite" if name == "composite" else f"{name} score"
    first, last = table.iloc[0], table.iloc[-1]
    ev = [score_evidence(column, first["score_b"], first["year"]), score_evidence(column, last["score_b"], last["year"]),
          Evidence(DERIVED, f"{column}_rank_of_{b.iso3}_among_peers", int(first["rank"]), "rank (1 = closest)", year=int(first["year"]), table="out_index"),
          Evidence(DERIVED, f"{column}_rank_of_{b.iso3}_among_peers", int(last["rank"]), "rank (1 = closest)", year=int(last["year"]), table="out_index"),
          Evidence(DERIVED, f"{column}_states_ranked", int(last["ranked"]), "states", year=int(last["year"]), table="out_index")]
    if last["tied"]:
        ev.append(Evidence(DERIVED, f"{column}_peers_tied_with_{b.iso3}", int(last["tied"]), "states", year=int(last["year"]), table="out_index"))
    among = f"among {possessive(a.name)} relations with {the(b.name)} and its peers in {int(last['year'])}"
    if last["tied"] == last["ranked"] - 1:
        text = f"On the {what}, all {int(last['ranked'])} tie at {score(last['score_b'])} {among}, so the rank says nothing"
    else:
        tied = f", tied with {int(last['tied'])} other{'s' if last['tied'] > 1 else ''}" if last["tied"] else ""
        text = f"On the {what}, {the(b.name)} ranked {ordinal(last['rank'])} of {int(last['ranked'])}{tied} {among} ({score(last['score_b'])})"
    text += f"; it ranked {ordinal(first['rank'])} in {int(first['year'])}."
    gap, kind = result["gap_trend"], result["verdict"]
    if gap is not None:
        when = interval(gap.first, gap.last)
        ev += [Evidence(DERIVED, f"{column}_gap_to_peer_median_trend_slope", round(gap.slope, 4), "points a year", date=when, table="out_index",
                        note=f"A–B score minus the median of A's scores with the peers; 95% interval {gap.low:.4f} to {gap.high:.4f}"),
               Evidence(DERIVED, f"{column}_gap_trend_ci_low", round(gap.low, 4), "points a year", date=when, table="out_index"),
               Evidence(DERIVED, f"{column}_gap_trend_ci_high", round(gap.high, 4), "points a year", date=when, table="out_index"),
               level(when)]
        ci = f"{num(gap.slope, 2)} points a year, 95% interval {num(gap.low, 2)} to {num(gap.high, 2)}"
        text += {
            "pulls_ahead": f" {The(b.name)} pulls ahead of its region: the gap between {a.name}–{b.name} and the peers' median widened ({ci}).",
            "falls_behind": f" {The(b.name)} falls behind its region: the gap to the peers' median narrowed or turned negative ({ci}).",
            "regional_pattern": f" {a.name}–{b.name} follows a regional pattern: {possessive(a.name)} ties with the peers moved the same way and the gap shows no clear trend ({ci}).",
            "no_clear_difference": f" No clear difference from the regional pattern: the gap to the peers' median shows no clear trend ({ci}).",
        }[kind]
    return Statement(text, tuple(ev))
