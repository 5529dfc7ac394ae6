"""Reports: a printable A4 PDF of one case, and CSV / JSON exports of records.

PDF (reportlab): bilingual labels (Chinese first, English beside), the verdict, station,
operator and time, the checklist of every finding (rule, status, measured, limit,
explanation), the operator decisions, the input files with size and SHA-256, and every
image with its evidence drawn (:mod:`vincheck.render`). Chinese text uses an embedded
TrueType CJK font (WenQuanYi Zen Hei, ``fonts-wqy-zenhei``; reportlab cannot embed the
CFF-based Noto CJK collection); without one it falls back to reportlab's built-in CID
font ``STSong-Light`` (not embedded: viewers substitute a system Song font).

CSV (UTF-8 with BOM so spreadsheet programs show Chinese) holds one summary row per case;
JSON holds summaries or full records. Both read back with :func:`import_csv` /
:func:`import_json`.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from vincheck import __version__
from vincheck.csv_cells import SafeDictWriter, cell_in, cell_out
from vincheck.errors import InputFileError, UsageError, VincheckError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import CaseRecord, CaseSummary, hash_file, iter_findings, now_iso

CJK_TTF_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
CID_FALLBACK = "STSong-Light"

VERDICT_TEXT = {"pass": "合格 PASS", "fail": "不合格 FAIL", "review": "需人工复核 REVIEW"}
STATUS_TEXT = {"pass": "通过 pass", "fail": "不通过 fail", "review": "待复核 review",
               "skipped": "未测 skipped"}
VERDICT_COLOUR = {"pass": "#00963c", "fail": "#dc0000", "review": "#f08c00"}

# Chinese names of rule codes; unknown codes are shown as the code alone.
RULE_NAMES_ZH: dict[str, str] = {
    # case
    "expected_vin": "预期VIN有效",
    "missing_rubbing": "缺少拓印膜",
    "missing_photo": "缺少外观相片",
    "rubbing_count": "拓印膜数量(2份)",
    "copies_differ": "各拓印VIN一致",
    "vin_mismatch": "VIN与合格证一致",
    "input_error": "文件无法读取",
    "ocr_engine": "识别引擎",
    # Annex 2: rubbing
    "no_rubbing": "未找到拓印",
    "unreadable": "拓印无法识读",
    "truncated": "17位VIN完整",
    "check_digit": "VIN校验位",
    "missing_start_symbol": "起始符",
    "missing_end_symbol": "终止符",
    "deformed": "无变形",
    "shifted": "无移位",
    "char_too_small": "字高",
    "dpi": "扫描分辨率",
    # Annex 1: photo
    "size": "相片尺寸88×60mm",
    "corner_radius": "圆角半径4mm",
    "aspect": "相片长宽比",
    "angle": "拍摄角度(左前/左后45°)",
    "plate_visible": "未悬挂号牌",
    "fill_ratio": "车辆占相片三分之二",
    "vehicle_cut_off": "车辆完整",
    "blurry": "清晰度",
    "exposure": "曝光",
    "color_mismatch": "车身颜色",
}

KIND_TEXT = {"car": "汽车 car", "trailer": "挂车 trailer"}

SUMMARY_FIELDS = ("id", "time", "expected_vin", "vins_read", "kind", "color", "verdict",
                  "decided_verdict", "reasons", "station", "operator", "n_files", "source")


# --- CSV / JSON -------------------------------------------------------------------------

def _summary_of(item: CaseSummary | CaseRecord) -> CaseSummary:
    return item.summary if isinstance(item, CaseRecord) else item


# A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection);
# the same writer serves ``batch --out`` (:mod:`vincheck.csv_cells`).
_cell_out, _cell_in = cell_out, cell_in


def export_csv(items: list[CaseSummary] | list[CaseRecord], path: str | Path) -> Path:
    """One row per case (columns :data:`SUMMARY_FIELDS`; lists joined by ``;``), UTF-8
    with BOM; a text cell that a spreadsheet would run as a formula gets a leading
    apostrophe. Returns the path written."""
    p = Path(path)
    buf = io.StringIO()
    w = SafeDictWriter(buf, SUMMARY_FIELDS)
    w.writeheader()
    for item in items:
        s = _summary_of(item)
        row = s.to_dict()
        row["vins_read"] = ";".join(s.vins_read)
        row["reasons"] = ";".join(s.reasons)
        row["expected_vin"] = s.expected_vin or ""
        row["color"] = s.color or ""
        w.writerow(row)
    _write_text(p, buf.getvalue(), encoding="utf-8-sig")
    return p


def import_csv(path: str | Path) -> list[CaseSummary]:
    """Read back a CSV written by :func:`export_csv`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read the CSV export ({exc})", str(p)) from exc
    out: list[CaseSummary] = []
    try:
        for raw in csv.DictReader(io.StringIO(text)):
            row = {k: _cell_in(v) for k, v in raw.items()}
            d: dict[str, Any] = dict(row)
            d["vins_read"] = [v for v in (row.get("vins_read") or "").split(";") if v]
            d["reasons"] = [v for v in (row.get("reasons") or "").split(";") if v]
            out.append(CaseSummary.from_dict(d))
    except (KeyError, ValueError, TypeError) as exc:
        raise InputFileError(f"not a vincheck CSV export ({exc})", str(p)) from exc
    return out


def export_json(items: list[CaseSummary] | list[CaseRecord], path: str | Path) -> Path:
    """``{"format": "vincheck-records", "version": 1, "kind": "summaries"|"records",
    "records": [...]}``; full records include input, result, files and batch key."""
    p = Path(path)
    kind = "records" if items and isinstance(items[0], CaseRecord) else "summaries"
    doc = {"format": "vincheck-records", "version": 1, "exported_at": now_iso(),
           "app_version": __version__, "kind": kind,
           "records": [i.to_dict() for i in items]}
    _write_text(p, json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


def import_json(path: str | Path) -> list[CaseSummary] | list[CaseRecord]:
    """Read back a JSON export: CaseRecords for full records, else CaseSummaries."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputFileError(f"cannot read the JSON export ({exc})", str(p)) from exc
    if not isinstance(doc, dict) or doc.get("format") != "vincheck-records":
        raise InputFileError("not a vincheck records export", str(p))
    try:
        if doc.get("kind") == "records":
            return [CaseRecord.from_dict(r) for r in doc.get("records", [])]
        return [CaseSummary.from_dict(r) for r in doc.get("records", [])]
    except (KeyError, ValueError, TypeError) as exc:
        raise InputFileError(f"damaged vincheck records export ({exc})", str(p)) from exc


def _write_text(p: Path, text: str, encoding: str) -> None:
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding=encoding, newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {p}: {exc.strerror or exc}") from exc


# --- PDF --------------------------------------------------------------------------------

def register_cjk_font() -> tuple[str, bool]:
    """Register a CJK font with reportlab; returns (font name, embedded?)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if "VincheckCJK" in pdfmetrics.getRegisteredFontNames():
        return "VincheckCJK", True
    for path, index in CJK_TTF_CANDIDATES:
        if not Path(path).exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont("VincheckCJK", path, subfontIndex=index))
            return "VincheckCJK", True
        except (TTFError, OSError):
            continue
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK, False


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_fmt(x) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items())
    return str(v)


def rule_label(code: str) -> str:
    zh = RULE_NAMES_ZH.get(code)
    return f"{zh} {code}" if zh else code


def _default_meta(case_input: CaseInput | None, settings: Settings) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    if case_input is not None:
        for role, paths in (("rubbing", case_input.rubbing_files),
                            ("photo", case_input.photo_files)):
            for f in paths:
                try:
                    size, sha = hash_file(f)
                except OSError:
                    size, sha = None, ""
                files.append({"role": role, "name": Path(f).name, "path": str(f),
                              "size": size, "sha256": sha})
    return {"id": None, "time": now_iso(), "station": settings.station,
            "operator": settings.operator, "files": files}


def write_case_pdf(result: CaseResult, case_input: CaseInput | None, path: str | Path, *,
                   settings: Settings | None = None,
                   meta: dict[str, Any] | None = None) -> Path:
    """Write a printable A4 report of one case; returns the path.

    ``meta`` is :meth:`vincheck.store.Store.get_case`'s third item (id, time, station,
    operator, files with hashes); without it the time is now, station/operator come from
    the settings and the input files are hashed here. Images that can no longer be read
    are listed as unavailable instead of drawn.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    settings = settings or Settings()
    meta = {**_default_meta(case_input if meta is None else None, settings), **(meta or {})}
    font, _embedded = register_cjk_font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
    mono = ParagraphStyle("mono", parent=small, fontName="Courier", fontSize=6.5, leading=8)
    h1 = ParagraphStyle("h1", parent=base, fontSize=15, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontSize=11.5, leading=16, spaceBefore=8,
                        spaceAfter=3)

    def P(text: Any, style: ParagraphStyle = base) -> Paragraph:  # noqa: N802
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    grid = TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])
    story: list[Any] = []
    story.append(P("车辆识别代号拓印膜及外观彩色相片检验报告", h1))
    story.append(P("VIN rubbing and exterior photo inspection report", base))
    story.append(Spacer(1, 4 * mm))

    verdict = str(result.verdict)
    decided = str(result.decided_verdict())
    vins = ", ".join(result.vins_read) or "—"
    info = [
        ("案例编号 Case ID", meta.get("id") if meta.get("id") is not None else "—"),
        ("检验时间 Time", meta.get("time") or "—"),
        ("检验站 Station", meta.get("station") or "—"),
        ("操作员 Operator", meta.get("operator") or "—"),
        ("预期VIN Expected VIN", result.expected_vin or "—"),
        ("识别VIN VIN(s) read", vins),
        ("车辆类型 Vehicle kind", KIND_TEXT.get(result.kind, result.kind)),
        ("车身颜色 Colour", result.color or "—"),
    ]
    t = Table([[P(k), P(v)] for k, v in info], colWidths=[45 * mm, 135 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3"))]))
    story.append(t)
    story.append(Spacer(1, 3 * mm))
    vstyle = ParagraphStyle("verdict", parent=base, fontSize=16, leading=22,
                            textColor=colors.HexColor(VERDICT_COLOUR.get(decided, "#000000")))
    story.append(P(f"结论 Verdict: {VERDICT_TEXT.get(decided, decided)}", vstyle))
    if decided != verdict:
        story.append(P(f"自动判定 Automatic verdict: {VERDICT_TEXT.get(verdict, verdict)}; "
                       "经操作员复核后 after operator review: "
                       f"{VERDICT_TEXT.get(decided, decided)}"))
    if result.reasons:
        story.append(P("原因 Reasons: " + ", ".join(rule_label(c) for c in result.reasons)))
    for e in result.errors:
        story.append(P(f"文件错误 File error: {e.get('file', '')}: {e.get('error', '')}"))

    # Checklist
    story.append(P("检查项目 Checklist", h2))
    rows = [[P(x, small) for x in ("项目 Rule", "对象 File", "状态 Status", "测量值 Measured",
                                   "限值 Limit", "说明 Explanation")]]
    status_cells: list[tuple[int, str]] = []
    for file, target, f in iter_findings(result):
        where = target if file else "案例 case"
        unit = f" {f.unit}" if f.unit else ""
        rows.append([P(rule_label(f.code), small), P(where, small),
                     P(STATUS_TEXT.get(str(f.status), str(f.status)), small),
                     P(_fmt(f.measured) + (unit if f.measured is not None else ""), small),
                     P(_fmt(f.limit) + (unit if f.limit is not None else ""), small),
                     P(f.message, small)])
        status_cells.append((len(rows) - 1, str(f.status)))
    if len(rows) == 1:
        rows.append([P("—", small)] * 6)
    ct = Table(rows, colWidths=[32 * mm, 30 * mm, 18 * mm, 28 * mm, 24 * mm, 48 * mm],
               repeatRows=1)
    style = TableStyle(list(grid.getCommands()))
    for r, st in status_cells:
        colour = VERDICT_COLOUR.get("review" if st == "skipped" else st, "#000000")
        style.add("TEXTCOLOR", (2, r), (2, r), colors.HexColor(colour))
    ct.setStyle(style)
    story.append(ct)

    if result.decisions:
        story.append(P("操作员复核 Operator decisions", h2))
        drows = [[P(x, small) for x in ("项目 Rule", "决定 Decision", "操作员 Operator",
                                        "时间 Time", "备注 Note")]]
        for d in result.decisions:
            on = f" ({Path(d.target).name})" if d.target and d.target != "case" else ""
            drows.append([P(rule_label(d.code) + on, small),
                          P("接受 accepted" if d.accepted else "拒绝 rejected", small),
                          P(d.operator, small), P(d.time, small), P(d.note, small)])
        dt = Table(drows, colWidths=[40 * mm, 25 * mm, 25 * mm, 35 * mm, 55 * mm])
        dt.setStyle(grid)
        story.append(dt)

    files = meta.get("files") or []
    if files:
        story.append(P("输入文件 Input files", h2))
        frows = [[P(x, small) for x in ("类型 Role", "文件 File", "大小 Size (bytes)",
                                        "SHA-256")]]
        for f in files:
            role = {"rubbing": "拓印 rubbing", "photo": "相片 photo"}.get(f.get("role", ""),
                                                                         f.get("role", ""))
            frows.append([P(role, small), P(f.get("name", ""), small),
                          P(_fmt(f.get("size")), small), P(f.get("sha256") or "—", mono)])
        ft = Table(frows, colWidths=[22 * mm, 50 * mm, 22 * mm, 86 * mm])
        ft.setStyle(grid)
        story.append(ft)

    images = _evidence_images(result, case_input, meta)
    if images:
        story.append(PageBreak())
        story.append(P("图像与证据 Images and evidence", h2))
        story.append(P("红色 red = 不通过 fail, 橙色 orange = 待复核 review, 绿色 green = "
                       "通过 pass, 蓝色 blue = 检测到的区域 detected regions", small))
        for title, flow in images:
            story.append(KeepTogether([P(title, base), Spacer(1, 1 * mm), flow,
                                       Spacer(1, 4 * mm)]))

    generated = datetime.now().astimezone().isoformat(timespec="seconds")

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.drawString(15 * mm, 8 * mm, f"vincheck {__version__} · 生成 generated "
                          f"{generated} · VIN {result.expected_vin or vins}")
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"第 {doc.page} 页 page {doc.page}")
        canvas.restoreState()

    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        doc = SimpleDocTemplate(str(p), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm,
                                title=f"vincheck report {result.expected_vin or vins}",
                                author="vincheck")
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    except OSError as exc:
        raise UsageError(f"cannot write the report {p}: {exc.strerror or exc}") from exc
    return p


def _file_candidates(name: str, case_input: CaseInput | None,
                     meta: dict[str, Any]) -> list[str]:
    """Where the image of a result file may be: as named, the case input file of that
    name, the recorded path, then the kept copy."""
    out = [name]
    base = Path(name).name
    if case_input is not None:
        out += [f for f in case_input.files() if Path(f).name == base]
    for f in meta.get("files") or []:
        if f.get("name") == base:
            out += [x for x in (f.get("path"), f.get("copy_path")) if x]
    return out


def _evidence_images(result: CaseResult, case_input: CaseInput | None,
                     meta: dict[str, Any]) -> list[tuple[str, Any]]:
    """(title, reportlab flowable) per sheet page and photo, evidence drawn."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph

    from vincheck.imageio import load_pages
    from vincheck.render import draw_marks, marks_for_photo, marks_for_sheet

    cache: dict[str, list[Any] | None] = {}

    def pages_of(name: str) -> list[Any] | None:
        if name not in cache:
            cache[name] = None
            for cand in _file_candidates(name, case_input, meta):
                try:
                    cache[name] = load_pages(cand)
                    break
                except (VincheckError, OSError):
                    continue
        return cache[name]

    entries: list[tuple[str, str, int, list[Any]]] = []
    for s in result.sheets:
        entries.append((f"拓印膜 Rubbing sheet: {Path(s.file).name} (page {s.page + 1})",
                        s.file, s.page, marks_for_sheet(s)))
    for ph in result.photos:
        entries.append((f"外观相片 Photo: {Path(ph.file).name}", ph.file, ph.page,
                        marks_for_photo(ph)))
    out: list[tuple[str, Any]] = []
    from reportlab.lib.styles import ParagraphStyle

    font, _ = register_cjk_font()
    note = ParagraphStyle("note", fontName=font, fontSize=8, leading=10)
    max_w, max_h = 180 * mm, 115 * mm
    for title, name, page, marks in entries:
        pages = pages_of(name)
        if not pages or page >= len(pages):
            out.append((title, Paragraph(escape(f"图像文件不可用 image file not available: "
                                                f"{name}"), note)))
            continue
        drawn = draw_marks(pages[page].rgb, marks, max_side=1600)
        from PIL import Image as PILImage

        buf = io.BytesIO()
        PILImage.fromarray(drawn).save(buf, format="JPEG", quality=85)
        buf.seek(0)
        h, w = drawn.shape[:2]
        scale = min(max_w / w, max_h / h)
        out.append((title, RLImage(buf, width=w * scale, height=h * scale)))
    return out
