"""The five dimensions every measure and the composite index belong to: a leaf module.

Apart from :mod:`bilateral.measures.catalog` because the catalog asks the
index which measures it uses (``index_measures``) while the index weighs these
dimensions; both read them from here, so neither imports the other back
(issue 11: no import cycle).
"""

DIMENSIONS = ("alignment", "economic", "military", "political", "science")
