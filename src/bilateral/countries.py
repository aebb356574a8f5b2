"""A name, or a code in any scheme, and a year → one state identity: the public API.

``resolve``, ``lookup``, ``name_in`` and ``names_over`` answer from a
:class:`~bilateral.resolver.Resolver` built from an open warehouse's core
tables (``con``) or from the source files in a mirror, once per warehouse or
mirror, and kept between processes in the user cache. The parts live in
modules of one job each:

- :mod:`bilateral.identity`: :class:`State`, :class:`NameSpell`, the schemes
  and name normalisation;
- :mod:`bilateral.resolver`: resolution itself, over three reference tables;
- :mod:`bilateral.resolver_cache`: the pickled resolver and its cache key;
- :mod:`bilateral.sources.keys`: the resolver built from the states and
  codes sources, with which the sources key their own rows.

Only this module sits above the sources; the sources read
:mod:`bilateral.sources.keys`, so the two never import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from bilateral import resolver_cache
from bilateral.config import mirror_dir
from bilateral.identity import (MAX_NAME_LENGTH, OPEN_END, SCHEMES, NameSpell, State,  # noqa: F401 - the public names
                                check_length, normalise)
from bilateral.resolver import Resolver

if TYPE_CHECKING:  # pandas is imported where a lookup is made, not to resolve one name
    import pandas as pd


def _from_sources(mirror: str | None) -> Resolver:
    """Build from the mirror's source files (imports the sources, and so pandas, only when the cache has no resolver)."""
    from bilateral.sources.keys import build

    return build(mirror)


_FROM_WAREHOUSE: dict[tuple, Resolver] = {}


def resolver_from_warehouse(con) -> Resolver:
    """The resolver built from a warehouse's core tables (no source files
    needed), built once per warehouse file and build."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    built = con.execute("SELECT max(built_at) FROM _sources").fetchone()[0]
    key = (path, built)
    if key not in _FROM_WAREHOUSE:
        prints = con.execute("SELECT string_agg(fingerprint, ',' ORDER BY name) FROM _sources WHERE name IN ('states', 'codes')").fetchone()[0]
        _FROM_WAREHOUSE[key] = resolver_cache.cached(resolver_cache.cache_key("warehouse", str(prints)), lambda: Resolver(
            con.sql("SELECT * FROM core_states__cow_states").df(),
            con.sql("SELECT * FROM core_codes__codelist").df(),
            con.sql("SELECT * FROM core_states__cow_gw_years").df(),
        ))
    return _FROM_WAREHOUSE[key]


def get_resolver(mirror=None, con=None) -> Resolver:
    """The resolver from an open warehouse (``con``) or else from the mirror
    (or cache), built once per warehouse or mirror."""
    if con is not None:
        return resolver_from_warehouse(con)
    root = mirror_dir(mirror)
    return resolver_cache.from_mirror(str(root) if root else None, _from_sources)


def resolve(value: object, year: int | None = None, scheme: str | None = None, strict: bool = False, mirror=None, con=None) -> State:
    """The one state that ``value`` names (see :meth:`Resolver.resolve`)."""
    from bilateral import arguments

    check_length(value)  # before the resolver is built: no download for a name that cannot be one
    year = arguments.year(year)
    if scheme is not None:
        arguments.choice(scheme, "scheme", SCHEMES)
    return get_resolver(mirror, con).resolve(value, year=year, scheme=scheme, strict=strict)


def name_in(ccode: int, year: int, mirror=None, con=None) -> str:
    """The name of COW state ``ccode`` in ``year`` (see :meth:`Resolver.name_in`)."""
    return get_resolver(mirror, con).name_in(ccode, year)


def names_over(ccode: int, first: int, last: int, mirror=None, con=None) -> list[NameSpell]:
    """The names of COW state ``ccode`` over ``first``–``last`` (see :meth:`Resolver.names_over`)."""
    return get_resolver(mirror, con).names_over(ccode, first, last)


def lookup(values: Iterable, years: Iterable | None = None, scheme: str | None = None, errors: str = "null", mirror=None) -> pd.DataFrame:
    """Vectorised resolution to ``ccode`` and ``iso3`` (see :meth:`Resolver.lookup`)."""
    from bilateral import arguments

    arguments.choice(errors, "errors", ("null", "raise"))
    if scheme is not None:
        arguments.choice(scheme, "scheme", SCHEMES)
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise arguments.ArgumentError(f"values must be a list or column of names or codes, not {type(values).__name__}; "
                                      "for one name use bilateral.resolve().")
    return get_resolver(mirror).lookup(values, years=years, scheme=scheme, errors=errors)
