"""History view: search by partial VIN, dates and verdict; Enter / double-click open."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt  # noqa: E402

from tests.test_store import VIN_A, VIN_B, make_result  # noqa: E402
from vincheck.findings import Status  # noqa: E402
from vincheck.gui.history_view import HistoryView  # noqa: E402
from vincheck.inspection import CaseInput  # noqa: E402
from vincheck.store import Store  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(CaseInput(), make_result(VIN_A), station="站一",
                       created_at="2026-01-05T10:00:00+08:00")
        st.record_case(CaseInput(), make_result(VIN_B, status=Status.FAIL),
                       created_at="2026-02-05T10:00:00+08:00")
        st.record_case(CaseInput(), make_result(VIN_B, status=Status.REVIEW),
                       created_at="2026-03-05T10:00:00+08:00")
        yield st


def _vins(view: HistoryView) -> list[str]:
    return [view.proxy.index(r, 2).data() for r in range(view.row_count())]


def _ids(view: HistoryView) -> list[int]:
    return [view.case_id_at(r) for r in range(view.row_count())]


def test_lists_newest_first_and_filters(qtbot, store: Store) -> None:
    view = HistoryView(store)
    qtbot.addWidget(view)
    assert _ids(view) == [3, 2, 1]
    assert view.proxy.index(2, 7).data() == "站一"
    view.vin_edit.setText("c2184")  # partial, lower case
    qtbot.waitUntil(lambda: _ids(view) == [1], timeout=2000)
    view.vin_edit.clear()
    view.verdict_combo.setCurrentIndex(view.verdict_combo.findData("fail"))
    view.refresh()
    assert _ids(view) == [2]
    view.verdict_combo.setCurrentIndex(0)
    view.from_check.setChecked(True)
    view.from_date.setDate(QDate(2026, 2, 1))
    view.to_check.setChecked(True)
    view.to_date.setDate(QDate(2026, 2, 5))  # inclusive: the whole day
    view.refresh()
    assert _ids(view) == [2]
    assert "1" in view.count_label.text()


def test_enter_and_double_click_open_a_case(qtbot, store: Store) -> None:
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    view.table.selectRow(1)
    with qtbot.waitSignal(view.caseOpened, timeout=1000) as sig:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert sig.args == [2]
    rect = view.table.visualRect(view.proxy.index(2, 1))
    # Qt 6 item views need the press/release before the double-click event
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.caseOpened, timeout=1000) as sig:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=rect.center())
    assert sig.args == [1]
    view.table.selectRow(0)
    assert view.open_button.isEnabled()
    with qtbot.waitSignal(view.caseOpened, timeout=1000) as sig:
        view.open_button.click()
    assert sig.args == [3]


def test_sorting_keeps_ids_with_rows(qtbot, store: Store) -> None:
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _ids(view) == [1, 2, 3]
    assert _vins(view) == [VIN_A, VIN_B, VIN_B]


def test_broken_store_shows_message(qtbot) -> None:
    class Broken:
        def search(self, **kw):
            raise RuntimeError("database is locked")

    view = HistoryView(Broken())
    qtbot.addWidget(view)
    assert view.row_count() == 0 and "locked" in view.count_label.text()


def test_a_check_with_changed_regulation_limits_is_marked(qtbot, tmp_path: Path) -> None:
    from vincheck.inspection import limit_findings
    from vincheck.settings import Settings

    s = Settings()
    s.photo.corner_radius_mm = 3.5
    res = make_result(VIN_A)
    res.findings.extend(limit_findings(s))
    with Store(tmp_path / "r.sqlite3") as st:
        st.record_case(CaseInput(), make_result(VIN_B))
        st.record_case(CaseInput(), res)
        _ci, back, _meta = st.get_case(2)
        assert [f.code for f in back.findings] == ["custom_limits"]
        assert back.findings[0].measured == {"photo.corner_radius_mm": 3.5}
        view = HistoryView(st)
        qtbot.addWidget(view)
        col = view.COLUMNS.index("verdict")
        marked = {view.case_id_at(r): view.proxy.index(r, col).data().endswith("▣")
                  for r in range(view.row_count())}
        assert marked == {1: False, 2: True}
