"""Readers and builds at the same time (issue 11, defect 7).

Twenty readers (measures and reports) run while a build replaces the
warehouse: each succeeds or fails with a clear message, and no output file is
half-written. Two builds started at once on one file leave one valid
warehouse; the second says that another build is running and then finds
nothing to do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import threading
import time

import duckdb
import pytest

from bilateral import warehouse
from bilateral.errors import BilateralError

# A build that redoes the out_ layer (every source reused), standing in for a
# release with new measures: long enough for readers to run across the swap.
_REBUILD_OUT = textwrap.dedent("""
    import sys
    from bilateral import warehouse
    real = warehouse._previous
    def out_layer_stale(path):
        recorded = real(path)
        recorded["_out_version"] = "forced"
        return recorded
    if sys.argv[3] == "force-out":
        warehouse._previous = out_layer_stale
    result = warehouse.build(mirror=sys.argv[1], db=sys.argv[2], progress=True)
    print("changed" if result.changed else "unchanged", flush=True)
""")


# Each reader pauses between reads. A read of the measures costs about a
# quarter of a CPU second and a brief one and a half: with 0.2 s pauses the
# twenty readers asked for about five cores and starved the build they are
# meant to run across (the test took two minutes; 40 s with these pauses).
# They still read some sixty times during the build, and the test waits until
# one of them has read the swapped-in file. Their starts are spread over one
# pause, so that a read comes about every half second rather than twenty at
# once, and a pause ends as soon as the test is done.
_PAUSE = 8.0


@pytest.mark.slow
def test_twenty_readers_across_a_rebuild_and_a_second_build(warehouse_db, mirror, tmp_path):
    db = tmp_path / "wh.duckdb"
    shutil.copy(warehouse_db, db)
    def start(kind: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", _REBUILD_OUT, str(mirror), str(db), kind],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    builds = [start("force-out")]
    deadline = time.time() + 120
    while not list(tmp_path.glob("wh.duckdb.building-*")) and time.time() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob("wh.duckdb.building-*")), "the build never started"
    builds.append(start("plain"))  # a second build while the first is writing

    outcomes: list[str] = []
    files_read: set[int] = set()
    done = threading.Event()

    def measures_reader(n: int):
        from bilateral.measures.api import dyad_measures

        done.wait(_PAUSE * n / 16)
        while not done.is_set():
            try:
                inode = db.stat().st_ino  # a new file (inode) once the build has swapped it in
                with warehouse.connect(db, mirror=mirror, progress=False) as con:
                    frame = dyad_measures(con, "CHN", "BLR", years=(2000, 2010))
                outcomes.append("ok" if list(frame["year"]) == list(range(2000, 2011)) else f"wrong rows {len(frame)}")
                files_read.add(inode)
            except BilateralError as exc:
                outcomes.append(f"clear error: {exc}")
            except Exception as exc:  # noqa: BLE001 - any other failure is what this test must catch
                outcomes.append(f"BUG {type(exc).__name__}: {exc}")
            done.wait(_PAUSE)

    def report_reader(n: int):
        from bilateral.report import write_report

        out = tmp_path / f"report-{n}"
        done.wait(_PAUSE * n / 4)
        while not done.is_set():
            try:
                write_report("CHN", "BLR", out=out, db=db, mirror=mirror, formats=("json", "md"), progress=False)
                json.loads((out / "report.json").read_text())  # whole, never half-written
                outcomes.append("ok")
            except BilateralError as exc:
                outcomes.append(f"clear error: {exc}")
            except Exception as exc:  # noqa: BLE001
                outcomes.append(f"BUG {type(exc).__name__}: {exc}")
            done.wait(_PAUSE)

    readers = [threading.Thread(target=measures_reader, args=(n,)) for n in range(16)] + [threading.Thread(target=report_reader, args=(n,)) for n in range(4)]
    for reader in readers:
        reader.start()
    try:
        results = [build.communicate(timeout=900) for build in builds]
        swapped_in = db.stat().st_ino
        deadline = time.time() + 60
        while swapped_in not in files_read and time.time() < deadline:  # readers go on until one has read the new file
            time.sleep(0.1)
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=300)
    bugs = [o for o in outcomes if o.startswith("BUG") or o.startswith("wrong")]
    assert not bugs, bugs[:5]
    assert outcomes.count("ok") >= 20
    assert len(files_read) >= 2, "the readers did not read both the warehouse before the swap and the one after it"
    (first_out, first_err), (second_out, second_err) = results
    assert [b.returncode for b in builds] == [0, 0], (first_err[-2000:], second_err[-2000:])
    assert first_out.strip() == "changed" and second_out.strip() == "unchanged"
    assert "Another build of" in second_err and "waiting for it to finish" in second_err
    assert not list(tmp_path.glob("wh.duckdb.building-*"))
    for n in range(4):
        for name in (tmp_path / f"report-{n}").iterdir():
            assert not name.name.endswith(".tmp"), name
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM _meta WHERE key = 'out_version'").fetchone()[0] == warehouse.out_fingerprint()
        assert con.execute("SELECT count(*) FROM out_dyad_year").fetchone()[0] > 0


@pytest.mark.slow
def test_two_builds_at_once_leave_one_valid_warehouse(tmp_path, mirror, monkeypatch, capfd):
    majors = [(module, source) for module, source in warehouse.registered() if source.name == "majors"]
    monkeypatch.setattr(warehouse, "registered", lambda: majors)
    monkeypatch.setattr(warehouse, "build_out", lambda con: time.sleep(1.0))  # long enough to overlap
    db = tmp_path / "wh.duckdb"
    results = []
    threads = [threading.Thread(target=lambda: results.append(warehouse.build(mirror=mirror, db=db, progress=True))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(r.changed for r in results) == [False, True]
    assert "Another build of" in capfd.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wh.duckdb", "wh.duckdb.lock"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM core_majors__major_power").fetchone()[0] > 0
