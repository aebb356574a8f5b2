"""Documentation that must match the code."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.sources.catalogue import render

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_sources_doc_is_current():
    assert (DOCS / "sources.md").read_text() == render(), "run: python -m bilateral.sources.catalogue > docs/sources.md"


def test_sources_doc_states_the_known_gaps():
    text = (DOCS / "sources.md").read_text()
    for gap in ("unxml (September 2019 to June 2026) holds adopted resolutions only", "Dyadic trade ends in 2020", "Alliances (ATOP) end in 2018", "end in 2018"):
        assert gap in text


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for command in (["data", "build"], ["data", "status"], ["data", "validate"], ["country"], ["report"], ["measures"], ["partners"], ["explain"], ["check"], ["serve"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example: bilateral" in result.output, command
