"""The CJK font the PDF report embeds, found on Linux, Windows and in a frozen bundle.

reportlab embeds TrueType-outline fonts only (not CFF-based ones such as Noto Sans CJK).
Candidates, first found wins: the system's full fonts (WenQuanYi Zen Hei / Micro Hei,
AR PL UMing, Droid Sans Fallback on Linux; Microsoft YaHei ``msyh.ttc``, SimSun
``simsun.ttc``, SimHei ``simhei.ttf`` under ``%WINDIR%\\Fonts`` on Windows), then the
font shipped in the package (``vincheck/data/fonts/vincheck-cjk.ttf``: every GB 2312
character from Droid Sans Fallback, Apache-2.0, and Latin from DejaVu Sans, Bitstream
Vera licence; see LICENSE.txt there), so a report always embeds its font.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vincheck.package_data import data_path

LINUX_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
WINDOWS_FONTS: tuple[tuple[str, int], ...] = (("msyh.ttc", 0), ("simsun.ttc", 0),
                                              ("simhei.ttf", 0))
BUNDLED_FONT = ("fonts", "vincheck-cjk.ttf")


def windows_font_dirs(env: dict[str, str] | None = None) -> list[Path]:
    """``%WINDIR%\\Fonts`` and the per-user ``%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts``."""
    env = dict(os.environ) if env is None else env
    dirs = [Path(env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows") / "Fonts"]
    if env.get("LOCALAPPDATA"):
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def cjk_font_candidates(platform: str | None = None,
                        env: dict[str, str] | None = None) -> list[tuple[Path, int]]:
    """Font files to try, in order, as (path, index in a .ttc collection)."""
    platform = platform or sys.platform
    out: list[tuple[Path, int]] = []
    if platform.startswith("win"):
        out += [(d / name, i) for d in windows_font_dirs(env) for name, i in WINDOWS_FONTS]
    else:
        out += [(Path(p), i) for p, i in LINUX_FONTS]
    out.append((data_path(*BUNDLED_FONT), 0))
    return out
