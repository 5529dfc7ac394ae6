"""The checklist: every finding of a case as a row under its sheet / rubbing / photo, and
the overlays that draw a result's evidence on its image.

Rows only show what the findings say (status, measured value, limit, reason code); the
verdict comes from :class:`vincheck.findings.CaseResult`, never from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from vincheck.findings import CaseResult, Decision, Finding, Shape, Status
from vincheck.gui import texts
from vincheck.gui.overlay_items import Overlay
from vincheck.gui.style import STATUS_COLOURS, status_icon

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the status a row shows (after decisions)
# rows are as high as the rule and the explanation need, wrapped to their columns
# widths (other columns wrap within that height)
WRAPPED_COLUMNS = (0, 3)



@dataclass
class Entry:
    """One finding in context: ``key`` is unique in the case, ``target`` names what it
    belongs to (for decisions), ``image`` is ``(file, page)`` of its evidence or None."""

    key: str
    finding: Finding
    target: str
    image: tuple[str, int] | None


@dataclass
class Group:
    """A sheet's rubbing, a sheet, a photo or the case itself, with its entries."""

    title: str
    image: tuple[str, int] | None
    entries: list[Entry] = field(default_factory=list)


def decision_for(decisions: list[Decision], code: str, target: str) -> Decision | None:
    """The operator's decision on a finding, matched as
    :meth:`vincheck.findings.CaseResult.decided_verdict` matches it: the latest one with
    the finding's code and its target (or no target)."""
    found = None
    for d in decisions:
        if d.code == code and d.target in ("", target):
            found = d
    return found


def effective_status(f: Finding, d: Decision | None) -> Status:
    """A finding's status after the operator's decision: an accepted review item counts
    as passed, a rejected one as failed (as in the decided verdict); others unchanged."""
    if d is None or f.status not in (Status.REVIEW, Status.SKIPPED):
        return f.status
    return Status.PASS if d.accepted else Status.FAIL


def build_groups(result: CaseResult) -> list[Group]:
    """Groups in display order: the case first, then rubbings, sheets and photos."""
    groups: list[Group] = []
    case = Group(Q.translate("Checklist", "Case"), None)
    for fi, f in enumerate(result.findings):
        case.entries.append(Entry(f"c/{fi}", f, "case", None))
    for ei, err in enumerate(result.errors):
        f = Finding("input_error", Status.REVIEW, measured=Path(err.get("file", "")).name,
                    message=err.get("error", ""))
        case.entries.append(Entry(f"e/{ei}", f, err.get("file", "case"), None))
    groups.append(case)
    for si, sheet in enumerate(result.sheets):
        name = Path(sheet.file).name + (f" p{sheet.page + 1}" if sheet.page else "")
        img = (sheet.file, sheet.page)
        for ri, rub in enumerate(sheet.rubbings):
            title = Q.translate("Checklist", "Rubbing {n} on {file}: {vin}").format(
                n=ri + 1, file=name, vin=rub.vin or Q.translate("Checklist", "VIN not read"))
            g = Group(title, (sheet.file, rub.page))
            for fi, f in enumerate(rub.findings):
                g.entries.append(Entry(f"s{si}/r{ri}/{fi}", f, f"{name}#r{ri + 1}", g.image))
            groups.append(g)
        if sheet.findings or not sheet.rubbings:
            g = Group(Q.translate("Checklist", "Rubbing sheet {file}").format(file=name), img)
            for fi, f in enumerate(sheet.findings):
                g.entries.append(Entry(f"s{si}/{fi}", f, name, img))
            groups.append(g)
    for pi, photo in enumerate(result.photos):
        name = Path(photo.file).name + (f" p{photo.page + 1}" if photo.page else "")
        title = Q.translate("Checklist", "Photo {file}").format(file=name)
        g = Group(title, (photo.file, photo.page))
        for fi, f in enumerate(photo.findings):
            g.entries.append(Entry(f"p{pi}/{fi}", f, name, g.image))
        groups.append(g)
    return groups


def base_overlays(result: CaseResult, image: tuple[str, int]) -> list[Overlay]:
    """What a result measured on one image (strips, characters read with confidence,
    picture outline, vehicle box, plates, view), drawn whatever is selected."""
    file, page = image
    out: list[Overlay] = []
    for sheet in result.sheets:
        if sheet.file != file:
            continue
        for ri, rub in enumerate(sheet.rubbings):
            if rub.page != page:
                continue
            if len(rub.box) >= 6:
                label = f"#{ri + 1} {rub.vin or '?'} ({rub.confidence:.2f})"
                out.append(Overlay(Shape("polygon", tuple(rub.box), label, "strip", page),
                                   "base", True))
            for ch in rub.chars:
                kind = "polygon" if len(ch.box) >= 6 else "box"
                out.append(Overlay(Shape(kind, tuple(ch.box), f"{ch.char} {ch.confidence:.2f}",
                                         "char", page), "base", True))
    for photo in result.photos:
        if photo.file != file or photo.page != page:
            continue
        if photo.picture_box and len(photo.picture_box) >= 6:
            out.append(Overlay(Shape("polygon", tuple(photo.picture_box), "", "picture", page),
                               "base", True))
        if photo.vehicle_box and len(photo.vehicle_box) >= 4:
            view = texts.view_name(photo.view)
            if photo.azimuth_deg is not None:
                view = f"{view} {photo.azimuth_deg:.0f}°".strip()
            label = Q.translate("Checklist", "vehicle") + (f" · {view}" if view else "")
            if photo.fill_ratio is not None:
                label += f" · {photo.fill_ratio:.0%}"
            out.append(Overlay(Shape("box", tuple(photo.vehicle_box), label, "vehicle", page),
                               "base", True))
        for plate in photo.plates:
            kind = "polygon" if len(plate.box) >= 6 else "box"
            # a plate on another vehicle: the label of its plate_visible evidence, drawn once
            label = f"{plate.text} {plate.score:.2f}" if plate.on_vehicle is not False else \
                plate.label()
            out.append(Overlay(Shape(kind, tuple(plate.box), label, "plate", page), "base",
                               True))
    return out


def evidence_overlays(groups: list[Group], image: tuple[str, int]) -> list[Overlay]:
    """Every finding's evidence shapes on one image, keyed by the finding."""
    out: list[Overlay] = []
    for g in groups:
        for e in g.entries:
            if e.image is None or e.image[0] != image[0]:
                continue
            for s in e.finding.evidence:
                if s.page == image[1]:
                    out.append(Overlay(s, e.key))
    return out


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit text wrapped to the width of its column (a plain QTreeView
    sizes rows as if the text were on one line and then cuts it off). Only ``sizeHint``
    is overridden: overriding ``paint`` or ``initStyleOption`` in Python leaks a reference
    to None per call in PySide6 6.12 (the interpreter dies after a while)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self.view.columnWidth(index.column())
        if index.column() == 0:  # less the tree's indentation
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * depth
        if index.column() not in WRAPPED_COLUMNS or width <= 0 or not index.parent().isValid():
            return super().sizeHint(option, index)  # group titles span the whole row
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, width, 10_000)  # a valid rect: the style wraps within it
        return super().sizeHint(opt, index)


class Checklist(QTreeWidget):
    """Rows per finding, grouped. ``entrySelected(key)`` when a finding row is chosen
    (``""`` when a group or nothing is)."""

    entrySelected = Signal(str)

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(self.COLUMNS)
        self.setRootIsDecorated(True)
        # explanations are sentences with values: they wrap instead of being cut off
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._relayout)
        self.setItemDelegate(WrappingDelegate(self))
        self.setColumnWidth(0, 196)
        self.setColumnWidth(1, 64)
        self.setColumnWidth(2, 118)
        self.groups: list[Group] = []
        self.entries: dict[str, Entry] = {}
        self._decisions: list[Decision] = []
        self.itemSelectionChanged.connect(self._on_selection)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([Q.translate("Checklist", "Rule"),
                              Q.translate("Checklist", "Result"),
                              Q.translate("Checklist", "Measured / limit"),
                              Q.translate("Checklist", "Explanation")])

    def clear_result(self) -> None:
        self.groups = []
        self.entries = {}
        self._decisions = []
        self.clear()

    def show_groups(self, groups: list[Group], decisions: list[Decision]) -> None:
        """Fill the tree; decisions are matched to findings by (code, target)."""
        self.blockSignals(True)
        self.clear()
        self.groups = groups
        self.entries = {}
        self._decisions = list(decisions)
        for g in groups:
            if not g.entries:
                continue
            top = QTreeWidgetItem([g.title])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            worst = _worst([self.status_of(e) for e in g.entries])
            top.setIcon(0, status_icon(worst))
            self.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for e in g.entries:
                self.entries[e.key] = e
                top.addChild(self._row(e))
            top.setExpanded(True)  # every rule visible with its value, passed or not
        self.blockSignals(False)

    def _row(self, e: Entry) -> QTreeWidgetItem:
        f = e.finding
        result = texts.status_text(f.status)
        d = self.decision_of(e)
        status = effective_status(f, d)
        if d is not None and f.status in (Status.REVIEW, Status.SKIPPED):
            result = (Q.translate("Checklist", "accepted") if d.accepted
                      else Q.translate("Checklist", "rejected"))
        measured = texts.values_text(f)
        expl = texts.explanation(f)
        advice = texts.advice(f)
        if advice and d is None:  # what to do next (vincheck.rules)
            expl += "\n" + Q.translate("Checklist", "What to do: {advice}").format(advice=advice)
        if d is not None and f.status in (Status.REVIEW, Status.SKIPPED):
            who = d.operator or Q.translate("Checklist", "operator")
            said = Q.translate("Checklist", "{who}: {note}").format(who=who,
                                                                    note=d.note or result)
            expl = f"{said} — {expl}"
        item = QTreeWidgetItem([texts.rule_title(f.code), result, measured, expl])
        item.setIcon(0, status_icon(status))
        item.setData(0, STATUS_ROLE, status.value)
        item.setForeground(1, QBrush(STATUS_COLOURS[status]))
        item.setData(0, KEY_ROLE, e.key)
        tip = f"{texts.rule_title(f.code)} [{f.code}]\n{expl}"
        if f.message and not texts.chinese():  # the engine's English words: English UI only
            tip += f"\n{f.message}"
        for c in range(self.COLUMNS):
            item.setToolTip(c, tip)
        return item

    def decision_of(self, e: Entry) -> Decision | None:
        """The operator's decision on an entry's finding, if any."""
        return decision_for(self._decisions, e.finding.code, e.target)

    def status_of(self, e: Entry) -> Status:
        """An entry's status after the operator's decision (what its row shows)."""
        return effective_status(e.finding, self.decision_of(e))

    def status_counts(self) -> dict[Status, int]:
        """How many rows show each status (after decisions)."""
        counts = {s: 0 for s in Status}
        for e in self.entries.values():
            counts[self.status_of(e)] += 1
        return counts

    def pending_keys(self) -> list[str]:
        """Keys of the rows still awaiting the operator's review, in display order."""
        return [e.key for g in self.groups for e in g.entries
                if self.status_of(e) in (Status.REVIEW, Status.SKIPPED)]

    def select_pending(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) row still awaiting review, round
        the list; False when none is left."""
        keys = self.pending_keys()
        if not keys:
            return False
        order = [e.key for g in self.groups for e in g.entries]
        cur = self.current_key()
        pos = order.index(cur) if cur in order else (-1 if step > 0 else len(order))
        ahead = [k for k in keys if (order.index(k) - pos) * step > 0]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else \
            (keys[0] if step > 0 else keys[-1])
        return self.select_key(target)

    def _relayout(self, *_args: object) -> None:
        """Row heights follow the column widths (wrapped text needs more or fewer lines)."""
        self.scheduleDelayedItemsLayout()

    def current_key(self) -> str:
        items = self.selectedItems()
        if not items:
            return ""
        return str(items[0].data(0, KEY_ROLE) or "")

    def current_entry(self) -> Entry | None:
        return self.entries.get(self.current_key())

    def select_key(self, key: str) -> bool:
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.data(0, KEY_ROLE) == key:
                    top.setExpanded(True)
                    self.setCurrentItem(child)
                    self.scrollToItem(child)
                    # rows get their wrapped heights later: scroll again once they have
                    # (tied to self: dropped when the list is deleted before it fires)
                    QTimer.singleShot(0, self, self._scroll_to_current)
                    return True
        return False

    def _scroll_to_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.scrollToItem(item)

    def row_count(self) -> int:
        return len(self.entries)

    def _on_selection(self) -> None:
        self.entrySelected.emit(self.current_key())


def _worst(statuses: list[Status]) -> Status:
    for s in (Status.FAIL, Status.REVIEW, Status.SKIPPED):
        if s in statuses:
            return s
    return Status.PASS
