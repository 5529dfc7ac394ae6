"""The desktop application (PySide6). The only package of vincheck that imports Qt.

It shows what :func:`vincheck.inspection.run_case` returns and never derives a verdict of
its own. Entry points: :func:`vincheck.gui.app.main` (``vincheck-gui``) and
``vincheck gui`` (:mod:`vincheck.cli.cmd_gui`).
"""
