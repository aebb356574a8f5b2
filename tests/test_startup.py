"""Startup cost (issue 11, defect 6): a command imports only what it uses.

``bilateral country`` answers from a cached resolver without pandas, and
the explain layer does not import scipy.stats, ruptures, statsmodels,
requests or pyreadr until a computation needs them. Checked by the modules
a fresh process has loaded, which does not depend on the machine's load;
``benchmarks/cli.py`` measures the times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("pandas", "numpy", "scipy", "scipy.stats", "statsmodels", "ruptures", "pyreadr", "xarray", "requests", "vl_convert", "altair")

_PROBE = textwrap.dedent("""
    import json, sys
    from bilateral.cli import app
    try:
        app(sys.argv[1:], standalone_mode=False)
    except SystemExit:
        pass
    heavy = %r
    print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
""") % (HEAVY,)


def _loaded(args: list[str], env: dict) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_country_and_a_bad_name_load_no_heavy_library(mirror, tmp_path):
    env = {**os.environ, "BILATERAL_CACHE": str(tmp_path / "cache")}
    _loaded(["country", "BLR", "--mirror", str(mirror)], env)  # the first run builds the cached resolver
    assert _loaded(["country", "BLR", "--mirror", str(mirror)], env) == []
    assert _loaded(["country", "Belarussia", "--mirror", str(mirror)], env) == []
    assert list((tmp_path / "cache" / "resolver").glob("*.pickle"))


def test_importing_the_explain_layer_loads_no_optional_heavy_library():
    code = f"import json, sys, bilateral.explain, bilateral.report, bilateral.warehouse; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=os.environ.copy())
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stdout))
    assert not loaded & {"scipy.stats", "statsmodels", "ruptures", "pyreadr", "xarray", "requests", "vl_convert", "altair"}, loaded
