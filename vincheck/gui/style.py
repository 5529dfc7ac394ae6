"""Colours, status icons and overlay pens (drawn in code: no icon files to ship)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from vincheck.findings import Status, Verdict

STATUS_COLOURS = {
    Status.PASS: QColor("#2e7d32"),
    Status.FAIL: QColor("#c62828"),
    Status.REVIEW: QColor("#ef8f00"),
    Status.SKIPPED: QColor("#757575"),
}
VERDICT_COLOURS = {
    Verdict.PASS: QColor("#2e7d32"),
    Verdict.FAIL: QColor("#c62828"),
    Verdict.REVIEW: QColor("#ef8f00"),
}

# Overlay colour per evidence role (anything else: cyan).
ROLE_COLOURS = {
    "char": QColor("#00bcd4"),
    "strip": QColor("#3f51b5"),
    "rubbing": QColor("#3f51b5"),
    "start_symbol": QColor("#e040fb"),
    "end_symbol": QColor("#e040fb"),
    "stop_symbol": QColor("#e040fb"),
    "symbol": QColor("#e040fb"),
    "plate": QColor("#ff1744"),
    "outline": QColor("#2979ff"),
    "picture": QColor("#2979ff"),
    "corner": QColor("#ffd600"),
    "vehicle": QColor("#00e676"),
    "view": QColor("#ffffff"),
    "exposure": QColor("#ff6d00"),
}
DEFAULT_ROLE_COLOUR = QColor("#00bcd4")
HIGHLIGHT_COLOUR = QColor("#ffea00")
LABEL_MIN_LUMA = 95  # 0-255 (Rec. 601 luma): text on the labels' dark background stays legible
LABEL_BACKGROUND = QColor(0, 0, 0, 230)  # behind label text: dark even over a white image
LABEL_MIN_CONTRAST = 4.5  # WCAG 2 contrast of label text on its background (over white)


def luma(c: QColor) -> float:
    """Perceived brightness 0-255 of a colour (Rec. 601 weights)."""
    return 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()


def relative_luminance(c: QColor) -> float:
    """WCAG 2 relative luminance 0-1 of an opaque colour."""
    def lin(v: int) -> float:
        x = v / 255.0
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio (1-21) of two opaque colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(top: QColor, below: QColor) -> QColor:
    """``top`` (with its alpha) painted over the opaque ``below``."""
    a = top.alphaF()
    return QColor(*(round(a * t + (1 - a) * b) for t, b in (
        (top.red(), below.red()), (top.green(), below.green()), (top.blue(), below.blue()))))


def _legible(c: QColor) -> bool:
    worst_bg = over(LABEL_BACKGROUND, QColor("white"))  # the label over a white image
    return luma(c) >= LABEL_MIN_LUMA and contrast_ratio(c, worst_bg) >= LABEL_MIN_CONTRAST


def label_text_colour(colour: QColor) -> QColor:
    """The colour of a label's text for an overlay drawn in ``colour``: the same hue, made
    lighter when it is too dark to read on the label's dark background (the strips'
    indigo): at least :data:`LABEL_MIN_CONTRAST` against it, whatever the image below."""
    c = QColor(colour)
    for _ in range(12):  # black would never get lighter this way: bounded, then grey
        if _legible(c):
            return c
        c = c.lighter(125)
    return c if _legible(c) else QColor(220, 220, 220)


def role_colour(role: str) -> QColor:
    for key, colour in ROLE_COLOURS.items():
        if role == key or role.startswith(key):
            return colour
    return DEFAULT_ROLE_COLOUR


@lru_cache(maxsize=16)
def status_icon(status: Status, size: int = 16) -> QIcon:
    """A filled circle in the status colour with a tick, cross, ? or dash."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(STATUS_COLOURS[status])
    p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    pen = QPen(QColor("white"), max(1.5, size / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    s = float(size)
    if status is Status.PASS:
        path = QPainterPath(QPointF(s * 0.27, s * 0.52))
        path.lineTo(s * 0.44, s * 0.70)
        path.lineTo(s * 0.74, s * 0.32)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif status is Status.FAIL:
        p.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        p.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    elif status is Status.REVIEW:
        f = QFont()
        f.setBold(True)
        f.setPixelSize(int(size * 0.75))
        p.setFont(f)
        p.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, "?")
    else:
        p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5))
    p.end()
    return QIcon(pm)


def verdict_status(verdict: Verdict) -> Status:
    return {Verdict.PASS: Status.PASS, Verdict.FAIL: Status.FAIL,
            Verdict.REVIEW: Status.REVIEW}[verdict]
