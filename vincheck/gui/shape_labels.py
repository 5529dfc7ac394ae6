"""Evidence labels drawn on the image, in the window's language.

The core labels its evidence shapes with short English words ("start", "face", "car
0.68 (detector)", "top_left"); numbers, VINs and plate texts pass through unchanged.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ShapeLabel"
# Known words and phrases of the core's labels (longest first when matching).
WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ShapeLabel", "plate anchor"),
    QT_TRANSLATE_NOOP("ShapeLabel", "plate_anchor"),
    QT_TRANSLATE_NOOP("ShapeLabel", "segmentation"),
    QT_TRANSLATE_NOOP("ShapeLabel", "detector"),
    QT_TRANSLATE_NOOP("ShapeLabel", "other vehicle"),
    QT_TRANSLATE_NOOP("ShapeLabel", "motorcycle"),
    QT_TRANSLATE_NOOP("ShapeLabel", "vehicle"),
    QT_TRANSLATE_NOOP("ShapeLabel", "truck"),
    QT_TRANSLATE_NOOP("ShapeLabel", "bus"),
    QT_TRANSLATE_NOOP("ShapeLabel", "car"),
    QT_TRANSLATE_NOOP("ShapeLabel", "start expected"),
    QT_TRANSLATE_NOOP("ShapeLabel", "end expected"),
    QT_TRANSLATE_NOOP("ShapeLabel", "start"),
    QT_TRANSLATE_NOOP("ShapeLabel", "end"),
    QT_TRANSLATE_NOOP("ShapeLabel", "front face"),
    QT_TRANSLATE_NOOP("ShapeLabel", "rear face"),
    QT_TRANSLATE_NOOP("ShapeLabel", "face"),
    QT_TRANSLATE_NOOP("ShapeLabel", "top_left"),
    QT_TRANSLATE_NOOP("ShapeLabel", "top_right"),
    QT_TRANSLATE_NOOP("ShapeLabel", "bottom_right"),
    QT_TRANSLATE_NOOP("ShapeLabel", "bottom_left"),
    QT_TRANSLATE_NOOP("ShapeLabel", "blown out"),
    QT_TRANSLATE_NOOP("ShapeLabel", "crushed"),
)
_PATTERN = re.compile(r"(?<![A-Za-z_])(" + "|".join(
    re.escape(w) for w in sorted(WORDS, key=len, reverse=True)) + r")(?![A-Za-z_])")


def display_label(text: str) -> str:
    """``text`` with every known label word translated (the rest left as it is)."""
    if not text:
        return text
    return _PATTERN.sub(lambda m: QCoreApplication.translate(CONTEXT, m.group(1)), text)
