"""The current case of the main window: what a check depends on (``case_key``, and the
files' contents as :func:`file_stamps`), whether a case is the bundled sample (a
demonstration, never recorded), and (:class:`CaseModel`) the result with the inputs it was
computed from."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from vincheck.errors import VincheckError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput


def case_key(case: CaseInput | None) -> tuple | None:
    """What a check depends on, comparable (file paths resolved, VIN upper case)."""
    if case is None:
        return None
    return (tuple(str(Path(f).resolve()) for f in case.rubbing_files),
            tuple(str(Path(f).resolve()) for f in case.photo_files),
            "".join((case.expected_vin or "").split()).upper(), case.kind or "car",
            case.color or None, float(case.dpi) if case.dpi else None)


def file_stamps(case: CaseInput | None) -> tuple:
    """Which contents the case's files have now: size (bytes) and modification time (ns)
    of each (None for a file that cannot be read). A file written anew, under the same
    name, changes its stamp."""
    stamps: list[tuple[int, int] | None] = []
    for f in case.files() if case is not None else []:
        try:
            st = os.stat(f)
            stamps.append((st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


_SAMPLE_FILES: dict[str, set[str]] = {}  # sample case path -> its resolved files


def sample_case_file() -> Path | None:
    """The bundled sample case, or None when it is not installed."""
    try:
        from vincheck.case_io import sample_case_path

        return sample_case_path()
    except (ImportError, VincheckError):
        return None


def sample_files() -> set[str]:
    """The resolved paths of the bundled sample case's files (empty when not installed)."""
    path = sample_case_file()
    if path is None:
        return set()
    key = str(path)
    if key not in _SAMPLE_FILES:
        try:
            from vincheck.case_io import load_case_file

            _SAMPLE_FILES[key] = {str(Path(f).resolve()) for f in load_case_file(path).files()}
        except Exception:  # noqa: BLE001 - a damaged sample is simply not the case at hand
            return set()
    return _SAMPLE_FILES[key]


def is_sample_case(case: CaseInput | None) -> bool:
    """Whether ``case`` uses any file of the bundled sample case (a demonstration, not a
    vehicle: it is never recorded)."""
    if case is None or not case.files():
        return False
    sample = sample_files()
    return any(str(Path(f).resolve()) in sample for f in case.files())


class CaseModel(QObject):
    """The case on screen and its result. The inputs are read from the case panel
    (``inputs``); the model owns the result, the inputs it was computed from
    (``result_case``), its record id, the case file it came from, how the last check
    ended (``outcome``: "", "running", "done", "failed" or "cancelled") and whether a
    check is running.

    The rule: a result never outlives its inputs. :meth:`inputs_changed` clears it as soon
    as the inputs differ from ``result_case`` or a file of it was written anew on disk (a
    watcher calls it then; a running check's outcome is dropped when it ends instead, see
    :meth:`run_is_stale`). The judging settings are inputs too, but
    a settings change keeps the result on screen, marked stale
    (:meth:`settings_stale`): ``judging()`` gives the judging settings as they are now
    (see :mod:`vincheck.gui.judging_settings`), and the result remembers those it was
    computed under (those of its check, else those in force when it was shown).

    Signals: ``resultChanged()`` when a result is shown or cleared, ``staleCleared()``
    after the inputs changed and the result was cleared for it, ``fileChanged(path)`` when
    a file of the result on screen changed on disk (its decoded pages are old)."""

    resultChanged = Signal()
    staleCleared = Signal()
    fileChanged = Signal(str)

    def __init__(self, inputs: Callable[[], CaseInput], parent: QObject | None = None,
                 judging: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self._inputs = inputs
        self._judging = judging or (lambda: "")
        self.result_settings: str | None = None  # judging settings the result came from
        self._run_settings: str | None = None  # those the running check was started with
        self.result: CaseResult | None = None
        self.result_case: CaseInput | None = None
        self.record_id: int | None = None
        self.case_path: Path | None = None
        self.outcome = ""
        self.running = False
        self._run_key: tuple | None = None  # the inputs the running check was started with
        self._run_stamps: tuple | None = None  # and their files' stamps then
        self._result_stamps: tuple = ()  # the result's files' stamps when it was computed
        self._watcher = QFileSystemWatcher(self)  # the result's files, while it is shown
        self._watcher.fileChanged.connect(self._file_changed)

    def inputs(self) -> CaseInput:
        """The case's inputs as they are now."""
        return self._inputs()

    def is_sample(self) -> bool:
        """Whether the case on screen is the bundled sample (never recorded)."""
        return is_sample_case(self.result_case or self.inputs())

    def set_result(self, result: CaseResult, case: CaseInput | None,
                   settings_key: str | None = None) -> None:
        """Show ``result``, computed from ``case`` (under the judging settings
        ``settings_key``: by default those of the check that ran, else those now)."""
        # the running check's own result: the settings and file stamps it started with
        of_run = self.running and self._run_stamps is not None and \
            case_key(case) == self._run_key
        self.result = result
        self.result_case = case
        self.result_settings = settings_key or (
            self._run_settings if of_run and self._run_settings is not None
            else self._judging())
        self._result_stamps = self._run_stamps if of_run else file_stamps(case)
        self._run_settings = self._run_stamps = None
        self._watch(case.files() if case is not None else [])
        self.resultChanged.emit()

    def settings_stale(self) -> bool:
        """Whether the result on screen was computed under other judging settings than
        those in force now (False without a result)."""
        return self.result is not None and self.result_settings != self._judging()

    def clear_result(self) -> None:
        """No result (nor its inputs, record id or outcome) any more; the inputs stay."""
        self.result = None
        self.result_case = None
        self.result_settings = None
        self._run_settings = self._run_stamps = None
        self._result_stamps = ()
        self._watch([])
        self.record_id = None
        self.outcome = ""
        self.resultChanged.emit()

    def inputs_changed(self) -> None:
        """The inputs changed: a result computed from other inputs is cleared at once."""
        if self.result is None or self.running:
            return
        if case_key(self.inputs()) == case_key(self.result_case) and \
                file_stamps(self.result_case) == self._result_stamps:
            return
        self.clear_result()
        self.staleCleared.emit()

    def stop_watching(self) -> None:
        """Watch no file any more (the window is closing)."""
        self._watch([])

    def _watch(self, files: list[str]) -> None:
        """Watch ``files`` (only) for changes on disk."""
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        existing = [f for f in files if os.path.isfile(f)]
        if existing:
            self._watcher.addPaths(existing)

    def _file_changed(self, path: str) -> None:
        """A watched file was written, replaced or removed."""
        self.fileChanged.emit(path)
        self.inputs_changed()

    def begin_run(self, case: CaseInput) -> None:
        """A check of ``case`` starts."""
        self.result_case = case
        self._run_key = case_key(case)
        self._run_stamps = file_stamps(case)
        self._run_settings = self._judging()
        self.running = True
        self.outcome = "running"

    def run_is_stale(self) -> bool:
        """The case changed (or a new one began) while the check ran: its outcome is not
        shown beside inputs it was not computed from."""
        inputs = self.inputs()
        return case_key(inputs) != self._run_key or file_stamps(inputs) != self._run_stamps
