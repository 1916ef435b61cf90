"""The import wizard's preview table: the file's rows as read, bad rows red, rows that update blue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from policeroom.services.core.imports import ImportReport, ImportSpec, Sheet, cell_text
from policeroom.ui.i18n import tr

_Index = QModelIndex | QPersistentModelIndex
BAD_BACKGROUND = QColor("#fde0dc")
UPDATE_BACKGROUND = QColor("#e3f2fd")


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class PreviewModel(QAbstractTableModel):
    """The file's rows as read (mapped columns only), bad rows red, rows that update blue."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[tuple[int, list[str], list[str], bool]] = []  # row, cells, problems, updates
        self.report = ImportReport(rows=[])

    def load(self, spec: ImportSpec, sheet: Sheet, mapping: dict[str, int | None], report: ImportReport,
             only_bad: bool, existing_note: str = "") -> None:
        self.beginResetModel()
        fields = [(f.label, mapping[f.key]) for f in spec.fields if mapping.get(f.key) is not None]
        self.headers = [tr("行号")] + [label for label, _i in fields] + [tr("问题")]
        problems: dict[int, list[str]] = {}
        for e in report.errors:
            problems.setdefault(e.row, []).append(f"{e.column}：{e.message}")
        merged = report.merged
        self.rows = []
        for row_no, cells in sheet.rows:
            bad = problems.get(row_no, [])
            if only_bad and not bad:
                continue
            shown = [cell_text(cells[i]) if i is not None and i < len(cells) else "" for _l, i in fields]
            if bad:
                notes = bad
            elif row_no in merged:
                notes = [tr("与第 {r} 行重复，已合并").format(r=merged[row_no])]
            elif row_no in report.changes:
                notes = [f"{label}：{before} → {after}" for label, before, after in report.changes[row_no]]
            elif row_no in report.unchanged_rows:
                notes = [tr("已登记，未变化")]
            elif row_no in report.existing_rows and existing_note:
                notes = [existing_note]
            else:
                notes = []
            self.rows.append((row_no, shown, notes, row_no in report.existing_rows))
        self.report = report
        self.has_problems = bool(problems)
        self._bad = problems
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0 and self.rows[index.row()][0] in self.report.changes:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Untick an update row to leave that person as registered (每条更新都可以取消)."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        row_no = self.rows[index.row()][0]
        if row_no not in self.report.changes:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.report.excluded.discard(row_no)
        else:
            self.report.excluded.add(row_no)
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row_no, cells, notes, updates = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return str(row_no)
            if col == len(self.headers) - 1:
                return "；".join(notes) if role == Qt.ItemDataRole.DisplayRole else "\n".join(notes)
            return cells[col - 1] if col - 1 < len(cells) else ""
        if role == Qt.ItemDataRole.CheckStateRole and col == 0 and row_no in self.report.changes:
            return Qt.CheckState.Unchecked if row_no in self.report.excluded else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.BackgroundRole:
            if row_no in self._bad:
                return QBrush(BAD_BACKGROUND)
            if updates:
                return QBrush(UPDATE_BACKGROUND)
        return None


__all__ = ["BAD_BACKGROUND", "UPDATE_BACKGROUND", "PreviewModel", "column_letter"]
