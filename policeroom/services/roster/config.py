"""Roster configuration: shift types, requirements, rules, leave (请假调休), preferences, manual holidays.

:func:`load_problem` turns the stored configuration into the plain :class:`Problem` the checker and the
generator work on.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, time, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, PermissionDenied, ValidationError
from policeroom.models import (
    Absence,
    Assignment,
    FixedDay,
    Grid,
    ManualHoliday,
    Requirement,
    Setting,
    ShiftPreference,
    ShiftType,
    TeamMember,
)
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.roster.calendar import ManualDay, day_kinds
from policeroom.services.roster.types import (
    ABSENCE_LABELS,
    ROSTER_ROLES,
    WEEKDAYS,
    Cell,
    Member,
    Need,
    NeedKind,
    Post,
    Preference,
    Problem,
    Rules,
    Shift,
)
from policeroom.services.roster.types import Absence as AbsenceData

_RULE_PREFIX = "roster."
RULE_LABELS = {
    "min_rest_hours": "两班之间至少休息（小时）",
    "no_day_after_night": "夜班后不接白班",
    "max_consecutive_days": "最多连续值班（天，含备勤）",
    "weekly_hours_cap": "每周工时上限（小时）",
    "rest_days_in_7": "每7天至少休息整天（天）",
    "weekly_days_off": "民警和工作人员每周休息（天）",
    "cover_by_staff": "民警休息日的备勤",
}


@dataclass(frozen=True)
class AbsenceRow:
    id: int
    member_id: int
    member: str
    kind: str
    start: date
    end: date
    note: str

    @property
    def kind_label(self) -> str:
        return ABSENCE_LABELS.get(self.kind, self.kind)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PreferenceRow:
    id: int
    member_id: int
    member: str
    wants: bool
    shift_id: int | None
    shift: str
    weekday: int | None
    day: date | None
    note: str

    @property
    def when(self) -> str:
        if self.day is not None:
            return f"{self.day:%Y-%m-%d}"
        if self.weekday is not None:
            return "每周" + WEEKDAYS[self.weekday]
        return "每天"

    @property
    def text(self) -> str:
        return f"{'想上' if self.wants else '尽量不上'}{self.shift or '任何班'}"


def shift_of(row: ShiftType) -> Shift:
    return Shift(row.id, row.code, row.name, Post(row.post), row.start_time, row.end_time, row.night,
                 frozenset(r for r in row.roles.split(",") if r), row.color)


def need_of(row: Requirement) -> Need:
    return Need(row.id, NeedKind(row.kind), tuple(int(x) for x in row.shift_ids.split(",") if x), row.min_count,
                frozenset(r for r in row.roles.split(",") if r) or None, row.days)


def read_rules(s: Session) -> Rules:
    rows = dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.like(_RULE_PREFIX + "%"))).all())
    values = {}
    for f in fields(Rules):
        raw = rows.get(_RULE_PREFIX + f.name)
        if raw is None:
            continue
        values[f.name] = raw == "1" if f.type in ("bool", bool) else int(raw)
    return Rules(**values)


def load_problem(s: Session, start: date, end: date) -> Problem:
    """The stored roster configuration for start..end, with the week before as history."""
    members = [
        Member(m.id, m.name, m.role.value, tuple(g.id for g in m.grids if not g.archived))
        for m in s.scalars(select(TeamMember).options(selectinload(TeamMember.grids))
                           .where(TeamMember.active.is_(True), TeamMember.role.in_(ROSTER_ROLES))
                           .order_by(TeamMember.role, TeamMember.name_pinyin, TeamMember.id))
    ]
    order = {"officer": 0, "staff": 1, "auxiliary": 2, "grid_worker": 3}
    members.sort(key=lambda m: (order.get(m.role, 9), min(m.grid_ids, default=0)))
    shifts = [shift_of(r) for r in s.scalars(select(ShiftType).where(ShiftType.archived.is_(False))
                                               .order_by(ShiftType.sort_order, ShiftType.id))]
    live = {x.id for x in shifts}
    needs = [n for n in (need_of(r) for r in s.scalars(select(Requirement).where(Requirement.active.is_(True))
                                                       .order_by(Requirement.id)))
             if set(n.shift_ids) & live]
    grids = dict(s.execute(select(Grid.id, Grid.name).where(Grid.archived.is_(False)).order_by(Grid.code)).all())
    absences = [AbsenceData(a.member_id, a.start_date, a.end_date, a.kind) for a in s.scalars(
        select(Absence).where(Absence.end_date >= start - timedelta(days=7), Absence.start_date <= end))]
    prefs = [Preference(p.member_id, p.wants, p.shift_type_id, p.weekday, p.day)
             for p in s.scalars(select(ShiftPreference))]
    history = [Cell(m, d, sid, g) for m, d, sid, g in s.execute(
        select(Assignment.member_id, Assignment.day, Assignment.shift_type_id, Assignment.grid_id)
        .where(Assignment.day.between(start - timedelta(days=7), start - timedelta(days=1)))).all() if sid in live]
    fixed = frozenset(s.execute(select(FixedDay.member_id, FixedDay.day).where(FixedDay.day.between(start, end))).all())
    manual = _manual_days(s)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    kinds = {d: info.kind for d, info in day_kinds(days, manual).items()}
    rules = read_rules(s)
    if rules.cover_by_staff:  # a staff member is on call on the officer's days off
        shifts = [replace(x, roles=x.roles | {"staff"}) if x.post == Post.on_call else x for x in shifts]
    return Problem(start, end, members, shifts, needs, rules, absences, prefs, kinds, grids, history, fixed)


def _manual_days(s: Session) -> dict[date, ManualDay]:
    return {r.day: ManualDay(r.day, r.rest, r.name) for r in s.scalars(select(ManualHoliday))}


class RosterConfig:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _manual(self, s: Session) -> dict[date, ManualDay]:
        return _manual_days(s)

    # -- shift types, requirements, rules ---------------------------------------------------
    def shifts(self) -> list[Shift]:
        with self.ctx.read() as s:
            return [shift_of(r) for r in s.scalars(select(ShiftType).where(ShiftType.archived.is_(False))
                                                   .order_by(ShiftType.sort_order, ShiftType.id))]

    def save_shift_times(self, shift_id: int, start: time, end: time, name: str) -> None:
        """Edit a shift type's name and times (班次时间)."""
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        name = (name or "").strip()
        if not name or len(name) > 20:
            errors.add("name", "班次名称为1至20个字")
        if start == end and name and "备勤" not in name:
            errors.add("end", "结束时间与开始时间相同（24小时班）只用于备勤")
        errors.raise_if_any()
        with self.ctx.write() as s:
            row = s.get(ShiftType, shift_id)
            if row is None:
                raise NotFound("班次已不存在。")
            row.name, row.start_time, row.end_time = name, start, end

    def needs(self) -> list[Need]:
        with self.ctx.read() as s:
            return [need_of(r) for r in s.scalars(select(Requirement).where(Requirement.active.is_(True))
                                                  .order_by(Requirement.id))]

    def set_need_count(self, need_id: int, min_count: int) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        if not 0 <= min_count <= 20:
            raise ValidationError("min_count", "人数应在0至20之间")
        with self.ctx.write() as s:
            row = s.get(Requirement, need_id)
            if row is None:
                raise NotFound("排班要求已不存在。")
            row.min_count = min_count

    def rules(self) -> Rules:
        with self.ctx.read() as s:
            return read_rules(s)

    def save_rules(self, rules: Rules) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        if not 0 <= rules.min_rest_hours <= 24:
            errors.add("min_rest_hours", "休息时间应在0至24小时之间")
        if not 0 <= rules.max_consecutive_days <= 14:
            errors.add("max_consecutive_days", "连续工作天数应在0至14天之间（0为不限）")
        if not 0 <= rules.weekly_hours_cap <= 84:
            errors.add("weekly_hours_cap", "每周工时上限应在0至84小时之间（0为不限）")
        if not 0 <= rules.rest_days_in_7 <= 3:
            errors.add("rest_days_in_7", "每7天休息天数应在0至3天之间（0为不限）")
        if not 0 <= rules.weekly_days_off <= 3:
            errors.add("weekly_days_off", "每周休息天数应在0至3天之间（0为不限）")
        errors.raise_if_any()
        with self.ctx.write() as s:
            for f in fields(Rules):
                value = getattr(rules, f.name)
                text = ("1" if value else "0") if isinstance(value, bool) else str(int(value))
                row = s.get(Setting, _RULE_PREFIX + f.name)
                if row is None:
                    s.add(Setting(key=_RULE_PREFIX + f.name, value=text))
                else:
                    row.value = text

    # -- leave ------------------------------------------------------------------------------
    def absences(self, start: date | None = None, end: date | None = None) -> list[AbsenceRow]:
        with self.ctx.read() as s:
            stmt = select(Absence).options(selectinload(Absence.member)).order_by(Absence.start_date.desc(), Absence.id)
            if start is not None:
                stmt = stmt.where(Absence.end_date >= start)
            if end is not None:
                stmt = stmt.where(Absence.start_date <= end)
            return [AbsenceRow(a.id, a.member_id, a.member.name, a.kind, a.start_date, a.end_date, a.note)
                    for a in s.scalars(stmt)]

    def add_absence(self, member_id: int, kind: str, start: date, end: date, note: str = "") -> int:
        return self._save_absence(None, member_id, kind, start, end, note)

    def update_absence(self, absence_id: int, member_id: int, kind: str, start: date, end: date,
                       note: str = "") -> None:
        self._save_absence(absence_id, member_id, kind, start, end, note)

    def _save_absence(self, absence_id: int | None, member_id: int | None, kind: str, start: date | None,
                      end: date | None, note: str) -> int:
        actor = self.ctx.actor
        if not actor.can(Perm.edit_roster) and actor.member_id != member_id:
            raise PermissionDenied("网格员只能登记本人的请假。")
        errors = FormErrors()
        if member_id is None:
            errors.add("member", "请选择人员")
        if kind not in ABSENCE_LABELS:
            errors.add("kind", "请选择类型")
        if start is None:
            errors.add("start", "请填写开始日期")
        if end is None:
            errors.add("end", "请填写结束日期")
        elif start is not None and end < start:
            errors.add("end", "结束日期早于开始日期")
        elif start is not None and (end - start).days > 366:
            errors.add("end", "一次登记不能超过一年")
        if len(note.strip()) > 200:
            errors.add("note", "备注不能超过200字")
        errors.raise_if_any()
        with self.ctx.write() as s:
            if s.get(TeamMember, member_id) is None:
                raise NotFound("这名团队成员已不存在。")
            stmt = select(Absence.id).where(Absence.member_id == member_id, Absence.start_date <= end,
                                            Absence.end_date >= start)
            if absence_id is not None:
                stmt = stmt.where(Absence.id != absence_id)
            if s.scalar(stmt):
                raise ValidationError("start", "与已登记的请假调休日期重叠")
            if absence_id is None:
                row = Absence()
                s.add(row)
            else:
                row = s.get(Absence, absence_id)
                if row is None:
                    raise NotFound("这条请假调休记录已不存在。")
                if not actor.can(Perm.edit_roster) and row.member_id != actor.member_id:
                    raise PermissionDenied("网格员只能修改本人的请假。")
            row.member_id, row.kind, row.start_date, row.end_date = member_id, kind, start, end
            row.note = note.strip()
            s.flush()
            return row.id

    def delete_absence(self, absence_id: int) -> None:
        """Delete a leave entry: the officer any, others only their own."""
        with self.ctx.write() as s:
            self._require_own(s.scalar(select(Absence.member_id).where(Absence.id == absence_id)))
            s.execute(delete(Absence).where(Absence.id == absence_id))

    def _require_own(self, member_id: int | None) -> None:
        """Staff may not delete records (删除记录 is the officer's), except their own leave and wishes."""
        actor = self.ctx.actor
        if actor.member_id is None or member_id != actor.member_id:
            actor.require(Perm.delete)

    # -- preferences ------------------------------------------------------------------------
    def add_preference(self, member_id: int, wants: bool, shift_id: int | None, weekday: int | None,
                       day: date | None = None, note: str = "") -> int:
        return self._save_preference(None, member_id, wants, shift_id, weekday, day, note)

    def update_preference(self, pref_id: int, member_id: int, wants: bool, shift_id: int | None,
                          weekday: int | None, day: date | None = None, note: str = "") -> None:
        self._save_preference(pref_id, member_id, wants, shift_id, weekday, day, note)

    def _save_preference(self, pref_id: int | None, member_id: int | None, wants: bool, shift_id: int | None,
                         weekday: int | None, day: date | None, note: str) -> int:
        actor = self.ctx.actor
        if not actor.can(Perm.edit_roster) and actor.member_id != member_id:
            raise PermissionDenied("网格员只能填写本人的排班意愿。")
        errors = FormErrors()
        if member_id is None:
            errors.add("member", "请选择人员")
        if weekday is not None and not 0 <= weekday <= 6:
            errors.add("weekday", "星期应为周一至周日")
        if weekday is not None and day is not None:
            errors.add("day", "星期和日期只填一项")
        if shift_id is None and weekday is None and day is None:
            errors.add("shift", "请至少选择班次、星期或日期中的一项")
        if len(note.strip()) > 200:
            errors.add("note", "备注不能超过200字")
        errors.raise_if_any()
        with self.ctx.write() as s:
            if s.get(TeamMember, member_id) is None:
                raise NotFound("这名团队成员已不存在。")
            if pref_id is None:
                row = ShiftPreference()
                s.add(row)
            else:
                row = s.get(ShiftPreference, pref_id)
                if row is None:
                    raise NotFound("这条排班意愿已不存在。")
            row.member_id, row.wants, row.shift_type_id, row.weekday, row.day = member_id, wants, shift_id, weekday, day
            row.note = note.strip()
            s.flush()
            return row.id

    def preferences(self) -> list[tuple[int, str, Preference]]:
        with self.ctx.read() as s:
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            return [(p.id, names.get(p.member_id, ""), Preference(p.member_id, p.wants, p.shift_type_id, p.weekday, p.day))
                    for p in s.scalars(select(ShiftPreference).order_by(ShiftPreference.id))]

    def preference_rows(self) -> list[PreferenceRow]:
        """Preferences for the list: who, wish or avoidance, which shift / weekday / date, note."""
        with self.ctx.read() as s:
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            shifts = dict(s.execute(select(ShiftType.id, ShiftType.name)).all())
            return [PreferenceRow(p.id, p.member_id, names.get(p.member_id, ""), p.wants, p.shift_type_id,
                                  shifts.get(p.shift_type_id, ""), p.weekday, p.day, p.note)
                    for p in s.scalars(select(ShiftPreference).order_by(ShiftPreference.member_id, ShiftPreference.id))]

    def delete_preference(self, pref_id: int) -> None:
        with self.ctx.write() as s:
            self._require_own(s.scalar(select(ShiftPreference.member_id).where(ShiftPreference.id == pref_id)))
            s.execute(delete(ShiftPreference).where(ShiftPreference.id == pref_id))

    # -- manual holidays --------------------------------------------------------------------
    def manual_days(self, year: int | None = None) -> list[ManualDay]:
        with self.ctx.read() as s:
            stmt = select(ManualHoliday).order_by(ManualHoliday.day)
            if year is not None:
                stmt = stmt.where(ManualHoliday.day.between(date(year, 1, 1), date(year, 12, 31)))
            return [ManualDay(r.day, r.rest, r.name) for r in s.scalars(stmt)]

    def set_manual_day(self, day: date, rest: bool, name: str = "") -> None:
        """Enter a holiday (rest) or a 调休 working day by hand, for a year chinese-calendar does not know."""
        self.ctx.actor.require(Perm.edit_settings)
        if len(name.strip()) > 20:
            raise ValidationError("name", "名称不能超过20个字")
        with self.ctx.write() as s:
            row = s.get(ManualHoliday, day)
            if row is None:
                s.add(ManualHoliday(day=day, rest=rest, name=name.strip()))
            else:
                row.rest, row.name = rest, name.strip()

    def delete_manual_day(self, day: date) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        with self.ctx.write() as s:
            s.execute(delete(ManualHoliday).where(ManualHoliday.day == day))


__all__ = ["AbsenceRow", "RULE_LABELS", "RosterConfig", "load_problem", "or_"]
