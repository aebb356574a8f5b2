"""Event-data indicators for one dyad by year, for ``bilateral measures``.

They come from the dyad-month table (``dyad_month.parquet`` in the events
folder), which exists only after ``bilateral events ingest`` and ``bilateral
events aggregate``; without it :func:`add_events` leaves the measures as they
are. Each year uses one source (the one whose ingested files cover most of
that year's months; GDELT 2.0 first on a tie), because sources overlap and are
never added together. A year no ingested file covers is NULL; a covered year
without events between the two states has counts of 0 and NULL means.

Political dimension: events each way, visits and meetings, agreements, mean
Goldstein score, cooperation share. Military dimension: military cooperation
and force-posture events (both directions added).
"""

from __future__ import annotations

import pandas as pd

from bilateral.events import layout

PREFERENCE = ("gdelt2", "gdelt1", "icews", "polecat")
COLUMNS = {
    "events_source": "event dataset used for the year (the one covering most of its months)",
    "events_months_covered": "months of the year covered by that dataset's ingested files",
    "events_a_to_b_n": "events from A to B",
    "events_b_to_a_n": "events from B to A",
    "events_visits_n": "visits and meetings, both directions (CAMEO 036, 042, 043, 044)",
    "events_agreements_n": "formal agreements signed, both directions (CAMEO 057)",
    "events_goldstein_mean": "mean Goldstein score of events both ways",
    "events_coop_share": "share of events both ways that are cooperative",
    "events_milcoop_n": "military cooperation events, both directions",
    "events_force_posture_n": "force posture events, both directions",
}
_SUMMED = ("events_visits_n", "events_agreements_n", "events_milcoop_n", "events_force_posture_n")


def _coverage(root) -> pd.DataFrame:
    manifest = layout.read_manifest(root)
    rows = [(source, int(m[:4])) for source, run in manifest.items() for m in run.get("months", [])]
    frame = pd.DataFrame(rows, columns=["source", "year"])
    return frame.groupby(["source", "year"]).size().rename("months").reset_index()


def _one_year(months: pd.DataFrame, a: int, b: int) -> dict:
    ab = months[(months.ccode1 == a) & (months.ccode2 == b)]
    both = months
    n = both["events_n"].sum()
    out = {"events_a_to_b_n": int(ab["events_n"].sum()), "events_b_to_a_n": int(n - ab["events_n"].sum())}
    for column in _SUMMED:
        values = both[column]
        out[column] = None if len(both) and values.isna().all() else int(values.fillna(0).sum())
    weighted = both.dropna(subset=["events_goldstein_mean"])
    out["events_goldstein_mean"] = (weighted.events_goldstein_mean * weighted.events_n).sum() / weighted.events_n.sum() if len(weighted) else None
    out["events_coop_share"] = (both.events_coop_share * both.events_n).sum() / n if n else None
    return out


def add_events(frame: pd.DataFrame, a: int, b: int, root=None) -> pd.DataFrame:
    """``frame`` (one row per ``year`` for the dyad A–B) with the event
    columns added, or unchanged when no events were aggregated."""
    root = layout.events_root(root)
    path = layout.aggregate_path(root)
    if not path.is_file() or frame.empty:
        return frame
    table = pd.read_parquet(path, filters=[("ccode1", "in", [a, b]), ("ccode2", "in", [a, b])])
    table = table[table.ccode1 != table.ccode2]
    coverage = _coverage(root)
    rows = []
    for year in frame["year"]:
        covered = coverage[coverage.year == year]
        if covered.empty:
            rows.append({"year": year})
            continue
        rank = {s: i for i, s in enumerate(PREFERENCE)}
        best = sorted(covered.itertuples(), key=lambda r: (-r.months, rank.get(r.source, 99)))[0]
        months = table[(table.source == best.source) & (table.year == year)]
        rows.append({"year": year, "events_source": best.source, "events_months_covered": best.months, **_one_year(months, a, b)})
    added = pd.DataFrame(rows, columns=["year", *COLUMNS])
    for column in ("events_months_covered", "events_a_to_b_n", "events_b_to_a_n", *_SUMMED):
        added[column] = added[column].astype("Int64")
    for column in ("events_goldstein_mean", "events_coop_share"):
        added[column] = added[column].astype("Float64")
    return frame.merge(added, on="year", how="left")
