"""The 矛盾纠纷排查台账 and the 人民调解案件登记台账 as xlsx workbooks (openpyxl); no Qt."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from policeroom.models import CASE_KIND_LABELS, CASE_STATUS_LABELS, DISPUTE_STATUS_LABELS, RISK_LABELS, Risk
from policeroom.reports.core.xlsx import LedgerColumn as Column
from policeroom.reports.core.xlsx import ledger_xlsx
from policeroom.services.core.settings import RoomSettings
from policeroom.services.mediation.types import CaseRow, DisputeRow

DISPUTE_COLUMNS: tuple[Column, ...] = (
    Column("编号", 13, lambda r: r.number, "center"),
    Column("排查日期", 12, lambda r: r.screened_on, "day"),
    Column("网格", 14, lambda r: r.grid, "wrap"),
    Column("纠纷类型", 12, lambda r: r.dispute_type, "center"),
    Column("当事人", 18, lambda r: r.parties, "wrap"),
    Column("涉及人数", 9, lambda r: r.people_count, "center"),
    Column("简要情况", 44, lambda r: r.summary, "wrap"),
    Column("风险等级", 9, lambda r: RISK_LABELS[r.risk], "center"),
    Column("化解责任人", 11, lambda r: r.owner, "center"),
    Column("化解时限", 12, lambda r: r.deadline, "day"),
    Column(
        "化解状态",
        10,
        lambda r: DISPUTE_STATUS_LABELS[r.status] + ("（超期）" if r.overdue else ""),
        "center",
    ),
    Column("化解日期", 12, lambda r: r.resolved_on, "day"),
    Column("调解案件", 24, lambda r: r.case_number, "wrap"),
)

CASE_COLUMNS: tuple[Column, ...] = (
    Column("案件编号", 26, lambda r: r.number, "wrap"),
    Column("类别", 10, lambda r: CASE_KIND_LABELS[r.kind], "center"),
    Column("受理日期", 12, lambda r: r.accepted_on, "day"),
    Column("案由", 30, lambda r: r.title, "wrap"),
    Column("纠纷类型", 12, lambda r: r.dispute_type, "center"),
    Column("当事人", 18, lambda r: r.parties, "wrap"),
    Column("调解员", 14, lambda r: r.mediators, "wrap"),
    Column("状态", 12, lambda r: CASE_STATUS_LABELS[r.status], "center"),
    Column("协议日期", 12, lambda r: r.agreed_on, "day"),
    Column("回访期限", 12, lambda r: r.visit_due, "day"),
    Column("提醒", 20, lambda r: r.attention, "wrap"),
)


#: the screen's 红/橙 row colours (ui/mediation/disputes.py RISK_BACKGROUND), for Excel
RISK_FILLS = {Risk.red: "F8D7DA", Risk.orange: "FFE5CC"}


def risk_fill(row: Any) -> str | None:
    return RISK_FILLS.get(getattr(row, "risk", None))


def disputes_xlsx(rows: Iterable[DisputeRow], room: RoomSettings, period: str = "", *, full: bool = False) -> bytes:
    return ledger_xlsx(f"{room.room_name}矛盾纠纷排查台账{period}", "矛盾纠纷排查台账", DISPUTE_COLUMNS, rows, full=full,
                       row_fill=risk_fill)


def cases_xlsx(rows: Iterable[CaseRow], room: RoomSettings, period: str = "", *, full: bool = False) -> bytes:
    name = room.committee_name or room.room_name
    return ledger_xlsx(f"{name}人民调解案件登记台账{period}", "人民调解案件台账", CASE_COLUMNS, rows, full=full)
