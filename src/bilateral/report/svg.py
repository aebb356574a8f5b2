"""Charts as inline SVG, for a static brief (``--charts static``): drawn by
vl-convert, kept on disk.

vl-convert spends about half a second of CPU starting its JavaScript engine,
then 0.05–0.2 s on each chart, most of it measuring text (each label costs
1–3 ms), so a brief's fifteen charts cost about two seconds the first time.
It holds the GIL while it works (vl-convert 1.9), so drawing in background
threads gains nothing; the charts are drawn one after the other.

An SVG depends only on the chart's spec and on the vl-convert release (its
Vega, Vega-Lite and fonts), so each is also kept in the user cache, under
``<cache>/svg/<vl-convert version>/<sha256 of the spec>.svg``: a brief
written again, or a chart another brief shares, is read back in a
millisecond. At most :data:`MAX_CACHED` files are kept (the least recently
used go first); a cache folder that cannot be written is skipped, never an
error, and one that is not ours alone is not read (an SVG is inlined as
markup, so a planted one could carry script).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from bilateral.paths import keep_in_cache, read_cached
from bilateral.report.model import Chart

MAX_CACHED = 4000  # SVG files kept in the cache (a brief has about fifteen, 20–100 kB each)


def key(spec: dict) -> str:
    """The spec as canonical JSON: what vl-convert renders, and what the cache is keyed by."""
    return json.dumps(spec, sort_keys=True)


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element (no scripts, no external references)."""
    return to_svgs([chart])[chart.id]


def to_svgs(charts: list[Chart]) -> dict[str, str]:
    """Every chart as inline SVG, keyed by chart id."""
    return {chart.id: rendered(key(chart.spec)).replace("<svg ", f'<svg role="img" aria-label="{_attr(chart.title)}" ', 1)
            for chart in charts}


@lru_cache(maxsize=64)
def rendered(spec: str) -> str:
    """The SVG of a spec (canonical JSON): from the cache, else from vl-convert."""
    path = _cache_path(spec)
    svg = read_cached(path)
    if svg is not None:
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return svg
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    _store(path, svg)
    return svg


def _cache_path(spec: str) -> Path:
    from bilateral.config import cache_dir

    return cache_dir() / "svg" / _version() / f"{hashlib.sha256(spec.encode()).hexdigest()}.svg"


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import version

    return version("vl-convert-python")


def _store(path: Path, svg: str) -> None:
    """Keep the SVG in the cache (a reader never sees half of one); prune the oldest past MAX_CACHED."""
    keep_in_cache(path, svg)
    try:
        _prune(path.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    entries = [e for e in os.scandir(folder) if e.name.endswith(".svg")]
    if len(entries) <= MAX_CACHED:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for entry in entries[:len(entries) - MAX_CACHED]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
