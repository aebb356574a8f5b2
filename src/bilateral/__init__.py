"""bilateral: measure and explain the relations between two states from open data.

The Python API returns pandas DataFrames::

    import bilateral
    con = bilateral.connect()                      # builds the warehouse if needed
    dyads = bilateral.create_dyadyears(con, years=(1992, 2014))
    dyads = bilateral.add_trade(dyads, con)
    bilateral.resolve("Byelorussia")               # State(ccode=370, iso3='BLR', ...)
"""

from importlib import import_module

# Imported on first use, so that a command that needs one part (``bilateral
# check``, ``bilateral country``) does not pay for scipy and statsmodels.
_LAZY = {
    "lookup": "bilateral.countries", "resolve": "bilateral.countries",
    "add_alliances": "bilateral.dyads", "add_distance": "bilateral.dyads", "add_ideal_points": "bilateral.dyads",
    "add_igos": "bilateral.dyads", "add_trade": "bilateral.dyads", "create_dyadyears": "bilateral.dyads",
    "build": "bilateral.warehouse", "connect": "bilateral.warehouse", "status": "bilateral.warehouse",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "add_alliances",
    "add_distance",
    "add_ideal_points",
    "add_igos",
    "add_trade",
    "build",
    "connect",
    "create_dyadyears",
    "lookup",
    "resolve",
    "status",
]
