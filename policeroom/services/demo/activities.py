"""Demo data for activities, hours and points: a year of activities with participations in every state,
bonuses, redemptions in every state and a few certificates (one voided).

Written through the services (so every number, ledger entry and balance is what the program makes), each
step "as of" its day (``clock.as_of``). Uses the demo's volunteers; when there are none yet (the volunteer
register seeds them), it registers sixty residents as volunteers first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from policeroom.errors import DomainError
from policeroom.models import AccountRole, MemberRole, Resident, TeamMember, Volunteer
from policeroom.services.activities.attendance import ParticipationService
from policeroom.services.activities.certificates import CertificateService
from policeroom.services.activities.planning import ActivityService
from policeroom.services.activities.points import PointsService
from policeroom.services.activities.rewards import RewardService
from policeroom.services.activities.rules import parse_needs
from policeroom.services.activities.types import ActivityInput
from policeroom.services.core import clock
from policeroom.services.core.context import Actor, ServiceContext
from policeroom.services.core.records import next_value
from policeroom.services.people.accounts import ROLE_FOR_MEMBER

TITLES = {
    "智慧义巡": ("夜间平安义巡", "小区周边治安巡逻", "商圈平安义巡", "开学季护校巡逻"),
    "宣传活动": ("反诈宣传进社区", "禁毒知识宣传", "消防安全宣传", "防范养老诈骗讲座"),
    "心理咨询": ("邻里心理疏导", "青少年心理辅导"),
    "法律援助": ("法律咨询进楼门", "以案释法讲堂"),
    "矛盾纠纷调解": ("邻里纠纷调解协助", "物业纠纷协调会"),
    "治安巡逻": ("节前治安巡逻", "重点时段守护"),
}
PLACES = ("安华里社区广场", "安华里小区东门", "社区活动中心", "安华里商业街", "安华里小学门口", "警务室会议室")
NEEDS = {"智慧义巡": "治安员:6", "宣传活动": "宣传员:4;信息员:2", "矛盾纠纷调解": "调解员:3"}
REWARDS = (("超市提货券20元", 12, 30), ("洗衣液一瓶", 8, 40), ("电影票两张", 20, 10), ("保温杯", 10, 20))
#: hours of earlier years carried forward from the paper book (some long-serving volunteers reach the stars)
CARRIED = (1560, 1020, 640, 320, 310, 150, 120, 105)


@dataclass(frozen=True)
class ActivitiesDemo:
    activities: int
    participations: int
    redemptions: int
    certificates: int


def _volunteers(ctx: ServiceContext, rng: random.Random, today: date) -> list[int]:
    with ctx.write() as s:
        have = list(s.scalars(select(Volunteer.id).order_by(Volunteer.id)))
        if have:
            return have
        residents = list(s.scalars(select(Resident).where(Resident.grid_id.is_not(None)).order_by(Resident.id)))
        adults = [r for r in residents if r.birth_date is None or (today - r.birth_date).days > 18 * 366][:60]
        roles = ("治安员", "信息员", "调解员", "宣传员")
        for r in adults:
            joined = today - timedelta(days=rng.randint(380, 1500))
            seq = next_value(s, f"ZY{joined.year}")
            s.add(Volunteer(
                number=f"ZY{joined.year}-{seq:04d}", year=joined.year, seq=seq, resident_id=r.id, grid_id=r.grid_id,
                roles="、".join(sorted(rng.sample(roles, rng.randint(1, 2)), key=roles.index)), joined_on=joined,
                insurance_policy=f"PA{rng.randint(10**9, 10**10 - 1)}", insurer="中国人民财产保险",
                insurance_until=today + timedelta(days=rng.randint(-20, 300)) if rng.random() < 0.8 else None,
            ))  # fmt: skip
        s.flush()
        return list(s.scalars(select(Volunteer.id).order_by(Volunteer.id)))


def seed_activities(ctx: ServiceContext, rng: random.Random, today: date, *, count: int = 80) -> ActivitiesDemo:
    people = _volunteers(ctx, rng, today)
    with ctx.read() as s:
        members = list(s.scalars(select(TeamMember).where(TeamMember.active.is_(True)).order_by(TeamMember.id)))
        grids_of = {m.id: [g.id for g in m.grids] for m in members}
    officer = next(m for m in members if m.role == MemberRole.officer)
    actors = {
        m.id: Actor(None, m.name, ROLE_FOR_MEMBER.get(m.role, AccountRole.staff), m.id, frozenset(grids_of[m.id]))
        for m in members
    }
    ctx = ServiceContext(ctx.sessions, actors[officer.id])  # the demo's steps are the officer's
    acts, parts, points = ActivityService(ctx), ParticipationService(ctx), PointsService(ctx)
    rewards, certs = RewardService(ctx), CertificateService(ctx)
    organisers = [m for m in members if m.role in (MemberRole.officer, MemberRole.staff, MemberRole.grid_worker)]
    all_grids = sorted({g for gs in grids_of.values() for g in gs})
    now = clock.now_minute()
    made = 0
    start = today - timedelta(days=360)
    days = sorted(start + timedelta(days=rng.randint(0, 352)) for _ in range(count - 6))
    days += [today + timedelta(days=d) for d in (-3, -2, -1, 0, 2, 5)]  # this week and next: planned or open
    for day in days:
        kind = rng.choice(list(TITLES))
        org = rng.choice(organisers)
        hour = rng.choice((9, 14, 19))
        begins = datetime.combine(day, time(hour, 0))
        ends = begins + timedelta(hours=rng.choice((2, 2, 3, 4)))
        grid = (grids_of.get(org.id) or all_grids or [None])[0]
        with clock.as_of(begins - timedelta(days=rng.randint(3, 10))):
            aid = acts.create(ActivityInput(
                kind=kind, title=rng.choice(TITLES[kind]), organiser_id=org.id, place=rng.choice(PLACES), grid_id=grid,
                starts_at=begins, ends_at=ends, needs=NEEDS.get(kind, ""), risky=kind == "智慧义巡" and rng.random() < 0.3,
                cap_minutes=180 if rng.random() < 0.2 else None,
            ))  # fmt: skip
            pool = [r for r, n in parse_needs(NEEDS.get(kind, "")) for _ in range(n)]
            rng.shuffle(pool)
            taken = []
            for v in rng.sample(people, rng.randint(3, 8)):
                role = (pool.pop() if pool else rng.choice(NEEDS[kind].split(";")).split(":")[0]) if kind in NEEDS else ""
                try:
                    taken.append(parts.apply(aid, v, role))
                    made += 1
                except DomainError:  # overlapping, uninsured for a risky patrol …
                    continue
        if ends > now:  # not over yet: sign-ups, some taken
            with clock.as_of(min(now, begins - timedelta(days=1))):
                for pid in taken[: len(taken) // 2]:
                    _try(parts.accept, pid)
            continue
        with clock.as_of(begins - timedelta(days=1)):
            for pid in taken:
                if rng.random() < 0.1 or not _try(parts.accept, pid):  # some not taken, and those beyond the needs
                    _try(parts.reject, pid)
        recent = (now - ends).days < 10
        later: set[int] = set()  # left as they are (已签到, 已签退): the organiser has not finished
        for pid in taken:
            fate = rng.random()
            with clock.as_of(begins + timedelta(minutes=rng.randint(-10, 15))):
                if recent and pid == taken[0] and _try(parts.sign_in, pid):
                    later.add(pid)  # one of each recent activity still on the sheet as 已签到
                    continue
                if fate < 0.08:
                    _try(parts.absent, pid)
                    continue
                if fate < 0.12:
                    _try(parts.void, pid, "重复登记")
                    continue
                if fate < 0.30:  # the paper sheet: the organiser enters the time afterwards
                    continue
                _try(parts.sign_in, pid)
            if recent and fate < 0.4:
                later.add(pid)  # signed in, the sign-out not yet entered (已签到)
                continue
            with clock.as_of(ends + timedelta(minutes=rng.randint(-20, 50 if rng.random() < 0.1 else 10))):
                _try(parts.sign_out, pid)
        with clock.as_of(ends + timedelta(hours=2)):
            for pid in taken:
                if pid in later or (recent and pid in taken[1:3]):
                    continue  # signed out, the hours not yet recorded (已签退)
                _try(parts.record_minutes, pid) or _try(parts.record_minutes, pid, int((ends - begins).seconds // 60))
        if recent and rng.random() < 0.7:
            continue  # waiting for the organiser to confirm (待确认)
        with clock.as_of(ends + timedelta(days=1)):  # 谁记录谁证明: the organiser confirms
            confirmer = ParticipationService(ServiceContext(ctx.sessions, actors[org.id]))
            for pid in taken:
                _try(confirmer.confirm, pid)
        with clock.as_of(ends + timedelta(days=1, hours=1)):
            acts_status(acts, aid)
    redemptions = _rewards(ctx, rng, today, people, rewards, points)
    certificates = _certificates(rng, today, people, certs, points)
    return ActivitiesDemo(len(days), made, redemptions, certificates)


def _try(fn, *args) -> bool:  # noqa: ANN001
    try:
        fn(*args)
    except DomainError:
        return False
    return True


def acts_status(acts: ActivityService, aid: int) -> None:
    from policeroom.models import ActivityStatus

    row = acts.get(aid)
    if row.status == "planned":
        _try(acts.set_status, aid, ActivityStatus.running)
    _try(acts.set_status, aid, ActivityStatus.finished)


def _rewards(ctx, rng, today, people, rewards: RewardService, points: PointsService) -> int:  # noqa: ANN001
    start = datetime.combine(today - timedelta(days=300), time(10, 0))
    with clock.as_of(start):
        items = [rewards.save_item(None, name, cost, stock, today + timedelta(days=200)) for name, cost, stock in REWARDS]
        for v, h in zip(people[: len(CARRIED)], CARRIED, strict=False):
            points.carry_forward(v, h * 60, f"{today.year - 1}年及以前志愿服务记录册")
        for v in rng.sample(people, 6):  # commendations and bringing in new volunteers
            points.bonus(v, rng.choice((5, 10, 20)), rng.choice(("年度优秀志愿者表彰", "介绍新志愿者加入")))
    done = 0
    plan = ["redeemed"] * 8 + ["issued"] * 3 + ["approved", "applied", "applied", "expired", "revoked", "revoked"]
    moments = sorted(start + timedelta(days=rng.randint(60, 290), hours=rng.randint(0, 6)) for _ in plan)
    rng.shuffle(plan)
    for fate, when in zip(plan, moments, strict=True):
        if fate == "expired":
            when = min(when, datetime.combine(today - timedelta(days=120), time(10, 0)))
        if fate in ("applied", "approved", "issued"):
            when = datetime.combine(today - timedelta(days=rng.randint(1, 20)), time(10, 0))
        with clock.as_of(when):
            balances = {st.volunteer.id: st.points for st in points.standings()}
            rid = None
            for v in sorted(people, key=lambda v: -balances.get(v, 0)):
                item = rng.choice(items)
                try:
                    rid = rewards.apply(v, item)
                    break
                except DomainError:
                    continue
        if rid is None:
            continue
        done += 1
        if fate == "applied":
            continue
        if fate == "revoked":
            with clock.as_of(when + timedelta(hours=3)):
                rewards.revoke(rid, rng.choice(("志愿者放弃兑换", "物品缺货，改日再兑")))
            continue
        with clock.as_of(when + timedelta(days=1)):
            rewards.approve(rid)
        if fate == "approved":
            continue
        with clock.as_of(when + timedelta(days=2)):
            rewards.issue(rid)
        if fate == "redeemed":
            with clock.as_of(when + timedelta(days=rng.randint(3, 30))):
                rewards.redeem(rid, rng.choice(("超市收银员", "社区工作人员")), rng.choice(("安华里便民超市", "社区服务站")))
        elif fate == "expired":
            with clock.as_of(when + timedelta(days=100)):
                rewards.expire_overdue()
    return done


def _certificates(rng, today, people, certs: CertificateService, points: PointsService) -> int:  # noqa: ANN001
    ranked = sorted(points.standings(), key=lambda st: -st.minutes)
    issued = []
    for i, st in enumerate(ranked[:3]):
        with clock.as_of(datetime.combine(today - timedelta(days=40 - i * 10), time(15, 0))):
            issued.append(certs.issue(st.volunteer.id))
    with clock.as_of(datetime.combine(today - timedelta(days=19), time(9, 0))):
        certs.void(issued[0].id, "姓名有误，已重新出具")
        if ranked:
            certs.issue(ranked[0].volunteer.id)
    return len(issued) + 1
