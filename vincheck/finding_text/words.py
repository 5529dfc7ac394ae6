"""The words finding sentences are made of: the template lookup ``Q`` for the language
being written (Chinese from :mod:`vincheck.finding_text_zh`), values with units (mm, %,
degrees), list and clause separators, sides and corners."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from numbers import Real
from typing import Any

from vincheck.finding_text_zh import FINDING_ZH
from vincheck.findings import Finding

_LANG: ContextVar[str] = ContextVar("finding_text_language", default="zh_CN")


class Q:
    """``Q.translate(context, english)``: the template in the language being written."""

    @staticmethod
    def translate(_context: str, text: str) -> str:
        if _LANG.get().startswith("zh"):
            return FINDING_ZH.get(text, text)
        return text

CTX = "FindingText"

Builder = Callable[[Finding], "str | None"]


# --- value formatting (language-neutral; units are SI symbols) --------------------------
def _is_num(v: Any) -> bool:
    return isinstance(v, Real) and not isinstance(v, bool)


def _need_num(v: Any) -> float:
    if not _is_num(v):
        raise TypeError(f"not a number: {v!r}")
    return float(v)


def mm(v: Any, digits: int = 1) -> str:
    """Millimetres, e.g. ``6.2 mm``."""
    return f"{_need_num(v):.{digits}f} mm"


def pct(v: Any) -> str:
    """A share 0-1 as percent, e.g. ``62%``."""
    return f"{_need_num(v) * 100:.0f}%"


def deg(v: Any) -> str:
    """Degrees, e.g. ``41°``."""
    return f"{_need_num(v):.0f}°"


def num(v: Any, digits: int = 2) -> str:
    return f"{_need_num(v):.{digits}f}"


def _sep() -> str:
    """Separator between listed items ("、" in Chinese)."""
    return Q.translate("FindingText", ", ")


def _clauses() -> str:
    """Separator between clauses ("；" in Chinese)."""
    return Q.translate("FindingText", "; ")


def _words(items: Iterable[Any]) -> str:
    return _sep().join(str(i) for i in items)


_SIDE_TEXT = {
    "left": lambda: Q.translate("FindingText", "left side"),
    "right": lambda: Q.translate("FindingText", "right side"),
    "top": lambda: Q.translate("FindingText", "top"),
    "bottom": lambda: Q.translate("FindingText", "bottom"),
}
_CORNER_TEXT = {
    "top_left": lambda: Q.translate("FindingText", "top left"),
    "top_right": lambda: Q.translate("FindingText", "top right"),
    "bottom_right": lambda: Q.translate("FindingText", "bottom right"),
    "bottom_left": lambda: Q.translate("FindingText", "bottom left"),
}
CORNERS = ("top_left", "top_right", "bottom_right", "bottom_left")


def _side(name: str) -> str:
    f = _SIDE_TEXT.get(name)
    if f is None:
        raise KeyError(name)
    return f()


def _corner(name: str) -> str:
    return _CORNER_TEXT[name]()
