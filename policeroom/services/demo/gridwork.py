"""Demo grid work (演示数据：网格工作): a year of grid events in every state and category, places with
inspections (some failed items turned into events, some inspections overdue).

Written through the services (so numbers, timelines, lights and 考核 are what the program makes), in one
transaction: the services share one session here instead of committing per move.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.models import EventSource, Grid, MemberRole, Place, Urgency
from policeroom.services.core import clock
from policeroom.services.core.context import SYSTEM, ServiceContext
from policeroom.services.gridwork.categories import CategoryService
from policeroom.services.gridwork.events import GridEventService
from policeroom.services.gridwork.places import PlaceInput, PlaceService, TickInput
from policeroom.services.gridwork.types import EventInput
from policeroom.services.mediation.types import PartyInput

#: category -> (descriptions, handling, feedback)
TEXTS = {
    "治安隐患": (("{p}单元门禁损坏，陌生人随意进出。", "{p}附近路灯不亮，夜间行人反映不安全。", "地下车库监控探头被遮挡。"),
              ("联系物业更换门禁电控锁。", "报修路灯，已由市政维修。", "清理遮挡物并调整探头角度。"),
              ("已告知楼门长，门禁恢复正常。", "已反馈居民，路灯已亮。", "已告知物业加强巡查。")),
    "消防隐患": (("{p}楼道堆放纸箱杂物，堵塞消防通道。", "{p}一楼电动车入户充电，私拉电线。", "{p}消火栓箱内水带缺失。"),
              ("督促住户清理杂物，楼道已畅通。", "劝导车主移至集中充电点，拆除飞线。", "联系物业补齐水带并检查其他消火栓。"),
              ("已告知上报居民，楼道畅通。", "已告知车主及楼门长。", "已反馈物业，定期检查。")),
    "出租屋": (("{p}出租屋新入住租户未登记。", "{p}疑似群租，一套房住十余人。"),
            ("上门登记租户信息并告知房东申报义务。", "联合房管部门检查，督促房东整改。"),
            ("已登记入库，告知房东。", "已整改为合规居住人数。")),
    "矛盾纠纷": (("{p}两户因楼上漏水发生争吵。", "{p}邻居因停车位占用发生口角。"),
              ("上门了解情况，组织双方协商。", "协调物业划定车位，双方达成谅解。"),
              ("双方已和解。", "已告知双方处理结果。")),
    "环境秩序": (("{p}门口占道经营，影响通行。", "{p}装修噪声夜间扰民。", "{p}绿地被私自圈占种菜。"),
              ("劝导摊贩进入便民市场。", "约谈装修户，告知施工时间规定。", "联系物业恢复绿地。"),
              ("已恢复通行。", "已告知投诉居民。", "已告知楼门长。")),
    "特殊人群": (("社区矫正对象近期未按时报到。", "精神障碍患者家属反映其近期情绪不稳。"),
              ("联系司法所核实，督促按时报到。", "联系社区医生上门随访，落实监护责任。"),
              ("已通报司法所。", "已告知家属注意事项。")),
    "其他": (("{p}井盖松动，有安全隐患。", "{p}有流浪犬出没，居民担心被咬。"),
           ("联系市政部门更换井盖。", "联系动物收容机构处置。"),
           ("已告知居民。", "已反馈上报人。")),
}  # fmt: skip
WEIGHTS = {"治安隐患": 5, "消防隐患": 6, "出租屋": 4, "矛盾纠纷": 3, "环境秩序": 5, "特殊人群": 1, "其他": 2}
PLACES = [
    ("出租屋", "{b}号楼{r}出租屋"), ("“三小”场所", "便民小超市"), ("“三小”场所", "老张修车铺"),
    ("“三小”场所", "好味小吃店"), ("企业", "安华物业公司"), ("学校", "安华里小学"), ("重点部位", "社区变电站"),
    ("出租屋", "{b}号楼{r}出租屋"),
]  # fmt: skip


class _OneSession(ServiceContext):
    """The services write into one open session (one transaction for the whole demo)."""

    def __init__(self, session: Session) -> None:
        super().__init__(None, SYSTEM)  # type: ignore[arg-type]
        self.session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        # no savepoint per call: a refusal aborts the whole demo, whose one transaction then rolls back
        yield self.session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self.session


def seed_gridwork(ctx: ServiceContext, rng: random.Random, today: date) -> tuple[int, int]:
    """Add places, inspections and a year of grid events; returns (events, inspections)."""
    with ctx.sessions() as s, s.begin():
        s.info["actor"] = SYSTEM
        one = _OneSession(s)
        events, places = GridEventService(one), PlaceService(one)
        cats = {c.name: c.id for c in CategoryService(one).list(include_archived=False)}
        grids = list(s.scalars(select(Grid).order_by(Grid.code)))
        workers = {g.id: [m.id for m in g.workers if m.role == MemberRole.grid_worker] for g in grids}
        all_workers = [m for ids in workers.values() for m in ids]
        now = clock.now_minute()
        n_inspections = _places_and_inspections(s, places, rng, grids, workers, today, now)
        n = 0
        start = datetime.combine(today - timedelta(days=365), time(9, 0))
        day = start
        while day < now - timedelta(hours=2):
            for _ in range(rng.choice((0, 1, 1, 2))):
                found = day.replace(hour=rng.randint(8, 18), minute=rng.choice((0, 10, 20, 30, 40, 50)))
                if found >= now - timedelta(hours=1):
                    continue
                _one_event(events, rng, s, cats, grids, workers, all_workers, found, now)
                n += 1
            day += timedelta(days=1)
        return n, n_inspections


def _one_event(ev: GridEventService, rng: random.Random, s: Session, cats: dict[str, int], grids: list[Grid],
               workers: dict[int, list[int]], all_workers: list[int], found: datetime, now: datetime) -> None:  # fmt: skip
    name = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    texts, handling, feedback = TEXTS[name]
    k = rng.randrange(len(texts))
    grid = rng.choice(grids)
    own = workers.get(grid.id) or all_workers
    roll = rng.random()
    reporter, reporter_name, source = rng.choice(own), "", EventSource.patrol_check
    if roll < 0.08:
        reporter, reporter_name, source = (
            None,
            rng.choice(("居民刘阿姨", "楼门长钱桂英", "居民小周")),
            EventSource.snapshot,
        )
    elif roll < 0.14:
        reporter, source = rng.choice(all_workers), EventSource.patrol  # a neighbour's worker on patrol: 漏报
    elif roll < 0.18:
        reporter, reporter_name, source = None, "街道综治中心", EventSource.assigned
    building = f"{rng.randint(1, 12)}号楼"
    urgency = rng.choices(list(Urgency), weights=(8, 3, 1))[0]
    eid = ev.create(EventInput(
        source=source, category_id=cats[name], grid_id=grid.id, found_at=found, urgency=urgency,
        description=texts[k].format(p=building), location=f"{building}", reporter_id=reporter,
        reporter_name=reporter_name,
    ), now=now)  # fmt: skip
    age = (now - found).total_seconds() / 3600
    t = found

    def later(lo: float, hi: float) -> datetime | None:
        nonlocal t
        t = t + timedelta(hours=rng.uniform(lo, hi))
        t = t.replace(second=0, microsecond=0)
        return t if t < now - timedelta(minutes=5) else None

    # the last day and a half's events are still on the way; a few older ones stay open (overdue)
    open_now = age < 36 or rng.random() < 0.04
    stop = rng.choice(["reported", "registered", "dispatched", "handled", "fed_back"]) if open_now else None
    if reporter is not None and rng.random() < 0.15:
        if (at := later(0.1, 1)) is not None and stop != "reported":
            ev.self_handle(eid, handling[k % len(handling)], at=at)
        return
    if stop == "reported" or (at := later(0.3, 7)) is None:
        return
    if rng.random() < 0.07:
        ev.reject(
            eid,
            rng.choice(("重复上报，已有同一事件", "经核实不属实", "不属于网格事件范围，已告知上报人")),
            at=at,
        )
        return
    ev.register(eid, at=at)
    if name == "矛盾纠纷" and rng.random() < 0.5:
        from policeroom.services.mediation.disputes import DisputeService

        draft = ev.draft_dispute(eid, DisputeService(ev.ctx).dispute_types())
        draft.parties = [
            PartyInput(name=rng.choice(("王桂芳", "李建国", "赵淑珍"))),
            PartyInput(name="孙志强"),
        ]
        draft.screened_on = min(draft.screened_on, now.date())
        ev.to_dispute(eid, draft, today=now.date())
    if stop == "registered" or (at := later(0.3, 5)) is None:
        return
    handler = rng.choice(workers.get(grid.id) or all_workers)
    ev.dispatch(eid, handler, at=at)
    if rng.random() < 0.08 and (ask := later(1, 6)) is not None:
        due = ev.get(eid).due
        if due is not None and due > ask:
            ev.ask_extension(eid, due + timedelta(days=rng.randint(1, 3)), "需等待物业或相关部门配合", at=ask)
            if (ok := later(0.5, 3)) is not None:
                ev.decide_extension(eid, True, "同意延期", at=ok)
    recent = age < 24 * 30  # this month's parked events wait still; older ones were resumed
    if rng.random() < (0.15 if recent else 0.05) and (p := later(0.5, 3)) is not None:
        ev.park(eid, rng.choice(("等待城管部门处理", "等待物业采购配件")), at=p)
        if recent or (r := later(24, 96)) is None:
            return
        ev.resume(eid, "相关部门已回复", at=r)
    late = rng.random() < 0.12
    if (at := later(30, 80) if late else later(1, 14)) is None:
        _maybe_supervise(ev, rng, eid, now)
        return
    if stop == "dispatched":
        _maybe_supervise(ev, rng, eid, now)
        return
    ev.handle(eid, handling[k % len(handling)], at=at)
    if stop == "handled" or (at := later(0.5, 6)) is None:
        return
    ev.feedback(eid, feedback[k % len(feedback)], at=at)
    if stop == "fed_back" or (at := later(1, 12)) is None:
        return
    if rng.random() < 0.08:
        ev.rework(eid, rng.choice(("复核发现仍未整改到位", "照片显示杂物未清理干净")), at=at)
        if (at := later(2, 20)) is None:
            return
        ev.handle(eid, "再次整改，已到位", at=at)
        if (at := later(0.5, 4)) is None:
            return
        ev.feedback(eid, "已再次告知", at=at)
        if (at := later(1, 8)) is None:
            return
    ev.close(eid, "现场复核，符合结案条件", at=at)


def _maybe_supervise(ev: GridEventService, rng: random.Random, eid: int, now: datetime) -> None:
    d = ev.get(eid)
    if d.due is not None and d.due < now and not d.parked and rng.random() < 0.6:
        ev.supervise(
            eid, "已超期，请尽快处置并回复", at=max(d.due + timedelta(hours=1), now - timedelta(hours=1))
        )


def _places_and_inspections(s: Session, places: PlaceService, rng: random.Random, grids: list[Grid],
                            workers: dict[int, list[int]], today: date, now: datetime) -> int:  # fmt: skip
    kinds = {n: i for i, n in places.kinds()}
    items = {k: places.items(k) for k in kinds.values()}
    added = datetime.combine(today - timedelta(days=380), time(9, 0))
    n = 0
    for grid in grids:
        inspector = (workers.get(grid.id) or [None])[0]
        for kind, pattern in rng.sample(PLACES, 4):
            name = pattern.format(b=rng.randint(1, 12), r=f"{rng.randint(1, 6)}0{rng.randint(1, 4)}")
            pid = places.create(PlaceInput(grid.id, kinds[kind], name,
                                           f"安华里{rng.randint(1, 12)}号楼", rng.choice(("王先生", "刘女士", "陈经理")),
                                           f"1391105{rng.randint(1000, 9999)}"))  # fmt: skip
            s.get(Place, pid).created_at = added  # type: ignore[union-attr]
            checklist = items[kinds[kind]]
            step = min(
                {"weekly": 7, "half_month": 15, "monthly": 30}.get(i.frequency.value, 90) for i in checklist
            )
            day = added + timedelta(days=rng.randint(0, step))
            skip_tail = rng.random() < 0.35  # some places are left overdue
            while day < now - timedelta(days=(step + 5) if skip_tail else 1):
                if inspector is not None and rng.random() < 0.9:
                    ticks = [TickInput(i.id, rng.random() > 0.06, "") for i in checklist]
                    ticks = [TickInput(t.item_id, t.ok, "" if t.ok else "发现问题，需整改") for t in ticks]
                    places.record_inspection(
                        pid, day.replace(hour=rng.randint(9, 16)), ticks, inspector_id=inspector
                    )
                    n += 1
                day += timedelta(days=step + rng.randint(-2, 3))
    # the latest failed items of the last two months become events
    made = 0
    for row in places.inspections(limit=400):
        if row.at < now - timedelta(days=60):
            continue
        for tick in row.ticks:
            if not tick.ok and tick.event_id is None and rng.random() < 0.7:
                eid = places.event_from_tick(tick.id, urgency=Urgency.normal)
                made += 1
                if made > 2:  # the two latest wait for 立案 (reported); the rest go round the loop
                    _carry_through(GridEventService(places.ctx), rng, eid, row.at, now)
    return n


def _carry_through(
    ev: GridEventService, rng: random.Random, eid: int, found: datetime, now: datetime
) -> None:
    """An event from a failed item goes round the loop like the others (the last day's stay open)."""
    if (now - found).total_seconds() < 36 * 3600:
        return
    handler = ev.get(eid).reporter_id
    t = found
    for hours, step in ((1, lambda at: ev.register(eid, at=at)), (2, lambda at: ev.dispatch(eid, handler, at=at)),
                        (20, lambda at: ev.handle(eid, "已督促整改到位", at=at)),
                        (3, lambda at: ev.feedback(eid, "已告知场所负责人", at=at)),
                        (6, lambda at: ev.close(eid, "复查合格", at=at))):  # fmt: skip
        t = (t + timedelta(hours=rng.uniform(0.5, hours))).replace(second=0, microsecond=0)
        if t >= now - timedelta(minutes=5) or handler is None:
            return
        step(t)
