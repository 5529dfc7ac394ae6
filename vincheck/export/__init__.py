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

Modules: :mod:`~vincheck.export.pdf` (the PDF, a function per section),
:mod:`~vincheck.export.pdf_images` (its images with evidence drawn),
:mod:`~vincheck.export.pdf_font` (its font), :mod:`~vincheck.export.labels` (its words,
colours and file name) and :mod:`~vincheck.export.records` (CSV and JSON).
"""

from vincheck.export.labels import (
    LABELS,
    VERDICT_COLOUR,
    label,
    report_chinese_text,
    report_filename,
)
from vincheck.export.pdf import write_case_pdf
from vincheck.export.pdf_font import CID_FALLBACK, register_cjk_font
from vincheck.export.records import (
    SUMMARY_FIELDS,
    _cell_in,
    _cell_out,
    export_csv,
    export_json,
    import_csv,
    import_json,
)

__all__ = [
    "CID_FALLBACK", "LABELS", "SUMMARY_FIELDS", "VERDICT_COLOUR", "_cell_in", "_cell_out",
    "export_csv", "export_json", "import_csv", "import_json", "label", "register_cjk_font",
    "report_chinese_text", "report_filename", "write_case_pdf",
]
