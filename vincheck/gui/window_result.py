"""Showing a result in the main window: the checklist, the verdict banner and its one-line
summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vincheck.findings import CaseResult, Status, Verdict
from vincheck.gui import texts
from vincheck.gui.checklist import build_groups
from vincheck.gui.style import VERDICT_COLOURS
from vincheck.inspection import CaseInput

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class ResultMixin:
    """The result shown by :class:`~vincheck.gui.main_window.MainWindow` (fresh, from a case
    file or from the history) and its verdict banner."""

    def show_result(self, result: CaseResult, case: CaseInput | None) -> None:
        """Show a result (fresh or from a file / the history)."""
        self.result = result
        self.result_case = case
        self.groups = build_groups(result)
        self.viewer.set_evidence(result, self.groups)
        self.decisions.set_result(result)
        self.checklist.show_groups(self.groups, result.decisions)
        self.viewer.note_pages(result)
        self.viewer.refresh_files()
        if self.viewer.current_image is not None:
            self.viewer.show_image(self.viewer.current_image)
        self._update_banner()
        first_bad = next((e.key for g in self.groups for e in g.entries
                          if e.finding.status is Status.FAIL), "")
        if first_bad:
            self.checklist.select_key(first_bad)
        self._sync_review_actions()

    def show_no_result(self) -> None:
        self.result = None
        self.groups = []
        self.viewer.set_evidence(None, [])
        self.decisions.set_result(None)
        self.checklist.clear_result()
        self.last_outcome = ""
        self._update_banner()
        self.viewer.draw_overlays()
        self._sync_review_actions()

    def _update_banner(self) -> None:
        self._set_banner()
        self.summary_area.fit_height()

    def _set_banner(self) -> None:
        base = "QLabel { color: white; font-size: 17px; font-weight: bold; padding: 8px; " \
               "border-radius: 4px; background: %s; }"
        if self.thread is not None:
            self.banner.setText(translate("MainWindow", "Checking…"))
            self.banner.setStyleSheet(base % "#607d8b")
            self.banner_detail.setText("")
            return
        if self.result is None:
            text = {"failed": translate("MainWindow",
                                        "No verdict: the check stopped with an error."),
                    "cancelled": translate("MainWindow",
                                           "No verdict: the check was cancelled.")}.get(
                self.last_outcome,
                translate("MainWindow", "No verdict yet: add files and press Check (F5)."))
            self.banner.setText(text)
            self.banner.setStyleSheet(base % "#9e9e9e")
            self.banner_detail.setText("")
            return
        r = self.result
        decided = r.decided_verdict()
        text = texts.verdict_text(decided)
        if decided is not r.verdict:
            text += "  " + translate("MainWindow", "(after operator decisions)")
        self.banner.setText(text)
        self.banner.setStyleSheet(base % VERDICT_COLOURS[decided].name())
        counts = self.checklist.status_counts()  # as the rows show them, after decisions
        vins = ", ".join(r.vins_read) or translate("MainWindow", "none")
        parts = [translate("MainWindow", "VIN read: {vins}").format(vins=vins),
                 translate("MainWindow", "expected: {vin}").format(vin=r.expected_vin or "–"),
                 translate("MainWindow", "{p} passed, {f} failed, {r} to review").format(
                     p=counts[Status.PASS], f=counts[Status.FAIL],
                     r=counts[Status.REVIEW] + counts[Status.SKIPPED])]
        if self.case_is_sample():
            parts.append(translate("MainWindow", "sample case, not recorded"))
        advice = texts.case_advice(r)  # what to do next, under the banner
        self.banner_detail.setText(" · ".join(parts) + "".join(
            "\n" + translate("MainWindow", "What to do: {advice}").format(advice=a)
            for a in advice))

    def verdict(self) -> Verdict | None:
        return None if self.result is None else self.result.decided_verdict()
