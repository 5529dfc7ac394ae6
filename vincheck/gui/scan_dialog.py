"""The scan dialog: choose a scanner and a resolution (300 dpi, 600 dpi for rubbings),
scan in colour on a worker thread with progress and cancel; the pages written (TIFF with
their DPI, :mod:`vincheck.scanner`) are handed to the window with ``scanned(files)``.

A scanner error or a cancel is said in the dialog (and ``failed(message)``); nothing is
handed over then, so the case stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled, VincheckError


class _Job(QThread):
    """Runs ``fn(progress, token)`` in its own thread. Signals: ``progressed(fraction,
    message)``, ``succeeded(result)``, ``failed(exception)``, ``cancelled()``."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, fn: Callable[..., Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.token = CancelToken()

    def run(self) -> None:  # the worker thread
        try:
            result = self.fn(lambda f, m: self.progressed.emit(float(f), str(m)), self.token)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - every error goes to the dialog
            self.failed.emit(exc)
        else:
            if self.token.cancelled:
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


class ScanDialog(QDialog):
    """Scan pages into ``out_dir``. ``extra_options`` go to the scanner backend as they
    are (tests: the SANE test device's options)."""

    scanned = Signal(list)  # list[str]: the files written, in page order
    failed = Signal(str)  # a message for the operator (error or cancel)

    def __init__(self, out_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.out_dir = Path(out_dir)
        self.extra_options: list[str] = []
        self.job: _Job | None = None
        self.devices_job: _Job | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.device_combo = QComboBox()
        self.device_combo.setMinimumContentsLength(28)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.find_devices)
        row = QHBoxLayout()
        row.addWidget(self.device_combo, 1)
        row.addWidget(self.refresh_button)
        self.dpi_combo = QComboBox()
        self.pages_spin = QSpinBox()
        self.pages_spin.setRange(1, 50)
        self.lbl_device, self.lbl_dpi, self.lbl_pages = QLabel(), QLabel(), QLabel()
        form.addRow(self.lbl_device, row)
        form.addRow(self.lbl_dpi, self.dpi_combo)
        form.addRow(self.lbl_pages, self.pages_spin)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.scan_button = QPushButton()
        self.scan_button.setDefault(True)
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.retranslate()
        self.scan_button.setEnabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scan"))
        self.lbl_device.setText(self.tr("Scanner"))
        self.lbl_dpi.setText(self.tr("Resolution"))
        self.lbl_pages.setText(self.tr("Pages"))
        self.pages_spin.setToolTip(self.tr("More than one: from the document feeder"))
        self.refresh_button.setText(self.tr("Search again"))
        dpi = self.dpi()
        self.dpi_combo.clear()
        self.dpi_combo.addItem(self.tr("300 dpi (certificate, photo prints)"), 300)
        self.dpi_combo.addItem(self.tr("600 dpi (rubbing sheets)"), 600)
        self.dpi_combo.setCurrentIndex(max(0, self.dpi_combo.findData(dpi)))
        self.scan_button.setText(self.tr("Scan"))
        self.cancel_button.setText(self.tr("Cancel"))

    def dpi(self) -> int:
        return int(self.dpi_combo.currentData() or 300)

    # --- devices -------------------------------------------------------------------------
    def find_devices(self) -> None:
        """Look for scanners in the background (network scanners can take seconds)."""
        from vincheck import scanner

        reason = scanner.unavailable_reason()
        if reason:
            self._say(self.tr("Scanning is not available: {reason}").format(reason=reason),
                      error=True)
            return
        self.device_combo.clear()
        self.scan_button.setEnabled(False)
        self.refresh_button.setEnabled(False)
        self._say(self.tr("Looking for scanners…"))
        self.devices_job = _Job(lambda _p, _t: scanner.list_devices(), self)
        self.devices_job.succeeded.connect(self._on_devices)
        self.devices_job.failed.connect(self._on_devices_failed)
        self.devices_job.start()

    def _on_devices(self, devices: list) -> None:
        self.refresh_button.setEnabled(True)
        for d in devices:
            self.device_combo.addItem(d.label, d.id)
        if devices:
            self._say(self.tr("{n} scanner(s) found.").format(n=len(devices)))
            self.scan_button.setEnabled(True)
        else:
            self._say(self.tr("No scanner found. Check that it is switched on and "
                              "connected, then search again."), error=True)

    def _on_devices_failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self._say(self.tr("Cannot look for scanners: {reason}").format(
            reason=getattr(exc, "message", None) or str(exc)), error=True)

    # --- scanning ------------------------------------------------------------------------
    def start_scan(self) -> None:
        from vincheck import scanner

        device = self.device_combo.currentData()
        if not device or self.job is not None:
            return
        dpi, pages, extra, out = self.dpi(), self.pages_spin.value(), list(self.extra_options), \
            self.out_dir

        def work(progress: Callable[[float, str], None], token: CancelToken) -> list[Path]:
            return scanner.scan(str(device), out, dpi=dpi, pages=pages, cancel=token,
                                progress=progress, extra_options=extra)

        self.job = _Job(work, self)
        self.job.progressed.connect(self._on_progress)
        self.job.succeeded.connect(self._on_scanned)
        self.job.failed.connect(self._on_scan_failed)
        self.job.cancelled.connect(self._on_scan_cancelled)
        self._set_running(True)
        self._say(self.tr("Scanning at {dpi} dpi…").format(dpi=dpi))
        self.job.start()

    def is_scanning(self) -> bool:
        return self.job is not None

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.token.cancel()
            self._say(self.tr("Stopping the scan…"))
        else:
            self.reject()

    def _on_progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _finish(self) -> None:
        if self.job is not None:
            self.job.wait(5000)
            self.job = None
        self._set_running(False)

    def _on_scanned(self, files: list[Path]) -> None:
        self._finish()
        self.progress.setValue(1000)
        self._say(self.tr("{n} page(s) scanned.").format(n=len(files)))
        self.scanned.emit([str(f) for f in files])
        self.accept()

    def _on_scan_failed(self, exc: BaseException) -> None:
        self._finish()
        self.progress.setValue(0)
        reason = exc.message if isinstance(exc, VincheckError) else str(exc)
        msg = self.tr("The scan failed: {reason}. Nothing was added to the case.").format(
            reason=reason)
        self._say(msg, error=True)
        self.failed.emit(msg)

    def _on_scan_cancelled(self) -> None:
        self._finish()
        self.progress.setValue(0)
        msg = self.tr("The scan was cancelled. Nothing was added to the case.")
        self._say(msg)
        self.failed.emit(msg)

    def _set_running(self, running: bool) -> None:
        self.scan_button.setEnabled(not running and self.device_combo.count() > 0)
        self.refresh_button.setEnabled(not running)
        self.device_combo.setEnabled(not running)
        self.dpi_combo.setEnabled(not running)
        self.pages_spin.setEnabled(not running)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def reject(self) -> None:
        if self.job is not None:  # Esc while scanning: stop the scan, keep the dialog
            self.cancel_or_close()
            return
        super().reject()

    def shutdown(self) -> None:
        """Stop a running scan (nothing is added) and wait for the dialog's threads."""
        if self.job is not None:
            self.job.token.cancel()
            self.job.wait(10000)
        if self.devices_job is not None:
            self.devices_job.wait(int(1000 * 35))

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        self.shutdown()
        super().closeEvent(event)
