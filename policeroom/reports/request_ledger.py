"""The 群众求助登记台账 as an xlsx workbook (openpyxl): plain ledger rows in, xlsx bytes out; no Qt.

Written in openpyxl's write-only mode (rows streamed to the file, cell styles copied from one
template cell per column) so that a busy year of several thousand requests exports in about a second.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from policeroom.services.request_export import LedgerRow
from policeroom.services.settings import RoomSettings

TITLE = "群众求助登记台账"
SHEET_TITLE = "群众求助台账"
DATE_FORMAT = "yyyy-mm-dd hh:mm"
DAY_FORMAT = "yyyy-mm-dd"
FONT_NAME = "宋体"
FONT_SIZE = 10
LINE_HEIGHT = 13.5  # points per text line at FONT_SIZE
MAX_ROW_HEIGHT = 409  # Excel's limit
PAPERSIZE_A3 = "8"  # Worksheet.PAPERSIZE_A3


@dataclass(frozen=True)
class Column:
    """One ledger column: header, width (Excel character units), how to read it, how to show it."""

    header: str
    width: float
    value: Callable[[Any], object]
    kind: str = "text"  # text / date (date and time) / day (date only) / wrap / center


def _status(row: LedgerRow) -> str:
    return f"{row.status}（{row.void_reason}）" if row.void_reason else row.status


COLUMNS: tuple[Column, ...] = (
    Column("编号", 15, lambda r: r.number, "center"),
    Column("求助时间", 17, lambda r: r.received_at, "date"),
    Column("方式", 10, lambda r: r.channel, "center"),
    Column("求助人", 10, lambda r: r.requester, "center"),
    Column("联系电话", 14, lambda r: r.phone),
    Column("住址", 24, lambda r: r.address, "wrap"),
    Column("事发地点", 22, lambda r: r.location, "wrap"),
    Column("网格", 14, lambda r: r.grid, "wrap"),
    Column("类别", 12, lambda r: r.category, "center"),
    Column("紧急程度", 9, lambda r: r.urgency, "center"),
    Column("求助事项", 40, lambda r: r.description, "wrap"),
    Column("接待人", 9, lambda r: r.receiver, "center"),
    Column("处置人", 9, lambda r: r.assignee, "center"),
    Column("派遣时间", 17, lambda r: r.dispatched_at, "date"),
    Column("处置情况", 46, lambda r: r.actions_text, "wrap"),
    Column("反馈时间", 17, lambda r: r.feedback_at, "date"),
    Column("反馈内容", 34, lambda r: r.feedback, "wrap"),
    Column("回访时间", 17, lambda r: r.visited_at, "date"),
    Column("回访方式", 10, lambda r: r.visit_method, "center"),
    Column("满意度", 9, lambda r: r.satisfaction, "center"),
    Column("办结时间", 17, lambda r: r.closed_at, "date"),
    Column("状态", 10, _status, "wrap"),
    Column("转办部门", 12, lambda r: r.referred_to, "wrap"),
)


def ledger_title(room: RoomSettings, date_from: date, date_to: date) -> str:
    """``安华里社区警务室群众求助登记台账（2026年1月1日至2026年12月31日）``."""
    return f"{room.room_name}{TITLE}（{_cn_date(date_from)}至{_cn_date(date_to)}）"


def requests_xlsx(rows: Iterable[LedgerRow], room: RoomSettings, date_from: date, date_to: date) -> bytes:
    """Build the 群众求助登记台账 workbook.

    Row 1 is the title merged across all columns, row 2 the header (frozen, with an autofilter),
    then one row per request. Times are real Excel dates; long text wraps in its cell, and each row
    is given a height that shows all of its lines.

    Args:
        rows: The ledger lines, e.g. from ``services.request_export.ledger_rows``.
        room: The room's settings (its name goes into the title).
        date_from: First day of the period (for the title).
        date_to: Last day of the period (for the title).

    Returns:
        The xlsx file's bytes.
    """
    return table_xlsx(ledger_title(room, date_from, date_to), SHEET_TITLE, COLUMNS, rows)


def table_xlsx(title_text: str, sheet_title: str, columns: tuple[Column, ...], rows: Iterable[Any]) -> bytes:
    """A ledger workbook: the title merged across row 1, a frozen header with a filter, one row per item."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title)
    ncols = len(columns)
    last_col = get_column_letter(ncols)
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A3"
    _page_setup(ws)

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=FONT_NAME, size=FONT_SIZE)

    title = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub("", title_text))
    title.font = Font(name=FONT_NAME, size=15, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.merged_cells.add(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 30
    ws.append([title])

    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        header.append(cell)
    ws.row_dimensions[2].height = 22
    ws.append(header)

    # One styled template cell per column; data cells copy its style array (much faster than
    # assigning font/alignment/border objects cell by cell).
    templates = []
    for col in columns:
        cell = WriteOnlyCell(ws)
        cell.font = font
        cell.border = border
        if col.kind in ("date", "day"):
            cell.number_format = DATE_FORMAT if col.kind == "date" else DAY_FORMAT
            cell.alignment = Alignment(horizontal="center", vertical="top")
        elif col.kind == "center":
            cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        else:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        templates.append(cell._style)

    wrap_widths = [(i, col.width) for i, col in enumerate(columns) if col.kind in ("wrap", "center")]
    n = 2
    for row in rows:
        n += 1
        values = [col.value(row) for col in columns]
        lines = max((_lines(values[i], width) for i, width in wrap_widths), default=1)
        if lines > 1:
            ws.row_dimensions[n].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)
        cells = []
        for value, style in zip(values, templates, strict=True):
            if value.__class__ is str:  # control characters (pasted text) are not allowed in xlsx
                value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
            cell = WriteOnlyCell(ws, value)
            cell._style = style  # shared: write-only cells are serialised and dropped, never changed
            cells.append(cell)
        ws.append(cells)
    ws.auto_filter.ref = f"A2:{last_col}{max(n, 3)}"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _page_setup(ws) -> None:  # noqa: ANN001 - openpyxl write-only worksheet
    """Print on A3 landscape, all columns on one page width, the header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "2:2"


def _lines(value: object, width: float) -> int:
    """How many lines ``value`` takes when wrapped in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    usable = max(width - 0.5, 2)
    total = 0
    for part in value.split("\n"):
        # Chinese characters are three UTF-8 bytes and two columns wide; ASCII is one and one.
        units = len(part) + (len(part.encode("utf-8")) - len(part)) // 2
        total += max(1, math.ceil(units / usable))
    return total


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


__all__ = ["COLUMNS", "SHEET_TITLE", "TITLE", "Column", "ledger_title", "requests_xlsx", "table_xlsx"]
