"""The brief as Markdown: the same sentences, evidence as nested bullets,
listings as tables, and charts named with their source note (the charts
themselves are in ``report.html`` and, as Vega-Lite, in ``report.json``)."""

from __future__ import annotations

from bilateral.report.model import Brief, Evidence, Table
from bilateral.report.wording import The, span, the


def render_md(brief: Brief) -> str:
    lines = [f"# {The(brief.a.name)} and {the(brief.b.name)}: relations brief, {span(*brief.years)}", "",
             "Every sentence is generated from data; the values it rests on are listed under it.", ""]
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        for topic, sentences, charts, tables in section.groups():
            if topic:
                lines += [f"### {topic}", ""]
            for sentence in sentences:
                prefix = "**Limit:** " if sentence.kind == "gap" else ""
                lines.append(f"- {prefix}{sentence.text}")
                lines += [f"  - {_evidence(e)}" for e in sentence.evidence]
            lines.append("")
            for chart in charts:
                lines += [f"*Chart: {chart.title}. {chart.source_note} (see report.html)*", ""]
            for table in tables:
                lines += _table(table)
    lines += ["## Sources and citations", ""]
    for ref in brief.sources:
        lines += [f"### {ref.title} (version {ref.version}), covers {span(*ref.coverage)}", ""]
        if ref.gaps:
            lines += [f"Known gaps: {ref.gaps}", ""]
        lines += ["```bibtex", ref.citation, "```", ""]
    return "\n".join(lines)


def _evidence(e: Evidence) -> str:
    when = e.date if e.date is not None else str(e.year)
    extra = "; ".join(x for x in (e.reporter, e.note) if x)
    link = f" [row source]({e.url})" if e.url else ""
    return f"{e.source} · {e.measure} · {when} · {e.value} {e.unit}" + (f" ({extra})" if extra else "") + link


def _cell(value, decimals: int | None = None) -> str:
    if isinstance(value, float) and decimals is not None:
        return f"{value:.{decimals}f}"
    return ("" if value is None else str(value)).replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [f"**{table.title}**", "", "| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    for i, row in enumerate(table.rows):
        cells = [_cell(c, table.decimals) for c in row]
        if i < len(table.flags) and table.flags[i]:
            cells[0] += f" ({table.flags[i]})"
        if i < len(table.links) and table.links[i]:
            cells[0] = f"[{cells[0]}]({table.links[i]})"
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]
