"""UN General Assembly resolutions with their recorded votes, September 2019 to
June 2026: the UN's "Machine-readable General Assembly resolutions" (UNxml),
sessions 74–80, the 10th and 11th emergency special sessions and the 32nd
special session.

Scope differs from unvotes. These files hold *adopted resolutions* only: a
recorded vote on an amendment, a paragraph or a motion, and a draft that
failed, are absent, while unvotes has them. Most resolutions are adopted
without a vote and so carry no state votes; only "By a recorded vote" ones do.
ES-11 holds ES-11/1 to ES-11/6 only (the February 2025 votes are missing).

Reading caveats, each handled below and tested:

- Member states are named as the UN writes them ("BOLIVIA (PLURINATIONAL
  STATE OF)", "TÜRKİYE" and three other spellings of Türkiye); the names are
  mapped by a hand-checked reference file, ``data/un_names.tsv``. A name not
  in it fails the build with the name.
- Dates come as "2019-11-07 00:00:00" (session 74) or as text
  ("29 September 2023"), sometimes with non-breaking spaces.
- 36 symbols appear more than once (39 extra rows, all of session 79/80 in
  2025; 21 of them recorded votes). The copies differ only in the spelling of
  Türkiye, so each symbol is kept once, after checking that the copies'
  votes agree state by state.
- A count of "N.A." on a recorded vote means nobody voted that way (no names
  are listed). A/RES/75/290 A lists its yes and abstaining states twice; each
  state is kept once. A/RES/77/293 gives 59 abstentions but names 58 states.
  A/RES/75/254 A-C is a recorded vote with counts but no names. The names, not
  the counts, are the votes; :func:`check_counts` fails on any other mismatch.
- Four multi-part resolutions (A/RES/79/259 A-C, 80/84 A-B, 80/236 A-B,
  80/244 A-C) have no adoption type and no votes: their parts were adopted
  separately and the file does not say how. Their type stays NULL.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache
from importlib import resources

import pandas as pd

from bilateral.errors import SourceSchemaError
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources._github import raw_url

_REPO, _COMMIT = "UNxml/GAresolutions", "42a69b67bb92d23969fc45bba151320b82eb8e52"
_SHA256 = {
    "74": "70f4e80922ec7542792493a10aa8463c64830cf736ed02144bdf780d4f623b6f",
    "75": "b48efdb74739d86249a04999d75e2e67d267fcf6886e60f2987032d7c11f6427",
    "76": "1138b54c4b6b10c5c0be134d08c0dea464f9af9247c41c5d922c09f32fcdd4d0",
    "77": "fa9ba30c6f2a065417ecb7e26e518865ee31a36001c9c110b0303a84116183cf",
    "78": "ab8b9ad03f5e22dcfb40ede88d9fc6edbc8653213e4e044e466f8a6685897848",
    "79": "610f8aa502662bcac1e47004d3f155c0f86f3675c7f296afacddf3d10b0dabd8",
    "80": "f024775cf6ee4f6db354a1f7cd31c9b74f3e3f0b3381e81e465f17ccbcf09108",
    "ES-10": "ca470b45a979de773920b2c91a160940703bc74d303fdff8f20312074633534f",
    "ES-11": "14c3982981dcbfb7716f4ab086ca2753383a89827ed448e9cffc8f499ecc1fb8",
    "S-32": "64b635e8b09c6037d84f00b3957a822d94772a259aecc882e5c9048420394d25",
}
FILES = tuple(DataFile(f"unxml/{s}.json", sha, raw_url(_REPO, _COMMIT, f"data_extract/{s}.json")) for s, sha in _SHA256.items())
NAMES_FILE = "un_names.tsv"

RECORDED = "By a recorded vote"
ADOPTION_TYPES = (RECORDED, "Without a vote")
#: The file's vote lists and the vote each stands for.
VOTE_LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}
#: Recorded votes whose counts differ from the names listed, as read from the
#: files (see the module docstring); any other mismatch is an error.
KNOWN_COUNT_MISMATCHES = {
    ("A/RES/75/254 A-C", "MS_in_favour"): "counts given, no names listed",
    ("A/RES/75/254 A-C", "MS_against"): "counts given, no names listed",
    ("A/RES/75/290 A", "MS_in_favour"): "every name listed twice",
    ("A/RES/75/290 A", "MS_abstaining"): "every name listed twice",
    ("A/RES/77/293", "MS_abstaining"): "59 counted, 58 named",
}
_SESSION = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/")


@cache
def un_names() -> dict[str, tuple[int, str]]:
    """The reference file: each UN spelling of a member state → (COW code, ISO3)."""
    text = (resources.files("bilateral") / "data" / NAMES_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader([line for line in text.splitlines() if line and not line.startswith("#")], delimiter="\t")
    return {row["name"]: (int(row["ccode"]), row["iso3"]) for row in rows}


def parse_date(text: str, where: str = "") -> dt.date:
    """"2019-11-07 00:00:00" or "29 September 2023" (spaces may be non-breaking) → a date."""
    clean = " ".join(str(text).replace("\xa0", " ").split())
    for form in ("%Y-%m-%d %H:%M:%S", "%d %B %Y"):
        try:
            return dt.datetime.strptime(clean, form).date()
        except ValueError:
            pass
    raise SourceSchemaError(f"unxml: adoption date {text!r} of {where or 'a resolution'} is in neither known format "
                            "('2019-11-07 00:00:00' or '29 September 2023'); extend parse_date() in bilateral/sources/unxml.py")


def read_records(paths) -> list[dict]:
    """Every line of every file, as published, with the file it came from."""
    records = []
    for f in FILES:
        with open(paths[f.path], encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    record = json.loads(line)
                    record["_file"], record["_line"] = f.path, number
                    records.append(record)
    return records


def _count(value: str) -> int | None:
    return int(value) if str(value).isdigit() else None


def read_resolutions(paths) -> pd.DataFrame:
    """One row per line of the files (duplicates included), vote lists as names."""
    rows = []
    for r in read_records(paths):
        rows.append({
            "symbol": r["symbol"], "session": _session(r["symbol"]), "adoption_date": r["adoption_date"],
            "adoption_type": r["adoption_type"], "title": r["title"], "agenda_item_name": r["agenda_item_name"],
            "subjects": "; ".join(s[0] for s in r["subjects"]),
            "yes_count": r["MS_in_favour_count"], "no_count": r["MS_against_count"], "abstain_count": r["MS_abstaining_count"],
            **{lst: list(r[lst]) for lst in VOTE_LISTS},
            "file": r["_file"], "line": r["_line"],
        })
    return pd.DataFrame(rows)


def _session(symbol: str) -> str:
    match = _SESSION.match(symbol)
    if not match:
        raise SourceSchemaError(f"unxml: resolution symbol {symbol!r} does not read A/RES/<session>/<number>")
    return match.group(1)


def check_counts(raw: pd.DataFrame) -> None:
    """Each recorded vote's counts equal the names it lists, bar the known cases."""
    bad = []
    for row in raw[raw["adoption_type"] == RECORDED].itertuples(index=False):
        for lst, count_column in zip(VOTE_LISTS, ("yes_count", "no_count", "abstain_count")):
            count = _count(getattr(row, count_column)) or 0  # "N.A." on a recorded vote: nobody voted that way
            if count != len(getattr(row, lst)) and (row.symbol, lst) not in KNOWN_COUNT_MISMATCHES:
                bad.append(f"{row.symbol} {lst}: {count} counted, {len(getattr(row, lst))} named ({row.file} line {row.line})")
    if bad:
        raise SourceSchemaError("unxml: recorded-vote counts differ from the names listed: " + "; ".join(bad)
                                + ". Check the file; if it is right, add the case to KNOWN_COUNT_MISMATCHES.")


def state_votes(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per (file line, state) from the vote lists, names mapped to states."""
    names = un_names()
    rows = [(row.symbol, row.line, row.file, name, vote)
            for row in raw.itertuples(index=False) for lst, vote in VOTE_LISTS.items() for name in getattr(row, lst)]
    frame = pd.DataFrame(rows, columns=["symbol", "line", "file", "country", "vote"])
    unknown = sorted(set(frame["country"]) - set(names))
    if unknown:
        raise SourceSchemaError(f"unxml: member-state names not in bilateral/data/{NAMES_FILE}: {unknown}. "
                                "Add each with its COW code and ISO3 code (check the state by hand).")
    frame["ccode"] = frame["country"].map({n: c for n, (c, _) in names.items()}).astype("Int64")
    frame["iso3"] = frame["country"].map({n: i for n, (_, i) in names.items()}).astype("string")
    return frame


def _one_vote_per_state(votes: pd.DataFrame) -> pd.DataFrame:
    """A state named twice in one resolution (75/290 A; two spellings of Türkiye
    in the copies) keeps one vote; two different votes are an error."""
    votes = votes.drop_duplicates(["symbol", "line", "ccode", "vote"])
    clash = votes[votes.duplicated(["symbol", "line", "ccode"], keep=False)]
    if not clash.empty:
        raise SourceSchemaError(f"unxml: a state is listed under two different votes: {clash.head(6).to_dict('records')}")
    return votes


def check_copies(raw: pd.DataFrame, votes: pd.DataFrame) -> None:
    """A symbol that appears more than once must record the same votes, state by
    state, in every copy (the 2025 copies differ only in how Türkiye is spelt)."""
    copies = raw.loc[raw["symbol"].duplicated(keep=False), ["symbol", "file", "line"]]
    mine = votes.merge(copies, on=["symbol", "file", "line"]).drop_duplicates(["file", "line", "ccode", "vote"])
    per_copy = {key: frozenset(zip(g["ccode"], g["vote"])) for key, g in mine.groupby(["file", "line"])}
    for symbol, group in copies.groupby("symbol"):
        if len({per_copy.get((f, line), frozenset()) for f, line in zip(group["file"], group["line"])}) > 1:
            where = ", ".join(f"{f} line {line}" for f, line in zip(group["file"], group["line"]))
            raise SourceSchemaError(f"unxml: {symbol} appears {len(group)} times ({where}) with different votes; "
                                    "decide which copy holds before building")


def clean_resolutions(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per resolution symbol, with typed dates, types and counts."""
    frame = raw.drop_duplicates("symbol", ignore_index=True).copy()
    frame["date"] = [parse_date(d, s) for d, s in zip(frame["adoption_date"], frame["symbol"])]
    frame["year"] = pd.array([d.year for d in frame["date"]], dtype="Int64")
    unknown = set(frame["adoption_type"]) - set(ADOPTION_TYPES) - {""}
    if unknown:
        raise SourceSchemaError(f"unxml: unknown adoption types {sorted(unknown)}; expected {ADOPTION_TYPES} or blank")
    frame["adoption_type"] = frame["adoption_type"].replace("", None).astype("string")
    frame["recorded"] = frame["adoption_type"].eq(RECORDED).fillna(False).astype(bool)
    for column in ("yes_count", "no_count", "abstain_count"):
        # a recorded vote's "N.A." is 0 (no names under it); otherwise there was no count
        counts = frame[column].map(_count).astype("Int64")
        frame[column] = counts.mask(counts.isna() & frame["recorded"], 0)
    frame["states_listed"] = pd.array([len(set(a) | set(b) | set(c)) for a, b, c in zip(*(frame[lst] for lst in VOTE_LISTS))], dtype="Int64")
    return frame[list(RESOLUTION_COLUMNS)]


def read_votes(paths) -> pd.DataFrame:
    """The recorded votes as listed (one row per name and line), with the adoption date."""
    raw = read_resolutions(paths)
    check_counts(raw)
    votes = state_votes(raw)
    check_copies(raw, votes)
    lines = raw[["file", "line", "adoption_date"]].assign(first_copy=~raw["symbol"].duplicated())
    return votes.merge(lines, on=["file", "line"], how="left", validate="many_to_one")


def clean_votes(raw: pd.DataFrame) -> pd.DataFrame:
    """One vote per state and resolution: copies and repeated names removed."""
    votes = _one_vote_per_state(raw[raw["first_copy"]]).copy()
    dates = {d: parse_date(d) for d in votes["adoption_date"].unique()}
    votes["date"] = votes["adoption_date"].map(dates)
    votes["year"] = pd.array([d.year for d in votes["date"]], dtype="Int64")
    return votes[["symbol", "ccode", "iso3", "country", "date", "year", "vote"]].sort_values(["date", "symbol", "ccode"], ignore_index=True)


RESOLUTION_COLUMNS = {
    "symbol": "resolution symbol, e.g. A/RES/77/1 or A/RES/ES-11/1",
    "session": "session: 74 … 80, or ES-10, ES-11 (emergency special), S-32 (special)",
    "date": "adoption date",
    "year": "year of adoption",
    "adoption_type": "'By a recorded vote' or 'Without a vote'; NULL for four multi-part resolutions adopted part by part",
    "recorded": "true if adopted by a recorded vote",
    "title": "resolution title",
    "agenda_item_name": "the agenda item it was adopted under",
    "subjects": "UNBIS thesaurus subjects, separated by '; '",
    "yes_count": "states voting yes, as counted in the file (NULL: not a recorded vote)",
    "no_count": "states voting no, as counted (a recorded vote's 'N.A.' is 0)",
    "abstain_count": "states abstaining, as counted",
    "states_listed": "distinct member-state names listed under the three votes",
}

SOURCE = Source(
    name="unxml",
    description="UN General Assembly adopted resolutions with recorded votes, Sep 2019 to Jun 2026 (UNxml).",
    provenance=Provenance(
        producer="United Nations, Department for General Assembly and Conference Management",
        title="Machine-readable General Assembly resolutions (UNxml/GAresolutions)",
        version=f"commit {_COMMIT[:7]} (sessions 74-80, ES-10, ES-11, S-32)",
        licence="Free to use; the United Nations must be acknowledged as the source; no warranty",
        homepage="https://github.com/UNxml/GAresolutions",
        citation="""@misc{un2026garesolutions,
  author = {{United Nations, Department for General Assembly and Conference Management}},
  title = {Machine-readable {G}eneral {A}ssembly resolutions},
  year = {2026}, howpublished = {\\url{https://github.com/UNxml/GAresolutions}}}""",
        coverage=(2019, 2026),
        gaps=(
            "Adopted resolutions only: unlike unvotes there are no votes on amendments, paragraphs, motions or "
            "failed drafts, so agreement from 2020 on rests on fewer, final votes. ES-11 ends with ES-11/6 (the "
            "February 2025 Ukraine votes are absent). Absences are not recorded. Issue codes are derived from "
            "titles and subjects by documented rules, or left NULL."
        ),
    ),
    files=FILES,
    tables=(
        Table(
            name="resolutions",
            read=read_resolutions,
            clean=clean_resolutions,
            columns=RESOLUTION_COLUMNS,
            key=("symbol",),
            ranges={"year": (2019, 2026), "yes_count": (0, 193), "no_count": (0, 193), "abstain_count": (0, 193)},
            golden_rows=2193,
        ),
        Table(
            name="votes",
            read=read_votes,
            clean=clean_votes,
            columns={
                "symbol": "resolution symbol (joins resolutions)",
                "ccode": "COW state number, from data/un_names.tsv",
                "iso3": "ISO3 code, from data/un_names.tsv",
                "country": "member-state name as the UN writes it",
                "date": "adoption date",
                "year": "year of adoption",
                "vote": "yes, no or abstain",
            },
            key=("symbol", "ccode"),
            ranges={"year": (2019, 2026)},
            golden_rows=128399,
        ),
    ),
)
