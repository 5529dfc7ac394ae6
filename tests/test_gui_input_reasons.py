"""Why a file cannot be used is said in the window's language for every form of the core's
reason, numbers included. Found in a run under Xvfb: a truncated PNG and a PNG whose header
claims 60000 x 60000 px, dropped on the Chinese window, were refused with the core's English
("the image file is truncated ...", "image is 3600 Mpx, over the limit of 150 Mpx ...")
inside a Chinese sentence. The files here are made so that the core itself raises."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PIL import Image  # noqa: E402

from tests.test_rules import CJK, latin_words  # noqa: E402
from vincheck.errors import VincheckError  # noqa: E402
from vincheck.gui.input_reasons import reason_text  # noqa: E402
from vincheck.imageio import MAX_PAGES, load_pages  # noqa: E402


def png_header(w: int, h: int) -> bytes:
    """A PNG that is only a header claiming ``w`` x ``h`` px (and a tiny IDAT)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def truncated_png(path: Path) -> dict:
    Image.new("RGB", (400, 300), (200, 10, 10)).save(path)
    path.write_bytes(path.read_bytes()[:300])
    return {}


def huge_header(path: Path) -> dict:
    path.write_bytes(png_header(60_000, 60_000))
    return {}


def over_the_limit(path: Path) -> dict:  # decoded by size, not a decompression bomb
    Image.new("L", (300, 200)).save(path)
    return {"max_pixels": 50_000}


def pages_over_the_limit(path: Path) -> dict:
    frames = [Image.new("L", (200, 200)) for _ in range(2)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return {"max_pixels": 50_000}


def too_thin(path: Path) -> dict:
    path.write_bytes(png_header(60_000, 10))
    return {}


def too_many_pages(path: Path) -> dict:
    frames = [Image.new("L", (8, 8)) for _ in range(MAX_PAGES + 1)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return {}


def gif(path: Path) -> dict:
    Image.new("P", (20, 20)).save(path, format="GIF")
    return {}


def fifo(path: Path) -> dict:
    os.mkfifo(path)
    return {}


def random_bytes(path: Path) -> dict:
    path.write_bytes(os.urandom(90))
    return {}


CASES = {"truncated.png": (truncated_png, "图像文件不完整"),
         "huge_header.png": (huge_header, "3600 百万像素"),
         "large.png": (over_the_limit, "百万像素"),
         "pages.tif": (pages_over_the_limit, "其 2 页合计"),
         "thin.png": (too_thin, "60000 × 10 像素"),
         "many.tif": (too_many_pages, f"文件有 {MAX_PAGES + 1} 页"),
         "anim.gif": (gif, "不支持 GIF 图像"),
         "pipe.png": (fifo, "不是普通文件"),
         "random90.png": (random_bytes, "不是本软件能读取的图像文件")}


@pytest.mark.parametrize("name", list(CASES))
def test_every_reason_a_file_is_refused_is_said_in_chinese(chinese, tmp_path: Path,
                                                           name: str) -> None:
    if name == "pipe.png" and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    make, expected = CASES[name]
    path = tmp_path / name
    kwargs = make(path)
    with pytest.raises(VincheckError) as info:
        load_pages(path, **kwargs)
    text = reason_text(info.value, path)
    assert expected in text, (str(info.value), text)
    assert CJK.search(text) and not latin_words(text) - {"GIF", "PDF", "MB"}, text
    assert "\n" not in text and str(tmp_path) not in text


def test_the_numbers_reach_the_english_window_too(english, tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_header(60_000, 60_000))
    with pytest.raises(VincheckError) as info:
        load_pages(path)
    assert reason_text(info.value, path) == ("the image has 3600 Mpx, over the limit of 150 "
                                             "Mpx: scan it at a lower resolution")


def test_a_file_too_large_is_not_called_damaged(qtbot, chinese, tmp_path: Path) -> None:
    """Dropped on the window: the refusal of a file over the pixel limit says what to do
    (a lower resolution), not "check that it is not damaged" as for a broken file."""
    from tests.gui_support import FakeRunner, make_window

    huge, broken = tmp_path / "huge.png", tmp_path / "broken.png"
    huge.write_bytes(png_header(60_000, 60_000))
    truncated_png(broken)
    w = make_window(qtbot, FakeRunner())
    with qtbot.waitSignal(w.filesSorted, timeout=20_000):
        assert w.flow.add_paths([str(huge), str(broken)]) == 2
    texts = {t.split("：")[0].split(":")[0]: t for _lv, t in w.messages.messages}
    assert "较低分辨率" in texts["无法使用 huge.png"] and "未损坏" not in texts["无法使用 huge.png"]
    assert "未损坏" in texts["无法使用 broken.png"]  # a damaged file keeps its advice
    assert all("\n" not in t for t in texts.values())
