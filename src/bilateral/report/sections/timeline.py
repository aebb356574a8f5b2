"""The relationship timeline: the ledger's dated events for the pair.

Rows whose title begins ``ALT:`` are a second, disagreeing account of an
event already listed (a different date, say). They are shown, marked as
disputed, but left out of every count, so that no event is counted twice.
"""

from __future__ import annotations

import pandas as pd

from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.sections.context import Context
from bilateral.wording import count, interval, join, label, span, the

LEDGER = "ledger"
#: Event types grouped for the chart's colours (Okabe–Ito has eight).
GROUPS = {
    "state_visit": "visits and meetings", "official_visit": "visits and meetings",
    "leader_meeting": "visits and meetings", "phone_call": "visits and meetings",
    "agreement_signed": "agreements and statements", "joint_statement": "agreements and statements",
    "partnership_upgrade": "agreements and statements", "diplomatic_ties_established": "agreements and statements",
    "joint_exercise": "military exercises", "membership": "memberships", "sanction": "sanctions",
}


def build(ctx: Context) -> Section:
    section = Section("timeline", "Relationship timeline")
    events = ctx.data.events
    a, b = the(ctx.a.name), the(ctx.b.name)
    if events.empty:
        section.sentences.append(Statement(
            f"The ledger lists no events between {a} and {b} in the years of this brief; its event coverage is selective "
            "and centred on China–Belarus, so an empty timeline does not mean no contact.",
            ctx.coverage_evidence(LEDGER), kind="gap"))
        return section
    alt = events["is_alt"].fillna(False).astype(bool)
    counted = events[~alt]
    if not counted.empty:
        first, last = int(counted["year"].min()), int(counted["year"].max())
        when = interval(first, last)
        section.sentences.append(Statement(
            f"The ledger lists {count(len(counted), 'event')} between {a} and {b} in {span(first, last)}.",
            (Evidence(LEDGER, "events", len(counted), "count", date=when, table="core_ledger__events"),)))
        by_type = counted["event_type"].value_counts()
        section.sentences.append(Statement(
            "By type: " + join([f"{int(n)} {_type_words(t, int(n))}" for t, n in by_type.items()]) + ".",
            tuple(Evidence(LEDGER, f"events_{t}", int(n), "count", date=when, table="core_ledger__events") for t, n in by_type.items())))
        per_year = counted["year"].value_counts()
        if len(per_year) > 1:
            top = int(per_year.max())
            years = sorted(int(y) for y, n in per_year.items() if n == top)
            section.sentences.append(Statement(
                f"The most events in one year, {top}, fall in {join([str(y) for y in years])}.",
                tuple(Evidence(LEDGER, "events", top, "count", year=y, table="core_ledger__events") for y in years)))
        section.charts.append(_chart(ctx, counted, (first, last)))
    if alt.any():
        section.sentences.append(Statement(
            f"{count(int(alt.sum()), 'further row gives', 'further rows give')} a disagreeing account of an event already listed; "
            "they are shown as disputed and not counted.",
            (Evidence(LEDGER, "events_disputed", int(alt.sum()), "count",
                      date=interval(int(events.loc[alt, 'year'].min()), int(events.loc[alt, 'year'].max())), table="core_ledger__events"),),
            kind="gap"))
    section.tables.append(_table(ctx, events, alt))
    return section


#: (singular, plural) wording of each event type in sentences.
TYPE_WORDS = {
    "state_visit": ("state visit", "state visits"), "official_visit": ("official visit", "official visits"),
    "leader_meeting": ("leaders' meeting", "leaders' meetings"), "phone_call": ("phone call", "phone calls"),
    "agreement_signed": ("agreement signed", "agreements signed"), "joint_statement": ("joint statement", "joint statements"),
    "partnership_upgrade": ("partnership upgrade", "partnership upgrades"),
    "diplomatic_ties_established": ("establishment of diplomatic ties", "establishments of diplomatic ties"),
    "joint_exercise": ("joint exercise", "joint exercises"), "membership": ("membership step", "membership steps"),
    "sanction": ("sanction", "sanctions"), "other": ("other event", "other events"),
}


def _type_words(event_type: str, n: int) -> str:
    singular, plural = TYPE_WORDS.get(event_type, (label(event_type), label(event_type) + "s"))
    return singular if n == 1 else plural


def _table(ctx: Context, events: pd.DataFrame, alt: pd.Series) -> Table:
    rows, flags = [], []
    for (_, row), disputed in zip(events.iterrows(), alt):
        title = str(row["title"])
        if disputed and title.startswith("ALT:"):
            title = title[4:].strip()
        actors = f"{row['actor1_iso3']}–{row['actor2_iso3']}"
        rows.append((str(row["date"]), label(row["event_type"]), title, actors, _text(row.get("detail")), _text(row.get("source_publisher"))))
        flags.append("disputed" if disputed else None)
    return Table(
        "events", f"Events between {the(ctx.a.name)} and {the(ctx.b.name)} (ledger)",
        ("date", "type", "event", "actors", "detail", "reported by"), tuple(rows), source=LEDGER,
        links=tuple(_text(u) or None for u in events["source_url"]), flags=tuple(flags))


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _chart(ctx: Context, counted: pd.DataFrame, years: tuple[int, int]):
    groups = counted["event_type"].map(lambda t: GROUPS.get(t, "other"))
    frame = counted.assign(group=groups).groupby(["year", "group"]).size().rename("value").reset_index()
    ref = ctx.sources.get(LEDGER)
    note = "Source: the bilateral ledger (curated; selective coverage). Disputed alternative accounts not counted."
    if ref:
        note = f"Source: {ref.title}, covers {span(*ref.coverage)}; selective coverage. Disputed alternative accounts not counted."
    return charts.bars("events", f"Events in the ledger, {the(ctx.a.name)} and {the(ctx.b.name)}", note, frame,
                       "Events (count)", years, series="group")
