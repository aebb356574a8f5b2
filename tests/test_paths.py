"""Atomic writes and the user cache's private folders (bilateral.paths): a
file is replaced whole or not at all, a cache folder that another user could
write is neither read nor written, and the resolver's pickle, which runs as
code when loaded, is read only from such a folder of our own."""

from __future__ import annotations

import stat

import pytest

from bilateral import paths, resolver_cache


def test_a_write_replaces_the_file_whole_with_the_mode_asked(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    paths.write_atomically(target, "new text")
    paths.write_atomically(tmp_path / "cache.bin", b"\x00\x01", mode=0o600)
    assert target.read_text() == "new text" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "cache.bin").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.bin", "report.md"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old")
    monkeypatch.setattr(paths.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError, match="No space"):
        paths.write_atomically(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_only_a_folder_of_our_own_that_no_one_else_can_write_is_private(tmp_path):
    mine = tmp_path / "a" / "b"
    assert paths.private_folder(mine) and stat.S_IMODE(mine.stat().st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    (shared / "x.svg").write_text("<svg onload='steal()'/>")
    assert not paths.private_folder(shared)
    assert paths.read_cached(shared / "x.svg") is None
    paths.keep_in_cache(shared / "y.svg", "<svg/>")
    assert not (shared / "y.svg").exists()
    a_file = tmp_path / "file"
    a_file.write_text("not a folder")
    assert not paths.private_folder(a_file / "sub") and paths.read_cached(a_file / "sub" / "x") is None


def test_a_resolver_pickle_in_a_shared_folder_is_not_loaded(tmp_path, monkeypatch):
    import pickle

    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path))
    folder = tmp_path / "resolver"
    folder.mkdir()
    folder.chmod(0o777)
    (folder / "k.pickle").write_bytes(pickle.dumps("planted"))
    built = []
    sentinel = object.__new__(resolver_cache.Resolver)
    assert resolver_cache.cached("k", lambda: built.append(1) or sentinel) is sentinel and built == [1]
    folder.chmod(0o700)
    (folder / "k.pickle").unlink()
    assert resolver_cache.cached("k", lambda: built.append(2) or sentinel) is sentinel  # stored now
    assert isinstance(resolver_cache.cached("k", lambda: built.append(3)), resolver_cache.Resolver) and built == [1, 2]
