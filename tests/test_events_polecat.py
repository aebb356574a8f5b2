"""The POLECAT reader on rows in POLECAT's published layout.

The mirror holds no POLECAT file, so ``fixtures/events/polecat-layout`` holds
16 hand-written rows in the layout of the weekly files on Harvard Dataverse
(doi:10.7910/DVN/AJGVIT) as independent readers of those files document it:
40 tab-separated columns with a header, ISO3 countries with their COW codes
alongside, PLOVER event types, modes and ``|``-separated contexts, the quad
class spelled out, and the text ``None`` wherever a value is missing (NGEC,
the coder, prints Python's None). The events are invented; the layout is not.
Two rows are bad on purpose: one without a date, one with a type PLOVER does
not have.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bilateral.events import aggregate, ingest
from bilateral.events.formats import POLECAT_COLUMNS

FILE = Path(__file__).resolve().parent / "fixtures" / "events" / "polecat-layout" / "ngecEvents.DV.2023-01-03.sample.txt"
QUADS = {"VERBAL COOPERATION": "events_verbal_coop_n", "MATERIAL COOPERATION": "events_material_coop_n",
         "VERBAL CONFLICT": "events_verbal_conflict_n", "MATERIAL CONFLICT": "events_material_conflict_n"}


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """The file read independently, ``None`` as missing."""
    return pd.read_csv(FILE, sep="\t", dtype=str, keep_default_na=False, na_values=["None"])


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, mirror):
    root = tmp_path_factory.mktemp("polecat")
    return root, ingest([FILE], "polecat", root=root, mirror=mirror), aggregate(root)


def test_the_layout_has_the_columns_the_reader_takes(raw):
    assert len(raw.columns) == 40
    assert set(POLECAT_COLUMNS) <= set(raw.columns)


def test_every_row_is_written_or_quarantined_with_its_reason(ingested, raw):
    _, result, _ = ingested
    assert (result.rows_read, result.rows_rejected) == (len(raw), 0) == (16, 0)
    assert (result.rows_invalid, result.rows_written) == (2, 14)
    reasons = pd.read_csv(result.quarantine, sep="\t", dtype=str).set_index("event_id")["reason"]
    assert reasons.to_dict() == {"e2023w01-0015": "missing or unparseable event date",
                                 "e2023w01-0016": "unknown PLOVER event type DISCUSS"}


def test_none_is_a_missing_country_not_an_unresolved_one(ingested):
    root, result, _ = ingested
    assert "None" not in result.unresolved_actors
    stored = pq.read_table(root / "events" / "source=polecat").to_pandas().set_index("event_id")
    assert pd.isna(stored.loc["e2023w01-0006", "actor1_code"]) and pd.isna(stored.loc["e2023w01-0010", "actor2_code"])


def test_countries_resolve_to_the_cow_codes_polecat_prints(ingested, raw):
    root, _, _ = ingested
    stored = pq.read_table(root / "events" / "source=polecat").to_pandas().set_index("event_id")
    for side, column in (("actor1_ccode", "Actor COW"), ("actor2_ccode", "Recipient COW")):
        printed = raw.set_index("Event ID")[column].dropna().astype(int)
        printed = printed[printed.index.isin(stored.index)]
        assert len(printed) > 10
        assert (stored.loc[printed.index, side].astype(int) == printed).all(), side


def test_dyad_months_match_the_raw_rows_and_polecat_s_own_quad_code(ingested, raw):
    _, _, table = ingested
    valid = raw[raw["Event Date"].notna() & (raw["Event Type"] != "DISCUSS")]
    dyadic = valid.dropna(subset=["Actor COW", "Recipient COW"])
    dyadic = dyadic[dyadic["Actor COW"] != dyadic["Recipient COW"]]
    got = table.set_index(["ccode1", "ccode2"])
    assert len(got) == dyadic.groupby(["Actor COW", "Recipient COW"]).ngroups == 9
    for (a, b), rows in dyadic.groupby(["Actor COW", "Recipient COW"]):
        row = got.loc[(int(a), int(b))]
        assert (row.year, row.month, row.events_n) == (2023, 1, len(rows))
        for quad, column in QUADS.items():
            assert row[column] == (rows["Quad Code"] == quad).sum(), (a, b, quad)
    russia_ukraine = got.loc[(365, 369)]
    assert (russia_ukraine.events_n, russia_ukraine.events_material_conflict_n, russia_ukraine.events_material_coop_n) == (3, 2, 1)
