"""``python -m vincheck`` runs the command-line interface."""

import sys

from vincheck.cli import main

sys.exit(main())
