"""The right-hand side of the main window above the decisions: the verdict banner, its
summary lines, the message bar and the checklist of findings.

:class:`ResultView` owns the checklist's groups (built from the result in the current
language) and draws the banner from what it is told (:meth:`ResultView.update_banner`);
``entrySelected(key)`` forwards the checklist's selection. Texts keep the ``MainWindow``
context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from vincheck.findings import CaseResult, Status
from vincheck.gui import texts
from vincheck.gui.checklist import Checklist, Group, build_groups
from vincheck.gui.message_bar import CappedLabelArea, MessageBar
from vincheck.gui.style import VERDICT_COLOURS

translate = QCoreApplication.translate
SUMMARY_MAX_HEIGHT = 96  # px: the verdict's summary lines scroll beyond this
STALE_COLOUR = "#6d4c41"  # brown-grey: no verdict colour, not the grey of "no verdict yet"
BANNER_STYLE = "QLabel { color: white; font-size: 17px; font-weight: bold; padding: 8px; " \
               "border-radius: 4px; background: %s; }"


class ResultView(QWidget):
    """Signal: ``entrySelected(key)`` when a checklist row is chosen ("" for none)."""

    entrySelected = Signal(str)

    def __init__(self, messages: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rl = QVBoxLayout(self)
        rl.setContentsMargins(4, 4, 4, 4)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.banner.setMinimumHeight(56)
        rl.addWidget(self.banner)
        self.banner_detail = QLabel()
        self.banner_detail.setWordWrap(True)
        self.banner_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_area = CappedLabelArea(self.banner_detail, SUMMARY_MAX_HEIGHT)
        rl.addWidget(self.summary_area)
        rl.addWidget(messages)
        self.checklist = Checklist()
        self.checklist.entrySelected.connect(self.entrySelected)
        rl.addWidget(self.checklist, 1)

    def add_below(self, widget: QWidget) -> None:
        """Put ``widget`` under the checklist (the decision panel)."""
        self.layout().addWidget(widget)

    @property
    def groups(self) -> list[Group]:
        """The checklist's groups of the result shown ([] without one)."""
        return self.checklist.groups

    def show_groups(self, result: CaseResult) -> None:
        """Build the rows of ``result`` in the current language (nothing selected)."""
        self.checklist.show_groups(build_groups(result), result.decisions)

    def redraw_rows(self, result: CaseResult, key: str) -> None:
        """The decisions changed: redraw the rows, keep ``key`` selected."""
        self.checklist.show_groups(self.checklist.groups, result.decisions)
        self.checklist.select_key(key)

    def select_first_failure(self) -> None:
        """Select the first failed row, when there is one."""
        first_bad = next((e.key for g in self.groups for e in g.entries
                          if e.finding.status is Status.FAIL), "")
        if first_bad:
            self.checklist.select_key(first_bad)

    def clear(self) -> None:
        self.checklist.clear_result()

    def update_banner(self, result: CaseResult | None, outcome: str, running: bool,
                      sample: bool, stale: bool = False) -> None:
        """The verdict banner and its summary for ``result`` (after the operator's
        decisions), or what happened instead (running, failed, cancelled, nothing yet).
        ``stale``: the result was computed under settings changed since; the banner says
        so instead of a verdict, and the summary names the verdict as it was."""
        self._set_banner(result, outcome, running, sample)
        if stale and result is not None and not running:
            self.banner.setText(stale_text())
            self.banner.setStyleSheet(BANNER_STYLE % STALE_COLOUR)
            self.banner_detail.setText(translate(
                "MainWindow", "The findings below were computed with the earlier settings "
                "(their verdict then: {verdict}); they are not a verdict under the settings "
                "now. Press F5 to check again.").format(
                    verdict=texts.verdict_text(result.decided_verdict())))
        self.summary_area.fit_height()

    def _set_banner(self, result: CaseResult | None, outcome: str, running: bool,
                    sample: bool) -> None:
        if running:
            self.banner.setText(translate("MainWindow", "Checking…"))
            self.banner.setStyleSheet(BANNER_STYLE % "#607d8b")
            self.banner_detail.setText("")
            return
        if result is None:
            text = {"failed": translate("MainWindow",
                                        "No verdict: the check stopped with an error."),
                    "cancelled": translate("MainWindow",
                                           "No verdict: the check was cancelled.")}.get(
                outcome,
                translate("MainWindow", "No verdict yet: add files and press Check (F5)."))
            self.banner.setText(text)
            self.banner.setStyleSheet(BANNER_STYLE % "#9e9e9e")
            self.banner_detail.setText("")
            return
        decided = result.decided_verdict()
        text = texts.verdict_text(decided)
        if decided is not result.verdict:
            text += "  " + translate("MainWindow", "(after operator decisions)")
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_STYLE % VERDICT_COLOURS[decided].name())
        self.banner_detail.setText(self._summary(result, sample))

    def _summary(self, r: CaseResult, sample: bool) -> str:
        counts = self.checklist.status_counts()  # as the rows show them, after decisions
        vins = ", ".join(r.vins_read) or translate("MainWindow", "none")
        parts = [translate("MainWindow", "VIN read: {vins}").format(vins=vins),
                 translate("MainWindow", "expected: {vin}").format(vin=r.expected_vin or "–"),
                 translate("MainWindow", "{p} passed, {f} failed, {r} to review").format(
                     p=counts[Status.PASS], f=counts[Status.FAIL],
                     r=counts[Status.REVIEW] + counts[Status.SKIPPED])]
        if sample:
            parts.append(translate("MainWindow", "sample case, not recorded"))
        advice = texts.case_advice(r)  # what to do next, under the banner
        return " · ".join(parts) + "".join(
            "\n" + translate("MainWindow", "What to do: {advice}").format(advice=a)
            for a in advice)


def stale_text() -> str:
    """What the banner (and the progress line) says over a result computed under settings
    that were changed since."""
    return translate("MainWindow", "Settings changed — check again (F5)")
