"""UN machine-readable resolutions (unxml): the loader against the raw JSON
files, read here independently with nothing but ``json``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pandas as pd
import pytest

from bilateral.checks import run_checks
from bilateral.errors import SourceSchemaError
from bilateral.sources import unxml
from bilateral.sources.unxml import SOURCE, parse_date, un_names

CHINA, BELARUS, HUNGARY, TURKEY = 710, 370, 310, 640
GOLDEN = {"resolutions": 2193, "votes": 128399}
LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}


@pytest.fixture(scope="module")
def raw_lines(mirror):
    """Every line of the ten files, as json gives it (duplicates included)."""
    lines = []
    for f in SOURCE.files:
        with open(mirror / f.path, encoding="utf-8") as handle:
            lines += [json.loads(line) for line in handle if line.strip()]
    return lines


@pytest.fixture(scope="module")
def tables(mirror):
    return {name: SOURCE.load(name, mirror=mirror) for name in GOLDEN}


def _year(text):
    """'2019-11-07 00:00:00' or '29 September 2023' → the year, read plainly."""
    text = text.strip()
    return int(text[:4]) if text[4:5] == "-" else int(text[-4:])


def _agreement(lines, a_name, b_name, year):
    """Share of recorded resolutions in ``year`` on which two named states voted alike."""
    same = common = 0
    for line in lines:
        if line["adoption_type"] != "By a recorded vote" or _year(line["adoption_date"]) != year:
            continue
        votes = {name: vote for lst, vote in LISTS.items() for name in line[lst]}
        if a_name in votes and b_name in votes:
            common += 1
            same += votes[a_name] == votes[b_name]
    return same, common


@pytest.mark.parametrize("name", GOLDEN)
def test_table_has_its_golden_rows_unique_key_and_documented_columns(tables, name):
    frame, spec = tables[name], SOURCE.table(name)
    assert len(frame) == GOLDEN[name] == spec.golden_rows
    assert run_checks(frame, spec, f"unxml.{name}")[-1] == "check_golden_rows"
    assert not frame.duplicated(list(spec.key)).any()
    assert list(frame.columns) == list(spec.columns)


def test_one_resolution_per_symbol_and_copies_removed(raw_lines, tables):
    symbols = Counter(line["symbol"] for line in raw_lines)
    repeated = {s: n for s, n in symbols.items() if n > 1}
    assert len(raw_lines) == 2232 and len(repeated) == 36 and sum(repeated.values()) - len(repeated) == 39
    recorded_copies = sum(n - 1 for s, n in repeated.items()
                          if next(line for line in raw_lines if line["symbol"] == s)["adoption_type"] == "By a recorded vote")
    assert recorded_copies == 21
    assert set(tables["resolutions"]["symbol"]) == set(symbols)


def test_state_votes_equal_an_independent_count_of_the_names(raw_lines, tables):
    seen, expected = set(), set()
    for line in raw_lines:
        if line["symbol"] in seen:
            continue
        seen.add(line["symbol"])
        for lst in LISTS:
            expected |= {(line["symbol"], un_names()[name][0]) for name in line[lst]}
    votes = tables["votes"]
    assert set(zip(votes["symbol"], votes["ccode"])) == expected
    assert len(votes) == len(expected)


# China–Hungary agreement in 2025 (issue 8): 63.6% with each symbol once, 64.9% if the 21 copies count twice.
def test_china_hungary_2025_agreement_with_and_without_the_copies(raw_lines, tables):
    first = list({line["symbol"]: line for line in reversed(raw_lines)}.values())
    same, common = _agreement(first, "CHINA", "HUNGARY", 2025)
    assert round(100 * same / common, 1) == 63.6
    same_dup, common_dup = _agreement(raw_lines, "CHINA", "HUNGARY", 2025)
    assert round(100 * same_dup / common_dup, 1) == 64.9 and common_dup == common + 21

    votes = tables["votes"]
    pair = votes[votes["year"].eq(2025) & votes["ccode"].isin([CHINA, HUNGARY])].pivot(index="symbol", columns="ccode", values="vote").dropna()
    assert len(pair) == common
    assert (pair[CHINA] == pair[HUNGARY]).sum() == same


def test_china_abstained_and_belarus_voted_against_on_es_11_1(tables):
    res = tables["resolutions"].set_index("symbol").loc["A/RES/ES-11/1"]
    assert (res["yes_count"], res["no_count"], res["abstain_count"]) == (141, 5, 35)
    assert res["date"] == dt.date(2022, 3, 2) and res["session"] == "ES-11"
    votes = tables["votes"].set_index(["symbol", "ccode"])["vote"]
    assert votes[("A/RES/ES-11/1", CHINA)] == "abstain"
    assert votes[("A/RES/ES-11/1", BELARUS)] == "no"


# --- names -------------------------------------------------------------------

def _spellings(mirror):
    names = set()
    for f in SOURCE.files:
        with open(mirror / f.path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    names |= {n for lst in LISTS for n in record[lst]}
    return sorted(names)


def test_every_spelling_in_the_files_is_mapped_and_193_states_vote(mirror):
    spellings = _spellings(mirror)
    assert len(spellings) == 199
    assert not set(spellings) - set(un_names())
    assert len({un_names()[n][0] for n in spellings}) == 193  # the UN's membership


def test_each_mapping_agrees_with_the_general_country_resolver_where_it_knows_the_name(mirror):
    """country_converter, countrycode and COW spellings (bilateral.countries) are an independent reading."""
    from bilateral.config import using_mirror
    from bilateral.countries import get_resolver, lookup

    names = _spellings(mirror)
    with using_mirror(mirror):
        found = lookup(pd.Series(names), pd.Series([2022] * len(names)))
        resolver = get_resolver()
        for name, ccode in zip(names, found["ccode"]):
            mine, iso3 = un_names()[name]
            if not pd.isna(ccode):
                assert int(ccode) == mine, name
            assert resolver.state(mine).iso3 == iso3, name
    assert found["ccode"].notna().sum() >= 190  # the check covers nearly every spelling


@pytest.mark.parametrize("name, ccode", [
    ("BOLIVIA (PLURINATIONAL STATE OF)", 145), ("CONGO", 484), ("DEMOCRATIC REPUBLIC OF THE CONGO", 490),
    ("CÔTE D'IVOIRE", 437), ("COTE D'IVOIRE", 437), ("TÜRKİYE", TURKEY), ("TÜRKÝYE", TURKEY), ("TURKIYE", TURKEY),
    ("TÜRKIYE", TURKEY), ("TURKEY", TURKEY), ("NETHERLANDS (KINGDOM OF THE)", 210), ("NETHERLANDS", 210),
    ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", 731), ("REPUBLIC OF KOREA", 732), ("NIGER", 436), ("NIGERIA", 475),
    ("DOMINICA", 54), ("DOMINICAN REPUBLIC", 42), ("GUINEA", 438), ("SUDAN", 625), ("SOUTH SUDAN", 626),
    ("SERBIA", 345), ("CHINA", CHINA), ("BELARUS", BELARUS), ("RUSSIAN FEDERATION", 365), ("GEORGIA", 372),
    ("IRAN (ISLAMIC REPUBLIC OF)", 630), ("VENEZUELA (BOLIVARIAN REPUBLIC OF)", 101), ("ESWATINI", 572),
])
def test_awkward_spellings(name, ccode):
    assert un_names()[name][0] == ccode


def test_an_unmapped_name_fails_with_the_name():
    raw = pd.DataFrame([{"symbol": "A/RES/99/1", "line": 1, "file": "unxml/99.json",
                         "MS_in_favour": ["CHINA", "ATLANTIS"], "MS_against": [], "MS_abstaining": []}])
    with pytest.raises(SourceSchemaError, match=r"un_names.tsv: \[.ATLANTIS.\]"):
        unxml.state_votes(raw)


# --- dates, types and counts ---------------------------------------------------

@pytest.mark.parametrize("text, date", [
    ("2019-11-07 00:00:00", dt.date(2019, 11, 7)),
    ("29 September 2023", dt.date(2023, 9, 29)),
    ("29\xa0September\xa02023", dt.date(2023, 9, 29)),
    (" 2 March 2022 ", dt.date(2022, 3, 2)),
])
def test_both_date_formats(text, date):
    assert parse_date(text) == date


def test_an_unknown_date_format_names_the_resolution():
    with pytest.raises(SourceSchemaError, match="A/RES/1/1"):
        parse_date("29/09/2023", "A/RES/1/1")


def test_both_date_formats_occur_and_every_date_is_read(raw_lines, tables):
    texts = [line["adoption_date"] for line in raw_lines]
    assert any(t.endswith(" 00:00:00") for t in texts) and any("\xa0" in t for t in texts)
    dates = tables["resolutions"]["date"]
    assert dates.notna().all() and dates.min().year == 2019
    assert dates.max().year == 2026


def test_recorded_votes_and_the_four_multi_part_resolutions_without_a_type(raw_lines, tables):
    res = tables["resolutions"].set_index("symbol")
    untyped = {line["symbol"] for line in raw_lines if line["adoption_type"] == ""}
    assert untyped == {"A/RES/79/259 A-C", "A/RES/80/84 A-B", "A/RES/80/236 A-B", "A/RES/80/244 A-C"}
    assert res.loc[sorted(untyped), "adoption_type"].isna().all()
    assert not res.loc[sorted(untyped), "recorded"].any()
    assert not tables["votes"]["symbol"].isin(untyped).any()
    assert res["recorded"].sum() == 731
    assert set(res["adoption_type"].dropna()) == {"By a recorded vote", "Without a vote"}
    # every vote belongs to a recorded vote
    assert tables["votes"]["symbol"].map(res["recorded"]).all()


def test_quirks_na_counts_doubled_names_and_a_short_list(tables):
    res = tables["resolutions"].set_index("symbol")
    votes = tables["votes"]
    assert res.loc["A/RES/74/9", "no_count"] == 0  # "N.A." on a recorded vote
    assert not ((votes["symbol"] == "A/RES/74/9") & (votes["vote"] == "no")).any()
    doubled = votes[votes["symbol"] == "A/RES/75/290 A"]["vote"].value_counts()
    assert doubled["yes"] == 90 and doubled["abstain"] == 47  # the names are listed twice in the file
    assert res.loc["A/RES/77/293", "abstain_count"] == 59
    assert ((votes["symbol"] == "A/RES/77/293") & (votes["vote"] == "abstain")).sum() == 58
    assert res.loc["A/RES/75/254 A-C", "states_listed"] == 0 and res.loc["A/RES/75/254 A-C", "yes_count"] == 168


def test_an_unexplained_count_mismatch_fails():
    raw = pd.DataFrame([{"symbol": "A/RES/99/1", "adoption_type": "By a recorded vote", "yes_count": "3", "no_count": "N.A.",
                         "abstain_count": "0", "MS_in_favour": ["CHINA"], "MS_against": [], "MS_abstaining": [],
                         "file": "unxml/99.json", "line": 7}])
    with pytest.raises(SourceSchemaError, match="A/RES/99/1 MS_in_favour: 3 counted, 1 named"):
        unxml.check_counts(raw)


def test_copies_with_different_votes_fail():
    raw = pd.DataFrame({"symbol": ["A/RES/99/1", "A/RES/99/1"], "file": ["f", "f"], "line": [1, 2]})
    votes = pd.DataFrame({"symbol": ["A/RES/99/1"] * 2, "file": ["f", "f"], "line": [1, 2], "ccode": [CHINA, CHINA], "vote": ["yes", "no"]})
    with pytest.raises(SourceSchemaError, match="A/RES/99/1 appears 2 times"):
        unxml.check_copies(raw, votes)
