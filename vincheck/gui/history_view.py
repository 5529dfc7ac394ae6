"""History: a searchable table of recorded cases; opening one emits ``caseOpened(id)``.

Search by VIN (any part, upper or lower case, matched against the expected VIN and the
VINs read), a date range and the decided verdict. Double-click a row, press Enter on it,
or use "Open" to emit :attr:`HistoryView.caseOpened` with the case id. The store is the
:class:`vincheck.store.Store` the main window owns; searches run on the GUI thread (a
few milliseconds for the 500 newest matches).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vincheck.export.times import local_time_text, parse_time
from vincheck.vin import VIN_LENGTH

VERDICT_COLOURS = {"pass": "#00963c", "fail": "#dc0000", "review": "#d07800"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 250  # wait this long after typing before searching


class HistoryView(QWidget):
    """Table of past cases with search fields. ``store`` needs ``search(...)``."""

    caseOpened = Signal(int)  # noqa: N815 - Qt naming

    COLUMNS = ("id", "time", "expected_vin", "vins_read", "kind", "verdict",
               "decided_verdict", "station", "operator", "n_files")

    def __init__(self, store: Any, parent: QWidget | None = None, *, limit: int = 500) -> None:
        super().__init__(parent)
        self.store = store
        self.limit = limit
        self.last_error = ""
        self._build_search_fields()
        self._build_table()
        self._timer = QTimer(self)  # searches a moment after the fields stop changing
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._lay_out()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build_search_fields(self) -> None:
        """The search bar: part of a VIN, a date range (each end optional), the verdict;
        the Search and Open buttons and the count of cases found."""
        self.vin_edit = QLineEdit(self)
        self.vin_edit.setClearButtonEnabled(True)
        self.vin_edit.setMaxLength(VIN_LENGTH)
        self.from_check = QCheckBox(self)
        self.from_date = QDateEdit(self)
        self.to_check = QCheckBox(self)
        self.to_date = QDateEdit(self)
        today = QDate.currentDate()
        for edit, date in ((self.from_date, today.addDays(-30)), (self.to_date, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(date)
            edit.setEnabled(False)
        self.verdict_combo = QComboBox(self)
        for value in ("", "pass", "fail", "review"):
            self.verdict_combo.addItem("", value)
        self.search_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.open_button.setEnabled(False)
        self.count_label = QLabel(self)

    def _build_table(self) -> None:
        """The table of cases (sortable by any column, one row selected at a time)."""
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)

    def _lay_out(self) -> None:
        """The search bar above the table, the count and Open below it."""
        self.vin_label = QLabel(self)
        self.verdict_label = QLabel(self)
        bar = QHBoxLayout()
        for w in (self.vin_label, self.vin_edit, self.from_check, self.from_date,
                  self.to_check, self.to_date, self.verdict_label, self.verdict_combo,
                  self.search_button):
            bar.addWidget(w)
        bar.setStretchFactor(self.vin_edit, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_button)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)

    def _connect(self) -> None:
        """A changed field searches again after a moment; Enter, Search and Open act now."""
        self.vin_edit.textChanged.connect(lambda _t: self._timer.start())
        self.vin_edit.returnPressed.connect(self.refresh)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for sig in (self.from_check.toggled, self.to_check.toggled,
                    self.from_date.dateChanged, self.to_date.dateChanged,
                    self.verdict_combo.currentIndexChanged):
            sig.connect(lambda *_a: self._timer.start())
        self.search_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.open_button.setEnabled(self.selected_case_id() is not None))

    # --- texts --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.vin_label.setText(self.tr("VIN:"))
        self.vin_edit.setPlaceholderText(self.tr("part of a VIN, e.g. 2184841"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("To"))
        self.verdict_label.setText(self.tr("Verdict:"))
        for i, text in enumerate((self.tr("All"), self.tr("Pass"), self.tr("Fail"),
                                  self.tr("Review"))):
            self.verdict_combo.setItemText(i, text)
        self.search_button.setText(self.tr("Search"))
        self.open_button.setText(self.tr("Open"))
        self.model.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Time"), self.tr("Expected VIN"), self.tr("VIN(s) read"),
            self.tr("Kind"), self.tr("Verdict"), self.tr("Decided"), self.tr("Station"),
            self.tr("Operator"), self.tr("Files")])
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.refresh()
        super().changeEvent(event)

    def _verdict_text(self, v: str) -> str:
        return {"pass": self.tr("pass"), "fail": self.tr("fail"),
                "review": self.tr("review")}.get(v, v)

    def _desk_text(self, r: Any) -> str:
        """The station; with a shared database also the workstation (which desk)."""
        ws = getattr(r, "workstation", "") if getattr(self.store, "shared", False) else ""
        return " / ".join(p for p in (r.station, ws) if p)

    def _kind_text(self, k: str) -> str:
        return {"car": self.tr("car"), "trailer": self.tr("trailer")}.get(k, k)

    # --- searching ----------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        """The current search as keyword arguments of ``Store.search``."""
        return {
            "vin": self.vin_edit.text().strip() or None,
            "date_from": self.from_date.date().toString("yyyy-MM-dd")
            if self.from_check.isChecked() else None,
            "date_to": self.to_date.date().toString("yyyy-MM-dd")
            if self.to_check.isChecked() else None,
            "verdict": self.verdict_combo.currentData() or None,
            "limit": self.limit,
        }

    def refresh(self) -> None:
        """Search the store again with the current fields and refill the table."""
        self._timer.stop()
        try:
            rows = self.store.search(**self.filters())
            self.last_error = ""
        except Exception as exc:  # noqa: BLE001 - a broken store must not close the window
            rows = []
            self.last_error = str(exc)
        self.set_rows(rows)

    def set_rows(self, rows: list[Any]) -> None:
        """Fill the table with CaseSummary rows (newest first, as the store returns)."""
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for r in rows:
            self.model.appendRow(self._row_items(r))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the store's order
        self.proxy.sort(-1)
        self.open_button.setEnabled(False)
        self._update_count()

    def _row_items(self, r: Any) -> list[QStandardItem]:
        values = [
            (str(r.id), r.id),
            (local_time_text(r.time), _time_key(r.time)),
            (r.expected_vin or "—", r.expected_vin or ""),
            (", ".join(r.vins_read) or "—", ",".join(r.vins_read)),
            (self._kind_text(r.kind), r.kind),
            (self._verdict_text(r.verdict), r.verdict),
            (self._verdict_text(r.decided_verdict), r.decided_verdict),
            (self._desk_text(r), self._desk_text(r)),
            (r.operator or "", r.operator or ""),
            (str(r.n_files), r.n_files),
        ]
        items = []
        for col, (text, key) in enumerate(values):
            it = QStandardItem(text)
            it.setData(key, Qt.ItemDataRole.UserRole)
            it.setData(int(r.id), ID_ROLE)
            it.setEditable(False)
            if self.COLUMNS[col] in ("verdict", "decided_verdict"):
                colour = VERDICT_COLOURS.get(str(key))
                if colour:
                    it.setForeground(QBrush(QColor(colour)))
            if self.COLUMNS[col] == "verdict" and "custom_limits" in (r.reasons or []):
                # checked with limits other than the regulation's (vincheck.rules)
                it.setText(text + " ▣")
                it.setToolTip(self.tr("Checked with limits other than the regulation's"))
            if self.COLUMNS[col] == "vins_read" and r.expected_vin and r.vins_read and \
                    any(v != r.expected_vin for v in r.vins_read):
                it.setForeground(QBrush(QColor(VERDICT_COLOURS["fail"])))
            items.append(it)
        return items

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.last_error:
            self.count_label.setText(self.tr("Cannot search the records: {reason}").format(
                reason=self.last_error))
        elif n >= self.limit:
            self.count_label.setText(self.tr("Showing the newest {n} cases; narrow the "
                                             "search to see older ones.").format(n=n))
        else:
            self.count_label.setText(self.tr("{n} case(s)").format(n=n))

    # --- opening ------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.proxy.rowCount()

    def case_id_at(self, row: int) -> int:
        """Case id of a visible row (after sorting)."""
        return int(self.proxy.index(row, 0).data(ID_ROLE))

    def selected_case_id(self) -> int | None:
        idx = self.table.currentIndex()
        sel = self.table.selectionModel().selectedRows()
        if sel:
            idx = sel[0]
        if not idx.isValid():
            return None
        return int(idx.data(ID_ROLE))

    def open_selected(self) -> None:
        cid = self.selected_case_id()
        if cid is not None:
            self.caseOpened.emit(cid)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.caseOpened.emit(int(index.data(ID_ROLE)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.table and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                idx = self.table.currentIndex()
                if idx.isValid():
                    self._open_index(idx)
                    return True
        return super().eventFilter(obj, event)


def _time_key(text: str) -> float:
    """A record's time for sorting: seconds since the epoch (records of desks in other
    time zones sort by the moment, not the wall clock); 0 when it is no time."""
    when = parse_time(text)
    return when.timestamp() if when is not None else 0.0
