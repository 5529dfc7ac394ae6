"""The desktop application (PySide6). The only package of vincheck that imports Qt.

It shows what :func:`vincheck.inspection.run_case` returns and never derives a verdict of
its own. Entry points: :func:`vincheck.gui.app.main` (``vincheck-gui``) and
``vincheck gui`` (:mod:`vincheck.cli.cmd_gui`).

The main window (:mod:`~vincheck.gui.main_window`) is composed of parts that own their
state and talk through Qt signals:

- :mod:`~vincheck.gui.case_model`: the result and the inputs it came from (the rule that
  changed inputs clear the verdict), record id, case file, how the last check ended;
- :mod:`~vincheck.gui.case_panel` with :mod:`~vincheck.gui.file_list`: the inputs;
- :mod:`~vincheck.gui.file_intake`: sorting added files, certificates, dialogs, scans;
- :mod:`~vincheck.gui.check_run`: the check in its thread, progress texts, error advice;
- :mod:`~vincheck.gui.viewer`: the page list, background loading, evidence overlays;
- :mod:`~vincheck.gui.result_view`: the verdict banner, the messages and the checklist;
- :mod:`~vincheck.gui.decisions`: the selected finding and the operator's decisions;
- :mod:`~vincheck.gui.records`: recording, the history, reopening a record;
- :mod:`~vincheck.gui.report_files`: saving the case JSON, the PDF report, printing;
- :mod:`~vincheck.gui.window_menus`: menus, actions and shortcuts;
- :mod:`~vincheck.gui.case_flow` and :mod:`~vincheck.gui.result_flow`: stateless
  connections across parts (files in → check → new case; result → screen → decisions);
- :mod:`~vincheck.gui.placement`: where the window opens (fits the screen).

Code outside the window reaches a part's state and work through the part
(``window.model.result``, ``window.flow.start_check()``, ``window.menus.act_undo``).
"""

from __future__ import annotations

import sys


def _keep_singletons_alive() -> None:
    """Work around a reference-count bug of PySide6 6.12 on Python 3.11.

    Every call of a Qt method that returns nothing (``processEvents``, ``setText``, …)
    and every Python slot / virtual override called by Qt drops one reference to None
    (measured: 1000 ``processEvents()`` calls lower ``sys.getrefcount(None)`` by 1000).
    From Python 3.12 None, True and False are immortal and this is harmless; on 3.11 the
    interpreter aborts ("deallocating None") after a few thousand such calls. Giving these
    singletons a reference count they cannot run out of makes them as good as immortal.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False, Ellipsis, NotImplemented):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_keep_singletons_alive()
