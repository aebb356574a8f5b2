"""Event data: readers on the mirror's real samples, the ingest's row account
and quarantine, and the dyad-month aggregation on DuckDB, each figure checked
against an independent reading of the raw files with pandas."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilateral.errors import BilateralError, SourceFileError
from bilateral.events import aggregate, ingest, status
from bilateral.events.actors import resolve_actors
from bilateral.events.cameo import event_codes, quad_class, to_plover
from bilateral.events.formats import GDELT1_COLUMNS, GDELT2_COLUMNS, ICEWS_COLUMNS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"
USA, RUSSIA, GEORGIA, UKRAINE, CHINA, BELARUS = 2, 365, 372, 369, 710, 370


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory, mirror):
    """All four fixture formats ingested once into one events folder."""
    root = tmp_path_factory.mktemp("events")
    results = {fmt: ingest([FIXTURES / fmt], fmt, root=root, mirror=mirror) for fmt in ("gdelt1", "gdelt2", "icews", "polecat")}
    return root, results


@pytest.fixture(scope="module")
def dyad_months(fixture_root):
    root, _ = fixture_root
    return aggregate(root)


def _raw_georgia(mirror) -> pd.DataFrame:
    """The mirror's GDELT 1.0 extract read independently (pandas, as published)."""
    return pd.read_csv(mirror / "gdelt" / "gdelt1_georgia_aug2012_undp.csv", dtype=str, keep_default_na=False, na_values=["NA"])


# -- formats and codes --------------------------------------------------------------------

def test_gdelt_columns_are_the_official_schemas(mirror):
    for columns, schema in ((GDELT1_COLUMNS, "gdelt1_events_schema.csv"), (GDELT2_COLUMNS, "gdelt2_events_schema.csv")):
        assert columns == tuple(pd.read_csv(mirror / "gdelt" / schema)["name"])
    assert (len(GDELT1_COLUMNS), len(GDELT2_COLUMNS)) == (58, 61)


def test_icews_columns_are_the_sample_header(mirror):
    with open(mirror / "icews" / "events.2018.sample.tab", encoding="utf-8") as handle:
        assert tuple(handle.readline().rstrip("\n").split("\t")) == ICEWS_COLUMNS


def test_quad_rule_reproduces_gdelt_quadclass_on_every_real_row(mirror):
    raw = _raw_georgia(mirror)
    assert (raw["EventCode"].map(quad_class).astype(str) == raw["QuadClass"]).all()


def test_goldstein_scale_is_gdelt_s_on_every_real_row(mirror):
    raw = _raw_georgia(mirror)
    codes = event_codes(mirror)
    assert (raw["EventCode"].map(lambda c: codes[c][1]) - raw["GoldsteinScale"].astype(float)).abs().max() < 1e-9


@pytest.mark.parametrize("code, plover", [("042", "CONSULT"), ("057", "AGREE"), ("0311", "AGREE"), ("087", "RETREAT"),
                                          ("0871", "RETREAT"), ("190", "ASSAULT"), ("154", "MOBILIZE"), ("010", None)])
def test_cameo_to_plover(code, plover):
    assert to_plover(code) == plover


def test_every_official_cameo_code_has_a_plover_mapping(mirror):
    for code in event_codes(mirror):
        to_plover(code)  # raises for an unmapped code


@pytest.mark.parametrize("scheme, code, year, ccode", [
    ("gdelt", "RUS", 2012, RUSSIA), ("gdelt", "ROM", 2012, 360), ("gdelt", "ZAR", 2012, 490), ("gdelt", "SRB", 2012, 345),
    ("gdelt", "EUR", 2012, None), ("gdelt", "PSE", 2012, None), ("icews", "Russian Federation", 2018, RUSSIA),
    ("icews", "Congo", 2018, 484), ("icews", "the former Yugoslav Republic of Macedonia", 2018, 343),
    ("icews", "Occupied Palestinian Territory", 2018, None), ("polecat", "BLR", 2020, BELARUS),
])
def test_actor_codes_resolve_to_cow(mirror, scheme, code, year, ccode):
    found = resolve_actors(pd.DataFrame({"code": [code], "year": [year]}), scheme, mirror)["ccode"].iloc[0]
    assert (None if pd.isna(found) else int(found)) == ccode


# -- the real samples in the mirror ---------------------------------------------------------

def test_gdelt1_real_extract_in_raw_layout_loses_no_row(mirror, tmp_path):
    raw = _raw_georgia(mirror)
    folder = tmp_path / "raw"
    folder.mkdir()
    # the raw layout of the 2012 backfile: tab-separated, no header, empty fields, 57 columns
    raw.iloc[:, :57].to_csv(folder / "201208.csv", sep="\t", header=False, index=False, quoting=csv.QUOTE_NONE)
    result = ingest([folder], "gdelt1", root=tmp_path / "events", mirror=mirror)
    assert result.rows_read == len(raw) == 1255
    assert result.rows_quarantined == 0 and result.rows_written == 1255 and result.rows_duplicate == 0
    table = aggregate(tmp_path / "events")
    for a1, a2, c1, c2 in (("USA", "RUS", USA, RUSSIA), ("RUS", "USA", RUSSIA, USA), ("GEO", "USA", GEORGIA, USA)):
        rows = raw[(raw["Actor1CountryCode"] == a1) & (raw["Actor2CountryCode"] == a2)]
        got = table[(table.ccode1 == c1) & (table.ccode2 == c2)].iloc[0]
        assert got.events_n == len(rows) > 0
        assert got.events_material_conflict_n == (rows["QuadClass"] == "4").sum()
        assert got.events_goldstein_mean == pytest.approx(rows["GoldsteinScale"].astype(float).mean(), abs=1e-12)
        assert got.events_visits_n == rows["EventCode"].isin(["036", "042", "043", "044"]).sum()
    assert len(table) == raw[raw.Actor1CountryCode.notna() & raw.Actor2CountryCode.notna()
                             & ~raw.Actor1CountryCode.isin(["EUR", "WST", "AFR", "PSE"])
                             & ~raw.Actor2CountryCode.isin(["EUR", "WST", "AFR", "PSE"])
                             & (raw.Actor1CountryCode != raw.Actor2CountryCode)].groupby(["Actor1CountryCode", "Actor2CountryCode"]).ngroups


def test_icews_real_sample_loses_no_row(mirror, tmp_path):
    path = mirror / "icews" / "events.2018.sample.tab"
    raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    result = ingest([path], "icews", root=tmp_path, mirror=mirror)
    assert result.rows_read == len(raw) == 3705
    assert result.rows_quarantined == 0 and result.rows_written == 3705
    table = aggregate(tmp_path)
    rows = raw[(raw["Source Country"] == "Russian Federation") & (raw["Target Country"] == "Ukraine")]
    got = table[(table.ccode1 == RUSSIA) & (table.ccode2 == UKRAINE)].iloc[0]
    assert (got.year, got.month) == (2018, 6)
    assert got.events_n == len(rows) > 0
    assert got.events_goldstein_mean == pytest.approx(rows["Intensity"].astype(float).mean(), abs=1e-12)
    coop = rows["CAMEO Code"].str[:2].astype(int) <= 9
    assert got.events_coop_share == pytest.approx(coop.mean(), abs=1e-12)


# -- the row account, quarantine, de-duplication and filters --------------------------------

def _lines(path: Path) -> int:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return sum(archive.read(name).decode().count("\n") for name in archive.namelist())
    return path.read_text(encoding="utf-8").count("\n")


def test_no_row_is_lost_without_a_quarantine_record(fixture_root):
    root, results = fixture_root
    for fmt, result in results.items():
        files = sorted((FIXTURES / fmt).iterdir())
        header = 1 if fmt in ("icews", "polecat") else 0
        assert result.rows_read + result.rows_rejected == sum(_lines(f) - header for f in files), fmt
        assert result.rows_read == result.rows_invalid + sum(result.rows_filtered.values()) + result.rows_duplicate + result.rows_written
        quarantine = pd.read_csv(result.quarantine, sep="\t", dtype=str)
        assert len(quarantine) == result.rows_quarantined, fmt
        stored = pq.read_table(root / "events" / f"source={fmt}").num_rows
        assert stored == result.rows_written


def test_broken_rows_are_quarantined_with_their_reason(fixture_root):
    _, results = fixture_root
    quarantine = pd.read_csv(results["gdelt2"].quarantine, sep="\t", dtype=str)
    reasons = sorted(quarantine["reason"].str.split(":").str[0].str.replace(r" \d+$", "", regex=True))
    assert reasons == ["GoldsteinScale is not a number in [-10, 10]", "MISSING COLUMNS", "missing event id",
                       "missing or unparseable event date", "unknown CAMEO event code"]
    assert quarantine["file"].str.endswith("20120801003000.export.CSV").all()
    assert quarantine.loc[quarantine.reason.str.startswith("MISSING"), "line"].tolist() == ["7"]  # line 7 of the file


def test_re_emitted_events_keep_their_latest_emission(fixture_root):
    root, results = fixture_root
    assert results["gdelt2"].rows_duplicate == 12
    stored = pq.read_table(root / "events" / "source=gdelt2").to_pandas()
    assert stored["event_id"].is_unique
    first = pd.read_csv(FIXTURES / "gdelt2" / "20120801000000.export.CSV.zip", sep="\t", header=None, dtype=str, names=GDELT2_COLUMNS)
    again = stored.set_index("event_id").loc[first["GLOBALEVENTID"].iloc[:12]]
    assert (again["added"] == 20120801001500).all()
    assert (again["num_mentions"].to_numpy() == first["NumMentions"].iloc[:12].astype(int).to_numpy() + 5).all()


def test_quality_filters_count_what_they_drop(mirror, tmp_path):
    raw = pd.read_csv(FIXTURES / "gdelt1" / "201208.csv", sep="\t", header=None, dtype=str, names=GDELT1_COLUMNS[:57])
    result = ingest([FIXTURES / "gdelt1"], "gdelt1", root=tmp_path, min_sources=2, root_only=True, mirror=mirror)
    few = raw["NumSources"].astype(int) < 2
    assert result.rows_filtered == {"fewer than 2 sources": few.sum(), "not a root event": (~few & (raw["IsRootEvent"] == "0")).sum()}
    assert result.rows_written == (~few & (raw["IsRootEvent"] == "1")).sum()


def test_events_are_partitioned_by_year_and_month(fixture_root):
    root, _ = fixture_root
    parts = sorted(str(p.relative_to(root / "events")) for p in (root / "events").glob("*/*/*"))
    assert parts == ["source=gdelt1/year=2012/month=8", "source=gdelt2/year=2012/month=8",
                     "source=icews/year=2018/month=6", "source=polecat/year=2018/month=6"]


def test_gdelt1_reads_both_the_57_and_the_58_column_layout(mirror, tmp_path):
    lines = (FIXTURES / "gdelt1" / "201208.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.csv").write_text("\n".join(lines[:100]) + "\n", encoding="utf-8")
    daily = [line + "\thttp://example.org/" + str(i) for i, line in enumerate(lines[100:])]
    (tmp_path / "20130401.export.CSV").write_text("\n".join(daily) + "\n", encoding="utf-8")
    result = ingest([tmp_path / "a.csv", tmp_path / "20130401.export.CSV"], "gdelt1", root=tmp_path / "out", mirror=mirror)
    assert (result.rows_read, result.rows_quarantined, result.rows_written) == (300, 0, 300)


def test_wrong_format_is_a_clear_error_and_keeps_stored_events(fixture_root, mirror):
    root, results = fixture_root
    with pytest.raises(SourceFileError, match="has 20 tab-separated fields.*Check --format"):
        ingest([FIXTURES / "icews"], "gdelt2", root=root, mirror=mirror)
    with pytest.raises(SourceFileError, match="header is not the icews layout"):
        ingest([FIXTURES / "gdelt1"], "icews", root=root, mirror=mirror)
    assert pq.read_table(root / "events" / "source=gdelt2").num_rows == results["gdelt2"].rows_written


def test_a_run_without_one_valid_row_replaces_nothing(fixture_root, mirror, tmp_path):
    root, results = fixture_root
    bad = tmp_path / "bad.tab"
    bad.write_text("\t".join(ICEWS_COLUMNS) + "\n" + "\t".join(["1", "not a date"] + ["x"] * 18) + "\n", encoding="utf-8")
    with pytest.raises(BilateralError, match="none of the 1 rows"):
        ingest([bad], "icews", root=root, mirror=mirror)
    assert pq.read_table(root / "events" / "source=icews").num_rows == results["icews"].rows_written


# -- the aggregation -----------------------------------------------------------------------

def test_aggregation_by_hand(mirror, tmp_path):
    """Three China→Belarus events in May 2014 and one Belarus→China, worked by hand."""
    rows = [  # id, date, source country, CAMEO code, intensity, target country
        ("1", "2014-05-02", "China", "042", "1.9", "Belarus"),
        ("2", "2014-05-03", "China", "057", "8.0", "Belarus"),
        ("3", "2014-05-20", "China", "190", "-10.0", "Belarus"),
        ("4", "2014-05-21", "Belarus", "062", "6.4", "China"),
        ("5", "2014-05-21", "Belarus", "042", "1.9", "Belarus"),  # domestic: not dyadic
    ]
    lines = ["\t".join(ICEWS_COLUMNS)]
    for event_id, date, source, code, intensity, target in rows:
        fields = dict.fromkeys(ICEWS_COLUMNS, "")
        fields.update({"Event ID": event_id, "Event Date": date, "Source Country": source, "CAMEO Code": code,
                       "Intensity": intensity, "Target Country": target})
        lines.append("\t".join(fields.values()))
    (tmp_path / "hand.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([tmp_path / "hand.tab"], "icews", root=tmp_path, mirror=mirror)
    table = aggregate(tmp_path).set_index(["ccode1", "ccode2"])
    assert sorted(table.index) == [(BELARUS, CHINA), (CHINA, BELARUS)]
    cb = table.loc[(CHINA, BELARUS)]
    assert (cb.year, cb.month, cb.events_n) == (2014, 5, 3)
    assert (cb.events_verbal_coop_n, cb.events_material_coop_n, cb.events_verbal_conflict_n, cb.events_material_conflict_n) == (2, 0, 0, 1)
    assert cb.events_goldstein_mean == pytest.approx((1.9 + 8.0 - 10.0) / 3)
    assert cb.events_coop_share == pytest.approx(2 / 3)
    assert (cb.events_visits_n, cb.events_agreements_n, cb.events_milcoop_n, cb.events_force_posture_n) == (1, 1, 0, 0)
    bc = table.loc[(BELARUS, CHINA)]
    assert (bc.events_n, bc.events_material_coop_n, bc.events_milcoop_n, bc.events_goldstein_mean) == (1, 1, 1, 6.4)


def test_plover_only_source_has_null_cameo_counts(dyad_months):
    polecat = dyad_months[dyad_months.source == "polecat"]
    assert len(polecat) > 0
    for column in ("events_visits_n", "events_agreements_n", "events_milcoop_n", "events_force_posture_n", "events_goldstein_mean"):
        assert polecat[column].isna().all(), column
    assert polecat["events_coop_share"].notna().all()


def test_polecat_counts_match_the_raw_file(dyad_months):
    raw = pd.read_csv(FIXTURES / "polecat" / "polecat.sample.tab", sep="\t", dtype=str, keep_default_na=False)
    rows = raw[(raw["Actor Country"] == "USA") & (raw["Recipient Country"] == "PRK")]
    got = dyad_months[(dyad_months.source == "polecat") & (dyad_months.iso3_1 == "USA") & (dyad_months.iso3_2 == "PRK")].iloc[0]
    assert got.events_n == len(rows) > 0
    assert got.events_verbal_coop_n == rows["Event Type"].isin(["AGREE", "CONSULT", "SUPPORT", "CONCEDE"]).sum()


def test_aggregate_keys_are_unique_and_written(fixture_root, dyad_months):
    root, _ = fixture_root
    assert not dyad_months.duplicated(["source", "ccode1", "ccode2", "year", "month"]).any()
    assert (dyad_months.ccode1 != dyad_months.ccode2).all()
    assert pq.read_table(root / "dyad_month.parquet").num_rows == len(dyad_months)


def test_status_lists_each_format(fixture_root):
    root, results = fixture_root
    frame = status(root).set_index("format")
    assert list(frame.index) == ["gdelt1", "gdelt2", "icews", "polecat"]
    assert frame.loc["gdelt2", "rows_quarantined"] == 5 and frame.loc["gdelt2", "rows_duplicate"] == 12
    assert frame.loc["icews", "first_month"] == "2018-06"


# -- the command line -----------------------------------------------------------------------

def test_events_commands_have_help_with_an_example():
    from bilateral.cli import app

    for command in (["events", "ingest"], ["events", "aggregate"], ["events", "status"], ["events", "download"]):
        result = CliRunner().invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Example: bilateral" in result.output, command


def test_events_cli_round_trip(mirror, tmp_path):
    from bilateral.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["events", "ingest", str(FIXTURES / "icews"), "--format", "icews", "--events", str(tmp_path), "--mirror", str(mirror)])
    assert done.exit_code == 0, done.output
    out = runner.invoke(app, ["events", "aggregate", "--events", str(tmp_path), "--format", "csv"])
    assert out.exit_code == 0 and out.output.startswith("source,ccode1,ccode2,iso3_1,iso3_2,year,month,events_n")
    bad = runner.invoke(app, ["events", "ingest", str(tmp_path / "missing"), "--format", "icews", "--events", str(tmp_path)])
    assert bad.exit_code == 2 and "does not exist" in " ".join(bad.output.split())


# -- event indicators in `bilateral measures` ----------------------------------------------

@pytest.fixture(scope="module")
def hand_root(tmp_path_factory, mirror):
    """Four hand-made ICEWS events between China and Belarus in May 2014, aggregated."""
    root = tmp_path_factory.mktemp("hand")
    rows = [("1", "2014-05-02", "China", "042", "1.9", "Belarus"), ("2", "2014-05-03", "China", "057", "8.0", "Belarus"),
            ("3", "2014-05-20", "China", "190", "-10.0", "Belarus"), ("4", "2014-05-21", "Belarus", "062", "6.4", "China")]
    lines = ["\t".join(ICEWS_COLUMNS)]
    for event_id, date, source, code, intensity, target in rows:
        fields = dict.fromkeys(ICEWS_COLUMNS, "")
        fields.update({"Event ID": event_id, "Event Date": date, "Source Country": source, "CAMEO Code": code,
                       "Intensity": intensity, "Target Country": target})
        lines.append("\t".join(fields.values()))
    (root / "hand.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([root / "hand.tab"], "icews", root=root, mirror=mirror)
    aggregate(root)
    return root


def test_event_indicators_by_year_with_their_coverage(hand_root):
    from bilateral.events.indicators import add_events

    frame = add_events(pd.DataFrame({"year": [2013, 2014]}), BELARUS, CHINA, root=hand_root).set_index("year")
    assert frame.loc[2013].isna().all()  # no ingested file covers 2013: NULL, not 0
    y = frame.loc[2014]
    assert (y.events_source, y.events_months_covered) == ("icews", 1)
    assert (y.events_a_to_b_n, y.events_b_to_a_n) == (1, 3)  # A is Belarus here
    assert (y.events_visits_n, y.events_agreements_n, y.events_milcoop_n, y.events_force_posture_n) == (1, 1, 1, 0)
    assert y.events_goldstein_mean == pytest.approx((1.9 + 8.0 - 10.0 + 6.4) / 4)
    assert y.events_coop_share == pytest.approx(3 / 4)


def test_measures_gain_event_columns_only_when_events_were_aggregated(con, hand_root, tmp_path, monkeypatch):
    from bilateral.measures.api import dyad_measures

    monkeypatch.setenv("BILATERAL_EVENTS", str(tmp_path))  # nothing aggregated there
    assert not any(c.startswith("events_") for c in dyad_measures(con, "CHN", "BLR", years=(2013, 2014)).columns)
    monkeypatch.setenv("BILATERAL_EVENTS", str(hand_root))
    frame = dyad_measures(con, "CHN", "BLR", years=(2013, 2014)).set_index("year")
    assert (frame.loc[2014, "events_a_to_b_n"], frame.loc[2014, "events_b_to_a_n"]) == (3, 1)
    assert pd.isna(frame.loc[2013, "events_a_to_b_n"])


def test_dyad_month_invariants_hold_on_every_row(dyad_months):
    d = dyad_months
    quads = d.events_verbal_coop_n + d.events_material_coop_n + d.events_verbal_conflict_n + d.events_material_conflict_n
    assert (quads == d.events_n).all()
    assert d.events_coop_share.between(0, 1).all()
    cameo = d[d.source != "polecat"]
    assert cameo.events_goldstein_mean.between(-10, 10).all()
    # visits, meetings and agreements are verbal cooperation (roots 03-05); force posture is material conflict (15)
    assert (cameo.events_visits_n + cameo.events_agreements_n <= cameo.events_verbal_coop_n).all()
    assert (cameo.events_milcoop_n <= cameo.events_verbal_coop_n + cameo.events_material_coop_n).all()
    assert (cameo.events_force_posture_n <= cameo.events_material_conflict_n).all()


def test_polecat_files_with_trailing_fields_or_missing_columns_are_read(mirror, tmp_path):
    """Two known defects of published POLECAT files: empty fields beyond the
    header, and header names (a trailing "Headline") with no data."""
    lines = (FIXTURES / "polecat" / "polecat.sample.tab").read_text(encoding="utf-8").splitlines()
    (tmp_path / "a.tab").write_text("\n".join([lines[0]] + [line + "\t\t" for line in lines[1:50]]) + "\n", encoding="utf-8")
    (tmp_path / "b.tab").write_text("\n".join([lines[0] + "\tHeadline"] + lines[50:100]) + "\n", encoding="utf-8")
    bad = lines[100] + "\tsurprise"
    (tmp_path / "c.tab").write_text("\n".join([lines[0], lines[101] + "\t", bad]) + "\n", encoding="utf-8")
    result = ingest([tmp_path], "polecat", root=tmp_path / "out", mirror=mirror)
    assert (result.rows_read, result.rows_written, result.rows_quarantined) == (101, 100, 1)
    record = pd.read_csv(result.quarantine, sep="\t", dtype=str)
    assert record["reason"].tolist() == ["text in a field beyond the header"]


# -- a property: whatever mix of duplicates and bad rows, the account balances ---------------

_ICEWS_ROWS = (FIXTURES / "icews" / "events.2018.sample.tab").read_text(encoding="utf-8").splitlines()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.integers(1, 300), st.sampled_from(["ok", "ok", "dup", "bad_date", "bad_code", "short"])), min_size=1, max_size=40))
def test_row_account_balances_for_any_mix(mirror, tmp_path_factory, picks):
    folder = tmp_path_factory.mktemp("mix")
    lines, expect_bad, ids = [_ICEWS_ROWS[0]], 0, []
    for index, kind in picks:
        fields = _ICEWS_ROWS[index].split("\t")
        if kind == "dup" and ids:
            fields[0] = ids[-1]  # the same event id again
        elif kind == "bad_date":
            fields[1], expect_bad = "2018-13-01", expect_bad + 1
        elif kind == "bad_code":
            fields[6], expect_bad = "999", expect_bad + 1
        elif kind == "short":
            fields, expect_bad = fields[:12], expect_bad + 1
        if kind not in ("bad_date", "bad_code", "short"):
            ids.append(fields[0])
        lines.append("\t".join(fields))
    (folder / "mix.tab").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        result = ingest([folder / "mix.tab"], "icews", root=folder / "out", mirror=mirror)
    except BilateralError:
        assert not ids  # only a run without one valid row may refuse
        return
    assert result.rows_read + result.rows_rejected == len(picks)
    assert result.rows_quarantined == expect_bad
    assert result.rows_written == len(set(ids))
    assert result.rows_read == result.rows_invalid + result.rows_duplicate + result.rows_written


def test_method_doc_states_the_code_sets_the_code_counts():
    from bilateral.events import cameo
    from bilateral.events.indicators import COLUMNS as MEASURE_COLUMNS
    from bilateral.events.dyadmonth import COLUMNS

    text = (Path(__file__).resolve().parents[1] / "docs" / "method.md").read_text(encoding="utf-8")
    section = text[text.index("## Event data"):]
    for code in (*cameo.VISIT_CODES, *cameo.AGREEMENT_CODES, *cameo.MILCOOP_CODES, *cameo.FORCE_POSTURE_CODES):
        assert code in section, code
    for column in [c for c in COLUMNS if c.startswith("events_") and "coop_n" not in c and "conflict_n" not in c] + list(MEASURE_COLUMNS):
        assert f"`{column}`" in section, column
