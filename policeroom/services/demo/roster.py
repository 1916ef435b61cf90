"""Demo rosters (演示值班表): two past months with check-ins (some late, some absent), leave, preferences, a
pending swap, handover entries, and this week's and next week's roster."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from policeroom.models import Absence, Assignment, Attendance, Handover, ShiftPreference, ShiftSwap
from policeroom.services.core import clock
from policeroom.services.roster.config import load_problem
from policeroom.services.roster.solver import generate

HANDOVER_MATTERS = (
    "安华里3号楼居民反映楼道堆物，已通知物业清理，明日复查。",
    "夜间巡防发现安贞路沿街门店卷帘门未锁，已联系店主。",
    "接群众求助一起（老人走失），已找回，需次日回访。",
    "值班电话、对讲机、执法记录仪交接完好，记录仪已充电。",
    "社区卫生服务站门口电动车乱停，已劝离，建议周末加巡。",
    "防范电信诈骗宣传单剩余约200份，放在接待台下柜。",
)


def seed_roster(s: Session, rng: random.Random, today: date) -> int:
    """Fill the roster from two months back to the end of next week; returns the number of cells."""
    monday = today - timedelta(days=today.weekday())
    start = (monday - timedelta(days=56))
    end = monday + timedelta(days=13)
    problem = load_problem(s, start, end)
    members = [m for m in problem.members if m.role == "grid_worker"]
    for m in rng.sample(members, k=min(4, len(members))):
        a = start + timedelta(days=rng.randrange(0, 60))
        s.add(Absence(member_id=m.id, kind=rng.choice(["leave", "comp_rest", "training"]), start_date=a,
                      end_date=a + timedelta(days=rng.randint(1, 3)), note=rng.choice(["事假", "家中有事", "区里培训", ""])))
    for m, weekday, note in zip(members[3:5], (5, 6), ("周六要接送孩子上课", "周日照顾老人"), strict=False):
        s.add(ShiftPreference(member_id=m.id, wants=False, weekday=weekday, note=note))
    if members:
        a = monday + timedelta(days=8)
        s.add(Absence(member_id=members[0].id, kind="leave", start_date=a, end_date=a + timedelta(days=1), note="事假"))
    s.flush()
    total = 0
    cursor = start
    while cursor <= end:
        block_end = min(cursor + timedelta(days=13), end)
        p = load_problem(s, cursor, block_end)
        cells = generate(p, [], time_limit=3.0).cells
        for c in cells:
            s.add(Assignment(member_id=c.member_id, day=c.day, shift_type_id=c.shift_id, grid_id=c.grid_id))
        s.flush()
        total += len(cells)
        cursor = block_end + timedelta(days=1)
    _check_ins(s, rng, problem, start, today)
    _extras(s, rng, problem, today)
    return total


def _check_ins(s: Session, rng: random.Random, problem, start: date, today: date) -> None:  # noqa: ANN001
    from sqlalchemy import select

    shifts = {x.id: x for x in problem.shifts}
    now = clock.now()
    rows = s.execute(select(Assignment.member_id, Assignment.day, Assignment.shift_type_id)
                     .where(Assignment.day.between(start, today))).all()
    for mid, day, sid in rows:
        sh = shifts[sid]
        if not sh.work:
            continue
        t0 = datetime.combine(day, datetime.min.time()) + timedelta(minutes=sh.start_min)
        t1 = datetime.combine(day, datetime.min.time()) + timedelta(minutes=sh.end_min)
        if t0 > now:
            continue
        r = rng.random()
        if r < 0.04:
            continue  # 缺勤
        late = timedelta(minutes=rng.randint(8, 40)) if r < 0.12 else timedelta(minutes=-rng.randint(2, 15))
        cin = t0 + late
        cout = None
        if t1 <= now:
            cout = t1 - timedelta(minutes=rng.randint(20, 60)) if rng.random() < 0.04 else t1 + timedelta(
                minutes=rng.randint(0, 20))
        s.add(Attendance(member_id=mid, day=day, shift_type_id=sid, check_in=cin.replace(second=0), check_out=(
            cout.replace(second=0) if cout else None), recorded_by="演示"))


def _extras(s: Session, rng: random.Random, problem, today: date) -> None:  # noqa: ANN001
    for at, a, b in _handovers(s, problem, today - timedelta(days=7), today):
        s.add(Handover(at=at, matters=rng.choice(HANDOVER_MATTERS), from_member_id=a, to_member_id=b))
    grid = [m.id for m in problem.members if m.role == "grid_worker"]
    if len(grid) >= 2:
        nxt = today - timedelta(days=today.weekday()) + timedelta(days=9)
        s.add(ShiftSwap(member_a_id=grid[1], day_a=nxt, member_b_id=grid[2 % len(grid)], day_b=nxt + timedelta(days=1),
                        reason="孩子家长会，与同事对调一天", status="pending",
                        requested_by=problem.member(grid[1]).name))


def _handovers(s: Session, problem, first: date, last: date) -> list[tuple[datetime, int, int]]:  # noqa: ANN001
    """(time, 交班人, 接班人) when one work shift ends as the next begins: the person leaving the ending shift
    hands over to the person on the next one, at its start (the night duty to the morning desk ...)."""
    from sqlalchemy import select

    shifts = {x.id: x for x in problem.shifts if x.work and x.end_min - x.start_min < 1440}
    on: dict[tuple[date, int], int] = {}
    for mid, day, sid in s.execute(select(Assignment.member_id, Assignment.day, Assignment.shift_type_id)
                                   .where(Assignment.day.between(first - timedelta(days=1), last))).all():
        if sid in shifts:
            on.setdefault((day, sid), mid)
    now = clock.now()
    out = []
    day = first
    while day <= last:
        for nxt in shifts.values():
            for prev in shifts.values():
                wraps = prev.end_min >= 1440
                if prev is nxt or prev.end_min % 1440 != nxt.start_min:
                    continue
                a = on.get((day - timedelta(days=1) if wraps else day, prev.id))
                b = on.get((day, nxt.id))
                at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=nxt.start_min)
                if a and b and a != b and at <= now:
                    out.append((at, a, b))
        day += timedelta(days=1)
    return out
