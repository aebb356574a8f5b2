"""Voeten ideal points: counts, key, and published values checked against the raw .dta file."""

from __future__ import annotations

import pytest

from bilateral.checks import run_checks
from bilateral.sources.voeten import SOURCE

CHINA, BELARUS = 710, 370


@pytest.fixture(scope="module")
def points(mirror):
    return SOURCE.load("country_year", mirror=mirror)


def test_table_passes_its_checks(points):
    spec = SOURCE.table("country_year")
    assert len(points) == 11440 == spec.golden_rows
    run_checks(points, spec, "voeten_idealpoints.country_year")
    assert list(points.columns) == list(spec.columns)


def test_china_and_belarus_2019(points):
    # raw IdealpointsJuly2025.dta: CHN 2019 idealpointall -0.659514, nvotesall 172; BLR -0.664244
    row = points.set_index(["ccode", "year"]).loc[(CHINA, 2019)]
    assert row["iso3"] == "CHN"
    assert row["idealpoint_all"] == pytest.approx(-0.659514, abs=1e-6)
    assert row["nvotes_all"] == 172
    belarus = points.set_index(["ccode", "year"]).loc[(BELARUS, 2019)]
    assert belarus["idealpoint_all"] == pytest.approx(-0.664244, abs=1e-6)


def test_2024_has_only_the_foreign_policy_estimate(points):
    year = points[points["year"] == 2024]
    assert len(year) == 191
    assert year["idealpoint_all"].isna().all()
    assert year["idealpoint_fp"].notna().all()


def test_iso3_comes_from_the_resolver_not_the_file(points):
    # the file codes South Yemen (680) as YAR and leaves 17 rows blank
    assert set(points.loc[points["ccode"] == 680, "iso3"]) == {"YMD"}
    assert points["iso3"].notna().all()
    assert points["country"].isna().sum() == 17
