"""The operator's side of a result in the main window: a selected checklist row goes to
the decision panel and the viewer, review rows are stepped through, and decisions made
in the :class:`~vincheck.gui.decisions.DecisionPanel` redraw the verdict and are saved
with the record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vincheck.findings import Decision

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class ReviewMixin:
    """Selected-finding details and review decisions of
    :class:`~vincheck.gui.main_window.MainWindow` (decisions are saved in the records when
    the result was recorded)."""

    def _entry_selected(self, key: str) -> None:
        self.decisions.show_entry(key)
        self._sync_review_actions()
        entry = self.checklist.entries.get(key) if key else None
        if entry is None:
            self.viewer.follow_selection("", None, False)
        else:
            self.viewer.follow_selection(key, entry.image, bool(entry.finding.evidence))

    def decide(self, accepted: bool, note: str | None = None) -> Decision | None:
        """Record the operator's decision on the selected review finding."""
        return self.decisions.decide(accepted, note)

    def undo_decision(self) -> bool:
        """Take back the last decision (Ctrl+Z); False when there is none."""
        if not self.decisions.undo():
            return False
        self.statusBar().showMessage(translate("MainWindow", "Decision taken back."), 4000)
        return True

    def select_review(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) row still awaiting review, round
        the list; False when none is left."""
        keys = self.checklist.pending_keys()
        if not keys:
            self.statusBar().showMessage(translate("MainWindow",
                                                   "Nothing is left to review."), 4000)
            return False
        order = [e.key for g in self.groups for e in g.entries]
        cur = self.checklist.current_key()
        pos = order.index(cur) if cur in order else (-1 if step > 0 else len(order))
        ahead = [k for k in keys if (order.index(k) - pos) * step > 0]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else \
            (keys[0] if step > 0 else keys[-1])
        return self.checklist.select_key(target)

    def _sync_review_actions(self) -> None:
        """Enable the review actions that can act now."""
        if not hasattr(self, "act_accept"):
            return
        can_decide = self.decisions.can_decide()
        self.act_accept.setEnabled(can_decide)
        self.act_reject.setEnabled(can_decide)
        self.act_undo.setEnabled(self.decisions.can_undo())
        has_review = self.result is not None and bool(self.checklist.pending_keys())
        self.act_next_review.setEnabled(has_review)
        self.act_prev_review.setEnabled(has_review)

    def _decisions_changed(self, key: str) -> None:
        """Redraw the rows, banner and summary after the decisions changed; keep ``key``
        selected and save the decisions with the record."""
        self.checklist.show_groups(self.groups, self.result.decisions)
        self.checklist.select_key(key)
        self._update_banner()
        self._sync_review_actions()
        if self.record_id is not None:
            self.records.save_decisions(self.record_id, self.result.decisions)
