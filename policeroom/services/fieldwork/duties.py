"""The community officer's weekly duties (民警每周工作要求), counted from the work log and the roster.

每周要求 (local norms quoted by police-room rules):
    社区工作20小时  the hours of the week's log entries (visits, patrols, talks, sessions …), without the
                    hours receiving the public at the room.
    接待群众两个半天 the officer's 驻守接待 shifts in the roster (a shift of six hours or more counts as two
                    half-days) plus log entries of the kind 接待群众.
    走访两户        distinct households the officer visited in the week.
    随队巡防一次    a patrol record with the officer and at least one other team member.
    警情公示每15天  a log entry of the kind 警情公示 within the last 15 days (to the week's end or today).
    居民代表会每月  a log entry of the kind 居民代表会 in the month (of the week's end or today).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.models import (
    Assignment,
    HouseholdVisit,
    PatrolRecord,
    ShiftType,
    WorkLogEntry,
    patrol_member,
)
from policeroom.services.core.dates import month_day
from policeroom.services.fieldwork.checks import minutes
from policeroom.services.fieldwork.sources import log_items

COMMUNITY_HOURS = 20
RECEPTION_HALF_DAYS = 2
HOUSEHOLDS = 2
NOTICE_DAYS = 15
FULL_DAY_MINUTES = 6 * 60


@dataclass(frozen=True)
class DutyLine:
    """One line of the checklist: what is asked, whether it is met, the count behind it."""

    key: str
    label: str
    done: bool
    value: str


def weekly_duties(s: Session, member_id: int, any_day: date, today: date) -> list[DutyLine]:
    start = any_day - timedelta(days=any_day.weekday())
    end = start + timedelta(days=6)
    upto = min(end, today)
    items = log_items(s, start, end, {member_id})
    hours = sum(i.minutes for i in items if i.kind != "reception") / 60

    desk = 0
    for st, et in s.execute(
        select(ShiftType.start_time, ShiftType.end_time)
        .join(Assignment, Assignment.shift_type_id == ShiftType.id)
        .where(Assignment.member_id == member_id, Assignment.day.between(start, end), ShiftType.post == "desk")
    ):
        desk += 2 if minutes(st, et) >= FULL_DAY_MINUTES else 1
    desk += sum(1 for i in items if i.kind == "reception")

    households = s.scalar(
        select(func.count(func.distinct(HouseholdVisit.household_id))).where(
            HouseholdVisit.visitor_id == member_id, HouseholdVisit.visited_on.between(start, end))
    ) or 0  # fmt: skip

    mine = select(patrol_member.c.patrol_id).where(patrol_member.c.member_id == member_id)
    team_patrols = 0
    for pid in s.scalars(
        select(PatrolRecord.id).where(PatrolRecord.id.in_(mine), PatrolRecord.day.between(start, end))
    ):
        others = s.scalar(select(func.count()).select_from(patrol_member).where(
            patrol_member.c.patrol_id == pid, patrol_member.c.member_id != member_id)) or 0  # fmt: skip
        team_patrols += others > 0

    def last_of(kind: str, since: date) -> date | None:
        return s.scalar(select(func.max(WorkLogEntry.day)).where(
            WorkLogEntry.member_id == member_id, WorkLogEntry.kind == kind,
            WorkLogEntry.day.between(since, upto)))  # fmt: skip

    notice = last_of("notice", upto - timedelta(days=NOTICE_DAYS - 1))
    meeting = last_of("meeting", upto.replace(day=1))
    return [
        DutyLine("hours", f"在社区工作不少于{COMMUNITY_HOURS}小时", hours >= COMMUNITY_HOURS,
                 f"{hours:.1f}/{COMMUNITY_HOURS}小时"),
        DutyLine("reception", f"在警务室接待群众{RECEPTION_HALF_DAYS}个半天", desk >= RECEPTION_HALF_DAYS,
                 f"{desk}/{RECEPTION_HALF_DAYS}个半天"),
        DutyLine("households", f"走访{HOUSEHOLDS}户居民", households >= HOUSEHOLDS, f"{households}/{HOUSEHOLDS}户"),
        DutyLine("patrol", "随队巡防1次", team_patrols >= 1, f"{team_patrols}次"),
        DutyLine("notice", f"警情公示（每{NOTICE_DAYS}天）", notice is not None,
                 f"上次 {month_day(notice)}" if notice else f"近{NOTICE_DAYS}天未公示"),
        DutyLine("meeting", "居民代表会（每月）", meeting is not None,
                 f"本月 {month_day(meeting)}" if meeting else "本月尚未召开"),
    ]  # fmt: skip
