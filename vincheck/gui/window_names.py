"""The main window's public names of old (used by ``app.py`` and the tests), each a
forward to the part that owns the state or does the work: ``window.result`` is
``window.model.result``, ``window.start_check`` is ``window.flow.start_check``,
``window.act_undo`` is ``window.menus.act_undo``. No state and no behaviour of its own."""

from __future__ import annotations

from typing import Any

from vincheck.gui.window_menus import MENUS, SHORTCUTS


class _Forward:
    """A window attribute that is a part's (``part.name``); setting it sets the part's."""

    def __init__(self, part: str, name: str) -> None:
        self.part, self.name = part, name

    def __get__(self, window: object, _owner: type | None = None) -> Any:
        return self if window is None else getattr(getattr(window, self.part), self.name)

    def __set__(self, window: object, value: object) -> None:
        setattr(getattr(window, self.part), self.name, value)


class WindowNames:
    """Base of :class:`~vincheck.gui.main_window.MainWindow`: its names of old."""

    # the parts' state under the window's names of old (read by app.py and the tests)
    runner = _Forward("check", "runner")
    last_exception = _Forward("check", "last_exception")
    result = _Forward("model", "result")
    result_case = _Forward("model", "result_case")
    record_id = _Forward("model", "record_id")
    case_path = _Forward("model", "case_path")
    last_outcome = _Forward("model", "outcome")
    certificate_reader = _Forward("intake", "certificate_reader")
    scan_dialog = _Forward("intake", "scan_dialog")
    checklist = _Forward("result_view", "checklist")
    groups = _Forward("result_view", "groups")
    banner = _Forward("result_view", "banner")
    banner_detail = _Forward("result_view", "banner_detail")
    summary_area = _Forward("result_view", "summary_area")
    view = _Forward("viewer", "view")
    legend = _Forward("viewer", "legend")
    image_combo = _Forward("viewer", "image_combo")
    images = _Forward("viewer", "images")
    current_image = _Forward("viewer", "current_image")
    loader = _Forward("viewer", "loader")
    detail = _Forward("decisions", "detail")
    note_edit = _Forward("decisions", "note_edit")
    accept_button = _Forward("decisions", "accept_button")
    reject_button = _Forward("decisions", "reject_button")
    settings = _Forward("prefs", "settings")  # the settings in force
    # the parts' methods under the window's names of old
    ensure_operator = _Forward("prefs", "ensure_operator")  # () -> bool
    settings_dialog = _Forward("prefs", "open_dialog")
    add_paths = _Forward("flow", "add_paths")  # (paths, auto_check=False) -> files queued
    cancel_sorting = _Forward("flow", "cancel_sorting")
    open_case_file = _Forward("flow", "open_case_file")  # (path, run=True) -> bool
    new_case = _Forward("flow", "new_case")
    start_check = _Forward("flow", "start_check")
    cancel_check = _Forward("flow", "cancel_check")
    is_sorting = _Forward("intake", "is_busy")
    show_image = _Forward("viewer", "show_image")
    step_image = _Forward("viewer", "step_image")
    image_pending = _Forward("viewer", "image_pending")
    open_files_dialog = _Forward("flow", "open_files_dialog")
    open_case_dialog = _Forward("flow", "open_case_dialog")
    read_certificate = _Forward("flow", "read_certificate")
    undo_decision = _Forward("results", "undo_decision")
    select_review = _Forward("results", "select_review")
    decide = _Forward("decisions", "decide")  # (accepted, note=None) -> Decision | None
    show_history = _Forward("records", "show_history")
    save_dialog = _Forward("reports", "save_dialog")
    save_to = _Forward("reports", "save_to")
    export_dialog = _Forward("reports", "export_dialog")
    export_to = _Forward("reports", "export_to")
    default_report_path = _Forward("reports", "default_report_path")
    fit_to_screen = _Forward("placement", "fit_to_screen")  # (available=None)
    show_placed = _Forward("placement", "show_placed")
    keep_on_screen = _Forward("placement", "keep_on_screen")
    available_area = _Forward("placement", "available_area")


for _name in SHORTCUTS:  # the menu bar's actions and menus, under the window's names of old
    setattr(WindowNames, f"act_{_name}", _Forward("menus", f"act_{_name}"))
for _name in MENUS:
    setattr(WindowNames, f"menu_{_name}", _Forward("menus", f"menu_{_name}"))
