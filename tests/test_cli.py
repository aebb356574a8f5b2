"""The command line: thin commands over the API, clear errors, JSON output."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bilateral.cli import app, parse_years

runner = CliRunner()


def test_country_resolves_with_the_year(mirror):
    result = runner.invoke(app, ["country", "Serbia", "--year", "1990", "--mirror", str(mirror)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ccode"] == 345


def test_country_unknown_name_exits_2_with_suggestion(mirror):
    result = runner.invoke(app, ["country", "Belarussia", "--mirror", str(mirror)])
    assert result.exit_code == 2
    assert "Belarus (BLR, COW 370)" in result.output


def test_status_json_lists_sources(warehouse_db):
    result = runner.invoke(app, ["data", "status", "--json", "--db", str(warehouse_db)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    trade = next(r for r in rows if r["name"] == "cow_trade")
    assert (trade["coverage_start"], trade["coverage_end"]) == (1870, 2014)


def test_build_reports_up_to_date(warehouse_db, mirror):
    result = runner.invoke(app, ["data", "build", "--db", str(warehouse_db), "--mirror", str(mirror)])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_year_ranges_parse_and_bad_ones_are_refused():
    assert parse_years("1992-2014") == (1992, 2014)
    assert parse_years("2014") == (2014, 2014)
    assert parse_years(None) is None
    for bad in ("2014-1992", "nineteen", "1-2-3"):
        result = runner.invoke(app, ["report", "CHN", "BLR", "--years", bad])
        assert result.exit_code == 2 and "year range" in result.output
