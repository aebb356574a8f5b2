"""The brief as one self-contained HTML file: inline CSS, no external
scripts, style sheets or fonts, so it opens offline and can be mailed.

Its charts come in one of two forms (:data:`CHART_FORMS`):

- ``interactive`` (the default): each chart's Vega-Lite spec sits beside it
  as JSON, and Vega, bundled from vl-convert and inlined once
  (:mod:`.vega_bundle`), draws it when the page opens, with tooltips and a
  menu to save it as SVG or PNG. Writing the page costs nothing per chart,
  so a brief takes the same time whether or not its charts were seen before.
- ``static``: each chart drawn by vl-convert as inline SVG
  (:mod:`.svg`), and no script at all, for mail clients and sites that strip
  scripts, or for print. Drawing costs about 0.1 s a chart the first time a
  spec is seen (they are cached), about two seconds for a new pair.

Each sentence carries a small "evidence" disclosure (``<details>``) listing
the values it rests on; the source name in each row shows the BibTeX
citation on hover and links to the source list at the end.

The markup is in Jinja2 templates (``report/templates/brief.html``, its
macros in ``brief_macros.html`` and the style sheet in ``brief.css``) with
autoescaping on, so every text from the data is escaped by the template
engine, not by hand; only the SVG charts are passed through as markup. This
module keeps what is not markup: how a value is written and which cells
align as figures.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources

from jinja2 import Environment

from bilateral import templating
from bilateral.report import names
from bilateral.report.model import Brief, Table
from bilateral.wording import span

CHART_FORMS = ("interactive", "static")
_SCRIPT_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def render_html(brief: Brief, charts: str = "interactive") -> str:
    """The brief as an HTML page (a string), its charts drawn as ``charts`` says (one of :data:`CHART_FORMS`)."""
    if charts not in CHART_FORMS:
        raise ValueError(f"charts={charts!r}; choose one of {', '.join(CHART_FORMS)}")
    every = [c for s in brief.sections for c in s.charts]
    svgs, scripts = {}, []
    if charts == "static":
        from bilateral.report.svg import to_svgs

        svgs = to_svgs(every)  # drawn by vl-convert from our own specs; the template marks them safe
    elif every:
        from bilateral.report.vega_bundle import bundle

        scripts = [bundle(), _drawing_script()]  # vl-convert's Vega, checked when read (vega_bundle), and ours; marked safe
    return _templates().get_template("brief.html").render(
        brief=brief, title=names.title(brief), citations={s.id: s for s in brief.sources}, svgs=svgs, scripts=scripts,
        policy=_content_policy(scripts),
    ) + "\n"


def _content_policy(scripts: list[str]) -> str:
    """The page's Content-Security-Policy: no script but the listed ones (by
    hash; Vega compiles its expressions, hence 'unsafe-eval'), no network
    access, no plugins, no forms. So even markup that slipped into the page
    could run nothing and send nothing anywhere."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    script_src = f"{hashes} 'unsafe-eval'" if scripts else "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src data: blob:; "
            "connect-src 'none'; base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def _drawing_script() -> str:
    """templates/brief_charts.js, which draws each chart from its spec."""
    return resources.files("bilateral.report").joinpath("templates", "brief_charts.js").read_text(encoding="utf-8")


def _templates() -> Environment:
    """The report's templates (autoescaped; see :mod:`bilateral.templating`) with the filters below."""
    return templating.with_filters("bilateral.report", {
        "figure": _value, "cell_text": _cell_text, "cell_classes": _cell_classes, "numeric_column": _numeric,
        "source_title": _source_title, "span": lambda years: span(*years), "script_json": _script_json})


def _script_json(spec: dict) -> str:
    """A chart's spec as JSON for a ``<script type="application/json">``
    element, where HTML escaping does not apply: every character that could
    end the element or open markup is written as a JSON escape instead, so
    the text parses back to the same spec. The template marks it safe."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_UNSAFE)


def _value(value, decimals: int | None = None) -> str:
    if isinstance(value, float):
        if decimals is not None:
            return f"{value:,.{decimals}f}"
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _numeric(table: Table, j: int) -> bool:
    """Whether column ``j`` holds numbers only (its heading then aligns right, over its figures)."""
    cells = [row[j] for row in table.rows if row[j] is not None]
    return bool(cells) and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells)


def _cell_text(cell, decimals: int | None) -> str:
    """A listing's cell as written: floats with the table's decimals, nothing for a missing value."""
    return "" if cell is None else _value(cell, decimals) if isinstance(cell, float) else str(cell)


def _cell_classes(cell, text: str) -> str:
    """``num`` for a figure; ``short`` keeps dates, spans, codes and figures on one line."""
    classes = ["num"] if isinstance(cell, (int, float)) and not isinstance(cell, bool) else []
    if len(text) <= 14:
        classes.append("short")
    return " ".join(classes)


def _source_title(evidence, citations) -> str:
    """The cited source's title, or its id when the brief does not list it."""
    return citations[evidence.source].title if evidence.source in citations else evidence.source
