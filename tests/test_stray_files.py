"""Tests write nothing beside the code (issue 11, "stray files"): the browser
tests' screenshots go under ``out/`` (ignored by git) unless
``$BILATERAL_ARTEFACTS`` names another folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", ["test_report_browser", "test_web_browser"])
def test_browser_screenshots_go_under_out(module, monkeypatch):
    monkeypatch.delenv("BILATERAL_ARTEFACTS", raising=False)
    folder = pytest.importorskip(module).artefacts()
    assert folder.resolve().is_relative_to(REPO / "out"), folder


def test_a_screenshot_folder_can_be_given(tmp_path, monkeypatch):
    from artefacts import artefacts

    monkeypatch.setenv("BILATERAL_ARTEFACTS", str(tmp_path / "shots"))
    assert artefacts() == tmp_path / "shots" and (tmp_path / "shots").is_dir()
