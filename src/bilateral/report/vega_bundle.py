"""The JavaScript that draws a brief's charts in the reader's browser: Vega,
Vega-Lite and vega-embed, bundled by vl-convert and inlined into the page.

vl-convert ships these libraries (the same releases it draws static SVGs
with), so the bundle needs no network and matches the specs the brief
writes. Bundling takes about 1.3 s, so the result is kept in the user cache
under ``<cache>/vega/<vl-convert version>/<FORMAT>.js`` and read back in a
millisecond; ``make setup`` builds it once. The text is checked each time it
is read, not only when built, since it goes into every interactive brief as
a script: it must define ``vegaEmbed``, and must hold nothing that would end
its script element early (``</script``) or open an HTML comment (``<!--``,
which can swallow the next script). A cached copy that fails the check, or a
cache folder that is not ours alone, is ignored and the bundle built afresh;
a cache folder that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bilateral.errors import BilateralError
from bilateral.paths import keep_in_cache, read_cached

#: Names the cached file: change it when what is stored changes (the wrapping below).
FORMAT = "vega-embed-iife-1"
_CLOSING_TAG = re.compile(r"</(script)", re.IGNORECASE)
_UNSAFE = re.compile(r"</script|<!--", re.IGNORECASE)


class BundleError(BilateralError):
    """vl-convert's bundle cannot be inlined into a page safely."""


@lru_cache(maxsize=1)
def bundle() -> str:
    """The bundle's text, safe to place inside a ``<script>`` element."""
    path = _cache_path()
    cached = read_cached(path)
    if cached is not None and _usable(cached):
        return cached
    text = _built()
    keep_in_cache(path, text)
    return text


def _built() -> str:
    import vl_convert

    # A literal "</script" would end the element early; "<\/script" means the same in JavaScript.
    # The bundle's top-level names stay inside a function; it sets window.vegaEmbed itself.
    text = "(function () {\n" + _CLOSING_TAG.sub(r"<\\/\1", vl_convert.javascript_bundle()) + "\n})();"
    if not _usable(text):
        raise BundleError("vl-convert's Vega bundle holds '<!--' or lacks vegaEmbed, so it cannot be inlined into "
                          "report.html safely; write the brief with --charts static (inline SVG) instead.")
    return text


def _usable(text: str) -> bool:
    return "window.vegaEmbed=" in text.replace(" ", "") and not _UNSAFE.search(text)


def _cache_path() -> Path:
    from importlib.metadata import version

    from bilateral.config import cache_dir

    return cache_dir() / "vega" / version("vl-convert-python") / f"{FORMAT}.js"


if __name__ == "__main__":  # `python -m bilateral.report.vega_bundle`: build the cached bundle (make setup)
    size = len(bundle())
    kept = read_cached(_cache_path()) is not None
    print(f"Vega bundle: {size:,} characters, {'kept in ' + str(_cache_path()) if kept else 'not cached (the cache folder cannot be written)'}")
