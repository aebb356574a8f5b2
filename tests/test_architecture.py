"""The import graph runs one way and has no cycle (issue 11, architecture), checked with grimp.

Layers, lowest first: a layer may import the layers below it, never one
above. ``KNOWN`` lists the upward imports still to be removed (each named in
issue 11); the test fails on any new one, and also when a known one is
fixed, so that the list only ever shrinks.
"""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest

#: Lowest first; each entry is a module or a package with its submodules.
LAYERS = (
    "bilateral.sources",
    "bilateral.countries",
    "bilateral.dyads",
    "bilateral.events",
    "bilateral.measures",
    "bilateral.out_tables",
    "bilateral.warehouse",
    "bilateral.explain",
    "bilateral.report",
    "bilateral.claims",
    "bilateral.web",
    "bilateral.cli",
)

#: Upward imports still present, each a named item of issue 11's architecture list (none left).
KNOWN: set[tuple[str, str]] = set()

SRC = Path(__file__).resolve().parents[1] / "src" / "bilateral"


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("bilateral")


def test_no_layer_imports_a_layer_above_it(graph):
    upward = set()
    for low, lower in enumerate(LAYERS):
        for higher in LAYERS[low + 1:]:
            if graph.direct_import_exists(importer=lower, imported=higher, as_packages=True):
                upward.add((lower, higher))
    assert upward - KNOWN == set(), "new upward imports"
    assert KNOWN - upward == set(), "fixed: remove these from KNOWN"


def _cyclic_imports(graph) -> set[tuple[str, str]]:
    """Every direct import ``a -> b`` that lies on a cycle: ``b`` leads back to ``a``.

    Module by module, not package by package; grimp counts imports inside
    functions too, so a lazy import cannot hide a cycle."""
    return {(importer, imported) for importer in graph.modules for imported in graph.find_modules_directly_imported_by(importer)
            if graph.chain_exists(importer=imported, imported=importer)}


def test_the_cycle_check_finds_a_cycle():
    """The check below can fail: a small graph with one cycle (a -> b -> c -> a) and one edge off it."""
    small = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        small.add_import(importer=importer, imported=imported)
    assert _cyclic_imports(small) == {("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a")}


def test_the_import_graph_has_no_cycle(graph):
    assert sorted(_cyclic_imports(graph)) == []


def test_every_module_belongs_to_a_layer_or_is_a_leaf(graph):
    """Modules outside the layers (errors, config, constants, ...) import no layer."""
    leaves = [m for m in graph.modules if m.count(".") == 1 and not any(m == layer or m.startswith(layer + ".") for layer in LAYERS)
              and m != "bilateral"]
    for leaf in leaves:
        imported = {i for i in graph.find_modules_directly_imported_by(leaf)}
        reaching = sorted(i for i in imported if any(i == layer or i.startswith(layer + ".") for layer in LAYERS[2:]))
        assert not reaching, (leaf, reaching)


def test_china_s_cow_number_is_declared_once():
    declared = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if re.search(r"^\s*CHINA\s*=\s*710\b", p.read_text(), re.M)]
    assert declared == ["constants.py"]
    typed = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if p.name != "constants.py" and re.search(r"[=!]=\s*710\b", p.read_text())]
    assert typed == []


def test_a_dyad_row_is_oriented_to_a_and_b_in_one_place():
    """Which column of a pair is A's is said by measures.catalog (side_sql and
    the catalog's sides), not typed again as CASE WHEN ccode1 = … in each query."""
    pattern = re.compile(r"CASE\s+WHEN\s+ccode1\s*=\s*[${]", re.I)  # a bound parameter, or a placeholder for one
    typed = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if pattern.search(p.read_text())]
    assert typed == ["measures/catalog.py"]


#: Modules that once typed a source's coverage years again (issue 11, facts declared once).
READS_COVERAGE = ("dyads.py", "out_tables.py", "measures/military.py", "measures/political.py", "measures/trade.py",
                  "identity.py", "resolver.py")


@pytest.mark.parametrize("module", READS_COVERAGE)
def test_coverage_years_are_read_from_the_sources_provenance(module):
    """No year typed in code (docstrings and comments aside): coverage comes from each source's provenance."""
    import ast

    tree = ast.parse((SRC / module).read_text())
    years = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and type(node.value) is int and 1800 <= node.value <= 2100]
    sql_years = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and re.search(r"(range\(|>=|<=|BETWEEN)\s*(18|19|20)\d\d\b", node.value)]
    assert years == [] and sql_years == [], (module, years, sql_years)
