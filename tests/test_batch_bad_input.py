"""A batch goes on past a case it cannot read, records why, and shares a folder with a
second batch running at the same time. (Tests run as root, so an unreadable file is made
by removing it mid-batch or by a failing open, not by permissions.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import vincheck.batch.discover as batch_discover
from tests.test_batch import VINS, fake_runner, write_case
from vincheck.batch import run_batch
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import Store

_REMOVE: list[Path] = []
_BARRIER = threading.Barrier(2, timeout=20)


def removing_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    """Checks a case and meanwhile a file of a later case disappears (a scanner moving
    it away): the later case cannot be hashed."""
    for p in _REMOVE:
        p.unlink(missing_ok=True)
    return fake_runner(case, settings)


def test_a_file_that_vanishes_mid_batch_fails_its_case_only(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for v in VINS[:3]:
        write_case(root, v)
    _REMOVE[:] = [root / sorted(VINS[:3])[1] / "photo_1.jpg"]
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=1, runner=removing_runner)
        by_key = {o.key: o for o in rep.outcomes}
        bad = by_key[sorted(VINS[:3])[1]]
        assert bad.status == "error" and bad.reasons == ["input_error"]
        assert "cannot read photo_1.jpg" in bad.error and "No such file" in bad.error
        assert [by_key[k].status for k in sorted(VINS[:3]) if k != bad.key] == ["checked"] * 2
        assert st.count() == 2 and rep.exit_code == 1
        assert "error 1" in rep.summary_text()


def test_a_permission_error_while_hashing_fails_its_case_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    write_case(root, VINS[0])
    write_case(root, VINS[1])
    real = batch_discover.hash_file

    def hash_file(path: str) -> tuple[int, str]:
        if VINS[0] in path and path.endswith(".png"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(batch_discover, "hash_file", hash_file)
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=1, runner=fake_runner)
    by_key = {o.key: o for o in rep.outcomes}
    assert by_key[VINS[0]].status == "error"
    assert by_key[VINS[0]].error == "cannot read rubbing_1.png: Permission denied"
    assert by_key[VINS[1]].status == "checked"


def test_a_case_whose_files_are_all_unreadable_says_so(tmp_path: Path) -> None:
    root = tmp_path / "in" / "LSVAU2180N2183594"  # a valid VIN: no other finding
    root.mkdir(parents=True)
    (root / "rubbing.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 50)
    root = root.parent
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=1)  # the real check: nothing decodes
        o = rep.outcomes[0]
        assert o.status == "checked" and o.verdict == "review"
        assert o.reasons == ["input_error"]  # was: review with no reason at all
        assert o.error.startswith("none of the case's 2 file(s) could be read: ")
        assert "rubbing.png" in o.error and "photo.jpg" in o.error
        assert st.count() == 1 and rep.exit_code == 1
        assert "input_error x1" in rep.summary_text()


def racing_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    """Both batches check the first case at the same time (neither has recorded it)."""
    if case.expected_vin == sorted(VINS[:3])[0]:
        _BARRIER.wait()
    return fake_runner(case, settings)


def test_two_batches_on_one_folder_skip_what_the_other_recorded(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for v in VINS[:3]:
        write_case(root, v)
    db = tmp_path / "r.sqlite3"
    reports: list = []
    errors: list[BaseException] = []

    def one_batch() -> None:
        try:
            with Store(db) as st:
                reports.append(run_batch(root, store=st, jobs=1, runner=racing_runner))
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    _BARRIER.reset()
    threads = [threading.Thread(target=one_batch) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(reports) == 2
    first = sorted(VINS[:3])[0]
    outcomes = [o for r in reports for o in r.outcomes]
    firsts = [o for o in outcomes if o.key == first]
    assert sorted(o.status for o in firsts) == ["checked", "skipped"]
    skipped = next(o for o in firsts if o.status == "skipped")
    assert skipped.error == "recorded meanwhile by another batch run"
    assert skipped.case_id == next(o for o in firsts if o.status == "checked").case_id
    assert sum(o.status == "checked" for o in outcomes) == 3  # each case checked once
    assert all(r.exit_code == 0 for r in reports)
    with Store(db) as st:
        assert st.count() == 3
