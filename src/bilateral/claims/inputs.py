"""The text to check: read a file, standard input or a URL, and turn HTML or
Markdown into plain text whose character offsets the claims refer to.

HTML goes through trafilatura (the article's main text, without menus and
footers), with BeautifulSoup's text as the fallback when trafilatura finds no
main text. A URL is fetched with trafilatura's own fetcher. Markdown keeps its
words and loses its markup, so that offsets point into readable prose.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bilateral.errors import BilateralError

#: Longer texts are refused: the checker is for articles, not books.
MAX_BYTES = 1_000_000


class ClaimInputError(BilateralError):
    """Text the checker cannot read: empty, binary, too long or unreachable."""


@dataclass
class Document:
    """Plain text to check, with where it came from and what it was."""

    text: str
    origin: str
    format: str  # text, markdown or html


def read_source(source: str | Path, allow_private: bool = False) -> Document:
    """A file path, '-' (standard input) or an http(s) URL → a Document.

    URLs that resolve to loopback or private addresses are refused unless
    ``allow_private`` (trafilatura's SSRF protection): a server that checks
    URLs for others, like the web app, must never reach its own network.
    """
    name = str(source)
    if re.match(r"https?://", name):
        return _from_bytes(_fetch(name, allow_private), name, hint="html")
    if name == "-":
        return _from_bytes(sys.stdin.buffer.read(), "<stdin>")
    path = Path(name)
    if not path.is_file():
        raise ClaimInputError(f"{name}: no such file. Give a text, Markdown or HTML file, '-' for standard input, or a URL.")
    if path.stat().st_size > MAX_BYTES:
        raise ClaimInputError(f"{name}: {path.stat().st_size:,} bytes is over the {MAX_BYTES:,}-byte limit; check one article at a time.")
    return _from_bytes(path.read_bytes(), name, hint=_hint(path))


def document_from_text(text: str, origin: str = "<text>", format: str | None = None) -> Document:
    """A Document from a string already in memory (the Python API and the web page)."""
    return _from_bytes(text.encode("utf-8"), origin, hint=format)


def _hint(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(suffix)


def _fetch(url: str, allow_private: bool = False) -> bytes:
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    try:
        downloaded = trafilatura.fetch_url(url, config=config)
    except Exception as exc:  # trafilatura wraps urllib3's errors inconsistently
        raise ClaimInputError(f"{url}: could not fetch ({exc}). Check the address, or save the page and check the file.") from None
    if downloaded is None:
        raise ClaimInputError(f"{url}: could not fetch the page (offline, a private address, or the server refused). Save the page and check the file instead.")
    return downloaded.encode("utf-8") if isinstance(downloaded, str) else downloaded


def _from_bytes(data: bytes, origin: str, hint: str | None = None) -> Document:
    if len(data) > MAX_BYTES:
        raise ClaimInputError(f"{origin}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit; check one article at a time.")
    if b"\x00" in data[:8192]:
        raise ClaimInputError(f"{origin}: looks binary (it holds NUL bytes); give plain text, Markdown or HTML.")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimInputError(f"{origin}: not UTF-8 text (byte {exc.start}); save it as UTF-8 text, Markdown or HTML.") from None
    if not raw.strip():
        raise ClaimInputError(f"{origin}: the text is empty; there is nothing to check.")
    fmt = hint or _sniff(raw)
    if fmt == "html":
        text = html_to_text(raw)
    elif fmt == "markdown":
        text = markdown_to_text(raw)
    else:
        text = raw
    if not text.strip():
        raise ClaimInputError(f"{origin}: no readable text found in the {fmt}; there is nothing to check.")
    return Document(text=text, origin=origin, format=fmt)


def _sniff(raw: str) -> str:
    head = raw.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|article|body)\b", head):
        return "html"
    if re.search(r"^#{1,6} |\*\*|\]\(", raw[:5000], flags=re.MULTILINE):
        return "markdown"
    return "text"


def html_to_text(html: str) -> str:
    """The main text of an HTML page: trafilatura, else BeautifulSoup's text."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if text and len(text.split()) >= 20:
        return text
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    blocks = [b.get_text(" ", strip=True) for b in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "blockquote"])]
    return "\n".join(b for b in blocks if b) or soup.get_text("\n", strip=True)


def markdown_to_text(markdown: str) -> str:
    """Markdown without its markup: headings, emphasis, links, images, code fences."""
    text = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text
