"""The resolver kept between processes: pickled in the user cache under a key
made from the code and reference files it is built from.

Building a :class:`~bilateral.resolver.Resolver` reads the source files with
pandas (about a second); loading the pickle takes milliseconds, so
``bilateral country`` starts fast. Whoever knows how to build one passes the
builder in (:func:`cached`, :func:`from_mirror`), so this module imports no
layer: the sources (:mod:`bilateral.sources.keys`) and the public API
(:mod:`bilateral.countries`) share it, and one resolver per mirror per process.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable

from bilateral.resolver import Resolver

#: The modules and files a resolver is built from, relative to the package:
#: a change to any of them makes a new cache key (see :func:`cached`).
BUILT_FROM = ("identity.py", "resolver.py", "resolver_cache.py", "sources/keys.py", "sources/states.py", "sources/codes.py",
              "sources/readers.py", "sources/base.py", "sources/datafile.py")

_BY_MIRROR: dict[str | None, Resolver] = {}


def cache_key(*parts: str) -> str:
    """A digest of the resolver's code, reference tables and ``parts``, read
    from the files themselves (nothing is imported to compute it)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256("\0".join(parts).encode())
    package = Path(__file__).parent
    for name in BUILT_FROM:
        digest.update((package / name).read_bytes())
    for table in sorted((resources.files("bilateral") / "data").iterdir(), key=lambda t: t.name):
        if table.name.endswith(".tsv"):
            digest.update(table.read_bytes())
    digest.update(version("country_converter").encode())
    return digest.hexdigest()[:32]


def cached(key: str, build: Callable[[], Resolver]) -> Resolver:
    """The resolver pickled under ``key`` in the user cache, else ``build()``
    (then stored). A cache that cannot be read or written is simply skipped."""
    import pickle

    from bilateral.config import cache_dir
    from bilateral.paths import keep_in_cache, read_cached

    path = cache_dir() / "resolver" / f"{key}.pickle"
    data = read_cached(path, binary=True)  # a pickle runs as code: read only from a folder that is ours alone
    if data is not None:
        try:
            resolver = pickle.loads(data)
            if isinstance(resolver, Resolver):
                return resolver
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, IndexError):
            pass
    resolver = build()
    keep_in_cache(path, pickle.dumps(resolver, protocol=pickle.HIGHEST_PROTOCOL))
    return resolver


def from_mirror(mirror: str | None, build: Callable[[str | None], Resolver]) -> Resolver:
    """The resolver of the source files in ``mirror`` (None: the download
    cache), once per process: from the pickle when there is one, else
    ``build(mirror)``."""
    if mirror not in _BY_MIRROR:
        _BY_MIRROR[mirror] = cached(cache_key("mirror", str(mirror)), lambda: build(mirror))
    return _BY_MIRROR[mirror]
