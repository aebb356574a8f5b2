"""Jinja2 environments for the HTML the package writes (the brief, the
checked article): templates in a package's ``templates/`` folder, every
value autoescaped, an undefined name an error rather than an empty string.
A leaf module: it imports no layer of the package.

Compiling the brief's templates costs a tenth of a second in every new
process, so their compiled code is kept in the user cache (``<cache>/jinja``,
keyed by Jinja2 on each template's name and source); a cache folder that
cannot be written is skipped, never an error."""

from __future__ import annotations

from functools import cache
from typing import Callable

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined


@cache
def environment(package: str) -> Environment:
    """The environment over ``<package>/templates`` (one per package, kept).
    Block tags on lines of their own leave no blank lines behind."""
    env = Environment(loader=PackageLoader(package, "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined, bytecode_cache=_bytecode_cache())
    env.filters["safe_url"] = safe_url
    return env


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja2's file cache, but a file that cannot be read or written only means compiling again."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    from bilateral.config import cache_dir  # a leaf module too

    folder = cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def with_filters(package: str, filters: dict[str, Callable]) -> Environment:
    """:func:`environment`, with the package's own filters added."""
    env = environment(package)
    env.filters.update(filters)
    return env


def safe_url(value) -> str:
    """A link target only if it is http(s); else '#' (no javascript: or data: links from a data file)."""
    text = str(value or "").strip()
    return text if text.startswith(("https://", "http://")) else "#"
