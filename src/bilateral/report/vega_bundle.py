"""The JavaScript that draws a brief's charts in the reader's browser: Vega,
Vega-Lite and vega-embed, bundled by vl-convert and inlined into the page.

vl-convert ships these libraries (the same releases it draws static SVGs
with), so the bundle needs no network and matches the specs the brief
writes. Bundling takes about 1.3 s, so the result is kept in the user cache
under ``<cache>/vega/<vl-convert version>/vega-embed.js`` and read back in a
millisecond; ``make setup`` builds it once. A cache folder that cannot be
written is skipped, never an error: the bundle is then built in each process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bilateral.paths import keep_in_cache

_NAME = "vega-embed.js"
_CLOSING_TAG = re.compile(r"</(script)", re.IGNORECASE)


@lru_cache(maxsize=1)
def bundle() -> str:
    """The bundle's text, safe to place inside a ``<script>`` element."""
    path = _cache_path()
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    import vl_convert

    # A literal "</script" would end the element early; "<\/script" means the same in JavaScript.
    text = _CLOSING_TAG.sub(r"<\\/\1", vl_convert.javascript_bundle())
    keep_in_cache(path, text)
    return text


def _cache_path() -> Path:
    from importlib.metadata import version

    from bilateral.config import cache_dir

    return cache_dir() / "vega" / version("vl-convert-python") / _NAME


if __name__ == "__main__":  # `python -m bilateral.report.vega_bundle`: build the cached bundle (make setup)
    print(f"{len(bundle()):,} characters in {_cache_path()}")
