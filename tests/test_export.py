"""Reports: the PDF (real Chinese text, VIN, verdict, hashes, drawn evidence), CSV / JSON
round trips, evidence drawing and the ``vincheck report`` command."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.test_store import VIN_A, VIN_B, make_result
from vincheck.cli import main
from vincheck.export import (
    export_csv,
    export_json,
    import_csv,
    import_json,
    register_cjk_font,
    write_case_pdf,
)
from vincheck.findings import Decision, Finding, Shape, Status
from vincheck.inspection import CaseInput
from vincheck.render import Mark, draw_marks
from vincheck.settings import Settings
from vincheck.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture()
def images(tmp_path: Path) -> tuple[Path, Path]:
    sheet = np.full((500, 1000, 3), 240, np.uint8)
    sheet[200:280, 80:920] = 70
    photo = np.zeros((600, 880, 3), np.uint8)
    photo[:] = (120, 170, 90)
    photo[150:480, 120:760] = (230, 230, 235)
    s, p = tmp_path / "sheet_rubbing.png", tmp_path / "car_photo.jpg"
    Image.fromarray(sheet).save(s)
    Image.fromarray(photo).save(p, quality=92)
    return s, p


def _case(images: tuple[Path, Path], vin: str = VIN_A) -> CaseInput:
    return CaseInput(rubbing_files=[str(images[0])], photo_files=[str(images[1])],
                     expected_vin=vin)


@needs_poppler
def test_pdf_has_vin_chinese_verdict_hashes_and_images(tmp_path: Path, images) -> None:
    res = make_result(VIN_A, status=Status.FAIL, files=(str(images[0]), str(images[1])))
    res.decisions = [Decision("fill_ratio", False, "张三", note="车身不完整")]
    with Store(tmp_path / "r.sqlite3") as st:
        cid = st.record_case(_case(images), res, station="北京市第一检验站", operator="张三")
        ci, back, meta = st.get_case(cid)
    out = write_case_pdf(back, ci, tmp_path / "rep" / "case.pdf", meta=meta)
    assert out.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(out)
    assert VIN_A in text
    assert "结论：不合格" in text and "FAIL" not in text  # the verdict, in Chinese only
    assert "北京市第一检验站" in text and "车身不完整" in text
    for f in images:
        assert hashlib.sha256(f.read_bytes()).hexdigest() in text.replace("\n", "").replace(
            " ", "")
    assert "fill_ratio" in text and "61%" in text  # the checklist row: measured share
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "A4" in pages or "595" in pages
    imgs = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True,
                          text=True).stdout.strip().splitlines()
    assert len(imgs) - 2 == 2  # header lines + one image per file
    font, embedded = register_cjk_font()
    if embedded:
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        cjk = [ln for ln in fonts.splitlines() if "VincheckCJK" in ln or "WenQuanYi" in ln]
        assert cjk and " yes " in cjk[0]  # embedded


@needs_poppler
def test_pdf_review_verdict_after_decisions_and_missing_image(tmp_path: Path, images) -> None:
    res = make_result(VIN_B, status=Status.REVIEW, files=(str(images[0]),
                                                           str(tmp_path / "gone.jpg")))
    out = write_case_pdf(res, None, tmp_path / "review.pdf",
                         settings=Settings(station="站B", operator="李四"))
    text = pdf_text(out)
    assert "结论：待人工核查" in text and VIN_B in text and "站B" in text
    assert "图像文件不可用：gone.jpg" in text
    res.decisions = [Decision("fill_ratio", True, "李四")]
    text = pdf_text(write_case_pdf(res, None, tmp_path / "decided.pdf"))
    assert "结论：合格" in text and "经操作员复核后：合格" in text
    text = pdf_text(write_case_pdf(res, None, tmp_path / "decided_en.pdf", lang="en"))
    assert "Verdict: PASS" in text and "after operator review: PASS" in text


def test_draw_marks_colours_evidence_and_keeps_input(images) -> None:
    rgb = np.full((200, 400, 3), 255, np.uint8)
    before = rgb.copy()
    marks = [Mark(Shape.box(50, 40, 100, 60), "fail", "char_height"),
             Mark(Shape("circle", (300, 100, 30)), "pass", "x")]
    out = draw_marks(rgb, marks, max_side=None)
    assert np.array_equal(rgb, before)
    assert out.shape == rgb.shape
    r, g, b = (out[70, 50].astype(int))  # left edge of the fail box
    assert r > 180 and g < 60 and b < 60
    r, g, b = out[100, 330].astype(int)  # right of the pass circle
    assert g > r and g > b
    assert (out[70, 100] == 255).all()  # inside the box untouched
    small = draw_marks(np.zeros((1000, 3000, 3), np.uint8), marks, max_side=600)
    assert max(small.shape[:2]) == 600


def _white_label_boxes(out: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the white label grounds drawn on a black image."""
    import cv2

    white = (out.min(axis=2) >= 250).astype(np.uint8)
    n, _lab, stats, _c = cv2.connectedComponentsWithStats(white)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, n) if stats[i, 4] > 30]


def test_draw_marks_names_a_finding_once_and_keeps_labels_apart() -> None:
    black = np.zeros((300, 600, 3), np.uint8)
    areas = [Mark(Shape("polygon", (x, 150, x + 40, 150, x + 40, 190, x, 190), "",
                        "exposure"), "fail", "exposure") for x in (60, 200, 340)]
    # three outlines of one finding: its code once, not three times
    assert len(_white_label_boxes(draw_marks(black, areas, max_side=None))) == 1
    # two labels at almost the same place: both drawn, neither over the other
    near = [Mark(Shape.box(100, 100, 200, 100, label="car 0.76 (detector)"), "pass", "a"),
            Mark(Shape.box(104, 103, 150, 80, label="white"), "pass", "b")]
    boxes = _white_label_boxes(draw_marks(black, near, max_side=None))
    assert len(boxes) == 2
    (x1, y1, w1, h1), (x2, y2, w2, h2) = boxes
    assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_csv_round_trip(tmp_path: Path, images) -> None:
    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(_case(images), make_result(VIN_A), station="站,A", operator='王"五')
        st.record_case(_case(images, VIN_B), make_result(VIN_B, read=VIN_A))
        rows = st.search()
    p = export_csv(rows, tmp_path / "out.csv")
    assert p.read_bytes()[:3] == b"\xef\xbb\xbf"  # BOM for spreadsheet programs
    back = import_csv(p)
    assert [b.to_dict() for b in back] == [r.to_dict() for r in rows]
    assert back[0].vins_read == [VIN_A] and "vin_mismatch" in back[0].reasons


def test_csv_cells_are_not_run_as_formulas(tmp_path: Path, images) -> None:
    import csv

    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(_case(images), make_result(VIN_A), station="=HYPERLINK(\"x\")",
                       operator="@SUM(A1)")
        st.record_case(_case(images, VIN_B), make_result(VIN_B), station="'plain",
                       operator="-")
        rows = st.search()
    p = export_csv(rows, tmp_path / "out.csv")
    cells = [c for row in csv.reader(p.read_text(encoding="utf-8-sig").splitlines())
             for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "'=HYPERLINK(\"x\")" in cells and "'@SUM(A1)" in cells
    back = import_csv(p)  # the apostrophes come off again, other text is left alone
    assert [b.to_dict() for b in back] == [r.to_dict() for r in rows]
    assert {b.station for b in back} == {"=HYPERLINK(\"x\")", "'plain"}


def test_json_round_trip_summaries_and_records(tmp_path: Path, images) -> None:
    with Store(tmp_path / "r.sqlite3") as st:
        a = st.record_case(_case(images), make_result(VIN_A, status=Status.REVIEW))
        st.update_decisions(a, [Decision("fill_ratio", True, "op", note="ok")])
        st.record_case(_case(images, VIN_B), make_result(VIN_B), source="batch",
                       batch_key="k")
        rows = st.search()
        records = [st.get_record(r.id) for r in rows]
    back = import_json(export_json(records, tmp_path / "records.json"))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in records]
    assert back[1].result.decisions[0].note == "ok"
    summ = import_json(export_json(rows, tmp_path / "summaries.json"))
    assert [s.to_dict() for s in summ] == [r.to_dict() for r in rows]


def test_import_rejects_other_files(tmp_path: Path) -> None:
    from vincheck.errors import InputFileError

    p = tmp_path / "x.json"
    p.write_text('{"hello": 1}')
    with pytest.raises(InputFileError, match="not a vincheck records export"):
        import_json(p)


@needs_poppler
def test_report_command(tmp_path: Path, images, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite3"
    with Store(db) as st:
        a = st.record_case(_case(images), make_result(VIN_A),
                           created_at="2026-01-10T09:00:00+08:00", station="站一")
        b = st.record_case(_case(images, VIN_B), make_result(VIN_B, status=Status.FAIL),
                           created_at="2026-02-10T09:00:00+08:00")
    assert main(["report", "list", "--db", str(db), "--verdict", "fail"]) == 0
    out = capsys.readouterr().out
    assert VIN_B in out and VIN_A not in out and "1 case(s)" in out
    assert main(["report", "list", "--db", str(db), "--vin", "c2184",
                 "--to", "2026-01-10"]) == 0
    out = capsys.readouterr().out
    assert VIN_A in out and "站一" in out
    # the time is this station's local time with its offset, not the recording desk's
    # wall time cut off before its offset
    from datetime import datetime

    local = datetime.fromisoformat("2026-01-10T09:00:00+08:00").astimezone()
    assert local.strftime("%Y-%m-%d %H:%M:%S") in out and "(UTC" in out
    pdf = tmp_path / "a.pdf"
    assert main(["report", "pdf", str(a), "--out", str(pdf), "--db", str(db)]) == 0
    assert VIN_A in pdf_text(pdf)
    csv_out = tmp_path / "s.csv"
    assert main(["report", "csv", "--from", "2026-02-01", "--out", str(csv_out),
                 "--db", str(db)]) == 0
    assert [r.id for r in import_csv(csv_out)] == [b]
    js = tmp_path / "all.json"
    assert main(["report", "json", "--out", str(js), "--db", str(db)]) == 0
    assert sorted(r.summary.id for r in import_json(js)) == [a, b]
    assert main(["report", "pdf", "999", "--out", str(pdf), "--db", str(db)]) == 4
    assert "no case 999" in capsys.readouterr().err
    assert main(["report", "list", "--db", str(db), "--from", "someday"]) == 2
    assert main(["report"]) == 2
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 100)
    assert main(["report", "list", "--db", str(bad)]) == 4
    assert "damaged" in capsys.readouterr().err


def test_finding_without_evidence_or_values_renders(tmp_path: Path) -> None:
    res = make_result(VIN_A)
    res.findings.append(Finding("missing_photo", Status.FAIL, message="no exterior photo"))
    out = write_case_pdf(res, None, tmp_path / "x.pdf")
    assert out.stat().st_size > 1000


@needs_poppler
def test_report_pdf_is_named_for_the_vehicle_and_speaks_one_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from tests.clock_support import freeze_now

    db = tmp_path / "r.sqlite3"
    with Store(db) as st:
        cid = st.record_case(CaseInput(), make_result(VIN_A, status=Status.FAIL))
    monkeypatch.chdir(tmp_path)
    # the date in the name is the day the report is written, from the (injected) clock: a
    # run across midnight cannot name the two reports by different days than expected
    freeze_now(monkeypatch, "vincheck.export.labels", datetime(2031, 2, 3, 23, 59, 59))
    assert main(["report", "pdf", str(cid), "--db", str(db)]) == 0
    zh = tmp_path / f"{VIN_A}_2031-02-03_不合格.pdf"
    assert zh.exists() and "结论：不合格" in pdf_text(zh)
    assert main(["report", "pdf", str(cid), "--db", str(db), "--lang", "en"]) == 0
    assert "Verdict: FAIL" in pdf_text(tmp_path / f"{VIN_A}_2031-02-03_FAIL.pdf")
