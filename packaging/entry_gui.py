"""Entry point of the frozen ``vincheck-gui`` executable (the window, no console)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from vincheck.gui.app import main

    sys.exit(main())
