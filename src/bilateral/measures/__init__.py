"""Measures of each dimension of a relationship, computed for every dyad-year
so that ranks and percentiles mean something."""
