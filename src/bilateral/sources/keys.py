"""Key a source's rows with COW numbers: the resolver built from the states
and codes sources' own files.

Sources that publish names or other codes (SIPRI, the UN votes, OpenAlex,
the ledger, ...) clean their rows to ``ccode`` with :func:`lookup`. The
resolver it uses is built here, inside the sources layer, from
:mod:`bilateral.sources.states` and :mod:`bilateral.sources.codes`, and
shared with the public API (:mod:`bilateral.countries`) through
:mod:`bilateral.resolver_cache`, so the sources never import a layer above
them.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from bilateral import resolver_cache
from bilateral.config import mirror_dir
from bilateral.resolver import Resolver


def build(mirror: str | None) -> Resolver:
    """A resolver from the COW states, the code list and the COW–GW years in ``mirror``."""
    from bilateral.sources.codes import SOURCE as codes
    from bilateral.sources.states import SOURCE as states

    return Resolver(
        states.load("cow_states", mirror=mirror),
        codes.load("codelist", mirror=mirror),
        states.load("cow_gw_years", mirror=mirror),
    )


def resolver(mirror=None) -> Resolver:
    """The resolver of ``mirror`` (else the mirror of the build in progress,
    else ``$BILATERAL_MIRROR``, else the download cache), once per process."""
    root = mirror_dir(mirror)
    return resolver_cache.from_mirror(str(root) if root else None, build)


def lookup(values: Iterable, years: Iterable | None = None, scheme: str | None = None, errors: str = "null", mirror=None) -> pd.DataFrame:
    """``ccode`` and ``iso3`` for each value (and year), aligned with the input
    (see :meth:`bilateral.resolver.Resolver.lookup`); unmatched values are NULL."""
    return resolver(mirror).lookup(values, years=years, scheme=scheme, errors=errors)
