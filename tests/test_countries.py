"""The country resolver: awkward spellings, codes in every scheme, successor
states by year, and clear errors for unknown or ambiguous names."""

from __future__ import annotations

import pytest

from bilateral.countries import get_resolver, normalise
from bilateral.errors import AmbiguousCountryError, CountryNotFoundError

# (input, year, expected COW code, expected ISO3)
GOLDEN = [
    ("Byelorussia", None, 370, "BLR"),
    ("Byelorussian SSR", None, 370, "BLR"),
    ("Belarus", None, 370, "BLR"),
    ("BY", None, 370, "BLR"),
    ("BLR", None, 370, "BLR"),
    (370, None, 370, "BLR"),
    ("370", None, 370, "BLR"),
    ("PRC", None, 710, "CHN"),
    ("People's Republic of China", None, 710, "CHN"),
    ("China", None, 710, "CHN"),
    ("Republic of Korea", None, 732, "KOR"),
    ("Korea, Republic of", None, 732, "KOR"),
    ("DPRK", None, 731, "PRK"),
    ("Congo-Brazzaville", None, 484, "COG"),
    ("Republic of the Congo", None, 484, "COG"),
    ("DR Congo", None, 490, "COD"),
    ("Democratic Republic of the Congo", None, 490, "COD"),
    ("Zaire", 1980, 490, "COD"),
    ("Côte d’Ivoire", None, 437, "CIV"),
    ("Ivory Coast", None, 437, "CIV"),
    ("Burma", None, 775, "MMR"),
    ("the United States", None, 2, "USA"),
    ("U.S.A.", None, 2, "USA"),
    ("UK", None, 200, "GBR"),
    ("AUS", None, 900, "AUS"),  # ISO3 wins over COW's AUS (Austria)
    ("USSR", 1970, 365, "RUS"),
    ("Soviet Union", 1960, 365, "RUS"),
    ("Russia", 1970, 365, "RUS"),
    ("Russian Federation", 2010, 365, "RUS"),
    ("Serbia", 1990, 345, "SRB"),
    ("Serbia", 2010, 345, "SRB"),
    ("Yugoslavia", 1980, 345, "SRB"),
    ("SRB", 2010, 345, "SRB"),
    ("Germany", 1970, 260, "DEU"),
    ("Germany", 2000, 255, "DEU"),
    ("Germany", 1930, 255, "DEU"),
    ("DE", 1980, 260, "DEU"),
    ("East Germany", 1980, 265, "DDR"),
    ("Czechoslovakia", 1980, 315, "CSK"),
    ("Czechia", 2000, 316, "CZE"),
    ("Czech Republic", 2000, 316, "CZE"),
    ("Sudan", 2015, 625, "SDN"),
    ("South Sudan", 2015, 626, "SSD"),
    ("Yemen", 1980, 678, "YEM"),
    ("Yemen", 2000, 679, "YEM"),
    ("South Yemen", 1980, 680, "YMD"),
]


@pytest.fixture(scope="module")
def resolver(mirror):
    return get_resolver(mirror)


@pytest.mark.parametrize(("text", "year", "ccode", "iso3"), GOLDEN, ids=[f"{g[0]}-{g[1]}" for g in GOLDEN])
def test_golden_spellings(resolver, text, year, ccode, iso3):
    state = resolver.resolve(text, year=year)
    assert (state.ccode, state.iso3) == (ccode, iso3)


@pytest.mark.parametrize(
    ("value", "scheme", "year", "ccode"),
    [(112, "iso_numeric", None, 370), (112, "un_m49", None, 370), (340, "gw", 2010, 345), ("GMY", "cow_abb", None, 255), ("AUS", "cow_abb", None, 305)],
)
def test_other_schemes(resolver, value, scheme, year, ccode):
    assert resolver.resolve(value, year=year, scheme=scheme).ccode == ccode


def test_historical_names_follow_the_year(resolver):
    assert resolver.state(365, 1970).name == "Soviet Union"
    assert resolver.state(365, 2000).name == "Russia"
    assert resolver.state(345, 1980).name == "Yugoslavia"
    assert resolver.state(345, 2010).name == "Serbia"
    assert resolver.state(260, 1970).name == "West Germany"


def test_unknown_name_suggests_close_matches(resolver):
    with pytest.raises(CountryNotFoundError) as error:
        resolver.resolve("Belarussia")
    message = str(error.value)
    assert "'Belarussia'" in message
    assert "Did you mean Belarus (BLR, COW 370)" in message


def test_nonsense_name_names_the_input(resolver):
    with pytest.raises(CountryNotFoundError, match="Atlantis"):
        resolver.resolve("Atlantis")


@pytest.mark.parametrize("name", ["Congo", "Korea"])
def test_ambiguous_names_list_the_options(resolver, name):
    with pytest.raises(AmbiguousCountryError) as error:
        resolver.resolve(name)
    assert "ambiguous" in str(error.value) and " or " in str(error.value)


def test_strict_resolution_refuses_states_outside_the_system(resolver):
    with pytest.raises(CountryNotFoundError, match="1980"):
        resolver.resolve("Czechia", year=1980, strict=True)
    # not strict: data loaders keep Belarus's UN votes from 1946 on under 370
    assert resolver.resolve("Belarus", year=1960).ccode == 370


def test_germany_between_1945_and_1955_is_not_a_state(resolver):
    with pytest.raises(CountryNotFoundError, match="1950"):
        resolver.resolve("Germany", year=1950)


def test_lookup_is_aligned_and_nulls_the_unmatched(resolver):
    frame = resolver.lookup(["Belarus", "Nowhere", "DE", "DE"], years=[2000, 2000, 1980, 2000])
    assert frame["ccode"].tolist()[0] == 370
    assert frame["ccode"].isna().tolist() == [False, True, False, False]
    assert frame["ccode"].tolist()[2:] == [260, 255]
    with pytest.raises(CountryNotFoundError):
        resolver.lookup(["Nowhere"], errors="raise")


def test_normalise_strips_case_accents_and_punctuation():
    assert normalise("  Côte d’Ivoire ") == "cote divoire"
    assert normalise("The U.S.") == "us"


def test_the_sources_key_rows_with_the_same_resolver_as_the_api(mirror):
    """One resolver per mirror and process, shared by the sources (which may not
    import bilateral.countries) and the public API."""
    from bilateral.sources import keys

    assert keys.resolver(mirror) is get_resolver(mirror)
    frame = keys.lookup(["Byelorussia", "Nowhere"], years=[1995, 1995], mirror=mirror)
    assert frame["ccode"].tolist()[0] == 370 and frame["ccode"].isna().tolist() == [False, True]


def test_the_resolver_reads_the_end_of_the_cow_list_from_the_list(resolver):
    """The list's end is a fact of the states source (its provenance), not typed again in the resolver."""
    from bilateral.sources.states import LIST_END

    assert resolver.list_end == LIST_END == 2016
    assert resolver.spells(370) == [(1991, None)]  # a spell open at the list's end continues
