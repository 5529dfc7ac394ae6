"""The main window's menu bar: its actions with their shortcuts, the menus, the recent
cases and every text they show (set again by :meth:`WindowMenus.retranslate` when the
language changes).

:class:`WindowMenus` owns the actions and menus; what an action does is the handler the
window gave for its name. Texts keep the ``MainWindow`` context."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from vincheck.gui.i18n import current_language

translate = QCoreApplication.translate
Key = QKeySequence.StandardKey

SHORTCUTS: dict[str, list] = {  # action name -> its keys, in the order of the old menus
    "new": [Key.New], "open": [Key.Open], "scan": ["Ctrl+Shift+S"], "open_case": [],
    "sample": [], "save": [Key.Save], "export": ["Ctrl+E"], "print": [Key.Print],
    "print_direct": ["Ctrl+Shift+P"], "quit": [Key.Quit], "check": ["F5"], "cancel": ["Esc"],
    "next": ["Ctrl+PgDown"], "prev": ["Ctrl+PgUp"],
    "zoom_in": ["Ctrl+=", "Ctrl++", Key.ZoomIn], "zoom_out": ["Ctrl+-", Key.ZoomOut],
    "fit": ["Ctrl+0"], "one": ["Ctrl+1"], "next_review": ["F8"], "prev_review": ["Shift+F8"],
    "accept": ["F9"], "reject": ["F10"], "undo": [Key.Undo], "history": ["Ctrl+H"],
    "settings": [Key.Preferences], "lang_zh": [], "lang_en": [], "about": [],
}
MENUS = ("file", "recent", "check", "review", "view", "settings", "lang", "help")


class WindowMenus(QObject):
    """Actions ``act_<name>`` (names of :data:`SHORTCUTS`) and menus ``menu_<name>`` of
    ``window``; ``handlers[name]`` runs when an action is triggered. Signal:
    ``recentChosen(path)`` when a case is chosen from the recent-cases menu."""

    recentChosen = Signal(str)

    def __init__(self, window: QMainWindow, handlers: dict[str, Callable[[], object]],
                 recent: Callable[[], list[str]]) -> None:
        super().__init__(window)
        self._recent = recent  # the recent case files, newest first
        for name, keys in SHORTCUTS.items():
            act = QAction(window)  # the window's: shortcuts work wherever its focus is
            if keys:
                act.setShortcuts([QKeySequence(k) for k in keys])
            act.setCheckable(name.startswith("lang_"))
            act.triggered.connect(lambda _c=False, run=handlers[name]: run())
            setattr(self, f"act_{name}", act)
        self._build_menus(window)
        window.addAction(self.act_cancel)

    def _build_menus(self, window: QMainWindow) -> None:
        mb = window.menuBar()
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

    def retranslate(self) -> None:
        """Every menu title and action text in the current language."""
        for name, text in _menu_titles().items():
            getattr(self, f"menu_{name}").setTitle(text)
        for name, text in _action_texts().items():
            getattr(self, f"act_{name}").setText(text)
        lang = current_language()
        self.act_lang_zh.setChecked(lang == "zh_CN")
        self.act_lang_en.setChecked(lang == "en")

    def set_review_enabled(self, can_decide: bool, can_undo: bool, has_review: bool) -> None:
        """Enable the review actions that can act now."""
        self.act_accept.setEnabled(can_decide)
        self.act_reject.setEnabled(can_decide)
        self.act_undo.setEnabled(can_undo)
        self.act_next_review.setEnabled(has_review)
        self.act_prev_review.setEnabled(has_review)

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        recent = self._recent()
        for p in recent:
            act = self.menu_recent.addAction(p)
            act.triggered.connect(lambda _c=False, path=p: self.recentChosen.emit(path))
        if not recent:
            act = self.menu_recent.addAction(translate("MainWindow", "(none)"))
            act.setEnabled(False)


def _menu_titles() -> dict[str, str]:
    return {"file": translate("MainWindow", "&File"),
            "recent": translate("MainWindow", "Recent cases"),
            "check": translate("MainWindow", "&Check"),
            "review": translate("MainWindow", "&Review"),
            "view": translate("MainWindow", "&View"),
            "settings": translate("MainWindow", "&Settings"),
            "lang": translate("MainWindow", "Language"),
            "help": translate("MainWindow", "&Help")}


def _action_texts() -> dict[str, str]:
    return {"new": translate("MainWindow", "&New case (next vehicle)"),
            "next_review": translate("MainWindow", "Next item to &review"),
            "prev_review": translate("MainWindow", "&Previous item to review"),
            "accept": translate("MainWindow", "&Accept the selected item"),
            "reject": translate("MainWindow", "R&eject the selected item"),
            "undo": translate("MainWindow", "&Undo the last decision"),
            "open": translate("MainWindow", "&Open files…"),
            "open_case": translate("MainWindow", "Open &case file…"),
            "scan": translate("MainWindow", "S&can…"),
            "sample": translate("MainWindow", "Open the &sample case"),
            "save": translate("MainWindow", "&Save case and result…"),
            "export": translate("MainWindow", "&Export PDF report…"),
            "print": translate("MainWindow", "Print pre&view…"),
            "print_direct": translate("MainWindow", "&Print…"),
            "quit": translate("MainWindow", "&Quit"),
            "check": translate("MainWindow", "&Run the check"),
            "cancel": translate("MainWindow", "&Cancel the check"),
            "next": translate("MainWindow", "&Next image"),
            "prev": translate("MainWindow", "&Previous image"),
            "zoom_in": translate("MainWindow", "Zoom &in"),
            "zoom_out": translate("MainWindow", "Zoom &out"),
            "fit": translate("MainWindow", "&Fit to window"),
            "one": translate("MainWindow", "&Actual pixels (1:1)"),
            "history": translate("MainWindow", "&History…"),
            "settings": translate("MainWindow", "&Settings…"),
            "lang_zh": "简体中文", "lang_en": "English",
            "about": translate("MainWindow", "&About vincheck")}
