"""PDF scans: read page by page at the resolution of their embedded image, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from devkit.corpus import REPO
from vincheck.errors import ImageTooLargeError, UnreadableImageError
from vincheck.imageio import load_image, load_pages

SHEET = REPO / "vincheck" / "data" / "sample_case" / "rubbing_sheet.png"
SAMPLE_VIN = "LSVAU2180N2183594"


def _pdf(path: Path, images: list[Image.Image], dpi: float) -> Path:
    """A PDF as a scanner writes it: each image on its own page at ``dpi``."""
    rgb = [im.convert("RGB") for im in images]
    rgb[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=rgb[1:])
    return path


@pytest.fixture(scope="module")
def sheet() -> Image.Image:
    with Image.open(SHEET) as im:
        return im.convert("RGB")


@pytest.mark.parametrize("dpi", [300.0, 150.0])
def test_page_is_rendered_at_the_embedded_image_resolution(tmp_path: Path, sheet, dpi) -> None:
    page = load_image(_pdf(tmp_path / "scan.pdf", [sheet], dpi))
    assert page.format == "PDF" and page.dpi_source == "file"
    assert page.dpi == pytest.approx(dpi, abs=0.5)
    # the scan's own pixels: same size as the embedded image, whatever its resolution
    assert abs(page.width - sheet.width) <= 1 and abs(page.height - sheet.height) <= 1
    # ... and the same picture: grey levels agree pixel for pixel (up to resampling noise)
    size = (sheet.width // 8, sheet.height // 8)
    ours = np.asarray(Image.fromarray(page.gray).resize(size), dtype=float)
    theirs = np.asarray(sheet.convert("L").resize(size), dtype=float)
    assert float(np.mean(np.abs(ours - theirs))) < 3.0


def test_every_page_is_read(tmp_path: Path, sheet) -> None:
    second = sheet.resize((sheet.width // 2, sheet.height // 2))
    pages = load_pages(_pdf(tmp_path / "two.pdf", [sheet, second], 300.0))
    assert [p.page for p in pages] == [0, 1] and all(p.n_pages == 2 for p in pages)
    assert abs(pages[1].width - second.width) <= 1


def test_user_dpi_overrides_and_sizes_the_rendering(tmp_path: Path, sheet) -> None:
    page = load_image(_pdf(tmp_path / "scan.pdf", [sheet], 300.0), dpi=150)
    assert page.dpi == 150 and page.dpi_source == "user"
    assert abs(page.width - sheet.width / 2) <= 1


@pytest.mark.slow
def test_pdf_of_the_sample_rubbing_sheet_passes(tmp_path: Path, sheet) -> None:
    from vincheck.findings import Verdict
    from vincheck.rubbing import check_rubbing_file

    pdf = _pdf(tmp_path / "sheet.pdf", [sheet], 300.0)
    before = pdf.read_bytes()
    (result,) = check_rubbing_file(str(pdf), expected_vin=SAMPLE_VIN)
    assert result.verdict == Verdict.PASS and result.dpi == pytest.approx(300.0, abs=0.5)
    assert [r.vin for r in result.rubbings] == [SAMPLE_VIN, SAMPLE_VIN]
    assert pdf.read_bytes() == before  # the input is never written


def _encrypted(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(100, 100, SAMPLE_VIN)
    c.showPage()
    c.save()
    return path


def _empty(path: Path) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.save(str(path))
    doc.close()
    return path


def _broken(path: Path, sheet) -> Path:
    data = _pdf(path, [sheet], 300.0).read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


@pytest.mark.parametrize("kind,words", [("encrypted", "password-protected"),
                                        ("empty", "has no pages"),
                                        ("broken", "damaged PDF")])
def test_bad_pdf_gives_a_clear_error(tmp_path: Path, sheet, kind: str, words: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    {"encrypted": _encrypted, "empty": _empty,
     "broken": lambda p: _broken(p, sheet)}[kind](path)
    with pytest.raises(UnreadableImageError, match=words):
        load_pages(path)
    out = subprocess.run([sys.executable, "-m", "vincheck", "rubbing", str(path)],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in out.stderr


def test_page_over_the_pixel_limit_is_refused(tmp_path: Path, sheet) -> None:
    with pytest.raises(ImageTooLargeError, match="over the limit"):
        load_pages(_pdf(tmp_path / "scan.pdf", [sheet], 300.0), max_pixels=1_000_000)


def test_all_pages_together_are_bounded(tmp_path: Path, sheet) -> None:
    """Each page is under the limit but the pages together are not: refused before drawing."""
    pdf = _pdf(tmp_path / "many.pdf", [sheet] * 3, 300.0)
    one_page = sheet.width * sheet.height
    assert len(load_pages(pdf, max_pixels=4 * one_page)) == 3
    with pytest.raises(ImageTooLargeError, match="3 pages hold"):
        load_pages(pdf, max_pixels=2 * one_page)
