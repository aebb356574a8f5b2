"""The compiled-template cache (bilateral.templating): kept per set of
environment options, private, and never an error."""

from __future__ import annotations

import os

from jinja2 import DictLoader, Environment

from bilateral import templating


def _env(**options) -> Environment:
    return Environment(loader=DictLoader({"t.html": "{% if 1 %}\nX\n{% endif %}\n"}), **options)


def test_other_options_use_another_folder_so_no_stale_code_is_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    trimmed, kept = _env(trim_blocks=True), _env(trim_blocks=False)
    trimmed.bytecode_cache, kept.bytecode_cache = templating._bytecode_cache(trimmed), templating._bytecode_cache(kept)
    assert trimmed.bytecode_cache.directory != kept.bytecode_cache.directory
    assert trimmed.get_template("t.html").render() == "X\n"
    assert kept.get_template("t.html").render() == "\nX\n"  # not the trimmed code from the cache
    again = _env(trim_blocks=True)
    again.bytecode_cache = templating._bytecode_cache(again)
    assert again.bytecode_cache.directory == trimmed.bytecode_cache.directory
    assert os.listdir(trimmed.bytecode_cache.directory), "the compiled template was not kept"
    assert again.get_template("t.html").render() == "X\n"


def test_the_cache_folder_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    folder = templating._bytecode_cache(_env()).directory
    assert os.stat(folder).st_mode & 0o777 == 0o700


def test_a_cache_that_cannot_be_created_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BILATERAL_CACHE", str(blocker))
    assert templating._bytecode_cache(_env()) is None
