"""The 群众求助登记台账 as an xlsx workbook: plain ledger rows in, xlsx bytes out; no Qt.

The columns say how to read a row; the workbook is written by ``reports.xlsx_export.list_xlsx``, the
one writer every exported list uses (streamed, title row, frozen header, real dates, wrapped rows
tall enough to read).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from policeroom.reports.core.xlsx import LedgerColumn as Column
from policeroom.reports.core.xlsx import ledger_xlsx
from policeroom.services.core.dates import chinese_date
from policeroom.services.core.settings import RoomSettings
from policeroom.services.requests.export import LedgerRow

TITLE = "群众求助登记台账"
SHEET_TITLE = "群众求助台账"
PAPERSIZE_A3 = "8"  # Worksheet.PAPERSIZE_A3


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
    return f"{room.room_name}{TITLE}（{chinese_date(date_from)}至{chinese_date(date_to)}）"


def requests_xlsx(
    rows: Iterable[LedgerRow], room: RoomSettings, date_from: date, date_to: date, *, full: bool = False
) -> bytes:
    """Build the 群众求助登记台账 workbook.

    Row 1 is the title merged across all columns, row 2 the header (frozen, with an autofilter),
    then one row per request. Times are real Excel dates; long text wraps in its cell, and each row
    is given a height that shows all of its lines.

    Args:
        rows: The ledger lines, e.g. from ``services.request_export.ledger_rows``.
        room: The room's settings (its name goes into the title).
        date_from: First day of the period (for the title).
        date_to: Last day of the period (for the title).
        full: Identity numbers and phones in full (the officer's choice); masked by default.

    Returns:
        The xlsx file's bytes.
    """
    return ledger_xlsx(ledger_title(room, date_from, date_to), SHEET_TITLE, COLUMNS, rows, paper=PAPERSIZE_A3, full=full)


__all__ = ["COLUMNS", "SHEET_TITLE", "TITLE", "Column", "ledger_title", "requests_xlsx", "ledger_xlsx"]
