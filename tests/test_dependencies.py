"""The dependency list is exact (issue 11, architecture): every library the
package imports is declared, every declared library is imported, tools used
only by the tests stay in the ``test`` extra, and the version is written once.

Imports are read from the source with ``ast``; an import name is mapped to its
distribution with :func:`importlib.metadata.packages_distributions`.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Declared but imported by another library, not by our code, with the reason.
IMPORTED_BY_OTHERS = {"python-multipart": "fastapi parses form uploads with it"}
#: Test tools used without an import statement, with how they are used.
TEST_TOOLS_USED_INDIRECTLY = {"pytest": "runs the suite", "httpx": "fastapi.testclient runs on it",
                              "playwright": "pytest.importorskip('playwright.sync_api') in test_web_browser",
                              "pyspark": "the spark engine in test_events_spark (pytest.importorskip)"}


def _name(requirement: str) -> str:
    """``"duckdb>=1.4,<2"`` -> ``"duckdb"``, normalised as PEP 503 does."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group(0)).lower()


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _imported(folder: Path) -> set[str]:
    """Distributions of the third-party modules imported anywhere under ``folder``."""
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    local = {p.stem for p in folder.glob("*.py")} | {"bilateral"}
    third_party = modules - set(sys.stdlib_module_names) - local
    owners = packages_distributions()
    return {_name(owners.get(module, [module])[0]) for module in third_party}


def test_every_import_of_the_package_is_declared_and_every_dependency_imported(project):
    declared = {_name(r) for r in project["dependencies"]}
    optional = {_name(r) for extra, reqs in project["optional-dependencies"].items() if extra != "test" for r in reqs}
    imported = _imported(ROOT / "src" / "bilateral")
    assert imported - declared - optional == set(), "imported but not declared"
    assert declared - imported - set(IMPORTED_BY_OTHERS) == set(), "declared but never imported"


def test_test_tools_are_used_by_the_tests_and_not_by_the_package(project):
    tools = {_name(r) for r in project["optional-dependencies"]["test"]}
    used = _imported(ROOT / "tests") | _imported(ROOT / "benchmarks")
    spark = {_name(r) for r in project["optional-dependencies"].get("spark", [])}
    assert tools - used - set(TEST_TOOLS_USED_INDIRECTLY) == set(), "test tools no test uses"
    assert {"openpyxl", "altair"} <= tools and not {"openpyxl", "altair"} & _imported(ROOT / "src" / "bilateral")
    assert not (tools - spark) & {_name(r) for r in project["dependencies"]}, "a test tool is also a runtime dependency"


def test_the_version_is_written_once(project):
    import bilateral

    assert "version" not in project and "version" in project["dynamic"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "bilateral.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", bilateral.__version__)
    written = [str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py") if re.search(r"^__version__\s*=", p.read_text(), re.M)]
    assert written == ["src/bilateral/__init__.py"]
