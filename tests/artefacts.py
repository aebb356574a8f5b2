"""Where the browser tests put their screenshots, for a person to look at:
``$BILATERAL_ARTEFACTS`` when set, else ``out/test-artifacts`` in the
repository (``out/`` is ignored by git and holds nothing but build output),
never beside the code. One copy, imported by both browser tests."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "out" / "test-artifacts"


def artefacts() -> Path:
    """The screenshot folder, created if needed."""
    folder = Path(os.environ.get("BILATERAL_ARTEFACTS", DEFAULT))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
