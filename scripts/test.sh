#!/usr/bin/env bash
# Set up (if needed, with the test tools) and run the whole test suite, offscreen.
# Extra arguments go to pytest, e.g. scripts/test.sh -k vin
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check vincheck tests benchmarks tools devkit
exec .venv/bin/python -m pytest "$@"
