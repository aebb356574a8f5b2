"""Charts as inline SVG: rendered by vl-convert in the background, kept on disk.

vl-convert spends about half a second of CPU starting its JavaScript engine,
then about a tenth of a second on each chart (most of it measuring text), so
a brief's fifteen charts cost over two seconds, more than everything else a
brief does. It releases the GIL while it works, so that time can pass beside
the Python that builds the brief rather than after it:

- :func:`prefetch` queues charts for background threads as soon as they
  exist (the brief builds its data sections before the explanations, and
  queues their charts then, so that the engine starts and most charts are
  drawn while the explanations are computed);
- :func:`to_svgs` collects every chart, rendering any not yet queued.

An SVG depends only on the chart's spec and on the vl-convert release (its
Vega, Vega-Lite and fonts), so each is also kept in the user cache, under
``<cache>/svg/<vl-convert version>/<sha256 of the spec>.svg``: a brief
written again, or a chart another brief shares, is read back in a
millisecond. At most :data:`MAX_CACHED` files are kept (the least recently
used go first); a cache folder that cannot be written is skipped, never an
error.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from bilateral.report.model import Chart

MAX_CACHED = 4000  # SVG files kept in the cache (a brief has about fifteen, 20–100 kB each)
_WORKERS = 2
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_queued: dict[str, Future] = {}


def key(spec: dict) -> str:
    """The spec as canonical JSON: what vl-convert renders, and what the cache is keyed by."""
    return json.dumps(spec, sort_keys=True)


def prefetch(charts: list[Chart]) -> None:
    """Queue ``charts`` for rendering in the background (the engine starts
    with the first chart not found in the cache)."""
    for chart in charts:
        _submit(key(chart.spec))


def cancel() -> None:
    """Drop queued renders that have not started (a brief that failed, say),
    so that the process does not wait for them at exit."""
    with _lock:
        for future in _queued.values():
            future.cancel()
        _queued.clear()


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element (no scripts, no external references)."""
    return to_svgs([chart])[chart.id]


def to_svgs(charts: list[Chart]) -> dict[str, str]:
    """Every chart as inline SVG, keyed by chart id; queued ones are collected, the rest rendered."""
    prefetch(charts)
    out = {}
    for chart in charts:
        spec = key(chart.spec)
        with _lock:
            future = _queued.get(spec)
        svg = future.result() if future is not None else rendered(spec)
        out[chart.id] = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(chart.title)}" ', 1)
    with _lock:
        for chart in charts:
            _queued.pop(key(chart.spec), None)
    return out


def _submit(spec: str) -> None:
    global _pool
    with _lock:
        if spec in _queued:
            return
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="bilateral-svg")
        _queued[spec] = _pool.submit(rendered, spec)


@lru_cache(maxsize=64)
def rendered(spec: str) -> str:
    """The SVG of a spec (canonical JSON): from the cache, else from vl-convert."""
    path = _cache_path(spec)
    try:
        svg = path.read_text(encoding="utf-8")
        os.utime(path)  # recently used: kept longest
        return svg
    except OSError:
        pass
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
    """Write through a temporary file (a reader never sees half an SVG); prune the oldest past MAX_CACHED."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(svg, encoding="utf-8")
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError:  # a read-only or full cache folder: work without it
        try:
            tmp.unlink(missing_ok=True)
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
