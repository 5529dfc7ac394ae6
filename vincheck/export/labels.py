"""The report's own words in Chinese and English, its verdict colours and its default file
name; :func:`report_chinese_text` lists every fixed Chinese text a report can hold."""

from __future__ import annotations

from datetime import datetime

from vincheck.findings import CaseResult

VERDICT_COLOUR = {"pass": "#00963c", "fail": "#dc0000", "review": "#f08c00"}

# The report's own words: key -> (Chinese, English). Rule names, sentences, advice and
# values with units come from the rule registry (vincheck.rules, vincheck.finding_text).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("车辆识别代号拓印膜及外观彩色相片检验报告",
              "VIN rubbing and exterior photo inspection report"),
    "case_id": ("案件编号", "Case ID"), "time": ("检验时间", "Inspection time"),
    "station": ("检验站", "Station"), "operator": ("操作员", "Operator"),
    "expected": ("应有车辆识别代号", "Expected VIN"), "read": ("识别出的代号", "VIN(s) read"),
    "kind": ("车辆类型", "Vehicle kind"), "colour": ("车身颜色", "Colour"),
    "verdict": ("结论：{v}", "Verdict: {v}"),
    "auto": ("自动判定：{a}；经操作员复核后：{d}", "Automatic verdict: {a}; after operator "
             "review: {d}"),
    "reasons": ("原因：{r}", "Reasons: {r}"),
    "advice": ("处理办法：{a}", "What to do: {a}"),
    "file_error": ("文件错误：{f}", "File error: {f}: {e}"),
    "limits": ("注意：本次检查使用了与法规不同的限值（{items}）。",
               "Note: this check used limits other than the regulation's ({items})."),
    "checklist": ("检查项目", "Checklist"),
    "col_rule": ("项目", "Rule"), "col_file": ("对象", "File"), "col_status": ("结果", "Status"),
    "col_measured": ("测量值", "Measured"), "col_limit": ("限值", "Limit"),
    "col_expl": ("说明与处理办法", "Explanation and what to do"),
    "case": ("案件", "case"),
    "decisions": ("操作员复核", "Operator decisions"),
    "col_decision": ("决定", "Decision"), "col_operator": ("操作员", "Operator"),
    "col_time": ("时间", "Time"), "col_note": ("备注", "Note"),
    "accepted": ("接受", "accepted"), "rejected": ("拒绝", "rejected"),
    "files": ("输入文件", "Input files"), "col_role": ("类型", "Role"),
    "col_name": ("文件", "File"), "col_size": ("大小（字节）", "Size (bytes)"),
    "rubbing": ("拓印膜", "rubbing"), "photo": ("相片", "photo"),
    "images": ("图像与证据", "Images and evidence"),
    "legend": ("红色 = 不通过，橙色 = 待核查，绿色 = 通过，蓝色 = 检测到的区域",
               "red = fail, orange = review, green = pass, blue = detected regions"),
    "sheet_title": ("拓印膜：{name}（第 {page} 页）", "Rubbing sheet: {name} (page {page})"),
    "photo_title": ("外观相片：{name}", "Photo: {name}"),
    "unavailable": ("图像文件不可用：{name}", "Image file not available: {name}"),
    "footer": ("生成于 {t} · 车辆识别代号 {vin} · 软件版本 {v}",
               "generated {t} · VIN {vin} · vincheck {v}"),
    "page": ("第 {n} 页", "page {n}"),
}


def report_chinese_text() -> str:
    """Every fixed Chinese text a report can hold (its labels, the rule registry, the
    finding sentences, setting names): a font made for the report must cover these."""
    from vincheck import rules
    from vincheck.finding_text.values import WORDS
    from vincheck.finding_text_zh import FINDING_ZH
    from vincheck.settings import SPECS

    parts = [zh for zh, _en in LABELS.values()]
    for r in rules.RULES.values():
        parts += [r.name[0], r.explain[0], r.advice[0], r.clause[0]]
    for table in (rules.STATUS, rules.VERDICT, rules.KINDS, rules.VIEWS, rules.UNITS,
                  rules.VALUE_KEYS, rules.VALUE_WORDS):
        parts += [v[0] for v in table.values()]
    parts += [rules.ADVICE_SCAN_PRINT[0], rules.ADVICE_RESCAN[0], rules.ADVICE_CHECK_BY_EYE[0]]
    parts += list(rules.LABEL_WORDS.values()) + list(rules.COLOURS)
    parts += list(FINDING_ZH.values()) + [s.zh for s in SPECS.values()]
    parts += [zh for zh, _en in WORDS]
    parts += ["是否无、，；：（）。"]
    return "".join(parts)


def label(key: str, lang: str = "zh_CN") -> str:
    return LABELS[key][0 if lang.startswith("zh") else 1]


def report_filename(result: CaseResult, when: datetime | None = None,
                    lang: str = "zh_CN") -> str:
    """Default name of a case's PDF: VIN, date and verdict, e.g.
    ``LSVAM4187C2184847_2026-12-07_合格.pdf`` (``..._PASS.pdf`` in English)."""
    from vincheck import rules

    vin = result.expected_vin or (result.vins_read[0] if result.vins_read else "")
    vin = "".join(c for c in (vin or "") if c.isalnum())
    vin = vin or ("无代号" if lang.startswith("zh") else "no-VIN")
    day = (when or datetime.now()).strftime("%Y-%m-%d")
    return f"{vin}_{day}_{rules.verdict_name(result.decided_verdict(), lang)}.pdf"
