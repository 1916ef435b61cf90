"""群防群治 figures for the weekly and monthly summaries and the 工作台.

How each is counted (printed under the table as the other figures are):
    参与志愿者   volunteers with service hours confirmed in the period (distinct people).
    开展活动     activities starting in the period, cancelled ones not counted.
    志愿服务时长 confirmed hours posted to the hours ledger in the period, net of reversals.
    兑换积分     points of redemptions applied for in the period, not revoked or expired.
    拉动测试     drills of the emergency units held in the period.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.models import Activity, ActivityStatus, Drill, HoursEntry, Redemption, RedemptionStatus


def count_forces(s: Session, start_at: datetime, end_at: datetime) -> dict[str, float | int]:
    """The period's 群防群治 figures as ``{figure key: value}``."""

    def within(col):  # noqa: ANN001, ANN202
        return (col >= start_at) & (col < end_at)

    active = s.scalar(
        select(func.count(func.distinct(HoursEntry.volunteer_id))).where(
            within(HoursEntry.at), HoursEntry.kind == "service"
        )
    )
    activities = s.scalar(
        select(func.count()).select_from(Activity).where(within(Activity.starts_at), Activity.status != ActivityStatus.cancelled)
    )
    minutes = s.scalar(select(func.coalesce(func.sum(HoursEntry.amount), 0)).where(within(HoursEntry.at)))
    points = s.scalar(
        select(func.coalesce(func.sum(Redemption.points), 0)).where(
            within(Redemption.applied_at), Redemption.status.not_in((RedemptionStatus.revoked, RedemptionStatus.expired))
        )
    )
    drills = s.scalar(select(func.count()).select_from(Drill).where(within(Drill.held_at)))
    return {
        "volunteers_active": int(active or 0),
        "activities": int(activities or 0),
        "volunteer_hours": round(int(minutes or 0) / 60, 1),
        "points_redeemed": int(points or 0),
        "drills": int(drills or 0),
    }


def minutes_confirmed(s: Session, start_at: datetime, end_at: datetime, scope=None) -> int:  # noqa: ANN001
    """Confirmed minutes posted in the period (``scope``: a SELECT of the volunteer ids counted, or None: all)."""
    stmt = select(func.coalesce(func.sum(HoursEntry.amount), 0)).where(HoursEntry.at >= start_at, HoursEntry.at < end_at)
    if scope is not None:
        stmt = stmt.where(HoursEntry.volunteer_id.in_(scope))
    return int(s.scalar(stmt) or 0)


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    first = datetime(now.year, now.month, 1)
    return first, (first + timedelta(days=32)).replace(day=1)


def waiting_approval(s: Session, scope=None) -> int:  # noqa: ANN001 - a SELECT of volunteer ids, or None: all
    """Redemptions applied for and waiting for the officer's approval."""
    stmt = select(func.count()).select_from(Redemption).where(Redemption.status == RedemptionStatus.applied)
    if scope is not None:
        stmt = stmt.where(Redemption.volunteer_id.in_(scope))
    return int(s.scalar(stmt) or 0)
