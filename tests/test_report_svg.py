"""Static charts for the HTML brief (bilateral.report.svg): SVGs kept in the
user cache and read back without vl-convert, a cache that cannot be written
skipped, the least recently used pruned, and SVGs drawn only for a static
HTML brief (an interactive one leaves its charts to the browser)."""

from __future__ import annotations

import os

import pytest

from bilateral.report import brief as brief_module
from bilateral.report import svg
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


@pytest.mark.slow
@pytest.mark.parametrize("formats, charts, drawn", [(("json", "md"), "static", False), (("html",), "interactive", False),
                                                    (("html",), "static", True)])
def test_only_a_static_html_brief_draws_svgs(warehouse_db, tmp_path, monkeypatch, formats, charts, drawn):
    seen = []
    monkeypatch.setattr(svg, "to_svgs", lambda charts: seen.extend(charts) or {c.id: "<svg></svg>" for c in charts})
    brief_module.write_report("CHN", "BLR", tmp_path, db=warehouse_db, formats=formats, progress=False, charts=charts)
    assert bool(seen) == drawn
    if drawn:
        assert (tmp_path / "report.html").read_text(encoding="utf-8").count("<svg></svg>") == len(seen) >= 10
