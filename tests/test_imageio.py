"""Safe image loading: formats, pages, DPI, EXIF orientation and every kind of bad file."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from vincheck.errors import (
    FileNotFound,
    ImageTooLargeError,
    UnreadableImageError,
    UnsupportedFormatError,
)
from vincheck.imageio import file_sha256, from_array, load_image, load_pages


def _gradient(w: int = 64, h: int = 40) -> np.ndarray:
    x = np.linspace(0, 255, w, dtype=np.float64)
    y = np.linspace(0, 255, h, dtype=np.float64)
    r = np.tile(x, (h, 1))
    g = np.tile(y[:, None], (1, w))
    b = np.full((h, w), 128.0)
    return np.stack([r, g, b], axis=2).astype(np.uint8)


@pytest.mark.parametrize("fmt,ext", [("PNG", "png"), ("TIFF", "tif"), ("BMP", "bmp")])
def test_lossless_formats_round_trip_pixels_and_dpi(tmp_path: Path, fmt: str, ext: str) -> None:
    arr = _gradient()
    path = tmp_path / f"scan.{ext}"
    Image.fromarray(arr).save(path, format=fmt, dpi=(300, 300))
    img = load_image(path)
    assert img.format == fmt
    assert np.array_equal(img.rgb, arr)
    assert img.dpi == pytest.approx(300, abs=0.5)
    assert img.dpi_source == "file"
    assert img.px_per_mm() == pytest.approx(300 / 25.4, rel=1e-3)


def test_jpeg_dpi_and_sha256(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    Image.fromarray(_gradient()).save(path, format="JPEG", dpi=(600, 600), quality=95)
    img = load_image(path)
    assert img.dpi == 600
    assert img.sha256 == file_sha256(path)
    assert img.file_size == path.stat().st_size


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.fromarray(_gradient()).save(path, dpi=(300, 300))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_pages(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_missing_dpi_is_unknown_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "nodpi.png"
    Image.fromarray(_gradient()).save(path)
    img = load_image(path)
    assert img.dpi is None and img.dpi_source is None
    assert img.px_per_mm() is None


def test_screen_dpi_is_not_taken_as_scan_resolution(tmp_path: Path) -> None:
    path = tmp_path / "camera.jpg"
    Image.fromarray(_gradient()).save(path, dpi=(72, 72))
    img = load_image(path)
    assert img.file_dpi == 72
    assert img.dpi is None


def test_user_dpi_overrides_and_settings_dpi_fills_in(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    Image.fromarray(_gradient()).save(path, dpi=(300, 300))
    assert load_image(path, dpi=200).dpi == 200
    assert load_image(path, dpi=200).dpi_source == "user"
    nodpi = tmp_path / "b.png"
    Image.fromarray(_gradient()).save(nodpi)
    img = load_image(nodpi, default_dpi=400)
    assert (img.dpi, img.dpi_source) == (400, "settings")
    # the file's own resolution wins over the settings' default
    assert load_image(path, default_dpi=400).dpi == pytest.approx(300, abs=0.5)


def test_multipage_tiff_gives_every_page(tmp_path: Path) -> None:
    path = tmp_path / "pages.tif"
    pages = [Image.fromarray(np.full((20, 30, 3), v, np.uint8)) for v in (10, 120, 240)]
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300))
    loaded = load_pages(path)
    assert [p.page for p in loaded] == [0, 1, 2]
    assert [int(p.rgb[0, 0, 0]) for p in loaded] == [10, 120, 240]
    assert all(p.n_pages == 3 for p in loaded)
    with pytest.raises(UnreadableImageError, match="no page 5"):
        load_image(path, page=4)


def test_greyscale_16bit_is_scaled_to_8bit(tmp_path: Path) -> None:
    arr16 = np.array([[0, 65535], [32768, 1000]], dtype=np.uint16)
    path = tmp_path / "g16.png"
    Image.fromarray(arr16).save(path)
    img = load_image(path)
    assert img.rgb.dtype == np.uint8 and img.rgb.shape == (2, 2, 3)
    assert img.rgb[0, 0, 0] == 0 and img.rgb[0, 1, 0] == 255
    assert 126 <= img.rgb[1, 0, 0] <= 129


def test_greyscale_8bit_becomes_three_equal_channels(tmp_path: Path) -> None:
    path = tmp_path / "g8.png"
    Image.fromarray(np.array([[7, 200]], dtype=np.uint8), mode="L").save(path)
    img = load_image(path)
    assert img.rgb.tolist() == [[[7, 7, 7], [200, 200, 200]]]


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    arr = np.zeros((10, 20, 3), np.uint8)
    arr[:, :5] = 255  # white band on the left
    im = Image.fromarray(arr)
    exif = im.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    path = tmp_path / "rot.jpg"
    im.save(path, exif=exif.tobytes(), quality=98)
    img = load_image(path)
    assert img.rgb.shape[:2] == (20, 10)  # portrait after orientation
    top = img.rgb[:5].mean()
    bottom = img.rgb[-5:].mean()
    assert top > 200 > 50 > bottom  # the left band is now at the top


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFound, match="not found"):
        load_image(tmp_path / "nope.png")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(UnreadableImageError, match="empty"):
        load_image(path)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("this is not a picture", encoding="utf-8")
    with pytest.raises(UnreadableImageError, match="not an image"):
        load_image(path)


def test_truncated_file(tmp_path: Path) -> None:
    buf = io.BytesIO()
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (200, 200, 3), dtype=np.uint8)).save(buf, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(UnreadableImageError, match="truncated|damaged"):
        load_image(path)


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    Image.fromarray(_gradient()).save(path, format="GIF")
    with pytest.raises(UnsupportedFormatError, match="GIF"):
        load_image(path)


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.new("L", (5000, 5000)).save(path)  # small file, 25 Mpx
    with pytest.raises(ImageTooLargeError, match="Mpx"):
        load_image(path, max_pixels=10_000_000)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` px (no image data follows)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def test_a_picture_pillow_calls_a_bomb_gets_the_same_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header_only(20000, 20000))  # 400 Mpx: Pillow refuses at open
    with pytest.raises(ImageTooLargeError) as err:
        load_image(path)
    msg = str(err.value)
    assert "400 Mpx" in msg and "150 Mpx" in msg and "lower resolution" in msg
    assert "decompression bomb" not in msg.lower()


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImageError, match="folder"):
        load_image(tmp_path)


def test_from_array_accepts_grey_and_refuses_float() -> None:
    img = from_array(np.zeros((4, 5), np.uint8), dpi=300)
    assert img.rgb.shape == (4, 5, 3) and img.dpi == 300
    with pytest.raises(UnreadableImageError):
        from_array(np.zeros((4, 5), np.float32))
