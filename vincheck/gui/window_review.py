"""The operator's side of a result in the main window: the details of the selected
checklist row and the accept / reject decision on a finding that needs review."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt

from vincheck.findings import Decision, Status
from vincheck.gui import texts

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class ReviewMixin:
    """Selected-finding details and review decisions of
    :class:`~vincheck.gui.main_window.MainWindow` (decisions are saved in the records when
    the result was recorded)."""

    def _entry_selected(self, key: str) -> None:
        entry = self.checklist.entries.get(key) if key else None
        if entry is None:
            self.detail.setText("")
            self._set_decision_enabled(False)
            self._sync_review_actions()
            self.viewer.follow_selection("", None, False)
            return
        f = entry.finding
        lines = [f"<b>{html.escape(texts.rule_title(f.code))}</b> "
                 f"<span style='color:#777'>[{html.escape(f.code)}]</span> — "
                 f"{html.escape(texts.explanation(f))}"]
        advice = texts.advice(f)
        if advice:
            lines.append("<b>" + html.escape(translate("MainWindow", "What to do: {advice}")
                                             .format(advice=advice)) + "</b>")
        if f.message and f.message not in lines[0]:  # the core's own words (English),
            if getattr(self, "_engine_details", False):  # behind a "details" link
                lines.append("<span style='color:#666'>" + html.escape(
                    translate("MainWindow", "Check details: {message}").format(
                        message=f.message)) + "</span>")
            else:
                lines.append("<a href='details'>" + html.escape(
                    translate("MainWindow", "Show the check's own details")) + "</a>")
            if not getattr(self, "_details_link", False):
                self._details_link = True
                self.detail.linkActivated.connect(self._toggle_engine_details)
                self.detail.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextSelectableByMouse
                    | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.detail.setText("<br>".join(lines))
        self._set_decision_enabled(f.status in (Status.REVIEW, Status.SKIPPED))
        self._sync_review_actions()
        self.viewer.follow_selection(key, entry.image, bool(entry.finding.evidence))

    def _toggle_engine_details(self, _link: str = "") -> None:
        self._engine_details = not getattr(self, "_engine_details", False)
        self._entry_selected(self.checklist.current_key())

    def _set_decision_enabled(self, on: bool) -> None:
        for w in (self.note_edit, self.accept_button, self.reject_button):
            w.setEnabled(on)

    def decide(self, accepted: bool, note: str | None = None) -> Decision | None:
        """Record the operator's decision on the selected review finding."""
        entry = self.checklist.current_entry()
        if self.result is None or entry is None or \
                entry.finding.status not in (Status.REVIEW, Status.SKIPPED):
            return None
        d = Decision(code=entry.finding.code, accepted=accepted,
                     operator=self.settings.operator,
                     note=self.note_edit.text().strip() if note is None else note,
                     time=datetime.now().astimezone().isoformat(timespec="seconds"),
                     target=entry.target)
        self._undo.append(list(self.result.decisions))
        self.result.decisions = [x for x in self.result.decisions
                                 if not (x.code == d.code and x.target == d.target)] + [d]
        self._decisions_changed(entry.key)
        self.note_edit.clear()
        self.checklist.setFocus()  # Ctrl+Z now takes the decision back, not the note's edit
        return d

    def undo_decision(self) -> bool:
        """Take back the last decision (Ctrl+Z); False when there is none."""
        if self.result is None or not self._undo:
            return False
        before = {(x.code, x.target, x.accepted) for x in self.result.decisions}
        self.result.decisions = self._undo.pop()
        after = {(x.code, x.target, x.accepted) for x in self.result.decisions}
        changed = before ^ after
        key = next((e.key for g in self.groups for e in g.entries
                    if any(c == e.finding.code and t == e.target for c, t, _a in changed)),
                   self.checklist.current_key())
        self._decisions_changed(key)
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
        entry = self.checklist.current_entry()
        can_decide = self.result is not None and entry is not None and \
            entry.finding.status in (Status.REVIEW, Status.SKIPPED)
        self.act_accept.setEnabled(can_decide)
        self.act_reject.setEnabled(can_decide)
        self.act_undo.setEnabled(self.result is not None and bool(self._undo))
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
            store = self._get_store()
            if store is not None:
                try:
                    store.update_decisions(self.record_id, self.result.decisions)
                except Exception as exc:  # noqa: BLE001 - never lose the UI state
                    self.messages.add(translate("MainWindow", "The decision is shown but could "
                                                "not be saved in the records: {reason}").format(
                        reason=exc))
