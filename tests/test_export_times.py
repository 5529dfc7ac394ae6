"""Times shown to people are this station's local time, to the second, with the UTC offset
(``2026-12-07 21:48:51 (UTC+08:00)``): the PDF report's inspection time, decision times
and footer in both languages, and the history window. Stored timestamps stay ISO 8601 with
their offset (the CSV's ``time`` column states its zone)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.test_export import needs_poppler, pdf_text
from tests.test_store import VIN_A, make_result
from vincheck.export import export_csv, write_case_pdf
from vincheck.export.times import local_time_text
from vincheck.findings import Decision, Status
from vincheck.inspection import CaseInput
from vincheck.store import Store

STORED = "2026-12-07T13:48:51+00:00"  # as a desk in UTC recorded it
SHANGHAI = "2026-12-07 21:48:51 (UTC+08:00)"
READABLE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)")


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch):
    """The station's clock set to China Standard Time for one test."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_time_text(shanghai) -> None:
    assert local_time_text(STORED) == SHANGHAI
    assert local_time_text("2026-12-07T13:48:51Z") == SHANGHAI
    assert local_time_text("2026-12-07T08:48:51-05:00") == SHANGHAI
    assert local_time_text("2026-12-07T21:48:51") == SHANGHAI  # naive: already local
    assert local_time_text("") == "—" and local_time_text("yesterday") == "yesterday"


@needs_poppler
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_report_times_are_local_and_readable(tmp_path: Path, shanghai, lang: str) -> None:
    res = make_result(VIN_A, status=Status.REVIEW, files=(str(tmp_path / "s.png"),
                                                          str(tmp_path / "p.jpg")))
    res.decisions = [Decision("fill_ratio", True, "张三", time="2026-12-07T13:50:00+00:00")]
    with Store(tmp_path / "r.sqlite3") as st:
        cid = st.record_case(CaseInput(), res, station="站一", operator="张三",
                             created_at=STORED)
        _ci, back, meta = st.get_case(cid)
    text = pdf_text(write_case_pdf(back, None, tmp_path / "r.pdf", meta=meta, lang=lang))
    flat = " ".join(text.split())
    assert ("检验时间 " if lang == "zh_CN" else "Inspection time ") + SHANGHAI in flat
    assert "2026-12-07 21:50:00 (UTC+08:00)" in flat  # the decision
    assert "T13:48" not in text and "+00:00" not in text  # no raw ISO UTC anywhere
    footer = re.search(r"(生成于|generated) (\S+ \S+ \S+)", flat)
    assert footer and READABLE.fullmatch(footer.group(2)) and "+08:00" in footer.group(2)


def test_csv_keeps_iso_with_its_offset(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(CaseInput(), make_result(VIN_A), created_at=STORED)
        rows = st.search()
    text = export_csv(rows, tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert STORED in text


def test_history_shows_local_time_with_offset(qtbot, shanghai, tmp_path: Path) -> None:
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import Qt

    from vincheck.gui.history_view import HistoryView

    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(CaseInput(), make_result(VIN_A), created_at=STORED)
        # recorded later (14:00 UTC) by a desk whose wall clock showed an earlier hour
        st.record_case(CaseInput(), make_result(VIN_A), created_at="2026-12-07T09:00:00-05:00")
        view = HistoryView(st)
        qtbot.addWidget(view)
        view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        assert [view.proxy.index(r, 1).data() for r in range(2)] == [
            SHANGHAI, "2026-12-07 22:00:00 (UTC+08:00)"]
