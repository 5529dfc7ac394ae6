"""The only place that opens image files: safe loading, formats, EXIF orientation, DPI.

Accepted: PNG, JPEG, TIFF (every page), BMP, and PDF scans (every page, rendered at the
resolution of its embedded scan by :mod:`vincheck.pdf_scan`). Colour or greyscale, 8 or
16 bit. The file
is read once into memory and never written. Every failure raises a specific
:class:`~vincheck.errors.InputFileError` subclass with a message an operator can act on.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from vincheck.errors import (
    FileNotFound,
    ImageShapeError,
    ImageTooLargeError,
    UnreadableImageError,
    UnsupportedFormatError,
)
from vincheck.pdf_scan import is_pdf, render_pdf

SUPPORTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "TIFF": "TIFF", "BMP": "BMP"}
DEFAULT_MAX_PIXELS = 150_000_000  # px per page (Pillow refuses > 179 Mpx anyway)
MAX_FILE_BYTES = 1_000_000_000
# A picture longer than this many times its width is no sheet, photo or VIN line (a VIN
# line is about 12:1); it is refused before any pixel is decoded. Such a picture (a
# 1 x 5000 px PNG) sent the text detector past 20 GB.
MAX_ASPECT = 25.0
# A multi-page file may hold at most this many pages, and all pages together at most the
# page limit (``max_pixels``): every page is decoded into memory at once.
MAX_PAGES = 20
# Resolutions outside this window are not scan resolutions (72/96 dpi are screen defaults
# written by cameras and editors): they are kept as ``file_dpi`` but not trusted as ``dpi``.
PLAUSIBLE_SCAN_DPI = (100.0, 4800.0)


@dataclass
class LoadedImage:
    """One decoded page.

    ``rgb`` is an H x W x 3 uint8 array (16-bit input scaled down); ``dpi`` is the scan
    resolution in dots per inch used for mm measurements, or None when unknown;
    ``dpi_source`` says where it came from ("file", "user", "settings" or None).
    """

    path: str
    rgb: np.ndarray
    dpi: float | None
    dpi_source: str | None
    file_dpi: float | None
    format: str
    page: int = 0
    n_pages: int = 1
    sha256: str = ""
    file_size: int = 0

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])

    @property
    def gray(self) -> np.ndarray:
        """H x W uint8 luminance."""
        import cv2

        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2GRAY)

    @property
    def bgr(self) -> np.ndarray:
        """H x W x 3 uint8 in OpenCV's channel order (a copy)."""
        return np.ascontiguousarray(self.rgb[:, :, ::-1])

    def px_per_mm(self) -> float | None:
        """Pixels per millimetre, or None when the DPI is unknown."""
        return None if self.dpi is None else self.dpi / 25.4


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise FileNotFound("file not found", str(path))
    if path.is_dir():
        raise UnreadableImageError("is a folder, not an image file", str(path))
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            raise UnreadableImageError("is not a regular file (a pipe or device?)", str(path))
        size = st.st_size
        if size == 0:
            raise UnreadableImageError("the file is empty (0 bytes)", str(path))
        if size > MAX_FILE_BYTES:
            raise ImageTooLargeError(
                f"the file is {size / 1e6:.0f} MB; files over {MAX_FILE_BYTES / 1e6:.0f} MB are "
                "refused", str(path))
        return path.read_bytes()
    except PermissionError as exc:
        raise UnreadableImageError("permission denied when reading the file", str(path)) from exc
    except OSError as exc:
        raise UnreadableImageError(f"cannot read the file ({exc.strerror or exc})",
                                   str(path)) from exc


def _file_dpi(im: Image.Image) -> float | None:
    dpi = im.info.get("dpi")
    if dpi is None and "resolution" in im.info:  # some TIFF writers
        dpi = im.info["resolution"]
    if dpi is None and im.info.get("jfif_unit") == 1 and "jfif_density" in im.info:
        dpi = im.info["jfif_density"]
    if dpi is None:
        return None
    try:
        x = float(dpi[0] if isinstance(dpi, (tuple, list)) else dpi)
    except (TypeError, ValueError, IndexError):
        return None
    if not np.isfinite(x) or x <= 0:
        return None
    return round(x, 2)


def _to_rgb8(im: Image.Image) -> np.ndarray:
    """Decode a Pillow image into H x W x 3 uint8 (16-bit and float scaled, alpha on white)."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(im, dtype=np.float32)  # float64 would need 1.2 GB at 150 Mpx
        hi = 65535.0 if im.mode.startswith("I;16") or arr.max() > 255 else 255.0
        g = np.clip(arr / hi * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(g[:, :, None], 3, axis=2)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    if im.mode == "RGB" and im.getbands() == ("R", "G", "B"):
        return np.asarray(im, dtype=np.uint8).copy()
    if im.mode in ("RGB;16", "RGB;16B") or (hasattr(im, "mode") and "16" in im.mode):
        arr = np.asarray(im).astype(np.float32)
        return np.clip(arr / 257.0, 0, 255).astype(np.uint8)
    return np.asarray(im.convert("RGB"), dtype=np.uint8).copy()


def _too_large(exc: Exception, p: Path, max_pixels: int) -> ImageTooLargeError:
    """The error for a picture Pillow refuses to open as a decompression bomb (over twice
    its pixel limit), worded like vincheck's own size limit."""
    m = re.search(r"\((\d+) pixels\)", str(exc))
    size = f"{int(m.group(1)) / 1e6:.0f} Mpx" if m else "too many pixels"
    return ImageTooLargeError(
        f"image is {size}, over the limit of {max_pixels / 1e6:.0f} Mpx; scan at a lower "
        f"resolution", str(p))


def check_shape(w: int, h: int, path: str | Path = "") -> None:
    """Refuse a picture whose shape no scan or photo has (longer than :data:`MAX_ASPECT`
    x its width), before its pixels are decoded."""
    if w <= 0 or h <= 0:
        raise UnreadableImageError("image has no pixels", str(path))
    if max(w, h) > MAX_ASPECT * min(w, h):
        raise ImageShapeError(
            f"image is {w} x {h} px: too long and thin to be a scan or photo (aspect "
            f"{max(w, h) / min(w, h):.0f}:1; at most {MAX_ASPECT:.0f}:1)", str(path))


def _damaged(exc: BaseException, p: Path) -> UnreadableImageError:
    """The error for a decoder failure: truncated file or damaged data."""
    msg = " ".join(str(exc).split())[:200] or type(exc).__name__
    if "truncated" in msg or isinstance(exc, EOFError):
        return UnreadableImageError(
            "the image file is truncated (incomplete download or copy?)", str(p))
    return UnreadableImageError(f"damaged image data ({msg})", str(p))


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Silence what C libraries (libtiff, libpng) print straight to file descriptor 2 while
    a file is decoded; Python's own ``sys.stderr`` is untouched. Does nothing when fd 2 is
    not open or off the main thread (the GUI's loader threads keep the terminal as is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def load_pages(
    path: str | Path,
    dpi: float | None = None,
    default_dpi: float | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> list[LoadedImage]:
    """Load every page of an image file.

    ``dpi`` (from the user, e.g. ``--dpi``) overrides the file's resolution; ``default_dpi``
    (from the settings) is used only when the file has no plausible one.
    """
    p = Path(path)
    data = _read_bytes(p)
    digest = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        return _load_pdf_pages(p, data, digest, dpi, default_dpi, max_pixels)
    try:
        with warnings.catch_warnings(), quiet_native_stderr():
            warnings.simplefilter("ignore")  # bombs: we check the size ourselves
            im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise _too_large(exc, p, max_pixels) from exc
    except UnidentifiedImageError as exc:
        raise UnreadableImageError(
            "not an image file vincheck can read (expected PNG, JPEG, TIFF, BMP or PDF)", str(p)
        ) from exc
    except MemoryError as exc:
        raise ImageTooLargeError("not enough memory to open this image", str(p)) from exc
    except Exception as exc:  # noqa: BLE001 - OSError, ValueError, struct.error ... on damage
        msg = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise UnreadableImageError(f"damaged image file ({msg})", str(p)) from exc

    fmt = SUPPORTED_FORMATS.get(im.format or "")
    if fmt is None:
        raise UnsupportedFormatError(
            f"{im.format} images are not supported; save the scan as PNG, JPEG, TIFF, BMP or PDF",
            str(p))

    pages: list[LoadedImage] = []
    with warnings.catch_warnings(), quiet_native_stderr():
        # Pillow's warnings (corrupt EXIF, bombs we check ourselves) and libtiff's messages
        # would print beside our one-line error; the error says what is wrong instead
        warnings.simplefilter("ignore")
        try:
            n_pages = int(getattr(im, "n_frames", 1) or 1) if fmt == "TIFF" else 1
        except Exception as exc:  # noqa: BLE001 - Pillow raises TypeError, OSError ... here
            raise _damaged(exc, p) from exc
        if n_pages > MAX_PAGES:
            raise ImageTooLargeError(f"the file has {n_pages} pages; at most {MAX_PAGES} are "
                                     "checked per file: split it", str(p))
        total = 0
        for index in range(n_pages):
            try:
                if n_pages > 1:
                    im.seek(index)
                w, h = im.size
                check_shape(w, h, p)
                total += w * h
                if w * h > max_pixels or total > max_pixels:
                    what = (f"image is {w} x {h} px ({w * h / 1e6:.0f} Mpx)" if total == w * h
                            else f"its {index + 1} pages hold {total / 1e6:.0f} Mpx")
                    raise ImageTooLargeError(
                        f"{what}, over the limit of {max_pixels / 1e6:.0f} Mpx; scan at a "
                        "lower resolution", str(p))
                frame = im.copy() if n_pages > 1 else im
                frame.load()
                fdpi = _file_dpi(frame) or _file_dpi(im)
                if frame.getexif().get(0x0112, 1) not in (1, None):  # EXIF orientation
                    frame = ImageOps.exif_transpose(frame) or frame
                    check_shape(*frame.size, p)
                rgb = _to_rgb8(frame)
                del frame
            except (ImageTooLargeError, UnreadableImageError):
                raise
            except Image.DecompressionBombError as exc:
                raise _too_large(exc, p, max_pixels) from exc
            except MemoryError as exc:
                raise ImageTooLargeError("not enough memory to decode this image; scan at a "
                                         "lower resolution", str(p)) from exc
            except Exception as exc:  # noqa: BLE001 - any decoder failure is a damaged file
                raise _damaged(exc, p) from exc

            if dpi is not None:
                use_dpi, source = float(dpi), "user"
            elif fdpi is not None and PLAUSIBLE_SCAN_DPI[0] <= fdpi <= PLAUSIBLE_SCAN_DPI[1]:
                use_dpi, source = fdpi, "file"
            elif default_dpi is not None:
                use_dpi, source = float(default_dpi), "settings"
            else:
                use_dpi, source = None, None
            pages.append(LoadedImage(
                path=str(p), rgb=rgb, dpi=use_dpi, dpi_source=source, file_dpi=fdpi, format=fmt,
                page=index, n_pages=n_pages, sha256=digest, file_size=len(data)))
    return pages


def _load_pdf_pages(p: Path, data: bytes, digest: str, dpi: float | None,
                    default_dpi: float | None, max_pixels: int) -> list[LoadedImage]:
    """Every page of a PDF scan, rendered at its embedded image's resolution (or ``dpi``).

    The rendering resolution is the page's true scale (the PDF page size is physical), so
    it is the file DPI, trusted within :data:`PLAUSIBLE_SCAN_DPI` like an image's."""
    pages = render_pdf(data, str(p), dpi=dpi, max_pixels=max_pixels)
    out: list[LoadedImage] = []
    for index, page in enumerate(pages):
        check_shape(int(page.rgb.shape[1]), int(page.rgb.shape[0]), p)
        if dpi is not None:
            use_dpi, source = float(dpi), "user"
        elif PLAUSIBLE_SCAN_DPI[0] <= page.dpi <= PLAUSIBLE_SCAN_DPI[1]:
            use_dpi, source = page.dpi, "file"
        elif default_dpi is not None:
            use_dpi, source = float(default_dpi), "settings"
        else:
            use_dpi, source = None, None
        out.append(LoadedImage(
            path=str(p), rgb=page.rgb, dpi=use_dpi, dpi_source=source, file_dpi=page.dpi,
            format="PDF", page=index, n_pages=len(pages), sha256=digest, file_size=len(data)))
    return out


def load_image(
    path: str | Path,
    dpi: float | None = None,
    default_dpi: float | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    page: int = 0,
) -> LoadedImage:
    """Load one page (the first by default); see :func:`load_pages`."""
    pages = load_pages(path, dpi=dpi, default_dpi=default_dpi, max_pixels=max_pixels)
    if page >= len(pages):
        raise UnreadableImageError(f"has {len(pages)} page(s), no page {page + 1}", str(path))
    return pages[page]


def from_array(rgb: np.ndarray, dpi: float | None = None, name: str = "<array>") -> LoadedImage:
    """Wrap an in-memory H x W x 3 uint8 RGB (or H x W grey) array, e.g. in tests."""
    arr = np.asarray(rgb)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    if arr.dtype != np.uint8:
        raise UnreadableImageError(f"array must be uint8, got {arr.dtype}", name)
    return LoadedImage(path=name, rgb=arr, dpi=dpi, dpi_source="user" if dpi else None,
                       file_dpi=dpi, format="ARRAY")


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
