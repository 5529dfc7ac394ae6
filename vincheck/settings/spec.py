"""What a setting is: :class:`SettingSpec` (kind, unit, range, step, Chinese and English
name, whether the regulation sets it), how a value is checked against it and shown, and
:func:`setting`, which declares a dataclass field with its spec."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

APP_NAME = "vincheck"

# unit code -> (Chinese, English) as shown after a value; "share" = 0-1
UNIT_TEXT: dict[str, tuple[str, str]] = {
    "mm": ("mm", "mm"), "deg": ("°", "°"), "px": ("px", "px"), "dpi": ("dpi", "dpi"),
    "s": ("秒", "s"), "share": ("(0–1)", "(0–1)"), "grey": ("(0–255)", "(0–255)"),
    "": ("", ""),
}


@dataclass(frozen=True)
class SettingSpec:
    """What one setting is: its kind, unit, range and names (filled in by :func:`setting`).

    ``key`` is the dotted name in the JSON file (``photo.print_width_mm``). ``lo``/``hi``
    bound numbers (inclusive); ``optional`` numbers and paths may be None (shown as
    "unknown" / "default"). ``choices`` lists (value, Chinese, English) for a choice or
    the allowed items of a list. ``regulation`` marks a limit set by the regulation.
    """

    kind: str  # "int" | "float" | "bool" | "choice" | "path" | "text" | "list"
    zh: str
    en: str
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    decimals: int = 2
    choices: tuple[tuple[str, str, str], ...] = ()
    regulation: bool = False
    optional: bool = False
    in_dialog: bool = True
    group: str = ""
    key: str = ""
    default: Any = None

    def label(self, lang: str = "zh_CN") -> str:
        """Name and unit for the user, e.g. "最小字高（mm）"."""
        name = self.zh if lang.startswith("zh") else self.en
        unit = UNIT_TEXT.get(self.unit, (self.unit, self.unit))[0 if lang.startswith("zh")
                                                                  else 1]
        if not unit:
            return name
        unit = unit.strip("()")
        return f"{name}（{unit}）" if lang.startswith("zh") else f"{name} ({unit})"

    def range_text(self, lang: str = "zh_CN") -> str:
        if self.kind in ("int", "float") and self.lo is not None and self.hi is not None:
            return f"{_num(self.lo, self)}–{_num(self.hi, self)}"
        if self.choices:
            return ", ".join(c[0] for c in self.choices)
        return ""

    def coerce(self, value: Any) -> Any:
        """The value as this setting's type, or :class:`SettingValueError` (reason
        ``type`` or ``range``). An int given as 8.0 is 8; a float given as 7 is 7.0."""
        if value is None:
            if self.optional:
                return None
            raise SettingValueError("type", self, value)
        k = self.kind
        if k in ("int", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SettingValueError("type", self, value)
            if k == "int":
                if isinstance(value, float) and not value.is_integer():
                    raise SettingValueError("type", self, value)
                value = int(value)
            else:
                value = float(value)
            if value != value or (self.lo is not None and value < self.lo) or (
                    self.hi is not None and value > self.hi):
                raise SettingValueError("range", self, value)
            return value
        if k == "bool":
            if not isinstance(value, bool):
                raise SettingValueError("type", self, value)
            return value
        if k == "choice":
            if value not in [c[0] for c in self.choices]:
                raise SettingValueError("range", self, value)
            return value
        if k in ("path", "text"):
            if not isinstance(value, str):
                raise SettingValueError("type", self, value)
            if self.optional and not value.strip():
                return None
            return value
        if k == "list":
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise SettingValueError("type", self, value)
            allowed = [c[0] for c in self.choices]
            if allowed and any(v not in allowed for v in value):
                raise SettingValueError("range", self, value)
            return tuple(value)
        raise SettingValueError("type", self, value)

    def parse(self, text: str) -> Any:
        """A value typed on the command line (``"640"``, ``"0.5"``, ``"yes"``, ``""``)."""
        t = text.strip()
        if self.kind in ("int", "float"):
            if self.optional and t.lower() in ("", "none", "unknown"):
                return self.coerce(None)
            try:
                number: float = float(t)
            except ValueError:
                raise SettingValueError("type", self, text) from None
            return self.coerce(number)
        if self.kind == "bool":
            low = t.lower()
            if low in ("1", "true", "yes", "on", "是"):
                return True
            if low in ("0", "false", "no", "off", "否"):
                return False
            raise SettingValueError("type", self, text)
        if self.kind == "list":
            return self.coerce([v.strip() for v in t.split(",") if v.strip()])
        return self.coerce(t if t or not self.optional else None)

    def show(self, value: Any, lang: str = "zh_CN") -> str:
        """A value as the user reads it, with its unit."""
        zh = lang.startswith("zh")
        if value is None:
            return "未设置" if zh else "not set"
        if self.kind == "bool":
            return ("是" if value else "否") if zh else ("yes" if value else "no")
        if self.kind == "choice":
            for c in self.choices:
                if c[0] == value:
                    return c[1] if zh else c[2]
        if self.kind == "list":
            return ", ".join(value)
        if self.kind in ("int", "float"):
            unit = UNIT_TEXT.get(self.unit, ("", ""))[0 if zh else 1]
            text = _num(value, self)
            if not unit or unit.startswith("("):
                return text
            return f"{text}{unit}" if unit == "°" else f"{text} {unit}"
        return str(value)


def _num(v: float, spec: SettingSpec) -> str:
    if spec.kind == "int":
        return f"{int(v)}"
    text = f"{float(v):.{max(spec.decimals, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class SettingValueError(ValueError):
    """A value that does not fit its setting (``reason``: "type" or "range")."""

    def __init__(self, reason: str, spec: SettingSpec, value: Any) -> None:
        self.reason = reason
        self.spec = spec
        self.value = value
        super().__init__(self.text("en"))

    def text(self, lang: str = "zh_CN") -> str:
        s = self.spec
        zh = lang.startswith("zh")
        shown = json.dumps(self.value, ensure_ascii=False) if not isinstance(
            self.value, str) else repr(self.value)
        if self.reason == "range":
            if s.choices:
                return (f"{s.zh}：{shown} 不是可选值（{s.range_text()}）" if zh else
                        f"{s.en}: {shown} is not one of {s.range_text()}")
            return (f"{s.zh}：{shown} 超出范围 {s.range_text()}" if zh else
                    f"{s.en}: {shown} is outside {s.range_text()}")
        want = {"int": ("整数", "a whole number"), "float": ("数值", "a number"),
                "bool": ("是/否", "yes or no"), "path": ("文件路径", "a file path"),
                "text": ("文字", "text"), "list": ("名称列表", "a list of names"),
                "choice": ("可选值", "one of the choices")}.get(s.kind, (s.kind, s.kind))
        return (f"{s.zh}：{shown} 不是{want[0]}" if zh else f"{s.en}: {shown} is not {want[1]}")


def setting(default: Any, zh: str, en: str, kind: str | None = None, **spec: Any) -> Any:
    """A dataclass field with its :class:`SettingSpec` (kind guessed from the default's
    type when not given: int, float, bool, text)."""
    if kind is None:
        kind = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
                else "float" if isinstance(default, float) else "text")
    meta = {"spec": SettingSpec(kind=kind, zh=zh, en=en, **spec)}
    if isinstance(default, (list, tuple, dict)):
        return field(default_factory=lambda: default, metadata=meta)
    return field(default=default, metadata=meta)


SHARE = {"unit": "share", "lo": 0.0, "hi": 1.0, "step": 0.01, "decimals": 2}
DPI = {"unit": "dpi", "lo": 50.0, "hi": 4800.0, "step": 50.0, "decimals": 0, "optional": True}
