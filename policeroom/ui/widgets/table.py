"""Table models shared by every list: column specs, a small in-memory model and a windowed id model.

A big list (residents now, requests later) holds only the ordered row ids; rows are fetched from the
service one page at a time when the view asks for them, so a million rows cost a million ints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")

#: Qt role returning the record id of a row.
IdRole = Qt.ItemDataRole.UserRole + 1
#: Qt role returning the row object itself.
RowRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, how to show a row's value, and the service's sort key (None: unsortable).

    ``export`` gives the value written to Excel when it differs from the text shown (a ``datetime``
    instead of its formatted text, so the sheet has real dates); None exports the shown value.
    """

    header: str
    value: Callable[[R], Any]
    sort: str | None = None
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None
    export: Callable[[R], Any] | None = None


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Common display logic; subclasses say how rows are found."""

    def __init__(self, columns: Sequence[Column[R]], *, dimmed: Callable[[R], bool] | None = None) -> None:
        super().__init__()
        self.columns = list(columns)
        self._dimmed = dimmed
        self.sort_key: str | None = None
        self.descending = False

    # subclasses -------------------------------------------------------------------------
    def row_at(self, i: int) -> R | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return row.id  # type: ignore[attr-defined]

    def reload(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def export_rows(self) -> Iterator[R]:
        """Every row the list holds now (filters applied), in its order, not only those on screen."""
        for i in range(self.rowCount()):
            row = self.row_at(i)
            if row is not None:
                yield row

    # Qt ---------------------------------------------------------------------------------
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.columns):
                return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.column() < len(self.columns)):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(col.value(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed is not None and self._dimmed(row):
            return QBrush(QColor("#9e9e9e"))
        if role == IdRole:
            return self.row_id(row)
        if role == RowRole:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or self.columns[column].sort is None:
            return
        self.sort_key = self.columns[column].sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_of_id(self, record_id: int) -> int:
        for i in range(self.rowCount()):
            row = self.row_at(i)
            if row is not None and self.row_id(row) == record_id:
                return i
        return -1


class ListTableModel(RecordTableModel[R]):
    """Rows held in memory: for short lists (team, grids, accounts)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        load: Callable[[str | None, bool], list[R]],
        *,
        dimmed: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__(columns, dimmed=dimmed)
        self._load = load
        self._rows: list[R] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, i: int) -> R | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._load(self.sort_key, self.descending)
        self.endResetModel()


class IdWindowModel(RecordTableModel[R]):
    """Holds the ordered ids only; fetches rows a page at a time as the view scrolls."""

    PAGE = 200
    MAX_CACHED_PAGES = 50

    def __init__(
        self,
        columns: Sequence[Column[R]],
        load_ids: Callable[[str | None, bool], list[int]],
        load_rows: Callable[[list[int]], list[R]],
        *,
        dimmed: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__(columns, dimmed=dimmed)
        self._load_ids = load_ids
        self._load_rows = load_rows
        self._ids: list[int] = []
        self._pages: dict[int, dict[int, R]] = {}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def row_id(self, row: R) -> int:
        return row.id  # type: ignore[attr-defined]

    def row_at(self, i: int) -> R | None:
        if not 0 <= i < len(self._ids):
            return None
        page_no = i // self.PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * self.PAGE : (page_no + 1) * self.PAGE]
            page = {self.row_id(r): r for r in self._load_rows(ids)}
            if len(self._pages) >= self.MAX_CACHED_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[page_no] = page
        return page.get(self._ids[i])

    def ids(self) -> list[int]:
        """The ids of every row, in the list's order."""
        return list(self._ids)

    def export_rows(self) -> Iterator[R]:
        """All matching rows, fetched a page at a time past the view's cache."""
        for start in range(0, len(self._ids), self.PAGE):
            yield from self._load_rows(self._ids[start : start + self.PAGE])

    def row_of_id(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self._load_ids(self.sort_key, self.descending)
        self._pages.clear()
        self.endResetModel()
