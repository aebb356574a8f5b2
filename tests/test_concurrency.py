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

# A build that writes a new file and swaps it in, standing in for a release
# with new measures: every source is reused and the out_ layer is copied from
# the file being replaced (a real out_ layer takes 20-30 s to build, and
# test_warehouse rebuilds it; what matters here is readers across the swap).
_REBUILD_OUT = textwrap.dedent("""
    import sys
    from bilateral import dbfile, warehouse
    real = warehouse._previous
    def out_layer_stale(path):
        recorded = real(path)
        recorded["_out_version"] = "forced"
        return recorded
    def copied_out_layer(con):
        con.execute(f"ATTACH {dbfile.sql_string(sys.argv[2])} AS old (READ_ONLY)")
        names = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'old' AND table_name LIKE 'out%'").fetchall()
        for (name,) in names:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM old.{name}")
        for (sql,) in con.execute("SELECT sql FROM duckdb_views() WHERE database_name = 'old' AND NOT internal").fetchall():
            con.execute(sql)
        con.execute("DETACH old")
    if sys.argv[3] == "force-out":
        warehouse._previous = out_layer_stale
        warehouse.build_out = copied_out_layer
    result = warehouse.build(mirror=sys.argv[1], db=sys.argv[2], progress=True)
    print("changed" if result.changed else "unchanged", flush=True)
""")


# Each reader pauses between reads. A read of the measures costs about a
# quarter of a CPU second and a brief one and a half: with 0.2 s pauses the
# twenty readers asked for about five cores and starved the build they are
# meant to run across (the test took two minutes; 40 s with these pauses).
# Their starts are spread over one pause, so that a read comes about every
# half second rather than twenty at once, and a pause ends as soon as the
# test is done. The builds start once a reader has read the old file; the
# test checks that reads ran while they did, and waits until a reader has
# read the swapped-in file.
_PAUSE = 8.0
MEASURES_READERS, REPORT_READERS = 16, 4  # sixteen read the measures, four write briefs


@pytest.mark.slow
def test_twenty_readers_across_a_rebuild_and_a_second_build(warehouse_db, mirror, tmp_path):
    db = tmp_path / "wh.duckdb"
    shutil.copy(warehouse_db, db)
    def start(kind: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", _REBUILD_OUT, str(mirror), str(db), kind],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    outcomes: list[str] = []
    read_at: list[float] = []  # when each read that succeeded ended
    files_read: set[int] = set()
    done = threading.Event()

    def measures_reader(n: int):
        from bilateral.measures.api import dyad_measures

        done.wait(_PAUSE * n / MEASURES_READERS)
        while not done.is_set():
            try:
                inode = db.stat().st_ino  # a new file (inode) once the build has swapped it in
                with warehouse.connect(db, mirror=mirror, progress=False) as con:
                    frame = dyad_measures(con, "CHN", "BLR", years=(2000, 2010))
                outcomes.append("ok" if list(frame["year"]) == list(range(2000, 2011)) else f"wrong rows {len(frame)}")
                files_read.add(inode)
                read_at.append(time.time())
            except BilateralError as exc:
                outcomes.append(f"clear error: {exc}")
            except Exception as exc:  # noqa: BLE001 - any other failure is what this test must catch
                outcomes.append(f"BUG {type(exc).__name__}: {exc}")
            done.wait(_PAUSE)

    def report_reader(n: int):
        from bilateral.report import write_report

        out = tmp_path / f"report-{n}"
        done.wait(_PAUSE * n / REPORT_READERS)
        while not done.is_set():
            try:
                write_report("CHN", "BLR", out=out, db=db, mirror=mirror, formats=("json", "md"), progress=False)
                json.loads((out / "report.json").read_text())  # whole, never half-written
                outcomes.append("ok")
                read_at.append(time.time())
            except BilateralError as exc:
                outcomes.append(f"clear error: {exc}")
            except Exception as exc:  # noqa: BLE001
                outcomes.append(f"BUG {type(exc).__name__}: {exc}")
            done.wait(_PAUSE)

    readers = [threading.Thread(target=measures_reader, args=(n,)) for n in range(MEASURES_READERS)] + [
        threading.Thread(target=report_reader, args=(n,)) for n in range(REPORT_READERS)]
    for reader in readers:
        reader.start()
    builds = []
    try:
        deadline = time.time() + 120
        while not files_read and time.time() < deadline:  # the old file has been read before any build starts
            time.sleep(0.1)
        builds.append(start("force-out"))
        deadline = time.time() + 120
        while not list(tmp_path.glob("wh.duckdb.building-*")) and builds[0].poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert list(tmp_path.glob("wh.duckdb.building-*")), "the build never started"
        build_started = time.time()  # the new file is being written from here
        builds.append(start("plain"))  # a second build while the first is writing
        results = [build.communicate(timeout=900) for build in builds]
        builds_ended = time.time()
        swapped_in = db.stat().st_ino
        deadline = time.time() + 60
        while swapped_in not in files_read and time.time() < deadline:  # readers go on until one has read the new file
            time.sleep(0.1)
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=300)
        for build in builds:
            if build.poll() is None:  # a failed assertion above: leave no build running
                build.kill()
    bugs = [o for o in outcomes if o.startswith("BUG") or o.startswith("wrong")]
    assert not bugs, bugs[:5]
    assert outcomes.count("ok") >= 20
    assert sum(build_started < t < builds_ended for t in read_at) >= 5, "too few reads ran across the builds"
    assert len(files_read) >= 2, "the readers did not read both the warehouse before the swap and the one after it"
    (first_out, first_err), (second_out, second_err) = results
    assert [b.returncode for b in builds] == [0, 0], (first_err[-2000:], second_err[-2000:])
    assert first_out.strip() == "changed" and second_out.strip() == "unchanged"
    assert "Another build of" in second_err and "waiting for it to finish" in second_err
    assert not list(tmp_path.glob("wh.duckdb.building-*"))
    for n in range(REPORT_READERS):
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
