"""The calendar grid's table model: rows people, columns days, cells the shifts; broken rules flagged."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from policeroom.services.roster.service import RosterView
from policeroom.services.roster.types import ABSENCE_LABELS, ROLE_LABELS, STATION_COVER, WEEKDAYS, DayKind

ALERT = QColor("#ffcdd2")
REST = QColor("#f5f5f5")
HOLIDAY = QColor("#fde7e7")
Index = QModelIndex | QPersistentModelIndex
SHORT_ABSENCE = {"leave": "假", "comp_rest": "调", "training": "训", "other": "外"}  # as on the printed roster


class RosterModel(QAbstractTableModel):
    """A read model over a :class:`RosterView`; reload it with :meth:`set_view`."""

    def __init__(self) -> None:
        super().__init__()
        self.view: RosterView | None = None
        self._flags: dict[tuple[int, date], list[str]] = {}
        self.station: set[date] = set()  # 所值班: the station's duty officer is on call for the room's officer

    def set_view(self, view: RosterView) -> None:
        from policeroom.services.roster.rules import station_days

        self.beginResetModel()
        self.view = view
        self._flags = {}
        planned = {c.day for c in view.cells}  # a day nobody is planned on yet is no 所值班 day
        self.station = set(station_days(view.problem, view.cells)) & planned
        for v in view.violations:
            for key in v.cells:
                self._flags.setdefault(key, []).append(v.message)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.view is None else len(self.view.problem.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.view is None else len(self.view.problem.days)

    def member_day(self, index: Index) -> tuple[int, date]:
        p = self.view.problem
        return p.members[index.row()].id, p.days[index.column()]

    def flags_at(self, member_id: int, day: date) -> list[str]:
        return self._flags.get((member_id, day), [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.view is None:
            return None
        p = self.view.problem
        mid, day = self.member_day(index)
        cells = self.view.cells_of(mid, day)
        if role == Qt.ItemDataRole.DisplayRole:
            from policeroom.reports.roster.pdf import cell_text

            compact = len(p.days) > 10  # a month: narrow columns, one-character marks (the colour says the rest)
            text = cell_text(self.view, cells)
            if not text:
                a = p.absence(mid, day)
                label = ABSENCE_LABELS.get(a.kind, "请假") if a else ""
                text = (SHORT_ABSENCE.get(a.kind, "假") if compact else f"（{label}）") if a else ""
            if any(c.fixed for c in cells) or (mid, day) in p.fixed_days:
                text += "★"
            if self.flags_at(mid, day) and not compact:
                text += " ⚠"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.flags_at(mid, day):
                return QBrush(ALERT)
            if cells:
                shift = next((s for s in p.shifts if s.id == cells[0].shift_id), None)
                if shift is not None:
                    return QBrush(QColor(shift.color))
            info = self.view.days.get(day)
            if info is not None and info.kind != DayKind.workday:
                return QBrush(HOLIDAY if info.kind == DayKind.holiday else REST)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            shifts = {s.id: s for s in p.shifts}
            lines = [f"{shifts[c.shift_id].name} {shifts[c.shift_id].times}"
                     + (f"（{p.grids.get(c.grid_id, '')}）" if c.grid_id else "") for c in cells if c.shift_id in shifts]
            lines += ["⚠ " + m for m in self.flags_at(mid, day)]
            return "\n".join(lines) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if self.view is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = self.view.problem
        if orientation == Qt.Orientation.Vertical:
            m = p.members[section]
            return f"{m.name}（{ROLE_LABELS.get(m.role, '')}）"
        d = p.days[section]
        info = self.view.days.get(d)
        station = d in self.station
        if len(p.days) > 10:  # a month: day number and weekday; the holiday's name in the tooltip
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}" + (f" {info.name}" if info and info.name else "")
                        + (f"\n{STATION_TIP}" if station else ""))
            return f"{d.day}\n{WEEKDAYS[d.weekday()]}" + ("\n所" if station else "")
        if role == Qt.ItemDataRole.ToolTipRole and station:
            return STATION_TIP
        extra = f"\n{info.name}" if info and info.name else ""
        return f"{d.month}/{d.day}\n{WEEKDAYS[d.weekday()]}{extra}" + (f"\n{STATION_COVER}" if station else "")


STATION_TIP = f"{STATION_COVER}：民警休息，由派出所值班民警备勤"
