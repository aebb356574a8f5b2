"""The Vega bundle an interactive brief inlines (bilateral.report.vega_bundle):
built by vl-convert once, kept in the user cache and read back without it,
never able to close its script element early, and a cache folder that cannot
be written skipped."""

from __future__ import annotations

import pytest

from bilateral.report import vega_bundle


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache and no bundle remembered by this process; vl-convert's bundler stubbed (it takes a second)."""
    import vl_convert

    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    vega_bundle.bundle.cache_clear()
    calls = []

    def bundler():
        calls.append(1)
        return 'window.vegaEmbed = 1; const s = "</script>"; const t = "</SCRIPT >";'

    monkeypatch.setattr(vl_convert, "javascript_bundle", bundler)
    yield calls
    vega_bundle.bundle.cache_clear()


def test_the_bundle_cannot_end_its_script_element(fresh):
    text = vega_bundle.bundle()
    assert "</script" not in text.lower()
    assert text == 'window.vegaEmbed = 1; const s = "<\\/script>"; const t = "<\\/SCRIPT >";'  # the same strings in JavaScript


def test_the_bundle_is_built_once_and_read_back_from_the_cache(fresh, tmp_path):
    first = vega_bundle.bundle()
    kept = list((tmp_path / "cache" / "vega").rglob("vega-embed.js"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
    vega_bundle.bundle.cache_clear()  # a new process: only the disk remembers
    assert vega_bundle.bundle() == first and fresh == [1]


def test_a_cache_folder_that_cannot_be_written_is_skipped(fresh, tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BILATERAL_CACHE", str(blocker / "cache"))
    assert "vegaEmbed" in vega_bundle.bundle()
    assert blocker.read_text() == "not a folder" and sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_the_real_bundle_defines_vega_embed():
    """vl-convert's own bundle (from the user cache after the first time) exports what brief_charts.js calls."""
    text = vega_bundle.bundle()
    assert "window.vegaEmbed=" in text.replace(" ", "") and "</script" not in text.lower()
