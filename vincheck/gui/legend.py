"""The legend under the image: what each overlay colour drawn on the page means.

Only the kinds of evidence drawn on the page shown are listed, each with a swatch in its
colour (dashed for an expected position), and the highlight colour of the selected
finding when one is highlighted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from vincheck.gui.style import HIGHLIGHT_COLOUR, role_colour

CONTEXT = "Legend"
# (role prefixes, name): the first entry whose prefix a role starts with names it.
ENTRIES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("start_symbol_expected", "end_symbol_expected"),
     QT_TRANSLATE_NOOP("Legend", "where a missing symbol belongs")),
    (("char",), QT_TRANSLATE_NOOP("Legend", "characters read")),
    (("strip", "rubbing"), QT_TRANSLATE_NOOP("Legend", "rubbing strip")),
    (("start_symbol", "end_symbol", "stop_symbol", "symbol"),
     QT_TRANSLATE_NOOP("Legend", "start / end symbol")),
    (("plate",), QT_TRANSLATE_NOOP("Legend", "number plate")),
    (("picture", "outline"), QT_TRANSLATE_NOOP("Legend", "photo outline")),
    (("corner",), QT_TRANSLATE_NOOP("Legend", "corner")),
    (("vehicle",), QT_TRANSLATE_NOOP("Legend", "vehicle")),
    (("view",), QT_TRANSLATE_NOOP("Legend", "view")),
    (("exposure",), QT_TRANSLATE_NOOP("Legend", "exposure")),
)
OTHER = QT_TRANSLATE_NOOP("Legend", "other evidence")
SELECTED = QT_TRANSLATE_NOOP("Legend", "selected finding")


def legend_items(roles: set[str], highlighted: bool) -> list[tuple[str, QColor, bool]]:
    """(name in the current language, colour, dashed) for the roles drawn, in a fixed
    order; the selected finding's colour last when one is highlighted."""
    found: dict[int, str] = {}
    for role in roles:
        idx = next((i for i, (prefixes, _n) in enumerate(ENTRIES)
                    if any(role == p or role.startswith(p) for p in prefixes)), len(ENTRIES))
        found.setdefault(idx, role)
    out = []
    for idx in sorted(found):
        name = ENTRIES[idx][1] if idx < len(ENTRIES) else OTHER
        role = found[idx]
        out.append((QCoreApplication.translate(CONTEXT, name), role_colour(role),
                    role.endswith("_expected")))
    if highlighted:
        out.append((QCoreApplication.translate(CONTEXT, SELECTED), HIGHLIGHT_COLOUR, False))
    return out


def legend_html(roles: set[str], highlighted: bool) -> str:
    """The legend as rich text: a coloured swatch before each name."""
    parts = []
    for name, colour, dashed in legend_items(roles, highlighted):
        swatch = "┅" if dashed else "■"
        parts.append(f'<span style="color:{colour.name()}; font-size:15px">{swatch}</span>'
                     f"&nbsp;{html.escape(name)}")
    return "&nbsp;&nbsp; ".join(parts)
