"""The window: a certificate dropped into the case fills it (or asks), and pages scanned
from SANE's test device arrive in the case with their DPI; a failed or cancelled scan
leaves the case as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")

from devkit.synth.certificate import find_font, render_certificate  # noqa: E402
from tests.gui_support import FakeRunner  # noqa: E402
from vincheck.certificate import CertificateReading, CertificateValue  # noqa: E402
from vincheck.gui.main_window import MainWindow  # noqa: E402
from vincheck.imageio import load_image  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

pytestmark = pytest.mark.gui
VIN = "LSVAU2180N2183594"
needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="scanimage (sane-utils) is not installed")


def make_window(qtbot) -> MainWindow:  # noqa: ANN001
    w = MainWindow(runner=FakeRunner(), settings=Settings(operator="Li Lei"), record=False)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    try:
        find_font()
    except FileNotFoundError:
        pytest.skip("no CJK font installed")
    page, _ = render_certificate(np.random.default_rng(3), vin=VIN, barcode="qr",
                                 colour_text="星空灰", vehicle_name="轿车")
    path = tmp_path / "IMG_2031.png"  # nothing in the name says certificate
    page.save(path, dpi=(150, 150))
    return path


def test_a_dropped_certificate_fills_vin_colour_and_kind(qtbot, english,
                                                         certificate: Path) -> None:
    w = make_window(qtbot)
    w.panel.kind_combo.setCurrentIndex(w.panel.kind_combo.findData("trailer"))
    with qtbot.waitSignal(w.intake.certificate_reader.done, timeout=60000):
        w.flow.add_paths([str(certificate)])
    assert w.panel.files() == [(str(certificate), "certificate")]
    case = w.panel.case_input()
    assert (case.expected_vin, case.color, case.kind) == (VIN, "灰", "car")
    assert case.certificate_files == [str(certificate)] and not case.photo_files
    box = w.panel.certificate_box
    assert box.isVisible()
    assert "barcode" in box.source_labels["vin"].text()
    assert "filled in" in box.source_labels["vin"].text()
    assert not box.use_buttons["vin"].isVisible()


def _unsure_reading(file: str) -> tuple[CertificateReading, dict]:
    r = CertificateReading(file)
    r.values["vin"] = CertificateValue("vin", VIN, VIN, "ocr", 0.55, (10, 10, 200, 40),
                                       fill=False, note="the OCR was unsure")
    r.values["colour"] = CertificateValue("colour", "红", "红", "ocr", 0.97, (10, 50, 60, 80),
                                          fill=True)
    return r, {"vin": np.full((20, 120, 3), 200, np.uint8)}


def test_an_unsure_value_is_not_filled_until_the_operator_takes_it(
        qtbot, english, certificate: Path) -> None:
    w = make_window(qtbot)
    w.intake.certificate_reader.read_function = _unsure_reading
    with qtbot.waitSignal(w.intake.certificate_reader.done, timeout=60000):
        w.flow.add_paths([str(certificate)])
    box = w.panel.certificate_box
    assert w.panel.vin_edit.text() == ""  # not filled silently
    assert w.panel.colour() == "红"
    assert "please confirm" in box.source_labels["vin"].text()
    assert "unsure" in box.source_labels["vin"].toolTip()
    assert box.use_buttons["vin"].isVisible()
    assert w.panel.certificate_box.crop_labels["vin"].isVisible()  # the evidence to judge
    box.use_buttons["vin"].click()
    assert w.panel.vin_edit.text() == VIN
    assert not box.use_buttons["vin"].isVisible()


def test_a_typed_vin_is_not_overwritten(qtbot, english, certificate: Path) -> None:
    w = make_window(qtbot)
    typed = "LFV2A21K5A3055414"
    w.panel.vin_edit.setText(typed)
    with qtbot.waitSignal(w.intake.certificate_reader.done, timeout=60000):
        w.flow.add_paths([str(certificate)])
    assert w.panel.vin_edit.text() == typed
    assert w.panel.certificate_box.use_buttons["vin"].isVisible()  # offered, not forced


@pytest.fixture
def sane_env(tmp_path_factory: pytest.TempPathFactory,
             monkeypatch: pytest.MonkeyPatch) -> None:
    conf = tmp_path_factory.mktemp("sane") / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n", encoding="ascii")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(conf))


def _open_scan_dialog(qtbot, w: MainWindow):  # noqa: ANN001, ANN202
    w.menus.act_scan.trigger()
    dlg = w.intake.scan_dialog
    qtbot.waitUntil(lambda: dlg.device_combo.count() > 0, timeout=20000)
    return dlg


@needs_sane
def test_scan_from_the_sane_test_device_arrives_in_the_case_with_its_dpi(
        qtbot, english, sane_env, tmp_path: Path) -> None:
    w = make_window(qtbot)
    assert w.menus.act_scan.shortcut().toString() == "Ctrl+Shift+S"
    w.model.case_path = tmp_path / "case.json"  # scans go beside the case file
    dlg = _open_scan_dialog(qtbot, w)
    assert dlg.dpi() == 300
    dlg.dpi_combo.setCurrentIndex(dlg.dpi_combo.findData(600))
    dlg.extra_options = ["-x", "40", "-y", "30", "--test-picture", "Color pattern"]
    with qtbot.waitSignal(w.filesSorted, timeout=60000):
        dlg.scan_button.click()
    files = w.panel.files()
    assert len(files) == 1
    path = Path(files[0][0])
    assert path.parent == tmp_path / "scans"
    img = load_image(path)
    assert img.dpi == pytest.approx(600) and img.dpi_source == "file"
    assert img.width == pytest.approx(40 / 25.4 * 600, abs=2)


@needs_sane
def test_scanner_error_and_cancel_leave_the_case_unchanged(
        qtbot, english, sane_env, tmp_path: Path) -> None:
    w = make_window(qtbot)
    w.model.case_path = tmp_path / "case.json"
    w.panel.add_file(str(tmp_path / "kept.png"), "photo")
    before = w.panel.files()
    dlg = _open_scan_dialog(qtbot, w)
    dlg.extra_options = ["-x", "20", "-y", "20", "--read-return-value", "SANE_STATUS_JAMMED"]
    with qtbot.waitSignal(dlg.failed, timeout=60000) as failed:
        dlg.scan_button.click()
    assert "jammed" in failed.args[0].lower() and "Nothing was added" in failed.args[0]
    assert "jammed" in w.messages.text_plain().lower()
    assert w.panel.files() == before
    # a slow scan, cancelled from the dialog
    dlg.extra_options = ["-x", "100", "-y", "100", "--read-limit=yes", "--read-limit-size",
                         "256", "--read-delay=yes", "--read-delay-duration", "50000"]
    dlg.scan_button.click()
    qtbot.waitUntil(lambda: dlg.progress.value() > 0, timeout=20000)
    with qtbot.waitSignal(dlg.failed, timeout=20000) as cancelled:
        dlg.cancel_button.click()
    assert "cancelled" in cancelled.args[0]
    assert w.panel.files() == before
    scans = tmp_path / "scans"
    assert not scans.exists() or list(scans.iterdir()) == []
