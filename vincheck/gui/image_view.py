"""Image viewer: zoom (wheel, fit, 1:1), pan (drag), evidence shapes drawn over the image
(the shapes' items are made in :mod:`vincheck.gui.overlay_items`).

Shapes are :class:`vincheck.findings.Shape` in image pixel coordinates; each overlay has a
``key`` (which finding or result it belongs to) so that :meth:`ImageView.highlight` can
emphasise and centre on one finding's evidence.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from vincheck.gui.overlay_items import (
    MAX_LABEL_ROWS,
    MIN_SCALE,
    LabelItem,
    Overlay,
    make_shape_items,
    qimage_from_rgb,
    shape_rect,
)
from vincheck.gui.style import HIGHLIGHT_COLOUR, role_colour
from vincheck.label_layout import free_vertical_offset

MAX_SCALE = 32.0
ZOOM_STEP = 1.25
EVIDENCE_SHARE = 0.5  # a selected finding's evidence spans about this share of the view
CONTAINER_ROLES = ("strip", "rubbing", "picture", "outline")  # shapes round other evidence


class ImageView(QGraphicsView):
    """Zoomable, pannable image with overlays. ``zoomChanged(scale)`` reports the scale."""

    zoomChanged = Signal(float)
    overlaysDrawn = Signal()  # the overlays drawn changed (e.g. for the legend)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QBrush(QColor("#3a3a3a")))
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._placeholder: QGraphicsSimpleTextItem | None = None
        self._overlays: list[Overlay] = []
        self._items: dict[str, list[QGraphicsItem]] = {}
        self._shown_keys: set[str] = set()
        self._highlight: str | None = None
        self._drawn_roles: set[str] = set()
        self._fit_mode = True
        self.setMinimumSize(200, 150)

    # --- image -------------------------------------------------------------------------
    def set_image(self, image: np.ndarray | QImage | None) -> None:
        """Show an image (an RGB array or a QImage) or nothing; clears overlays and any
        placeholder text and fits the image to the window."""
        scene = self.scene()
        scene.clear()
        self._items.clear()
        self._overlays = []
        self._pixmap_item = None
        self._placeholder = None
        self._highlight = None
        self._drawn_roles = set()
        self.overlaysDrawn.emit()
        if image is not None:
            qimg = image if isinstance(image, QImage) else qimage_from_rgb(image)
            pm = QPixmap.fromImage(qimg)
            self._pixmap_item = scene.addPixmap(pm)
            self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            scene.setSceneRect(QRectF(pm.rect()))
        else:
            scene.setSceneRect(QRectF(0, 0, 1, 1))  # no scroll bars left from the last image
        self.fit()

    def set_placeholder(self, text: str) -> None:
        """Show ``text`` (e.g. "loading…" or why the image cannot be shown) instead of an
        image; clears the image and its overlays."""
        self.set_image(None)
        item = self.scene().addSimpleText(text)
        font = QFont()
        font.setPixelSize(16)
        item.setFont(font)
        item.setBrush(QBrush(QColor("#dddddd")))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        rect = item.boundingRect()
        item.setPos(-rect.width() / 2, -rect.height() / 2)
        self.scene().setSceneRect(QRectF(-rect.width() / 2 - 10, -rect.height() / 2 - 10,
                                         rect.width() + 20, rect.height() + 20))
        self._placeholder = item
        self.centerOn(0, 0)

    def placeholder_text(self) -> str:
        """The placeholder text shown, "" when an image (or nothing) is shown."""
        return self._placeholder.text() if self._placeholder is not None else ""

    def has_image(self) -> bool:
        return self._pixmap_item is not None

    def image_size(self) -> tuple[int, int]:
        if self._pixmap_item is None:
            return (0, 0)
        pm = self._pixmap_item.pixmap()
        return (pm.width(), pm.height())

    # --- overlays ------------------------------------------------------------------------
    def set_overlays(self, overlays: list[Overlay], shown_keys: set[str]) -> None:
        """Draw ``overlays``: base ones always, others when their key is in ``shown_keys``
        or highlighted."""
        for items in self._items.values():
            for it in items:
                if it.scene() is not None:
                    self.scene().removeItem(it)
        self._items.clear()
        self._overlays = list(overlays)
        self._shown_keys = set(shown_keys)
        self._rebuild()

    def _rebuild(self) -> None:
        scene = self.scene()
        for items in self._items.values():
            for it in items:
                if it.scene() is not None:
                    scene.removeItem(it)
        self._items.clear()
        built = []
        for ov in self._overlays:
            hl = ov.key == self._highlight
            if not (ov.base or hl or ov.key in self._shown_keys):
                continue
            colour = HIGHLIGHT_COLOUR if hl and not ov.base else role_colour(ov.shape.role)
            width = 3.5 if hl else (1.5 if ov.base else 2.0)
            built.append((ov, hl, make_shape_items(ov.shape, colour, width)))

        def anchor(it: LabelItem) -> tuple[int, int]:
            return (round(it.pos().x() / 4), round(it.pos().y() / 4))

        texts_at: dict[tuple[int, int], set[str]] = {}
        for _ov, _hl, items in built:
            for it in items:
                if isinstance(it, LabelItem):
                    texts_at.setdefault(anchor(it), set()).add(it.text())
        drawn: set[tuple[tuple[int, int], str]] = set()
        for ov, hl, items in built:
            for it in items:
                if isinstance(it, LabelItem) and not hl:
                    at, text = anchor(it), it.text()
                    # the same label at the same place (two findings showing the same
                    # vehicle box) is drawn once, and a label that another one there
                    # already holds ("NO450AM" in "NO450AM 1.00") not at all; a
                    # highlighted copy still goes on top
                    if (at, text) in drawn or any(text != t and text in t
                                                   for t in texts_at[at]):
                        continue
                    drawn.add((at, text))
                it.setZValue(3 if hl else (1 if ov.base else 2))
                scene.addItem(it)
                self._items.setdefault(ov.key, []).append(it)
        self._drawn_roles = {ov.shape.role for ov, _hl, items in built if items}
        self._update_labels()
        self.overlaysDrawn.emit()

    def drawn_roles(self) -> set[str]:
        """The evidence roles of the overlays drawn now (for the legend)."""
        return set(self._drawn_roles) if self._items else set()

    def highlighted_key(self) -> str | None:
        """The key highlighted, when it has overlays drawn on this image."""
        return self._highlight if self._highlight in self._items else None

    def _update_labels(self) -> None:
        """Hide labels wider than their shape at the current zoom, and move each visible
        label the least distance up or down (up first) so that it covers none drawn before
        it on screen."""
        scale = self.scale_factor()
        placed: list[QRectF] = []
        moved: dict[tuple[float, float, str], float] = {}
        for items in self._items.values():
            for it in items:
                if not isinstance(it, LabelItem):
                    continue
                it.setVisible(scale >= it.min_scale)
                if not it.isVisible():
                    continue
                key = (round(it.pos().x(), 1), round(it.pos().y(), 1), it.text())
                if key in moved:  # a highlighted copy: on top of its twin
                    it.shift(moved[key])
                    continue
                origin = QPointF(it.pos().x() * scale, it.pos().y() * scale)
                it.shift(0)
                r = it.boundingRect().translated(origin)
                dy = free_vertical_offset(
                    (r.left(), r.top(), r.right(), r.bottom()),
                    [(p.left(), p.top(), p.right(), p.bottom()) for p in placed],
                    max_move=MAX_LABEL_ROWS * (r.height() + 1))
                it.shift(dy)
                placed.append(it.boundingRect().translated(origin))
                moved[key] = dy

    def label_screen_rects(self) -> dict[str, QRectF]:
        """Each visible label's rectangle in view px, by its text (tests, layout checks)."""
        out = {}
        for items in self._items.values():
            for it in items:
                if isinstance(it, LabelItem) and it.isVisible():
                    p = self.mapFromScene(it.pos())
                    out[it.text()] = it.boundingRect().translated(p.x(), p.y())
        return out

    def overlay_count(self) -> int:
        """Number of graphics items currently drawn for overlays (tests, status)."""
        return sum(len(v) for v in self._items.values())

    def label_texts(self, visible_only: bool = False) -> list[str]:
        return [it.text() for items in self._items.values() for it in items
                if isinstance(it, LabelItem) and (it.isVisible() or not visible_only)]

    def evidence_rect(self, key: str) -> QRectF:
        """The scene rectangle (image px) of ``key``'s shapes; empty when it has none. A
        strip's or a picture's outline counts only when the finding has no more precise
        shape (e.g. where a missing end symbol belongs)."""
        shapes = [ov.shape for ov in self._overlays if ov.key == key]
        precise = [s for s in shapes if s.role not in CONTAINER_ROLES]
        rect = QRectF()
        for shape in precise or shapes:
            r = shape_rect(shape)
            if r is not None:
                rect = rect.united(r)
        return rect

    def highlight(self, key: str | None, centre: bool = True) -> bool:
        """Emphasise the overlays of ``key`` and, with ``centre``, zoom to and centre on
        them; False if it has none here."""
        self._highlight = key
        self._rebuild()
        if key is None or key not in self._items:
            return False
        rect = self.evidence_rect(key)
        if rect.isNull() and rect.width() <= 0 and rect.height() <= 0:
            return False
        if centre:
            self.zoom_to(rect)
        return True

    def zoom_to(self, rect: QRectF) -> None:
        """Zoom so that ``rect`` (image px) spans about :data:`EVIDENCE_SHARE` of the view
        (never below the fitted zoom, nor above 1:1 or 4 x the fitted zoom when that is
        more), and centre on it."""
        if self._pixmap_item is None:
            return
        vw, vh = self.viewport().width(), self.viewport().height()
        img = self._pixmap_item.boundingRect()
        fit = min(vw / max(img.width(), 1.0), vh / max(img.height(), 1.0))
        want = EVIDENCE_SHARE * min(vw / max(rect.width(), 1.0), vh / max(rect.height(), 1.0))
        scale = min(max(want, fit), max(1.0, 4.0 * fit))
        scale = min(max(scale, MIN_SCALE), MAX_SCALE)
        self.resetTransform()
        self.scale(scale, scale)
        self._fit_mode = scale <= fit * 1.0001
        self._clamp_scale()
        self.centerOn(rect.center())

    # --- zoom ---------------------------------------------------------------------------
    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def _clamp_scale(self) -> None:
        s = self.scale_factor()
        if s < MIN_SCALE or s > MAX_SCALE:
            f = min(max(s, MIN_SCALE), MAX_SCALE) / s
            self.scale(f, f)
        self._update_labels()
        self.zoomChanged.emit(self.scale_factor())

    def zoom(self, factor: float) -> None:
        self._fit_mode = False
        self.scale(factor, factor)
        self._clamp_scale()

    def zoom_in(self) -> None:
        self.zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom(1 / ZOOM_STEP)

    def actual_size(self) -> None:
        """1:1 — one image pixel per screen pixel."""
        self._fit_mode = False
        self.resetTransform()
        self._update_labels()
        self.zoomChanged.emit(1.0)

    def fit(self) -> None:
        """Fit the whole image into the window (and keep fitting on resize)."""
        self._fit_mode = True
        if self._pixmap_item is not None:
            self.fitInView(self._pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            self.resetTransform()
        self._update_labels()
        self.zoomChanged.emit(self.scale_factor())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        dy = event.angleDelta().y()
        if dy == 0 or self._pixmap_item is None:
            super().wheelEvent(event)
            return
        self.zoom(ZOOM_STEP ** (dy / 120.0))
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        super().resizeEvent(event)
        if self._fit_mode:
            self.fit()

