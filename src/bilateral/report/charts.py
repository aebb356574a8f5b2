"""Vega-Lite chart specs and their rendering to SVG.

Every chart has a title, axis titles with units, and a source note (the
subtitle), and uses the Okabe–Ito palette, which stays distinguishable for
the common kinds of colour blindness. Data travel inside the spec, so the
JSON is complete on its own; the HTML gets inline SVG from vl-convert
(:mod:`bilateral.report.svg`) and so needs no JavaScript and no network.

Specs are written as plain dictionaries in Vega-Lite's JSON form: building
them through Altair cost about a quarter of a brief's time, and a second more
to import. The test suite validates every spec against the Vega-Lite schema
with Altair.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

from bilateral.report.model import Chart

#: Okabe & Ito (2008), in the order used for series.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: Plot area in pixels: with its axes a chart fills the brief's 920-pixel column on a laptop screen.
WIDTH, HEIGHT = 720, 220
#: The Vega-Lite version the specs are written for (the one vl-convert and Altair 6 use).
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300, "strokeWidth": 0},
          "axis": {"grid": True, "gridColor": "#e5e5e5", "labelFontSize": 11, "titleFontSize": 12},
          "legend": {"labelFontSize": 11}}
TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal", "T": "temporal"}


def _records(frame: pd.DataFrame) -> list[dict]:
    """Plain Python values, NULLs as None (never 0)."""
    out = frame.astype(object).where(frame.notna(), None)
    return out.to_dict("records")


def _field(shorthand: str, **extra) -> dict[str, Any]:
    """'year:Q' → {"field": "year", "type": "quantitative"} (Altair's shorthand, for tooltips)."""
    name, _, kind = shorthand.rpartition(":")
    return {"field": name, "type": TYPES[kind], **extra} if name and kind in TYPES else {"field": shorthand, "type": "nominal", **extra}


def _finish(id: str, title: str, note: str, frame: pd.DataFrame, mark: dict | list, encoding: dict,
            width: int = WIDTH, height: int = HEIGHT, topic: str | None = None, config: dict | None = None) -> Chart:
    """The complete spec; ``mark`` is one mark, or a list of layers sharing the data and encoding."""
    spec = {
        "$schema": SCHEMA,
        "config": config or CONFIG,
        "data": {"values": _records(frame)},
        **({"layer": mark} if isinstance(mark, list) else {"mark": mark}),
        "encoding": encoding,
        "width": width,
        "height": height,
        "title": {"text": title, "anchor": "start", "subtitle": wrap(note), "subtitleColor": "#444", "subtitleFontSize": 11},
    }
    return Chart(id=id, title=title, spec=spec, source_note=note, topic=topic)


def wrap(text: str, width: int = 125) -> list[str]:
    """Split a source note into lines that fit the chart's width."""
    return textwrap.wrap(text, width) or [""]


def _x(years: tuple[int, int]) -> dict[str, Any]:
    first, last = years
    return {"field": "year", "type": "quantitative", "title": "Year", "scale": {"domain": [first, max(last, first + 1)], "nice": False},
            "axis": {"format": "d", "tickMinStep": 1}}


def _color(series: str | None, scale: dict | None = None, legend: dict | None = None) -> dict[str, Any]:
    if not series:
        return {"value": OKABE_ITO[0]}
    return {"field": series, "type": "nominal", "title": None, "scale": scale or {"range": OKABE_ITO},
            "legend": legend or {"orient": "bottom"}}


def line(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int],
         series: str | None = None, tooltip: list[str | dict] | None = None, colors: dict[str, str] | None = None,
         y_domain: tuple[float, float] | None = None, dashes: dict[str, list[int]] | None = None,
         facet: str | None = None, reverse: bool = False, topic: str | None = None) -> Chart:
    """Lines with points, one per series; ``frame`` is long: year, value[, series]. Missing rows are gaps.

    ``colors`` fixes each series' colour (and the legend's order), so that a
    series keeps its colour from brief to brief; ``dashes`` gives some series
    a dash pattern; ``y_domain`` fixes the y scale, and ``reverse`` turns it
    upside down (a rank, 1 at the top). ``facet`` draws one small panel per
    value of that column, side by side, on a shared y scale.
    """
    frame = frame.dropna(subset=["value"])
    y: dict[str, Any] = {"field": "value", "type": "quantitative", "title": y_title}
    if reverse and y_domain:  # a rank: whole numbers, 1 at the top, half a step of room at either end
        lo, hi = int(y_domain[0]), int(y_domain[1])
        y["scale"] = {"domain": [lo - 0.5, hi + 0.5], "nice": False, "reverse": True}
        y["axis"] = {"values": list(range(lo, hi + 1, 1 if hi - lo <= 15 else 5)), "format": "d"}
    elif y_domain:
        y["scale"] = {"domain": list(y_domain), "nice": False}
    encoding: dict[str, Any] = {"x": _x(years), "y": y}
    width = WIDTH
    if facet:
        panels = list(dict.fromkeys(frame[facet]))
        encoding["facet"] = {"field": facet, "type": "nominal", "title": None, "sort": panels, "columns": len(panels),
                             "header": {"labelFontSize": 12, "labelFontWeight": "bold", "labelAnchor": "start"}}
        width = max(160, (WIDTH - 60 * (len(panels) - 1)) // max(len(panels), 1))
    if colors and series:
        present = [name for name in colors if name in set(frame[series])]
        legend = {"orient": "bottom", "columns": 3, "labelLimit": 260, "symbolStrokeWidth": 3}
        encoding["color"] = _color(series, {"domain": present, "range": [colors[n] for n in present]}, legend)
        if dashes:  # same field, scale domain and legend as the colour, so Vega-Lite draws one legend
            encoding["strokeDash"] = {"field": series, "type": "nominal", "title": None, "legend": legend,
                                      "scale": {"domain": present, "range": [dashes.get(n, [1, 0]) for n in present]}}
    else:
        encoding["color"] = _color(series)
    encoding["tooltip"] = [_field("year:Q", format="d"), _field("value:Q", format=",.2f"),
                           *(t if isinstance(t, dict) else _field(t) for t in tooltip or []),
                           *([_field(f"{series}:N")] if series else []), *([_field(f"{facet}:N")] if facet else [])]
    return _finish(id, title, note, frame, {"type": "line", "point": True, "strokeWidth": 2}, encoding, width=width, topic=topic)


def phases(id: str, title: str, note: str, observed: pd.DataFrame, fitted: pd.DataFrame, breaks: list[int], y_title: str,
           years: tuple[int, int], names: tuple[str, str] = ("observed", "phase trend"), topic: str | None = None) -> Chart:
    """A series (``observed``: year, value) with the straight line of each phase
    drawn over it (``fitted``: first, last, start, end, label) and a dashed rule
    at each turning point (``breaks``: the years a new phase begins)."""
    observed = observed.dropna(subset=["value"])
    layers: list[dict[str, Any]] = [
        {"mark": {"type": "line", "point": True, "strokeWidth": 1.5},
         "encoding": {"color": {"datum": names[0], "type": "nominal"},
                      "tooltip": [_field("year:Q", format="d"), _field("value:Q", format=",.1f")]}},
        {"data": {"values": _records(fitted)}, "mark": {"type": "rule", "strokeWidth": 4, "opacity": 0.8},
         "encoding": {"x": {"field": "first", "type": "quantitative"}, "x2": {"field": "last"},
                      "y": {"field": "start", "type": "quantitative"}, "y2": {"field": "end"},
                      "color": {"datum": names[1], "type": "nominal"},
                      "tooltip": [_field("label:N", title="phase"), _field("first:Q", format="d", title="from"),
                                  _field("last:Q", format="d", title="to")]}},
    ]
    if breaks:
        marks = pd.DataFrame({"year": breaks, "text": [f"turning point {y}" for y in breaks]})
        layers += [
            {"data": {"values": _records(marks)}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": OKABE_ITO[3]},
             "encoding": {"y": {"value": 0}, "y2": {"value": HEIGHT}, "tooltip": [_field("text:N", title="")]}},
            {"data": {"values": _records(marks)},
             "mark": {"type": "text", "align": "left", "dx": 3, "dy": 2, "baseline": "top", "fontSize": 10, "color": OKABE_ITO[3]},
             "encoding": {"y": {"value": 0}, "text": {"field": "text"}}},
        ]
    encoding = {"x": _x(years), "y": {"field": "value", "type": "quantitative", "title": y_title,
                                       "scale": {"domain": [0, 100], "nice": False}}}
    # a datum colour takes no scale or legend of its own: the chart's config gives them (series, then phase lines)
    config = {**CONFIG, "range": {"category": [OKABE_ITO[7], OKABE_ITO[1]]},
              "legend": {**CONFIG["legend"], "orient": "bottom", "symbolType": "stroke", "symbolStrokeWidth": 3}}
    return _finish(id, title, note, observed, layers, encoding, topic=topic, config=config)


def hbars(id: str, title: str, note: str, frame: pd.DataFrame, x_title: str, y_title: str, colors: dict[str, str],
          topic: str | None = None) -> Chart:
    """One horizontal bar per row (``label``, ``value``, ``group``), in the frame's
    order, coloured by ``group`` (``colors`` fixes the colours and the legend's order)."""
    order = list(frame["label"])
    present = [g for g in colors if g in set(frame["group"])]
    encoding = {
        "x": {"field": "value", "type": "quantitative", "title": x_title},
        "y": {"field": "label", "type": "nominal", "title": y_title, "sort": order,
              "axis": {"labelLimit": 300, "titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": -6, "titleY": -6}},
        "color": {"field": "group", "type": "nominal", "title": None, "legend": {"orient": "bottom"},
                  "scale": {"domain": present, "range": [colors[g] for g in present]}},
        "tooltip": [_field("label:N", title=""), _field("value:Q", format="+,.2f")],
    }
    return _finish(id, title, note, frame, {"type": "bar", "height": 16}, encoding, width=WIDTH - 220,
                   height=max(60, 24 * len(order)), topic=topic)


def bars(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int],
         series: str | None = None) -> Chart:
    """Bars per year, stacked by ``series`` when given."""
    size = max(2, min(24, int(0.8 * WIDTH / (years[1] - years[0] + 3))))
    encoding = {
        "x": _x((years[0] - 1, years[1] + 1)),
        "y": {"field": "value", "type": "quantitative", "title": y_title, "stack": "zero", "axis": {"tickMinStep": 1}},
        "color": _color(series),
        "tooltip": [_field("year:Q", format="d"), _field("value:Q"), *([_field(f"{series}:N")] if series else [])],
    }
    return _finish(id, title, note, frame, {"type": "bar", "size": size}, encoding)


def strip(id: str, title: str, note: str, frame: pd.DataFrame, y_title: str, years: tuple[int, int], row: str) -> Chart:
    """One tick per year in which a category holds (e.g. an alliance obligation is in force)."""
    encoding = {
        "x": _x(years),
        "y": {"field": row, "type": "nominal", "title": y_title},
        "color": {"field": row, "type": "nominal", "legend": None, "scale": {"range": OKABE_ITO}},
        "tooltip": [_field("year:Q", format="d"), _field(f"{row}:N")],
    }
    return _finish(id, title, note, frame, {"type": "tick", "thickness": 4, "size": 18}, encoding,
                   height=max(60, 28 * frame[row].nunique()))


def dots(id: str, title: str, note: str, frame: pd.DataFrame, x_title: str, label: str, color: str,
         tooltip: list[str]) -> Chart:
    """A dot plot: one labelled row per figure (``label``), value on x, coloured by ``color``.

    Used for reported figures, where each row names who reported it: the
    labels sit on the axis, so no long legend of reporters is needed.
    """
    order = list(dict.fromkeys(frame[label]))
    groups = sorted(frame[color].unique(), key=lambda g: (g != "total trade", g))  # totals always in the first colour
    legend = {"orient": "bottom", "columns": 3, "labelLimit": 260}
    encoding = {
        "x": {"field": "value", "type": "quantitative", "title": x_title, "scale": {"zero": True}},
        # the axis title sits above the labels, not rotated beside them, where long labels would run into it
        "y": {"field": label, "type": "nominal", "title": "Year · reported by", "sort": order,
              "axis": {"labelLimit": 320, "titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": -6, "titleY": -6}},
        "color": _color(color, {"domain": groups, "range": OKABE_ITO[:len(groups)]}, legend),
        # same field, domain and legend as the colour: one legend shows each group's colour and shape
        "shape": {"field": color, "type": "nominal", "title": None, "scale": {"domain": groups}, "legend": legend},
        "tooltip": [_field("value:Q", format=",.1f"), *map(_field, tooltip)],
    }
    return _finish(id, title, note, frame, {"type": "point", "filled": True, "size": 90, "opacity": 0.9}, encoding,
                   width=420, height=max(60, 20 * len(order)))
