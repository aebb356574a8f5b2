"""The milestones timeline of a dyad, merged from three sources:

- the ledger's events between A and B of the types in
  :data:`MILESTONE_TYPES` (ties established, partnership upgrades, state
  visits, joint exercises, membership steps, agreements, sanctions); rows
  titled ``ALT:`` are a second, disagreeing account of an event and are kept
  but marked ``disputed``, and never counted;
- China Vitae (2003–2018, China dyads only): trips of China's heads of state
  and government (:data:`TOP_LEADERS`) to the other state, one row per
  leader, trip year and place (the source has one row per official and
  meeting);
- accessions to and exits from the reference blocs of
  ``data/blocs.tsv`` by either side (Poland joining NATO, say).
"""

from __future__ import annotations

import pandas as pd

from bilateral.constants import CHINA
from bilateral.explain import frames
from bilateral.explain.evidence import DERIVED, Evidence, Statement, interval, join, long_date, span

MILESTONE_TYPES = ("diplomatic_ties_established", "partnership_upgrade", "state_visit", "joint_exercise",
                   "membership", "agreement_signed", "sanction")
TOP_LEADERS = ("Hu Jintao", "Xi Jinping", "Wen Jiabao", "Li Keqiang")
COLUMNS = ["date", "year", "type", "title", "source", "table", "url", "disputed"]
#: How each milestone type reads in a sentence (titles are free text and stay in the timeline).
TYPE_WORDS = {
    "diplomatic_ties_established": "diplomatic ties established", "partnership_upgrade": "a partnership upgrade",
    "state_visit": "a state visit", "joint_exercise": "a joint exercise", "membership": "a membership step",
    "agreement_signed": "an agreement signed", "sanction": "a sanction", "leader_visit": "a Chinese leader's visit",
    "bloc_accession": "an accession to a bloc", "bloc_exit": "an exit from a bloc",
}


def type_words(event_type: str) -> str:
    return TYPE_WORDS.get(event_type, event_type.replace("_", " "))


def ledger_milestones(con, a: int, b: int, years: tuple[int, int]) -> pd.DataFrame:
    frame = con.execute(
        """SELECT date, year, event_type AS type, title, source_url AS url, is_alt AS disputed
            FROM core_ledger__events
            WHERE ((actor1_ccode = $a AND actor2_ccode = $b) OR (actor1_ccode = $b AND actor2_ccode = $a))
              AND list_contains($types, event_type) AND year BETWEEN $y0 AND $y1
            ORDER BY date_start""",
        {"a": int(a), "b": int(b), "types": list(MILESTONE_TYPES), "y0": int(years[0]), "y1": int(years[1])},
    ).df()
    frame["title"] = frame["title"].str.replace(r"^ALT:\s*", "", regex=True)
    return frame.assign(source="ledger", table="core_ledger__events")


def chinavitae_trips(con, a: int, b: int, years: tuple[int, int]) -> pd.DataFrame:
    """Trips of China's top two leaders of each period to the other state."""
    if CHINA not in (a, b):
        return pd.DataFrame(columns=COLUMNS)
    other = b if a == CHINA else a
    frame = con.execute(
        """SELECT CAST(min(date) AS VARCHAR) AS date, year, 'leader_visit' AS type,
                   leader || ' visits ' || place AS title
            FROM core_chinavitae__engagements
            WHERE ccode = $other AND abroad AND place ILIKE country || '%' AND list_contains($leaders, leader)
              AND year BETWEEN $y0 AND $y1
            GROUP BY leader, year, place ORDER BY date""",
        {"other": int(other), "leaders": list(TOP_LEADERS), "y0": int(years[0]), "y1": int(years[1])},
    ).df()
    return frame.assign(source="chinavitae", table="core_chinavitae__engagements", url=None, disputed=False)


def bloc_steps(a: int, b: int, years: tuple[int, int], names: dict[int, str]) -> pd.DataFrame:
    """Either side joining or leaving a reference bloc within the years."""
    from bilateral.explain.blocs import BLOC_NAMES, load_blocs

    spells = load_blocs()
    rows = []
    for spell in spells[spells["ccode"].isin([a, b])].itertuples():
        for kind, when in (("joins", spell.joined), ("leaves", spell.left)):
            if pd.isna(when) or not years[0] <= when.year <= years[1] or spell.bloc == "usa":
                continue
            rows.append({"date": when.isoformat(), "year": when.year, "type": "bloc_" + ("accession" if kind == "joins" else "exit"),
                         "title": f"{names.get(spell.ccode, spell.name)} {kind} {BLOC_NAMES[spell.bloc]}",
                         "source": "bilateral_blocs", "table": "data/blocs.tsv", "url": spell.source_url, "disputed": False})
    return pd.DataFrame(rows, columns=COLUMNS)


def milestones(con, a, b, years: tuple[int, int]) -> pd.DataFrame:
    """Every milestone of A–B within the years, oldest first."""
    present = frames.tables(con)
    parts = []
    if "core_ledger__events" in present:
        parts.append(ledger_milestones(con, a.ccode, b.ccode, years))
    if "core_chinavitae__engagements" in present:
        parts.append(chinavitae_trips(con, a.ccode, b.ccode, years))
    parts.append(bloc_steps(a.ccode, b.ccode, years, {a.ccode: a.name, b.ccode: b.name}))
    parts = [p[COLUMNS] for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat(parts, ignore_index=True)
    frame["date"] = frame["date"].astype(str)
    frame["year"] = frame["year"].astype(int)
    frame["disputed"] = frame["disputed"].fillna(False).astype(bool)
    return frame.sort_values(["date", "source"], kind="stable").reset_index(drop=True)


def near(events: pd.DataFrame, year: int, window: int = 1) -> pd.DataFrame:
    """Undisputed milestones within ``window`` years of ``year``."""
    if events.empty:
        return events
    return events[(~events["disputed"]) & ((events["year"] - year).abs() <= window)]


def summary(events: pd.DataFrame, a, b, years: tuple[int, int]) -> list[Statement]:
    """How many milestones the timeline holds, by source, and what it cannot show."""
    when = interval(*years)
    if events.empty:
        return [Statement(
            f"No milestones for {a.name}–{b.name} in {span(*years)} in the ledger, China Vitae or the bloc lists; the ledger is "
            "selective (centred on China–Belarus), so an empty timeline does not mean no contact.",
            (Evidence(DERIVED, "milestones", 0, "events", date=when, table="core_ledger__events"),), kind="gap")]
    counted = events[~events["disputed"]]
    by_source = counted["source"].value_counts()
    words = {"ledger": "from the ledger", "chinavitae": "leader trips from China Vitae", "bilateral_blocs": "bloc accessions or exits"}
    out = [Statement(
        f"The timeline lists {len(counted)} milestone{'' if len(counted) == 1 else 's'} in {span(*years)}: "
        + join([f"{int(n)} {words.get(s, s)}" for s, n in by_source.items()]) + ".",
        (Evidence(DERIVED, "milestones", len(counted), "events", date=when),
         *(Evidence(s, "milestones", int(n), "events", date=when) for s, n in by_source.items())))]
    disputed = events[events["disputed"]]
    if not disputed.empty:
        rows = "row gives" if len(disputed) == 1 else "rows give"
        out.append(Statement(
            f"{len(disputed)} further ledger {rows} a disagreeing account of a listed event (dated "
            + join([long_date(r.date) for r in disputed.itertuples()]) + "); they are marked disputed in the timeline and not counted.",
            (Evidence(DERIVED, "milestones_disputed", len(disputed), "events", date=when, table="core_ledger__events"),
             *(Evidence("ledger", "disputed_event", r.title, "event", date=r.date, url=r.url, table="core_ledger__events")
               for r in disputed.itertuples())), kind="gap"))
    return out
