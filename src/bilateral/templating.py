"""Jinja2 environments for the HTML the package writes (the brief, the
checked article): templates in a package's ``templates/`` folder, every
value autoescaped, an undefined name an error rather than an empty string.
It imports no layer of the package (only ``bilateral.config`` and ``bilateral.paths``, leaves too).

Compiling the brief's templates costs a tenth of a second in every new
process, so their compiled code is kept in the user cache. Jinja2 keys each
file on the template's name and checks its source, but not the environment's
options, so the folder is named after those options and Jinja2's version:
``<cache>/jinja/<hash>``. It is created private (mode 0700), as Jinja2's own
default folder is, since the files are loaded as code; a cache folder that
cannot be created or written is skipped, never an error."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Callable

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined


@cache
def environment(package: str) -> Environment:
    """The environment over ``<package>/templates`` (one per package, kept).
    Block tags on lines of their own leave no blank lines behind."""
    env = Environment(loader=PackageLoader(package, "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined)
    env.bytecode_cache = _bytecode_cache(env)
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


def _bytecode_cache(env: Environment) -> FileSystemBytecodeCache | None:
    from bilateral.config import cache_dir
    from bilateral.paths import private_folder

    options = repr((jinja2.__version__, env.trim_blocks, env.lstrip_blocks, getattr(env.autoescape, "__qualname__", env.autoescape), env.undefined.__name__,
                    sorted(env.extensions), env.block_start_string, env.variable_start_string, env.comment_start_string))
    folder = cache_dir() / "jinja" / hashlib.sha256(options.encode()).hexdigest()[:16]
    if not private_folder(folder):
        return None  # unwritable, or another user's folder: its files would run as our code
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
