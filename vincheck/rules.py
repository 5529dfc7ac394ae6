"""The rule registry: per reason code its annex clause, Chinese and English name, the plain
explanation of a result that did not pass, the advice (what to do next), its unit and its
place in the checklist — and the formatting of measured values and limits with units.

The window's checklist and banner, the PDF report and the CLI's text all take their
words from here (sentences with the measured values are built in
:mod:`vincheck.finding_text`). No Qt: the language is passed as "zh_CN" or "en".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from vincheck.findings import Finding, Status
from vincheck.value_words import (  # re-exported: callers use them as rules.<name>
    COLOURS,
    KINDS,
    LABEL_WORDS,
    PERCENT_UNITS,
    STATUS,
    UNITS,
    VALUE_KEYS,
    VALUE_WORDS,
    VERDICT,
    VIEWS,
    colour_name,
    format_value,
    is_zh,
    kind_name,
    status_name,
    verdict_name,
    view_name,
)


@dataclass(frozen=True)
class Rule:
    """One reason code. Texts are (Chinese, English) pairs."""

    code: str
    group: str  # "case" | "rubbing" | "photo"
    clause: tuple[str, str]
    name: tuple[str, str]
    explain: tuple[str, str]  # what a result that did not pass means
    advice: tuple[str, str]  # what the operator should do next
    unit: str = ""
    order: int = 0


CASE = ("案件资料", "case papers")
A1 = ("附件1 机动车外部彩色相片", "Annex 1, exterior colour photo")
A2 = ("附件2 车辆识别代号拓印膜", "Annex 2, VIN rubbing")
GB = ("GB 16735 车辆识别代号", "GB 16735, vehicle identification number")

_RULES: list[Rule] = [
    # --- case ---------------------------------------------------------------------------
    Rule("expected_vin", "case", CASE, ("应有车辆识别代号有效", "Expected VIN is valid"),
         ("填写的应有车辆识别代号无效。", "The VIN typed as expected is not a valid VIN."),
         ("核对合格证上的车辆识别代号后重新输入。",
          "Check the VIN on the certificate and type it again.")),
    Rule("missing_rubbing", "case", CASE, ("有拓印膜", "A rubbing sheet is present"),
         ("未提供车辆识别代号拓印膜。", "No VIN rubbing sheet was given."),
         ("添加车辆识别代号拓印膜的扫描件。", "Add the scan of the VIN rubbing sheet.")),
    Rule("missing_photo", "case", CASE, ("有外部相片", "An exterior photo is present"),
         ("未提供机动车外部彩色相片。", "No exterior photo was given."),
         ("添加机动车外部彩色相片的扫描件。", "Add the scan of the exterior colour photo.")),
    Rule("rubbing_count", "case", A2, ("两份拓印", "Two rubbings"),
         ("规定要求两份车辆识别代号拓印膜。", "The rules call for two VIN rubbings."),
         ("按规定提供两份拓印膜。", "Provide two rubbings as the rules require.")),
    Rule("copies_differ", "case", A2, ("各拓印代号一致", "All rubbings read the same VIN"),
         ("各拓印识别出的代号不一致。", "The rubbings read different VINs."),
         ("逐份核对拓印，重新拓印与车架代号不一致的一份。",
          "Compare the rubbings and make again the one that differs from the frame.")),
    Rule("vin_mismatch", "case", A2, ("代号与资料一致", "VIN matches the papers"),
         ("识别出的代号与应有代号不一致。", "The VIN read differs from the expected VIN."),
         ("对照拓印逐字核对；代号确与合格证不符时不予受理。",
          "Compare the rubbing with the papers character by character; refuse the case if "
          "they really differ.")),
    Rule("input_error", "case", CASE, ("文件可读取", "File could be read"),
         ("案件中有文件无法读取。", "A file of the case could not be read."),
         ("重新扫描，或导出为 PNG、JPEG、TIFF 或 BMP 文件后替换该文件。",
          "Rescan it or export it as PNG, JPEG, TIFF or BMP and replace the file.")),
    Rule("custom_limits", "case", CASE, ("使用法规限值", "Regulation limits used"),
         ("本次检查使用了与法规不同的限值。", "This check used limits other than the "
          "regulation's."),
         ("由站点管理员确认所用限值；按法规限值重新检查前不得作为合格依据。",
          "The station administrator must confirm the limits; do not rely on the result "
          "before checking again with the regulation's limits.")),
    # --- Annex 2: rubbing -----------------------------------------------------------------
    Rule("no_rubbing", "rubbing", A2, ("找到拓印", "A rubbing strip is found"),
         ("底纸上未找到拓印。", "No rubbing strip was found on the sheet."),
         ("重新扫描拓印膜，拓印须完整位于扫描范围内。",
          "Scan the sheet again with the whole rubbing inside the scanned area."),
         unit="strips"),
    Rule("unreadable", "rubbing", A2, ("代号识别可靠", "VIN read with confidence"),
         ("部分字符识别不确定。", "Some characters are uncertain."),
         ("对照拓印逐字目视核对；拓印模糊、污损时重新拓印。",
          "Compare each character with the rubbing by eye; make a new rubbing if it is "
          "faint or smudged.")),
    Rule("truncated", "rubbing", A2, ("17 位代号完整", "Complete 17-character VIN"),
         ("拓印上不足 17 个字符：拓印不完整。",
          "Fewer than 17 characters are on the tape: the rubbing is cut off."),
         ("重新拓印，须完整拓印17位代号及两端起止符。",
          "Make a new rubbing covering all 17 characters and the symbols at both ends."),
         unit="characters"),
    Rule("check_digit", "rubbing", GB, ("校验位（第 9 位）", "Check digit (position 9)"),
         ("校验位与其他字符不符。", "The check digit does not match the other characters."),
         ("对照拓印和车架逐字核对；确属校验位错误时不予受理并告知车辆生产企业。",
          "Compare each character with the rubbing and the frame; if the check digit is "
          "really wrong, refuse the case and inform the manufacturer.")),
    Rule("missing_start_symbol", "rubbing", A2, ("代号前有起始符", "Start symbol before the VIN"),
         ("首字符前未找到起始符。", "No start symbol was found before the first character."),
         ("重新拓印，须包含代号前的起始符。",
          "Make a new rubbing that includes the start symbol before the VIN.")),
    Rule("missing_end_symbol", "rubbing", A2, ("代号后有终止符", "Stop symbol after the VIN"),
         ("末字符后未找到终止符。", "No stop symbol was found after the last character."),
         ("重新拓印，须包含代号后的终止符。",
          "Make a new rubbing that includes the stop symbol after the VIN.")),
    Rule("deformed", "rubbing", A2, ("无变形", "No deformation"),
         ("字符大小、间距或倾斜不一致：拓印膜被拉伸或错切。",
          "Character sizes, spacing or slant vary: the tape was stretched or sheared."),
         ("重新拓印，拓印膜须贴平，不得拉伸或错动。",
          "Make a new rubbing with the tape laid flat, neither stretched nor shifted.")),
    Rule("char_too_small", "rubbing", GB, ("字高", "Character height"),
         ("字符高度低于最小值。", "The characters are smaller than the minimum height."),
         ("核对扫描分辨率；字高确实不足时人工查验车架上的打刻代号。",
          "Check the scan resolution; if the characters really are too small, inspect the "
          "stamping on the frame."), unit="mm"),
    Rule("shifted", "rubbing", A2, ("无移位、无重影", "No shift or doubled impression"),
         ("可见错位的第二道印痕或涂抹。", "A second, shifted impression or a smear is "
          "visible."),
         ("重新拓印，一次拓成，拓印时拓印膜不得移动。",
          "Make a new rubbing in one pass without moving the tape.")),
    Rule("dpi", "rubbing", A2, ("扫描分辨率已知", "Scan resolution known"),
         ("扫描分辨率未知，无法以毫米测量尺寸。",
          "The scan resolution is unknown, so sizes in mm cannot be measured."),
         ("在案件面板填写扫描分辨率（DPI），或在设置中设定默认值后重新检查。",
          "Enter the scan DPI in the case panel or set a default in Settings, then check "
          "again."), unit="dpi"),
    Rule("ocr_engine", "rubbing", A2, ("文字识别引擎", "OCR engines"),
         ("部分文字识别引擎不可用。", "Not every OCR engine was available."),
         ("安装缺失的文字识别引擎后重新检查。", "Install the missing OCR engine and check "
          "again.")),
    # --- Annex 1: photo -------------------------------------------------------------------
    Rule("size", "photo", A1, ("相片尺寸 88 × 60 mm", "Print size 88 × 60 mm"),
         ("相片尺寸不在 88 × 60 mm 的允差范围内。",
          "The print is not 88 × 60 mm within the tolerance."),
         ("按 88 mm × 60 mm 规格重新冲印相片。", "Have the photo printed again at "
          "88 mm × 60 mm."), unit="mm"),
    Rule("corner_radius", "photo", A1, ("圆角半径 4 mm", "Corner radius 4 mm"),
         ("圆角半径不在 4 mm 的允差范围内。",
          "The rounded corners are not 4 mm within the tolerance."),
         ("按半径 4 mm 的圆角重新冲印相片。", "Have the photo printed again with 4 mm "
          "rounded corners."), unit="mm"),
    Rule("aspect", "photo", A1, ("画面比例 88:60", "Picture proportions 88:60"),
         ("画面比例不是 88:60。", "The picture does not have the 88:60 proportions."),
         ("按 88:60 的比例重新冲印相片。", "Have the photo printed again at 88:60.")),
    Rule("plate_visible", "photo", A1, ("未悬挂号牌", "No number plate mounted"),
         ("车辆上可见号牌。", "A number plate is visible on the vehicle."),
         ("摘下号牌后重新拍照。", "Remove the number plates and take the photo again.")),
    Rule("fill_ratio", "photo", A1, ("车辆影像占相片三分之二", "Vehicle fills two thirds"),
         ("车辆影像未占相片约三分之二。",
          "The vehicle does not fill about two thirds of the photo."),
         ("调整拍摄距离，使车辆约占画面三分之二后重新拍照。",
          "Move closer or further so the vehicle fills about two thirds, then take the "
          "photo again."), unit="share"),
    Rule("vehicle_cut_off", "photo", A1, ("车辆完整入镜", "Whole vehicle in the picture"),
         ("车辆在画面边缘被截断。", "The vehicle is cut off at the edge of the picture."),
         ("后退或调整取景，使整车完整入镜后重新拍照。",
          "Step back or reframe so the whole vehicle is in the picture, then take it again.")),
    Rule("angle", "photo", A1, ("按规定方向 45° 拍摄", "Taken from the required side at 45°"),
         ("拍摄方向或角度不符合规定。",
          "The vehicle is not seen from the required side and angle."),
         ("从车前方左侧45°重新拍摄（挂车从车后方左侧45°）。",
          "Take the photo again from 45° at the front left (a trailer: rear left)."),
         unit="deg"),
    Rule("blurry", "photo", A1, ("画面清晰", "Sharp picture"),
         ("相片模糊。", "The photo is blurred."),
         ("对准焦点、保持相机稳定后重新拍照。", "Focus, hold the camera still and take the "
          "photo again."), unit="px"),
    Rule("exposure", "photo", A1, ("曝光正常", "Well exposed"),
         ("相片过暗或过亮。", "The photo is too dark or too bright."),
         ("在光线均匀处重新拍照，避免过暗或过亮。",
          "Take the photo again in even light, neither too dark nor too bright.")),
    Rule("color_mismatch", "photo", A1, ("车身颜色一致", "Body colour matches"),
         ("车身颜色与资料上的颜色不一致。",
          "The body colour differs from the colour on the papers."),
         ("目视核对车身颜色与合格证；确不一致时按规定办理变更。",
          "Compare the body colour with the certificate by eye; if it really differs, "
          "the change must be registered.")),
]

RULES: dict[str, Rule] = {}
for _i, _r in enumerate(_RULES):
    RULES[_r.code] = Rule(**{**_r.__dict__, "order": _i})

# Advice for a finding that was not measured on a digital file: print size and corners
# need the print itself.
ADVICE_SCAN_PRINT = ("请扫描冲印的相片原件（300 dpi）以测量尺寸与圆角。",
                     "Scan the printed photo itself (300 dpi) so its size and corners can "
                     "be measured.")
ADVICE_RESCAN = ("以 300 dpi 重新扫描相片原件，相片四周须留出扫描仪底板。",
                 "Scan the print again at 300 dpi with the scanner bed showing all around it.")
ADVICE_CHECK_BY_EYE = ("请人工核查。", "A person must check this.")


def rule(code: str) -> Rule | None:
    return RULES.get(code)


def name(code: str, lang: str | None = "zh_CN") -> str:
    """The rule's short name; an unknown code is shown as the code itself."""
    r = RULES.get(code)
    if r is None:
        return code
    return r.name[0 if is_zh(lang) else 1]


def clause(code: str, lang: str | None = "zh_CN") -> str:
    r = RULES.get(code)
    return "" if r is None else r.clause[0 if is_zh(lang) else 1]


def explanation(code: str, lang: str | None = "zh_CN") -> str:
    r = RULES.get(code)
    if r is None:
        return ADVICE_CHECK_BY_EYE[0 if is_zh(lang) else 1]
    return r.explain[0 if is_zh(lang) else 1]


def advice(finding: Finding | str, lang: str | None = "zh_CN") -> str:
    """What to do next about a finding that did not pass ("" for a passed one)."""
    i = 0 if is_zh(lang) else 1
    if isinstance(finding, str):
        r = RULES.get(finding)
        return r.advice[i] if r else ADVICE_CHECK_BY_EYE[i]
    if finding.status is Status.PASS:
        return ""
    if finding.code in ("size", "corner_radius") and finding.measured is None:
        return (ADVICE_SCAN_PRINT if finding.status is Status.SKIPPED else ADVICE_RESCAN)[i]
    r = RULES.get(finding.code)
    return r.advice[i] if r else ADVICE_CHECK_BY_EYE[i]


def case_advice(result: Any, lang: str | None = "zh_CN", limit: int | None = None
                ) -> list[str]:
    """What to do next about a case result: the advice of its failures first, then of
    the findings to review, each once (at most ``limit``); an item the operator accepted
    needs nothing more (:meth:`vincheck.findings.CaseResult.open_findings`)."""
    out: list[str] = []
    findings = result.open_findings()
    for status in (Status.FAIL, Status.REVIEW, Status.SKIPPED):
        for f in findings:
            a = advice(f, lang) if f.status is status else ""
            if a and a not in out:
                out.append(a)
    return out if limit is None else out[:limit]


def unit_of(finding: Finding) -> str:
    """The unit a finding's values are shown in: the rule's own ("share": percent) where
    it has one for the core's plain "ratio", else the finding's."""
    r = RULES.get(finding.code)
    if r is not None and r.unit == "share" and finding.unit in ("ratio", ""):
        return "share"
    return finding.unit


def order(code: str) -> int:
    r = RULES.get(code)
    return r.order if r else len(RULES)


def label_text(text: str, lang: str | None = "zh_CN") -> str:
    """An evidence label in the language: known words translated, numbers, VINs and
    plate texts as they are; a reason code used as a label reads as its rule's name."""
    if not text or not is_zh(lang):
        return text
    if text in RULES:
        return RULES[text].name[0]
    return _LABEL_RE.sub(lambda m: LABEL_WORDS[m.group(1)], text)


_LABEL_RE = re.compile(r"(?<![A-Za-z_])(" + "|".join(
    re.escape(w) for w in sorted(LABEL_WORDS, key=len, reverse=True)) + r")(?![A-Za-z_-])")

__all__ = [
    "ADVICE_CHECK_BY_EYE", "ADVICE_RESCAN", "ADVICE_SCAN_PRINT", "CASE", "COLOURS", "GB",
    "KINDS", "LABEL_WORDS", "PERCENT_UNITS", "RULES", "STATUS", "UNITS", "VALUE_KEYS",
    "VALUE_WORDS", "VERDICT", "VIEWS", "Rule", "advice", "case_advice", "clause",
    "colour_name", "explanation", "format_value", "kind_name", "label_text", "name", "order",
    "rule", "status_name", "unit_of", "verdict_name", "view_name",
]
