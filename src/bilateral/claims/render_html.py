"""The checked article as one self-contained HTML page: each claim
highlighted in place with a verdict badge; a click on it shows the verdict's
reason and evidence. Every piece of text is escaped; no external files.
"""

from __future__ import annotations

import json
from html import escape

from bilateral.claims.model import VERDICTS, CheckResult, Claim

COLOURS = {"supported": "#1a7f37", "contradicted": "#cf222e", "partly_supported": "#bf8700", "not_checkable": "#6e7781"}
LABELS = {"supported": "supported", "contradicted": "contradicted", "partly_supported": "partly supported", "not_checkable": "not checkable"}

CSS = """
body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
header{font-family:system-ui,sans-serif;border-bottom:1px solid #d0d7de;margin-bottom:1rem}
.summary span{display:inline-block;margin-right:.8rem}
.article{white-space:pre-wrap}
mark{background:none;border-bottom:3px solid;cursor:pointer;padding:0 1px}
mark:focus{outline:2px solid #0969da}
.badge{font:600 11px system-ui,sans-serif;color:#fff;border-radius:3px;padding:1px 4px;margin-left:3px;vertical-align:super}
.evidence{display:none;font:13px/1.4 system-ui,sans-serif;white-space:normal;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.3rem 0}
.evidence.open{display:block}
.evidence li{margin:.2rem 0}
.muted{color:#59636e}
"""

JS = """
document.querySelectorAll('mark[data-claim]').forEach(function(m){
  function toggle(){var box=document.getElementById('ev-'+m.dataset.claim);box.classList.toggle('open');
    m.setAttribute('aria-expanded',box.classList.contains('open'));}
  m.addEventListener('click',toggle);
  m.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle();}});
});
"""


def _evidence_box(i: int, claim: Claim) -> str:
    items = "".join(
        f"<li>{escape(e.description)}: <b>{escape(_value(e.value))}</b> <span class=muted>({escape(e.source)}"
        + (f", {e.year}" if e.year else "") + ")</span>"
        + (f' <a href="{escape(e.url, quote=True)}" rel="noopener noreferrer">source</a>' if e.url and e.url.startswith(("http://", "https://")) else "")
        + (f"<br><span class=muted>tolerance: {escape(e.tolerance)}</span>" if e.tolerance else "")
        + "</li>"
        for e in claim.evidence
    )
    normalized = escape(json.dumps(claim.normalized, ensure_ascii=False, default=str))
    return (f'<span class="evidence" id="ev-{i}" role="note"><b>{escape(LABELS[claim.verdict])}</b> ({escape(claim.kind)}): {escape(claim.reason)}'
            + (f"<ul>{items}</ul>" if items else "") + f'<span class=muted>read as: {normalized}</span></span>')


def _value(value) -> str:
    """A figure as a reader writes it: 14,520 rather than 1.452e+04; a dict as 'key: value'."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.4g}"
    return str(value)


def render_html(result: CheckResult) -> str:
    """The annotated article (see the module docstring)."""
    text, parts, cursor = result.text, [], 0
    for i, claim in enumerate(sorted(result.claims, key=lambda c: c.start)):
        if claim.start < cursor:  # overlapping claims: the later one is listed, not highlighted
            continue
        colour = COLOURS[claim.verdict]
        parts.append(escape(text[cursor:claim.start]))
        parts.append(
            f'<mark data-claim="{i}" tabindex="0" role="button" aria-expanded="false" style="border-color:{colour}" '
            f'title="{escape(LABELS[claim.verdict], quote=True)}: {escape(claim.reason, quote=True)}">{escape(text[claim.start:claim.end])}'
            f'<span class="badge" style="background:{colour}">{escape(LABELS[claim.verdict])}</span></mark>'
            + _evidence_box(i, claim)
        )
        cursor = claim.end
    parts.append(escape(text[cursor:]))
    counts = result.counts()
    summary = "".join(f'<span><span class="badge" style="background:{COLOURS[v]}">{escape(LABELS[v])}</span> {counts[v]}</span>' for v in VERDICTS)
    dyad = " – ".join(result.dyad) or "no pair of states found"
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'><title>Claims checked: {escape(result.origin)}</title>"
        f"<style>{CSS}</style></head><body><header><h1>Claims checked</h1>"
        f"<p>{escape(result.origin)} · about {escape(dyad)} · as of {escape(result.as_of.isoformat())} ({escape(result.as_of_basis)}) · "
        f"{len(result.claims)} claims. Click a highlighted claim for its evidence.</p><p class=summary>{summary}</p></header>"
        f"<main class=article>{''.join(parts)}</main><script>{JS}</script></body></html>"
    )
