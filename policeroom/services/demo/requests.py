"""Demo assistance requests: two years of them in every state, some overdue (演示数据：群众求助)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.models import (
    AssistanceRequest,
    Channel,
    Counter,
    Grid,
    LoopEvent,
    MemberRole,
    RequestAction,
    Resident,
    Satisfaction,
    Status,
    TeamMember,
    Urgency,
)
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.workdays import add_working_days
from policeroom.services.requests.search import index_request
from policeroom.services.requests.shapes import _refresh_due, _rules, request_number

#: (category, urgency weights, descriptions, handling, feedback)
TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "走失人员": (
        ("家中老人（{age}岁，患阿尔茨海默病）早上出门买菜至今未归，身穿{color}外套。",
         "孩子放学后未按时回家，最后出现在{place}附近。"),
        ("调取{place}周边监控，联系网格员和楼门长分头寻找。", "通报派出所和巡逻队，在公交站、菜市场一带查找。"),
        ("已在{place}找到，平安送回家中。", "已找到，交由家属接回，并提醒为老人佩戴防走失手环。"),
    ),
    "危难求助": (
        ("独居老人在家摔倒，无法起身，邻居听到呼救后求助。", "有人被困在{place}电梯内，情绪紧张。"),
        ("立即赶到现场，拨打120协助送医。", "联系物业维保人员到场解困，现场安抚。"),
        ("老人已送医检查，无大碍，已联系子女陪护。", "被困人员已安全解困，电梯已停用检修。"),
    ),
    "水电气热险情": (
        ("{place}楼道闻到燃气味，担心泄漏。", "地下室水管爆裂，积水漫到楼道。", "楼内突然停电，有老人用制氧机。"),
        ("疏散楼内居民，通知燃气公司抢修。", "联系物业关闭总阀并抽水。", "联系供电所抢修，协调备用电源。"),
        ("燃气公司已处置，系阀门松动，已修复。", "水管已修复，积水清理完毕。", "已恢复供电，老人情况稳定。"),
    ),
    "邻里求助": (
        ("楼上住户家中漏水，渗到自家天花板。", "邻居在公共楼道堆放杂物，影响通行。", "邻居家宠物狗夜间吠叫，影响休息。"),
        ("联系楼上住户和物业共同查看漏水点。", "上门劝说清理楼道杂物，讲解消防通道要求。", "上门沟通，提醒文明养犬。"),
        ("漏水点已找到并修复，双方协商好赔偿。", "杂物已清理，楼道恢复通畅。", "邻居表示夜间会看管好宠物。"),
    ),
    "生活困难": (
        ("独居老人反映行动不便，买药困难。", "家庭突遭变故，生活困难，咨询救助政策。"),
        ("联系社区志愿者定期代购药品。", "协助联系民政科室，介绍临时救助申请流程。"),
        ("已安排志愿者每周两次代购。", "已协助提交临时救助申请材料。"),
    ),
    "证件咨询": (
        ("咨询身份证丢失后补办的流程和材料。", "咨询居住证办理需要准备的材料。", "咨询孩子落户需要的手续。"),
        ("当面讲解补办流程，告知所需材料和办理地点。", "讲解居住证申领条件和材料清单。", "解答落户政策，告知派出所户籍窗口时间。"),
        ("求助人已明白流程，准备材料后前往办理。", "已告知办理地点和时间。", "求助人已了解所需材料。"),
    ),
    "车辆挪移": (
        ("有车辆堵住小区消防通道，联系不上车主。", "{place}门口车辆挡住出入口，无法出车。"),
        ("通过挪车电话联系车主。", "联系物业查找车主信息并通知挪车。"),
        ("车主已将车辆挪走。", "车辆已挪走，提醒车主规范停放。"),
    ),
    "噪声扰民": (
        ("楼下商铺夜间装修施工，噪声很大。", "{place}广场舞音响声音过大，影响老人休息。"),
        ("到现场劝说商铺停止夜间施工。", "与广场舞队伍负责人沟通，约定音量和时间。"),
        ("商铺已停止夜间施工，调整到白天。", "已降低音量，晚上九点前结束。"),
    ),
    "法律咨询": (
        ("咨询房屋租赁押金不退如何维权。", "咨询被拖欠工资应如何处理。"),
        ("讲解相关法律规定，建议先协商，并介绍人民调解。", "介绍劳动监察投诉和劳动仲裁途径。"),
        ("求助人已了解维权途径。", "已引导至司法所法律援助窗口。"),
    ),
    "其他": (
        ("捡到一个钱包，内有身份证和现金，交到警务室。", "小区门禁坏了，陌生人随意进出，担心安全。"),
        ("根据证件信息联系失主。", "联系物业尽快修复门禁，增加巡逻。"),
        ("失主已领回钱包。", "门禁已修复。"),
    ),
}
PLACES = ("安华里小区东门", "安华西里菜市场", "安贞里小区3号楼", "华严北里幼儿园", "安华桥公交站", "社区卫生服务站")
COLORS = ("蓝色", "灰色", "黑色", "红色", "格子")
CATEGORY_WEIGHTS = {
    "走失人员": 3, "危难求助": 3, "水电气热险情": 5, "邻里求助": 22, "生活困难": 8, "证件咨询": 20,
    "车辆挪移": 14, "噪声扰民": 12, "法律咨询": 8, "其他": 5,
}
URGENT_CATEGORIES = {"走失人员": Urgency.critical, "危难求助": Urgency.critical, "水电气热险情": Urgency.urgent}


def _fill(text: str, rng: random.Random) -> str:
    return text.format(age=rng.randint(70, 88), color=rng.choice(COLORS), place=rng.choice(PLACES))


def seed_requests(session: Session, rng: random.Random, now: datetime, *, per_year: int = 600, years: int = 2) -> int:
    """Add ``per_year * years`` requests ending today, in one transaction (the caller's)."""
    rules = _rules(session)
    members = list(session.scalars(select(TeamMember).where(TeamMember.active.is_(True))))
    officer = next(m for m in members if m.role == MemberRole.officer)
    desk = [m for m in members if m.role in (MemberRole.officer, MemberRole.staff)]
    grids = list(session.scalars(select(Grid)))
    worker_of = {g.id: next((w for w in g.workers if w.active), officer) for g in grids}
    residents = list(session.scalars(select(Resident).where(Resident.grid_id.is_not(None))))
    cats = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    total = per_year * years
    start = now - timedelta(days=365 * years)
    times = sorted(start + timedelta(seconds=rng.uniform(0, (now - start).total_seconds() - 3600)) for _ in range(total))
    seq: dict[int, int] = {}
    names = {m.id: m.name for m in members}
    made: list[AssistanceRequest] = []
    timelines: list[list[tuple]] = []
    cycle = ["registered", "dispatched", "handling", "fed_back", "visited", "closed", "referred", "voided"]
    for i, received in enumerate(times):
        received = received.replace(second=0, microsecond=0)
        if not 7 <= received.hour <= 21:
            received = received.replace(hour=rng.randint(8, 20))
        if received > now - timedelta(minutes=30):
            received = now - timedelta(minutes=rng.randint(30, 300))
        category = rng.choices(cats, weights)[0]
        asks, handlings, results = TEMPLATES[category]
        pick = rng.randrange(len(asks))
        urgency = URGENT_CATEGORIES.get(category, Urgency.urgent if rng.random() < 0.08 else Urgency.normal)
        resident = rng.choice(residents)
        anonymous = rng.random() < 0.03
        year = received.year
        seq[year] = seq.get(year, 0) + 1
        r = AssistanceRequest(
            number=request_number(year, seq[year]), year=year, seq=seq[year], received_at=received,
            channel=rng.choices(list(Channel), (40, 30, 8, 18, 4))[0], category=category, urgency=urgency,
            description=_fill(asks[pick], rng), receiver_id=rng.choice(desk).id, status=Status.registered,
            occurred_at=received - timedelta(minutes=rng.randint(5, 180)), location=resident.address,
            grid_id=resident.grid_id, leader=officer.name,
        )
        if anonymous:
            r.anonymous, r.anonymous_reason = True, "不愿透露身份"
        else:
            r.resident_id, r.requester_name = resident.id, resident.name
            r.requester_initials = name_keys(resident.name)[1]
            r.requester_phone, r.requester_address = resident.phone or "", resident.address
        session.add(r)
        events = [("register", received, r.receiver_id, "")]
        age_days = (now - received).days
        # Older requests are mostly finished; recent ones are spread over the loop; a few got stuck.
        # Older requests are finished: a room does not leave matters open for months. Only a few recent
        # ones run late (enough to show the yellow and red lights).
        if age_days > 14:
            target = rng.choices(["closed", "referred", "voided"], (91, 6, 3))[0]
        else:
            target = rng.choice(["registered", "dispatched", "handling", "fed_back", "visited", "closed", "closed"])
        newest = i >= total - 2 * len(cycle)
        if newest:  # the newest ones show every state of the loop
            target = cycle[i % len(cycle)]
        open_target = target in ("registered", "dispatched", "handling", "fed_back", "visited")
        if open_target and age_days > 14 and not newest:
            target, open_target = "closed", False
        pressing = urgency in (Urgency.critical, Urgency.urgent)
        # (a small demo's newest requests may be weeks old: they are brought to today, in time)
        if open_target and (pressing or newest and age_days > 14 or age_days <= 14 and rng.random() < 0.75):
            # Most open requests are being worked on in time; the rest (and the stuck old ones) are overdue.
            received = now - timedelta(minutes=rng.randint(3, 10) if target == "registered" else rng.randint(40, 150))
            r.received_at, r.occurred_at = received, received - timedelta(minutes=rng.randint(5, 60))
            if target == "registered" and category not in URGENT_CATEGORIES:
                r.urgency = Urgency.normal
            events[0] = ("register", received, r.receiver_id, "")
        _walk(r, target, rng, now, rules, worker_of.get(r.grid_id, officer), _fill(handlings[pick], rng),
              _fill(results[pick], rng), events)
        timelines.append([(kind, at, names.get(member_id, ""), detail) for kind, at, member_id, detail in events])
        _refresh_due(r, rules)
        made.append(r)
    session.flush()  # one flush for all: per-object flushes made seeding ten times slower
    session.add_all(
        LoopEvent(kind="request", matter_id=r.id, move=kind, from_status=before, to_status=after, actor=actor,
                  handler_id=r.assignee_id if kind not in ("register", "dispatch") else None, at=at, note=detail)
        for r, steps in zip(made, timelines, strict=True)
        for kind, at, actor, detail, before, after in _statuses(steps)
    )  # fmt: skip
    for r in made:
        index_request(session, r, name_keys(r.requester_name)[0] if r.requester_name else "")
    for year, value in seq.items():
        counter = session.get(Counter, f"QZ{year}")
        if counter is None:
            session.add(Counter(key=f"QZ{year}", value=value))
        else:
            counter.value = max(counter.value, value)
    return total


def _statuses(steps: list[tuple]) -> list[tuple]:
    """Each demo step with the status before and after it (as the timeline keeps them)."""
    to = {"register": "registered", "dispatch": "dispatched", "handle": "handling", "feedback": "fed_back",
          "visit": "visited", "close": "closed", "refer": "referred", "void": "voided"}  # fmt: skip
    out, status = [], None
    for kind, at, actor, detail in steps:
        after = status if kind == "dispatch" and status not in (None, "registered") else to.get(kind, status)
        out.append((kind, at, actor, detail, status, after))
        status = after
    return out


def _walk(r, target, rng, now, rules, worker, handling, result, events) -> None:  # noqa: ANN001, PLR0913
    order = ["registered", "dispatched", "handling", "fed_back", "visited", "closed"]
    if target == "voided":
        r.status, r.void_reason = Status.voided, "重复登记"
        events.append(("void", r.received_at + timedelta(minutes=20), r.receiver_id, "重复登记"))
        return
    t = r.received_at
    limit = rules.hours("dispatch", r.urgency)
    late = rng.random() < 0.07

    pressing = r.urgency in (Urgency.critical, Urgency.urgent)

    def step(hours: float) -> datetime:
        nonlocal t
        t = min(_working_hours(t + timedelta(hours=hours), rng, night=r.urgency == Urgency.critical),
                now - timedelta(minutes=1))
        return t

    if target == "referred":
        r.assignee_id, r.dispatched_at = worker.id, step(rng.uniform(0.1, limit))
        r.status, r.referred_to, r.closed_at = Status.referred, rng.choice(("物业", "城管", "街道", "民政")), step(2)
        events += [("dispatch", r.dispatched_at, r.receiver_id, f"派遣给{worker.name}"),
                   ("refer", r.closed_at, worker.id, f"转办{r.referred_to}")]
        return
    upto = order.index(target)
    if upto >= 1:
        r.assignee_id, r.status = worker.id, Status.dispatched
        r.dispatched_at = step(rng.uniform(0.05, limit * (2.5 if late else 0.9)))
        events.append(("dispatch", r.dispatched_at, r.receiver_id, f"派遣给{worker.name}"))
    if upto >= 2:
        at = step(rng.uniform(0.2, rules.hours("handle", r.urgency) * (2 if late else 0.8)))
        r.first_action_at, r.status = at, Status.handling
        r.actions.append(RequestAction(at=at, member_id=worker.id, content=handling))
        events.append(("handle", at, worker.id, handling))
    if upto >= 3:
        r.feedback_at, r.feedback, r.status = step(rng.uniform(0.2, 2) if pressing else rng.uniform(0.5, 20)), result, Status.fed_back
        r.visit_due = add_working_days(r.feedback_at, rules.visit_working_days)
        events.append(("feedback", r.feedback_at, worker.id, result))
    if upto >= 4:
        days = rng.choice((1, 1, 2, 2, 3, 5 if late else 2))
        visit = r.feedback_at + timedelta(hours=rng.uniform(1, 3)) if pressing else add_working_days(
            r.feedback_at, days).replace(hour=rng.randint(9, 17))
        r.visited_at = min(_working_hours(visit, rng, night=r.urgency == Urgency.critical), now - timedelta(minutes=1))
        r.visited_at = max(r.visited_at, r.feedback_at + timedelta(minutes=30))
        t = r.visited_at
        r.visit_method = rng.choice(("电话回访", "电话回访", "上门回访"))
        r.satisfaction = rng.choices(list(Satisfaction), (80, 16, 4))[0]
        r.visit_remarks = "对处置结果和民警态度表示认可。" if r.satisfaction != Satisfaction.unsatisfied else "认为处理不够及时。"
        r.status = Status.visited
        events.append(("visit", r.visited_at, r.receiver_id, r.visit_method))
    if upto >= 5:
        r.closed_at, r.status = step(rng.uniform(0.1, 1) if pressing else rng.uniform(0.2, 20)), Status.closed
        events.append(("close", r.closed_at, r.receiver_id, ""))


def _working_hours(t: datetime, rng: random.Random, *, night: bool = False) -> datetime:
    """``t`` moved into the room's working hours (08:00-20:00): a step that would fall at night is done the
    next morning. Emergencies (``night``) are worked on through the night."""
    if night or 8 <= t.hour < 20:
        return t
    day = t.date() if t.hour < 8 else t.date() + timedelta(days=1)
    return datetime.combine(day, time(8, rng.randint(0, 59)))


__all__ = ["seed_requests", "time"]
