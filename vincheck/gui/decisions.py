"""The operator's side of a result: the details of the selected checklist row and the
accept / reject decision on a finding that needs review, with undo.

:class:`DecisionPanel` owns the note field, the two buttons, the undo stack and whether
the check's own details are shown; it reads the selected row from the checklist and
changes only ``result.decisions``. ``decisionsChanged(key)`` tells the window to redraw
the rows and the verdict and to save the decisions. Texts keep the ``MainWindow``
context."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from vincheck.findings import CaseResult, Decision, Finding, Status
from vincheck.gui import texts
from vincheck.gui.checklist import Checklist

translate = QCoreApplication.translate
DECIDABLE = (Status.REVIEW, Status.SKIPPED)  # statuses the operator may accept or reject


class DecisionPanel(QWidget):
    """Signal: ``decisionsChanged(key)`` after a decision was made or taken back (``key``:
    the row to keep selected)."""

    decisionsChanged = Signal(str)

    def __init__(self, checklist: Checklist, operator: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklist = checklist
        self._operator = operator  # who decides (as in the settings now)
        self._result: CaseResult | None = None
        self._undo: list[list[Decision]] = []  # decisions before each of the operator's
        self._engine_details = False  # the core's own words are shown (else a link)
        self._details_link = False  # the link is connected
        self._locked = False  # the result is stale: no decisions on it
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(34)
        lay.addWidget(self.detail)
        row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        lay.addLayout(row)
        self.set_enabled(False)

    def retranslate(self) -> None:
        self.note_edit.setPlaceholderText(translate("MainWindow",
                                                    "Note for the decision (optional)"))
        self.accept_button.setText(translate("MainWindow", "Accept") + " (F9)")
        self.reject_button.setText(translate("MainWindow", "Reject") + " (F10)")
        self.accept_button.setToolTip(translate("MainWindow", "Accept: the item counts as "
                                                "passed (F9; F8 goes to the next item to "
                                                "review, Ctrl+Z takes a decision back)"))
        self.reject_button.setToolTip(translate("MainWindow", "Reject: the item counts as "
                                                "failed (F10; Ctrl+Z takes a decision back)"))

    def set_result(self, result: CaseResult | None) -> None:
        """The result decided on (None: none); the undo stack starts empty."""
        self._result = result
        self._undo.clear()

    def set_locked(self, locked: bool) -> None:
        """``locked``: the result was computed under settings changed since, so no
        decision is taken on it (nor taken back) until it is checked again."""
        self._locked = locked

    def can_decide(self) -> bool:
        entry = self._checklist.current_entry()
        return self._result is not None and not self._locked and entry is not None and \
            entry.finding.status in DECIDABLE

    def can_undo(self) -> bool:
        return self._result is not None and not self._locked and bool(self._undo)

    def set_enabled(self, on: bool) -> None:
        for w in (self.note_edit, self.accept_button, self.reject_button):
            w.setEnabled(on)

    def show_entry(self, key: str) -> None:
        """The details of the row ``key`` ("" for none); the buttons act on it when it
        needs review."""
        entry = self._checklist.entries.get(key) if key else None
        if entry is None:
            self.detail.setText("")
            self.set_enabled(False)
            return
        self.detail.setText("<br>".join(self._detail_lines(entry.finding)))
        self.set_enabled(not self._locked and entry.finding.status in DECIDABLE)

    def _detail_lines(self, f: Finding) -> list[str]:
        lines = [f"<b>{html.escape(texts.rule_title(f.code))}</b> "
                 f"<span style='color:#777'>[{html.escape(f.code)}]</span> — "
                 f"{html.escape(texts.explanation(f))}"]
        advice = texts.advice(f)
        if advice:
            lines.append("<b>" + html.escape(translate("MainWindow", "What to do: {advice}")
                                             .format(advice=advice)) + "</b>")
        if f.message and f.message not in lines[0]:  # the core's own words (English),
            if self._engine_details:  # behind a "details" link
                lines.append("<span style='color:#666'>" + html.escape(
                    translate("MainWindow", "Check details: {message}").format(
                        message=f.message)) + "</span>")
            else:
                lines.append("<a href='details'>" + html.escape(
                    translate("MainWindow", "Show the check's own details")) + "</a>")
            if not self._details_link:
                self._details_link = True
                self.detail.linkActivated.connect(self.toggle_engine_details)
                self.detail.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextSelectableByMouse
                    | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        return lines

    def toggle_engine_details(self, _link: str = "") -> None:
        """Show or hide the check's own (English) words under the selected row."""
        self._engine_details = not self._engine_details
        self.show_entry(self._checklist.current_key())

    def decide(self, accepted: bool, note: str | None = None) -> Decision | None:
        """Record the operator's decision on the selected review finding."""
        entry = self._checklist.current_entry()
        if not self.can_decide() or entry is None or self._result is None:
            return None
        d = Decision(code=entry.finding.code, accepted=accepted, operator=self._operator(),
                     note=self.note_edit.text().strip() if note is None else note,
                     time=datetime.now().astimezone().isoformat(timespec="seconds"),
                     target=entry.target)
        self._undo.append(list(self._result.decisions))
        self._result.decisions = [x for x in self._result.decisions
                                  if not (x.code == d.code and x.target == d.target)] + [d]
        self.decisionsChanged.emit(entry.key)
        self.note_edit.clear()
        self._checklist.setFocus()  # Ctrl+Z now takes the decision back, not the note's edit
        return d

    def undo(self) -> bool:
        """Take back the last decision; False when there is none."""
        if not self.can_undo() or self._result is None:
            return False
        before = {(x.code, x.target, x.accepted) for x in self._result.decisions}
        self._result.decisions = self._undo.pop()
        after = {(x.code, x.target, x.accepted) for x in self._result.decisions}
        changed = before ^ after
        key = next((e.key for g in self._checklist.groups for e in g.entries
                    if any(c == e.finding.code and t == e.target for c, t, _a in changed)),
                   self._checklist.current_key())
        self.decisionsChanged.emit(key)
        return True
