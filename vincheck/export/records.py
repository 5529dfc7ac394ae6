"""CSV and JSON exports of records and reading them back.

CSV (UTF-8 with BOM so spreadsheet programs show Chinese) holds one summary row per case;
JSON holds summaries or full records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from vincheck import __version__
from vincheck.csv_cells import SafeDictWriter, cell_in, cell_out
from vincheck.errors import InputFileError, UsageError
from vincheck.store import CaseRecord, CaseSummary, now_iso

SUMMARY_FIELDS = ("id", "time", "expected_vin", "vins_read", "kind", "color", "verdict",
                  "decided_verdict", "reasons", "station", "workstation", "operator",
                  "n_files", "source")


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
