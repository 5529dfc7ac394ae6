"""The desktop application (PySide6). The only package of vincheck that imports Qt.

It shows what :func:`vincheck.inspection.run_case` returns and never derives a verdict of
its own. Entry points: :func:`vincheck.gui.app.main` (``vincheck-gui``) and
``vincheck gui`` (:mod:`vincheck.cli.cmd_gui`).
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
