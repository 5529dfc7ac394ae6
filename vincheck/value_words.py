"""The words the core puts into values (statuses, verdicts, kinds, colours, views, units,
value keys and words, evidence labels) with their Chinese and English names, and the
formatting of a measured value or limit with its unit. No Qt: the language is passed as
"zh_CN" or "en"."""

from __future__ import annotations

from typing import Any

from vincheck.findings import Status


def is_zh(lang: str | None) -> bool:
    """Whether ``lang`` (None: the default, Chinese) is Chinese."""
    return (lang or "zh_CN").startswith("zh")


STATUS = {"pass": ("通过", "pass"), "fail": ("不通过", "fail"), "review": ("待核查", "review"),
          "skipped": ("未测量", "not measured")}
VERDICT = {"pass": ("合格", "PASS"), "fail": ("不合格", "FAIL"), "review": ("待人工核查", "REVIEW")}
KINDS = {"car": ("汽车", "car"), "trailer": ("挂车", "trailer")}
COLOURS = {"白": "white", "灰": "grey", "黄": "yellow", "粉": "pink", "红": "red",
           "紫": "purple", "绿": "green", "蓝": "blue", "棕": "brown", "黑": "black"}
VIEWS = {"front": ("正前", "front"), "front-left": ("左前", "front-left"),
         "left": ("左侧", "left"), "rear-left": ("左后", "rear-left"), "rear": ("正后", "rear"),
         "rear-right": ("右后", "rear-right"), "right": ("右侧", "right"),
         "front-right": ("右前", "front-right")}
# unit code -> (Chinese, English) after a number; "" = none
UNITS = {"mm": ("mm", "mm"), "px": ("px", "px"), "deg": ("°", "°"), "ratio": ("", ""),
         "dpi": ("dpi", "dpi"), "": ("", ""), "characters": ("个字符", "characters"),
         "strips": ("份", "strips"), "char heights": ("倍字高", "character heights")}
# units whose value is a share 0-1, shown as percent
PERCENT_UNITS = {"share of characters", "share"}
VALUE_KEYS = {
    "pitch_spread": ("字距偏差", "spacing spread"),
    "height_spread": ("字高偏差", "height spread"),
    "slant_deg": ("倾斜°", "slant °"), "aspect": ("宽高比", "width/height"),
    "pitch_mm": ("字距 mm", "spacing mm"), "height_mm": ("字高 mm", "height mm"),
    "ghost_offset": ("重影偏移", "double offset"), "ghost_score": ("重影强度", "double score"),
    "ghost_dx_px": ("重影横移 px", "double dx px"), "ghost_dy_px": ("重影纵移 px", "double dy px"),
    "sharpness_ratio": ("清晰度", "sharpness"), "width": ("宽", "width"),
    "height": ("高", "height"), "tolerance": ("公差", "tolerance"), "radius": ("半径", "radius"),
    "nominal": ("标称", "nominal"), "min": ("最小", "min"), "max": ("最大", "max"),
    "mean_luma": ("平均亮度", "mean brightness"), "clipped_low": ("欠曝", "crushed"),
    "clipped_high": ("过曝", "blown out"), "max_clipped_share": ("过曝/欠曝上限", "clipped max"),
    "max_edge_blur_px": ("边缘模糊上限 px", "edge blur max px"),
}
VALUE_WORDS = {
    "left": ("左", "left"), "right": ("右", "right"), "top": ("上", "top"),
    "bottom": ("下", "bottom"), "one VIN": ("同一代号", "one VIN"),
    "known DPI": ("已知分辨率", "known DPI"), "not required": ("不要求", "not required"),
    "valid 17-character VIN": ("有效的 17 位代号", "valid 17-character VIN"),
    "one VIN on every sheet": ("各份为同一代号", "one VIN on every sheet"),
    ">= 1 sheet": ("至少 1 份", "at least 1 sheet"),
    ">= 1 photo": ("至少 1 张", "at least 1 photo"),
    ">= 1": ("至少 1", "at least 1"),
    "regulation": ("法规值", "regulation"),
}


# words of the core's evidence labels ("vehicle 0.38 (segmentation)", "start", "top_left")
# and the views; the window translates the same words in vincheck.gui.shape_labels
LABEL_WORDS = {
    "plate anchor": "号牌定位", "plate_anchor": "号牌定位", "segmentation": "分割",
    "detector": "检测器", "other vehicle": "其他车辆", "motorcycle": "摩托车",
    "vehicle": "车辆", "truck": "货车", "bus": "客车", "car": "汽车", "start": "起始符",
    "end": "终止符", "start expected": "起始符应在此", "end expected": "终止符应在此",
    "front face": "车头", "rear face": "车尾", "face": "正面",
    "top_left": "左上", "top_right": "右上", "bottom_right": "右下", "bottom_left": "左下",
    "blown out": "过曝", "crushed": "欠曝",
    **{k: v[0] for k, v in VIEWS.items()},
}


def status_name(status: Status | str, lang: str | None = "zh_CN") -> str:
    return STATUS[str(status)][0 if is_zh(lang) else 1]


def verdict_name(verdict: Any, lang: str | None = "zh_CN") -> str:
    return VERDICT.get(str(verdict), (str(verdict), str(verdict)))[0 if is_zh(lang) else 1]


def kind_name(kind: str, lang: str | None = "zh_CN") -> str:
    return KINDS.get(kind, (kind, kind))[0 if is_zh(lang) else 1]


def colour_name(code: str | None, lang: str | None = "zh_CN") -> str:
    """A registration colour ("白") in the language ("white" in English)."""
    if not code:
        return ""
    return code if is_zh(lang) else COLOURS.get(code, code)


def view_name(view: str | None, lang: str | None = "zh_CN") -> str:
    if not view:
        return ""
    return VIEWS.get(view, (view, view))[0 if is_zh(lang) else 1]


def _specs() -> dict[str, Any]:
    from vincheck.settings import SPECS

    return SPECS


def _number(v: float) -> str:
    return f"{v:.3g}" if abs(v) < 100 else f"{v:.1f}"


def format_value(value: Any, unit: str = "", lang: str | None = "zh_CN") -> str:
    """A measured value or limit as short text with its unit ("–" for none): shares as
    percent, yes/no for booleans, the core's words and dict keys in the language."""
    i = 0 if is_zh(lang) else 1
    if value is None:
        return "–"
    if isinstance(value, bool):
        return ("是", "yes")[i] if value else ("否", "no")[i]
    if unit in PERCENT_UNITS and isinstance(value, (int, float)):
        return f"{value * 100:.0f}%"
    if unit in PERCENT_UNITS and isinstance(value, (list, tuple)) and value:
        return ("、", ", ")[i].join(format_value(v, unit, lang) for v in value)
    u = UNITS.get(unit, (unit, unit))[i]
    if isinstance(value, float):
        text = _number(value)
    elif isinstance(value, (list, tuple)):
        text = ((", " if i else "、").join(format_value(v, "", lang) for v in value[:6])
                + ("…" if len(value) > 6 else "")) if value else ("无", "none")[i]
    elif isinstance(value, dict) and value and all(k in _specs() for k in value):
        return ("，" if i == 0 else ", ").join(  # settings: name and value with its unit
            f"{_specs()[k].zh if i == 0 else _specs()[k].en} {_specs()[k].show(v, lang or '')}"
            for k, v in value.items())
    elif isinstance(value, dict):
        text = (", " if i else "，").join(
            f"{VALUE_KEYS[k][i] if k in VALUE_KEYS else k} {format_value(v, '', lang)}"
            for k, v in list(value.items())[:4])
    elif isinstance(value, str):
        if value in COLOURS:
            return colour_name(value, lang)
        return VALUE_WORDS[value][i] if value in VALUE_WORDS else value
    else:
        text = str(value)
    if not u:
        return text
    return f"{text}°" if u == "°" else f"{text} {u}"
