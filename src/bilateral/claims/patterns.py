"""The detectors: one rule per kind of claim, each turning a clause into a
Claim with a normalised reading, or passing.

Rules are tried in the order of ``DETECTORS``; the first match wins, so a
clause is one claim. States come from the clause, then its sentence, then
the text's dyad ("the two countries"); a country that is the topic of a
clause ("the Ukrainian conflict") is not an actor in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bilateral.claims.dates import AGO, DECADES, LAST_YEAR, DateRef, number
from bilateral.claims.lexicon import EVENT_WORDS, PERSONS, STAND_INS, UNMEASURED_ALIGNMENT
from bilateral.claims.mentions import Mention
from bilateral.claims.model import Claim


@dataclass
class Context:
    """What a detector may read besides its clause."""

    text: str
    as_of: date
    dyad: tuple[Mention, ...]
    sentence: tuple[int, int]
    sentence_mentions: list[Mention]
    sentence_dates: list[DateRef]
    previous_mentions: list[Mention] = field(default_factory=list)


@dataclass
class Clause:
    """One clause under test: its text, offsets, mentions and dates."""

    ctx: Context
    start: int
    end: int
    mentions: list[Mention]
    dates: list[DateRef]

    @property
    def text(self) -> str:
        return self.ctx.text[self.start:self.end]

    @property
    def sentence_text(self) -> str:
        return self.ctx.text[self.ctx.sentence[0]:self.ctx.sentence[1]]

    def actors(self, count: int = 2) -> list[Mention]:
        """Up to ``count`` distinct acting states, clause first, then sentence, then the text's dyad."""
        topic = re.search(r"(?i)conflict|war\b|crisis|invasion|aggression", self.sentence_text)
        pools = [self.mentions, self.ctx.sentence_mentions]
        if count > 2:
            pools.append(self.ctx.previous_mentions)
        pools.append(list(self.ctx.dyad))
        chosen: dict[int, Mention] = {}
        for pool in pools:
            for m in pool:
                if m.place or (topic and m.iso3 == "UKR") or len(chosen) >= count:
                    continue
                chosen.setdefault(m.ccode, m)
        return list(chosen.values())

    def when(self) -> list[DateRef]:
        """The clause's dates, else its sentence's."""
        return self.dates or self.ctx.sentence_dates

    def claim(self, kind: str, **normalized) -> Claim:
        start, end = self.start, self.end
        for lead in (_HEADING, _CONNECTIVE):  # "Military Cooperation: …", "For instance, …"
            found = lead.match(self.ctx.text[start:end])
            if found:
                start += found.end()
        end = start + len(self.ctx.text[start:end].rstrip(" .,;"))
        return Claim(self.ctx.text[start:end], start, end, kind, normalized)


_HEADING = re.compile(r"(?:[A-Z][\w’'\-]*|of|and|the|on|in|with|for|to)(?:\s+(?:[A-Z][\w’'\-]*|of|and|the|on|in|with|for|to)){0,7}:\s+")
_CONNECTIVE = re.compile(r"(?:For instance|For example|In this context|Additionally|Moreover|However|In addition),\s+")


def _states(mentions: list[Mention]) -> list[dict]:
    return [{"iso3": m.iso3, "ccode": m.ccode, "name": m.name} for m in mentions]


def _period(clause: Clause) -> dict | None:
    """The year a claim is about: an explicit year, 'last year', 'now'/'currently' (the as-of year)."""
    dates = clause.when()
    if dates:
        d = dates[0]
        since = re.search(rf"(?i)\bsince\s+{d.year}\b", clause.ctx.text[max(0, d.start - 7):d.end])
        return {"year": d.year, "month": d.month, "day": d.day, "label": d.label(), "basis": "stated", "since": bool(since)}
    m = LAST_YEAR.search(clause.text) or LAST_YEAR.search(clause.sentence_text)
    if m:
        year = clause.ctx.as_of.year - (0 if m.group("which").lower() == "this" else 1)
        return {"year": year, "label": str(year), "basis": f"'{m.group(0)}' from the as-of date"}
    if re.search(r"(?i)\b(now|currently|today|at present)\b", clause.text) or re.search(r"(?i)\b(currently|at present)\b", clause.sentence_text):
        return {"year": clause.ctx.as_of.year, "label": str(clause.ctx.as_of.year), "basis": "'now': the as-of year"}
    return None


# -- detectors -----------------------------------------------------------
_VOTE_COUNT = re.compile(r"(?i)voted (?:the same way|alike|together) (?:on|in) (\d+) (?:of|out of) (\d+)")
_OPPOSED_COUNT = re.compile(r"(?i)(?:opposed each other|voted (?:against each other|on opposite sides)) (?:on|in) (\d+)(?: (?:of|out of) (\d+))?")
_ALIGN = re.compile(
    r"(?i)vot(?:ed|es|ing) (?:the same way|alike|together|differently)|same (?:narrative|position|stance|line|positions)|opposed each other"
    r"|voted against each other|align(?:ed|ment)? (?:on|in|with)|alignment on|support in (?:international|global) forums"
    r"|consistently (?:supported|backed)|supported .{0,45}(?:policy|policies|interests|position)"
)


def detect_alignment(c: Clause) -> Claim | None:
    m = _ALIGN.search(c.text)
    if not m:
        return None
    lowered = c.text.lower()
    three = re.search(r"(?i)\b(?:three|all three) (?:countries|states)\b", c.sentence_text)
    actors = c.actors(3 if three else 2)
    topic = "ukraine" if re.search(r"(?i)ukrain|crimea", c.text) else None
    counts = _VOTE_COUNT.search(c.text)
    opposed = _OPPOSED_COUNT.search(c.text)
    normalized = {"states": _states(actors), "topic": topic, "period": _period(c), "phrase": m.group(0)}
    if re.search(r"(?i)\bmost\b|\bmajority\b", c.text):
        normalized["quantifier"] = "most"
    if re.search(r"(?i)\b(?:every|all|each)\b", c.text):
        normalized["quantifier"] = "all"
    if counts:
        normalized["same_votes"] = [int(counts.group(1)), int(counts.group(2))]
    if opposed:
        normalized["opposed_votes"] = [int(g) for g in opposed.groups() if g]
    unmeasured = next((w for w in UNMEASURED_ALIGNMENT if w in lowered), None)
    if unmeasured and not topic:
        normalized["unmeasured"] = unmeasured
    return c.claim("alignment", **normalized)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ONE_VOTE = re.compile(
    r"(?i)\b(?P<how>abstained|voted (?:for|in favou?r of|yes on|against|no on)|opposed|backed|supported)\b[^.;]{0,60}?\b(?:resolution|the vote|it)\b"
)


def detect_vote(c: Clause) -> Claim | None:
    """One state's vote on dated UN resolutions: 'China abstained on the March 2022 resolution'."""
    m = _ONE_VOTE.search(c.text)
    if not m or not re.search(r"(?i)resolution|united nations|\bUN\b|general assembly", c.sentence_text):
        return None
    how = m.group("how").lower()
    vote = "abstain" if how == "abstained" else "no" if any(w in how for w in ("against", "no on", "opposed")) else "yes"
    voter = [x for x in c.mentions if x.start < c.start + m.start() and not x.place and x.iso3 != "UKR"]
    if not voter:
        return None
    topic = "ukraine" if re.search(r"(?i)ukrain|crimea|invasion|aggression", c.sentence_text) else None
    return c.claim("alignment", voter=_states(voter[-1:]), vote=vote, topic=topic, period=_period(c), phrase=m.group(0))


_RANK = re.compile(
    r"(?i)\b(?P<rank>(?:(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[- ])?(?:largest|biggest)|main|leading|top"
    r"|(?P<ord2>" + "|".join(_ORDINALS) + r")|among the top (?P<n>\d+|three|five|ten))"
    r"\s+(?:trading|trade|commercial|economic)\s+partner"
)


def _ordinal(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    return _ORDINALS.index(word) + 1 if word in _ORDINALS else int(re.match(r"\d+", word).group(0))


def detect_ranking(c: Clause) -> Claim | None:
    m = _RANK.search(c.text)
    if not m:
        return None
    rank = _ordinal(m.group("ord") or m.group("ord2"))
    if m.group("n"):
        rank = number(m.group("n"))
    owner_match = re.search(r"([A-Z][\w\-]*)[’']s\s+(?:\w+[- ])?" + re.escape(m.group(0).split()[0]), c.text)
    actors = c.actors(2)
    owner = next((a for a in actors if owner_match and a.name.split()[0] in owner_match.group(1)), actors[-1] if actors else None)
    partner = next((a for a in actors if a is not owner), None)
    region = re.search(r"(?i)\bin (Asia|Europe|Africa|the Americas|Oceania|the world)\b", c.text[m.end():m.end() + 30])
    return c.claim(
        "ranking", rank=rank, within="among the top" if m.group("n") else "exact", owner=_states([owner]) if owner else [],
        partner=_states([partner]) if partner else [], region=region.group(1) if region else None, period=_period(c), phrase=m.group(0),
    )


_MONEY = re.compile(
    r"(?i)(?P<cmp>more than|less than|at least|at most|exceeded|exceeds|exceeding|surpassed|topped|over|above|under|below|about|around|approximately|roughly|nearly|almost|close to|some)?\s*"
    r"(?:US)?\$\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>trillion|billion|bn|million|mn|m)?\b"
)
_PERCENT = re.compile(r"(?i)(?P<num>\d+(?:\.\d+)?)\s?(?:%|per ?cent)")
_UNITS = {"trillion": 1e6, "billion": 1e3, "bn": 1e3, "million": 1, "mn": 1, "m": 1, None: 1e-6}


def detect_quantity(c: Clause) -> Claim | None:
    money = _MONEY.search(c.text)
    percent = _PERCENT.search(c.text)
    if not money and not percent:
        return None
    lowered = c.text.lower()
    metric = "exports" if "export" in lowered else "imports" if "import" in lowered else "total_trade" if re.search(r"trade|turnover", lowered) else None
    actors = c.actors(2)
    if metric == "exports" and len(actors) == 2:
        # "Belarusian exports to China": the exporter is named before "exports"
        exporter = next((a for a in actors if a.start < lowered.find("export") + c.start), actors[0])
        actors = [exporter] + [a for a in actors if a is not exporter]
    if money:
        value = float(money.group("num").replace(",", "")) * _UNITS[(money.group("unit") or "").lower() or None] if money.group("unit") else float(money.group("num").replace(",", "")) / 1e6
        cmp_ = (money.group("cmp") or "").lower()
        return c.claim("quantity", unit="musd", value=value, comparator=cmp_, metric=metric, states=_states(actors), period=_period(c), phrase=money.group(0).strip())
    growth = _GROWTH.search(c.text)
    if growth:
        down = growth.group("verb").lower() in ("fell", "declined", "dropped", "decreased", "down", "shrank")
        value = float(growth.group("num")) * (-1 if down else 1)
        return c.claim("quantity", unit="percent", growth=True, value=value, comparator=(growth.group("cmp") or "").strip().lower(),
                       metric=metric, states=_states(actors), period=_period(c), phrase=growth.group(0))
    return c.claim("quantity", unit="percent", value=float(percent.group("num")), comparator="", metric=metric, states=_states(actors), period=_period(c), phrase=percent.group(0))


_GROWTH = re.compile(
    r"(?i)\b(?P<verb>grew|rose|increased|jumped|expanded|up|fell|declined|dropped|decreased|down|shrank)\s+(?:by\s+)?"
    r"(?P<cmp>about |around |nearly |almost |roughly |more than |over |less than )?(?P<num>\d+(?:\.\d+)?)\s?(?:%|per ?cent)"
)


_TREND = re.compile(
    r"(?i)\b(?P<what>trade|exports|imports|turnover)\b[^.;]{0,60}?\b(?P<verb>(?:more than )?doubled|tripled|grown|grew|increased|risen|rose|expanded|declined|fallen|fell|dropped|decreased|shrunk)\b"
    r"(?:\s+(?P<how>rapidly|sharply|steadily|quickly|fast|significantly|slightly|modestly))?"
)


def detect_trend(c: Clause) -> Claim | None:
    m = _TREND.search(c.text)
    if not m:
        return None
    verb = m.group("verb").lower()
    direction = "down" if verb in ("declined", "fallen", "fell", "dropped", "decreased", "shrunk") else "up"
    years = [d.year for d in c.when()]
    since = re.search(r"(?i)since (\d{4})", c.text)
    period = {"from": int(since.group(1)) if since else (min(years) if len(years) > 1 else None), "to": max(years) if len(years) > 1 else None}
    return c.claim(
        "trend", metric={"trade": "total_trade", "turnover": "total_trade"}.get(m.group("what").lower(), m.group("what").lower()),
        direction=direction, speed=(m.group("how") or "").lower() or None, multiple=verb if "doubled" in verb or verb == "tripled" else None,
        states=_states(c.actors(2)), period=period, phrase=m.group(0),
    )


def detect_duration(c: Clause) -> Claim | None:
    ago = AGO.search(c.text)
    span = DECADES.search(c.text)
    found = ago or span
    if not found or not re.search(r"(?i)diplomatic (?:ties|relations)|relations", c.text):
        return None
    n = number(found.group("n"))
    years = n * 10 if n and found.group("unit").lower().startswith("decade") else n
    anchor = "diplomatic_ties_established" if re.search(r"(?i)diplomatic|relations|ties", c.text) else None
    return c.claim("duration", years=years, unit=found.group("unit").lower(), form="ago" if ago else "span", anchor=anchor,
                   states=_states(c.actors(2)), phrase=found.group(0))


_TIMES = re.compile(r"(?i)\b(?:more than |over |at least |nearly |about )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|several) (?:times|meetings|visits|exercises|drills)\b")
_SIGNED_COUNT = re.compile(r"(?i)\b(?P<n>\d+)\s+(?:[a-z-]+\s+)?(?:agreements|documents|accords|deals|memoranda)\b")


def detect_count(c: Clause) -> Claim | None:
    """'have met more than 40 times': a count of events, which the selective ledger cannot settle."""
    m = _TIMES.search(c.text)
    if not m or not any(re.search(p, c.text.lower()) for p, _ in EVENT_WORDS):
        return None
    return c.claim("event", count=m.group(0), states=_states(c.actors(2)))


def detect_event(c: Clause) -> Claim | None:
    lowered = c.text.lower()
    types: list[str] = []
    for pattern, kinds in EVENT_WORDS:
        if re.search(pattern, lowered):
            types += [k for k in kinds if k not in types]
    if not types:
        return None
    dates = c.when()
    recent = re.search(r"(?i)\b(recent|recently|latest|last)\b", c.text)
    if not dates and not recent:
        return None
    persons = [p for p in PERSONS if re.search(rf"\b{re.escape(p)}\b", c.text)]
    names = re.findall(r"[“\"']([^”\"']{3,60})[”\"']", c.sentence_text)
    d = dates[0] if dates else None
    return c.claim(
        "event", event_types=types, states=_states(c.actors(2)), persons=persons, names=names, destination=_destination(c), subject=_subject(c),
        number=int(counted.group("n")) if (counted := _SIGNED_COUNT.search(c.text)) else None,
        date={"year": d.year, "month": d.month, "day": d.day, "label": d.label()} if d else None,
        latest=bool(re.search(r"(?i)\b(?:the )?(?:latest|most recent|last) of which\b|\bthe latest\b", c.text)),
        recent=bool(recent) and not d,
    )


_SIGNED = re.compile(
    r"(?i)\bsign(?:ed|ing of)\s+(?:an?\s+|the\s+|\d+\s+|several\s+|new\s+)?(?P<head>(?:[\w-]+\s+){0,4}?)"
    r"(?:agreements?|treaty|treaties|memorand\w*|documents?|declarations?|accords?|deals?|MoUs?)"
    r"(?:\s+(?:on|to|for|about|of)\s+(?P<about>[^,.;]{0,60}))?"
)
#: Words that say nothing about what an agreement is on.
_VAGUE = {"cooperation", "bilateral", "intergovernmental", "various", "number", "series", "package", "major", "important",
          "enhance", "promote", "strengthen", "develop", "expand", "boost", "deepen", "both", "sides", "countries", "their",
          "with", "within", "between", "that", "this", "which", "several", "further", "friendship"}


def _subject(c: Clause) -> dict | None:
    """What a signed agreement is about: the words before 'agreement' (all
    must match the ledger: 'free trade') and after 'on'/'to' (one must)."""
    m = _SIGNED.search(c.text)
    if not m:
        return None
    states = {w.lower() for pair in STAND_INS.items() for w in pair}

    def words(text: str | None) -> list[str]:
        return [w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", text or "") if w.lower() not in _VAGUE and w.lower() not in states]

    head, about = words(m.group("head")), words(m.group("about"))
    return {"head": head, "about": about} if head or about else None


def _destination(c: Clause) -> dict | None:
    """The state visited: named after 'visited', 'visit to', 'trip to' or 'visit of … to'."""
    visit = re.search(r"(?i)\bvisit(?:ed|s)?\b|\btrip\b", c.text)
    if not visit:
        return None
    for m in c.mentions:
        before = c.ctx.text[max(c.start, m.start - 9):m.start].lower()
        if m.start > c.start + visit.start() and re.search(r"(?:\bto|visited|visit|\bin)\s+(?:the\s+)?$", before):
            return {"iso3": m.iso3, "ccode": m.ccode, "name": m.name}
    return None


DETECTORS = (detect_vote, detect_alignment, detect_ranking, detect_quantity, detect_trend, detect_duration, detect_count, detect_event)


#: Aims, plans and efforts: not a statement of fact, whatever else the clause says.
ASPIRATION = re.compile(r"(?i)\b(?:are|is) working to\b|\baims? to\b|\bseeks? to\b|\bplans? to\b|\bintends? to\b|\bexpected to\b|\bwill\b")


def detect(ctx: Context, start: int, end: int, mentions: list[Mention], dates: list[DateRef]) -> list[Claim]:
    """The claims in the clause at ``start:end``: the first a detector finds,
    and a ranking after a figure ("was $6 billion, making China its second
    largest partner") as a claim of its own."""
    clause = Clause(ctx, start, end, mentions, dates)
    if ASPIRATION.search(clause.text):
        return []
    for detector in DETECTORS:
        claim = detector(clause)
        if claim:
            break
    else:
        return []
    money = _MONEY.search(clause.text)
    if claim.kind == "ranking" and money and money.group("num") and "$" in money.group(0):
        cut = start + money.end()
        figure = detect_quantity(Clause(ctx, start, cut, [m for m in mentions if m.end <= cut], [d for d in dates if d.end <= cut]))
        rest = re.match(r"[\s,;]*(?:making|which made|with)?\s*", ctx.text[cut:end])
        cut2 = cut + (rest.end() if rest else 0)
        ranking = detect_ranking(Clause(ctx, cut2, end, [m for m in mentions if m.start >= cut2] or mentions, dates))
        return [c for c in (figure, ranking) if c]
    return [claim]
