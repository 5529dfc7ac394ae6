"""Reading the vehicle conformity certificate (合格证) and VIN barcode labels.

Certificates are generated (devkit/synth/certificate.py) from the public layout with a
CJK font from the machine; barcodes are written with zxing-cpp's own writer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from devkit.synth.certificate import degrade, find_font, render_certificate
from vincheck.barcodes import Barcode
from vincheck.case_files import classify_file
from vincheck.case_io import sample_case_path
from vincheck.certificate import (
    FILL_MIN_CONFIDENCE,
    CertificateReading,
    TextLine,
    apply_to_case,
    read_certificate,
    read_certificate_file,
    values_from_barcodes,
    values_from_ocr,
)
from vincheck.inspection import CaseInput

try:
    find_font()
    HAVE_FONT = True
except FileNotFoundError:
    HAVE_FONT = False
needs_font = pytest.mark.skipif(not HAVE_FONT, reason="no CJK font installed")
SAMPLE = sample_case_path().parent
VIN = "LSVAU2180N2183594"  # valid check digit


def _page(tmp_path: Path, name: str, seed: int = 5, **kw) -> tuple[Path, dict]:
    rng = np.random.default_rng(seed)
    rotation = kw.pop("rotation", 3.0)
    page, truth = render_certificate(rng, vin=VIN, **kw)
    page = degrade(page, rng, rotation_deg=rotation, photo=False)
    path = tmp_path / name
    page.save(path, "JPEG", quality=92, dpi=(150, 150))
    return path, truth


def _line(text: str, score: float, x0: float, y0: float, w: float = 200,
          h: float = 24) -> TextLine:
    return TextLine(text, score, np.array([[x0, y0], [x0 + w, y0], [x0 + w, y0 + h],
                                           [x0, y0 + h]], dtype=float))


@needs_font
def test_generated_certificate_fills_vin_colour_and_kind_from_its_barcode(
        tmp_path: Path) -> None:
    path, _ = _page(tmp_path, "scan_0001.jpg", barcode="pdf417", colour_text="珍珠白",
                    vehicle_name="厢式运输半挂车")
    r = read_certificate_file(path)
    assert r.filled() == {"vin": VIN, "colour": "白", "kind": "trailer"}
    assert {v.source for v in r.values.values()} == {"barcode"}
    assert not r.ocr_used  # the barcode gave everything: no OCR time spent
    box = r.values["vin"].box
    assert box is not None and box[0] > Image.open(path).width / 2  # top-right barcode
    case = CaseInput(rubbing_files=["a.png"])
    assert apply_to_case(case, r) == []
    assert (case.expected_vin, case.color, case.kind) == (VIN, "白", "trailer")


@needs_font
@pytest.mark.slow
def test_certificate_without_barcode_is_read_by_ocr_of_its_fields(tmp_path: Path) -> None:
    path, _ = _page(tmp_path, "page.jpg", seed=8, barcode="none", colour_text="宝石蓝",
                    vehicle_name="轿车", rotation=-4.0)
    r = read_certificate_file(path)
    assert r.ocr_used and not r.barcodes
    assert r.filled() == {"vin": VIN, "colour": "蓝", "kind": "car"}
    vin = r.values["vin"]
    assert vin.source == "ocr" and vin.confidence >= FILL_MIN_CONFIDENCE
    # the evidence box lies on the VIN's row of the table (left column, upper third)
    x0, y0, x1, y1 = vin.box
    w, h = Image.open(path).size
    assert x1 < 0.6 * w and 0.15 * h < y0 < 0.45 * h


def test_low_confidence_ocr_is_proposed_but_not_filled() -> None:
    lines = [_line("车辆识别代号/车架号", 0.99, 100, 300), _line(VIN, 0.55, 400, 302),
             _line("车身颜色", 0.99, 100, 350), _line("白", 0.60, 400, 351)]
    values = values_from_ocr(lines, {"vin", "colour", "kind"})
    assert values["vin"].value == VIN and not values["vin"].fill
    assert values["colour"].value == "白" and not values["colour"].fill
    case = CaseInput(rubbing_files=["a.png"])
    notes = apply_to_case(case, CertificateReading(None, values))
    assert case.expected_vin is None and case.color is None
    assert any("vin" in n and "not filled" in n for n in notes)
    # the same lines read with confidence are filled
    sure = [TextLine(ln.text, 0.99, ln.quad) for ln in lines]
    assert values_from_ocr(sure, {"vin"})["vin"].fill


def test_ocr_vin_needing_repair_is_only_a_suggestion() -> None:
    wrong = VIN[:8] + ("1" if VIN[8] != "1" else "2") + VIN[9:]  # check digit broken
    lines = [_line("5 车辆识别代号/车架号", 0.99, 100, 300), _line(wrong, 0.97, 400, 303)]
    v = values_from_ocr(lines, {"vin"})["vin"]
    assert not v.fill and v.note  # never filled silently, and says why


def test_value_on_the_tilted_row_not_the_row_below() -> None:
    # rotated page: the label's row falls 40 px over 400 px; the next row's value is
    # nearer in y to the label but lies off the row's slope
    label = TextLine("车身颜色", 0.99, np.array([[100, 300], [200, 310], [198, 334],
                                                [98, 324]], dtype=float))
    right = _line("红", 0.99, 500, 345, w=30)  # on the row: 300 + 0.1 * 400
    below = _line("黑", 0.99, 480, 318, w=30)
    v = values_from_ocr([label, below, right], {"colour"})["colour"]
    assert v.value == "红"


def test_barcode_values_and_their_rules() -> None:
    box = (0, 0, 10, 10)
    bad = VIN[:8] + ("1" if VIN[8] != "1" else "2") + VIN[9:]
    v = values_from_barcodes([Barcode(f"车辆识别代号:{bad};车身颜色:蓝/白", "QRCode", box)])
    assert not v["vin"].fill and "VIN rules" in v["vin"].note
    assert v["colour"].value is None and not v["colour"].fill  # two-tone: operator decides
    silver = values_from_barcodes([Barcode("车身颜色：银灰色", "PDF417", box)])["colour"]
    assert silver.value == "灰"
    silver2 = values_from_barcodes([Barcode("车身颜色：银色", "PDF417", box)])["colour"]
    assert silver2.value == "灰" and not silver2.fill  # mapped by custom: confirm


@pytest.mark.parametrize("fmt", ["Code39", "DataMatrix", "Code128", "QRCode"])
def test_vin_barcode_labels(fmt: str) -> None:
    import zxingcpp

    code = zxingcpp.create_barcode(VIN, getattr(zxingcpp.BarcodeFormat, fmt))
    label = np.array(zxingcpp.write_barcode_to_image(code, scale=3))
    canvas = np.full((label.shape[0] + 120, label.shape[1] + 120), 235, np.uint8)
    canvas[60:60 + label.shape[0], 60:60 + label.shape[1]] = label
    img = Image.fromarray(canvas).rotate(7, expand=True, fillcolor=235)
    rng = np.random.default_rng(1)
    arr = np.clip(np.asarray(img, dtype=float) + rng.normal(0, 6, img.size[::-1]), 0, 255)
    rgb = np.repeat(arr.astype(np.uint8)[:, :, None], 3, axis=2)
    r = read_certificate(rgb, use_ocr=False)
    assert r.filled() == {"vin": VIN}
    assert r.values["vin"].source == "barcode"


@needs_font
def test_certificate_is_sorted_as_certificate(tmp_path: Path) -> None:
    path, _ = _page(tmp_path, "IMG_0042.jpg", barcode="none", seal_on_vin=True)
    assert classify_file(path) == "certificate"  # by its ruled form, name says nothing
    assert classify_file(SAMPLE / "rubbing_sheet.png") == "rubbing"
    assert classify_file(SAMPLE / "photo_print_scan.png") == "photo"
    assert classify_file(SAMPLE / "photo_digital.jpg") == "photo"
    named = tmp_path / "合格证.png"
    Image.open(SAMPLE / "photo_digital.jpg").save(named)
    assert classify_file(named) == "certificate"


@needs_font
def test_cli_certificate_and_check_with_certificate(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    import json

    from vincheck.cli import build_parser, main
    from vincheck.cli.cmd_check import build_case

    path, _ = _page(tmp_path, "cert.jpg", barcode="qr", colour_text="黑")
    assert main(["certificate", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["filled"] == {"vin": VIN, "colour": "黑", "kind": out["filled"]["kind"]}
    args = build_parser().parse_args(["check", "--rubbing", str(SAMPLE / "rubbing_sheet.png"),
                                      "--certificate", str(path)])
    case = build_case(args)
    assert case.expected_vin == VIN and case.color == "黑"
    # a VIN typed on the command line wins; the difference is said
    typed = "LFV2A21K5A3055416"
    args = build_parser().parse_args(["check", "--rubbing", str(SAMPLE / "rubbing_sheet.png"),
                                      "--certificate", str(path), "--expect", typed])
    case = build_case(args)
    assert case.expected_vin == typed
    assert "differs" in capsys.readouterr().err


@needs_font
def test_batch_case_takes_its_vin_from_the_certificate_in_its_folder(tmp_path: Path) -> None:
    from vincheck.batch import check_one
    from vincheck.settings import Settings

    path, _ = _page(tmp_path, "hgz.jpg", barcode="qr", colour_text="红")
    seen: list[CaseInput] = []

    def runner(ci: CaseInput, _settings: Settings) -> str:
        seen.append(ci)
        return "result"

    status, _, ci = check_one(runner, Settings(), CaseInput(
        rubbing_files=[str(SAMPLE / "rubbing_sheet.png")]), [str(path)])
    assert status == "ok"
    assert (ci.expected_vin, ci.color) == (VIN, "红")
    assert ci.certificate_files == [str(path)] and str(path) not in ci.photo_files


@needs_font
@pytest.mark.slow
def test_headline_barcode_pages_fill_the_exact_vin_and_never_a_wrong_one(
        tmp_path: Path) -> None:
    """Holds the README's barcode figure (benchmarks.certificate): generated pages with a
    readable QR / PDF417, rotated up to 6 degrees, scans and phone-photo looks."""
    rng = np.random.default_rng(23)
    exact = wrong = 0
    n = 8
    for i in range(n):
        page, truth = render_certificate(rng, barcode="qr" if i % 2 else "pdf417",
                                         seal_on_vin=bool(i % 3 == 0))
        page = degrade(page, rng, rotation_deg=float(rng.uniform(-6, 6)), photo=i % 4 == 1)
        r = read_certificate(np.asarray(page), use_ocr=False)
        v = r.values.get("vin")
        exact += bool(v and v.fill and v.value == truth["vin"])
        wrong += bool(v and v.fill and v.value != truth["vin"])
    assert wrong == 0
    assert exact >= n - 1  # README: barcode readable pages, VIN filled 100 % (one miss
    # allowed here: a PDF417 now and then does not decode after rotation and JPEG)
