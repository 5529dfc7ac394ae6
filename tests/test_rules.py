"""The rule registry (vincheck.rules): every reason code the core can report has its
clause, names and Chinese advice there; Chinese texts carry no English words besides codes,
units and VINs; the PDF in Chinese is Chinese and the one in English is English."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vincheck import rules
from vincheck.finding_text import explanation
from vincheck.findings import Finding, Status

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
VIN_RE = re.compile(r"\b(?=[A-Z]*[0-9])[A-Z0-9]{8,18}\b")  # VINs, also mistyped ones
# Latin words a Chinese text may hold: units, file formats, hash and OCR engine names,
# "UTC" of a time's offset ("2026-12-07 21:48:51 (UTC+08:00)", as GB/T 7408 writes it)
ALLOWED = {"mm", "px", "dpi", "DPI", "PNG", "JPEG", "TIFF", "BMP", "SHA", "RapidOCR",
           "Tesseract", "rapidocr", "tesseract", "glyph", "UTC"}


def latin_words(text: str) -> set[str]:
    """English words left after taking out VINs, codes (snake_case), file names and the
    allowed words."""
    text = VIN_RE.sub(" ", text)
    text = re.sub(r"\S+\.(png|jpg|jpeg|tif|tiff|pdf|bmp|json)\b", " ", text, flags=re.I)
    text = re.sub(r"\b[a-z]+(_[a-z0-9]+)+\b", " ", text)  # reason codes
    text = re.sub(r"\b[0-9a-f]{16,}\b", " ", text)  # hashes
    return set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED - set(rules.RULES)


def core_codes() -> set[str]:
    """Every reason code written as ``Finding("code", ...)`` in the core's source."""
    codes: set[str] = set()
    for path in (REPO / "vincheck").rglob("*.py"):
        if "gui" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                codes.add(node.args[0].value)
    return codes


def test_every_reason_code_of_the_core_is_in_the_registry_with_chinese_advice() -> None:
    codes = core_codes()
    assert len(codes) >= 25
    missing = codes - set(rules.RULES)
    assert not missing, f"codes without a rule: {missing}"
    for code, rule in rules.RULES.items():
        for zh, en in (rule.name, rule.explain, rule.advice, rule.clause):
            assert CJK.search(zh) or code in ("char_too_small", "check_digit"), (code, zh)
            assert en and not CJK.search(en), (code, en)
        assert CJK.search(rule.advice[0]), code
        assert not latin_words(rule.advice[0] + rule.name[0] + rule.explain[0]), code
    # the issue's own examples, word for word
    assert rules.advice("truncated") == "重新拓印，须完整拓印17位代号及两端起止符。"
    assert rules.advice("plate_visible") == "摘下号牌后重新拍照。"
    assert rules.advice("angle").startswith("从车前方左侧45°重新拍摄")
    digital = Finding("size", Status.SKIPPED, None, {"width": 88.0}, "mm", "digital file")
    assert rules.advice(digital) == "请扫描冲印的相片原件（300 dpi）以测量尺寸与圆角。"
    assert rules.advice(Finding("size", Status.PASS, {"width": 88.0}, None, "mm")) == ""


def test_values_carry_their_units_in_both_languages() -> None:
    assert rules.format_value(True, "", "zh_CN") == "是"
    assert rules.format_value(False, "", "en") == "no"
    assert rules.format_value(8.38, "ratio", "zh_CN") == "8.38"  # never "8.38 ratio"
    assert rules.format_value(0.5, "share of characters", "zh_CN") == "50%"
    assert rules.format_value(14, "characters", "zh_CN") == "14 个字符"
    assert rules.format_value(6.23, "mm", "en") == "6.23 mm"
    assert rules.format_value(47.0, "deg", "zh_CN") == "47°"
    assert rules.format_value(">= 1 sheet", "", "zh_CN") == "至少 1 份"
    assert rules.format_value({"width": 91.3, "height": 60.2}, "mm", "zh_CN") == \
        "宽 91.3，高 60.2 mm"


def _all_findings() -> list[Finding]:
    from tests.test_gui_finding_text import core_findings
    from vincheck.inspection import limit_findings
    from vincheck.settings import Settings

    s = Settings()
    s.photo.print_width_mm = 90.0
    extra = [Finding("expected_vin", Status.FAIL, "LSVAM4187C218484", "valid 17-character VIN"),
             Finding("missing_rubbing", Status.FAIL, 0, ">= 1 sheet"),
             Finding("missing_photo", Status.FAIL, 0, ">= 1 photo"),
             Finding("rubbing_count", Status.REVIEW, 1, 2),
             Finding("input_error", Status.FAIL, "bad.png", None, "", "cannot decode"),
             Finding("size", Status.SKIPPED, None, {"width": 88.0, "height": 60.0,
                                                    "tolerance": 0.5}, "mm", "digital file"),
             *limit_findings(s)]
    return [f for f, _ in core_findings()] + extra


def test_no_english_in_chinese_sentences_and_no_chinese_in_english() -> None:
    findings = _all_findings()
    assert {f.code for f in findings} >= set(rules.RULES)
    for f in findings:
        zh = " ".join([rules.name(f.code), explanation(f, "zh_CN"), rules.advice(f),
                       rules.format_value(f.measured, f.unit, "zh_CN"),
                       rules.format_value(f.limit, f.unit, "zh_CN"), rules.status_name(f.status)])
        assert not latin_words(zh), (f.code, zh, latin_words(zh))
        en = " ".join([rules.name(f.code, "en"), explanation(f, "en"), rules.advice(f, "en"),
                       rules.format_value(f.measured, f.unit, "en"),
                       rules.format_value(f.limit, f.unit, "en")])
        # plate numbers and colour codes the core read are data, not words
        data = {str(x) for x in (f.measured if isinstance(f.measured, list) else
                                  [f.measured, f.limit]) if isinstance(x, str)}
        left = en
        for d in data:
            left = left.replace(d, "")
        assert not CJK.search(left.replace("京A12345", "").replace("沪B54321", "")), \
            (f.code, en)


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


@needs_poppler
def test_chinese_pdf_is_chinese_with_advice_and_english_pdf_is_english(tmp_path: Path) -> None:
    from tests.test_store import VIN_A, make_result
    from vincheck.export import write_case_pdf
    from vincheck.settings import Settings

    res = make_result(VIN_A, status=Status.FAIL)
    res.photos[0].findings.extend(f for f in _all_findings() if f.code != "custom_limits")
    res.findings.extend(f for f in _all_findings() if f.code == "custom_limits")
    settings = Settings(station="第一检验站", operator="张三")
    zh_pdf = write_case_pdf(res, None, tmp_path / "zh.pdf", settings=settings)
    text = subprocess.run(["pdftotext", str(zh_pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "摘下号牌后重新拍照" in text.replace("\n", "")
    assert "请扫描冲印的相片原件（300 dpi）以测量尺寸与圆角" in text.replace("\n", "")
    assert "本次检查使用了与法规不同的限值" in text.replace("\n", "")
    # a VIN may wrap inside its table cell: take out the pieces of every VIN in the text
    vins = set(VIN_RE.findall(text.replace("\n", "")))
    lines = text.splitlines()
    for vin in vins:
        pieces = sorted({vin[i:j] for i in range(17) for j in range(i + 4, 18)}, key=len,
                        reverse=True)
        lines = [ln.replace(vin, " ") if vin in ln else next(
            (ln.replace(p, " ") for p in pieces if ln.strip().startswith(p)
             or ln.strip().endswith(p)), ln) for ln in lines]
    bad = {ln: latin_words(ln) for ln in lines if latin_words(ln)}
    assert not bad, bad
    en_pdf = write_case_pdf(res, None, tmp_path / "en.pdf", lang="en",
                            settings=Settings(station="Station 1", operator="Li"))
    text = subprocess.run(["pdftotext", str(en_pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Remove the number plates and take the photo again." in text.replace("\n", " ")
    cjk = [ln for ln in text.splitlines() if CJK.search(ln)
           and not re.search("京A12345|沪B54321", ln)]
    assert not cjk, cjk


def test_report_file_name_carries_vin_date_and_verdict() -> None:
    from datetime import datetime

    from tests.test_store import VIN_A, make_result
    from vincheck.export import report_filename

    res = make_result(VIN_A, status=Status.FAIL)
    when = datetime(2026, 12, 7, 9, 30)
    assert report_filename(res, when) == f"{VIN_A}_2026-12-07_不合格.pdf"
    assert report_filename(res, when, lang="en") == f"{VIN_A}_2026-12-07_FAIL.pdf"


def test_a_share_reads_as_percent() -> None:
    fill = Finding("fill_ratio", Status.FAIL, 0.381, [0.55, 0.8], "ratio")
    assert rules.format_value(fill.measured, rules.unit_of(fill), "zh_CN") == "38%"
    assert rules.format_value(fill.limit, rules.unit_of(fill), "zh_CN") == "55%、80%"
    aspect = Finding("aspect", Status.PASS, 1.4667, None, "ratio")
    assert rules.format_value(aspect.measured, rules.unit_of(aspect), "en") == "1.47"


def test_evidence_labels_of_the_chinese_report_are_chinese() -> None:
    assert rules.label_text("vehicle 0.38 (segmentation)") == "车辆 0.38 (分割)"
    assert rules.label_text("front-left") == "左前"
    assert rules.label_text("京A12345 0.88") == "京A12345 0.88"
    assert rules.label_text("vehicle 0.38", "en") == "vehicle 0.38"
    from vincheck.gui.shape_labels import WORDS  # the window's words are all known here

    assert set(WORDS) <= set(rules.LABEL_WORDS)


def test_cli_text_in_chinese_comes_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_store import VIN_A, make_result
    from vincheck.cli.cmd_check import print_summary_zh

    res = make_result(VIN_A, status=Status.FAIL)
    res.photos[0].findings.append(Finding("plate_visible", Status.FAIL, 1, 0))
    print_summary_zh(res)
    out = capsys.readouterr().out
    assert "结论：不合格" in out and "处理办法：摘下号牌后重新拍照。" in out
    assert not latin_words(out), latin_words(out)


def test_every_chinese_character_of_the_report_is_in_gb2312() -> None:
    """A font holding GB 2312 (as the report's shipped font does) covers the report."""
    from vincheck.export import report_chinese_text

    text = report_chinese_text()
    assert "摘下号牌后重新拍照" in text and "处理办法" in text
    outside = {ch for ch in text if CJK.match(ch) and not _in_gb2312(ch)}
    assert not outside, outside


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
