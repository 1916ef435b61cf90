"""Plain data of the duty roster (值班排班): shifts, requirements, rules, a scheduling problem, violations.

No database and no Qt here: the rule checker, the solver, the reports and the tests all work on these.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, time, timedelta


class Post(str, enum.Enum):
    """Where a shift is worked (岗位)."""

    desk = "desk"  # 驻守接待
    duty = "duty"  # 值班
    patrol = "patrol"  # 巡防（按网格）
    on_call = "on_call"  # 备勤（听班，不计工时）

    @property
    def label(self) -> str:
        return POST_LABELS[self]


POST_LABELS = {Post.desk: "驻守接待", Post.duty: "值班", Post.patrol: "巡防", Post.on_call: "备勤"}


class DayKind(str, enum.Enum):
    """What a calendar day is: a working day (incl. 调休 working weekends), a weekend, a statutory holiday."""

    workday = "workday"
    weekend = "weekend"
    holiday = "holiday"


class NeedKind(str, enum.Enum):
    """Kinds of staffing requirement (排班要求)."""

    shift = "shift"  # a shift needs at least N people (of some roles)
    role_daily = "role_daily"  # every day at least N of some roles on one of some shifts (民警每天在岗或备勤)
    grid_patrol = "grid_patrol"  # every grid patrolled at least N times a week

    @property
    def label(self) -> str:
        return NEED_KIND_LABELS[self]


NEED_KIND_LABELS = {NeedKind.shift: "班次人数", NeedKind.role_daily: "每日在岗", NeedKind.grid_patrol: "网格巡防"}
DAYS_LABELS = {"all": "每天", "workday": "工作日", "restday": "休息日和节假日"}
ROLE_LABELS = {"officer": "社区民警", "staff": "社区工作人员", "grid_worker": "网格员", "auxiliary": "辅警",
               "volunteer": "志愿者"}
#: Roles that are rostered by default (volunteers help but are not scheduled).
ROSTER_ROLES = ("officer", "staff", "grid_worker", "auxiliary")
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Shift:
    """A shift type (班次). ``end`` at or before ``start`` means the next day (夜班 17:30-次日08:30)."""

    id: int
    code: str  # one character for the grid: 白 夜 巡 备
    name: str
    post: Post
    start: time
    end: time
    night: bool = False
    roles: frozenset[str] = frozenset(ROSTER_ROLES)
    color: str = "#e3f2fd"

    @property
    def start_min(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_min(self) -> int:
        """Minutes after the start day's midnight (beyond 1440 when it ends the next day)."""
        e = self.end.hour * 60 + self.end.minute
        return e + 1440 if e <= self.start_min else e

    @property
    def minutes(self) -> int:
        return self.end_min - self.start_min

    @property
    def work(self) -> bool:
        """On-call (备勤) is not working time: no hours, rest or consecutive-day rules."""
        return self.post != Post.on_call

    @property
    def times(self) -> str:
        nxt = "次日" if self.end_min > 1440 else ""
        return f"{self.start:%H:%M}-{nxt}{self.end:%H:%M}"


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role: str
    grid_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Need:
    """A requirement. ``shift_ids``: the shift (kind shift) or the shifts that count (role_daily, grid_patrol)."""

    id: int
    kind: NeedKind
    shift_ids: tuple[int, ...]
    min_count: int
    roles: frozenset[str] | None = None  # None: any role
    days: str = "all"  # all / workday / restday

    def applies(self, kind: DayKind) -> bool:
        if self.days == "workday":
            return kind == DayKind.workday
        if self.days == "restday":
            return kind != DayKind.workday
        return True


ABSENCE_LABELS = {"leave": "请假", "comp_rest": "调休", "training": "培训", "other": "外出"}


@dataclass(frozen=True)
class Absence:
    member_id: int
    start: date
    end: date
    kind: str = "leave"  # leave 请假 / comp_rest 调休 / training 培训 / other 外出

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Preference:
    """A wish (wants=True) or an avoidance; shift None means any shift, weekday 0-6 or a date."""

    member_id: int
    wants: bool
    shift_id: int | None = None
    weekday: int | None = None
    day: date | None = None

    def matches(self, day: date, shift_id: int) -> bool:
        if self.shift_id is not None and self.shift_id != shift_id:
            return False
        if self.day is not None:
            return self.day == day
        if self.weekday is not None:
            return self.weekday == day.weekday()
        return True


@dataclass(frozen=True)
class Cell:
    """One person on one shift on one day (the day the shift starts); a patrol names its grid."""

    member_id: int
    day: date
    shift_id: int
    grid_id: int | None = None
    fixed: bool = False

    @property
    def key(self) -> tuple[int, date, int, int | None]:
        return (self.member_id, self.day, self.shift_id, self.grid_id)


@dataclass(frozen=True)
class Rules:
    """Working-time rules (排班规则); 0 switches a numeric rule off."""

    min_rest_hours: int = 11
    no_day_after_night: bool = True
    max_consecutive_days: int = 6  # days on duty or on call (备勤 counts) in a row
    weekly_hours_cap: int = 50
    rest_days_in_7: int = 1  # whole days off (no shift, no on-call) in every 7 consecutive days, hard
    weekly_days_off: int = 2  # 民警和工作人员 days off per calendar week, a strong soft rule (else 补休 owed)
    cover_by_staff: bool = False  # on the officer's days off a staff member is on call (else 所值班)


#: Roles with the 8-hour day and 40-hour week: two days off per calendar week.
DAYS_OFF_ROLES = frozenset({"officer", "staff"})
#: What the roster shows on the days the station's duty officer is the one on call.
STATION_COVER = "所值班"


@dataclass
class Problem:
    """Everything the checker and the generator need for one period (start..end inclusive)."""

    start: date
    end: date
    members: list[Member]
    shifts: list[Shift]
    needs: list[Need]
    rules: Rules = field(default_factory=Rules)
    absences: list[Absence] = field(default_factory=list)
    preferences: list[Preference] = field(default_factory=list)
    day_kinds: dict[date, DayKind] = field(default_factory=dict)
    grids: dict[int, str] = field(default_factory=dict)
    history: list[Cell] = field(default_factory=list)  # cells of the days before ``start`` (rest, streaks)
    fixed_days: frozenset[tuple[int, date]] = frozenset()  # (member, day) the officer fixed by hand

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def kind(self, day: date) -> DayKind:
        if day in self.day_kinds:
            return self.day_kinds[day]
        return DayKind.weekend if day.weekday() >= 5 else DayKind.workday

    def shift(self, shift_id: int) -> Shift:
        return self._shift_map()[shift_id]

    def member(self, member_id: int) -> Member:
        return self._member_map()[member_id]

    def _shift_map(self) -> dict[int, Shift]:
        return {s.id: s for s in self.shifts}

    def _member_map(self) -> dict[int, Member]:
        return {m.id: m for m in self.members}

    def station_covers(self, need: Need) -> bool:
        """Whether the station's duty officer (所值班) takes an officers' daily requirement nobody meets."""
        return (need.kind == NeedKind.role_daily and need.roles is not None and "officer" in need.roles
                and not self.rules.cover_by_staff)

    def counts(self, need: Need, role: str, shift: Shift) -> bool:
        """Whether a person of ``role`` on ``shift`` counts for ``need`` (a staff member on call stands in for
        the officer when the room chose so)."""
        if shift.id not in need.shift_ids:
            return False
        if need.roles is None or role in need.roles:
            return True
        return (self.rules.cover_by_staff and role == "staff" and shift.post == Post.on_call
                and need.kind == NeedKind.role_daily and "officer" in need.roles)

    def absence(self, member_id: int, day: date) -> Absence | None:
        for a in self.absences:
            if a.member_id == member_id and a.covers(day):
                return a
        return None


@dataclass(frozen=True)
class Violation:
    """A broken rule or an unmet requirement, in plain Chinese.

    Attributes:
        code: overlap / rest / day_after_night / consecutive / hours / absence / role (rules),
            need_shift / need_role / need_patrol (requirements).
        cells: the cells to highlight in the grid (member, day) — empty for a requirement on a day.
    """

    code: str
    day: date
    message: str
    cells: tuple[tuple[int, date], ...] = ()
    need_id: int | None = None

    @property
    def is_requirement(self) -> bool:
        return self.code.startswith("need")

    @property
    def is_soft(self) -> bool:
        """A strong wish not met (two days off a week): reported with the 补休 owed, not a broken rule."""
        return self.code in SOFT_CODES


RULE_LABELS = {
    "overlap": "时间重叠",
    "rest": "休息不足",
    "day_after_night": "夜班后接白班",
    "consecutive": "连续工作超限",
    "rest7": "7天内休息不足",
    "days_off": "每周休息不足（欠补休）",
    "hours": "周工时超限",
    "absence": "请假期间排班",
    "role": "角色不能上此班",
    "need_shift": "班次人数不足",
    "need_role": "每日在岗不足",
    "need_patrol": "网格巡防不足",
}


SOFT_CODES = frozenset({"days_off"})


def md(day: date) -> str:
    """11月24日"""
    return f"{day.month}月{day.day}日"


def iso_week_label(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}年第{w}周"
