"""Names fit for the period (issue 8, part 6): a dyad-year, a measures row and
a brief's sentence name each state as it was in that year.

The expected names are derived here from the dated changes of state below,
written from the historical record (not from data/historical_names.tsv), with
the rule that a year carries the name held on 1 July.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from bilateral.countries import get_resolver
from bilateral.errors import CountryNotFoundError
from bilateral.measures import api
from bilateral.report import names
from bilateral.report.brief import build_brief, default_years
from bilateral.report.model import Brief, Evidence, Party, Section, Statement

CHINA, SERBIA, RUSSIA, BELARUS, WEST_GERMANY, CZECHOSLOVAKIA = 710, 345, 365, 370, 260, 315

#: (date the name took effect, name) per COW number, oldest first.
CHANGES = {
    SERBIA: [(date(1878, 1, 1), "Serbia"),  # independent from 1878 (Congress of Berlin), as COW dates its entry
             (date(1918, 12, 1), "Yugoslavia"),  # Kingdom of Serbs, Croats and Slovenes proclaimed
             (date(1992, 4, 27), "Federal Republic of Yugoslavia"),  # FRY constitution
             (date(2003, 2, 4), "Serbia and Montenegro"),  # Constitutional Charter
             (date(2006, 6, 5), "Serbia")],  # Serbia succeeds after Montenegro's independence (3 June)
    RUSSIA: [(date(1816, 1, 1), "Russia"),
             (date(1922, 12, 30), "Soviet Union"),  # Treaty on the Creation of the USSR
             (date(1991, 12, 26), "Russia")],  # the USSR dissolved; Russia continues its seat
    CHINA: [(date(1860, 1, 1), "China"),
            (date(1912, 1, 1), "Republic of China"),
            (date(1949, 10, 1), "China")],  # the People's Republic proclaimed
}


def name_on_1_july(ccode: int, year: int) -> str:
    held = [name for when, name in CHANGES[ccode] if when <= date(year, 7, 1)]
    return held[-1]


@pytest.fixture(scope="module")
def resolver(mirror):
    return get_resolver(mirror)


@pytest.mark.parametrize("ccode", sorted(CHANGES))
def test_every_year_carries_the_name_held_on_1_july(resolver, ccode):
    first = CHANGES[ccode][0][0].year + 1
    wrong = {y: resolver.name_in(ccode, y) for y in range(first, 2025) if resolver.name_in(ccode, y) != name_on_1_july(ccode, y)}
    assert not wrong


def test_the_names_the_issue_lists(resolver):
    assert resolver.name_in(CHINA, 1945) == "Republic of China"
    assert resolver.name_in(CHINA, 1950) == "China"
    assert resolver.name_in(RUSSIA, 1970) == "Soviet Union"
    assert resolver.name_in(RUSSIA, 1992) == "Russia"
    assert resolver.name_in(SERBIA, 1987) == "Yugoslavia"
    assert resolver.name_in(SERBIA, 2004) == "Serbia and Montenegro"
    assert resolver.name_in(WEST_GERMANY, 1970) == "West Germany"
    assert resolver.name_in(CZECHOSLOVAKIA, 1980) == "Czechoslovakia"


def test_names_over_gives_contiguous_runs(resolver):
    runs = resolver.names_over(SERBIA, 1980, 2024)
    assert [(r.first, r.last, r.name) for r in runs] == [
        (1980, 1991, "Yugoslavia"), (1992, 2002, "Federal Republic of Yugoslavia"), (2003, 2005, "Serbia and Montenegro"),
        (2006, 2024, "Serbia")]
    for ccode in (SERBIA, RUSSIA, CHINA, BELARUS):
        runs = resolver.names_over(ccode, 1900, 2024)
        assert runs[0].first == 1900 and runs[-1].last == 2024
        assert all(a.last + 1 == b.first and a.name != b.name for a, b in zip(runs, runs[1:]))
    assert [r.name for r in resolver.names_over(RUSSIA, 1991, 1991)] == ["Soviet Union"]


def test_names_over_an_unknown_code_names_it(resolver):
    with pytest.raises(CountryNotFoundError, match="999"):
        resolver.names_over(999, 1990, 2000)


def test_present_form_starts_after_a_state_it_does_not_continue(resolver):
    assert resolver.present_form_since(SERBIA) == 1992  # the FRY's claim to continue Yugoslavia was withdrawn in 2000
    assert resolver.present_form_since(RUSSIA) is None  # Russia continues the USSR
    assert resolver.present_form_since(CHINA) is None


# --- the brief's pass over sentences (hand-built, no warehouse) --------------------------

SERBIA_PARTY = Party("SRB", "Serbia", SERBIA, (names.NameSpell(1980, 1991, "Yugoslavia"),
                                               names.NameSpell(1992, 2002, "Federal Republic of Yugoslavia"),
                                               names.NameSpell(2003, 2005, "Serbia and Montenegro"),
                                               names.NameSpell(2006, 2024, "Serbia")))
CHINA_PARTY = Party("CHN", "China", CHINA, (names.NameSpell(1980, 2024, "China"),))


def _pass(*sentences: Statement) -> list[Statement]:
    section = Section("economic", "Economic ties", sentences=list(sentences))
    return names.apply(CHINA_PARTY, SERBIA_PARTY, (1980, 2024), [section])[0].sentences


def _trade(year: int | None = None, date: str | None = None) -> Evidence:
    return Evidence("cow_trade", "imports1_musd", 50.0, "USD millions", year=year, date=date, table="out_dyad_year")


def test_a_sentence_about_one_earlier_year_names_the_state_of_that_year():
    [out] = _pass(Statement("In 1987, Serbia's imports from China were USD 50 million.", (_trade(1987),)))
    assert out.text == "In 1987, Yugoslavia's imports from China were USD 50 million."
    assert any(e.measure == "state_name" and e.value == "Yugoslavia" for e in out.evidence)
    noted = Evidence("cow_trade", "imports2_musd", 50.0, "USD millions", year=1987, note="Serbia's imports from China")
    [out] = _pass(Statement("In 1987, Serbia's imports from China were USD 50 million.", (noted,)))
    assert out.evidence[0].note == "Yugoslavia's imports from China"
    [out] = _pass(Statement("Serbia imported USD 50 million from China in 1995.", (_trade(1995),)))
    assert out.text == "The Federal Republic of Yugoslavia imported USD 50 million from China in 1995."
    [out] = _pass(Statement("In 1995, China exported to Serbia.", (_trade(1995),)))
    assert out.text == "In 1995, China exported to the Federal Republic of Yugoslavia."


def test_a_sentence_spanning_a_change_carries_a_note_with_its_evidence():
    [out] = _pass(Statement("Trade between China and Serbia grew from 1985 to 2010.", (_trade(date="1985/2010"),)))
    assert out.text == ("Trade between China and Serbia grew from 1985 to 2010. (For Serbia read Yugoslavia in 1985–1991, "
                        "the Federal Republic of Yugoslavia in 1992–2002, Serbia and Montenegro in 2003–2005.)")
    dates = {e.date for e in out.evidence if e.measure == "state_name"}
    assert dates == {"1985/1991", "1992/2002", "2003/2005"}  # cut to the sentence's years
    [out] = _pass(Statement("Serbia's trade with China: USD 50 million in 1987 and 2014.", (_trade(1987), _trade(2014))))
    assert out.text.endswith("(For Serbia read Yugoslavia in 1987.)")


def test_a_source_of_present_day_countries_keeps_the_name_and_says_so():
    works = (Evidence("openalex", "coauthored_works", 9, "works", year=1990, table="out_dyad_year"),
             Evidence("openalex", "coauthored_works", 453, "works", year=2023, table="out_dyad_year"))
    [out] = _pass(Statement("OpenAlex records 453 works by researchers in China and Serbia in 2023, against 9 in 1990.", works))
    assert out.text == ("OpenAlex records 453 works by researchers in China and Serbia in 2023, against 9 in 1990. (OpenAlex files "
                        "data under present-day countries: these are present-day Serbia's in every year, though in 1990 the state was "
                        "Yugoslavia.)")


def test_a_soviet_brief_names_openalex_figures_for_present_day_russia():
    ussr = Party("RUS", "Soviet Union", RUSSIA, (names.NameSpell(1960, 1990, "Soviet Union"),))
    works = (Evidence("openalex", "coauthored_works", 56, "works", year=1990, table="out_dyad_year"),)
    trade = Statement("In 1990, the Soviet Union imported from China.", (_trade(1990),))
    section = Section("science", "Science", sentences=[
        Statement("OpenAlex records 56 works by researchers in the Soviet Union and China in 1990.", works), trade])
    out = names.apply(ussr, CHINA_PARTY, (1960, 1990), [section], present={RUSSIA: "Russia", CHINA: "China"})[0].sentences
    assert out[0].text == ("OpenAlex records 56 works by researchers in Russia and China in 1990. (OpenAlex files data under "
                           "present-day countries: these are present-day Russia's in every year, though in 1990 the state was the "
                           "Soviet Union.)")
    assert out[1] == trade  # a source of the time keeps the name of the time


def test_sentences_left_alone():
    later = Statement("In 2014, Serbia's imports from China were USD 50 million.", (_trade(2014),))
    other = Statement("In 1987, China's trade grew.", (_trade(1987),))  # names neither side that changed
    coverage = Statement("COW trade covers 1870–2014; Serbia is included.",
                        (Evidence("cow_trade", "coverage_start", 1870, "year", year=1870, table="_sources"),
                         Evidence("cow_trade", "coverage_end", 2014, "year", year=2014, table="_sources")))
    assert _pass(later, other, coverage) == [later, other, coverage]
    assert _pass(Statement("Serbia's neighbour Serbians.", (_trade(1987),)))[0].text == "Yugoslavia's neighbour Serbians."


def test_the_title_names_the_earlier_states():
    brief = Brief(CHINA_PARTY, SERBIA_PARTY, (1980, 2024), [], [])
    assert names.title(brief) == ("China and Serbia: relations brief, 1980–2024 (Serbia: Yugoslavia in 1980–1991, the Federal "
                                  "Republic of Yugoslavia in 1992–2002, Serbia and Montenegro in 2003–2005)")
    assert names.title(Brief(CHINA_PARTY, Party("BLR", "Belarus", BELARUS), (2000, 2010), [], [])) == \
        "China and Belarus: relations brief, 2000–2010"


# --- the warehouse, the measures API and the brief --------------------------------------


@pytest.fixture(scope="module")
def db(warehouse_db):
    with duckdb.connect(str(warehouse_db), read_only=True) as connection:
        yield connection


def test_dyad_years_carry_the_name_of_their_year(db):
    rows = dict(((c1, c2, y), (n1, n2)) for c1, c2, y, n1, n2 in db.execute(
        "SELECT ccode1, ccode2, year, name1, name2 FROM out_dyad_year WHERE (ccode1, ccode2) IN ((365, 710), (345, 710), (260, 710))"
        " AND year IN (1970, 1987, 1995, 2004, 2010)").fetchall())
    assert rows[(RUSSIA, CHINA, 1970)] == ("Soviet Union", "China")
    assert rows[(RUSSIA, CHINA, 2010)] == ("Russia", "China")
    assert rows[(SERBIA, CHINA, 1987)] == ("Yugoslavia", "China")
    assert rows[(SERBIA, CHINA, 1995)] == ("Federal Republic of Yugoslavia", "China")
    assert rows[(SERBIA, CHINA, 2004)] == ("Serbia and Montenegro", "China")
    assert rows[(WEST_GERMANY, CHINA, 1987)] == ("West Germany", "China")
    assert db.execute("SELECT count(*) FROM out_dyad_year WHERE name1 IS NULL OR name2 IS NULL").fetchone()[0] == 0


def test_every_dyad_year_name_follows_the_dated_changes(db):
    for ccode in CHANGES:
        found = db.execute("SELECT DISTINCT year, CASE WHEN ccode1 = $c THEN name1 ELSE name2 END FROM out_dyad_year "
                           "WHERE $c IN (ccode1, ccode2)", {"c": ccode}).fetchall()
        wrong = [(y, n) for y, n in found if n != name_on_1_july(ccode, y)]
        assert found and not wrong, (ccode, wrong[:5])


def test_measures_rows_are_named_for_their_year(db):
    frame = api.dyad_measures(db, "RUS", "CHN", years=(1990, 1993))
    assert frame[["year", "name_a", "name_b"]].values.tolist() == [
        [1990, "Soviet Union", "China"], [1991, "Soviet Union", "China"], [1992, "Russia", "China"], [1993, "Russia", "China"]]
    swapped = api.dyad_measures(db, "CHN", "RUS", years=(1991, 1992))
    assert swapped[["name_a", "name_b"]].values.tolist() == [["China", "Soviet Union"], ["China", "Russia"]]


def test_default_years_start_where_both_states_exist_in_their_present_form(db, mirror, warehouse_db):
    from bilateral.report.queries import load

    data = load(db, CHINA, SERBIA)
    assert default_years(data)[0] < 1992  # the data reach back into Yugoslavia's years
    assert default_years(data, since=1992)[0] == 1992
    brief = build_brief("CHN", "SRB", db=warehouse_db, mirror=mirror, progress=False)
    assert brief.years[0] >= 1992


@pytest.fixture(scope="module")
def china_serbia_1980(warehouse_db, mirror):
    return build_brief("CHN", "SRB", years=(1980, 2024), db=warehouse_db, mirror=mirror, progress=False)


def _years_of(sentence: Statement) -> set[int]:
    return names._years(sentence, (1980, 2024))


def test_a_brief_over_a_change_names_yugoslavia_for_its_years(china_serbia_1980):
    brief = china_serbia_1980
    assert "Yugoslavia in 1980–1991" in names.title(brief)
    assert [n["name"] for n in brief.to_dict()["dyad"]["b"]["names"]] == [
        "Yugoslavia", "Federal Republic of Yugoslavia", "Serbia and Montenegro", "Serbia"]
    sentences = [s for section in brief.sections for s in section.sentences]
    about_1987 = [s for s in sentences if 1987 in _years_of(s) and ("Serbia" in s.text or "Yugoslavia" in s.text)]
    assert about_1987, "the 1980–2024 brief should say something about 1987 that names the Serbian side"
    for sentence in about_1987:
        assert "Yugoslavia" in sentence.text, sentence.text
    for sentence in sentences:  # only Yugoslav years: never presented as Serbia's
        said = _years_of(sentence)
        if said and max(said) <= 1991:
            assert "Serbia" not in sentence.text, sentence.text


def test_measures_open_with_the_documented_key_columns(db):
    from bilateral.measures.catalog import KEY_COLUMNS

    frame = api.dyad_measures(db, "SRB", "HUN", years=(2004, 2006))
    assert list(frame.columns[:5]) == list(KEY_COLUMNS) == ["year", "a_iso3", "b_iso3", "name_a", "name_b"]
    assert frame["name_a"].tolist() == ["Serbia and Montenegro", "Serbia and Montenegro", "Serbia"]


def test_a_chart_note_lists_the_earlier_names_of_the_years_it_shows():
    from bilateral.report.model import Chart

    def chart(id: str, years: list[int]) -> Chart:
        spec = {"layer": [{"data": {"values": [{"year": y, "value": 1.0} for y in years]}, "mark": "line"}]}
        return Chart(id, "Trade between China and Serbia", spec, "Source: COW.")

    section = Section("economic", "Economic ties", charts=[chart("trade_cow", [1990, 1991, 1992]), chart("events", [2016, 2020]),
                                                          chart("coauthorship", [1990, 2023])])
    trade, events, works = names.apply(CHINA_PARTY, SERBIA_PARTY, (1980, 2024), [section])[0].charts
    assert trade.source_note == ("Source: COW. For Serbia read Yugoslavia in 1990–1991, the Federal Republic of Yugoslavia in 1992.")
    assert events.source_note == "Source: COW."  # only Serbia's own years
    assert works.source_note.endswith("these are present-day Serbia's in every year, though in 1990 the state was Yugoslavia.")


def test_third_states_are_named_as_they_were_in_the_years_compared(db):
    from bilateral.explain import frames

    assert frames.names(db, 1985)[SERBIA] == "Yugoslavia" and frames.names(db, 1985)[RUSSIA] == "Soviet Union"
    assert frames.names(db)[SERBIA] == "Serbia" and frames.names(db, 2100)[RUSSIA] == "Russia"  # past the data: as today


def test_a_listing_by_year_over_a_change_says_so_in_its_title():
    from bilateral.report.model import Table

    listing = Table("composite_by_year", "Scores by year (rank for Serbia)", ("year", "composite"), ((1991, 50.0), (1992, 60.0)), "bilateral")
    later = Table("by_year_later", "Scores by year (rank for Serbia)", ("year", "composite"), ((2010, 50.0),), "bilateral")
    section = Section("composite", "Composite", tables=[listing, later])
    out, same = names.apply(CHINA_PARTY, SERBIA_PARTY, (1980, 2024), [section])[0].tables
    assert out.title == ("Scores by year (rank for Serbia) (for Serbia read Yugoslavia in 1991, the Federal Republic of Yugoslavia "
                         "in 1992)")
    assert same == later


def test_dyad_year_names_agree_with_the_spells_of_out_state_names(db):
    """name1/name2 are written with a CASE over the exceptions; this checks them against a plain range join."""
    wrong = db.execute("""SELECT count(*) FROM out_dyad_year d
        JOIN out_state_names n1 ON n1.ccode = d.ccode1 AND d.year BETWEEN n1.from_year AND n1.to_year
        JOIN out_state_names n2 ON n2.ccode = d.ccode2 AND d.year BETWEEN n2.from_year AND n2.to_year
        WHERE d.name1 <> n1.name OR d.name2 <> n2.name""").fetchone()[0]
    covered = db.execute("""SELECT count(*) FROM out_dyad_year d
        JOIN out_state_names n1 ON n1.ccode = d.ccode1 AND d.year BETWEEN n1.from_year AND n1.to_year""").fetchone()[0]
    assert wrong == 0 and covered == db.execute("SELECT count(*) FROM out_dyad_year").fetchone()[0]


@pytest.mark.slow
def test_the_web_page_of_a_brief_over_a_change_names_the_earlier_states(client):
    page = client.get("/dyad/CHN/SRB", params={"start": 1980, "end": 2024})
    assert page.status_code == 200
    assert "earlier names: Serbia: Yugoslavia in 1980–1991" in page.text
    assert "earlier names" not in client.get("/dyad/CHN/BLR", params={"start": 2000, "end": 2010}).text
