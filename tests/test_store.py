"""Records store: round-trip, search, decisions, migrations, corrupt / locked databases.

Tests taking the ``store`` (or ``db_target``) fixture run once per engine: the SQLite
file and a throwaway PostgreSQL server (skipped when PostgreSQL is not installed)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pytest

from vincheck.errors import StoreError, UsageError
from vincheck.findings import (
    CaseResult,
    Decision,
    Finding,
    PhotoResult,
    RubbingResult,
    Shape,
    SheetResult,
    Status,
)
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import (
    AlreadyRecorded,
    DecisionConflict,
    RecordStore,
    Store,
    iter_findings,
    migrate,
    open_store,
)

VIN_A = "LSVAM4187C2184841"
VIN_B = "LFV2A21K5A3012345"


def make_result(vin: str = VIN_A, *, read: str | None = None, status: Status = Status.PASS,
                files: tuple[str, str] = ("sheet.png", "photo.jpg"),
                color: str | None = "白") -> CaseResult:
    """A hand-made case: one sheet with two rubbings, one photo, findings of ``status``."""
    read = read or vin
    rubbings = [RubbingResult(box=(10, 10, 500, 10, 500, 60, 10, 60), vin=read, confidence=0.93,
                              findings=[Finding("char_height", Status.PASS, 7.4, 7.0, "mm",
                                                "characters are 7.4 mm high",
                                                [Shape.box(12, 12, 20, 40)])])
                for _ in range(2)]
    sheet = SheetResult(file=files[0], rubbings=rubbings,
                        findings=[Finding("vin_mismatch", Status.PASS if read == vin
                                          else Status.FAIL, read, vin, "", "VIN compared")],
                        dpi=600.0, image_size=(2000, 1000))
    photo = PhotoResult(file=files[1], findings=[
        Finding("fill_ratio", status, 0.61, [0.55, 0.8], "ratio", "vehicle fills 61 %",
                [Shape.box(100, 80, 600, 300, label="vehicle")])],
        color=color, vehicle_box=(100, 80, 600, 300), image_size=(880, 600))
    return CaseResult(expected_vin=vin, kind="car", color=color, sheets=[sheet],
                      photos=[photo], ms=1234.5)


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, data in (("sheet_rubbing.png", b"\x89PNG fake sheet " * 40),
                       ("car_photo.jpg", b"\xff\xd8 fake photo " * 50)):
        p = tmp_path / name
        p.write_bytes(data)
        out.append(p)
    return out


@pytest.fixture()
def store(db_target: str):
    with open_store(db_target, settings=Settings(), retry_s=5) as s:
        yield s


def _input(files: list[Path], vin: str = VIN_A) -> CaseInput:
    return CaseInput(rubbing_files=[str(files[0])], photo_files=[str(files[1])],
                     expected_vin=vin)


def test_record_and_get_round_trip(store: Store, files: list[Path]) -> None:
    result = make_result(files=(str(files[0]), str(files[1])))
    before = [f.read_bytes() for f in files]
    case_id = store.record_case(_input(files), result, station="站A", operator="王五",
                                source="gui")
    ci, back, meta = store.get_case(case_id)
    assert back.to_dict() == result.to_dict()
    assert ci.rubbing_files == [str(files[0])] and ci.photo_files == [str(files[1])]
    assert meta["station"] == "站A" and meta["operator"] == "王五" and meta["source"] == "gui"
    by_name = {f["name"]: f for f in meta["files"]}
    for f, data in zip(files, before, strict=True):
        assert by_name[f.name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert by_name[f.name]["size"] == len(data)
        assert f.read_bytes() == data  # inputs untouched
    rows = store.findings_of(case_id)
    assert len(rows) == len(list(iter_findings(result)))
    fill = next(r for r in rows if r["code"] == "fill_ratio")
    assert fill["measured"] == 0.61 and fill["limit"] == [0.55, 0.8] and fill["unit"] == "ratio"
    assert fill["file"] == str(files[1]) and fill["passed"] is True
    assert fill["target"] == files[1].name  # as decisions name it
    heights = [r for r in rows if r["code"] == "char_height"]
    assert [r["target"] for r in heights] == [f"{files[0].name}#r1", f"{files[0].name}#r2"]


def test_settings_names_used_when_not_given(db_target: str, files: list[Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(station="检验站一", operator="李四", workstation="台3")
    with open_store(db_target, settings=s) as st:
        cid = st.record_case(_input(files), make_result(), source="cli")
        summ = st.get_summary(cid)
    assert (summ.station, summ.operator, summ.source) == ("检验站一", "李四", "cli")
    assert summ.workstation == "台3"
    monkeypatch.setenv("VINCHECK_WORKSTATION", "desk-B")
    with open_store(db_target, settings=s) as st:
        cid = st.record_case(_input(files), make_result(), source="cli")
        assert st.get_case(cid)[2]["workstation"] == "desk-B"
        assert [c.id for c in st.search(workstation="desk-B")] == [cid]


def test_search_partial_vin_date_verdict(store: Store, files: list[Path]) -> None:
    a = store.record_case(_input(files), make_result(VIN_A), created_at="2026-03-01T10:00:00+08:00")
    b = store.record_case(_input(files, VIN_B), make_result(VIN_B, status=Status.FAIL),
                          created_at="2026-03-05T23:59:00+08:00")
    c = store.record_case(_input(files, VIN_B), make_result(VIN_B, read=VIN_A),
                          created_at="2026-04-02T08:00:00+08:00")
    assert {r.id for r in store.search(vin="c2184")} == {a, c}  # c read VIN_A
    assert [r.id for r in store.search(vin="a3012")] == [c, b]  # newest first
    assert store.search(vin="ZZZZ") == []
    assert {r.id for r in store.search(date_from="2026-03-01", date_to="2026-03-05")} == {a, b}
    assert {r.id for r in store.search(date_from="2026-03-02")} == {b, c}
    assert {r.id for r in store.search(verdict="fail")} == {b, c}
    assert {r.id for r in store.search(verdict="pass")} == {a}
    assert len(store.search(limit=2)) == 2
    s = store.get_summary(c)
    assert s.vins_read == [VIN_A] and s.expected_vin == VIN_B and "vin_mismatch" in s.reasons
    with pytest.raises(UsageError):
        store.search(verdict="maybe")
    with pytest.raises(UsageError):
        store.search(date_from="yesterday")


def test_like_wildcards_are_literal(store: Store, files: list[Path]) -> None:
    store.record_case(_input(files), make_result(VIN_A))
    assert store.search(vin="%") == [] and store.search(vin="_") == []


def test_update_decisions_changes_decided_verdict(store: Store, files: list[Path]) -> None:
    cid = store.record_case(_input(files), make_result(status=Status.REVIEW))
    assert store.get_summary(cid).decided_verdict == "review"
    store.update_decisions(cid, [Decision("fill_ratio", True, "王五", note="目视确认")])
    _, res, meta = store.get_case(cid)
    assert meta["decided_verdict"] == "pass" and meta["verdict"] == "review"
    assert res.decisions[0].note == "目视确认" and res.decisions[0].time  # stamped
    assert [r.id for r in store.search(verdict="pass")] == [cid]
    store.update_decisions(cid, [Decision("fill_ratio", False, "王五", note="not clear")])
    assert store.get_summary(cid).decided_verdict == "fail"
    _, res, _ = store.get_case(cid)
    assert len(res.decisions) == 1  # replaced, not appended
    with pytest.raises(StoreError, match="no case 999"):
        store.update_decisions(999, [])


def test_batch_key_and_unknown_case(store: RecordStore, files: list[Path]) -> None:
    assert not store.has_batch_key("k1")
    cid = store.record_case(_input(files), make_result(), source="batch", batch_key="k1")
    assert store.has_batch_key("k1") and store.find_batch_key("k1") == cid
    with pytest.raises(AlreadyRecorded, match="already recorded") as err:
        store.record_case(_input(files), make_result(), source="batch", batch_key="k1")
    assert err.value.case_id == cid and err.value.exit_code == 4
    assert store.count() == 1
    with pytest.raises(StoreError, match="no case 42"):
        store.get_case(42)


def test_missing_input_file_is_recorded_without_hash(store: Store, tmp_path: Path) -> None:
    ci = CaseInput(rubbing_files=[str(tmp_path / "gone.png")])
    cid = store.record_case(ci, make_result())
    f = store.get_case(cid)[2]["files"][0]
    assert f["size"] is None and f["sha256"] == ""


def test_keep_copies(tmp_path: Path, files: list[Path]) -> None:
    with Store(tmp_path / "k.sqlite3", settings=Settings(keep_copies=True)) as st:
        cid = st.record_case(_input(files), make_result())
        meta = st.get_case(cid)[2]
    for f in meta["files"]:
        copy = Path(f["copy_path"])
        assert copy.parent.parent == tmp_path / "copies"
        assert copy.name.startswith(f["sha256"])
        assert copy.read_bytes() == Path(f["path"]).read_bytes()


def test_durability_settings(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.sqlite3")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.integrity_check() == "ok"
    store.close()


def test_garbage_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "records.sqlite3"
    garbage = bytes(range(256)) * 64
    db.write_bytes(garbage)
    with pytest.raises(StoreError) as exc:
        Store(db)
    msg = str(exc.value)
    assert str(db) in msg and "damaged" in msg and "untouched" in msg
    assert db.read_bytes() == garbage
    assert not Path(str(db) + "-wal").exists()


def test_damaged_pages_are_refused_and_left_untouched(tmp_path: Path, files: list[Path]) -> None:
    db = tmp_path / "records.sqlite3"
    with Store(db) as st:
        for _ in range(30):
            st.record_case(_input(files), make_result())
        st.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for off in range(page, len(data), page):  # every page after the header page
        data[off:off + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        with Store(db) as st:
            st.search()
    assert db.read_bytes() == bytes(data)


def test_locked_database_gives_clear_error(tmp_path: Path, files: list[Path]) -> None:
    db = tmp_path / "records.sqlite3"
    Store(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store(db, busy_timeout_s=0.2, check=False) as st:
            with pytest.raises(StoreError, match="locked"):
                st.record_case(_input(files), make_result())
    except StoreError as exc:  # opening may already meet the lock
        assert "locked" in str(exc)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store(db) as st:
        assert st.count() == 0


def test_migration_from_v1(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, 1) == 1
    old = make_result(VIN_B, status=Status.FAIL)
    conn.execute(
        "INSERT INTO cases (created_at, station, operator, source, expected_vin, vins_read, "
        "kind, color, verdict, decided_verdict, reasons, n_files, ms, input_json, result_json) "
        "VALUES ('2025-12-01T09:00:00+08:00', 'old', 'op', 'gui', ?, ?, 'car', '白', 'fail', "
        "'fail', ?, 1, 5, ?, ?)",
        (VIN_B, VIN_B, json.dumps(old.reasons), json.dumps({"rubbing_files": ["/x/a.png"]}),
         json.dumps(old.to_dict())))
    conn.execute("INSERT INTO case_files (case_id, role, name, path, size, sha256) "
                 "VALUES (1, 'rubbing', 'a.png', '/x/a.png', 10, 'ab')")
    conn.close()
    with Store(db) as st:
        assert st.schema_version() == 3
        ci, res, meta = st.get_case(1)
        assert res.to_dict() == old.to_dict() and ci.rubbing_files == ["/x/a.png"]
        assert meta["files"][0]["copy_path"] == "" and meta["batch_key"] is None
        assert [r.id for r in st.search(vin="3012", verdict="fail")] == [1]
        new = st.record_case(CaseInput(), make_result(), batch_key="b1")
        assert st.find_batch_key("b1") == new
    versions = [r[0] for r in sqlite3.connect(db).execute(
        "SELECT version FROM schema_version ORDER BY version")]
    assert versions == [1, 2, 3]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    Store(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    conn.close()
    with pytest.raises(StoreError, match="newer vincheck"):
        Store(db)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(db)
    assert db.read_bytes() == before


def test_database_another_vincheck_is_creating_is_not_refused(tmp_path: Path) -> None:
    # the moment between another process's CREATE TABLE schema_version and its first
    # migration's commit: the file holds only an empty schema_version table
    db = tmp_path / "records.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                 "applied_at TEXT NOT NULL)")
    conn.commit()
    conn.close()
    store = Store(db)
    try:
        assert store.schema_version() >= 1
    finally:
        store.close()


def test_creation_committed_between_the_open_checks_reads(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # another process commits its first migration just after this one read schema
    # version 0: the check for another program's tables must see the same moment
    import vincheck.store.sqlite as sqlite_store
    db = tmp_path / "records.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                 "applied_at TEXT NOT NULL)")
    real = sqlite_store._schema_version
    done: list[int] = []

    def version_then_other_commits(c: sqlite3.Connection) -> int:
        v = real(c)
        if c is not conn and not done:
            done.append(migrate(conn))
        return v

    monkeypatch.setattr(sqlite_store, "_schema_version", version_then_other_commits)
    with Store(db, check=False) as st:
        assert done and st.schema_version() == done[0]
    conn.close()


def test_busy_at_once_is_tried_again_until_the_timeout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import vincheck.store.sqlite as sqlite_store
    from tests.clock_support import FakeClock

    _retry_busy = sqlite_store._retry_busy
    calls: list[float] = []

    def locked_twice() -> str:
        calls.append(time.monotonic())
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return "wal"

    assert _retry_busy(locked_twice, 5.0) == "wal" and len(calls) == 3
    # the time-out on a clock of the test's (the machine's load cannot stretch it): tried
    # again after short waits until 0.3 s had passed, then the error, not a moment later
    clock = FakeClock()
    monkeypatch.setattr(sqlite_store, "time", clock)
    start, tries = clock.monotonic(), []

    def always_locked() -> None:
        tries.append(clock.monotonic())
        if len(tries) > 1000:
            raise RuntimeError("never gave up")  # a failure, not a hang
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _retry_busy(always_locked, 0.3)
    waited = clock.monotonic() - start
    assert all(0.02 <= s <= 0.05 for s in clock.sleeps)  # short waits between tries
    assert len(tries) == len(clock.sleeps) + 1 >= 7  # 0.3 s of tries at most 0.05 s apart
    assert 0.3 <= waited <= 0.3 + 0.05 and tries[-1] - start > 0.3  # gave up just after it
    other: list[int] = []

    def broken() -> None:
        other.append(1)
        raise sqlite3.OperationalError("no such table: cases")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _retry_busy(broken, 5.0)
    assert other == [1]


def test_default_path_under_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VINCHECK_DATA_DIR", str(tmp_path / "data"))
    with Store() as st:
        assert st.path == tmp_path / "data" / "records.sqlite3"
    with Store(settings=Settings(database_path=str(tmp_path / "x.db"))) as st:
        assert st.path == tmp_path / "x.db"


def test_store_shared_between_threads(store: Store, files: list[Path]) -> None:
    import threading

    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for _ in range(n):
                store.record_case(_input(files), make_result())
                store.search(vin="2184")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(8,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.count() == 32
    assert len({s.id for s in store.search(limit=None)}) == 32


def test_decisions_on_two_desks_do_not_overwrite_silently(db_target: str,
                                                          files: list[Path]) -> None:
    """Two desks open the same case; the first decision is saved, the second is refused
    with a message naming the first desk, and nothing of it is written."""
    a = open_store(db_target, settings=Settings(station="站A", workstation="台1"))
    b = open_store(db_target, settings=Settings(station="站A", workstation="台2"))
    try:
        cid = a.record_case(_input(files), make_result(status=Status.REVIEW))
        assert b.get_record(cid, track=True).version == 1
        assert a.update_decisions(cid, [Decision("fill_ratio", True, "甲")]) == 2
        with pytest.raises(DecisionConflict, match="站A/台1") as err:
            b.update_decisions(cid, [Decision("fill_ratio", False, "乙")])
        assert err.value.current_version == 2
        b.get_case(cid)  # a plain read (an export) does not make B's view current ...
        with pytest.raises(DecisionConflict):
            b.update_decisions(cid, [Decision("fill_ratio", False, "乙")])
        _, res, meta = b.get_case(cid, track=True)  # opening it again shows A's decision
        assert [d.operator for d in res.decisions] == ["甲"] and meta["version"] == 2
        assert meta["decided_verdict"] == "pass"
        assert b.update_decisions(cid, [Decision("fill_ratio", False, "乙")]) == 3  # ... then B may
        assert a.get_summary(cid).decided_verdict == "fail"
        with pytest.raises(DecisionConflict):
            a.update_decisions(cid, [], expected_version=2)
    finally:
        a.close()
        b.close()


def test_claims_divide_work_and_expire(store: RecordStore) -> None:
    assert store.claim("case-1", "w1", 60) == "claimed"
    assert store.claim("case-1", "w2", 60) == "held"
    assert store.claim("case-1", "w1", 60) == "claimed"  # a retry of its own claim
    assert store.claim("case-2", "w2", 0.2) == "claimed"
    import time

    time.sleep(0.5)
    assert store.claim("case-2", "w1", 60) == "claimed"  # expired: taken over
    assert store.renew_claims(["case-2"], "w2", 60) == 0  # w2 lost it
    store.finish_claim("case-1", "w1", case_id=7)
    store.finish_claim("case-2", "w1", error="unreadable")
    assert store.claim("case-1", "w3", 60) == "done"
    assert store.claim("case-2", "w3", 60) == "error"
    rows = {r["key"]: r for r in store.claim_rows()}
    assert rows["case-2"]["attempts"] == 2 and rows["case-2"]["worker"] == "w1"
    assert rows["case-1"]["case_id"] == 7
