"""Why a file cannot be used, in the window's language. The core says it in English
(:mod:`vincheck.imageio`: "damaged image file (Truncated File Read)", "the file is empty
(0 bytes)" ...); the reasons whose form is known get the window's own words here, the
decoder's technical detail in brackets only in English. Texts keep the ``MainWindow``
context."""

from __future__ import annotations

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
    return reason
