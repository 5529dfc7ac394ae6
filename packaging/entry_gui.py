"""Entry point of the frozen ``vincheck-gui`` executable (the window, no console)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from vincheck.cli import gui_main  # the same as ``vincheck gui ARGS``

    sys.exit(gui_main())
