"""The project's own curated ledger (1992–2024): events, reported trade totals
and key UN votes for China–Belarus and five neighbouring dyads, each row
citing the public page it was taken from.

It fills the gaps the public datasets leave (trade after 2014, UN votes after
January 2020, visits after 2018) but is selective and quotes sources that
disagree: rows titled "ALT:" are a second, conflicting account of an event,
and trade figures come from different statistics (goods only, or goods and
services; partial years), so they must not be summed blindly. It ships inside
the package, so it has no mirror files; ``package_sha256`` fingerprints it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources

import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.errors import SourceSchemaError
from bilateral.sources.base import Provenance, Source, Table

FILES = ("events.csv", "trade_reported.csv", "unga_key_votes.csv")
FILES_OF = dict(zip(("events", "trade_reported", "key_votes"), FILES))
EVENT_TYPES = frozenset({
    "state_visit", "official_visit", "leader_meeting", "phone_call", "agreement_signed", "partnership_upgrade",
    "joint_exercise", "joint_statement", "diplomatic_ties_established", "membership", "sanction", "other",
})  # fmt: skip
MEASURES = frozenset({"total_trade", "exports_a_to_b", "imports_a_from_b"})
VOTES = frozenset({"yes", "no", "abstain", "absent"})


def ledger_path(name: str):
    """The packaged ledger file ``name``."""
    return resources.files("bilateral") / "ledger" / name


def package_sha256() -> str:
    """One sha256 over the three ledger CSVs, so unchanged ledgers skip a rebuild."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + ledger_path(name).read_bytes())
    return digest.hexdigest()


def _read(name: str) -> pd.DataFrame:
    with ledger_path(name).open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False, na_values=[""])


def _require(frame: pd.DataFrame, column: str, allowed: frozenset, where: str) -> None:
    bad = frame.loc[~frame[column].isin(allowed), column]
    if len(bad):
        raise SourceSchemaError(
            f"ledger.{where}: unknown {column} {sorted(set(bad))} on {FILES_OF[where]} line(s) {list(bad.index[:5] + 2)}; "
            f"allowed: {', '.join(sorted(allowed))}. Fix the row or extend the vocabulary in ledger/README.md."
        )


def _require_urls(frame: pd.DataFrame, where: str) -> None:
    bad = frame.index[~frame["source_url"].fillna("").str.match(r"https?://\S+$")]
    if len(bad):
        raise SourceSchemaError(
            f"ledger.{where}: {FILES_OF[where]} line(s) {list(bad[:5] + 2)} lack an http(s) source_url; every row must cite its source."
        )


def _codes(iso3: pd.Series, years: pd.Series) -> pd.Series:
    return lookup(iso3, years, scheme="iso3")["ccode"].set_axis(iso3.index)


def _first_day(text: str) -> dt.date:
    """'2011-09' → 2011-09-01; '1992' → 1992-01-01; a full date stays itself."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(*(parts + [1, 1])[:3])


def clean_events(raw):
    frame = raw.copy()
    _require(frame, "event_type", EVENT_TYPES, "events")
    _require(frame, "date_precision", frozenset({"day", "month", "year"}), "events")
    _require_urls(frame, "events")
    frame.insert(0, "event_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["date_start"] = frame["date"].map(_first_day)
    frame["year"] = pd.array([d.year for d in frame["date_start"]], dtype="Int64")
    for side in ("actor1", "actor2"):
        frame[f"{side}_ccode"] = _codes(frame[f"{side}_iso3"], frame["year"])
    frame["is_alt"] = frame["title"].str.startswith("ALT:")
    return frame[["event_id", "date", "date_start", "date_precision", "year", "actor1_iso3", "actor2_iso3",
                  "actor1_ccode", "actor2_ccode", "event_type", "title", "location", "detail", "is_alt",
                  "source_url", "source_publisher", "source_date"]]  # fmt: skip


def clean_trade(raw):
    frame = raw.rename(columns={"value_usd_millions": "value_musd"})
    _require(frame, "measure", MEASURES, "trade_reported")
    _require_urls(frame, "trade_reported")
    frame.insert(0, "row_id", pd.array(range(1, len(frame) + 1), dtype="Int64"))
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["value_musd"] = pd.to_numeric(frame["value_musd"]).astype("Float64")
    for side in ("partner_a", "partner_b"):
        frame[f"{side}_ccode"] = _codes(frame[f"{side}_iso3"], frame["year"])
    return frame[["row_id", "year", "reporter", "partner_a_iso3", "partner_b_iso3", "partner_a_ccode", "partner_b_ccode",
                  "measure", "value_musd", "period", "source_url", "source_publisher", "source_date", "note"]]  # fmt: skip


def clean_votes(raw):
    frame = raw.copy()
    _require(frame, "vote", VOTES, "key_votes")
    _require_urls(frame, "key_votes")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d").dt.date
    frame["year"] = pd.array([d.year for d in frame["date"]], dtype="Int64")
    frame["ccode"] = _codes(frame["country_iso3"], frame["year"])
    return frame[["date", "year", "resolution", "short_title", "country_iso3", "ccode", "vote", "source_url"]]


_URL = "public page the row was taken from (http or https; required)"
SOURCE = Source(
    name="ledger",
    description="The project's curated ledger: events, reported trade totals and key UN votes, each with its source URL.",
    provenance=Provenance(
        producer="bilateral project (compiled from public news and official pages)",
        title="Curated bilateral-relations ledger",
        version="1992-2024 compilation shipped with this package (see package_sha256)",
        licence="MIT (with the package); facts are paraphrased, each row links its source",
        homepage="bilateral/ledger/README.md (inside the package)",
        citation="""@misc{bilateral_ledger,
  author = {{bilateral project}},
  title = {Curated bilateral-relations ledger: events, reported trade and key {UN} votes, 1992-2024},
  year = {2024}, note = {Shipped inside the bilateral package; every row cites its source URL}}""",
        coverage=(1992, 2024),
        gaps="Selective: headline events of six dyads; trade figures for some years only; seven UN votes 2022-2024.",
    ),
    files=(),
    tables=(
        Table(
            name="events",
            read=lambda paths: _read(FILES_OF["events"]),
            clean=clean_events,
            columns={
                "event_id": "row number in events.csv (1-based)",
                "date": "date as given: YYYY-MM-DD, or YYYY-MM when only the month is known",
                "date_start": "first day the date can mean (the 1st of the month for month precision)",
                "date_precision": "day, month or year",
                "year": "year of the event",
                "actor1_iso3": "ISO3 of the first actor (visitor or initiator where meaningful)",
                "actor2_iso3": "ISO3 of the second actor",
                "actor1_ccode": "COW number of the first actor",
                "actor2_ccode": "COW number of the second actor",
                "event_type": "one of: " + ", ".join(sorted(EVENT_TYPES)),
                "title": "short paraphrase; 'ALT:' marks a conflicting second account",
                "location": "where it happened (NULL: not stated)",
                "detail": "one-sentence paraphrase of the source",
                "is_alt": "title starts with 'ALT:' (drop or down-weight when counting events)",
                "source_url": _URL,
                "source_publisher": "site, and original agency in brackets where stated",
                "source_date": "publication date of the source (YYYY, YYYY-MM or YYYY-MM-DD; NULL: unknown)",
            },
            key=("event_id",),
            ranges={"year": (1992, 2024)},
            golden_rows=104,
        ),
        Table(
            name="trade_reported",
            read=lambda paths: _read(FILES_OF["trade_reported"]),
            clean=clean_trade,
            columns={
                "row_id": "row number in trade_reported.csv (1-based)",
                "year": "year the figure is for",
                "reporter": "who published the figure",
                "partner_a_iso3": "ISO3 of partner A (the viewpoint of the measure)",
                "partner_b_iso3": "ISO3 of partner B",
                "partner_a_ccode": "COW number of partner A",
                "partner_b_ccode": "COW number of partner B",
                "measure": "total_trade, exports_a_to_b or imports_a_from_b",
                "value_musd": "value as reported, USD millions (see note: may be approximate or a lower bound)",
                "period": "full_year or the part of the year covered (Jan-May, Q1, ...)",
                "source_url": _URL,
                "source_publisher": "site that published it",
                "source_date": "publication date of the source",
                "note": "qualifiers ('almost', 'over'), statistics used, disagreements",
            },
            key=("row_id",),
            ranges={"value_musd": (0, None), "year": (1992, 2024)},
            golden_rows=63,
        ),
        Table(
            name="key_votes",
            read=lambda paths: _read(FILES_OF["key_votes"]),
            clean=clean_votes,
            columns={
                "date": "date of the vote",
                "year": "year of the vote",
                "resolution": "resolution symbol (the draft symbol where the adopted one was not found)",
                "short_title": "short title",
                "country_iso3": "ISO3 of the voting state",
                "ccode": "COW number of the voting state",
                "vote": "yes, no, abstain or absent, as stated by the source (never inferred)",
                "source_url": _URL,
            },
            key=("resolution", "country_iso3"),
            golden_rows=54,
        ),
    ),
)
