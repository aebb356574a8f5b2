"""Outlook: where the relationship has been going, and what to watch.

The trajectory is explain's (:mod:`bilateral.explain.trajectory`): the trend,
the phases and the turning points of the composite and of each dimension,
with the milestones that fall near a turning point. "What to watch" states
only what the data hold, never a forecast: the latest milestone of each kind
and the ledger's latest events, with their dates; the year in which each
dimension's series ends for the pair; and the index's inputs whose data end
before the brief does, which need a later release to cover the years after.
"""

from __future__ import annotations

import pandas as pd

from bilateral.constants import CHINA
from bilateral.measures.catalog import CONTINUED_BY, index_measures
from bilateral.report import charts
from bilateral.report.model import Chart, Evidence, Section, Statement, Table
from bilateral.report.queries import BLOCS, DERIVED
from bilateral.report.sections.context import Context, from_statements
from bilateral.report.sections.composite import DIMENSIONS
from bilateral.report.sections.timeline import TYPE_WORDS as EVENT_WORDS
from bilateral.wording import The, interval, join, long_date, span, the

COMPOSITE, BY_DIMENSION, MILESTONES, WATCH = ("Trajectory of the composite", "Trajectory by dimension", "Milestones",
                                              "What to watch")
LATEST_EVENTS = 3  # ledger events named in "what to watch"
LATEST_ROWS = 12  # rows of the latest-milestones table
SCIENCE_CONNECTOR = "the live OpenAlex connector (bilateral.measures.science)"


def build(ctx: Context) -> Section:
    section = Section("outlook", "Outlook: trajectory and what to watch")
    if ctx.explained is None:
        section.sentences.append(Statement(
            f"{The(ctx.a.name)} and {the(ctx.b.name)} have no composite score in {span(*ctx.years)}, so no trajectory can be drawn.",
            (Evidence(DERIVED, "composite_years", 0, "years", date=interval(*ctx.years), table="out_index", note=ctx.explain_error),),
            kind="gap", topic=COMPOSITE))
        milestones = pd.DataFrame()
    else:
        trajectory = ctx.explained["trajectory"]
        groups: dict[str, list[Statement]] = {COMPOSITE: [], BY_DIMENSION: [], MILESTONES: []}
        for statement in trajectory["statements"]:
            groups[_topic(statement)].append(statement)
        for topic, statements in groups.items():
            section.sentences += from_statements(statements, topic)
        chart = _phases_chart(ctx, trajectory)
        if chart is not None:
            section.charts.append(chart)
        milestones = pd.DataFrame(trajectory["milestones"])
        if not milestones.empty:
            section.tables.append(_milestone_table(ctx, milestones))
    section.sentences += [s for s in (_latest_by_kind(milestones), _latest_events(ctx), _series_ends(ctx), _inputs_ending(ctx)) if s]
    table = _series_table(ctx)
    if table.rows:
        section.tables.append(table)
    return section


def _topic(statement: Statement) -> str:
    """Which score a trajectory statement is about, from the measure of its first evidence item."""
    measure = statement.evidence[0].measure
    if measure.startswith("composite"):
        return COMPOSITE
    return BY_DIMENSION if measure.startswith("score_") else MILESTONES


def _phases_chart(ctx: Context, trajectory: dict) -> Chart | None:
    found = trajectory["series"].get("composite")
    if not found or not found["series"]:
        return None
    observed = pd.DataFrame(found["series"])
    fitted = pd.DataFrame([{"first": p["first"], "last": p["last"], "start": p["start_fit"], "end": p["end_fit"], "label": p["label"]}
                           for p in found["phases"]])
    ref = ctx.sources.get(DERIVED)
    note = (f"Source: bilateral{f' {ref.version}' if ref else ''}, composite index (out_index). Phase trend: the straight line fitted "
            "to each phase; turning points found by change-point detection (PELT, docs/method.md). The composite rests on "
            "fewer dimensions in years when some data end, which can move it.")
    years = (int(observed["year"].min()), int(observed["year"].max()))
    return charts.phases("trajectory", f"The {ctx.a.name}–{ctx.b.name} composite index: phases and turning points", note, observed,
                         fitted, list(found["change_points"]), "Composite index (0–100)", years,
                         names=("composite index", "phase trend"), topic=COMPOSITE)


def _milestone_table(ctx: Context, milestones: pd.DataFrame) -> Table:
    from bilateral.explain.milestones import type_words

    latest = milestones.sort_values("date", ascending=False, kind="stable").head(LATEST_ROWS)
    rows = tuple((str(r.date), _bare(type_words(r.type)), str(r.title), _short(ctx, r.source) if r.source in ctx.sources else r.source)
                 for r in latest.itertuples())
    return Table("milestones_latest", f"The latest milestones, {the(ctx.a.name)} and {the(ctx.b.name)} (newest first)",
                 ("date", "kind", "milestone", "source"), rows, source="ledger",
                 links=tuple(r.url if isinstance(r.url, str) and r.url else None for r in latest.itertuples()),
                 flags=tuple("disputed" if r.disputed else None for r in latest.itertuples()), topic=MILESTONES)


def _bare(words: str) -> str:
    """'a partnership upgrade' → 'partnership upgrade' (a table cell needs no article)."""
    return words.split(" ", 1)[1] if words.startswith(("a ", "an ")) else words


def _latest_by_kind(milestones: pd.DataFrame) -> Statement | None:
    """The most recent undisputed milestone of each kind, newest first."""
    from bilateral.explain.milestones import type_words

    if milestones.empty:
        return None
    counted = milestones[~milestones["disputed"].astype(bool)]
    # a kind is the ledger's event type, or, for bloc steps, the step itself (joining NATO and joining the EU are two kinds)
    kind = counted["title"].where(counted["source"] == BLOCS, counted["type"])
    latest = counted.assign(kind=kind).sort_values("date", kind="stable").groupby("kind", sort=False).tail(1)
    latest = latest.sort_values("date", ascending=False, kind="stable")
    if latest.empty:
        return None
    # ledger titles are free text (digits included), so they are named by kind; the others' titles are generated
    named = [f"{type_words(r.type) if r.source == 'ledger' else r.title} ({long_date(r.date)})" for r in latest.itertuples()]
    lead = "The most recent milestone of each kind in the timeline, newest first: " if len(named) > 1 else \
        "The most recent milestone in the timeline: "
    return Statement(
        f"{lead}{join(named)}.",
        tuple(Evidence(r.source, r.type, r.title, "event", date=str(r.date), table=r.table,
                       url=r.url if isinstance(r.url, str) and r.url else None) for r in latest.itertuples()),
        topic=WATCH)


def _latest_events(ctx: Context) -> Statement | None:
    """The ledger's latest events for the pair, of any kind."""
    events = ctx.data.events
    if events is None or events.empty:
        return None
    counted = events[~events["is_alt"].fillna(False).astype(bool)].sort_values("date", kind="stable").tail(LATEST_EVENTS)
    if counted.empty:
        return None
    named = [f"{_event_words(r.event_type)} ({long_date(r.date)})" for r in counted.iloc[::-1].itertuples()]
    return Statement(
        f"The ledger's latest events for the pair, newest first: {join(named)}; the timeline section lists them with their sources.",
        tuple(Evidence("ledger", str(r.event_type), str(r.title), "event", date=str(r.date), table="core_ledger__events",
                       url=r.source_url if isinstance(r.source_url, str) and r.source_url else None)
              for r in counted.iloc[::-1].itertuples()),
        topic=WATCH)


def _event_words(event_type: str) -> str:
    singular = EVENT_WORDS.get(event_type, (event_type.replace("_", " "),))[0]
    return ("an " if singular[0] in "aeiou" else "a ") + singular


def _scored(ctx: Context) -> pd.DataFrame | None:
    index = ctx.data.index
    return None if index is None or index.empty else index


def _series_ends(ctx: Context) -> Statement | None:
    """The last year with a score on each dimension for the pair."""
    index = _scored(ctx)
    if index is None:
        return None
    ends, evidence, absent = [], [], []
    for dim, (words, _) in DIMENSIONS.items():
        have = index.dropna(subset=[f"score_{dim}"])
        if have.empty:
            absent.append(words)
            continue
        row = have.iloc[-1]
        ends.append((int(row["year"]), words))
        evidence.append(Evidence(DERIVED, f"score_{dim}", float(row[f"score_{dim}"]), "score 0–100 (docs/method.md: indices)",
                                 year=int(row["year"]), table="out_index", note="last year with a score for the pair in this brief"))
    if not ends:
        return None
    if len({y for y, _ in ends}) > 1:
        text = "For this pair, the dimension scores end in different years: " + join([f"{words} in {year}" for year, words in ends])
    else:
        text = f"For this pair, every dimension score with data runs to {ends[0][0]} ({join([words for _, words in ends])})"
    if absent:
        text += f"; {join(absent)} {'has' if len(absent) == 1 else 'have'} no score in these years"
    return Statement(text + ".", tuple(evidence), topic=WATCH)


def _inputs(ctx: Context) -> dict[str, list[str]]:
    """The index's input sources for each dimension that apply to the pair (China Vitae only for China's dyads)."""
    china = CHINA in (ctx.a.ccode, ctx.b.ccode)
    out: dict[str, list[str]] = {}
    for dim in DIMENSIONS:
        names = [m.source for m in index_measures(dim) if china or m.source != "chinavitae"]
        out[dim] = [n for n in dict.fromkeys(names) if n in ctx.sources]
    return out


def _series_end(ctx: Context, name: str) -> int:
    """The last year of a source's series, counting the source that continues it (unvotes → unxml)."""
    end, later = ctx.sources[name].coverage[1], CONTINUED_BY.get(name)
    return max(end, _series_end(ctx, later)) if later in ctx.sources else end


def _inputs_ending(ctx: Context) -> Statement | None:
    """The index's inputs whose data end before the brief does; what covering later years needs."""
    used = sorted({n for names in _inputs(ctx).values() for n in names}, key=lambda n: (ctx.sources[n].coverage[1], n))
    ending = [n for n in used if _series_end(ctx, n) < ctx.years[1]]
    if not ending:
        return None
    named = list(dict.fromkeys(f"{_short(ctx, n)} ({ctx.sources[n].coverage[1]})" for n in ending))  # one name for COW's two trade files
    text = (f"Inputs of the index whose data end before the last year of this brief: {join(named)}; each needs a later release "
            "before the scores can cover the years after it")
    index = _scored(ctx)
    if index is None or index["score_science"].isna().all():
        text += f", and scientific cooperation needs {SCIENCE_CONNECTOR}"
    evidence = tuple(Evidence(n, "coverage_end", ctx.sources[n].coverage[1], "year", year=ctx.sources[n].coverage[1], table="_sources")
                     for n in ending)
    return Statement(text + ".", evidence, topic=WATCH)


def _short(ctx: Context, source: str) -> str:
    """A source's title up to its first comma or bracket: 'Correlates of War Project Trade Data Set'."""
    title = ctx.sources[source].title
    return title.split(",")[0].split(" (")[0].strip()


def _series_table(ctx: Context) -> Table:
    index = _scored(ctx)
    rows = []
    for dim, names in _inputs(ctx).items():
        words = DIMENSIONS[dim][0]
        have = index.dropna(subset=[f"score_{dim}"]) if index is not None else pd.DataFrame()
        last = int(have["year"].max()) if not have.empty else None
        if dim == "science" and last is None:
            rows.append((words, None, "OpenAlex co-authored works", None, f"needs {SCIENCE_CONNECTOR}"))
        for name in names:
            ref = ctx.sources[name]
            rows.append((words, last, ref.title, ref.coverage[1], ref.gaps or "none recorded"))
    title = "Where each dimension's series ends for this pair (scored to: its last year with a score), and the sources behind it"
    return Table("series_ends", title,
                 ("dimension", "scored to", "input source", "source to", "known gaps"), tuple(rows),
                 source=DERIVED, topic=WATCH)
