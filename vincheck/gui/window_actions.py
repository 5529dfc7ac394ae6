"""The main window's menus, actions and shortcuts, and every visible text it sets
(:meth:`ActionsMixin.retranslate`, called again when the language changes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QKeySequence

from vincheck.gui.i18n import current_language, set_language

# Texts keep the "MainWindow" translation context of the window they belong to:
# pyside6-lupdate files ``self.tr()`` under the enclosing class, so a mixin uses
# ``translate("MainWindow", ...)`` with the literal context instead.
translate = QCoreApplication.translate


class ActionsMixin:
    """Menu bar, actions with their shortcuts, the recent-cases menu and the language of
    :class:`~vincheck.gui.main_window.MainWindow` (works on the widgets its ``_build_ui``
    made)."""

    def _build_actions(self) -> None:
        A = QAction  # noqa: N806
        self.act_new = A(self)
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_new.triggered.connect(self.next_vehicle)
        self.act_open = A(self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.open_files_dialog)
        self.act_scan = A(self)
        self.act_scan.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.act_scan.triggered.connect(self.scan_pages_dialog)
        self.act_open_case = A(self)
        self.act_open_case.triggered.connect(self.open_case_dialog)
        self.act_sample = A(self)
        self.act_sample.triggered.connect(lambda: self.open_sample(run=True))
        self.act_save = A(self)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save.triggered.connect(self.save_dialog)
        self.act_export = A(self)
        self.act_export.setShortcut(QKeySequence("Ctrl+E"))
        self.act_export.triggered.connect(self.export_dialog)
        self.act_print = A(self)
        self.act_print.setShortcut(QKeySequence.StandardKey.Print)
        self.act_print.triggered.connect(self.print_preview)
        self.act_print_direct = A(self)
        self.act_print_direct.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.act_print_direct.triggered.connect(self.print_report)
        self.act_quit = A(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_check = A(self)
        self.act_check.setShortcut(QKeySequence("F5"))
        self.act_check.triggered.connect(self.start_check)
        self.act_cancel = A(self)
        self.act_cancel.setShortcut(QKeySequence("Esc"))
        self.act_cancel.triggered.connect(self.cancel_check)
        self.act_next = A(self)
        self.act_next.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.act_next.triggered.connect(lambda: self.viewer.step_image(1))
        self.act_prev = A(self)
        self.act_prev.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.act_prev.triggered.connect(lambda: self.viewer.step_image(-1))
        self.act_zoom_in = A(self)
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                                       QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.act_zoom_in.triggered.connect(self.view.zoom_in)
        self.act_zoom_out = A(self)
        self.act_zoom_out.setShortcuts([QKeySequence("Ctrl+-"),
                                        QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        self.act_zoom_out.triggered.connect(self.view.zoom_out)
        self.act_fit = A(self)
        self.act_fit.setShortcut(QKeySequence("Ctrl+0"))
        self.act_fit.triggered.connect(self.view.fit)
        self.act_one = A(self)
        self.act_one.setShortcut(QKeySequence("Ctrl+1"))
        self.act_one.triggered.connect(self.view.actual_size)
        self.act_next_review = A(self)
        self.act_next_review.setShortcut(QKeySequence("F8"))
        self.act_next_review.triggered.connect(lambda: self.select_review(1))
        self.act_prev_review = A(self)
        self.act_prev_review.setShortcut(QKeySequence("Shift+F8"))
        self.act_prev_review.triggered.connect(lambda: self.select_review(-1))
        self.act_accept = A(self)
        self.act_accept.setShortcut(QKeySequence("F9"))
        self.act_accept.triggered.connect(lambda: self.decide(True))
        self.act_reject = A(self)
        self.act_reject.setShortcut(QKeySequence("F10"))
        self.act_reject.triggered.connect(lambda: self.decide(False))
        self.act_undo = A(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.triggered.connect(self.undo_decision)
        self.act_history = A(self)
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.act_history.triggered.connect(self.show_history)
        self.act_settings = A(self)
        self.act_settings.setShortcut(QKeySequence.StandardKey.Preferences)
        self.act_settings.triggered.connect(self.settings_dialog)
        self.act_lang_zh = A(self)
        self.act_lang_zh.setCheckable(True)
        self.act_lang_zh.triggered.connect(lambda: self.switch_language("zh_CN"))
        self.act_lang_en = A(self)
        self.act_lang_en.setCheckable(True)
        self.act_lang_en.triggered.connect(lambda: self.switch_language("en"))
        self.act_about = A(self)
        self.act_about.triggered.connect(self.about)

        for name, act in (("prev", self.act_prev), ("next", self.act_next),
                          ("zoom_out", self.act_zoom_out), ("zoom_in", self.act_zoom_in),
                          ("fit", self.act_fit), ("one", self.act_one)):
            self.viewer.zoom_buttons[name].setDefaultAction(act)

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_file.addAction(self.act_new)
        self.menu_file.addActions([self.act_open, self.act_scan, self.act_open_case,
                                   self.act_sample])
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_save, self.act_export, self.act_print,
                                   self.act_print_direct])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_check = mb.addMenu("")
        self.menu_check.addActions([self.act_check, self.act_cancel])
        self.menu_review = mb.addMenu("")
        self.menu_review.addActions([self.act_next_review, self.act_prev_review])
        self.menu_review.addSeparator()
        self.menu_review.addActions([self.act_accept, self.act_reject, self.act_undo])
        self.menu_view = mb.addMenu("")
        self.menu_view.addActions([self.act_prev, self.act_next])
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit,
                                   self.act_one])
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_history)
        self.menu_settings = mb.addMenu("")
        self.menu_settings.addAction(self.act_settings)
        self.menu_lang = self.menu_settings.addMenu("")
        self.menu_lang.addActions([self.act_lang_zh, self.act_lang_en])
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        for act in (self.act_cancel,):
            self.addAction(act)

    def retranslate(self) -> None:
        """(Re)set every visible text in the current language."""
        self.setWindowTitle(translate("MainWindow",
                                      "vincheck — VIN rubbing and vehicle photo check"))
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.menu_recent.setTitle(translate("MainWindow", "Recent cases"))
        self.menu_check.setTitle(translate("MainWindow", "&Check"))
        self.menu_review.setTitle(translate("MainWindow", "&Review"))
        self.act_new.setText(translate("MainWindow", "&New case (next vehicle)"))
        self.act_next_review.setText(translate("MainWindow", "Next item to &review"))
        self.act_prev_review.setText(translate("MainWindow", "&Previous item to review"))
        self.act_accept.setText(translate("MainWindow", "&Accept the selected item"))
        self.act_reject.setText(translate("MainWindow", "R&eject the selected item"))
        self.act_undo.setText(translate("MainWindow", "&Undo the last decision"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.menu_settings.setTitle(translate("MainWindow", "&Settings"))
        self.menu_lang.setTitle(translate("MainWindow", "Language"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))
        self.act_open.setText(translate("MainWindow", "&Open files…"))
        self.act_open_case.setText(translate("MainWindow", "Open &case file…"))
        self.act_scan.setText(translate("MainWindow", "S&can…"))
        self.act_sample.setText(translate("MainWindow", "Open the &sample case"))
        self.act_save.setText(translate("MainWindow", "&Save case and result…"))
        self.act_export.setText(translate("MainWindow", "&Export PDF report…"))
        self.act_print.setText(translate("MainWindow", "Print pre&view…"))
        self.act_print_direct.setText(translate("MainWindow", "&Print…"))
        self.act_quit.setText(translate("MainWindow", "&Quit"))
        self.act_check.setText(translate("MainWindow", "&Run the check"))
        self.act_cancel.setText(translate("MainWindow", "&Cancel the check"))
        self.act_next.setText(translate("MainWindow", "&Next image"))
        self.act_prev.setText(translate("MainWindow", "&Previous image"))
        self.act_zoom_in.setText(translate("MainWindow", "Zoom &in"))
        self.act_zoom_out.setText(translate("MainWindow", "Zoom &out"))
        self.act_fit.setText(translate("MainWindow", "&Fit to window"))
        self.act_one.setText(translate("MainWindow", "&Actual pixels (1:1)"))
        self.act_history.setText(translate("MainWindow", "&History…"))
        self.act_settings.setText(translate("MainWindow", "&Settings…"))
        self.act_lang_zh.setText("简体中文")
        self.act_lang_en.setText("English")
        self.act_about.setText(translate("MainWindow", "&About vincheck"))
        lang = current_language()
        self.act_lang_zh.setChecked(lang == "zh_CN")
        self.act_lang_en.setChecked(lang == "en")
        self.viewer.retranslate()
        self.decisions.retranslate()
        self.panel.retranslate()
        self.checklist.retranslate()
        if self.result is not None:  # group titles and rows are built in the language
            key = self.checklist.current_key()
            self.result_view.show_groups(self.result)
            self.viewer.set_evidence(self.result, self.groups)
            if key:
                self.checklist.select_key(key)
        self.viewer.retranslate_pages()
        self._update_banner()
        if not self.is_running() and self.last_outcome == "done" and self.result is not None:
            self.panel.set_progress(1.0, translate("MainWindow", "Check finished in {s:.1f} s.")
                                    .format(s=self.result.ms / 1000.0))
        self._entry_selected(self.checklist.current_key())
        self.status_zoom.setText(self._operator_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def switch_language(self, language: str) -> None:
        """Switch the language now and keep it in the settings."""
        set_language(language)
        self.statusBar().clearMessage()  # a passing note in the old language
        if not self.is_running():  # the progress line, in the new language
            done = self.result is not None and self.last_outcome == "done"
            self.panel.set_progress(1.0 if done else 0.0, translate(
                "MainWindow", "Check finished in {s:.1f} s.").format(
                s=self.result.ms / 1000.0) if done else "")
        self.messages.clear_messages()  # notes, warnings and errors in the old language
        self.retranslate()
        self.viewer.draw_overlays()  # evidence labels on the image, in the new language
        if self.settings.language != language:
            self.settings.language = language
            self._save_settings()

    def _operator_text(self) -> str:
        who = self.settings.operator or translate("MainWindow", "no operator name (Settings)")
        station = self.settings.station
        return translate("MainWindow", "Operator: {who}").format(who=who) + \
            (f" · {station}" if station else "")

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for p in self.state.recent:
            act = self.menu_recent.addAction(p)
            act.triggered.connect(lambda _c=False, path=p: self.open_case_file(path))
        if not self.state.recent:
            act = self.menu_recent.addAction(translate("MainWindow", "(none)"))
            act.setEnabled(False)
