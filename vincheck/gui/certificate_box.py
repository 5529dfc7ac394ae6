"""The certificate box: what was read from the case's 合格证 (VIN, body colour, vehicle
kind), where each value came from (barcode / OCR, confidence, a crop of the evidence) and
a button to use a value the reader did not fill by itself. The crop is shown under a
value the operator must confirm (a filled value has its source and confidence only).

:class:`CertificateReader` runs :func:`vincheck.certificate.read_certificate_file` off the
GUI thread (a one-thread pool, as :mod:`vincheck.gui.file_sorter`) and reports with
``done(file, reading, crops)`` / ``failed(file, exc)`` on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from vincheck.gui import texts
from vincheck.gui.overlay_items import qimage_from_rgb

translate = QCoreApplication.translate
NAMES = ("vin", "colour", "kind")
CROP_HEIGHT = 30  # px: largest height of the evidence crop shown under a value
CROP_WIDTH = 210  # px: its largest width
ReadFunction = Callable[[str], tuple[Any, dict[str, np.ndarray]]]


def read_with_crops(file: str) -> tuple[Any, dict[str, np.ndarray]]:
    """Read a certificate and cut out each value's evidence (runs in the worker)."""
    from vincheck.certificate import read_certificate
    from vincheck.imageio import load_image

    img = load_image(file)
    reading = read_certificate(img.rgb, file)
    crops: dict[str, np.ndarray] = {}
    h, w = img.rgb.shape[:2]
    for name, v in reading.values.items():
        if v.box:
            x0, y0, x1, y1 = v.box
            m = 4
            crop = img.rgb[max(0, y0 - m):min(h, y1 + m), max(0, x0 - m):min(w, x1 + m)]
            if crop.size:
                crops[name] = np.ascontiguousarray(crop)
    return reading, crops


class _Relay(QObject):
    done = Signal(str, object, object)
    failed = Signal(str, object)


class CertificateReader(QObject):
    """Reads certificates one at a time in the background; ``busy`` while one is read."""

    done = Signal(str, object, object)  # file, CertificateReading, {name: crop}
    failed = Signal(str, object)  # file, exception

    def __init__(self, read: ReadFunction | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_function: ReadFunction = read or read_with_crops
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vincheck-cert")
        self._relay = _Relay()
        self._relay.done.connect(self.done)
        self._relay.failed.connect(self.failed)
        self._pending = 0
        self._relay.done.connect(self._finished)
        self._relay.failed.connect(self._finished)

    def busy(self) -> bool:
        return self._pending > 0

    def read(self, file: str) -> None:
        self._pending += 1
        relay = self._relay

        def report(fut: Future) -> None:
            try:
                exc = fut.exception()
                if exc is not None:
                    relay.failed.emit(file, exc)
                else:
                    reading, crops = fut.result()
                    relay.done.emit(file, reading, crops)
            except RuntimeError:  # the window is gone
                pass

        self._pool.submit(self.read_function, file).add_done_callback(report)

    def _finished(self, *_args: object) -> None:
        self._pending = max(0, self._pending - 1)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class CertificateBox(QGroupBox):
    """Shows one certificate reading. ``useRequested(name, value)`` when the operator
    takes a value the reader did not fill by itself."""

    useRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #666;")
        grid.addWidget(self.status, 0, 0, 1, 4)
        self.name_labels: dict[str, QLabel] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.source_labels: dict[str, QLabel] = {}
        self.crop_labels: dict[str, QLabel] = {}
        self.use_buttons: dict[str, QPushButton] = {}
        for row, name in enumerate(NAMES, start=1):
            self.name_labels[name] = QLabel()
            self.value_labels[name] = QLabel()
            self.value_labels[name].setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            self.source_labels[name] = QLabel()
            self.crop_labels[name] = QLabel()
            button = QPushButton()
            button.setVisible(False)
            button.clicked.connect(lambda _c=False, n=name: self._use(n))
            self.use_buttons[name] = button
            r = 3 * row - 2
            grid.addWidget(self.name_labels[name], r, 0)
            grid.addWidget(self.source_labels[name], r, 1, 1, 2)
            grid.addWidget(self.value_labels[name], r + 1, 0, 1, 2)
            grid.addWidget(button, r + 1, 2)
            grid.addWidget(self.crop_labels[name], r + 2, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        self.file: str | None = None
        self.reading: Any = None
        self.applied: dict[str, str] = {}
        self._state = "empty"
        self.retranslate()
        self.setVisible(False)

    # --- texts ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Certificate"))
        self.name_labels["vin"].setText(self.tr("VIN"))
        self.name_labels["colour"].setText(self.tr("Colour"))
        self.name_labels["kind"].setText(self.tr("Vehicle"))
        for b in self.use_buttons.values():
            b.setText(self.tr("Use"))
            b.setToolTip(self.tr("Put this value into the case"))
        self._refresh()

    def _source_text(self, v: Any, name: str) -> str:
        src = self.tr("barcode") if v.source == "barcode" else self.tr("OCR")
        text = f"{src} {v.confidence:.0%}"
        if name in self.applied:
            text += " · " + self.tr("filled in")
        elif v.value:
            text += " · " + self.tr("please confirm")
        else:
            text += " · " + self.tr("read: {text}").format(text=v.text or "-")
        return text

    def _refresh(self) -> None:
        if self._state == "reading":
            self.status.setText(self.tr("Reading {name}…").format(name=Path(self.file or "").name))
        elif self._state == "failed":
            pass  # set by set_failed
        elif self.reading is not None:
            self.status.setText(self.tr("{name}: read in {ms:.1f} s").format(
                name=Path(self.reading.file or "").name, ms=self.reading.ms / 1000.0))
        for name in NAMES:
            v = self.reading.values.get(name) if self.reading is not None else None
            value_label, source = self.value_labels[name], self.source_labels[name]
            button = self.use_buttons[name]
            if v is None:
                value_label.setText("—")
                source.setText(self.tr("not found") if self.reading is not None else "")
                button.setVisible(False)
                continue
            shown = v.value or "?"
            if name == "colour" and v.value:
                shown = f"{v.value}  {texts.colour_name(v.value)}" \
                    if texts.colour_name(v.value) != v.value else v.value
            elif name == "kind" and v.value:
                shown = texts.kind_name(v.value)
            value_label.setText(shown)
            sure = name in self.applied
            colour = "#2e7d32" if sure else "#b26a00"
            value_label.setStyleSheet(f"color: {colour}; font-weight: bold; "
                                      "font-family: monospace;")
            source.setText(self._source_text(v, name))
            tip = self.tr("Read from the {source} with confidence {c:.0%}").format(
                source=self.tr("barcode") if v.source == "barcode" else self.tr("OCR"),
                c=v.confidence)
            source.setToolTip(tip + (f"\n{v.note}" if v.note else ""))
            button.setVisible(bool(v.value) and not sure)
            # the evidence crop where the operator must decide (spares the panel's height)
            crop = self.crop_labels[name]
            crop.setVisible(not sure and crop.pixmap() is not None
                            and not crop.pixmap().isNull())

    # --- state ---------------------------------------------------------------------------
    def set_reading_started(self, file: str) -> None:
        self.file = file
        self.reading = None
        self.applied = {}
        self._state = "reading"
        for c in self.crop_labels.values():
            c.clear()
        self.setVisible(True)
        self._refresh()

    def set_reading(self, reading: Any, applied: dict[str, str],
                    crops: dict[str, np.ndarray] | None = None) -> None:
        """Show ``reading``; ``applied`` the values that went into the case."""
        self.reading = reading
        self.file = reading.file
        self.applied = dict(applied)
        self._state = "done"
        for name, label in self.crop_labels.items():
            crop = (crops or {}).get(name)
            if crop is None:
                label.clear()
                continue
            pix = QPixmap.fromImage(qimage_from_rgb(crop))
            label.setPixmap(pix.scaled(CROP_WIDTH, CROP_HEIGHT,
                                       Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
            label.setToolTip(self.tr("Where it was read"))
        self.setVisible(True)
        self._refresh()

    def set_failed(self, file: str, reason: str) -> None:
        self.file = file
        self.reading = None
        self._state = "failed"
        self.status.setText(self.tr("Cannot read {name}: {reason}").format(
            name=Path(file).name, reason=reason))
        self.setVisible(True)
        self._refresh()

    def clear(self) -> None:
        self.file = None
        self.reading = None
        self.applied = {}
        self._state = "empty"
        self.setVisible(False)

    def _use(self, name: str) -> None:
        v = self.reading.values.get(name) if self.reading is not None else None
        if v is None or not v.value:
            return
        self.applied[name] = v.value
        self.useRequested.emit(name, v.value)
        self._refresh()
