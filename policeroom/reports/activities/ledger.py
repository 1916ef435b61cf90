"""Activities and the points ledger as xlsx workbooks, through the one list writer (``reports.core.xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable

from policeroom.reports.core.xlsx import LedgerColumn as Column
from policeroom.reports.core.xlsx import ledger_xlsx
from policeroom.services.activities.rules import fmt_hours, fmt_points, needs_text
from policeroom.services.activities.types import ActivityRow, LedgerLine

POINTS_COLUMNS: tuple[Column, ...] = (
    Column("志愿者编号", 14, lambda r: r.volunteer_number, "center"),
    Column("姓名", 10, lambda r: r.volunteer_name, "center"),
    Column("时间", 17, lambda r: r.at, "date"),
    Column("类别", 10, lambda r: r.kind, "center"),
    Column("摘要", 34, lambda r: r.summary, "wrap"),
    Column("变动", 9, lambda r: float(fmt_points(r.amount))),
    Column("余额", 9, lambda r: float(fmt_points(r.balance_after))),
    Column("经办人", 10, lambda r: r.operator, "center"),
    Column("原因", 24, lambda r: r.reason, "wrap"),
)

ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column("活动编号", 13, lambda r: r.number, "center"),
    Column("活动类型", 12, lambda r: r.kind, "center"),
    Column("活动名称", 28, lambda r: r.title, "wrap"),
    Column("开始时间", 17, lambda r: r.starts_at, "date"),
    Column("结束时间", 17, lambda r: r.ends_at, "date"),
    Column("地点", 20, lambda r: r.place, "wrap"),
    Column("网格", 14, lambda r: r.grid, "wrap"),
    Column("组织人", 10, lambda r: r.organiser, "center"),
    Column("需要人员", 20, lambda r: needs_text(r.needs), "wrap"),
    Column("有风险", 8, lambda r: "是" if r.risky else "否", "center"),
    Column("参加人数", 9, lambda r: r.signed_up),
    Column("待确认", 8, lambda r: r.waiting),
    Column("确认时长（小时）", 12, lambda r: float(fmt_hours(r.confirmed_minutes))),
    Column("状态", 9, lambda r: r.status_label, "center"),
    Column("取消原因", 20, lambda r: r.cancel_reason, "wrap"),
)


def points_xlsx(rows: Iterable[LedgerLine], title: str) -> bytes:
    return ledger_xlsx(title, "积分台账", POINTS_COLUMNS, rows)


def activities_xlsx(rows: Iterable[ActivityRow], title: str) -> bytes:
    return ledger_xlsx(title, "志愿服务活动", ACTIVITY_COLUMNS, rows)
