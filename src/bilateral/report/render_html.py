"""The brief as one self-contained HTML file: inline CSS and SVG, no scripts,
no external style sheets or fonts, so it opens offline and can be mailed.

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

from jinja2 import Environment

from bilateral import templating
from bilateral.report import names
from bilateral.report.charts import to_svgs
from bilateral.report.model import Brief, Table
from bilateral.wording import span


def render_html(brief: Brief) -> str:
    """The brief as an HTML page (a string)."""
    svgs = to_svgs([c for s in brief.sections for c in s.charts])
    return _templates().get_template("brief.html").render(
        brief=brief, title=names.title(brief), citations={s.id: s for s in brief.sources},
        svgs=svgs,  # drawn by vl-convert from our own specs; the template marks them safe
    ) + "\n"


def _templates() -> Environment:
    """The report's templates (autoescaped; see :mod:`bilateral.templating`) with the filters below."""
    return templating.with_filters("bilateral.report", {
        "figure": _value, "cell_text": _cell_text, "cell_classes": _cell_classes, "numeric_column": _numeric,
        "source_title": _source_title, "span": lambda years: span(*years)})


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
