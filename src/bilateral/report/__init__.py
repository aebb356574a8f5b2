"""The brief: sentences with their evidence, charts, and HTML/Markdown/JSON.

Data flows one way: :mod:`.queries` reads one dyad from the warehouse,
:mod:`.sections` turns the frames into sentences (each with its evidence)
and charts (:mod:`.charts`), :mod:`.model` holds the result as a JSON-able
:class:`Brief`, and :mod:`.render_html` / :mod:`.render_md` present it.
"""

from bilateral.report.brief import ReportError, build_brief, write_report
from bilateral.report.model import Brief, Chart, Evidence, Section, Statement

__all__ = ["Brief", "Chart", "Evidence", "ReportError", "Section", "Statement", "build_brief", "write_report"]
