"""A generated statement and the evidence behind it: for each value, the
source, measure, year or date, value and unit it rests on.

One :class:`Statement` type, shared by the explanations
(:mod:`bilateral.explain`), which write statements, and the brief
(:mod:`bilateral.report`), which files them under its sections as they are
(with a ``topic``), so that every statement the tool makes cites its data
the same way and passes from one layer to the next without a round trip
through dicts. ``to_dict()`` is the JSON form, used only at the edges (the
CLI's and the web app's JSON, ``report.json``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: What a piece of evidence can hold.
Value = int | float | str


@dataclass(frozen=True)
class Evidence:
    """One value a sentence rests on, and where it comes from."""

    source: str  # source id, as in the warehouse's _sources table
    measure: str  # column or derived measure name
    value: Value
    unit: str
    year: int | None = None
    date: str | None = None  # ISO date or interval "1992/2014"
    table: str | None = None  # warehouse table the value was read from
    reporter: str | None = None  # who published a reported figure (ledger)
    url: str | None = None  # the row's own source page (ledger)
    note: str | None = None

    def __post_init__(self):
        if self.year is None and self.date is None:
            raise ValueError(f"evidence {self.source}.{self.measure} needs a year or a date")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "measure": self.measure}
        if self.year is not None:
            out["year"] = int(self.year)
        if self.date is not None:
            out["date"] = self.date
        out["value"] = plain(self.value)
        out["unit"] = self.unit
        for key in ("table", "reporter", "url", "note"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class Statement:
    """A generated sentence with the evidence for every value in it. ``kind``
    is ``finding`` or ``gap`` (a statement of what the data does not cover);
    ``topic`` is the sub-heading the brief files it under (None: none)."""

    text: str
    evidence: tuple[Evidence, ...]
    kind: str = "finding"
    topic: str | None = None

    def __post_init__(self):
        if not self.evidence:
            raise ValueError(f"statement without evidence: {self.text!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind, "evidence": [e.to_dict() for e in self.evidence]}
        if self.topic is not None:
            out["topic"] = self.topic
        return out


def plain(value: Any) -> Any:
    """numpy/pandas scalars → JSON-able values; missing → None (never 0)."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, (str, int, float, bool, list, tuple, dict)) and pd.isna(value):
        return None
    return value
