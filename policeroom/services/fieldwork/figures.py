"""Figures of field work for the summaries (工作小结) and for each grid worker's monthly 考核.

网格工作 (summary block; each by its own date inside the period)
    走访住户 / 走访次数   distinct households visited / visit records, by 走访日期.
    巡防记录 / 巡防时长 / 巡防人次   patrol records by 日期; their hours (start to end); the people on them
                          (team members, volunteers, partner units' guards).
    宣传场次 / 受众人数  prevention talks by 日期; the sum of their 人数.
    发现隐患 / 整改隐患  grid events of a category named …隐患 found in the period / closed in the period.
    网格事件（按类别）   grid events by 发现时间, per category (rejected ones not counted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from policeroom.models import (
    Assignment,
    EventCategory,
    EventStatus,
    Grid,
    GridEvent,
    Household,
    HouseholdVisit,
    PatrolRecord,
    PreventionTalk,
    ShiftType,
    grid_assignment,
    patrol_member,
)
from policeroom.services.fieldwork.checks import minutes
from policeroom.services.fieldwork.config import load_kinds, months_for
from policeroom.services.fieldwork.households import add_months


@dataclass
class FieldFigures:
    households_visited: int = 0
    visits: int = 0
    patrol_runs: int = 0
    patrol_run_hours: float = 0.0
    patrol_people: int = 0
    talks: int = 0
    talk_people: int = 0
    hazards_found: int = 0
    hazards_fixed: int = 0
    grid_events: int = 0
    event_categories: dict[str, int] | None = None


def count_fieldwork(s: Session, start: date, end: date) -> FieldFigures:
    f = FieldFigures()
    V = HouseholdVisit  # noqa: N806
    f.visits, f.households_visited = s.execute(
        select(func.count(), func.count(func.distinct(V.household_id))).where(V.visited_on.between(start, end))
    ).one()
    recs = list(s.scalars(select(PatrolRecord).where(PatrolRecord.day.between(start, end))
                          .options(selectinload(PatrolRecord.members), selectinload(PatrolRecord.helpers))))  # fmt: skip
    f.patrol_runs = len(recs)
    f.patrol_run_hours = round(sum(minutes(r.start_time, r.end_time) for r in recs) / 60, 1)
    f.patrol_people = sum(len(r.members) + len(r.helpers) for r in recs)
    T = PreventionTalk  # noqa: N806
    f.talks, people = s.execute(select(func.count(), func.sum(T.people_reached)).where(T.day.between(start, end))).one()
    f.talk_people = int(people or 0)
    a, b = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
    E = GridEvent  # noqa: N806
    found = (E.found_at >= a) & (E.found_at < b) & (E.status != EventStatus.rejected)
    cats = dict(s.execute(select(EventCategory.name, func.count()).join(E, E.category_id == EventCategory.id)
                          .where(found).group_by(EventCategory.name)).all())  # fmt: skip
    f.event_categories = {k: int(v) for k, v in cats.items()}
    f.grid_events = sum(f.event_categories.values())
    f.hazards_found = sum(v for k, v in f.event_categories.items() if "隐患" in k)
    f.hazards_fixed = s.scalar(
        select(func.count()).select_from(E).join(EventCategory, E.category_id == EventCategory.id)
        .where(EventCategory.name.contains("隐患"), E.status == EventStatus.closed, E.closed_at >= a, E.closed_at < b)
    ) or 0  # fmt: skip
    return f


@dataclass(frozen=True)
class WorkerMonth:
    """A grid worker's field work in a month, for the 考核: visits due and done, patrols planned and recorded."""

    visits_due: int = 0
    visits_done: int = 0
    visits: int = 0
    patrols_planned: int = 0
    patrols_recorded: int = 0
    patrols: int = 0


def worker_month_counts(s: Session, year: int, month: int) -> dict[int, WorkerMonth]:
    """member id → counts for the month.

    走访应访  households of the worker's grids (now) due by the month's end, judged by the last visit before
              the month (never visited: due from registration); 已访 of those visited in the month.
    走访次数  the worker's visit records in the month.
    巡防计划  the worker's 巡防 shifts in the roster; 已记录 those with a patrol record the same day that
              the worker is on (or of the shift's grid).
    巡防次数  patrol records the worker was on in the month.
    """
    first = date(year, month, 1)
    last = add_months(first, 1) - timedelta(days=1)
    kinds = load_kinds(s)
    workers: dict[int, set[int]] = defaultdict(set)  # grid → workers
    for gid, mid in s.execute(select(grid_assignment.c.grid_id, grid_assignment.c.member_id)):
        workers[gid].add(mid)
    V = HouseholdVisit  # noqa: N806
    before = dict(s.execute(select(V.household_id, func.max(V.visited_on)).where(V.visited_on < first)
                            .group_by(V.household_id)).all())  # fmt: skip
    named = dict(s.execute(select(V.household_id, V.next_due).where(V.visited_on < first).order_by(V.visited_on, V.id)).all())
    visited_in = set(s.scalars(select(V.household_id).where(V.visited_on.between(first, last))))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for h in s.scalars(select(Household).where(Household.archived.is_(False))):
        if h.id in before:
            due = named.get(h.id) or add_months(before[h.id], months_for(kinds, h.kind))
        else:
            due = h.created_at.date()
        if h.created_at.date() > last or due > last:
            continue
        for mid in workers.get(h.grid_id, ()):
            counts[mid]["visits_due"] += 1
            counts[mid]["visits_done"] += h.id in visited_in
    for mid, n in s.execute(select(V.visitor_id, func.count()).where(V.visited_on.between(first, last)).group_by(V.visitor_id)):
        counts[mid]["visits"] += n
    on: dict[tuple[int, date], bool] = {}
    recs = s.execute(select(PatrolRecord.id, PatrolRecord.day, PatrolRecord.grid_id)
                     .where(PatrolRecord.day.between(first, last))).all()  # fmt: skip
    people = defaultdict(set)
    for pid, mid in s.execute(select(patrol_member.c.patrol_id, patrol_member.c.member_id)
                              .where(patrol_member.c.patrol_id.in_([r.id for r in recs]))):  # fmt: skip
        people[pid].add(mid)
    for r in recs:
        for mid in people[r.id]:
            counts[mid]["patrols"] += 1
            on[(mid, r.day)] = True
    grid_days = {(r.grid_id, r.day) for r in recs}
    for mid, day, gid in s.execute(
        select(Assignment.member_id, Assignment.day, Assignment.grid_id)
        .join(ShiftType, ShiftType.id == Assignment.shift_type_id)
        .where(ShiftType.post == "patrol", Assignment.day.between(first, last))
    ):
        counts[mid]["patrols_planned"] += 1
        counts[mid]["patrols_recorded"] += bool(on.get((mid, day)) or (gid, day) in grid_days)
    return {mid: WorkerMonth(**c) for mid, c in counts.items()}


@dataclass(frozen=True)
class RecordBehind:
    """One record behind a 考核 number (to open it: ``kind`` = table and ``id``)."""

    kind: str
    id: int
    when: date
    title: str
    status: str = ""


def records_behind(s: Session, year: int, month: int, member_id: int, fact: str) -> list[RecordBehind] | None:
    """The visits or patrols behind one of :class:`WorkerMonth`'s numbers (None: not a field-work fact).

    ``visits_due`` lists the households (kind ``household``, dated by their due day); the others list
    visit or patrol records of the month.
    """
    first = date(year, month, 1)
    last = add_months(first, 1) - timedelta(days=1)
    V = HouseholdVisit  # noqa: N806
    if fact == "visits":
        rows = s.execute(select(V.id, V.visited_on, Household).join(Household, Household.id == V.household_id)
                         .where(V.visitor_id == member_id, V.visited_on.between(first, last)).order_by(V.visited_on))
        return [RecordBehind("household_visit", i, d, f"{h.address}（{h.kind}）") for i, d, h in rows]
    if fact in ("visits_due", "visits_done"):
        grids = set(s.scalars(select(grid_assignment.c.grid_id).where(grid_assignment.c.member_id == member_id)))
        kinds = load_kinds(s)
        out = []
        for h in s.scalars(select(Household).where(Household.archived.is_(False), Household.grid_id.in_(grids or {-1}))
                           .order_by(Household.id)):  # fmt: skip
            last_before = s.execute(select(V.visited_on, V.next_due).where(V.household_id == h.id, V.visited_on < first)
                                    .order_by(V.visited_on.desc(), V.id.desc()).limit(1)).first()  # fmt: skip
            due = (last_before[1] or add_months(last_before[0], months_for(kinds, h.kind))) if last_before else (
                h.created_at.date())
            if h.created_at.date() > last or due > last:
                continue
            done = s.scalar(select(V.id).where(V.household_id == h.id, V.visited_on.between(first, last)).limit(1))
            if fact == "visits_due" or done:
                out.append(RecordBehind("household", h.id, due, f"{h.address}（{h.kind}）", "已走访" if done else "未走访"))
        return out
    if fact in ("patrols_planned", "patrols_recorded"):
        return _shifts_behind(s, first, last, member_id, recorded_only=fact == "patrols_recorded")
    if fact == "patrols":
        rows = s.execute(select(PatrolRecord.id, PatrolRecord.day).join(patrol_member, patrol_member.c.patrol_id == PatrolRecord.id)
                         .where(patrol_member.c.member_id == member_id, PatrolRecord.day.between(first, last))
                         .order_by(PatrolRecord.day))  # fmt: skip
        return [RecordBehind("patrol_record", i, d, f"巡防 {d:%m-%d}") for i, d in rows]
    return None


def _shifts_behind(s: Session, first: date, last: date, member_id: int, *, recorded_only: bool) -> list[RecordBehind]:
    """The worker's 巡防 shifts of the month, each with the patrol record that answers it (as counted above)."""
    shifts = s.execute(
        select(Assignment.id, Assignment.day, Assignment.grid_id, Grid.code, Grid.name)
        .join(ShiftType, ShiftType.id == Assignment.shift_type_id).outerjoin(Grid, Grid.id == Assignment.grid_id)
        .where(ShiftType.post == "patrol", Assignment.member_id == member_id, Assignment.day.between(first, last))
        .order_by(Assignment.day, Assignment.id)
    ).all()  # fmt: skip
    recs = s.execute(select(PatrolRecord.id, PatrolRecord.day, PatrolRecord.grid_id)
                     .where(PatrolRecord.day.between(first, last)).order_by(PatrolRecord.id)).all()  # fmt: skip
    mine = set(s.scalars(select(patrol_member.c.patrol_id).where(patrol_member.c.member_id == member_id)))
    out = []
    for aid, day, gid, code, name in shifts:
        match = next((r.id for r in recs if r.day == day and (r.id in mine or (gid is not None and r.grid_id == gid))),
                     None)  # fmt: skip
        if recorded_only and match is None:
            continue
        where = f"{code} {name}" if code else "未指定网格"
        if match is None:
            out.append(RecordBehind("roster_shift", aid, day, f"巡防排班（{where}）", "未记录"))
        else:
            out.append(RecordBehind("patrol_record", match, day, f"巡防排班（{where}）", "已记录"))
    return out
