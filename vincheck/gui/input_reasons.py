"""Why a file cannot be used, in the window's language. The core says it in English
(:mod:`vincheck.imageio`: "damaged image file (Truncated File Read)", "the file is empty
(0 bytes)" ...); the reasons whose form is known get the window's own words here, the
decoder's technical detail in brackets only in English. Texts keep the ``MainWindow``
context."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vincheck.gui.i18n import current_language
from vincheck.gui.image_loader import reason_without_path

translate = QCoreApplication.translate

# the core's reason (its start) -> the window's words
KNOWN_REASONS: tuple[tuple[str, str], ...] = (
    ("damaged image file", QT_TRANSLATE_NOOP("MainWindow", "the image file is damaged")),
    ("damaged image data", QT_TRANSLATE_NOOP("MainWindow", "the image data are damaged")),
    ("the file is empty", QT_TRANSLATE_NOOP("MainWindow", "the file is empty (0 bytes)")),
    ("file not found", QT_TRANSLATE_NOOP("MainWindow", "the file is not there (moved or "
                                         "deleted?)")),
    ("is a folder", QT_TRANSLATE_NOOP("MainWindow", "it is a folder, not an image file")),
    ("permission denied", QT_TRANSLATE_NOOP("MainWindow", "the file may not be read "
                                            "(permission denied)")),
    ("not an image file", QT_TRANSLATE_NOOP("MainWindow", "it is not an image file vincheck "
                                            "can read (PNG, JPEG, TIFF, BMP or PDF)")),
    ("image has no pixels", QT_TRANSLATE_NOOP("MainWindow", "the image has no pixels")),
    ("the PDF has no pages", QT_TRANSLATE_NOOP("MainWindow", "the PDF has no pages")),
    ("not enough memory", QT_TRANSLATE_NOOP("MainWindow", "the image is too large for the "
                                            "memory of this computer")),
    ("the image file is truncated", QT_TRANSLATE_NOOP(
        "MainWindow", "the image file is incomplete (a download or copy cut short?)")),
    ("is not a regular file", QT_TRANSLATE_NOOP("MainWindow", "it is not a regular file (a "
                                                "pipe or device?)")),
    ("cannot read the file", QT_TRANSLATE_NOOP("MainWindow", "the file cannot be read")),
    ("damaged PDF file", QT_TRANSLATE_NOOP("MainWindow", "the PDF file is damaged")),
    ("the PDF is password-protected", QT_TRANSLATE_NOOP(
        "MainWindow", "the PDF is protected by a password: save the scan again without one")),
)

# the core's reasons that carry numbers (the pattern, from its start) -> the window's words
# with the pattern's named groups (:mod:`vincheck.imageio`, :mod:`vincheck.pdf_scan`)
_TOO_LARGE = QT_TRANSLATE_NOOP("MainWindow", "the image has {mpx} Mpx, over the limit of "
                               "{limit} Mpx: scan it at a lower resolution")
_PAGES_TOO_LARGE = QT_TRANSLATE_NOOP("MainWindow", "its {n} pages have {mpx} Mpx together, "
                                     "over the limit of {limit} Mpx: split the file or scan "
                                     "at a lower resolution")
_TOO_MANY_PAGES = QT_TRANSLATE_NOOP("MainWindow", "the file has {n} pages; at most {limit} "
                                    "are checked per file: split it")
NUMBERED_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"image is (?:\d+ x \d+ px \()?(?P<mpx>\d+) Mpx\)?, over the limit of "
                r"(?P<limit>\d+) Mpx"), _TOO_LARGE),
    (re.compile(r"page (?P<page>\d+) is \d+ x \d+ px at \d+ dpi \((?P<mpx>\d+) Mpx\), over "
                r"the limit of (?P<limit>\d+) Mpx"),
     QT_TRANSLATE_NOOP("MainWindow", "page {page} has {mpx} Mpx, over the limit of {limit} "
                       "Mpx: scan it at a lower resolution")),
    (re.compile(r"(?:its|the PDF's) (?P<n>\d+) pages hold (?P<mpx>\d+) Mpx(?: together)?, "
                r"over the limit of (?P<limit>\d+) Mpx"), _PAGES_TOO_LARGE),
    (re.compile(r"the file is (?P<mb>\d+) MB; files over (?P<limit>\d+) MB are refused"),
     QT_TRANSLATE_NOOP("MainWindow", "the file has {mb} MB, over the limit of {limit} MB")),
    (re.compile(r"image is (?P<w>\d+) x (?P<h>\d+) px: too long and thin"),
     QT_TRANSLATE_NOOP("MainWindow", "the image is {w} x {h} px: too long and thin for a "
                       "scan or photo")),
    (re.compile(r"(?:the file|the PDF) has (?P<n>\d+) pages; at most (?P<limit>\d+)"),
     _TOO_MANY_PAGES),
    (re.compile(r"page (?P<page>\d+) of the PDF has no size"),
     QT_TRANSLATE_NOOP("MainWindow", "page {page} of the PDF has no size")),
    (re.compile(r"has (?P<n>\d+) page\(s\), no page (?P<page>\d+)"),
     QT_TRANSLATE_NOOP("MainWindow", "it has {n} page(s), no page {page}")),
    (re.compile(r"(?P<format>[A-Z0-9]+) images are not supported"),
     QT_TRANSLATE_NOOP("MainWindow", "{format} images are not supported: save the scan as "
                       "PNG, JPEG, TIFF, BMP or PDF")),
)


def reason_text(exc: BaseException, path: Path) -> str:
    """Why ``path`` cannot be used, in the window's language where the core's reason is
    known (else the core's own words, without the path)."""
    reason = reason_without_path(exc, path)
    for start, words in KNOWN_REASONS:
        if reason.startswith(start):
            text = translate("MainWindow", words)
            detail = reason[len(start):].strip()
            if detail.startswith("(") and not current_language().startswith("zh"):
                text += " " + detail  # the decoder's own words: English only
            return text
    for pattern, words in NUMBERED_REASONS:
        m = pattern.match(reason)
        if m:
            return translate("MainWindow", words).format(**m.groupdict())
    return reason
