"""What the image viewer draws over a page: :class:`Overlay` (a shape and the key of what
it belongs to), the graphics items of one :class:`~vincheck.findings.Shape` in image px
(:func:`make_shape_items`), labels that keep their screen size at every zoom, and a
character's cell marked outside its box.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from vincheck.findings import Shape
from vincheck.gui.shape_labels import display_label
from vincheck.gui.style import LABEL_BACKGROUND, label_text_colour

MIN_SCALE = 0.02  # the viewer's least zoom (scene px per screen px)


@dataclass(frozen=True)
class Overlay:
    """One shape to draw, the key of what it belongs to, and whether it is always shown
    (``base``) or only while its finding is selected / not passed."""

    shape: Shape
    key: str
    base: bool = False


def qimage_from_rgb(rgb: np.ndarray) -> QImage:
    """A deep-copied QImage (RGB888) from an H x W x 3 uint8 array."""
    arr = np.ascontiguousarray(rgb[:, :, :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


MAX_LABEL_ROWS = 12  # a label is moved up or down at most this many label heights


class LabelItem(QGraphicsItem):
    """Text with a dark background that keeps its screen size at every zoom."""

    def __init__(self, text: str, colour: QColor, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._colour = label_text_colour(colour)
        self._font = QFont()
        self._font.setPixelSize(12)
        self._font.setBold(True)
        fm = QFontMetricsF(self._font)
        self._rect = QRectF(0, -fm.height() - 2, fm.horizontalAdvance(text) + 6, fm.height() + 2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        # the view scale below which the label is wider than its shape and is hidden
        self.min_scale = 0.0

    def text(self) -> str:
        return self._text

    def shift(self, dy: float) -> None:
        """Move the label ``dy`` screen px down (up when negative) from its own place."""
        self.prepareGeometryChange()
        self._rect.moveTop(-self._rect.height() + dy)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.fillRect(self._rect, LABEL_BACKGROUND)
        painter.setPen(self._colour)
        painter.setFont(self._font)
        painter.drawText(self._rect.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter,
                         self._text)


def shape_rect(shape: Shape) -> QRectF | None:
    """The image-px rectangle a shape covers (a point: a small square round it)."""
    c = shape.coords
    try:
        if shape.kind == "box" and len(c) >= 4:
            return QRectF(c[0], c[1], c[2], c[3])
        if shape.kind in ("polygon", "polyline") and len(c) >= 4:
            return QPolygonF(_points(c)).boundingRect()
        if shape.kind == "circle" and len(c) >= 3:
            return QRectF(c[0] - c[2], c[1] - c[2], 2 * c[2], 2 * c[2])
        if shape.kind == "point" and len(c) >= 2:
            return QRectF(c[0] - 10, c[1] - 10, 20, 20)
    except (TypeError, ValueError, IndexError):
        return None
    return None


def _points(coords: tuple[float, ...]) -> list[QPointF]:
    return [QPointF(coords[i], coords[i + 1]) for i in range(0, len(coords) - 1, 2)]


CHAR_OUTSET_PX = 3.0  # screen px between a character's box and the line drawn round it


class OutsetBoxItem(QGraphicsItem):
    """A character's cell marked by a line above and one below it, :data:`CHAR_OUTSET_PX`
    screen px outside its box at every zoom (the upright rectangle round the box on
    screen), so that no line covers the character it marks or its neighbours (cells of a
    stamped line nearly touch: side lines would cross the next character)."""

    def __init__(self, polygon: QPolygonF, pen: QPen,
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._polygon = polygon
        self._pen = QPen(pen)
        margin = (CHAR_OUTSET_PX + pen.widthF()) / MIN_SCALE  # scene px at the least zoom
        self._bounds = polygon.boundingRect().adjusted(-margin, -margin, margin, margin)

    def polygon(self) -> QPolygonF:
        return self._polygon

    def setPen(self, pen: QPen) -> None:  # noqa: N802 (Qt naming, like the shape items)
        self._pen = QPen(pen)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        r = painter.worldTransform().map(self._polygon).boundingRect()
        half = self._pen.widthF() / 2 + CHAR_OUTSET_PX
        inset = min(1.5, r.width() / 6)  # a gap between the lines of neighbours
        left, right = r.left() + inset, r.right() - inset
        painter.save()
        painter.resetTransform()
        painter.setPen(self._pen)
        for y in (r.top() - half, r.bottom() + half):
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.restore()


def make_shape_items(shape: Shape, colour: QColor, width: float) -> list[QGraphicsItem]:
    """Graphics items for one shape (plus its label); unknown kinds draw nothing. A
    character's box is drawn round it (:class:`OutsetBoxItem`); an expected position
    (role ``..._expected``, e.g. where a missing end symbol belongs) is dashed."""
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    if shape.role.endswith("_expected"):
        pen.setStyle(Qt.PenStyle.DashLine)
    try:
        made = _shape_item(shape, pen)
    except (TypeError, ValueError, IndexError):
        return []
    if made is None:
        return []
    item, anchor = made
    item.setPen(pen)  # type: ignore[attr-defined]
    items: list[QGraphicsItem] = [item]
    if shape.label:
        label = LabelItem(display_label(shape.label), colour)
        label.setPos(anchor)
        drawn = item.polygon().boundingRect() if isinstance(item, OutsetBoxItem) else \
            item.boundingRect()
        shape_w = drawn.width() if shape.kind != "point" else 0.0
        if shape_w > 0:
            label.min_scale = 0.8 * label.boundingRect().width() / shape_w
        items.append(label)
    return items


def _shape_item(shape: Shape, pen: QPen) -> tuple[QGraphicsItem, QPointF] | None:
    """The item drawing ``shape`` (a character's cell with ``pen``: its outset depends on
    the width) and where its label goes (None: a kind not drawn)."""
    c = shape.coords
    if shape.role == "char" and shape.kind in ("box", "polygon") and len(c) >= 4:
        if shape.kind == "box":
            rect = QRectF(c[0], c[1], c[2], c[3])
            poly = QPolygonF([rect.topLeft(), rect.topRight(), rect.bottomRight(),
                              rect.bottomLeft()])
        else:
            poly = QPolygonF(_points(c))
        return OutsetBoxItem(poly, pen), poly.boundingRect().topLeft()
    if shape.kind == "box" and len(c) >= 4:
        return QGraphicsRectItem(QRectF(c[0], c[1], c[2], c[3])), QPointF(c[0], c[1])
    if shape.kind == "polygon" and len(c) >= 6:
        pts = _points(c)
        # the top-left corner: a strip tilted up to the right would put its topmost
        # point, and the label running right from it, at its far end
        return QGraphicsPolygonItem(QPolygonF(pts)), min(pts, key=lambda p: p.x() + p.y())
    if shape.kind == "polyline" and len(c) >= 4:
        pts = _points(c)
        path = QPainterPath(pts[0])
        for p in pts[1:]:
            path.lineTo(p)
        return QGraphicsPathItem(path), pts[0]
    if shape.kind == "circle" and len(c) >= 3:
        return (QGraphicsEllipseItem(QRectF(c[0] - c[2], c[1] - c[2], 2 * c[2], 2 * c[2])),
                QPointF(c[0] - c[2], c[1] - c[2]))
    if shape.kind == "point" and len(c) >= 2:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), 5, 5)
        path.moveTo(-9, 0)
        path.lineTo(9, 0)
        path.moveTo(0, -9)
        path.lineTo(0, 9)
        item = QGraphicsPathItem(path)
        item.setPos(c[0], c[1])
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        return item, QPointF(c[0], c[1])
    return None
