"""UN General Assembly roll-call votes, 1946 to 14 January 2020: Erik Voeten's
data as packaged by the R package unvotes 0.3.0.

Reading caveats. Absences are dropped upstream, so a missing vote means
"absent or not a member", never "no". The votes carry a name and an ISO2
code, but the code is blank for West Germany, North Yemen and Zanzibar and
uses retired ISO codes (YU, CS, DD, YD), so states are resolved by name and
the year of the roll call, with the ISO2 code as a fallback. The Republic of
China held China's seat until 1971 and votes as "Taiwan" (COW 713); the
People's Republic votes from 1971 as 710. West Germany's votes of Nov–Dec
1990 come after unification and are united Germany's (255).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bilateral.sources.keys import lookup
from bilateral.errors import SourceSchemaError
from bilateral.sources.base import DataFile, Provenance, Source, Table
from bilateral.sources._github import raw_url
from bilateral.sources.readers import as_int, read_r

_REPO, _COMMIT = "dgrtwo/unvotes", "7eb7034314ff79c49c9e0785fcd9d216fa04cf14"
VOTES = DataFile(
    "unvotes/un_votes.rda",
    "cf814a48bc536e8f87f8e027942ac515fe6aae9d63cd71dd88ed718b14887e87",
    raw_url(_REPO, _COMMIT, "data/un_votes.rda"),
)
ROLL_CALLS = DataFile(
    "unvotes/un_roll_calls.rda",
    "ff2070ae600cfd32176c6d149637306b9b677d6b910f48bec59a15357d673b4b",
    raw_url(_REPO, _COMMIT, "data/un_roll_calls.rda"),
)
ISSUES = DataFile(
    "unvotes/un_roll_call_issues.rda",
    "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
    raw_url(_REPO, _COMMIT, "data/un_roll_call_issues.rda"),
)
GERMAN_UNIFICATION = dt.date(1990, 10, 3)
VOTE_VALUES = ("yes", "no", "abstain")


def read_roll_calls(paths):
    frame = read_r(paths[ROLL_CALLS.path], "un_roll_calls")
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def clean_roll_calls(raw):
    frame = as_int(raw.copy(), "rcid", "session", "importantvote", "amend", "para")
    frame["year"] = pd.array([d.year for d in frame["date"]], dtype="Int64")
    return frame[["rcid", "session", "date", "year", "importantvote", "unres", "amend", "para", "short", "descr"]]


def read_votes(paths):
    """The votes with each roll call's date attached: the year picks the state a name meant."""
    votes = read_r(paths[VOTES.path], "un_votes")
    dates = read_roll_calls(paths)[["rcid", "date"]]
    votes["rcid"] = votes["rcid"].round().astype("int64")
    votes["vote"] = votes["vote"].astype(str)
    return votes.merge(dates.astype({"rcid": "int64"}), on="rcid", how="left", validate="many_to_one")


def clean_votes(raw):
    frame = as_int(raw.copy(), "rcid")
    frame["year"] = pd.array([d.year for d in frame["date"]], dtype="Int64")
    pairs = frame[["country", "country_code", "year"]].drop_duplicates(ignore_index=True)
    pairs[["ccode", "iso3"]] = lookup(pairs["country"], pairs["year"])
    missed = pairs["ccode"].isna()
    pairs.loc[missed, ["ccode", "iso3"]] = lookup(pairs.loc[missed, "country_code"], pairs.loc[missed, "year"], scheme="iso2").to_numpy()
    frame = frame.merge(pairs, on=["country", "country_code", "year"], how="left", validate="many_to_one")
    frame = frame.astype({"ccode": "Int64", "iso3": "string"})
    united = (frame["country"] == "Federal Republic of Germany") & (frame["date"] >= GERMAN_UNIFICATION)
    frame.loc[united, ["ccode", "iso3"]] = (255, "DEU")
    unknown = set(frame["vote"]) - set(VOTE_VALUES)
    if unknown:
        raise SourceSchemaError(f"unvotes.votes: unknown vote values {sorted(unknown)}; expected {VOTE_VALUES}")
    frame = frame.rename(columns={"country_code": "iso2"})
    return frame[["rcid", "ccode", "iso3", "country", "iso2", "date", "year", "vote"]]


def read_issues(paths):
    return read_r(paths[ISSUES.path], "un_roll_call_issues")


def clean_issues(raw):
    frame = as_int(raw.copy(), "rcid").rename(columns={"short_name": "issue_code"})
    frame["issue"] = frame["issue"].astype(str)
    return frame[["rcid", "issue_code", "issue"]]


SOURCE = Source(
    name="unvotes",
    description="UN General Assembly roll-call votes (1946 to Jan 2020): votes, roll calls and issue tags.",
    provenance=Provenance(
        producer="Erik Voeten, Anton Strezhnev & Michael Bailey; packaged by David Robinson (unvotes)",
        title="United Nations General Assembly Voting Data (R package unvotes)",
        version="unvotes 0.3.0",
        licence="MIT (unvotes package); the underlying data are on Harvard Dataverse under CC0",
        homepage="https://github.com/dgrtwo/unvotes",
        citation="""@misc{voetenetal2009ungavd,
  author = {Voeten, Erik and Strezhnev, Anton and Bailey, Michael},
  title = {United Nations General Assembly Voting Data},
  publisher = {Harvard Dataverse}, year = {2009}, note = {hdl:1902.1/12379}}
@manual{robinson2021unvotes,
  author = {Robinson, David},
  title = {unvotes: United Nations General Assembly Voting Data},
  note = {R package version 0.3.0}, year = {2021}, url = {https://github.com/dgrtwo/unvotes}}""",
        coverage=(1946, 2020),
        gaps=("unvotes ends 14 Jan 2020; the unxml source continues to June 2026 with adopted resolutions only. "
             "Absences are not recorded. Some issue codes fail a check against the titles and are dropped (out_un_issues_dropped)."),
    ),
    files=(VOTES, ROLL_CALLS, ISSUES),
    tables=(
        Table(
            name="votes",
            read=read_votes,
            clean=clean_votes,
            columns={
                "rcid": "roll-call id (joins roll_calls)",
                "ccode": "COW state number, resolved from the name and the roll call's year",
                "iso3": "ISO3 code",
                "country": "country name as given",
                "iso2": "ISO2 code as given (blank for West Germany, North Yemen, Zanzibar)",
                "date": "date of the roll call",
                "year": "year of the roll call",
                "vote": "yes, no or abstain",
            },
            key=("rcid", "ccode"),
            ranges={"year": (1946, 2020)},
            golden_rows=870109,
        ),
        Table(
            name="roll_calls",
            read=read_roll_calls,
            clean=clean_roll_calls,
            columns={
                "rcid": "roll-call id",
                "session": "General Assembly session number",
                "date": "date of the vote",
                "year": "year of the vote",
                "importantvote": "1 if the US State Department listed it as important (lists begin 1983; NULL: not coded)",
                "unres": "resolution symbol",
                "amend": "1 if the vote was on an amendment (mostly NULL from 1985: not coded)",
                "para": "1 if the vote was on a paragraph (mostly NULL from 1985: not coded)",
                "short": "short description",
                "descr": "long description",
            },
            key=("rcid",),
            ranges={"importantvote": (0, 1), "amend": (0, 1), "para": (0, 1), "year": (1946, 2020)},
            golden_rows=6203,
        ),
        Table(
            name="issues",
            read=read_issues,
            clean=clean_issues,
            columns={
                "rcid": "roll-call id",
                "issue_code": "topic code: me, nu, di, hr, co, ec",
                "issue": "topic: Palestinian conflict, Nuclear weapons, Arms control, Human rights, Colonialism, Economic development",
            },
            key=("rcid", "issue_code"),
            golden_rows=5745,
        ),
    ),
)
