#!/usr/bin/env bash
# Set up vincheck on this machine: system packages (Tesseract, fonts, Qt's X libraries)
# through apt where missing, a virtual environment at .venv/ with the project installed.
# Safe to run again: it does nothing when everything is already there.
# Usage: scripts/setup.sh [--dev]    (--dev adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
EXTRAS=""
[ "${1:-}" = "--dev" ] && EXTRAS="[dev]"

# --- system packages --------------------------------------------------------------------
APT_PKGS=(tesseract-ocr tesseract-ocr-eng fonts-noto-cjk fonts-wqy-zenhei fonts-dejavu-core
          libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxcb-xinerama0 libxcb-randr0 xvfb xauth poppler-utils binutils
          sane-utils)  # sane-utils: scanimage, for scanning from the window (optional)
# --dev: the tests start a throwaway PostgreSQL server (devkit/pg_server.py)
if [ -n "$EXTRAS" ]; then APT_PKGS+=(postgresql); fi
# --dev: the letterforms of devkit/letterforms.py (the glyph classifier's training side and
# the held-out styles the rubbing tests and benchmark render); all permissive
if [ -n "$EXTRAS" ]; then APT_PKGS+=(
          fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-urw-base35
          fonts-croscore fonts-crosextra-carlito fonts-crosextra-caladea fonts-cantarell
          fonts-roboto fonts-open-sans fonts-lato fonts-texgyre fonts-ocr-a fonts-ocr-b
          fonts-noto-mono fonts-inconsolata fonts-hack fonts-firacode fonts-jetbrains-mono
          fonts-b612 fonts-league-spartan fonts-oxygen fonts-bebas-neue fonts-opendin
          fonts-league-mono fonts-mononoki); fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
elif ! command -v tesseract >/dev/null 2>&1; then
  missing+=(tesseract-ocr)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  elif ! command -v tesseract >/dev/null 2>&1; then
    cat >&2 <<'MSG'
setup: Tesseract OCR is missing and apt-get is not available here.
  Windows: install the UB Mannheim build (tesseract-ocr-w64-setup), then set its path in
           vincheck's Settings or in the TESSERACT_CMD environment variable.
  macOS:   brew install tesseract
  Fedora:  sudo dnf install tesseract        Arch: sudo pacman -S tesseract
Then run this command again.
MSG
    exit 1
  fi
fi

# --- Python environment -----------------------------------------------------------------
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed ($PY is $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
STAMP=".venv/.vincheck-installed"
WANT="$(sha256sum pyproject.toml | cut -c1-16)$EXTRAS"
# an install with the test tools also satisfies a plain one
if [ ! -f "$STAMP" ] || ! grep -qxF -e "$WANT" -e "$WANT[dev]" "$STAMP"; then
  echo "setup: installing vincheck$EXTRAS into .venv (a few minutes the first time)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e "$ROOT$EXTRAS"
  echo "$WANT" > "$STAMP"
fi
.venv/bin/vincheck doctor >/dev/null || .venv/bin/vincheck doctor
