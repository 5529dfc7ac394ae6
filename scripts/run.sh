#!/usr/bin/env bash
# Set up (if needed) and open the vincheck window on the bundled sample case.
# Without a display (a server, SSH), checks the sample case on the command line instead
# and saves a screenshot of the window made on a virtual screen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = "Darwin" ]; then
  exec .venv/bin/vincheck gui --sample "$@"
fi
echo "run: no display found; checking the sample case on the command line:"
rc=0
.venv/bin/vincheck check --sample || rc=$?
if command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/vincheck gui --sample \
    --screenshot sample-case.png && echo "run: window screenshot saved to sample-case.png"
fi
exit $rc
