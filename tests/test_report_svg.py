"""Chart rendering for the HTML brief (bilateral.report.svg): SVGs kept in the
user cache and read back without vl-convert, a cache that cannot be written
skipped, charts queued while the brief is built and collected once, and the
data sections built before the explanations exactly as they were after them."""

from __future__ import annotations

import os

import pytest

from bilateral.report import brief as brief_module
from bilateral.report import svg
from bilateral.report.brief import build_brief
from bilateral.report.model import Chart


def _chart(id: str, label: str) -> Chart:
    spec = {"data": {"values": [{"year": 2000 + i, "value": i * i} for i in range(5)]}, "mark": "line",
            "encoding": {"x": {"field": "year", "type": "quantitative", "title": label},
                         "y": {"field": "value", "type": "quantitative"}}}
    return Chart(id=id, title=f"{label} & <co>", spec=spec, source_note="")


def _cached(root) -> list:
    return sorted((root / "svg").rglob("*.svg"))


def test_an_svg_is_kept_in_the_cache_and_read_back_without_vl_convert(tmp_path, monkeypatch):
    import vl_convert

    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    chart = _chart("a", "first chart")
    first = svg.to_svg(chart)
    assert first.startswith('<svg role="img" aria-label="first chart &amp; &lt;co>" ') and "first chart" in first
    assert len(_cached(tmp_path)) == 1
    svg.rendered.cache_clear()  # a new process: only the disk remembers

    def fail(*args, **kwargs):
        raise AssertionError("rendered again instead of read from the cache")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", fail)
    assert svg.to_svg(chart) == first


def test_a_cache_folder_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BILATERAL_CACHE", str(blocker / "cache"))
    out = svg.to_svgs([_chart("b", "unwritable cache")])
    assert "unwritable cache" in out["b"]
    assert blocker.read_text() == "not a folder" and [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_the_least_recently_used_svgs_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(svg, "MAX_CACHED", 2)
    for age, name in enumerate(["old", "older", "newest", "new"]):
        path = tmp_path / f"{name}.svg"
        path.write_text(name)
        os.utime(path, (0, 10_000 - {"old": 300, "older": 400, "newest": 100, "new": 200}[name]))
    svg._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.svg", "newest.svg"]


def test_queued_charts_are_collected_once_and_leave_the_queue(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    charts = [_chart("c", "queued one"), _chart("d", "queued two")]
    svg.prefetch(charts)
    assert all(svg.key(c.spec) in svg._queued for c in charts)
    out = svg.to_svgs(charts)
    assert set(out) == {"c", "d"} and "queued one" in out["c"] and "queued two" in out["d"]
    assert not any(svg.key(c.spec) in svg._queued for c in charts)
    svg.cancel()
    assert not svg._queued


def _plain(value):
    """The brief's dict without its timestamp, floats to 10 digits (DuckDB's parallel sums may differ in the last bits)."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "generated"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_data_sections_built_before_the_explanations_are_those_built_after(con, monkeypatch):
    batches = []
    early = build_brief("CHN", "BLR", con=con, progress=False, charts_ready=batches.append)
    assert len(batches) == 1 and len(batches[0]) >= 5  # the data sections' charts, queued before explain runs
    final = {svg.key(c.spec) for s in early.sections for c in s.charts}
    assert {svg.key(c.spec) for c in batches[0]} <= final  # every chart queued early is one the brief shows
    monkeypatch.setattr(brief_module, "build_data_sections", lambda ctx: {})  # every section built after explain, as before
    late = build_brief("CHN", "BLR", con=con, progress=False)
    assert _plain(early.to_dict()) == _plain(late.to_dict())


@pytest.mark.parametrize("formats, queued", [(("json", "md"), False), (("html",), True)])
def test_only_an_html_brief_renders_charts(con, warehouse_db, tmp_path, monkeypatch, formats, queued):
    seen = []
    monkeypatch.setattr(svg, "prefetch", seen.append)
    from bilateral.report import render_html

    monkeypatch.setattr(render_html, "to_svgs", lambda charts: {c.id: "<svg></svg>" for c in charts})
    brief_module.write_report("CHN", "BLR", tmp_path, db=warehouse_db, formats=formats, progress=False)
    assert bool(seen) == queued
