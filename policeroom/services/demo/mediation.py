"""Demo data for 矛盾纠纷: a year of screening-ledger entries and mediation cases in every state.

Written through the services themselves (so every number, status and deadline is what the program
would have made), after the demo community exists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from policeroom.models import (
    CaseKind,
    CaseSource,
    DisputeStatus,
    MemberRole,
    OtherWay,
    RecordKind,
    Resident,
    Risk,
    TeamMember,
)
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.dates import age_on
from policeroom.services.mediation.cases import MediationService
from policeroom.services.mediation.disputes import DisputeService
from policeroom.services.mediation.parties import party_from_resident
from policeroom.services.mediation.rules import PUBLIC_ORDER_DISPUTE_TYPES
from policeroom.services.mediation.types import (
    AgreementInput,
    DisputeInput,
    PartyInput,
    RecordInput,
    VisitInput,
)


@dataclass(frozen=True)
class Template:
    dispute_type: str
    summary: str
    demands: str
    issues: str
    terms: tuple[str, ...]
    method: str
    occupation: tuple[str, str] = ("退休", "个体经营")


TEMPLATES = (
    Template(
        "邻里",
        "{b}家卫生间漏水，渗到楼下{a}家，天花板和墙面受损，双方多次争吵。",
        "{b}修好防水并赔偿装修损失",
        "漏水原因及赔偿数额",
        (
            "{b}于{d}前请物业维修卫生间防水。",
            "{b}一次性赔偿{a}装修损失人民币{m}元。",
            "维修期间{a}予以配合，双方今后友好相处。",
        ),
        "现金当面交付，物业出具维修单",
    ),
    Template(
        "邻里",
        "{a}反映楼上{b}家夜间噪声扰民，双方发生口角。",
        "{b}晚上十点后停止装修和大声喧哗",
        "夜间噪声",
        ("{b}承诺每晚22时后不再进行产生噪声的活动。", "双方互相谅解，不再追究此前争吵。"),
        "双方自觉遵守",
    ),
    Template(
        "物业",
        "{a}因停车位被占用与{b}多次争执，扬言要动手。",
        "{b}不再占用其固定车位",
        "车位使用",
        ("{b}自即日起不再占用{a}租用的车位。", "物业在车位加装地锁，费用{m}元由{b}承担。"),
        "物业监督执行",
    ),
    Template(
        "婚姻家庭",
        "{a}与{b}夫妻因子女抚养和家务分担长期矛盾，近日争吵激烈。",
        "{b}承担家庭开支，改善态度",
        "家庭开支与子女照顾",
        ("{b}每月向家庭共同账户存入生活费{m}元。", "双方轮流接送孩子上下学，互相尊重。"),
        "按月转账",
        ("职员", "职员"),
    ),
    Template(
        "损害赔偿",
        "{b}饲养的犬只咬伤{a}小腿，{a}要求赔偿医药费。",
        "赔偿医药费、误工费",
        "医疗费用及误工损失",
        ("{b}赔偿{a}医药费、误工费共计人民币{m}元。", "{b}今后遛狗须拴绳，并办理养犬登记。"),
        "微信转账，转账记录为凭",
    ),
    Template(
        "合同",
        "{a}将房屋出租给{b}，租期届满后押金退还发生争议。",
        "退还押金",
        "押金扣除数额",
        ("{a}扣除损坏家具维修费后，退还{b}押金人民币{m}元。", "双方租赁关系于协议签订之日终止。"),
        "银行转账",
    ),
    Template(
        "劳动争议",
        "{b}在{a}经营的餐馆工作三个月，离职时被拖欠工资。",
        "结清工资",
        "拖欠工资数额",
        ("{a}于{d}前一次性支付{b}工资人民币{m}元。", "双方劳动关系解除，不再有其他争议。"),
        "现金支付，{b}出具收条",
        ("餐馆经营者", "服务员"),
    ),
    Template(
        "消费",
        "{a}在{b}开的便利店购买过期食品，要求退一赔十。",
        "退款并赔偿",
        "赔偿标准",
        ("{b}退还货款并赔偿{a}人民币{m}元。", "{b}立即清理过期商品。"),
        "现金当场支付",
        ("职员", "个体经营"),
    ),
)

# How a case ends up (weights): archived with agreement, failed, or stopped at each stage.
ENDINGS = (("archived", 30), ("failed", 5), ("visited", 4), ("performed", 5), ("agreed", 8),
           ("mediating", 4), ("investigating", 2), ("accepted", 2))  # fmt: skip


#: Recent cases made on purpose so the demo always shows what a room deals with this week:
#: (days ago accepted, how it ends, days from the session to the performance deadline).
SCENARIOS = (
    (20, "agreed", 3), (12, "visited", 2), (9, "agreed", 4), (8, "performed", 2), (6, "failed", 0),
    (4, "agreed", 12), (3, "investigating", 0), (2, "mediating", 0), (1, "accepted", 0),
)  # fmt: skip


def seed_mediation(
    ctx: ServiceContext, rng: random.Random, today: date, *, entries: int = 90
) -> tuple[int, int]:
    """Add a year of ledger entries, a third of them mediated; returns (entries, cases)."""
    disputes = DisputeService(ctx)
    mediation = MediationService(ctx, disputes)
    with ctx.read() as s:
        members = list(s.scalars(select(TeamMember).where(TeamMember.active.is_(True))))
        residents = list(s.scalars(select(Resident).where(Resident.grid_id.is_not(None))))
        # Parties are adults; the retired are old enough to be (the documents print age and occupation).
        adults = [r for r in residents if (age_on(r.birth_date, today) or 40) >= 18]
        parties_of = {r.id: party_from_resident(r) for r in residents}
    officer = next(m for m in members if m.role == MemberRole.officer)
    staff = [m for m in members if m.role == MemberRole.staff]
    workers: dict[int, int] = {}
    with ctx.read() as s:
        for m in s.scalars(select(TeamMember).where(TeamMember.role == MemberRole.grid_worker)):
            for g in m.grids:
                workers[g.id] = m.id
    made_cases = 0
    start = today - timedelta(days=365)
    days = sorted(start + timedelta(days=rng.randint(30, 364)) for _ in range(entries - len(SCENARIOS)))
    days += [today - timedelta(days=d) for d, _e, _l in SCENARIOS]
    planned = {len(days) - len(SCENARIOS) + i: sc for i, sc in enumerate(SCENARIOS)}
    for i, day in enumerate(days):
        t = rng.choice(TEMPLATES)
        a, b = rng.sample(adults, 2)
        names = {"a": a.name, "b": b.name}
        risk = rng.choices(list(Risk), (8, 17, 40, 35))[0]
        recent = (today - day).days < 21
        status = (
            DisputeStatus.unresolved
            if recent and rng.random() < 0.5
            else rng.choice(
                (
                    DisputeStatus.in_progress,
                    DisputeStatus.resolved,
                    DisputeStatus.resolved,
                    DisputeStatus.transferred,
                )
            )
        )
        if i in planned:
            status = DisputeStatus.in_progress
        eid = disputes.create(DisputeInput(
            screened_on=day, dispute_type=t.dispute_type, risk=risk, summary=t.summary.format(**names),
            grid_id=a.grid_id, screener_id=workers.get(a.grid_id), owner_id=officer.id if risk in (Risk.red, Risk.orange)
            else workers.get(a.grid_id, officer.id), occurred_at=datetime.combine(day - timedelta(days=rng.randint(0, 5)),
                                                                               time(rng.randint(8, 21), 0)),
            location=a.address, people_count=2 + (rng.random() < 0.1) * rng.randint(1, 20),
            demands=t.demands.format(**names), measures="上门走访，释法明理，约双方到警务室协商" if status != DisputeStatus.unresolved else "",
            deadline=day + timedelta(days=rng.choice((7, 15, 30))), status=status,
            resolved_on=min(today, day + timedelta(days=rng.randint(2, 20))) if status is DisputeStatus.resolved else None,
            transferred_to="街道司法所" if status == DisputeStatus.transferred else "",
            stabilizing="网格员每日关注，民警电话回访" if risk == Risk.red else "",
            parties=[PartyInput(name=a.name, resident_id=a.id, phone=a.phone or ""),
                     PartyInput(name=b.name, resident_id=b.id, phone=b.phone or "")],
        ), today=today)  # fmt: skip
        if i not in planned and (status is DisputeStatus.transferred or rng.random() > 0.45):
            continue
        police = rng.random() < 0.2  # drawn for every case, so the demo's other choices stay the same
        kind = CaseKind.public_order if police and t.dispute_type in PUBLIC_ORDER_DISPUTE_TYPES else CaseKind.people
        accepted = day if i in planned else min(today, day + timedelta(days=rng.randint(0, 3)))
        draft = mediation.draft_from_entry(eid, accepted)
        draft.kind = kind
        draft.source = (
            CaseSource.police
            if kind is CaseKind.public_order
            else rng.choice(
                (CaseSource.application, CaseSource.application, CaseSource.initiative, CaseSource.police)
            )
        )
        for p, who, occ in zip(draft.parties, (a, b), t.occupation, strict=False):
            base = parties_of[who.id]
            age = age_on(who.birth_date, accepted)
            if occ == "退休" and age is not None and age < 55:
                occ = "职员"
            p.ethnicity, p.occupation = base.ethnicity or "汉族", occ
        draft.issues = t.issues
        k = rng.randrange(len(staff))
        draft.mediator_ids = [officer.id] if kind is CaseKind.public_order else [officer.id, staff[k].id]
        draft.recorder_id = staff[k - 1].id if len(staff) > 1 else None
        draft.registrar_id = draft.recorder_id
        draft.amount = float(rng.choice((500, 800, 1200, 2000, 3500, 5000)))
        cid = mediation.create(draft, entry_id=eid, today=today)
        made_cases += 1
        _advance(
            mediation,
            rng,
            cid,
            t,
            names,
            accepted,
            today,
            officer.id,
            draft.recorder_id,
            staff,
            kind,
            planned.get(i),
        )
    return entries, made_cases


def _advance(
    mediation, rng, cid, t, names, accepted, today, officer_id, recorder_id, staff, kind, plan
) -> None:  # noqa: ANN001, PLR0913
    age = (today - accepted).days
    ending = rng.choices([e for e, _ in ENDINGS], [w for _, w in ENDINGS])[0]
    if plan:
        ending = plan[1]
    if age < 30 and ending == "archived":
        ending = rng.choice(("agreed", "performed", "mediating", "investigating"))
    if not plan and age > 45 and ending not in ("archived", "failed") and rng.random() < 0.9:
        ending = "archived"  # a real room has followed up its old cases
    if ending == "accepted":
        return
    recorder = next(m.name for m in staff if m.id == recorder_id)
    at = datetime.combine(min(today, accepted + timedelta(days=1)), time(9, 30))
    mediation.add_record(cid, RecordKind.investigation, RecordInput(
        at=at, place="当事人家中", interviewee=f"{names['b']}及邻居", investigator="社区民警", recorder=recorder,
        content=f"经了解，{t.summary.format(**names)}双方对{t.issues}存在分歧。"))  # fmt: skip
    if ending == "investigating":
        return
    session_day = min(today, accepted + timedelta(days=1 if plan else rng.randint(2, 6)))
    mediation.add_record(cid, RecordKind.session, RecordInput(
        at=datetime.combine(session_day, time(14, 0)), place="社区警务室调解室", subject=f"{t.dispute_type}纠纷调解",
        parties_present=f"{names['a']}、{names['b']}", participants="楼门长钱桂英", recorder=recorder,
        content=f"调解员向双方讲明相关法律规定，听取双方意见。{names['a']}要求{t.demands.format(**names)}，"
                f"{names['b']}表示愿意协商。", result="" if ending == "mediating" else "双方达成一致意见",
    ))  # fmt: skip
    if ending == "mediating":
        return
    if ending == "failed":
        mediation.fail(
            cid,
            session_day,
            "双方对赔偿数额分歧较大，经多次调解未能达成一致",
            rng.choice(list(OtherWay)),
            today=today,
        )
        if age > 30:
            mediation.archive(cid, min(today, session_day + timedelta(days=5)), recorder_id)
        return
    oral = kind is CaseKind.people and rng.random() < 0.3 and not plan
    deadline = session_day + timedelta(days=plan[2] if plan else rng.choice((5, 10, 15)))
    fields = {
        **names,
        "m": rng.choice((500, 800, 1200, 2000, 3500)),
        "d": f"{deadline.month}月{deadline.day}日",
    }
    spot = oral and rng.random() < 0.5 and not plan
    mediation.record_agreement(cid, AgreementInput(
        oral=oral, agreed_on=session_day, terms=[x.format(**fields) for x in t.terms],
        performance_method="" if spot else t.method.format(**names), performance_deadline=None if spot else deadline,
        performed_on_the_spot=spot), today=today)  # fmt: skip
    if ending == "agreed":
        return
    done = max(session_day, min(today, deadline - timedelta(days=rng.randint(0, 3))))
    if not spot:
        mediation.add_performance(
            cid, done, f"按协议履行完毕（{t.method.format(**names)}）", "收条、转账记录", completed=True
        )
    if ending == "performed":
        return
    visit_day = min(today, max(done, session_day) + timedelta(days=rng.randint(2, 5)))
    mediation.add_visit(cid, VisitInput(
        visited_on=visit_day, visitor_id=officer_id, method=rng.choice(("电话", "上门")),
        performance="协议已全部履行", satisfaction=rng.choice(("满意", "满意", "基本满意")),
        notes="双方关系缓和，未发现新的矛盾"), today=today)  # fmt: skip
    if ending == "visited":
        return
    mediation.archive(cid, min(today, visit_day + timedelta(days=3)), recorder_id)


__all__ = ["seed_mediation"]
