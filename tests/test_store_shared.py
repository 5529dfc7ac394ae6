"""Several desks, one record: concurrency, lost connections, distributed batch, moving a
desk. The PostgreSQL tests use the throwaway server of devkit/pg_server.py (skipped when
PostgreSQL is not installed); the batch workers use a cheap stand-in for the check
(tests/shared_worker.py) -- the check itself is tested elsewhere."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vincheck.cli import main
from vincheck.findings import Decision, Status
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import (
    PostgresStore,
    Store,
    StoreUnavailable,
    open_store,
)
from vincheck.store.throughput import desk_throughput

from .test_store import make_result

REPO = Path(__file__).resolve().parent.parent

RECORD_SCRIPT = """
import sys, time
from pathlib import Path
from vincheck.inspection import CaseInput
from vincheck.store import AlreadyRecorded, open_store
from tests.test_store import make_result
target, go = sys.argv[1], Path(sys.argv[2])
with open_store(target) as st:
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    try:
        print(st.record_case(CaseInput(), make_result(), source="batch", batch_key="scan-1"))
    except AlreadyRecorded as exc:
        print("already", exc.case_id)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_two_processes_recording_the_same_case_make_one_record(db_target: str,
                                                               tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", RECORD_SCRIPT, db_target, str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env=_env()) for _ in range(2)]
    for p in procs:  # both have opened the store (at the same moment) and wait
        assert p.stdout is not None and p.stdout.readline().strip() == "ready", \
            p.communicate(timeout=60)
    go.touch()
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    lines = sorted(o[0].strip() for o in outs)
    with open_store(db_target) as st:
        assert st.count() == 1
        cid = st.find_batch_key("scan-1")
    assert lines == sorted([str(cid), f"already {cid}"])


def _hot_folder(root: Path, n: int) -> list[str]:
    vins = []
    for i in range(n):
        vin = f"LSVAM4187C{i:07d}"
        (root / vin).mkdir(parents=True)
        (root / vin / "rubbing.png").write_bytes(b"stand-in rubbing %d" % i)
        vins.append(vin)
    return vins


def _worker(url: str, root: Path, ws: str, ttl: float = 2.0, hang_after: int = 0,
            check_ms: int = 5, go: Path | None = None) -> subprocess.Popen:
    env = _env()
    env["VINCHECK_FAKE_CHECK_MS"] = str(check_ms)
    if go is not None:
        env["VINCHECK_TEST_GO"] = str(go)
    return subprocess.Popen([sys.executable, "-m", "tests.shared_worker", url, str(root), ws,
                             str(ttl), str(hang_after)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)


@pytest.mark.slow
def test_four_workers_divide_200_cases_one_killed(pg_server, tmp_path: Path) -> None:
    """4 workers on one hot folder, one SIGKILLed inside a check: every case recorded
    once, none lost; the killed worker's claim expired and another worker took it."""
    url = pg_server.fresh_url()
    vins = _hot_folder(tmp_path / "hot", 200)
    go = tmp_path / "go"
    procs = [_worker(url, tmp_path / "hot", f"w{i}", hang_after=12 if i == 0 else 0, go=go)
             for i in range(4)]
    for p in procs:  # every worker has its store open: start them together
        assert "ready" in json.loads(p.stdout.readline())
    go.touch()
    hung = json.loads(procs[0].stdout.readline())["hung"]  # inside its 12th check
    procs[0].send_signal(signal.SIGKILL)
    outs = [p.communicate(timeout=240) for p in procs[1:]]
    assert all(p.returncode == 0 for p in procs[1:]), outs
    assert procs[0].wait(10) == -signal.SIGKILL
    with open_store(url) as st:
        rows = st.search(limit=None)
        claims = {c["label"]: c for c in st.claim_rows()}
    assert len(rows) == 200
    assert sorted(r.expected_vin for r in rows) == vins  # none twice, none lost
    assert claims[hung]["attempts"] >= 2 and claims[hung]["state"] == "done"
    assert not claims[hung]["worker"].endswith(str(procs[0].pid)) and \
        f":{procs[0].pid}:" not in claims[hung]["worker"]
    per_worker = [json.loads(o[0].strip().splitlines()[-1]) for o in outs]
    assert sum(w.get("checked", 0) for w in per_worker) == 200 - 11  # w0 recorded 11
    assert all(w.get("checked", 0) > 0 for w in per_worker)  # the work was divided
    assert {r.workstation for r in rows} == {"w0", "w1", "w2", "w3"}


@pytest.mark.slow
def test_server_restart_mid_batch_resumes_and_loses_nothing(pg_server, tmp_path: Path) -> None:
    url = pg_server.fresh_url()
    vins = _hot_folder(tmp_path / "hot", 80)
    procs = [_worker(url, tmp_path / "hot", f"r{i}", ttl=10.0, check_ms=30) for i in range(2)]
    with open_store(url) as st:
        deadline = time.monotonic() + 60
        while st.count() < 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        before = {r.id: r.expected_vin for r in st.search(limit=None)}
    assert len(before) >= 20
    pg_server.restart()  # every connection is cut; the workers retry
    outs = [p.communicate(timeout=240) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    with open_store(url) as st:
        after = {r.id: r.expected_vin for r in st.search(limit=None)}
    assert sorted(after.values()) == vins
    assert all(after.get(i) == v for i, v in before.items())  # nothing committed lost


def test_lost_connection_is_retried_then_reported(pg_server, tmp_path: Path) -> None:
    url = pg_server.fresh_url()
    with PostgresStore(url, retry_s=10) as st:
        cid = st.record_case(CaseInput(), make_result(status=Status.REVIEW))
        import psycopg

        with psycopg.connect(pg_server.base_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE application_name = 'vincheck'")
        # the store's connection is gone: the next write reconnects and succeeds
        assert st.update_decisions(cid, [Decision("fill_ratio", True, "甲")]) == 2
        assert st.get_summary(cid).decided_verdict == "pass"
    dead = f"postgresql://vincheck@127.0.0.1:{_closed_port()}/postgres"
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailable, match="unreachable") as err:
        PostgresStore(dead, retry_s=1)
    assert time.monotonic() - t0 < 10 and err.value.exit_code == 4


def _closed_port() -> int:
    from devkit.pg_server import free_port

    return free_port()


def test_cli_reports_an_unreachable_database_with_exit_4(capsys) -> None:
    from vincheck.settings import save_settings

    save_settings(Settings(db_retry_s=0.5))
    url = f"postgresql://vincheck@127.0.0.1:{_closed_port()}/postgres"
    assert main(["report", "list", "--db", url]) == 4
    err = capsys.readouterr().err
    assert "unreachable" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_store_migrate_copies_a_desk_idempotently(pg_server, tmp_path: Path, capsys) -> None:
    db = tmp_path / "desk.sqlite3"
    with Store(db, settings=Settings(station="站A")) as st:
        a = st.record_case(CaseInput(), make_result(status=Status.REVIEW), operator="王五")
        st.update_decisions(a, [Decision("fill_ratio", False, "王五", note="看不清")])
        st.record_case(CaseInput(), make_result("LFV2A21K5A3012345"), source="batch",
                       batch_key="bk-1")
        src_rows = st.findings_of(a)
        src_files = st.get_case(a)[2]["files"]
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    url = pg_server.fresh_url()
    assert main(["store", "migrate", "--to", url, "--db", str(db)]) == 0
    first = capsys.readouterr().out
    assert "2 case(s) read: 2 copied" in first and "1 decisions" in first
    assert main(["store", "migrate", "--to", url, "--db", str(db)]) == 0
    second = capsys.readouterr().out
    assert "0 copied" in second and "2 already there" in second
    with open_store(url) as pg:
        rows = pg.search(limit=None)
        assert len(rows) == 2  # not doubled by the second run
        moved = next(r for r in rows if r.decided_verdict == "fail")
        _, res, meta = pg.get_case(moved.id)
        assert [d.note for d in res.decisions] == ["看不清"]
        assert meta["station"] == "站A" and meta["operator"] == "王五"
        assert pg.findings_of(moved.id) == src_rows
        assert meta["files"] == src_files
        assert pg.find_batch_key("bk-1") is not None
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # the file is unchanged


def test_desk_throughput_per_desk() -> None:
    rows = [("站A", "台1", "gui", "2026-03-01T10:00:00+08:00", 2000.0),
            ("站A", "台1", "gui", "2026-03-01T10:05:00+08:00", 4000.0),
            ("站A", "台1", "gui", "2026-03-01T10:15:00+08:00", 3000.0),
            ("站A", "台2", "batch", "2026-03-01T10:01:00+08:00", 1000.0)]
    desks = desk_throughput(rows)
    assert [(d.workstation, d.cases) for d in desks] == [("台1", 3), ("台2", 1)]
    one = desks[0]
    assert one.span_s == 900 and one.per_hour == pytest.approx(8.0)  # 2 gaps in 15 min
    assert one.median_gap_s == pytest.approx(450.0) and one.mean_check_s == pytest.approx(3.0)
    assert desks[1].per_hour is None and desks[1].sources == {"batch": 1}


def test_report_desks_cli(db_target: str, capsys) -> None:
    for ws, n in (("台1", 2), ("台2", 1)):
        with open_store(db_target, settings=Settings(station="站A", workstation=ws)) as st:
            for _ in range(n):
                st.record_case(CaseInput(), make_result())
    assert main(["report", "desks", "--db", db_target]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["station", "workstation", "cases"]
    assert out[1].split()[:3] == ["站A", "台1", "2"] and out[2].split()[:3] == ["站A", "台2", "1"]
    assert out[-1] == "2 desk(s), 3 case(s)"


def test_shared_watch_with_worker_processes(db_target: str, tmp_path: Path) -> None:
    """The claim loop also drives a pool of check processes (jobs 2), on either engine;
    a second pass over the same folder finds everything recorded and checks nothing."""
    from tests.shared_worker import fake_check
    from vincheck.batch_shared import watch_shared

    vins = _hot_folder(tmp_path / "hot", 12)
    s = Settings(station="line-1", workstation="w-pool")
    with open_store(db_target, settings=s) as st:
        rep = watch_shared(tmp_path / "hot", store=st, settings=s, runner=fake_check, jobs=2,
                           interval_s=0.1, settle_s=0, ttl_s=30, until_done=True, max_s=120)
        assert rep.n_checked == 12
        assert sorted(r.expected_vin for r in st.search(limit=None)) == vins
        assert {c["state"] for c in st.claim_rows()} == {"done"}
        again = watch_shared(tmp_path / "hot", store=st, settings=s, runner=fake_check,
                             jobs=1, interval_s=0.1, settle_s=0, until_done=True, max_s=60)
        assert again.n_checked == 0 and len(again.outcomes) == 12  # all skipped ...
        assert {(o.status, o.verdict) for o in again.outcomes} == {("skipped", "pass")}
        assert st.count() == 12


def test_postgres_refuses_newer_schema_and_foreign_tables(pg_server) -> None:
    import psycopg

    from vincheck.errors import StoreError

    url = pg_server.fresh_url()
    PostgresStore(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    with pytest.raises(StoreError, match="newer vincheck"):
        PostgresStore(url)
    other = pg_server.fresh_url()
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE cases (name TEXT)")
    with pytest.raises(StoreError, match="not vincheck's"):
        PostgresStore(other)
    with psycopg.connect(other, autocommit=True) as conn:  # left untouched
        assert conn.execute("SELECT COUNT(*) FROM information_schema.tables WHERE "
                            "table_schema = current_schema()").fetchone()[0] == 1


def test_recording_cost_stays_far_below_a_check(db_target: str) -> None:
    """Holds the README's benchmark claim loosely (x5 slack for a loaded machine): a
    real-sized record costs well under the ~1-20 s of a check on either engine."""
    import statistics

    from benchmarks.store import big_result

    with open_store(db_target) as st:
        times = []
        for i in range(20):
            vin = f"LSVAM4187C{i:07d}"
            t0 = time.perf_counter()
            st.record_case(CaseInput(expected_vin=vin), big_result(vin), source="batch",
                           batch_key=f"cost-{i}", hashes={})
            times.append(time.perf_counter() - t0)
        assert st.count() == 20
    assert statistics.median(times) < 0.25, times
