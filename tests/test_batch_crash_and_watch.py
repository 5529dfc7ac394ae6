"""Batch checking when things go wrong or keep coming: records survive a killed batch and
it resumes; a hot folder's case is checked once its files settle; the CLI's watch stops
on Ctrl+C."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_batch import HELD_FROM, REPO, VINS, fake_runner, write_case
from vincheck.batch import CaseOutcome, run_batch, watch_folder
from vincheck.store import Store

_KILL_SCRIPT = """
import sys
sys.path.insert(0, {repo!r})
from tests.test_batch import held_runner
from vincheck.batch import run_batch
from vincheck.store import Store
with Store({db!r}) as st:
    run_batch({root!r}, store=st, jobs=2, runner=held_runner)
"""


@pytest.mark.slow
def test_records_survive_sigkill_and_batch_resumes(tmp_path: Path) -> None:
    root, db = tmp_path / "in", tmp_path / "r.sqlite3"
    vins = [f"LSVAM4187C21{n:05d}" for n in range(14)]
    for v in vins:
        write_case(root, v)
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT.format(
        repo=str(REPO), db=str(db), root=str(root))], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            n = _count_committed(db)
            if n >= 4:
                break
            assert proc.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert workers, "the batch runs its cases in worker processes"
        os.kill(proc.pid, signal.SIGKILL)  # the main process only
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15  # orphaned workers end themselves
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(db) as st:
        before = {s.id: s for s in st.search(limit=None)}
        assert 4 <= len(before) <= HELD_FROM and st.integrity_check() == "ok"
        for cid in before:  # every committed record is whole
            ci, res, meta = st.get_case(cid)
            assert res.to_dict() == fake_runner(ci).to_dict() | {"ms": res.to_dict()["ms"]}
            assert len(meta["files"]) == 2 and all(len(f["sha256"]) == 64
                                                   for f in meta["files"])
            assert len(st.findings_of(cid)) == 4
        rep = run_batch(root, store=st, jobs=1, runner=fake_runner)
        assert sum(o.status == "skipped" for o in rep.outcomes) == len(before)
        assert sum(o.status == "checked" for o in rep.outcomes) == len(vins) - len(before)
        after = st.search(limit=None)
        assert sorted(s.expected_vin for s in after) == sorted(vins)  # no duplicates
        assert all(before[i].time == st.get_summary(i).time for i in before)


def _children(pid: int) -> list[int]:
    """Child process ids (Linux /proc), polled until the worker pool has started."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            kids = [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            kids = []
        if len(kids) >= 2:
            return kids
        time.sleep(0.1)
    return kids


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def _count_committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


class PollClock:
    """``watch_folder``'s clock, read once per poll: every reading is one poll interval
    later. With :meth:`hold` on, each poll waits (up to 10 s) until :meth:`let_one_poll`
    lets it start, so a writer in the test meets the polls in lock-step however slowly
    either thread runs; :meth:`release` lets the polls run freely."""

    def __init__(self, step_s: float) -> None:
        self.step_s = step_s
        self.t = 0.0
        self.polls = 0
        self.held = False
        self._allowed = 0
        self._cond = threading.Condition()

    def perf_counter(self) -> float:
        with self._cond:
            if self.held:
                self._cond.wait_for(lambda: self._allowed > 0 or not self.held, timeout=10)
                self._allowed = max(0, self._allowed - 1)
            self.t += self.step_s
            self.polls += 1
            self._cond.notify_all()
            return self.t

    def hold(self) -> None:
        with self._cond:
            self.held = True

    def let_one_poll(self) -> None:
        """Let one poll start and wait (up to 10 s) until it has."""
        with self._cond:
            target = self.polls + 1
            self._allowed += 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: self.polls >= target, timeout=10)

    def release(self) -> None:
        with self._cond:
            self.held = False
            self._cond.notify_all()

    def wait_polls(self, n: int, timeout_s: float = 10.0) -> None:
        """Wait until ``n`` more polls have started."""
        with self._cond:
            target = self.polls + n
            self._cond.wait_for(lambda: self.polls >= target, timeout=timeout_s)


@pytest.mark.slow
def test_watch_checks_a_case_once_its_files_settle(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A case is checked once its files stay unchanged for ``settle_s``; a photo that a
    slow scanner is still writing is not. The watch's clock counts polls (PollClock) and
    the scanner writes a piece before each poll, so the file grows at every poll however
    loaded the machine is (with the wall clock, a scanner thread stalled longer than
    settle_s looked finished)."""
    import vincheck.batch.watch as watch_module

    root = tmp_path / "hot"
    root.mkdir()
    stop = threading.Event()
    outcomes: list[CaseOutcome] = []
    clock = PollClock(0.1)
    clock.hold()
    monkeypatch.setattr(watch_module, "time", SimpleNamespace(
        perf_counter=clock.perf_counter, sleep=time.sleep, monotonic=time.monotonic))

    def scanner() -> None:
        try:
            write_case(root, VINS[0])
            photo = root / VINS[1] / "photo_1.jpg"
            photo.parent.mkdir()
            with open(photo, "wb") as fh:  # a slow scanner: the file grows for 8 polls
                fh.write(b"STATUS=fail ")
                for _ in range(8):
                    fh.write(b"," * 100)
                    fh.flush()
                    clock.let_one_poll()
            (root / VINS[1] / "rubbing_1.png").write_bytes(f"VIN={VINS[1]} ".encode())
            clock.let_one_poll()
        finally:
            clock.release()
        deadline = time.monotonic() + 20
        while len(outcomes) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        clock.wait_polls(5)  # a few more polls: nothing may be checked twice
        stop.set()

    t = threading.Thread(target=scanner)
    t.start()
    try:
        with Store(tmp_path / "r.sqlite3") as st:
            rep = watch_folder(root, store=st, jobs=1, runner=fake_runner, stop=stop,
                               on_outcome=outcomes.append, interval_s=0.1, settle_s=0.4,
                               max_s=60)
            t.join()
            assert sorted(o.key for o in rep.outcomes) == sorted(VINS[:2])
            assert st.count() == 2
            rec = st.get_record(next(o.case_id for o in rep.outcomes if o.key == VINS[1]))
            photo = next(f for f in rec.files if f.role == "photo")
            assert photo.size == len((root / VINS[1] / "photo_1.jpg").read_bytes())
            assert rec.summary.decided_verdict == "fail"
    finally:
        stop.set()
        clock.release()
        t.join(30)


@pytest.mark.slow
def test_cli_watch_records_new_case_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    hot, db = tmp_path / "hot", tmp_path / "r.sqlite3"
    hot.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "vincheck", "batch", str(hot), "--watch", "--interval", "0.2",
         "--jobs", "1", "--db", str(db), "--out", str(tmp_path / "res.csv")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
        # a shell without job control starts background jobs with SIGINT ignored, and the
        # child would inherit that: Ctrl+C must reach it as it does at a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        time.sleep(1.0)
        write_case(hot, VINS[0])  # not decodable images: recorded with input errors
        deadline = time.monotonic() + 60
        while _count_committed(db) < 1 and time.monotonic() < deadline:
            assert proc.poll() is None
            time.sleep(0.1)
        assert _count_committed(db) == 1
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1, err  # the case needs review: its files are not images
    assert f'"case":"{VINS[0]}"' in out and "Traceback" not in err
    assert "watching" in err and "1 case(s)" in err
    rows = list(csv.DictReader((tmp_path / "res.csv").open(encoding="utf-8-sig")))
    assert [r["case"] for r in rows] == [VINS[0]]
