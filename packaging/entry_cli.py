"""Entry point of the frozen ``vincheck`` executable (the command-line interface)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch's spawned workers run here, not the CLI
    from vincheck.cli import main

    sys.exit(main())
