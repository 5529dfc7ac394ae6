"""Batch checking: folder conventions, expect lists, resume, crash safety, watch, CLI."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from tests.test_store import make_result
from vincheck.batch import (
    BatchReport,
    CaseOutcome,
    discover_cases,
    looks_like_vin,
    read_expect_list,
    run_batch,
)
from vincheck.cli import main
from vincheck.errors import UsageError
from vincheck.findings import CaseResult, Status
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import Store

REPO = Path(__file__).resolve().parent.parent
VINS = ["LSVAM4187C2184841", "LFV2A21K5A3012345", "LGBH52E05AY123456", "WVWZZZ1JZ3W386752",
        "1HGCM82633A004352", "JHMFA16586S012345"]


def fake_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    """Reads 'VIN=<vin>' from the rubbing file and 'STATUS=<s>' from the photo file (no
    image decoding): the result depends on the files, as a real check does."""
    read = None
    for f in case.rubbing_files:
        text = Path(f).read_bytes().decode("latin-1")
        if "VIN=" in text:
            read = text.split("VIN=", 1)[1][:17]
    status = Status.PASS
    for f in case.photo_files:
        text = Path(f).read_bytes().decode("latin-1")
        if "STATUS=" in text:
            status = Status(text.split("STATUS=", 1)[1].split()[0])
    res = make_result(case.expected_vin or read or "UNKNOWN", read=read, status=status,
                      files=(case.rubbing_files[0] if case.rubbing_files else "",
                             case.photo_files[0] if case.photo_files else ""))
    res.kind = case.kind
    return res


def slow_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    time.sleep(0.25)
    return fake_runner(case, settings)


HELD_FROM = 6  # held_runner checks cases 0-5 (the VIN's last 5 digits) and holds the rest


def held_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    """:func:`slow_runner` for the cases numbered below :data:`HELD_FROM` (the last digits
    of the case folder's VIN); later ones wait a minute: a batch killed meanwhile has
    recorded at most HELD_FROM cases, however slowly the test that kills it runs."""
    if int((case.expected_vin or Path(case.files()[0]).parent.name)[-5:]) >= HELD_FROM:
        time.sleep(60)
    return slow_runner(case, settings)


def write_case(folder: Path, vin: str, *, read: str | None = None, status: str = "pass",
               loose: bool = False) -> None:
    """A case as a sub-folder named by the VIN (or as loose <VIN>_*.png files)."""
    if loose:
        rub, pho = folder / f"{vin}_rubbing.png", folder / f"{vin}_photo.jpg"
    else:
        (folder / vin).mkdir(parents=True, exist_ok=True)
        rub, pho = folder / vin / "rubbing_1.png", folder / vin / "photo_1.jpg"
    rub.write_bytes(f"VIN={read or vin} ".encode() + b"." * 200)
    pho.write_bytes(f"STATUS={status} ".encode() + b"," * 200)


def test_looks_like_vin() -> None:
    assert looks_like_vin("lsvam4187c2184841")
    assert not looks_like_vin("LSVAM4187C218484I")  # I is never used
    assert not looks_like_vin("case-01")


def test_discover_folder_and_loose_conventions(tmp_path: Path) -> None:
    write_case(tmp_path, VINS[0])
    write_case(tmp_path, VINS[1], loose=True)
    (tmp_path / "truck-07").mkdir()
    (tmp_path / "truck-07" / "scan_a.tif").write_bytes(b"x")  # no hint: sorted by pixels
    (tmp_path / "truck-07" / "拓印.png").write_bytes(b"x")
    (tmp_path / "truck-07" / "notes.txt").write_text("not an image")
    (tmp_path / "stray.png").write_bytes(b"x")  # no key: ignored
    cases = {c.key: c for c in discover_cases(tmp_path, {"truck-07": VINS[2]})}
    assert set(cases) == {VINS[0], VINS[1], "truck-07"}
    assert cases[VINS[0]].expected_vin == VINS[0]
    assert [Path(f).name for f in cases[VINS[0]].rubbing_files] == ["rubbing_1.png"]
    assert [Path(f).name for f in cases[VINS[1]].photo_files] == [f"{VINS[1]}_photo.jpg"]
    t = cases["truck-07"]
    assert t.expected_vin == VINS[2]
    assert [Path(f).name for f in t.rubbing_files] == ["拓印.png"]
    assert [Path(f).name for f in t.unknown_files] == ["scan_a.tif"]
    with pytest.raises(UsageError):
        discover_cases(tmp_path / "nope")


@pytest.mark.parametrize("text,encoding,expected", [
    ("case,vin\nA01,LSVAM4187C2184841\nA02, lfv2a21k5a3012345 \n", "utf-8",
     {"A01": VINS[0], "A02": VINS[1]}),
    ("vin;expected_vin\nKEY1;LSVAM4187C2184841\n", "utf-8-sig", {"KEY1": VINS[0]}),
    ("文件夹\t车辆识别代号\n车辆一\tLSVAM4187C2184841\n", "gb18030", {"车辆一": VINS[0]}),
    ("A01,LSVAM4187C2184841\nA02,LFV2A21K5A3012345\n", "utf-8",
     {"A01": VINS[0], "A02": VINS[1]}),
    ("VIN\nLSVAM4187C2184841\n", "utf-8", {VINS[0]: VINS[0]}),
])
def test_expect_list_variants(tmp_path: Path, text: str, encoding: str,
                              expected: dict[str, str]) -> None:
    p = tmp_path / "expect.csv"
    p.write_bytes(text.encode(encoding))
    assert read_expect_list(p) == expected


def test_expect_list_without_vin_column(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("order,colour\n1,white\n")
    with pytest.raises(UsageError, match="no VIN column"):
        read_expect_list(p)


def test_batch_records_resumes_and_rechecks_changed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_case(root, VINS[0])
    write_case(root, VINS[1], read=VINS[2])  # the rubbing reads another VIN -> fail
    write_case(root, VINS[3], status="review", loose=True)
    seen: list[CaseOutcome] = []
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=1, runner=fake_runner, on_outcome=seen.append,
                        expect={"ABSENT-1": VINS[4]})
        assert rep.counts() == {"pass": 1, "fail": 1, "review": 1, "missing": 1}
        assert [o.key for o in seen if o.status == "checked"] == sorted(VINS[i]
                                                                         for i in (0, 1, 3))
        assert rep.exit_code == 1 and st.count() == 3
        assert rep.top_reasons()[0][1] == 1
        failed = next(o for o in rep.outcomes if o.key == VINS[1])
        assert failed.vins_read == [VINS[2]] and "vin_mismatch" in failed.reasons
        ci, res, meta = st.get_case(failed.case_id)
        assert meta["source"] == "batch" and ci.expected_vin == VINS[1]

        again = run_batch(root, store=st, jobs=1, runner=fake_runner)
        assert {o.status for o in again.outcomes} == {"skipped"} and st.count() == 3
        assert {o.case_id for o in again.outcomes} == {o.case_id for o in rep.outcomes
                                                       if o.case_id}
        assert again.counts()["fail"] == 1  # skipped cases keep their recorded verdict

        write_case(root, VINS[1])  # rescanned: now reads the right VIN
        third = run_batch(root, store=st, jobs=1, runner=fake_runner)
        assert [o.key for o in third.outcomes if o.status == "checked"] == [VINS[1]]
        assert st.count() == 4 and third.counts()["fail"] == 0


def test_batch_error_case_is_not_recorded(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_case(root, VINS[0])
    (root / VINS[0] / "rubbing_1.png").write_bytes(b"VIN=SHORT")  # fake runner chokes
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=1, runner=_failing_runner)
        assert rep.outcomes[0].status == "error" and "boom" in rep.outcomes[0].error
        assert st.count() == 0 and rep.exit_code == 1


def _failing_runner(case: CaseInput, settings: Settings | None = None) -> CaseResult:
    raise RuntimeError("boom")


@pytest.mark.slow
def test_batch_two_workers(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for v in VINS:
        write_case(root, v)
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(root, store=st, jobs=2, runner=fake_runner)
        assert rep.counts() == {"pass": len(VINS)}
        assert sorted(s.expected_vin for s in st.search()) == sorted(VINS)


def test_cli_batch_results_csv_and_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import vincheck.batch

    monkeypatch.setattr(vincheck.batch.runner, "run_case", fake_runner)
    root, db, out = tmp_path / "in", tmp_path / "r.sqlite3", tmp_path / "res.csv"
    write_case(root, VINS[0])
    write_case(root, VINS[1])
    args = ["batch", str(root), "--db", str(db), "--out", str(out), "--jobs", "1"]
    assert main(args) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["case"], r["status"], r["verdict"]) for r in rows] == [
        (v, "checked", "pass") for v in sorted(VINS[:2])]
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 2 and '"verdict":"pass"' in captured.out
    assert "cases/min" in captured.err

    write_case(root, VINS[2], read=VINS[3])
    assert main(args) == 1
    rows = {r["case"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert {k: r["status"] for k, r in rows.items()} == {
        VINS[0]: "skipped", VINS[1]: "skipped", VINS[2]: "checked"}
    assert rows[VINS[2]]["verdict"] == "fail" and rows[VINS[2]]["vins_read"] == VINS[3]
    assert main(["batch", str(tmp_path / "missing"), "--db", str(db)]) == 2
    assert main(["batch", str(root), "--db", str(db), "--jobs", "0"]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["batch", str(empty), "--db", str(db)]) == 2


def test_report_exit_code_rules() -> None:
    ok = BatchReport([CaseOutcome("a", "checked", verdict="pass"),
                      CaseOutcome("b", "skipped", verdict="pass")])
    assert ok.exit_code == 0
    assert BatchReport([CaseOutcome("a", "checked", verdict="review")]).exit_code == 1
    assert BatchReport([CaseOutcome("a", "error")]).exit_code == 1
    assert BatchReport([CaseOutcome("a", "checked", verdict="pass")],
                       interrupted=True).exit_code == 130


def test_files_without_name_hints_are_sorted_by_pixels(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    folder = tmp_path / "in" / VINS[0]
    folder.mkdir(parents=True)
    sheet = np.full((600, 900, 3), 245, np.uint8)  # white paper, one dark long strip
    sheet[260:330, 60:840] = 50
    info = PngInfo()
    info.add_text("note", f"VIN={VINS[0]} ")
    Image.fromarray(sheet).save(folder / "scan_001.png", pnginfo=info)
    rng = np.random.default_rng(3)
    photo = rng.integers(0, 255, (600, 880, 3), dtype=np.uint8)  # colourful, busy
    photo[:, :, 0] = 200
    Image.fromarray(photo).save(folder / "scan_002.jpg", quality=90)
    with Store(tmp_path / "r.sqlite3") as st:
        rep = run_batch(tmp_path / "in", store=st, jobs=1, runner=fake_runner)
        o = rep.outcomes[0]
        assert (o.status, o.verdict, o.n_rubbing, o.n_photo) == ("checked", "pass", 1, 1)
        ci, res, _ = st.get_case(o.case_id)
    assert [Path(f).name for f in ci.rubbing_files] == ["scan_001.png"]
    assert [Path(f).name for f in ci.photo_files] == ["scan_002.jpg"]
    assert res.vins_read == [VINS[0]]
