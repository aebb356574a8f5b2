"""The claim checker, when this build has one (:mod:`bilateral.claims`).

The web app works without it: :func:`available` says whether it is there,
and :func:`run_check` answers 404 with a plain message when it is not.
"""

from __future__ import annotations

import json
from datetime import date

from fastapi import HTTPException

NOT_AVAILABLE = "the claim checker is not available in this build of bilateral (no bilateral.claims module)."


def _checker():
    try:
        from bilateral.claims import check_text
    except ImportError:
        return None
    return check_text


def available() -> bool:
    return _checker() is not None


def run_check(con, text: str, as_of: date | None) -> dict:
    """The checker's result for ``text`` as a JSON-able dict (its ``to_json``)."""
    check_text = _checker()
    if check_text is None:
        raise HTTPException(404, NOT_AVAILABLE)
    result = check_text(text, as_of=as_of, con=con)
    out = json.loads(result.to_json())
    out["text"] = result.text  # the text as checked (HTML or Markdown reduced to text): the claims' offsets point into it
    return out


def segments(result: dict) -> list[dict]:
    """The checked text cut into plain runs and claims, in order, so that a
    template can mark each claim with its verdict (and escape every run).
    Overlapping claims: the later one is dropped from the marking, not from the list."""
    text = result.get("text") or ""
    out, at = [], 0
    for i, claim in sorted(enumerate(result.get("claims", [])), key=lambda item: item[1].get("start", 0)):
        start, end = int(claim.get("start", 0)), int(claim.get("end", 0))
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            out.append({"text": text[at:start]})
        out.append({"text": text[start:end], "claim": i, "verdict": claim.get("verdict", "not_checkable")})
        at = end
    if at < len(text):
        out.append({"text": text[at:]})
    return out
