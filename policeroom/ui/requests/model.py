"""The request list's table model: a window over a million rows (count + ids in chunks + rows per page).

Nothing here holds the whole table: ``rowCount`` is the service's count, the ordered ids are fetched
a chunk at a time (``ids(limit=, offset=)``) when the view scrolls to them, and the rows a page at a
time (``rows(ids)``). Old chunks and pages are dropped from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QItemDelegate, QWidget

from policeroom.models import STATUS_LABELS, URGENCY_LABELS, Urgency
from policeroom.services.loop.lights import Light
from policeroom.services.requests.service import RequestFilter, RequestRow, RequestService
from policeroom.ui.i18n import tr
from policeroom.ui.requests.common import (
    LIGHT_BACKGROUND,
    LIGHT_CELL,
    OVERDUE_TEXT,
    URGENT_TEXT,
    fmt_dt,
    fmt_short,
)
from policeroom.ui.widgets.table import Column, IdRole, RecordTableModel

_Index = QModelIndex | QPersistentModelIndex


def _due(r: RequestRow) -> str:
    if r.light == Light.parked:
        return tr("挂账")
    if r.due is None:
        return ""
    mark = {Light.red: tr("超期"), Light.yellow: tr("临期")}.get(r.light)
    return fmt_short(r.due) + (" " + mark if mark else "")


def _due_tip(r: RequestRow) -> str:
    if r.light == Light.parked:
        return tr("已挂账，暂停计时")
    if r.due is None:
        return ""
    why = {
        Light.red: tr("已超过本环节期限，可督办"),
        Light.yellow: tr("本环节时限已用去八成以上"),
    }.get(r.light, tr("本环节期限"))
    return f"{why}：{fmt_dt(r.due)}"


def request_columns() -> list[Column[RequestRow]]:
    """The list's columns with the service's sort keys."""
    return [
        Column(tr("编号"), lambda r: r.number, "number"),
        Column(tr("求助时间"), lambda r: fmt_dt(r.received_at), "received_at", export=lambda r: r.received_at),
        Column(tr("求助人"), lambda r: r.requester, "requester", tooltip=lambda r: r.phone),
        Column(tr("类别"), lambda r: r.category, "category"),
        Column(tr("紧急程度"), lambda r: URGENCY_LABELS[r.urgency], "urgency"),
        Column(tr("状态"), lambda r: STATUS_LABELS[r.status], "status"),
        Column(tr("处置人"), lambda r: r.assignee, "assignee"),
        Column(tr("网格"), lambda r: r.grid, "grid", tooltip=lambda r: r.grid),
        Column(tr("期限"), _due, "due", tooltip=_due_tip),
        Column(tr("求助事项"), lambda r: r.summary, None, tooltip=lambda r: r.summary),
    ]


#: index of the 紧急程度 column (drawn bold red for 特急)
URGENCY_COLUMN = 4
#: index of the 期限 column (its colour is the step's light, green included)
DUE_COLUMN = 8


class RequestWindowModel(RecordTableModel[RequestRow]):
    """Requests matching a filter, in the chosen order, loaded lazily.

    Args:
        service: ``services.requests``.
        current_filter: Called on every reload for the filter to show (the page's search box and bar).
    """

    CHUNK = 1000  # ids per ``ids()`` call
    PAGE = 200  # rows per ``rows()`` call
    MAX_CHUNKS = 100
    MAX_PAGES = 50

    def __init__(self, service: RequestService, current_filter: Callable[[], RequestFilter]) -> None:
        super().__init__(request_columns())
        self.service = service
        self.current_filter = current_filter
        self.sort_key = "number"
        self.descending = True  # newest first
        #: nothing is loaded until the page has built its filter bar
        self.active = False
        self._count = 0
        self._filter = RequestFilter()
        self._chunks: dict[int, list[int]] = {}
        self._pages: dict[int, dict[int, RequestRow]] = {}

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._chunks.clear()
        self._pages.clear()
        if self.active:
            self._filter = self.current_filter()
            self._count = self.service.count(self._filter)
        else:
            self._count = 0
        self.endResetModel()

    def id_at(self, i: int) -> int | None:
        """The id shown in row ``i`` (fetching its chunk of ids if needed)."""
        if not 0 <= i < self._count:
            return None
        chunk_no = i // self.CHUNK
        chunk = self._chunks.get(chunk_no)
        if chunk is None:
            chunk = self._fetch_chunk(chunk_no)
            if len(self._chunks) >= self.MAX_CHUNKS:
                self._chunks.pop(next(iter(self._chunks)))
            self._chunks[chunk_no] = chunk
        offset = i - chunk_no * self.CHUNK
        return chunk[offset] if offset < len(chunk) else None  # rows deleted since the count

    def _fetch_chunk(self, chunk_no: int) -> list[int]:
        """The ids of one chunk.

        Past the middle it reads from the other end (the reverse order, reversed back): SQLite's OFFSET
        walks every row it skips, so this way the last screen of a million rows costs what the first does.
        """
        start = chunk_no * self.CHUNK
        end = min(start + self.CHUNK, self._count)
        sort = self.sort_key or "number"
        if start > self._count // 2:  # the service breaks ties by id the same way in both directions
            ids = self.service.ids(
                self._filter,
                sort=sort,
                descending=not self.descending,
                limit=end - start,
                offset=self._count - end,
            )
            ids.reverse()
            return ids
        return self.service.ids(
            self._filter, sort=sort, descending=self.descending, limit=end - start, offset=start
        )

    def row_at(self, i: int) -> RequestRow | None:
        record_id = self.id_at(i)
        if record_id is None:
            return None
        page_no = i // self.PAGE
        page = self._pages.get(page_no)
        if page is None:
            span = range(page_no * self.PAGE, min((page_no + 1) * self.PAGE, self._count))
            ids = [x for x in (self.id_at(j) for j in span) if x is not None]
            page = {r.id: r for r in self.service.rows(ids)}
            if len(self._pages) >= self.MAX_PAGES:
                self._pages.pop(next(iter(self._pages)))
            self._pages[page_no] = page
        return page.get(record_id)

    def export_rows(self) -> Iterator[RequestRow]:
        """Every request of the current filter in list order, a page at a time (for the Excel export)."""
        sort = self.sort_key or "number"
        for start in range(0, self._count, self.CHUNK):
            ids = self.service.ids(
                self._filter, sort=sort, descending=self.descending, limit=self.CHUNK, offset=start
            )
            for p in range(0, len(ids), self.PAGE):
                yield from self.service.rows(ids[p : p + self.PAGE])

    def row_of_id(self, record_id: int) -> int:
        """The row showing ``record_id`` among the first chunk and those fetched so far, else -1.

        Never a full scan: after a reload the record to select (a new or just edited one) is usually
        on the first screen; one further away is not looked for.
        """
        if self._count and 0 not in self._chunks:
            self.id_at(0)
        for chunk_no, chunk in self._chunks.items():
            if record_id in chunk:
                return chunk_no * self.CHUNK + chunk.index(record_id)
        return -1

    def refresh_rows(self) -> None:
        """Re-read the rows on screen (a step changed a status or a deadline) without recounting."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1))

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == IdRole:
            return self.id_at(index.row())
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            row = self.row_at(index.row())
            if row is None or not 0 <= index.column() < len(self.columns):
                return None
            critical = index.column() == URGENCY_COLUMN and row.urgency == Urgency.critical
            if role == Qt.ItemDataRole.BackgroundRole:
                colours = LIGHT_CELL if index.column() == DUE_COLUMN else LIGHT_BACKGROUND
                color = colours.get(row.light)
                return QBrush(QColor(color)) if color else None
            if role == Qt.ItemDataRole.ForegroundRole:
                if critical:
                    return QBrush(QColor(URGENT_TEXT))
                lit = row.light in LIGHT_BACKGROUND or index.column() == DUE_COLUMN and row.light in LIGHT_CELL
                return QBrush(QColor(OVERDUE_TEXT)) if lit else None
            if critical:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)


def row_colour_delegate(parent: QWidget) -> QItemDelegate:
    """A delegate that shows the model's row colours (BackgroundRole, ForegroundRole, FontRole).

    The theme's ``QTableView::item { color: … }`` rule makes Qt's stylesheet style ignore the colours a
    model gives, so QStyledItemDelegate cannot show them. QItemDelegate paints them itself. It is used
    as it is, in C++: a Python ``paint()`` override would run Python for every cell on every repaint
    (and PySide6 6.12 on Python 3.11 drops a reference to None on each void call made from Python, which
    ends in "Fatal Python error: none_dealloc" after enough calls).
    """
    return QItemDelegate(parent)
