"""Strategic alignment: UN General Assembly voting.

Three views, kept apart because they are different measures. Vote agreement
is the share of identical votes (yes, no or abstain) among roll calls both
states voted in (absences are not recorded, so they drop out), computed from
the merged roll-call table: unvotes to January 2020, then the UN's own
machine-readable resolutions (unxml), which hold adopted resolutions only.
Each figure cites the source its year's roll calls come from, and the brief
says when the scope changes. The ledger's key votes are listed side by side,
not pooled with the series. Ideal-point
distance (Bailey, Strezhnev and Voeten) places each state on one dimension
estimated from its votes; a larger distance means less similar voting, but
only when the two estimates' 90% intervals do not overlap is it called a
difference.
"""

from __future__ import annotations

import re

import pandas as pd

from bilateral.measures.catalog import measure
from bilateral.report import charts
from bilateral.report.model import Evidence, Section, Statement, Table
from bilateral.report.sections.context import Context, no_data, under
from bilateral.wording import count, interval, join, long_date, number, percent, possessive, span, the

UNVOTES = "unvotes"
UNXML = "unxml"
LEDGER = "ledger"
IDEAL = "voeten_idealpoints"
#: Years with fewer common roll calls than this are left out of "ranged from".
MIN_VOTES_FOR_RANGE = 10
#: An issue needs this many common roll calls in the year to be named as highest or lowest.
MIN_VOTES_FOR_ISSUE = 5
#: The six issue codes of the roll-call data, in words.
ISSUES = {"me": "the Palestinian conflict", "nu": "nuclear weapons", "di": "arms control and disarmament",
          "hr": "human rights", "co": "colonialism", "ec": "economic development"}
#: Chance-corrected similarity measures (Häge 2011): column, name in sentences, unit (from the measures catalog).
SIMILARITY = tuple((name, words, measure(name).unit)
                   for name, words in (("un_s_score", "Signorino–Ritter S"), ("un_kappa", "Cohen's κ"), ("un_pi", "Scott's π")))


def build(ctx: Context) -> Section:
    section = Section("alignment", "Strategic alignment")
    under("UN General Assembly roll calls", ctx, section, _agreement, _similarity, _roll_calls_end)
    under("Key votes after the roll-call data (ledger)", ctx, section, _key_votes)
    under("UN ideal points", ctx, section, _ideal_points)
    return section


def _source_of(sources) -> tuple[str, str | None]:
    """The source to cite for roll calls from ``sources`` ('unvotes', 'unxml' or
    'unvotes+unxml'), and a note when both contributed."""
    names = set(str(sources).split("+")) if isinstance(sources, str) else {UNVOTES}
    if names == {UNXML}:
        return UNXML, None
    return UNVOTES, ("roll calls from unvotes and, for resolutions it lacks, unxml" if UNXML in names else None)


def _whole_year(ctx: Context, years: pd.Series) -> pd.Series:
    """True for years the roll calls cover whole: every year before the one the
    data end in, and that one too if they end in December (the main session's
    votes fall in December, so a year cut off in June is not a full session)."""
    last = ctx.data.un_last_date
    if not last:
        return pd.Series(True, index=years.index)
    end_year, end_month = int(last[:4]), int(last[5:7])
    return (years < end_year) | (end_month == 12)


def _year_source(ctx: Context, year: int) -> tuple[str, str | None]:
    """The source of one year's roll calls in this dyad's votes."""
    votes = ctx.data.un_votes
    if votes.empty or "source" not in votes:
        return UNVOTES, None
    return _source_of(votes.loc[votes["year"] == year, "source"].iloc[0] if (votes["year"] == year).any() else None)


def _vote_evidence(row, measure: str, unit: str) -> Evidence:
    value = float(row[measure]) if measure == "agree_pct" else int(row[measure])
    source, note = _source_of(row.get("source"))
    return Evidence(source, measure, value, unit, year=int(row["year"]), table="out_un_votes", note=note)


def _agreement(ctx: Context, section: Section) -> None:
    votes = ctx.data.un_votes
    a, b = the(ctx.a.name), the(ctx.b.name)
    if votes.empty:
        section.sentences.append(no_data(ctx, UNVOTES, "The UN General Assembly roll-call data"))
    else:
        first, last = int(votes["year"].min()), int(votes["year"].max())
        n, same = int(votes["common_votes"].sum()), int(votes["identical_votes"].sum())
        when = interval(first, last)
        source, note = _source_of("+".join(sorted(set("+".join(votes["source"].astype(str)).split("+"))))) if "source" in votes else (UNVOTES, None)
        section.sentences.append(Statement(
            f"Across {count(n, 'UN General Assembly roll call')} in {span(first, last)} in which both voted, "
            f"{a} and {b} cast the same vote (yes, no or abstain) in {percent(100 * same / n)} of cases.",
            (Evidence(source, "common_votes", n, "count", date=when, table="out_un_votes", note=note),
             Evidence(source, "identical_votes", same, "count", date=when, table="out_un_votes", note=note),
             Evidence(source, "agree_pct", 100 * same / n, "percent", date=when, table="out_un_votes", note=note))))
        full = votes[votes["common_votes"] >= MIN_VOTES_FOR_RANGE]
        whole = full[_whole_year(ctx, full["year"])]
        row = (whole if not whole.empty else full if not full.empty else votes).iloc[-1]
        section.sentences.append(Statement(
            f"In {int(row['year'])}, the last year in this brief with a full session of roll calls, they voted the same way in "
            f"{int(row['identical_votes']):,} of {count(int(row['common_votes']), 'common roll call')} ({percent(row['agree_pct'])}).",
            tuple(_vote_evidence(row, m, u) for m, u in (("identical_votes", "count"), ("common_votes", "count"), ("agree_pct", "percent")))))
        if len(full) > 1:
            low, high = full.loc[full["agree_pct"].idxmin()], full.loc[full["agree_pct"].idxmax()]
            section.sentences.append(Statement(
                f"Among years with ten or more common roll calls, agreement ranged from {percent(low['agree_pct'])} in "
                f"{int(low['year'])} to {percent(high['agree_pct'])} in {int(high['year'])}.",
                (_vote_evidence(low, "agree_pct", "percent"), _vote_evidence(high, "agree_pct", "percent"))))
        if not full.empty:
            section.charts.append(_agreement_chart(ctx, votes))


def _roll_calls_end(ctx: Context, section: Section) -> None:
    """Say where the roll calls change scope (unvotes → unxml) and where they end."""
    votes = ctx.data.un_votes
    if votes.empty or "source" not in votes:
        return
    later = votes[votes["source"].astype(str).str.contains(UNXML)]
    if later.empty:
        return
    first = int(votes.loc[votes["source"] == UNXML, "year"].min()) if (votes["source"] == UNXML).any() else int(later["year"].max())
    last_date = ctx.data.un_last_date
    evidence = [Evidence(UNXML, "first_year_unxml_only", first, "year", year=first, table="out_un_votes")]
    text = (f"From {first} the roll calls come from the UN's machine-readable resolutions, which record adopted resolutions only, "
            "without the votes on amendments and paragraphs that the earlier data include, so agreement from then on rests on final votes")
    if last_date and ctx.years[1] >= int(last_date[:4]):
        text += f"; they end on {long_date(last_date)}"
        evidence.append(Evidence(UNXML, "last_roll_call_date", last_date, "date", date=last_date, table="out_un_roll_calls"))
    section.sentences.append(Statement(text + ".", tuple(evidence), kind="gap"))


def _similarity(ctx: Context, section: Section) -> None:
    """S, κ and π for the latest full year of roll calls, and agreement by issue that year."""
    frame = ctx.data.dyad_years
    if frame.empty or "un_s_score" not in frame:
        return
    full = frame[(frame["un_votes_common"] >= MIN_VOTES_FOR_RANGE) & _whole_year(ctx, frame["year"])].dropna(subset=[c for c, _, _ in SIMILARITY])
    if full.empty:
        return
    row = full.iloc[-1]
    year = int(row["year"])
    parts = [f"{name} {number(float(row[column]), 2)}" for column, name, _ in SIMILARITY]
    source, _ = _year_source(ctx, year)
    section.sentences.append(Statement(
        f"Corrected for chance, their voting in {year} (the last full year of roll calls in this brief) gives {join(parts)}; "
        "S runs from minus one for opposite votes to one for identical votes, and κ and π are zero when the two agree no more "
        "often than their own mix of votes would by chance.",
        tuple(Evidence(source, column, float(row[column]), unit, year=year, table="out_dyad_year",
                       note="Häge (2011); yes, abstain and no as ordered positions") for column, _, unit in SIMILARITY)))
    _issues(ctx, section, row)


def _issues(ctx: Context, section: Section, row) -> None:
    """Highest and lowest agreement by issue in one year, and the six issues in a table."""
    year = int(row["year"])
    found = [(code, int(row[f"un_votes_common_{code}"]), 100 * float(row[f"un_agree_share_{code}"])) for code in ISSUES
             if f"un_agree_share_{code}" in row and pd.notna(row[f"un_agree_share_{code}"]) and row[f"un_votes_common_{code}"] > 0]
    named = sorted((f for f in found if f[1] >= MIN_VOTES_FOR_ISSUE), key=lambda f: f[2])
    if len(named) < 2 or named[0][2] == named[-1][2]:
        return

    source, _ = _year_source(ctx, year)
    coded = "; issue codes derived from resolution titles by rule (docs/method.md)" if source == UNXML else ""

    def ev(code, common, pct):
        return (Evidence(source, f"un_agree_share_{code}", pct, "percent of common roll calls", year=year, table="out_dyad_year",
                         note=f"{ISSUES[code]}; stored as a share, shown × 100{coded}"),
                Evidence(source, f"un_votes_common_{code}", common, "roll calls", year=year, table="out_dyad_year", note=ISSUES[code] + coded))

    low, high = named[0], named[-1]
    section.sentences.append(Statement(
        f"By issue in {year}, they voted alike most often on {ISSUES[high[0]]} ({percent(high[2])} of {count(high[1], 'common roll call')}) "
        f"and least often on {ISSUES[low[0]]} ({percent(low[2])} of {low[1]:,}).",
        (*ev(*high), *ev(*low))))
    section.tables.append(Table(
        "un_issues", f"UN General Assembly agreement by issue, {year} (roll-call data)", ("issue", "common roll calls", "identical votes (%)"),
        tuple((ISSUES[code], common, round(pct, 1)) for code, common, pct in sorted(found, key=lambda f: -f[2])), source=source))


def _agreement_chart(ctx: Context, votes: pd.DataFrame):
    votes = votes[votes["common_votes"] >= MIN_VOTES_FOR_RANGE]
    frame = pd.DataFrame({"year": votes["year"], "value": votes["agree_pct"], "common roll calls": votes["common_votes"]})
    ref = ctx.sources.get(UNVOTES)
    later = ctx.sources.get(UNXML)
    note = (f"Source: {ctx.title_of(UNVOTES)} ({ref.version}), covers {span(*ref.coverage)}"
            + (f"; then {ctx.title_of(UNXML)}, adopted resolutions only, to {later.coverage[1]}. " if later else ". ")
            + "Share of identical votes among roll calls both states voted in; absences excluded; "
            f"years with fewer than {MIN_VOTES_FOR_RANGE} common roll calls not plotted.") if ref else "Source: UN votes."
    return charts.line("un_agreement", f"UN General Assembly vote agreement, {the(ctx.a.name)} and {the(ctx.b.name)}", note, frame,
                       "Identical votes (% of common roll calls)", ctx.window(UNVOTES) or ctx.years, tooltip=["common roll calls:Q"])


def _key_votes(ctx: Context, section: Section) -> None:
    votes = ctx.data.key_votes
    if votes.empty:
        if ctx.data.un_last_date and ctx.years[1] > int(ctx.data.un_last_date[:4]) and ctx.coverage(LEDGER):
            section.sentences.append(Statement(
                "The ledger's key UN votes do not record both states' votes, so votes after the roll-call data are not covered here.",
                ctx.coverage_evidence(LEDGER), kind="gap"))
        return
    both = votes.dropna(subset=["vote_a", "vote_b"])
    a, b = ctx.a.name, ctx.b.name
    if not both.empty:
        same = int((both["vote_a"] == both["vote_b"]).sum())
        first, last = int(both["year"].min()), int(both["year"].max())
        section.sentences.append(Statement(
            f"The ledger records {count(len(both), 'key General Assembly vote')} in {span(first, last)} with both states' votes known; "
            f"they voted the same way on {same:,}.",
            (Evidence(LEDGER, "key_votes_both_recorded", len(both), "count", date=interval(first, last), table="core_ledger__key_votes"),
             Evidence(LEDGER, "key_votes_identical", same, "count", date=interval(first, last), table="core_ledger__key_votes"))))
        for _, row in both.iterrows():
            date = str(row["date"])[:10]
            section.sentences.append(Statement(
                f"{_on_vote(row['short_title'], long_date(date))}, {the(a)} voted {row['vote_a']} and {the(b)} voted {row['vote_b']}.",
                tuple(Evidence(LEDGER, "vote", row[f"vote_{side}"], "vote", date=date, table="core_ledger__key_votes",
                               url=row[f"url_{side}"], note=f"{name}; {row['resolution']}") for side, name in (("a", a), ("b", b)))))
    for side, name in (("a", a), ("b", b)):
        missing = votes[votes[f"vote_{side}"].isna()]
        if not missing.empty:
            section.sentences.append(Statement(
                f"The ledger does not record {possessive(name)} vote on {count(len(missing), 'of the listed resolution', 'of the listed resolutions')}.",
                (Evidence(LEDGER, f"key_votes_unrecorded_{side}", len(missing), "count",
                          date=interval(int(missing["year"].min()), int(missing["year"].max())), table="core_ledger__key_votes"),),
                kind="gap"))
    section.tables.append(Table(
        "key_votes", "Key UN General Assembly votes (ledger)", ("date", "resolution", "title", a, b),
        tuple((str(r["date"])[:10], r["resolution"], r["short_title"], _vote(r["vote_a"]), _vote(r["vote_b"])) for _, r in votes.iterrows()),
        source=LEDGER, links=tuple(r["url_a"] if isinstance(r["url_a"], str) else r["url_b"] for _, r in votes.iterrows())))


def _on_vote(title, when: str) -> str:
    """'On <title> (2 March 2022)'. A parenthesis holding a document symbol is dropped, and a
    title that still holds digits is left out, so every number in the sentence is evidence."""
    title = re.sub(r"\s*\([^)]*\d[^)]*\)", "", str(title or "")).strip()
    return f"On {title} ({when})" if title and not re.search(r"\d", title) else f"In the vote of {when}"


def _vote(value) -> str:
    return value if isinstance(value, str) else "not recorded"


#: The published estimates in words (``ideal_point_measure``).
ESTIMATES = {"all": "estimated from all roll calls", "fp": "estimated from foreign-policy roll calls only"}


def _ideal_points(ctx: Context, section: Section) -> None:
    """Each side's ideal point with its 90% interval, and their distance.

    A distance is called a difference only when the two 5th–95th percentile
    intervals do not overlap (``ideal_point_gap_clear`` = 1); otherwise the
    sentence says the data show no clear difference. Distances from the two
    estimates (all roll calls, foreign-policy only) are never compared.
    """
    frame = ctx.data.dyad_years
    rows = frame.dropna(subset=["ideal_point_distance"]) if not frame.empty else frame
    if rows.empty:
        section.sentences.append(no_data(ctx, IDEAL, "The UN ideal-point estimates"))
        return
    last = rows.iloc[-1]
    section.sentences.append(_ideal_point_sentence(ctx, last, f"In {int(last['year'])}"))
    main = rows[rows["ideal_point_measure"] == "all"]
    if last["ideal_point_measure"] != "all":
        estimate = str(last["ideal_point_measure"])
        years = [int(y) for y in rows.loc[rows["ideal_point_measure"] == estimate, "year"]]
        section.sentences.append(Statement(
            f"For {span(min(years), max(years))} the estimate from all roll calls is not published for both, so the one "
            f"{ESTIMATES[estimate]} is used; the two estimates lie on different scales, so distances are not compared across them.",
            (Evidence(IDEAL, "ideal_point_measure", estimate, "estimate", date=interval(min(years), max(years)), table="out_dyad_year"),),
            kind="gap"))
        if not main.empty:
            section.sentences.append(_ideal_point_sentence(ctx, main.iloc[-1], f"In {int(main.iloc[-1]['year'])}, the last year with the all-votes estimate for both"))
    if len(main) > 1:
        first = main.iloc[0]
        section.sentences.append(_ideal_point_sentence(ctx, first, f"In {int(first['year'])}, the first year in this brief with estimates for both"))
    _ideal_point_chart(ctx, section, rows)


def _ideal_point_sentence(ctx: Context, row, when: str) -> Statement:
    """One year's two ideal points with their intervals; a difference only when the intervals are apart."""
    year, estimate = int(row["year"]), str(row["ideal_point_measure"])
    note = f"Bailey–Strezhnev–Voeten, {ESTIMATES.get(estimate, estimate)}"

    def ev(measure, column, who=None):
        return Evidence(IDEAL, measure, float(row[column]), "ideal-point units", year=year, table="out_dyad_year",
                        note=f"{who}; {note}" if who else note)

    a, b = the(ctx.a.name), the(ctx.b.name)
    evidence = [ev("ideal_point_distance", "ideal_point_distance")]
    points = []
    for side, name in (("a", ctx.a.name), ("b", ctx.b.name)):
        evidence.append(ev(f"idealpoint_{estimate}", f"idealpoint_{side}", name))
        text = f"{the(name)} {number(row[f'idealpoint_{side}'], 2)}"
        if pd.notna(row.get(f"idealpoint_{side}_q5")) and pd.notna(row.get(f"idealpoint_{side}_q95")):
            evidence += [ev(f"idealpoint_{estimate}_q5", f"idealpoint_{side}_q5", name), ev(f"idealpoint_{estimate}_q95", f"idealpoint_{side}_q95", name)]
            text += f" (90% interval {number(row[f'idealpoint_{side}_q5'], 2)} to {number(row[f'idealpoint_{side}_q95'], 2)})"
        points.append(text)
    distance = number(row["ideal_point_distance"], 2)
    clear = row.get("ideal_point_gap_clear")
    if pd.isna(clear):
        verdict = (f"the distance between them is {distance}, but without published intervals for both it cannot be told "
                   "apart from the estimates' uncertainty")
    elif int(clear) == 1:
        verdict = f"the intervals do not overlap, so the distance of {distance} is a difference in their voting positions"
    else:
        verdict = (f"the intervals overlap, so the distance of {distance} is within the estimates' uncertainty: "
                   f"the data show no clear difference between {a} and {b}")
    if any(m.endswith("_q5") for m in (e.measure for e in evidence)):
        evidence.append(Evidence(IDEAL, "interval_level", 90, "percent", year=year, table="core_voeten_idealpoints__country_year",
                                 note="the interval runs from the 5th to the 95th percentile of the estimate's posterior"))
    if pd.notna(clear):
        evidence.append(Evidence(IDEAL, "ideal_point_gap_clear", int(clear), "indicator (0/1)", year=year, table="out_dyad_year",
                                 note="1: the two 5th–95th percentile intervals do not overlap"))
    return Statement(
        f"{when}, their UN General Assembly ideal points ({ESTIMATES.get(estimate, estimate)}; higher points lie closer to the "
        f"US-led Western position) were {join(points)}; {verdict}.", tuple(evidence))


def _ideal_point_chart(ctx: Context, section: Section, rows: pd.DataFrame) -> None:
    """The all-votes distance by year (one scale), with how many years' intervals overlap."""
    rows = rows[rows["ideal_point_measure"] == "all"]
    if rows.empty:
        return
    ref = ctx.sources.get(IDEAL)
    overlap = int((rows["ideal_point_gap_clear"] == 0).sum())
    note = (f"Source: {ctx.title_of(IDEAL)} ({ref.version}), covers {span(*ref.coverage)}. " if ref else "Source: Voeten ideal points. ")
    note += (f"Absolute difference of the two ideal points estimated from all roll calls. In {overlap} of {len(rows)} years the two "
             "90% intervals overlap, so the distance there is within the estimates' uncertainty.")
    long = pd.DataFrame({"year": rows["year"], "value": rows["ideal_point_distance"]})
    section.charts.append(charts.line("ideal_points", f"Distance between UN ideal points, {the(ctx.a.name)} and {the(ctx.b.name)}", note, long,
                                      "Ideal-point distance (absolute difference)", ctx.window(IDEAL) or ctx.years))
