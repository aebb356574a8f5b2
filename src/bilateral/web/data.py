"""What the pages and the JSON API both read: thin calls into the Python
API (resolver, measures, explain, report, warehouse status), shaped as
JSON-able values. Every query here binds its values as parameters.
"""

from __future__ import annotations

import json

from bilateral.countries import State, get_resolver
from bilateral.measures.catalog import DIMENSIONS
from bilateral.web.validation import InvalidInput, check_name, resolve_state


def party(state: State) -> dict:
    return {"ccode": state.ccode, "iso3": state.iso3, "name": state.name}


def complete(con, text: str, limit: int = 10) -> list[dict]:
    """Picker suggestions: each state once, with the name or code that matched."""
    text = text.strip()
    if not text or len(text) > 64:
        return []
    return [{**party(state), "matched": matched} for state, matched in get_resolver(con=con).complete(text, limit)]


def pair(con, a: str, b: str, years: tuple[int, int] | None) -> tuple[State, State]:
    """Both states (as of the last year asked for), which must differ."""
    when = years[1] if years else None
    first, second = resolve_state(con, a, "a", when), resolve_state(con, b, "b", when)
    if first.ccode == second.ccode:
        raise InvalidInput("b", f"a and b are the same state, {first.label()}; a dyad needs two different states.")
    return first, second


def brief(request, con, a: str, b: str, years: tuple[int, int] | None):
    """The brief for A–B (from the app's cache when it was asked for before)."""
    from bilateral.report import build_brief

    first, second = pair(con, a, b, years)
    key = (first.ccode, second.ccode, years)
    return request.app.state.briefs.get(
        key, lambda: build_brief(str(first.ccode), str(second.ccode), years=years, con=con, progress=False))


def explained(con, a: int, b: int, third: int | None, peers: list[int] | None, years: tuple[int, int] | None) -> dict:
    from bilateral.claims.model import json_default
    from bilateral.explain import explain

    return json.loads(json.dumps(explain(con, a, b, third=third, peers=peers, years=years), default=json_default))


def regions(con) -> list[dict]:
    """UN regions, each with its sub-regions, among states in the warehouse."""
    rows = con.execute(
        """SELECT DISTINCT c.un_region, c.un_subregion FROM out_states s JOIN core_codes__codelist c ON c.iso3 = s.iso3
           WHERE c.un_region IS NOT NULL ORDER BY 1, 2""").fetchall()
    out: dict[str, list[str]] = {}
    for region, sub in rows:
        out.setdefault(region, [])
        if sub and sub not in out[region]:
            out[region].append(sub)
    return [{"region": r, "subregions": subs} for r, subs in out.items()]


def region_names(con) -> list[str]:
    return [name for r in regions(con) for name in (r["region"], *r["subregions"])]


def region_scores(con, state: State, region: str, dimension: str, years: tuple[int, int] | None) -> dict:
    """A's score with every state of a UN region or sub-region, per year, and
    the latest year in which A has a score with any of them."""
    region = check_name(region, "region")
    if region not in region_names(con):
        raise InvalidInput("region", f"{region!r} is not a UN region or sub-region in the warehouse; see /api/regions for the names.")
    column = "composite_index" if dimension == "composite" else f"score_{dimension}"
    assert column in {"composite_index", *(f"score_{d}" for d in DIMENSIONS)}  # a column name cannot be bound; it comes from this fixed list
    first, last = years or (None, None)
    frame = con.execute(
        f"""WITH members AS (
              SELECT DISTINCT s.ccode, s.name, s.iso3 FROM out_states s JOIN core_codes__codelist c ON c.iso3 = s.iso3
              WHERE (c.un_region = $region OR c.un_subregion = $region) AND s.ccode <> $a)
            SELECT m.iso3 AS partner_iso3, m.name AS partner_name, m.ccode AS partner_ccode, i.year, i.{column} AS score
            FROM out_index i JOIN members m ON m.ccode = CASE WHEN i.ccode1 = $a THEN i.ccode2 ELSE i.ccode1 END
            WHERE $a IN (i.ccode1, i.ccode2) AND i.{column} IS NOT NULL
              AND ($first IS NULL OR i.year >= $first) AND ($last IS NULL OR i.year <= $last)
            ORDER BY i.year, m.name""",
        {"region": region, "a": state.ccode, "first": first, "last": last}).df()
    latest = int(frame["year"].max()) if not frame.empty else None
    ranked = frame[frame["year"] == latest].sort_values("score", ascending=False) if latest else frame.iloc[0:0]
    return {"a": party(state), "region": region, "dimension": dimension, "latest_year": latest,
            "latest": json.loads(ranked.to_json(orient="records")), "rows": json.loads(frame.to_json(orient="records"))}


def sources(con) -> list[dict]:
    """Each source: title, version, coverage, latest year with data, rows, licence and known gaps."""
    from bilateral.warehouse import latest_year

    frame = con.execute(
        "SELECT name, title, version, coverage_start, coverage_end, rows, licence, gaps FROM _sources ORDER BY name").df()
    out = json.loads(frame.to_json(orient="records"))
    for row in out:
        row["latest_year"] = latest_year(con, row["name"])
    return out
