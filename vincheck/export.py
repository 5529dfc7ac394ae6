"""Reports: a printable A4 PDF of one case, and CSV / JSON exports of records.

PDF (reportlab), in Chinese or in English: the verdict, station, operator and time, what
to do next, the checklist of every finding (rule, status, measured, limit, explanation
and advice from :mod:`vincheck.rules`), the operator decisions, the input files with
size and SHA-256, and every image with its evidence drawn (:mod:`vincheck.render`).
Chinese text uses an embedded TrueType CJK font (:mod:`vincheck.pdf_fonts`: the system's,
else the subset of Droid Sans Fallback shipped in the package; reportlab cannot embed the
CFF-based Noto CJK collection); only if even that is missing it falls back to reportlab's
built-in CID font ``STSong-Light`` (not embedded: viewers substitute a system Song font).

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

CID_FALLBACK = "STSong-Light"

VERDICT_COLOUR = {"pass": "#00963c", "fail": "#dc0000", "review": "#f08c00"}

# The report's own words: key -> (Chinese, English). Rule names, sentences, advice and
# values with units come from the rule registry (vincheck.rules, vincheck.finding_text).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("车辆识别代号拓印膜及外观彩色相片检验报告",
              "VIN rubbing and exterior photo inspection report"),
    "case_id": ("案件编号", "Case ID"), "time": ("检验时间", "Time"),
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


SUMMARY_FIELDS = ("id", "time", "expected_vin", "vins_read", "kind", "color", "verdict",
                  "decided_verdict", "reasons", "station", "workstation", "operator",
                  "n_files", "source")


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
    from vincheck.pdf_fonts import cjk_font_candidates

    for path, index in cjk_font_candidates():
        if not path.exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont("VincheckCJK", str(path), subfontIndex=index))
            return "VincheckCJK", True
        except (TTFError, OSError):
            continue
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK, False


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
                   meta: dict[str, Any] | None = None, lang: str | None = None) -> Path:
    """Write a printable A4 report of one case in one language; returns the path.

    ``lang`` is "zh_CN" or "en" (default: the settings' language); every word of the
    report is in that language (codes, units, VINs, file names and hashes aside). Each
    finding that did not pass carries its advice (:func:`vincheck.rules.advice`).
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

    from vincheck import rules
    from vincheck.finding_text import explanation

    settings = settings or Settings()
    lang = lang or settings.language
    zh = lang.startswith("zh")

    def L(key: str, **kw: Any) -> str:  # noqa: N802
        return label(key, lang).format(**kw)

    meta = {**_default_meta(case_input if meta is None else None, settings), **(meta or {})}
    font, _embedded = register_cjk_font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
    code_style = ParagraphStyle("code", parent=small, fontSize=6, leading=7.5,
                                textColor=colors.HexColor("#777777"))
    mono = ParagraphStyle("mono", parent=small, fontName="Courier", fontSize=6.5, leading=8)
    h1 = ParagraphStyle("h1", parent=base, fontSize=15, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontSize=11.5, leading=16, spaceBefore=8,
                        spaceAfter=3)
    advice_style = ParagraphStyle("advice", parent=base, fontSize=10, leading=14)

    def P(text: Any, style: ParagraphStyle = base) -> Paragraph:  # noqa: N802
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    grid = TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])
    story: list[Any] = []
    story.append(P(L("title"), h1))
    story.append(Spacer(1, 3 * mm))

    verdict = str(result.verdict)
    decided = str(result.decided_verdict())
    vins = ", ".join(result.vins_read) or "—"
    info = [
        (L("case_id"), meta.get("id") if meta.get("id") is not None else "—"),
        (L("time"), meta.get("time") or "—"),
        (L("station"), meta.get("station") or "—"),
        (L("operator"), meta.get("operator") or "—"),
        (L("expected"), result.expected_vin or "—"),
        (L("read"), vins),
        (L("kind"), rules.kind_name(result.kind, lang)),
        (L("colour"), rules.colour_name(result.color, lang) or "—"),
    ]
    t = Table([[P(k), P(v)] for k, v in info], colWidths=[45 * mm, 135 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3"))]))
    story.append(t)
    story.append(Spacer(1, 3 * mm))
    vstyle = ParagraphStyle("verdict", parent=base, fontSize=16, leading=22,
                            textColor=colors.HexColor(VERDICT_COLOUR.get(decided, "#000000")))
    story.append(P(L("verdict", v=rules.verdict_name(decided, lang)), vstyle))
    if decided != verdict:
        story.append(P(L("auto", a=rules.verdict_name(verdict, lang),
                         d=rules.verdict_name(decided, lang))))
    if result.reasons:
        story.append(P(L("reasons", r=("、" if zh else ", ").join(
            rules.name(c, lang) for c in result.reasons))))
    for a in rules.case_advice(result, lang):
        story.append(P(L("advice", a=a), advice_style))
    limits = [f for f in result.findings if f.code == "custom_limits"]
    if limits:
        story.append(P(L("limits", items=rules.format_value(limits[0].measured, "", lang)),
                       advice_style))
    for e in result.errors:
        story.append(P(L("file_error", f=Path(e.get("file", "")).name, e=e.get("error", ""))))

    # Checklist
    story.append(P(L("checklist"), h2))
    rows = [[P(L(x), small) for x in ("col_rule", "col_file", "col_status", "col_measured",
                                      "col_limit", "col_expl")]]
    status_cells: list[tuple[int, str]] = []
    for file, target, f in iter_findings(result):
        where = _target_text(target, lang) if file else L("case")
        text = explanation(f, lang)
        a = rules.advice(f, lang)
        if a:
            text += "\n" + L("advice", a=a)
        rows.append([[P(rules.name(f.code, lang), small), P(f.code, code_style)],
                     P(where, small), P(rules.status_name(f.status, lang), small),
                     P(rules.format_value(f.measured, rules.unit_of(f), lang), small),
                     P(rules.format_value(f.limit, rules.unit_of(f), lang), small),
                     P(text, small)])
        status_cells.append((len(rows) - 1, str(f.status)))
    if len(rows) == 1:
        rows.append([P("—", small)] * 6)
    ct = Table(rows, colWidths=[32 * mm, 26 * mm, 15 * mm, 25 * mm, 25 * mm, 57 * mm],
               repeatRows=1)
    style = TableStyle(list(grid.getCommands()))
    for r, st in status_cells:
        colour = VERDICT_COLOUR.get("review" if st == "skipped" else st, "#000000")
        style.add("TEXTCOLOR", (2, r), (2, r), colors.HexColor(colour))
    ct.setStyle(style)
    story.append(ct)

    if result.decisions:
        story.append(P(L("decisions"), h2))
        drows = [[P(L(x), small) for x in ("col_rule", "col_decision", "col_operator",
                                           "col_time", "col_note")]]
        for d in result.decisions:
            on = f" ({Path(d.target).name})" if d.target and d.target != "case" else ""
            drows.append([P(rules.name(d.code, lang) + on, small),
                          P(L("accepted") if d.accepted else L("rejected"), small),
                          P(d.operator, small), P(d.time, small), P(d.note, small)])
        dt = Table(drows, colWidths=[40 * mm, 25 * mm, 25 * mm, 35 * mm, 55 * mm])
        dt.setStyle(grid)
        story.append(dt)

    files = meta.get("files") or []
    if files:
        story.append(P(L("files"), h2))
        frows = [[P(x, small) for x in (L("col_role"), L("col_name"), L("col_size"),
                                        "SHA-256")]]
        for f in files:
            role = f.get("role", "")
            role = L(role) if role in ("rubbing", "photo") else role
            size = f.get("size")
            frows.append([P(role, small), P(f.get("name", ""), small),
                          P("—" if size is None else str(size), small),
                          P(f.get("sha256") or "—", mono)])
        ft = Table(frows, colWidths=[22 * mm, 50 * mm, 22 * mm, 86 * mm])
        ft.setStyle(grid)
        story.append(ft)

    images = _evidence_images(result, case_input, meta, lang)
    if images:
        story.append(PageBreak())
        story.append(P(L("images"), h2))
        story.append(P(L("legend"), small))
        for title, flow in images:
            story.append(KeepTogether([P(title, base), Spacer(1, 1 * mm), flow,
                                       Spacer(1, 4 * mm)]))

    generated = datetime.now().astimezone().isoformat(timespec="seconds")

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.drawString(15 * mm, 8 * mm, L("footer", t=generated, v=__version__,
                                             vin=result.expected_vin or vins))
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, L("page", n=doc.page))
        canvas.restoreState()

    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        doc = SimpleDocTemplate(str(p), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm,
                                title=f"{L('title')} {result.expected_vin or vins}",
                                author="vincheck")
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    except OSError as exc:
        raise UsageError(f"cannot write the report {p}: {exc.strerror or exc}") from exc
    return p


def _target_text(target: str, lang: str) -> str:
    """``sheet.png#r2`` as "sheet.png 第 2 份拓印" / "sheet.png rubbing 2"."""
    name, sep, n = target.rpartition("#r")
    if not sep or not n.isdigit():
        return target
    return f"{name} 第 {n} 份拓印" if lang.startswith("zh") else f"{name} rubbing {n}"


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
                     meta: dict[str, Any], lang: str = "zh_CN") -> list[tuple[str, Any]]:
    """(title, reportlab flowable) per sheet page and photo, evidence drawn."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph

    from vincheck import rules
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
        entries.append((label("sheet_title", lang).format(name=Path(s.file).name,
                                                          page=s.page + 1),
                        s.file, s.page, marks_for_sheet(s)))
    for ph in result.photos:
        entries.append((label("photo_title", lang).format(name=Path(ph.file).name),
                        ph.file, ph.page,
                        marks_for_photo(ph)))
    out: list[tuple[str, Any]] = []
    from reportlab.lib.styles import ParagraphStyle

    font, _ = register_cjk_font()
    note = ParagraphStyle("note", fontName=font, fontSize=8, leading=10)
    max_w, max_h = 180 * mm, 115 * mm
    for title, name, page, marks in entries:
        pages = pages_of(name)
        if not pages or page >= len(pages):
            out.append((title, Paragraph(escape(label("unavailable", lang).format(
                name=Path(name).name)), note)))
            continue
        drawn = draw_marks(pages[page].rgb, marks, max_side=1600,
                           label_text=lambda t: rules.label_text(t, lang))
        from PIL import Image as PILImage

        buf = io.BytesIO()
        PILImage.fromarray(drawn).save(buf, format="JPEG", quality=85)
        buf.seek(0)
        h, w = drawn.shape[:2]
        scale = min(max_w / w, max_h / h)
        out.append((title, RLImage(buf, width=w * scale, height=h * scale)))
    return out
