"""A printable A4 PDF report of one case (reportlab), in Chinese or in English.

Sections, one function each: the header (title and case facts), the verdict (with what to
do next, custom limits and file errors), the checklist of every finding (rule, status,
measured, limit, explanation and advice from :mod:`vincheck.rules`), the operator
decisions, the input files with size and SHA-256, and every image with its evidence drawn
(:mod:`vincheck.export.pdf_images`); the footer carries time, VIN, version and page.
reportlab is imported only when a report is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from vincheck import __version__
from vincheck.errors import UsageError
from vincheck.export.labels import VERDICT_COLOUR, label
from vincheck.export.pdf_font import register_cjk_font
from vincheck.export.pdf_images import evidence_images
from vincheck.export.times import local_time_text, now_text
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store import hash_file, iter_findings, now_iso


@dataclass
class _Page:
    """What every section needs: the language, the font and the paragraph styles."""

    lang: str
    font: str
    styles: dict[str, Any]

    @property
    def zh(self) -> bool:
        return self.lang.startswith("zh")

    def L(self, key: str, **kw: Any) -> str:  # noqa: N802
        return label(key, self.lang).format(**kw)

    def P(self, text: Any, style: str = "base") -> Any:  # noqa: N802
        from reportlab.platypus import Paragraph

        return Paragraph(escape(str(text)).replace("\n", "<br/>"), self.styles[style])


def _page(lang: str) -> _Page:
    """The font (registered once) and the report's paragraph styles."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    font, _embedded = register_cjk_font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
    styles = {
        "base": base, "small": small,
        "code": ParagraphStyle("code", parent=small, fontSize=6, leading=7.5,
                               textColor=colors.HexColor("#777777")),
        "mono": ParagraphStyle("mono", parent=small, fontName="Courier", fontSize=6.5,
                               leading=8),
        "h1": ParagraphStyle("h1", parent=base, fontSize=15, leading=20, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=16, spaceBefore=8,
                             spaceAfter=3),
        "advice": ParagraphStyle("advice", parent=base, fontSize=10, leading=14),
    }
    return _Page(lang, font, styles)


def _grid() -> Any:
    """The style of the report's tables: a grey grid and a shaded header row."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])


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
    settings = settings or Settings()
    lang = lang or settings.language
    meta = {**_default_meta(case_input if meta is None else None, settings), **(meta or {})}
    pg = _page(lang)
    story: list[Any] = [*_header(pg, result, meta), *_verdict(pg, result),
                        *_checklist(pg, result), *_decisions(pg, result), *_files(pg, meta),
                        *_images(pg, result, case_input, meta)]
    return _build(pg, result, story, Path(path))


def _header(pg: _Page, result: CaseResult, meta: dict[str, Any]) -> list[Any]:
    """The title and a table of the case's facts (id, time, station, operator, VINs, kind,
    colour)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from vincheck import rules

    L, P, lang = pg.L, pg.P, pg.lang  # noqa: N806
    info = [
        (L("case_id"), meta.get("id") if meta.get("id") is not None else "—"),
        (L("time"), local_time_text(meta.get("time"))),
        (L("station"), meta.get("station") or "—"),
        (L("operator"), meta.get("operator") or "—"),
        (L("expected"), result.expected_vin or "—"),
        (L("read"), ", ".join(result.vins_read) or "—"),
        (L("kind"), rules.kind_name(result.kind, lang)),
        (L("colour"), rules.colour_name(result.color, lang) or "—"),
    ]
    t = Table([[P(k), P(v)] for k, v in info], colWidths=[45 * mm, 135 * mm])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3"))]))
    return [P(L("title"), "h1"), Spacer(1, 3 * mm), t, Spacer(1, 3 * mm)]


def _verdict(pg: _Page, result: CaseResult) -> list[Any]:
    """The decided verdict in its colour, the automatic one when the operator changed it,
    the reasons, what to do next, custom limits and the files that could not be read."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    from vincheck import rules

    L, P, lang = pg.L, pg.P, pg.lang  # noqa: N806
    verdict = str(result.verdict)
    decided = str(result.decided_verdict())
    pg.styles["verdict"] = ParagraphStyle(
        "verdict", parent=pg.styles["base"], fontSize=16, leading=22,
        textColor=colors.HexColor(VERDICT_COLOUR.get(decided, "#000000")))
    out = [P(L("verdict", v=rules.verdict_name(decided, lang)), "verdict")]
    if decided != verdict:
        out.append(P(L("auto", a=rules.verdict_name(verdict, lang),
                       d=rules.verdict_name(decided, lang))))
    if result.reasons:
        out.append(P(L("reasons", r=("、" if pg.zh else ", ").join(
            rules.name(c, lang) for c in result.reasons))))
    for a in rules.case_advice(result, lang):
        out.append(P(L("advice", a=a), "advice"))
    limits = [f for f in result.findings if f.code == "custom_limits"]
    if limits:
        out.append(P(L("limits", items=rules.format_value(limits[0].measured, "", lang)),
                     "advice"))
    for e in result.errors:
        out.append(P(L("file_error", f=Path(e.get("file", "")).name, e=e.get("error", ""))))
    return out


def _checklist(pg: _Page, result: CaseResult) -> list[Any]:
    """One row per finding: rule and code, file, status (in its colour), measured, limit,
    explanation with advice."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from vincheck import rules
    from vincheck.finding_text import explanation
    from vincheck.finding_text.values import limit_text, measured_text

    L, P, lang = pg.L, pg.P, pg.lang  # noqa: N806
    rows = [[P(L(x), "small") for x in ("col_rule", "col_file", "col_status", "col_measured",
                                        "col_limit", "col_expl")]]
    status_cells: list[tuple[int, str]] = []
    for file, target, f in iter_findings(result):
        where = _target_text(target, lang) if file else L("case")
        text = explanation(f, lang)
        a = rules.advice(f, lang)
        if a:
            text += "\n" + L("advice", a=a)
        rows.append([[P(rules.name(f.code, lang), "small"), P(f.code, "code")],
                     P(where, "small"), P(rules.status_name(f.status, lang), "small"),
                     P(measured_text(f, lang), "small"), P(limit_text(f, lang), "small"),
                     P(text, "small")])
        status_cells.append((len(rows) - 1, str(f.status)))
    if len(rows) == 1:
        rows.append([P("—", "small")] * 6)
    ct = Table(rows, colWidths=[32 * mm, 26 * mm, 15 * mm, 25 * mm, 25 * mm, 57 * mm],
               repeatRows=1)
    style = TableStyle(list(_grid().getCommands()))
    for r, st in status_cells:
        colour = VERDICT_COLOUR.get("review" if st == "skipped" else st, "#000000")
        style.add("TEXTCOLOR", (2, r), (2, r), colors.HexColor(colour))
    ct.setStyle(style)
    return [P(L("checklist"), "h2"), ct]


def _decisions(pg: _Page, result: CaseResult) -> list[Any]:
    """The operator's decisions (rule, accepted or rejected, who, when, note), if any."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    from vincheck import rules

    if not result.decisions:
        return []
    L, P = pg.L, pg.P  # noqa: N806
    drows = [[P(L(x), "small") for x in ("col_rule", "col_decision", "col_operator",
                                         "col_time", "col_note")]]
    for d in result.decisions:
        on = f" ({Path(d.target).name})" if d.target and d.target != "case" else ""
        drows.append([P(rules.name(d.code, pg.lang) + on, "small"),
                      P(L("accepted") if d.accepted else L("rejected"), "small"),
                      P(d.operator, "small"), P(local_time_text(d.time) if d.time else "",
                                                 "small"), P(d.note, "small")])
    dt = Table(drows, colWidths=[40 * mm, 25 * mm, 25 * mm, 35 * mm, 55 * mm])
    dt.setStyle(_grid())
    return [P(L("decisions"), "h2"), dt]


def _files(pg: _Page, meta: dict[str, Any]) -> list[Any]:
    """The input files with role, size and SHA-256, if any."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    files = meta.get("files") or []
    if not files:
        return []
    L, P = pg.L, pg.P  # noqa: N806
    frows = [[P(x, "small") for x in (L("col_role"), L("col_name"), L("col_size"),
                                      "SHA-256")]]
    for f in files:
        role = f.get("role", "")
        role = L(role) if role in ("rubbing", "photo") else role
        size = f.get("size")
        frows.append([P(role, "small"), P(f.get("name", ""), "small"),
                      P("—" if size is None else str(size), "small"),
                      P(f.get("sha256") or "—", "mono")])
    ft = Table(frows, colWidths=[22 * mm, 50 * mm, 22 * mm, 86 * mm])
    ft.setStyle(_grid())
    return [P(L("files"), "h2"), ft]


def _images(pg: _Page, result: CaseResult, case_input: CaseInput | None,
            meta: dict[str, Any]) -> list[Any]:
    """A new page with the legend and every image with its evidence drawn, if any."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    images = evidence_images(result, case_input, meta, pg.lang)
    if not images:
        return []
    out = [PageBreak(), pg.P(pg.L("images"), "h2"), pg.P(pg.L("legend"), "small")]
    for title, flow in images:
        out.append(KeepTogether([pg.P(title), Spacer(1, 1 * mm), flow, Spacer(1, 4 * mm)]))
    return out


def _build(pg: _Page, result: CaseResult, story: list[Any], p: Path) -> Path:
    """Lay the story out on A4 pages with the footer (time, VIN, version, page) on each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    generated = now_text()
    vin = result.expected_vin or ", ".join(result.vins_read) or "—"

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(pg.font, 7)
        canvas.drawString(15 * mm, 8 * mm, pg.L("footer", t=generated, v=__version__,
                                                vin=vin))
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, pg.L("page", n=doc.page))
        canvas.restoreState()

    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        doc = SimpleDocTemplate(str(p), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm,
                                title=f"{pg.L('title')} {vin}", author="vincheck")
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
