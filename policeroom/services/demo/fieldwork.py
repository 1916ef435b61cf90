"""Demo field work (演示巡防、走访、宣传): a route per grid with patrol records for the roster's past patrols
(some with missed or out-of-order points, some planned patrols left without a record), households of
every kind with visits over three months (some overdue), prevention talks, and the officer's own
entries (警情公示 every half month, the monthly 居民代表会) — the work log follows from them."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.models import (
    Assignment,
    Grid,
    Household,
    HouseholdVisit,
    MemberRole,
    PatrolCheckpoint,
    PatrolHelper,
    PatrolPoint,
    PatrolRecord,
    PatrolRoute,
    PreventionTalk,
    Resident,
    ShiftType,
    TeamMember,
    WorkLogEntry,
)
from policeroom.services.demo.data import DEMO_GRIDS
from policeroom.services.fieldwork.config import DEFAULT_KINDS, DEFAULT_TOPICS, months_for
from policeroom.services.fieldwork.households import add_months

SPOTS = ("北门", "南门", "停车场", "健身广场", "菜市场路口", "幼儿园门口", "快递柜", "地下车库入口", "垃圾分类站")
VOLUNTEERS = ("钱桂英", "孙大爷", "周阿姨", "吴建华", "郑秀梅")
GUARDS = ("刘强（安华物业）", "陈伟（安贞保安公司）", "马超（华联超市）")
PURPOSES = ("定期走访", "了解生活困难", "安全防范提示", "人口信息核对", "反诈宣传入户", "消防安全检查")
FINDINGS = {"population": ("新迁入租户2人，已登记", "子女外出务工", ""), "hazards": ("楼道堆放杂物", "电动车室内充电", ""),
            "disputes": ("与邻居因漏水有矛盾", ""), "wishes": ("希望加装楼道灯", "咨询居住证办理", "")}  # fmt: skip
KIND_WEIGHTS = {"普通": 10, "困难家庭": 2, "流动人员": 3, "空巢老人": 2, "社区矫正对象": 1, "出租屋": 2}
PLACES = ("社区文化广场", "安华里小学", "社区党群服务中心", "华联超市门口", "老年活动站", "安贞里幼儿园")
AUDIENCES = ("老年居民", "中小学生", "沿街商户", "新市民租户", "社区居民", "快递外卖员")
PROBLEMS = ("路灯不亮", "消防通道被占用", "井盖松动", "可疑人员徘徊，已劝离", "电动车违规充电")


def seed_fieldwork(s: Session, rng: random.Random, today: date) -> dict[str, int]:
    """Add the demo's field work inside the caller's transaction; returns counts for the summary line."""
    start = today - timedelta(days=91)
    grids = {g.code: g for g in s.scalars(select(Grid))}
    team = list(s.scalars(select(TeamMember).where(TeamMember.active.is_(True))))
    officer = next(m for m in team if m.role == MemberRole.officer)
    workers_of = {g.id: [w for w in g.workers if w.active] for g in grids.values()}
    routes = _routes(s, rng, grids)
    patrols = _patrols(s, rng, routes, officer, start, today)
    households, visits = _households(s, rng, grids, workers_of, officer, start, today)
    talks = _talks(s, rng, grids, workers_of, officer, start, today)
    d = start
    while d <= today:  # 警情公示 on the 1st and 16th, 居民代表会 on the first Tuesday of the month
        if d.day in (1, 16):
            s.add(WorkLogEntry(member_id=officer.id, day=d, start_time=time(9, 0), end_time=time(10, 0),
                               place="社区公示栏", category="警务宣传", kind="notice",
                               content="张贴辖区近半月警情公示，提示防范电信诈骗、入室盗窃"))  # fmt: skip
        if d.weekday() == 1 and d.day <= 7:
            s.add(WorkLogEntry(member_id=officer.id, day=d, start_time=time(14, 0), end_time=time(16, 0),
                               place="社区党群服务中心", category="为民服务", kind="meeting",
                               content="参加居民代表会，通报治安形势，听取居民意见",
                               result="居民反映停车难，已转社区居委会"))  # fmt: skip
        d += timedelta(days=1)
    return {"routes": len(routes), "patrols": patrols, "households": households, "visits": visits, "talks": talks}


def _routes(s: Session, rng: random.Random, grids: dict[str, Grid]) -> dict[int, PatrolRoute]:
    out = {}
    for g in DEMO_GRIDS:
        grid = grids[g.code]
        names = [f"{g.compound}{b}号楼" for b in g.buildings[:2]] + rng.sample(SPOTS, 3)
        r = PatrolRoute(grid_id=grid.id, name=f"{grid.name}夜间巡防", start_time=time(19, 0), end_time=time(21, 0),
                        min_people=2)  # fmt: skip
        r.checkpoints = [PatrolCheckpoint(seq=i, name=n) for i, n in enumerate(names, start=1)]
        s.add(r)
        out[grid.id] = r
    s.flush()
    return out


def _patrols(s: Session, rng: random.Random, routes: dict[int, PatrolRoute], officer: TeamMember, start: date,
             today: date) -> int:  # fmt: skip
    cells = s.execute(
        select(Assignment.day, Assignment.grid_id, Assignment.member_id)
        .join(ShiftType, ShiftType.id == Assignment.shift_type_id)
        .where(ShiftType.post == "patrol", Assignment.day.between(start, today - timedelta(days=1)),
               Assignment.grid_id.is_not(None))
    ).all()  # fmt: skip
    plans: dict[tuple[date, int], list[int]] = {}
    for day, gid, mid in cells:
        plans.setdefault((day, gid), []).append(mid)
    members = {m.id: m for m in s.scalars(select(TeamMember))}
    n = 0
    walked: set[date] = set()
    for (day, gid), mids in sorted(plans.items()):
        if gid not in routes or rng.random() < 0.1:  # one planned patrol in ten left without a record
            continue
        route = routes[gid]
        people = [members[m] for m in mids]
        if day.weekday() == 2 and day not in walked and officer not in people:  # one team on Wednesdays
            people.append(officer)
            walked.add(day)
        rec = PatrolRecord(route_id=route.id, grid_id=gid, day=day, start_time=time(19, 0), end_time=time(21, 0),
                           leader_id=people[0].id, live=rng.random() < 0.3)  # fmt: skip
        rec.members = people
        if rng.random() < 0.5:
            rec.helpers = [PatrolHelper(kind="volunteer", name=rng.choice(VOLUNTEERS))]
        if rng.random() < 0.25:
            name, _, unit = rng.choice(GUARDS)[:-1].partition("（")
            rec.helpers.append(PatrolHelper(kind="guard", name=name, unit=unit))
        cps = list(route.checkpoints)
        minutes = sorted(rng.sample(range(5, 115), len(cps)))
        order = list(range(len(cps)))
        roll = rng.random()
        if roll < 0.08:  # two points walked the other way round
            i = rng.randrange(len(cps) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
        missed = {rng.randrange(len(cps))} if 0.08 <= roll < 0.22 else set()
        for pos, idx in enumerate(order):
            cp = cps[idx]
            at = None if idx in missed else time(19 + minutes[pos] // 60, minutes[pos] % 60)
            problem = at is not None and rng.random() < 0.04
            rec.points.append(PatrolPoint(checkpoint_id=cp.id, seq=cp.seq, at=at, problem=problem,
                                          note=rng.choice(PROBLEMS) if problem else ""))  # fmt: skip
        if any(p.problem for p in rec.points):
            rec.findings = "；".join(p.note for p in rec.points if p.problem) + "。已现场提醒，报网格事件跟进。"
        s.add(rec)
        n += 1
    return n


def _households(s: Session, rng: random.Random, grids: dict[str, Grid], workers_of: dict, officer: TeamMember,
                start: date, today: date) -> tuple[int, int]:  # fmt: skip
    kinds = list(DEFAULT_KINDS)
    weighted = [k for k in KIND_WEIGHTS for _ in range(KIND_WEIGHTS[k])]
    residents: dict[int, list[Resident]] = {}
    for r in s.scalars(select(Resident)):
        residents.setdefault(r.grid_id or 0, []).append(r)
    n_h = n_v = 0
    registered = datetime.combine(start - timedelta(days=200), time(9, 0))
    for g in DEMO_GRIDS:
        grid = grids[g.code]
        used = set()
        for i in range(14):
            kind = list(KIND_WEIGHTS)[i] if i < len(KIND_WEIGHTS) else rng.choice(weighted)
            while True:
                b, u, fl = rng.choice(g.buildings), rng.randint(1, 4), rng.randint(1, 6)
                room = f"{fl}0{rng.randint(1, 2)}"
                if (b, u, room) not in used:
                    used.add((b, u, room))
                    break
            people = rng.sample(residents.get(grid.id, []), k=min(rng.randint(1, 3), len(residents.get(grid.id, []))))
            h = Household(grid_id=grid.id, building=f"{g.compound}{b}号楼", unit=f"{u}单元", room=room, kind=kind,
                          head_name=people[0].name if people else "", created_at=registered)  # fmt: skip
            h.residents = people
            s.add(h)
            n_h += 1
            s.flush()
            workers = workers_of.get(grid.id) or [officer]
            months = months_for(kinds, kind)
            # the first visit within the rhythm before the period, then on time (or late, or missed)
            visit = start - timedelta(days=rng.randint(0, 28 * months))
            stop_early = rng.random() < 0.12  # one in eight falls behind: overdue today
            while True:
                due = add_months(visit, months)
                if visit >= start - timedelta(days=40):
                    visitor = officer if rng.random() < 0.15 else rng.choice(workers)
                    at = rng.choice((9, 10, 14, 15, 16))
                    v = HouseholdVisit(
                        household_id=h.id, grid_id=grid.id, visited_on=visit, visitor_id=visitor.id, kind=kind,
                        start_time=time(at, 0), end_time=time(at, 40), received_by=h.head_name or "本人",
                        purpose=rng.choice(PURPOSES), signed=rng.random() < 0.9, next_due=due,
                        **{k: rng.choice(v) for k, v in FINDINGS.items()},
                    )  # fmt: skip
                    if v.hazards:
                        v.action = "已提醒整改，下次走访复查"
                    s.add(v)
                    n_v += 1
                nxt = due + timedelta(days=rng.choice((-3, -1, 0, 0, 2, 5)))
                if nxt > today or (stop_early and add_months(nxt, months) > today - timedelta(days=10)):
                    break
                visit = nxt
    _officer_visits(s, rng, officer, today)
    return n_h, n_v


def _officer_visits(s: Session, rng: random.Random, officer: TeamMember, today: date) -> None:
    """The officer's two households a week this week and last (the duty the 工作台 checks)."""
    households = list(s.scalars(select(Household).order_by(Household.id)))
    monday = today - timedelta(days=today.weekday())
    for week in (monday - timedelta(days=7), monday):
        for k, h in enumerate(rng.sample(households, 2)):
            day = week + timedelta(days=1 + k * 2)
            if day > today:
                continue
            s.add(HouseholdVisit(household_id=h.id, grid_id=h.grid_id, visited_on=day, visitor_id=officer.id,
                                 kind=h.kind, start_time=time(10, 0), end_time=time(11, 0), received_by=h.head_name,
                                 purpose="民警走访", signed=True,
                                 next_due=add_months(day, months_for(list(DEFAULT_KINDS), h.kind))))  # fmt: skip


def _talks(s: Session, rng: random.Random, grids: dict[str, Grid], workers_of: dict, officer: TeamMember,
           start: date, today: date) -> int:  # fmt: skip
    n = 0
    grid_list = list(grids.values())
    d = start + timedelta(days=(3 - start.weekday()) % 7)  # Thursdays, and some Saturdays
    while d <= today:
        for day in (d, d + timedelta(days=2)):
            if day > today or (day != d and rng.random() < 0.5):
                continue
            grid = rng.choice(grid_list + [None])  # type: ignore[list-item]
            givers = [officer] + (workers_of.get(grid.id, [])[:1] if grid else [])
            t = PreventionTalk(day=day, start_time=time(15, 0), end_time=time(16, 30), grid_id=grid.id if grid else None,
                               place=rng.choice(PLACES), topic=rng.choice(DEFAULT_TOPICS[:4] * 2 + DEFAULT_TOPICS[4:]),
                               audience=rng.choice(AUDIENCES), people_reached=rng.randint(15, 120),
                               materials=rng.randint(20, 200), other_givers=rng.choice(("", "平安志愿者2人")))  # fmt: skip
            t.givers = givers
            s.add(t)
            n += 1
        d += timedelta(days=7)
    return n
