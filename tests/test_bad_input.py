"""Bad input gets a one-line error with the right exit code, in bounded time and memory:
image shapes refused before decoding, damaged multi-page TIFFs, case files, expect lists,
the expected VIN, unwritable output, control characters, CSV formula cells, telemetry."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import threading
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from vincheck.batch import CaseOutcome, ResultsCsv, read_expect_list
from vincheck.case_io import load_case_file, sample_case_path
from vincheck.cli import main
from vincheck.cli.terminal import safe_text
from vincheck.csv_cells import cell_in, cell_out
from vincheck.errors import (
    ImageShapeError,
    ImageTooLargeError,
    UnreadableImageError,
    UsageError,
)
from vincheck.imageio import MAX_PAGES, load_pages
from vincheck.inspection import CaseInput, run_case
from vincheck.rubbing.text_lines import pad_to_aspect

REPO = Path(__file__).resolve().parent.parent
SAMPLE = sample_case_path().parent
VIN = "LSVAU2180N2183594"


def _png(w: int, h: int, value: int = 128) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([value]) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _unblock_later(fifo: Path, after_s: float = 5.0) -> threading.Timer:
    """Should the code under test block on the FIFO, open its other end after a while so
    that the test fails instead of hanging."""
    def opener() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass

    t = threading.Timer(after_s, opener)
    t.start()
    return t


# --- images ------------------------------------------------------------------------------

@pytest.mark.parametrize("w,h", [(1, 5000), (5000, 1), (40, 1001)])
def test_thin_images_are_refused_before_decoding(tmp_path: Path, w: int, h: int) -> None:
    p = tmp_path / "thin.png"
    p.write_bytes(_png(w, h))
    with pytest.raises(ImageShapeError, match="too long and thin"):
        load_pages(p)


def test_text_detector_input_is_padded_to_a_bounded_aspect() -> None:
    out = pad_to_aspect(np.full((1, 256), 90, np.uint8))
    assert out.shape == (86, 256) and int(out[50, 10]) == 90  # padded below, same grey
    assert pad_to_aspect(np.zeros((100, 120), np.uint8)).shape == (100, 120)


def test_multipage_tiff_with_a_cut_page_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    pages = [Image.fromarray(np.full((400, 600, 3), v, np.uint8)) for v in (200, 100, 100)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="raw")
    p = tmp_path / "cut.tif"
    p.write_bytes(buf.getvalue()[:int(len(buf.getvalue()) * 0.666)])
    with pytest.raises(UnreadableImageError, match="damaged|truncated"):
        load_pages(p)


def test_too_many_pages_are_refused(tmp_path: Path) -> None:
    frames = [Image.new("L", (40, 30), v) for v in range(MAX_PAGES + 1)]
    p = tmp_path / "many.tif"
    frames[0].save(p, save_all=True, append_images=frames[1:])
    with pytest.raises(ImageTooLargeError, match="pages"):
        load_pages(p)


def test_a_fifo_is_not_read_as_an_image(tmp_path: Path) -> None:
    fifo = tmp_path / "scan.png"
    os.mkfifo(fifo)
    t = _unblock_later(fifo)
    try:
        with pytest.raises(UnreadableImageError, match="not a regular file"):
            load_pages(fifo)
    finally:
        t.cancel()


def test_pillow_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    im = Image.new("RGB", (60, 40), "white")
    exif = Image.Exif()
    exif[0x0112] = 1
    p = tmp_path / "w.tif"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        im.save(p, exif=exif.tobytes()[:-4])  # a cut EXIF block: Pillow warns on reading
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            load_pages(p)
        except UnreadableImageError:
            pass
    assert [str(w.message) for w in seen] == []


# --- case files, expected VIN ---------------------------------------------------------------

@pytest.mark.parametrize("text,words", [
    ('{"expected_vin": 12345}', "'expected_vin' must be text"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"dpi": "300"}', "'dpi' must be"),
    ('{"color": 3}', "'color' must be text"),
    ('{"rubbing_files": ["a\\u0000b.png"]}', "cannot be a path"),
])
def test_bad_case_files_are_usage_errors(tmp_path: Path, text: str, words: str) -> None:
    p = tmp_path / "case.json"
    p.write_text(text)
    with pytest.raises(UsageError, match=words):
        load_case_file(p)


def test_case_file_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    t = _unblock_later(fifo)
    try:
        with pytest.raises(UsageError, match="not a regular file"):
            load_case_file(fifo)
    finally:
        t.cancel()


def test_a_number_as_expected_vin_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="must be text"):
        run_case(CaseInput(expected_vin=12345))  # type: ignore[arg-type]


@pytest.mark.parametrize("vin,words", [(VIN[:-1], "17 characters, got 16"),
                                       ("京A" + VIN[2:], "forbidden character '京'")])
def test_invalid_expect_is_a_usage_error(capsys: pytest.CaptureFixture[str], vin: str,
                                         words: str) -> None:
    code = main(["rubbing", str(SAMPLE / "rubbing_sheet.png"),
                 "--expect", vin])
    err = capsys.readouterr().err
    assert code == 2 and words in err and err.count("\n") == 1


def test_control_characters_never_reach_the_terminal(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "\x1b[2J\x1b]0;pwned\x07\rx\u202e.png"
    p.write_bytes(b"not an image")
    assert main(["rubbing", str(p)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err and "\u202e" not in err
    assert "\\u001b[2J" in err and err.count("\n") == 1
    assert safe_text("京A\tB\n") == "京A\tB\n"  # Chinese, tab and newline stay


# --- expect lists, results CSV ----------------------------------------------------------------

def test_expect_list_field_over_128k_is_a_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    p.write_text("case,vin\nA," + "x" * 140_000 + "\n")
    with pytest.raises(UsageError, match="not a usable CSV"):
        read_expect_list(p)


def test_conflicting_duplicate_rows_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    other = VIN[:-1] + "5"
    p.write_text(f"case,vin\nA,{VIN}\nb,{VIN}\na,{other}\nB,{VIN}\n")
    with pytest.raises(UsageError, match=f"'a' has two different VINs, '{VIN}' \\(line 2\\) "
                                         f"and '{other}' \\(line 4\\)"):
        read_expect_list(p)
    p.write_text(f"case,vin\nA,{VIN}\na,{VIN}\n")  # the same VIN twice is fine
    assert read_expect_list(p) == {"A": VIN}


def test_expect_list_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "e.csv"
    os.mkfifo(fifo)
    t = _unblock_later(fifo)
    try:
        with pytest.raises(UsageError, match="not a regular file"):
            read_expect_list(fifo)
    finally:
        t.cancel()


def test_results_csv_on_a_full_disk_is_a_usage_error() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with pytest.raises(UsageError, match="No space left"):
        ResultsCsv("/dev/full")


def test_batch_csv_escapes_formula_cells_like_report_csv(tmp_path: Path) -> None:
    from vincheck.export import _cell_out

    p = tmp_path / "r.csv"
    out = ResultsCsv(p)
    for key in ("=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)",
                "\tx", "plain"):
        out.write(CaseOutcome(key=key, status="error", error="-bad"))
    out.close()
    import csv

    rows = list(csv.DictReader(p.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["case"] for r in rows] == ["'=cmd|' /C calc'!A0", "'=HYPERLINK(\"http://x\")",
                                        "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain"]
    assert {r["error"] for r in rows} == {"'-bad"}
    assert _cell_out is cell_out and cell_in("'=1") == "=1"


def test_cli_batch_out_to_a_full_disk_exits_2(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    (tmp_path / "in" / VIN).mkdir(parents=True)
    (tmp_path / "in" / VIN / "rubbing.png").write_bytes(b"x" * 100)
    code = main(["batch", str(tmp_path / "in"), "--out", "/dev/full", "--quiet",
                 "--db", str(tmp_path / "r.db")])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err


# --- files we cause: ONNX Runtime telemetry, RapidOCR's package folder ---------------------

def test_onnxruntime_and_rapidocr_write_nothing_outside_the_data_folder(tmp_path: Path
                                                                        ) -> None:
    """In a fresh HOME, loading every ONNX model vincheck uses leaves HOME empty (no
    ~/.cache/Microsoft device id), and RapidOCR never creates a folder in its package."""
    home = tmp_path / "home"
    home.mkdir()
    script = (
        "import pathlib, rapidocr\n"
        "pkg = pathlib.Path(rapidocr.__file__).resolve().parent\n"
        "real = pathlib.Path.mkdir\n"
        "def mkdir(self, *a, **k):\n"
        "    if pkg in pathlib.Path(self).resolve().parents or pathlib.Path(self).resolve()"
        " == pkg:\n"
        "        raise PermissionError(f'write into site-packages: {self}')\n"
        "    return real(self, *a, **k)\n"
        "pathlib.Path.mkdir = mkdir\n"
        "import vincheck\n"
        "from vincheck.ocr.rapid import get_rapidocr\n"
        "from vincheck.ocr.glyph_engine import GlyphEngine\n"
        "eng = get_rapidocr()\n"
        "eng._load_det_model(); eng._load_rec_model(); eng._load_cls_model()\n"
        "GlyphEngine()\n"
        "print('ok')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env.update(HOME=str(home), PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0 and "ok" in run.stdout, run.stderr[-2000:]
    assert [str(p.relative_to(home)) for p in home.rglob("*")] == []
    assert json.dumps(run.stderr).count("Warning") == 0


def test_libtiff_messages_do_not_reach_stderr(tmp_path: Path,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    """A compressed TIFF whose directory at the end is cut: libtiff prints
    "TIFFFetchDirectory: Can not read TIFF directory." straight to file descriptor 2."""
    p = tmp_path / "cut.tif"
    Image.new("L", (300, 200), 128).save(p, compression="tiff_lzw")
    p.write_bytes(p.read_bytes()[:-20])
    with pytest.raises(UnreadableImageError):
        load_pages(p)
    assert capfd.readouterr().err == ""


def test_pdf_whose_page_cannot_be_loaded_is_damaged_not_a_bug(tmp_path: Path) -> None:
    """PDFium opens the file but fails on its page (found by the fuzz suite: exit 70)."""
    buf = io.BytesIO()
    Image.new("L", (300, 200), 128).save(buf, "PDF", resolution=100.0)
    p = tmp_path / "page.pdf"
    p.write_bytes(buf.getvalue().replace(b"/Type /Page\n", b"/Type /Pagx\n"))
    with pytest.raises(UnreadableImageError, match="damaged PDF file"):
        load_pages(p)
