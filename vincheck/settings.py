"""Settings: every tolerance and threshold as one typed object; defaults = the regulation.

Each field is declared with :func:`setting`, which records in the field's metadata its
kind (int, float, bool, choice, path, text, list), unit, valid range, step, Chinese and
English label and whether it is one of the regulation's own limits. The settings dialog,
the JSON loader (:func:`load_settings_checked`) and the CLI (``vincheck settings``) all
read that one description (:data:`SPECS`); adding a setting is one declaration.

Saved as JSON in the user's config directory (``platformdirs``). A saved file that is
damaged, from an older version or holds values out of range loads what is valid; what was
reset is returned (and shown by the window / printed by the CLI) and the bad file is kept
beside it as ``settings.json.bad-<time>``.

The regulation's limits (88 ± 0.5 × 60 ± 0.5 mm, r 4 ± 0.1 mm, 45°, ⅔, 7 mm, the check
digit) can be changed only when a station administrator unlocks them
(:func:`regulation_unlocked`); otherwise a changed limit in the file is put back.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vincheck.errors import UsageError

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


@dataclass
class RubbingSettings:
    """Tolerances for Annex 2 (VIN rubbing). Lengths in mm, angles in degrees."""

    # GB 16735 as commonly cited: characters stamped on the frame are >= 7.0 mm high.
    min_char_height_mm: float = setting(
        7.0, "最小字高", "Minimum character height", unit="mm", lo=1.0, hi=30.0, step=0.1,
        decimals=1, regulation=True)
    # Pitch (centre-to-centre distance of neighbouring characters) may vary by this share of
    # its median before the line counts as deformed: stamping heads are rigid, so a real
    # rubbing varies by a few percent (rubbing over a curved rail, pencil edge); 16 % leaves
    # room for segmentation error of about 1/8 of a cell at 7 mm (a stretch is >= 20 %).
    max_pitch_spread: float = setting(0.16, "字距最大变化", "Maximum spacing variation",
                                      **SHARE)
    # Character heights along the line may differ by this share of the median height
    # (end-to-end trend or a run of three cells). 0.16 rather than 0.12: pencil streaks
    # erode the top or bottom of thin characters by up to ~1/8 of their height on the
    # synthetic scans; a stretched or ramped rubbing (>= 20 %) still exceeds it.
    max_height_spread: float = setting(0.16, "字高最大变化", "Maximum height variation",
                                       **SHARE)
    # Slant (shear) of the characters relative to the line's normal; stamping fonts are
    # upright, a sheared rubbing (tape dragged while rubbing) shows as slant.
    max_slant_deg: float = setting(6.0, "最大倾斜角", "Maximum slant", unit="deg", lo=0.0,
                                   hi=45.0, step=0.5, decimals=1)
    # Aspect (width / height) of the character cells against the stamping font's usual
    # 0.45-0.75: outside means the tape was stretched along or across the line. 1.05, not
    # 0.95 (issue 16): wide die faces (League Mono Wide / Extended in the held-out
    # benchmark) stamp cells of 0.85-0.95; a stretched run is caught by the pitch spread.
    min_char_aspect: float = setting(0.35, "字符宽高比下限", "Minimum character width/height",
                                     lo=0.05, hi=2.0, step=0.01, decimals=2)
    max_char_aspect: float = setting(1.05, "字符宽高比上限", "Maximum character width/height",
                                     lo=0.05, hi=3.0, step=0.01, decimals=2)
    # A doubled impression offset by more than this (mm) counts as shifted; smaller offsets
    # are indistinguishable from the blur of a normal graphite rubbing.
    max_ghost_offset_mm: float = setting(0.4, "重影最大偏移", "Maximum doubled-impression offset",
                                         unit="mm", lo=0.0, hi=5.0, step=0.05, decimals=2)
    # Below this OCR confidence (0-1) a character is flagged for review.
    min_char_confidence: float = setting(0.60, "字符识别置信度下限",
                                         "Minimum reading confidence", **SHARE)
    # A rubbing counts as unreadable (FAIL) when at least this share of its characters are
    # read below ``min_char_confidence`` (a smudged or faint rubbing); fewer unsure
    # characters only ask for review.
    max_illegible_share: float = setting(0.5, "不可识读字符比例上限",
                                         "Maximum share of illegible characters", **SHARE)
    # Default scan resolution when a file carries none and the user gave none (None = unknown).
    default_dpi: float | None = setting(None, "拓印膜默认扫描分辨率",
                                        "Default rubbing scan resolution", kind="float", **DPI)
    # Whether the check digit is mandatory (China, North America: yes).
    require_check_digit: bool = setting(True, "校验位必须正确", "Check digit is mandatory",
                                        regulation=True)
    # A doubled impression is a fainter copy of the strokes at an offset: it counts when the
    # strokes shifted by that offset land on at least this much contrast (share of the
    # strokes' contrast, see measure.shifted_copy). Clean synthetic strips reach <= 0.14,
    # doubled ones (ghost strength 0.45-0.65) 0.33-0.49; benchmarks/rubbing.py reports it.
    min_ghost_score: float = setting(0.22, "重影对比度下限", "Minimum doubled-impression score",
                                     **SHARE)
    # A smear band blurs a run of characters: the edge sharpness (steepest gradients over
    # contrast) of the blurriest run of characters (median of five: one or two soft cells
    # are no smear) over the line's median below this counts as smeared. On the 300-sheet
    # benchmark clean strips stay >= 0.77 and smeared runs (0.8-2 mm motion blur over 3-6
    # characters) reach 0.57-0.73 (chosen there; checked on a second generated set).
    min_sharpness_ratio: float = setting(0.75, "涂抹判定清晰度比下限",
                                         "Minimum sharpness ratio (smear)", **SHARE)


@dataclass
class PhotoSettings:
    """Tolerances for Annex 1 (exterior photo). Lengths in mm, angles in degrees."""

    print_width_mm: float = setting(88.0, "相片长度", "Print width", unit="mm", lo=20.0,
                                    hi=300.0, step=0.5, decimals=1, regulation=True)
    print_height_mm: float = setting(60.0, "相片高度", "Print height", unit="mm", lo=20.0,
                                     hi=300.0, step=0.5, decimals=1, regulation=True)
    print_size_tolerance_mm: float = setting(0.5, "相片尺寸允差", "Print size tolerance",
                                             unit="mm", lo=0.0, hi=10.0, step=0.1,
                                             decimals=2, regulation=True)
    corner_radius_mm: float = setting(4.0, "圆角半径", "Corner radius", unit="mm", lo=0.0,
                                      hi=30.0, step=0.1, decimals=2, regulation=True)
    corner_radius_tolerance_mm: float = setting(0.1, "圆角半径允差", "Corner radius tolerance",
                                                unit="mm", lo=0.0, hi=5.0, step=0.05,
                                                decimals=2, regulation=True)
    # "The vehicle's image occupies two thirds of the photo": read as the vehicle's bounding
    # box area over the picture area; accepted window around 2/3.
    min_fill_ratio: float = setting(0.55, "车辆占比下限", "Minimum vehicle fill",
                                    regulation=True, **SHARE)
    max_fill_ratio: float = setting(0.80, "车辆占比上限", "Maximum vehicle fill",
                                    regulation=True, **SHARE)
    # Required azimuth of the camera around the vehicle (0 = straight at the front face,
    # 90 = the left flank). Car: front-left 45; trailer: rear-left (135).
    car_azimuth_deg: float = setting(45.0, "汽车拍摄方位角", "Car view azimuth", unit="deg",
                                     lo=0.0, hi=360.0, step=1.0, decimals=1, regulation=True)
    trailer_azimuth_deg: float = setting(135.0, "挂车拍摄方位角", "Trailer view azimuth",
                                         unit="deg", lo=0.0, hi=360.0, step=1.0, decimals=1,
                                         regulation=True)
    azimuth_tolerance_deg: float = setting(15.0, "方位角允差", "View azimuth tolerance",
                                           unit="deg", lo=0.0, hi=90.0, step=1.0, decimals=1)
    # Sharpness: variance of the Laplacian on the picture scaled to 1000 px width.
    min_sharpness: float = setting(60.0, "清晰度下限（拉普拉斯方差）",
                                   "Minimum sharpness (Laplacian variance)", lo=0.0,
                                   hi=100000.0, step=5.0, decimals=1)
    # Exposure: share of clipped pixels and mean luminance window (0-255).
    max_clipped_share: float = setting(0.08, "过暗/过亮像素比例上限",
                                       "Maximum clipped pixels", **{**SHARE, "decimals": 3})
    min_mean_luma: float = setting(50.0, "平均亮度下限", "Minimum mean brightness",
                                   unit="grey", lo=0.0, hi=255.0, step=1.0, decimals=1)
    max_mean_luma: float = setting(215.0, "平均亮度上限", "Maximum mean brightness",
                                   unit="grey", lo=0.0, hi=255.0, step=1.0, decimals=1)
    # Minimum score (0-1) for a plate detection to count as a visible plate.
    min_plate_score: float = setting(0.5, "号牌检测得分下限", "Minimum plate detection score",
                                     **SHARE)
    # A plate-like object scoring up to this much below min_plate_score (e.g. a coloured
    # rectangle with character texture that could not be read) is sent to a person (REVIEW)
    # rather than passed silently.
    plate_review_margin: float = setting(0.15, "号牌待核查得分余量", "Plate review margin",
                                         **SHARE)
    # Plate finder (vincheck.photo.plate_candidates): the text detector and the colour
    # rectangles see a copy scaled to this longest side (px). The detector needs ~8 px high
    # characters, so 640 finds plates whose characters are >= 1/80 of the photo's longest
    # side (a US plate at the far end of a 1280 px gate-camera frame) at about half the
    # cost of 800; 512 loses ~5 % of the corpus plates.
    plate_detect_side_px: int = setting(640, "号牌检测图像长边", "Plate detector image side",
                                        unit="px", lo=256, hi=4096, step=32)
    # Least mean text probability (0-1) in a detected line's box; the OCR default 0.5
    # drops US plates behind frames and stickers (they score 0.35-0.55).
    plate_det_box_thresh: float = setting(0.35, "号牌文字框概率下限",
                                          "Plate text box threshold", **SHARE)
    # At most this many candidates are read by the recogniser (~10-20 ms each).
    plate_max_reads: int = setting(8, "号牌候选识读数上限", "Plate candidates read at most",
                                   lo=1, hi=100, step=1)
    # Plates lower than this (px, full resolution) are not looked at: nobody can read them.
    plate_min_height_px: float = setting(8.0, "号牌最小高度", "Minimum plate height",
                                         unit="px", lo=1.0, hi=500.0, step=1.0, decimals=1)
    # A plate-coloured rectangle needs this share of off-colour (character) pixels inside
    # and this grey-level contrast (0-255) between them and the plate colour; a blank plate
    # holder or a painted panel has neither.
    plate_min_mark_share: float = setting(0.06, "号牌字符像素比例下限",
                                          "Minimum plate character share",
                                          **{**SHARE, "decimals": 3})
    plate_min_contrast: float = setting(30.0, "号牌字符对比度下限",
                                        "Minimum plate character contrast", unit="grey",
                                        lo=0.0, hi=255.0, step=1.0, decimals=1)
    # Text read with less confidence (0-1) than this is no evidence of a plate number (the
    # recogniser guesses letters in grilles, leaves and blank holders at 0.1-0.45).
    plate_min_text_confidence: float = setting(0.5, "号牌文字置信度下限",
                                               "Minimum plate text confidence", **SHARE)
    # Below this view confidence (0-1) the angle finding is REVIEW: classical view cues
    # (wheel ellipses, the symmetric face, lamp colours) can disagree on real photos.
    min_view_confidence: float = setting(0.45, "拍摄角度置信度下限",
                                         "Minimum view confidence", **SHARE)
    default_dpi: float | None = setting(None, "相片默认扫描分辨率",
                                        "Default photo scan resolution", kind="float", **DPI)
    # The width (px) the picture is scaled to before the sharpness is measured, so the value
    # does not depend on the scan resolution or the camera (the 1000 px named above).
    sharpness_width_px: float = setting(1000.0, "清晰度测量宽度", "Sharpness measuring width",
                                        unit="px", lo=100.0, hi=8000.0, step=100.0,
                                        decimals=0)
    # Blur verdict: the sharpest edges' blur (Gaussian sigma, px at sharpness_width_px)
    # may not exceed this. An edge-width measure does not grow with sensor noise or film
    # grain as the Laplacian variance does (noise of 2 grey levels alone gives a variance of
    # ~80), so it decides ``blurry``; the Laplacian variance (min_sharpness) is reported
    # beside it. Sharp camera photos read ~0.9-1.0 px; sigma 3 px blur reads ~3.
    max_edge_blur_px: float = setting(2.5, "边缘模糊上限", "Maximum edge blur", unit="px",
                                      lo=0.1, hi=50.0, step=0.1, decimals=2)
    # Body colour: the reading names the colour both annotators gave on only 37 % of the
    # 299 labelled corpus photos (benchmarks.photo_colour: plate-camera close-ups, night
    # shots, colour casts), and its confidence does not tell right from wrong readings. So
    # by default a colour different from the certificate goes to review; with
    # ``color_mismatch_fails`` it fails, from ``min_color_confidence`` (0-1) on (two names
    # can fit one paint: silver reads between white and grey, dark red between red and
    # brown).
    color_mismatch_fails: bool = setting(False, "车身颜色不符判为不合格（否则人工核查）",
                                         "A body colour unlike the papers fails (else review)")
    min_color_confidence: float = setting(0.5, "判定颜色不符的置信度下限",
                                          "Minimum colour confidence to fail", **SHARE)


OCR_ENGINES = (("glyph", "本项目字形分类器", "own glyph classifier"),
               ("rapidocr", "RapidOCR", "RapidOCR"), ("tesseract", "Tesseract", "Tesseract"))


@dataclass
class Settings:
    """All settings. ``language`` is "zh_CN" (default) or "en"."""

    rubbing: RubbingSettings = field(default_factory=RubbingSettings)
    photo: PhotoSettings = field(default_factory=PhotoSettings)
    language: str = setting("zh_CN", "界面语言", "Language", kind="choice", group="general",
                            choices=(("zh_CN", "简体中文", "简体中文"),
                                     ("en", "English", "English")))
    # path to the tesseract executable; None = search PATH
    tesseract_cmd: str | None = setting(None, "Tesseract 程序", "Tesseract program",
                                        kind="path", optional=True, group="general")
    # decompression-bomb guard (px); A3 at 1200 dpi ~ 70 Mpx
    max_image_pixels: int = setting(150_000_000, "图像最大像素数", "Largest image (pixels)",
                                    lo=1_000_000, hi=2_000_000_000, step=10_000_000,
                                    group="advanced")
    station: str = setting("", "检验站名称", "Station name", group="general")
    # the operator's name: asked at first start, on every record and report
    operator: str = setting("", "操作员姓名", "Operator name", group="general")
    # GUI: dropping a complete case (expected VIN, a rubbing sheet and a photo) starts the
    # check at once
    auto_check_on_drop: bool = setting(True, "拖入完整案件后立即检查",
                                       "Check a dropped complete case at once",
                                       group="general")
    # None = default in the user data directory
    database_path: str | None = setting(None, "记录数据库", "Records database", kind="path",
                                        optional=True, group="general")
    # keep a copy of every input file in a managed folder
    keep_copies: bool = setting(False, "保存输入文件副本", "Keep a copy of every input file",
                                group="general")
    # Rubbing OCR: the first available main engine of this list (rapidocr, tesseract) plus
    # the project's own glyph classifier ("glyph") beside it. Listed first, the classifier
    # also gives the second opinion on unsure glyphs: on the 300-sheet benchmark this read
    # better than RapidOCR alone (tools/bench_rubbing_by_font.py).
    ocr_engines: tuple[str, ...] = setting(("glyph", "rapidocr", "tesseract"), "识别引擎顺序",
                                           "OCR engines in order", kind="list",
                                           choices=OCR_ENGINES, in_dialog=False)
    # Records store and batch (added for vincheck.store / vincheck.batch):
    # wait this long (s) for a database another program holds
    db_busy_timeout_s: float = setting(10.0, "数据库等待时间", "Database busy timeout",
                                       unit="s", lo=0.1, hi=600.0, step=1.0, decimals=1,
                                       group="advanced")
    batch_jobs: int = setting(2, "批量检查并行进程数", "Parallel batch workers", lo=1, hi=64,
                              step=1, group="advanced")  # of `vincheck batch`
    # `vincheck batch --watch`: poll the hot folder every N s
    watch_interval_s: float = setting(2.0, "监视文件夹轮询间隔", "Hot folder poll interval",
                                      unit="s", lo=0.1, hi=3600.0, step=0.5, decimals=1,
                                      group="advanced")
    # a case is ready once its files stopped changing for N s
    watch_settle_s: float = setting(4.0, "文件稳定等待时间", "Hot folder settle time",
                                    unit="s", lo=0.0, hi=3600.0, step=0.5, decimals=1,
                                    group="advanced")
    # Shared records (vincheck.store.postgres): a postgresql:// URL puts this desk's records
    # in one database with other desks (VINCHECK_DATABASE_URL overrides); None = SQLite.
    database_url: str | None = setting(None, "共享记录数据库（postgresql:// 地址）",
                                       "Shared records database (postgresql:// URL)",
                                       kind="text", optional=True, group="advanced")
    # this desk's name beside ``station``; "" = the host name
    workstation: str = setting("", "工作台名称", "Workstation name", group="general")
    # retry a lost database connection this long (s), then report it unreachable
    db_retry_s: float = setting(30.0, "数据库断线重试时间", "Retry a lost database connection",
                                unit="s", lo=0.0, hi=3600.0, step=1.0, decimals=0,
                                group="advanced")
    # a shared batch worker's claim on a case expires after N s (renewed while working)
    claim_ttl_s: float = setting(120.0, "批量任务认领有效期", "Batch claim expiry", unit="s",
                                 lo=5.0, hi=86400.0, step=5.0, decimals=0, group="advanced")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if is_dataclass(v):
                out[f.name] = {g.name: _plain(getattr(v, g.name)) for g in fields(v)}
            else:
                out[f.name] = _plain(v)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        """Settings from a dict as saved; what does not fit is left at its default (see
        :func:`settings_from_dict` for the list of what was reset)."""
        return settings_from_dict(d, unlocked=True)[0]


def _plain(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def _collect_specs() -> dict[str, SettingSpec]:
    out: dict[str, SettingSpec] = {}

    def walk(cls: type, prefix: str, group: str) -> None:
        inst = cls()
        for f in fields(cls):
            if "spec" not in f.metadata and is_dataclass(getattr(inst, f.name)):
                walk(type(getattr(inst, f.name)), f"{f.name}.", f.name)
                continue
            # a field declared without setting(): typed from its default, kept out of the
            # dialog (tests/test_settings.py asks for a proper declaration)
            spec: SettingSpec = f.metadata.get("spec") or _plain_spec(f.name, getattr(
                inst, f.name))
            default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            out[prefix + f.name] = SettingSpec(**{
                **spec.__dict__, "key": prefix + f.name, "default": default,
                "group": spec.group or group})

    walk(Settings, "", "general")
    return out


def _plain_spec(name: str, default: Any) -> SettingSpec:
    kind = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
            else "float" if isinstance(default, float) else "list"
            if isinstance(default, (list, tuple)) else "text")
    return SettingSpec(kind=kind, zh="", en=name, optional=default is None, in_dialog=False)


SPECS: dict[str, SettingSpec] = _collect_specs()
"""Every setting by dotted key, in declaration order (the dialog's and the CLI's order)."""


def get_value(settings: Settings, key: str) -> Any:
    obj: Any = settings
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def set_value(settings: Settings, key: str, value: Any) -> None:
    """Set one setting after checking it against its spec (SettingValueError if not)."""
    spec = SPECS[key]
    value = spec.coerce(value)
    *parents, name = key.split(".")
    obj: Any = settings
    for part in parents:
        obj = getattr(obj, part)
    setattr(obj, name, value)


def changed_limits(settings: Settings) -> dict[str, tuple[Any, Any]]:
    """The regulation limits that differ from the regulation: key -> (value, regulation)."""
    return {k: (get_value(settings, k), s.default) for k, s in SPECS.items()
            if s.regulation and get_value(settings, k) != s.default}


# --- the station administrator's unlock of the regulation limits ----------------------

ADMIN_FILE_ENV = "VINCHECK_ADMIN_FILE"


def admin_file() -> Path:
    """The station administrator's file: ``VINCHECK_ADMIN_FILE`` or ``admin.json`` in the
    machine-wide config folder (``C:\\ProgramData\\vincheck`` on Windows,
    ``/etc/xdg/vincheck`` on Linux), which an operator's account cannot write."""
    env = os.environ.get(ADMIN_FILE_ENV)
    if env:
        return Path(env)
    from platformdirs import site_config_dir

    return Path(site_config_dir(APP_NAME, appauthor=False)) / "admin.json"


def regulation_unlocked() -> bool:
    """True when the administrator's file says ``{"unlock_regulation_limits": true}``."""
    try:
        data = json.loads(admin_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("unlock_regulation_limits") is True


# --- loading and saving ---------------------------------------------------------------

@dataclass
class SettingProblem:
    """One value of a settings file that was not taken: ``reason`` is "type", "range",
    "unknown" (no such setting), "locked" (a regulation limit while locked),
    "old_dialog" (a value the old settings dialog wrote by mistake) or "file" (the whole
    file could not be read)."""

    key: str
    reason: str
    value: Any = None
    detail: str = ""

    def text(self, lang: str = "zh_CN") -> str:
        zh = lang.startswith("zh")
        spec = SPECS.get(self.key)
        if self.reason == "file":
            return (f"设置文件无法读取（{self.detail}），全部设置已恢复为默认值" if zh else
                    f"the settings file cannot be read ({self.detail}); every setting is "
                    "back at its default")
        if self.reason == "unknown":
            return (f"未知设置项 {self.key} 已忽略" if zh else
                    f"unknown setting {self.key} ignored")
        assert spec is not None
        back = spec.show(spec.default, lang)
        if self.reason == "locked":
            return (f"{spec.zh} 是法规限值，未经站点管理员解锁不能更改，已恢复为 {back}" if zh
                    else f"{spec.en} is a regulation limit and is locked (ask the station "
                    f"administrator); put back to {back}")
        if self.reason == "old_dialog":
            return (f"{spec.zh}：{spec.show(self.value, lang)} 是旧版设置窗口误写的值，已恢复为 "
                    f"{back}" if zh else f"{spec.en}: {spec.show(self.value, lang)} was written "
                    f"by the old settings dialog by mistake; put back to {back}")
        why = SettingValueError(self.reason, spec, self.value).text(lang)
        return f"{why}，已恢复为 {back}" if zh else f"{why}; put back to {back}"


@dataclass
class SettingsLoad:
    """What :func:`load_settings_checked` found: the settings, what was reset and where
    the bad file was kept (None when the file was fine)."""

    settings: Settings
    problems: list[SettingProblem] = field(default_factory=list)
    kept_as: Path | None = None
    path: Path | None = None

    def message(self, lang: str = "zh_CN") -> str:
        """One paragraph for the user; empty when nothing was reset."""
        if not self.problems:
            return ""
        zh = lang.startswith("zh")
        items = ("；" if zh else "; ").join(p.text(lang) for p in self.problems)
        kept = ""
        if self.kept_as is not None:
            kept = (f"。原文件保存为 {self.kept_as}" if zh else
                    f". The old file is kept as {self.kept_as}")
        return (f"设置文件 {self.path} 中有无效内容：{items}{kept}。" if zh else
                f"Settings file {self.path} had values that could not be used: {items}{kept}.")


def settings_from_dict(d: dict[str, Any], *, unlocked: bool | None = None
                       ) -> tuple[Settings, list[SettingProblem]]:
    """Settings from a saved dict, checking every value against its spec; a value that
    does not fit keeps the default and is listed. Keys missing from ``d`` (an older
    file) simply take their defaults."""
    if unlocked is None:
        unlocked = regulation_unlocked()
    s = Settings()
    problems: list[SettingProblem] = []

    def flat(prefix: str, obj: dict[str, Any]) -> None:
        for k, v in obj.items():
            key = prefix + str(k)
            if isinstance(v, dict) and f"{key}." in {s_[:len(key) + 1] for s_ in SPECS}:
                flat(key + ".", v)
            elif key not in SPECS:
                problems.append(SettingProblem(key, "unknown", v))
            else:
                spec = SPECS[key]
                try:
                    value = spec.coerce(v)
                except SettingValueError as exc:
                    problems.append(SettingProblem(key, exc.reason, v))
                    continue
                if spec.regulation and not unlocked and value != spec.default:
                    problems.append(SettingProblem(key, "locked", v))
                    continue
                set_value(s, key, value)

    flat("", d)
    _undo_old_dialog(d, s, problems)
    return s, problems


# The settings dialog of vincheck 0.1 guessed each editor from the setting's name and, on
# OK, wrote plate_detect_side_px 640 -> 10, plate_min_contrast 30 -> 10 and
# min_sharpness_ratio 0.75 -> 0.8. The first is out of range; the other two are valid
# numbers, so they are put back only in a file that carries that dialog's mark.
OLD_DIALOG_VALUES = {"photo.plate_min_contrast": 10.0, "rubbing.min_sharpness_ratio": 0.8}


def _undo_old_dialog(d: dict[str, Any], s: Settings, problems: list[SettingProblem]) -> None:
    side = (d.get("photo") or {}).get("plate_detect_side_px") if isinstance(
        d.get("photo"), dict) else None
    if side != 10:
        return
    for key, bad in OLD_DIALOG_VALUES.items():
        if get_value(s, key) == bad:
            set_value(s, key, SPECS[key].default)
            problems.append(SettingProblem(key, "old_dialog", bad))


def config_dir() -> Path:
    """Directory for settings (``VINCHECK_CONFIG_DIR`` overrides, e.g. in tests)."""
    env = os.environ.get("VINCHECK_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Directory for records and kept copies (``VINCHECK_DATA_DIR`` overrides)."""
    env = os.environ.get("VINCHECK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings_checked(path: Path | None = None) -> SettingsLoad:
    """Read settings, keeping every valid value. When something had to be reset the file
    is copied to ``<name>.bad-<YYYYmmdd-HHMMSS>`` beside it and rewritten with the values
    in use, so the message is given once. A missing file gives the defaults."""
    path = Path(path) if path is not None else settings_path()
    if not path.exists():
        return SettingsLoad(Settings(), path=path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        settings, problems = Settings(), [SettingProblem("", "file", detail=str(exc))]
    else:
        settings, problems = settings_from_dict(data)
    load = SettingsLoad(settings, problems, path=path)
    if problems:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.name}.bad-{stamp}")
        try:
            kept.write_bytes(raw)
            save_settings(settings, path)
            load.kept_as = kept
        except OSError:
            load.kept_as = None
    return load


def load_settings(path: Path | None = None, *, report: bool = True) -> Settings:
    """Read settings (see :func:`load_settings_checked`); what was reset is printed to
    standard error (in English) unless ``report`` is False."""
    load = load_settings_checked(path)
    if load.problems and report:
        print(f"vincheck: warning: {load.message('en')}", file=sys.stderr)
    return load.settings


def settings_json(settings: Settings) -> str:
    """The text :func:`save_settings` writes (UTF-8, indented, declaration order)."""
    return json.dumps(settings.to_dict(), ensure_ascii=False, indent=2)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (write to a temporary file, then rename); a file that
    already holds exactly these settings is left untouched."""
    path = Path(path) if path is not None else settings_path()
    text = settings_json(settings)
    try:
        if path.exists() and load_settings_checked_quiet(path) == settings:
            return path
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_settings_checked_quiet(path: Path) -> Settings | None:
    """The settings a file holds when it holds them without any problem, else None."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return None
    s, problems = settings_from_dict(data, unlocked=True)
    return None if problems else s
