"""Vega-Lite chart specs (built with Altair) and their rendering to SVG.

Every chart has a title, axis titles with units, and a source note (the
subtitle), and uses the Okabe–Ito palette, which stays distinguishable for
the common kinds of colour blindness. Data travel inside the spec, so the
JSON is complete on its own; the HTML gets inline SVG from vl-convert and so
needs no JavaScript and no network.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import altair as alt
import pandas as pd

from bilateral.report.model import Chart

#: Okabe & Ito (2008), in the order used for series.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
WIDTH, HEIGHT = 620, 210


def _records(frame: pd.DataFrame) -> list[dict]:
    """Plain Python values, NULLs as None (never 0)."""
    out = frame.astype(object).where(frame.notna(), None)
    return out.to_dict("records")


def _finish(chart: alt.Chart, id: str, title: str, note: str) -> Chart:
    chart = chart.properties(
        width=WIDTH,
        height=HEIGHT,
        title=alt.TitleParams(text=title, subtitle=wrap(note), anchor="start", subtitleColor="#444", subtitleFontSize=11),
    ).configure_view(strokeWidth=0).configure_axis(labelFontSize=11, titleFontSize=12, grid=True, gridColor="#e5e5e5")
    spec = chart.to_dict(validate=False)  # schema validation is the test suite's job (it costs ~0.4 s per brief)
    return Chart(id=id, title=title, spec=spec, source_note=note)


def wrap(text: str, width: int = 100) -> list[str]:
    """Split a source note into lines that fit the chart's width."""
    return textwrap.wrap(text, width) or [""]


def _x(years: tuple[int, int]) -> alt.X:
    first, last = years
    return alt.X("year:Q", title="Year", scale=alt.Scale(domain=[first, max(last, first + 1)], nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def line(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int],
         series: str | None = None, tooltip: list[str] | None = None) -> Chart:
    """Lines with points, one per series; ``frame`` is long: year, value[, series]. Missing rows are gaps."""
    frame = frame.dropna(subset=["value"])
    color = alt.Color(f"{series}:N", title=None, scale=alt.Scale(range=OKABE_ITO), legend=alt.Legend(orient="bottom")) if series else alt.value(OKABE_ITO[0])
    chart = alt.Chart(alt.Data(values=_records(frame))).mark_line(point=True, strokeWidth=2).encode(
        x=_x(years),
        y=alt.Y("value:Q", title=y_title),
        color=color,
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", format=",.2f"), *(tooltip or []), *([f"{series}:N"] if series else [])],
    )
    return _finish(chart, id, title, note)


def bars(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int],
         series: str | None = None) -> Chart:
    """Bars per year, stacked by ``series`` when given."""
    color = alt.Color(f"{series}:N", title=None, scale=alt.Scale(range=OKABE_ITO), legend=alt.Legend(orient="bottom")) if series else alt.value(OKABE_ITO[0])
    size = max(2, min(24, int(0.8 * WIDTH / (years[1] - years[0] + 3))))
    chart = alt.Chart(alt.Data(values=_records(frame))).mark_bar(size=size).encode(
        x=_x((years[0] - 1, years[1] + 1)),
        y=alt.Y("value:Q", title=y_title, stack="zero", axis=alt.Axis(tickMinStep=1)),
        color=color,
        tooltip=[alt.Tooltip("year:Q", format="d"), "value:Q", *([f"{series}:N"] if series else [])],
    )
    return _finish(chart, id, title, note)


def strip(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int], row: str) -> Chart:
    """One tick per year in which a category holds (e.g. an alliance obligation is in force)."""
    chart = alt.Chart(alt.Data(values=_records(frame))).mark_tick(thickness=4, size=18).encode(
        x=_x(years),
        y=alt.Y(f"{row}:N", title=y_title),
        color=alt.Color(f"{row}:N", legend=None, scale=alt.Scale(range=OKABE_ITO)),
        tooltip=[alt.Tooltip("year:Q", format="d"), f"{row}:N"],
    )
    finished = _finish(chart, id, title, note)
    finished.spec["height"] = max(60, 28 * frame[row].nunique())
    return finished


def dots(id: str, title: str, note: str, frame: pd.DataFrame, x_title: str, label: str, color: str,
         tooltip: list[str]) -> Chart:
    """A dot plot: one labelled row per figure (``label``), value on x, coloured by ``color``.

    Used for reported figures, where each row names who reported it: the
    labels sit on the axis, so no long legend of reporters is needed.
    """
    order = list(dict.fromkeys(frame[label]))
    groups = sorted(frame[color].unique(), key=lambda g: (g != "total trade", g))  # totals always in the first colour
    chart = alt.Chart(alt.Data(values=_records(frame))).mark_point(filled=True, size=90, opacity=0.9).encode(
        x=alt.X("value:Q", title=x_title, scale=alt.Scale(zero=True)),
        y=alt.Y(f"{label}:N", title="Year · reported by", sort=order, axis=alt.Axis(labelLimit=420)),
        color=alt.Color(f"{color}:N", title=None, scale=alt.Scale(domain=groups, range=OKABE_ITO[:len(groups)]), legend=alt.Legend(orient="bottom")),
        shape=alt.Shape(f"{color}:N", title=None, legend=None),
        tooltip=[alt.Tooltip("value:Q", format=",.1f"), *tooltip],
    )
    finished = _finish(chart, id, title, note)
    finished.spec["width"] = 360
    finished.spec["height"] = max(60, 20 * len(order))
    return finished


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec_json)


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element (no scripts, no external references)."""
    import json

    svg = _svg(json.dumps(chart.spec, sort_keys=True))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(chart.title)}" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
