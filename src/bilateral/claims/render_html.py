"""The checked article as one self-contained HTML page: each claim
highlighted in place with a verdict badge; a click on it shows the verdict's
reason and evidence. No external files.

The markup is the Jinja2 template ``claims/templates/check.html`` (with its
style sheet and script beside it), autoescaped, so every piece of text is
escaped by the template engine. This module cuts the article into plain and
claimed stretches and says how a value reads.
"""

from __future__ import annotations

import json

from bilateral import templating
from bilateral.claims.verdicts import VERDICTS

COLOURS = {"supported": "#1a7f37", "contradicted": "#cf222e", "partly_supported": "#bf8700", "not_checkable": "#6e7781"}
LABELS = {"supported": "supported", "contradicted": "contradicted", "partly_supported": "partly supported", "not_checkable": "not checkable"}


def _value(value) -> str:
    """A figure as a reader writes it: 14,520 rather than 1.452e+04; a dict as 'key: value'."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.4g}"
    return str(value)


def _segments(result) -> list[tuple[str, int | None, object]]:
    """The article of a :class:`~bilateral.claims.model.CheckResult` as (text, claim number, claim) stretches, claim None for plain text.
    Overlapping claims: the later one is listed, not highlighted."""
    text, segments, cursor = result.text, [], 0
    for i, claim in enumerate(sorted(result.claims, key=lambda c: c.start)):
        if claim.start < cursor:
            continue
        segments += [(text[cursor:claim.start], None, None), (text[claim.start:claim.end], i, claim)]
        cursor = claim.end
    segments.append((text[cursor:], None, None))
    return segments


def render_html(result) -> str:
    """The annotated article of a :class:`~bilateral.claims.model.CheckResult` (see the module docstring).

    The type is named here, not imported: the model imports this renderer (``CheckResult.to_html``)."""
    env = templating.with_filters("bilateral.claims", {
        "reading": _value, "reading_json": lambda value: json.dumps(value, ensure_ascii=False, default=str)})
    return env.get_template("check.html").render(result=result, segments=_segments(result), counts=result.counts(),
                                                 verdicts=VERDICTS, colours=COLOURS, labels=LABELS)
