"""The 入户走访记录台账 as a spreadsheet, through the one list writer (reports.core.xlsx)."""

from __future__ import annotations

from collections.abc import Iterable

from policeroom.reports.core.xlsx import LedgerColumn, ledger_xlsx
from policeroom.services.core.settings import RoomSettings
from policeroom.services.fieldwork.types import VisitRow

COLUMNS = (
    LedgerColumn("走访日期", 12, lambda r: r.visited_on, "day"),
    LedgerColumn("网格", 16, lambda r: r.grid),
    LedgerColumn("地址", 16, lambda r: r.address),
    LedgerColumn("户类", 12, lambda r: r.kind),
    LedgerColumn("走访人", 14, lambda r: r.visitor + (f"、{r.companions}" if r.companions else "")),
    LedgerColumn("接待人", 10, lambda r: r.received_by),
    LedgerColumn("走访事由", 20, lambda r: r.purpose, "wrap"),
    LedgerColumn("人口变动", 18, lambda r: r.population, "wrap"),
    LedgerColumn("隐患", 18, lambda r: r.hazards, "wrap"),
    LedgerColumn("纠纷", 18, lambda r: r.disputes, "wrap"),
    LedgerColumn("诉求", 18, lambda r: r.wishes, "wrap"),
    LedgerColumn("处理意见", 20, lambda r: r.action, "wrap"),
    LedgerColumn("被走访人签名", 8, lambda r: "已签" if r.signed else "未签", "center"),
    LedgerColumn("下次走访日期", 12, lambda r: r.next_due, "day"),
)


def visits_xlsx(rows: Iterable[VisitRow], room: RoomSettings, period: str) -> bytes:
    return ledger_xlsx(f"{room.room_name}入户走访记录台账{period}", "入户走访", COLUMNS, rows)
