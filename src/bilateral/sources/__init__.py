"""The registry of sources: one module per public dataset.

Each module in :data:`MODULES` defines ``SOURCE`` (see :mod:`.base`). The
registry is the list of names; everything else (table names, cache paths,
citation keys) derives from each source's declaration.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from bilateral.sources.base import DataFile, Provenance, Source, Table

#: Build order matters only in that ``states`` and ``codes`` come first: the
#: country resolver that other modules use to key their rows reads them.
MODULES = (
    "states",
    "codes",
    "unvotes",
    "unxml",
    "voeten",
    "cow_trade",
    "cow_trade_state",
    "imf_dots",
    "cow_igo",
    "atop",
    "nmc",
    "geography",
    "democracy",
    "rivalries",
    "majors",
    "sipri",
    "chinavitae",
    "china_finance",
    "openalex",
    "ledger",
)


def registered() -> list[tuple[str, Source]]:
    """(module name, source) for every registered source, in build order."""
    return [(f"bilateral.sources.{name}", import_module(f"bilateral.sources.{name}").SOURCE) for name in MODULES]


@cache
def all_sources() -> tuple[Source, ...]:
    """Every registered source, in build order."""
    return tuple(source for _, source in registered())


def get_source(name: str) -> Source:
    """The source called ``name``, with a helpful error if there is none."""
    for source in all_sources():
        if source.name == name:
            return source
    known = ", ".join(s.name for s in all_sources())
    raise KeyError(f"no source {name!r}; known sources: {known}")


__all__ = ["DataFile", "Provenance", "Source", "Table", "all_sources", "get_source", "registered", "MODULES"]
