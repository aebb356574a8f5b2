"""The brief as Markdown: the same sentences, each with its evidence in
small print on the same line, short listings as tables, and charts named with their source note
(the charts themselves are in ``report.html`` and, as Vega-Lite, in
``report.json``).

The Markdown is meant to be read through, so it is kept short (issue 9):
numbers in the evidence are written with at most four decimals and dates as
dates ("1 May 2004"); a listing longer than :data:`MAX_TABLE_ROWS` rows is
named, not printed (it is in ``report.json`` and ``report.html``); the
coverage section lists its gaps without repeating the evidence already
given where each gap was first stated; and the sources are listed one a
line, their BibTeX citations being in ``report.json``.
"""

from __future__ import annotations

import re

from bilateral.report import names
from bilateral.report.model import Brief, Evidence, Table
from bilateral.wording import long_date, reporter_name, span

#: Longest listing printed in the Markdown; longer ones are left to report.json and report.html.
MAX_TABLE_ROWS = 8
#: Decimals kept for a number in the evidence (values are exact in report.json).
DECIMALS = 4
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_LONG_FLOAT = re.compile(r"(?<![\d.])(-?\d+\.\d{%d})\d+" % DECIMALS)


def render_md(brief: Brief) -> str:
    lines = [f"# {names.title(brief)}", "",
             "Every sentence is generated from data; the values it rests on follow it in small print. "
             "Long listings and the citations in BibTeX are in report.json.", ""]
    said: set[str] = set()
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        for topic, sentences, charts, tables in section.groups():
            if topic:
                lines += [f"### {topic}", ""]
            for sentence in sentences:
                prefix = "**Limit:** " if sentence.kind == "gap" else ""
                line = f"- {prefix}{sentence.text}"
                if sentence.text not in said:  # a gap gathered again in the coverage section keeps its first evidence
                    line += "<br><small>Evidence: " + "; ".join(evidence_text(e) for e in sentence.evidence) + "</small>"
                lines.append(line)
                said.add(sentence.text)
            lines.append("")
            for chart in charts:
                lines += [f"*Chart: {chart.title}. {chart.source_note} (see report.html)*", ""]
            for table in tables:
                lines += _table(table)
    lines += ["## Sources", ""]
    for ref in brief.sources:
        gaps = f" Known gaps: {ref.gaps}" if ref.gaps else ""
        lines.append(f"- **{ref.title}** (version {ref.version}), covers {span(*ref.coverage)}; cite as `{ref.id}`.{gaps}")
    return "\n".join(lines) + "\n"


def value_text(value, unit: str = "") -> str:
    """A value as a reader wants it: integers with thousands separators (a year without),
    floats to at most four decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return tidy(str(value))
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.{DECIMALS}f}".rstrip("0").rstrip(".")
        return text if text not in ("0", "-0") else f"{value:.1e}"
    return str(int(value)) if unit.startswith("year") else f"{int(value):,}"


def date_text(e: Evidence) -> str:
    """The evidence's year, date ('1 May 2004') or span of years ('1992–2014')."""
    if e.date is None:
        return str(e.year)
    if "/" in e.date:
        first, last = e.date.split("/", 1)
        return span(int(first), int(last)) if first.isdigit() and last.isdigit() else f"{long_date(first)} to {long_date(last)}"
    return long_date(e.date) if _ISO_DATE.match(e.date[:10]) else e.date


def tidy(text: str) -> str:
    """Free text with any long decimal cut to four places and ISO dates written out."""
    text = _LONG_FLOAT.sub(r"\1", text)
    return _ISO_DATE.sub(lambda m: long_date(m.group(0)), text) if _ISO_DATE.match(text) else text


def evidence_text(e: Evidence) -> str:
    extra = "; ".join(tidy(x) for x in (reporter_name(e.reporter) if e.reporter else None, e.note) if x)
    link = f" [row source]({e.url})" if e.url else ""
    return f"{e.source} · {e.measure} · {date_text(e)} · {value_text(e.value, e.unit)} {e.unit}" + (f" ({extra})" if extra else "") + link


def _is_year(column: str) -> bool:
    return "year" in column.lower() or column.lower() in ("date", "from", "to")


def _cell(value, decimals: int | None = None, plain: bool = False) -> str:
    if isinstance(value, float) and decimals is not None:
        return f"{value:.{decimals}f}"
    if plain and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else value_text(value) if isinstance(value, (int, float)) else tidy(str(value))
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    if len(table.rows) > MAX_TABLE_ROWS:
        return [f"*Listing: {table.title}, {len(table.rows):,} rows (in report.json and report.html).*", ""]
    lines = [f"**{table.title}**", "", "| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    for i, row in enumerate(table.rows):
        cells = [_cell(c, table.decimals, plain=_is_year(name)) for c, name in zip(row, table.columns)]
        if i < len(table.flags) and table.flags[i]:
            cells[0] += f" ({table.flags[i]})"
        if i < len(table.links) and table.links[i]:
            cells[0] = f"[{cells[0]}]({table.links[i]})"
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]
