"""Two desks' windows on one shared PostgreSQL database; an unreachable database is a
message, never a lost window state. (PostgreSQL tests are skipped when it is not
installed.)"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from devkit.pg_server import free_port  # noqa: E402
from tests.gui_support import FakeRunner, write_case  # noqa: E402
from tests.test_gui_window import make_window, run_and_wait  # noqa: E402
from vincheck.settings import Settings  # noqa: E402


@pytest.fixture
def case(tmp_path: Path):
    return write_case(tmp_path)


def _desk(qtbot, url: str, ws: str):
    s = Settings(operator="Li Lei", station="站A", workstation=ws, database_url=url,
                 db_retry_s=1.0)
    return make_window(qtbot, FakeRunner(plate_fails=False), record=True, settings=s)


def test_unreachable_database_is_a_message_and_the_window_stays(qtbot, english,
                                                                case) -> None:
    url = f"postgresql://vincheck@127.0.0.1:{free_port()}/postgres"
    w = _desk(qtbot, url, "台1")
    w.panel.set_case(case)
    assert run_and_wait(qtbot, w, timeout=30_000) == "done"
    assert w.model.result is not None and w.model.record_id is None  # shown, not recorded
    text = w.messages.text_plain()
    assert "unreachable" in text and "NOT recorded" in text


def test_two_desks_share_records_and_decisions_conflict(qtbot, english, case,
                                                        pg_server) -> None:
    url = pg_server.fresh_url()
    a, b = _desk(qtbot, url, "台1"), _desk(qtbot, url, "台2")
    for w in (a, b):
        w.panel.set_case(case)
        assert run_and_wait(qtbot, w) == "done"
        assert w.model.record_id is not None, w.messages.text_plain()
    from vincheck.gui.history_view import HistoryView

    for w in (a, b):  # each desk's history shows both desks' records, and which desk
        view = HistoryView(w.records.store())
        qtbot.addWidget(view)
        view.refresh()
        col = view.COLUMNS.index("station")
        shown = {(int(view.model.item(i, 0).text()), view.model.item(i, col).text())
                 for i in range(view.model.rowCount())}
        assert shown == {(a.model.record_id, "站A / 台1"), (b.model.record_id, "站A / 台2")}
    # both desks open desk A's record; A decides first, B is told and saves nothing
    assert b.open_record(a.model.record_id)
    key = next(k for k, e in a.result_view.checklist.entries.items()
               if e.finding.code == "unreadable")
    a.result_view.checklist.select_key(key)
    a.decisions.decide(True, note="ok")
    b.result_view.checklist.select_key(key)
    b.decisions.decide(False, note="no")
    assert "站A/台1" in b.messages.text_plain()
    _, result, _ = a.records.store().get_case(a.model.record_id)
    assert [(d.accepted, d.note) for d in result.decisions] == [(True, "ok")]
