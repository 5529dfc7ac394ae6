"""A result on the main window's screen: the checklist, the evidence on the page, the
verdict banner, the selected row's details, the operator's decisions saved with the
record, and a finished check recorded.

:class:`ResultFlow` holds no state of its own beyond the parts it is given: it reacts to
the case model (``resultChanged``), the checklist's selection and the decision panel
(``decisionsChanged``), and says through ``reviewActions(can_decide, can_undo,
has_review)`` which review actions can act now and through ``status(message, ms)`` what
the status bar shows. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from vincheck.findings import CaseResult
from vincheck.gui.case_model import CaseModel
from vincheck.gui.case_panel import CasePanel
from vincheck.gui.check_run import finished_text
from vincheck.gui.decisions import DecisionPanel
from vincheck.gui.message_bar import MessageBar
from vincheck.gui.records import Records
from vincheck.gui.result_view import ResultView, stale_text
from vincheck.gui.viewer import ImageBrowser

translate = QCoreApplication.translate


@dataclass
class ResultParts:
    """The parts a :class:`ResultFlow` works with."""

    model: CaseModel
    panel: CasePanel
    result_view: ResultView
    viewer: ImageBrowser
    decisions: DecisionPanel
    records: Records
    messages: MessageBar
    record: Callable[[], bool]  # finished checks are recorded (not for screenshots, tests)


class ResultFlow(QObject):
    """Signals: ``reviewActions(can_decide, can_undo, has_review)`` and ``status(message,
    ms)``."""

    reviewActions = Signal(bool, bool, bool)
    status = Signal(str, int)

    def __init__(self, parts: ResultParts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.p = parts
        parts.model.resultChanged.connect(self._result_changed)
        parts.result_view.entrySelected.connect(self.entry_selected)
        parts.decisions.decisionsChanged.connect(self._decisions_changed)

    def _result_changed(self) -> None:
        """The model shows another result, or none: every part follows."""
        p = self.p
        result = p.model.result
        p.viewer.set_evidence(None, [])
        p.decisions.set_result(result)
        p.decisions.set_locked(p.model.settings_stale())
        if result is None:
            p.result_view.clear()
            p.panel.set_progress(0.0, "")  # "check finished in …" belonged to that result
        else:
            p.result_view.show_groups(result)
            p.viewer.set_evidence(result, p.result_view.groups)
            p.viewer.note_pages(result)
            p.viewer.refresh_files()
            if p.viewer.current_image is not None:
                p.viewer.show_image(p.viewer.current_image)
        if p.model.settings_stale():  # a check that ran while the settings changed
            p.panel.set_progress(1.0, stale_text())
        self.update_banner()
        if result is None:
            p.viewer.draw_overlays()
        else:
            p.result_view.select_first_failure()
        self.sync_review_actions()

    def regroup(self) -> None:
        """Build the checklist again in the current language (the selection stays)."""
        p = self.p
        if p.model.result is None:
            return
        key = p.result_view.checklist.current_key()
        p.result_view.show_groups(p.model.result)
        p.viewer.set_evidence(p.model.result, p.result_view.groups)
        if key:
            p.result_view.checklist.select_key(key)

    def update_banner(self) -> None:
        m = self.p.model
        self.p.result_view.update_banner(m.result, m.outcome, m.running,
                                         m.result is not None and m.is_sample(),
                                         m.settings_stale())

    def settings_changed(self) -> None:
        """The settings were changed: a result computed under other judging settings is
        marked stale (banner, progress line; no decisions on it), one computed under the
        settings now (changed back) is current again."""
        p = self.p
        stale = p.model.settings_stale()
        p.decisions.set_locked(stale)
        if p.model.result is not None and not p.model.running:
            line = progress_line(p.model)
            p.panel.set_progress(1.0 if line else 0.0, line)
        self.update_banner()
        self.entry_selected(p.result_view.checklist.current_key())

    def entry_selected(self, key: str) -> None:
        """A checklist row was selected ("" for none): its details, and its evidence on
        the page."""
        p = self.p
        p.decisions.show_entry(key)
        self.sync_review_actions()
        entry = p.result_view.checklist.entries.get(key) if key else None
        p.viewer.follow_selection(key if entry else "", entry.image if entry else None,
                                  bool(entry and entry.finding.evidence))

    def undo_decision(self) -> bool:
        """Take back the last decision (Ctrl+Z); False when there is none."""
        if not self.p.decisions.undo():
            return False
        self.status.emit(translate("MainWindow", "Decision taken back."), 4000)
        return True

    def select_review(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) row still awaiting review, round
        the list; False when none is left."""
        if not self.p.result_view.checklist.pending_keys():
            self.status.emit(translate("MainWindow", "Nothing is left to review."), 4000)
            return False
        return self.p.result_view.checklist.select_pending(step)

    def sync_review_actions(self) -> None:
        """Say which review actions can act now."""
        p = self.p
        has_review = p.model.result is not None and \
            bool(p.result_view.checklist.pending_keys())
        self.reviewActions.emit(p.decisions.can_decide(), p.decisions.can_undo(), has_review)

    def _decisions_changed(self, key: str) -> None:
        """Redraw the rows, banner and summary after the decisions changed; keep ``key``
        selected and save the decisions with the record."""
        p = self.p
        result = p.model.result
        p.result_view.redraw_rows(result, key)
        self.update_banner()
        self.sync_review_actions()
        if p.model.record_id is not None:
            p.records.save_decisions(p.model.record_id, result.decisions)

    def record(self, result: CaseResult) -> None:
        """Record a finished check (not the sample, nor when recording is off)."""
        p = self.p
        if not p.record() or p.model.result_case is None:
            return
        record_id = p.records.record(p.model.result_case, result)
        if record_id is not None:
            p.model.record_id = record_id

    def note_missing_files(self, files: list[str]) -> None:
        """Say when files of a reopened record are no longer where they were."""
        missing = [f for f in files if not Path(f).exists()]
        if missing:
            self.p.messages.add(translate("MainWindow", "{n} file(s) of this record are no "
                                          "longer where they were; their images cannot be "
                                          "shown.").format(n=len(missing)), "warning")


def progress_line(model: CaseModel) -> str:
    """The line under the progress bar for a finished check's result: how long it took,
    or that the settings changed since."""
    if model.result is None:
        return ""
    if not model.settings_stale() and model.outcome != "done":
        return ""  # a result opened from a case file or the records took no time here
    return stale_text() if model.settings_stale() else finished_text(model.result)
