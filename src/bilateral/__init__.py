"""bilateral: measure and explain the relations between two states from open data.

The Python API returns pandas DataFrames::

    import bilateral
    con = bilateral.connect()                      # builds the warehouse if needed
    dyads = bilateral.create_dyadyears(con, years=(1992, 2014))
    dyads = bilateral.add_trade(dyads, con)
    bilateral.resolve("Byelorussia")               # State(ccode=370, iso3='BLR', ...)
"""

from bilateral.countries import lookup, resolve
from bilateral.dyads import add_alliances, add_distance, add_ideal_points, add_igos, add_trade, create_dyadyears
from bilateral.warehouse import build, connect, status

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
