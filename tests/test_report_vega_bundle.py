"""The Vega bundle an interactive brief inlines (bilateral.report.vega_bundle):
built by vl-convert once, kept in the user cache and read back without it,
never able to close its script element early or open a comment, checked
again when read from the cache, and a cache folder that cannot be written,
or is not ours alone, skipped."""

from __future__ import annotations

import re

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
    assert text == '(function () {\nwindow.vegaEmbed = 1; const s = "<\\/script>"; const t = "<\\/SCRIPT >";\n})();'  # the same strings


def test_a_bundle_that_would_open_a_comment_is_refused_with_a_way_out(fresh, monkeypatch):
    import vl_convert

    monkeypatch.setattr(vl_convert, "javascript_bundle", lambda: 'window.vegaEmbed = 1; const s = "<!--";')
    with pytest.raises(vega_bundle.BundleError, match="--charts static"):
        vega_bundle.bundle()


@pytest.mark.parametrize("planted", ["alert(1)</script><script>steal()", "", "window.vegaEmbed=1; <!-- <script>", b"\xff\xfe"])
def test_a_cached_bundle_that_fails_the_check_is_built_afresh(fresh, tmp_path, planted):
    path = vega_bundle._cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(planted if isinstance(planted, bytes) else planted.encode())
    assert "vegaEmbed = 1" in vega_bundle.bundle() and fresh == [1]
    assert "vegaEmbed = 1" in path.read_text(encoding="utf-8")  # the bad copy replaced


def test_a_cache_folder_writable_by_others_is_neither_read_nor_written(fresh, tmp_path):
    path = vega_bundle._cache_path()
    path.parent.mkdir(parents=True)
    path.write_text("(function () {\nwindow.vegaEmbed = 'planted';\n})();")
    path.parent.chmod(0o777)
    assert "vegaEmbed = 1" in vega_bundle.bundle() and fresh == [1]
    assert "planted" in path.read_text()  # not trusted, not overwritten either


def test_the_bundle_is_built_once_and_read_back_from_the_cache(fresh, tmp_path):
    first = vega_bundle.bundle()
    kept = list((tmp_path / "cache" / "vega").rglob("*.js"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
    vega_bundle.bundle.cache_clear()  # a new process: only the disk remembers
    assert vega_bundle.bundle() == first and fresh == [1]


def test_a_cache_folder_that_cannot_be_written_is_skipped(fresh, tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BILATERAL_CACHE", str(blocker / "cache"))
    assert "vegaEmbed" in vega_bundle.bundle()
    assert blocker.read_text() == "not a folder" and sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_the_real_bundle_defines_vega_embed(tmp_path, monkeypatch):
    """vl-convert's own bundle, built here (about a second), exports what brief_charts.js calls and inlines safely."""
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    vega_bundle.bundle.cache_clear()
    try:
        text = vega_bundle.bundle()
    finally:
        vega_bundle.bundle.cache_clear()
    assert "window.vegaEmbed=" in text.replace(" ", "") and not re.search(r"</script|<!--", text, re.I)
    assert text.startswith("(function () {") and text.endswith("})();")
