"""Jinja2 environments for the HTML the package writes (the brief, the
checked article): templates in a package's ``templates/`` folder, every
value autoescaped, an undefined name an error rather than an empty string.
A leaf module: it imports no layer of the package."""

from __future__ import annotations

from functools import cache
from typing import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined


@cache
def environment(package: str) -> Environment:
    """The environment over ``<package>/templates`` (one per package, kept).
    Block tags on lines of their own leave no blank lines behind."""
    env = Environment(loader=PackageLoader(package, "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined)
    env.filters["safe_url"] = safe_url
    return env


def with_filters(package: str, filters: dict[str, Callable]) -> Environment:
    """:func:`environment`, with the package's own filters added."""
    env = environment(package)
    env.filters.update(filters)
    return env


def safe_url(value) -> str:
    """A link target only if it is http(s); else '#' (no javascript: or data: links from a data file)."""
    text = str(value or "").strip()
    return text if text.startswith(("https://", "http://")) else "#"
