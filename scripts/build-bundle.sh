#!/usr/bin/env bash
# Build the one-folder application dist/vincheck/ with PyInstaller (Linux; on Windows run
# `python -m tools.build_bundle` in the project's environment). Sets up .venv with the
# dev tools first (PyInstaller is one). Extra arguments go to tools/build_bundle.py,
# e.g. scripts/build-bundle.sh --zip
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
exec .venv/bin/python -m tools.build_bundle "$@"
