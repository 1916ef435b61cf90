"""Demo data for 群防群治 (the people and their groups): about 60 volunteers over several teams (some 义警),
two partner units whose guards volunteer, two emergency units with members on post and drills (one
drill missed the 3-minute ring).

Written through the services (numbers, checks and history as the program makes them) with its own
random stream, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from policeroom.models import Grid, MemberRole, Resident, TeamMember, VolunteerStatus
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.dates import age_on
from policeroom.services.forces.emergency import EmergencyService
from policeroom.services.forces.groups import GroupService
from policeroom.services.forces.types import (
    AVAILABILITY_CHOICES,
    MemberInput,
    PartnerInput,
    TeamInput,
    UnitInput,
    VolunteerInput,
)
from policeroom.services.forces.volunteers import VolunteerService

VOLUNTEERS = 60
#: (name, kind, grid code, model squad)
TEAMS = (
    ("安华平安义巡队", "平安义巡队", "WG01", True),
    ("安华平安宣传队", "平安宣传队", "WG02", False),
    ("安华平安楼栋长", "平安楼栋长", "WG03", False),
    ("安华平安护苗队", "平安护苗队", "WG04", False),
    ("安华义警队", "义警队", None, True),
)
SKILLS = ("", "", "急救", "驾驶", "摄影", "法律", "心理咨询", "电工", "外语", "书法")
INSURERS = ("中国人保", "平安保险", "太平洋保险")


def seed_forces(ctx: ServiceContext, seed: int, today: date) -> int:
    """Add the forces to the demo community; returns the number of volunteers."""
    rng = random.Random(f"{seed}-forces")
    volunteers, groups, emergency = VolunteerService(ctx), GroupService(ctx), EmergencyService(ctx)
    with ctx.read() as s:
        grids = {g.code: g.id for g in s.scalars(select(Grid))}
        officer = s.scalar(select(TeamMember.id).where(TeamMember.role == MemberRole.officer))
        adults = [
            (r.id, r.grid_id)
            for r in s.scalars(select(Resident).order_by(Resident.id))
            if (age := age_on(r.birth_date, today)) is not None and 20 <= age <= 72
        ]
    rng.shuffle(adults)
    partners = [
        groups.save_partner(None, PartnerInput(
            name="安华商场", kind="警商", address="安华西里甲1号", grid_id=grids.get("WG01"), contact="刘经理",
            phone="010-64271234", guards=12, agreement_on=today - timedelta(days=420), brings=("巡防", "视频", "线索"),
        )),
        groups.save_partner(None, PartnerInput(
            name="工商银行安华支行", kind="警银", address="安华路18号", grid_id=grids.get("WG02"), contact="陈主任",
            phone="010-64275678", guards=4, agreement_on=today - timedelta(days=200), brings=("视频", "宣传"),
        )),
    ]  # fmt: skip
    teams = [
        groups.save_team(None, TeamInput(name=name, kind=kind, grid_id=grids.get(code) if code else None,
                                         officer_id=officer, model_squad=model,
                                         founded_on=today - timedelta(days=rng.randint(400, 1500))))
        for name, kind, code, model in TEAMS
    ]  # fmt: skip
    made: list[int] = []
    for n, (rid, grid_id) in enumerate(adults[:VOLUNTEERS]):
        auxiliary = n % 7 == 0  # about one in seven: 义警 (retired officers, party members, teachers, guards)
        team = teams[4] if auxiliary else teams[n % 4]
        joined = today - timedelta(days=rng.randint(30, 1100))
        insured = rng.random() < 0.85
        until = None
        if insured:
            until = today + timedelta(days=rng.choice((12, 25, 90, 150, 240, 300, -20)))
        roles = tuple(sorted(rng.sample(("治安员", "信息员", "调解员", "宣传员"), rng.choice((1, 1, 2, 3))),
                             key=("治安员", "信息员", "调解员", "宣传员").index))  # fmt: skip
        partner = partners[n % 2] if n in (5, 12, 17) else None  # guards of the partner units
        vid = volunteers.create(VolunteerInput(
            resident_id=rid, joined_on=joined, grid_id=grid_id, roles=roles, skills=rng.choice(SKILLS),
            availability=tuple(sorted(rng.sample(AVAILABILITY_CHOICES, rng.choice((1, 2))),
                                      key=AVAILABILITY_CHOICES.index)),
            team_ids=(team,), insurance_policy=f"PA{today.year}{n + 1:05d}" if insured else "",
            insurer=rng.choice(INSURERS) if insured else "", insurance_until=until, partner_unit_id=partner,
            auxiliary=auxiliary,
        ))  # fmt: skip
        made.append(vid)
    for vid, (status, reason) in zip(made[-5:], (
        (VolunteerStatus.suspended, "外出务工，暂停一年"), (VolunteerStatus.suspended, "身体原因"),
        (VolunteerStatus.suspended, "照顾家人"), (VolunteerStatus.cancelled, "迁出本社区"),
        (VolunteerStatus.cancelled, "本人申请退出"),
    ), strict=False):  # fmt: skip
        volunteers.set_status(vid, status, reason)
    for tid in teams:
        data = groups.team(tid)
        if data.member_ids:
            data.leader_id = data.member_ids[0]
            groups.save_team(tid, data)
    # members: residents not yet volunteering first, then volunteers (a small demo has few adults)
    _emergency(emergency, rng, grids, adults[VOLUNTEERS:] + adults[:VOLUNTEERS], partners[0], today)
    return len(made)


def _emergency(emergency: EmergencyService, rng: random.Random, grids: dict[str, int],
               people: list[tuple[int, int | None]], mall: int, today: date) -> None:
    market_posts = ("门岗", "巡逻岗", "消防器材岗", "疏散引导岗", "医疗救护岗")
    school_posts = ("校门岗", "巡逻岗", "疏散引导岗", "联络岗")
    market = emergency.save_unit(None, UnitInput(
        name="安华市场应急单元", kind="市场", site="安华西里农贸市场", grid_id=grids.get("WG01"), partner_unit_id=mall,
        members=[MemberInput(rid, post) for (rid, _g), post in zip(people[:5], market_posts, strict=False)],
    ))  # fmt: skip
    school = emergency.save_unit(None, UnitInput(
        name="安华小学应急单元", kind="学校", site="安华里小学", grid_id=grids.get("WG02"),
        members=[MemberInput(rid, post) for (rid, _g), post in zip(people[5:9], school_posts, strict=False)],
    ))  # fmt: skip
    now = clock.now_minute()
    for unit, on_post in ((market, 3), (school, 2)):
        for m in emergency.members(unit)[:on_post]:
            emergency.check_in(m.id, now - timedelta(minutes=rng.randint(20, 300)))
    # drills: the market's first drill missed the 3-minute ring (only the gate guard was there in time)
    plans = (
        (market, 70, "市场内商铺电动车充电起火", (50, 215, 240, 270, 290), "消防器材岗距门岗远，3分钟内仅1人到场；建议调整岗位"),
        (market, 20, "市场内商铺电动车充电起火（复测）", (40, 95, 150, 200, 260), "调整岗位后各环节达标"),
        (school, 45, "放学时段校门口人员聚集踩踏", (30, 80, 140, 230), ""),
    )
    for unit, days_ago, scenario, times, problems in plans:
        form = emergency.blank_drill(unit)
        if not form.arrivals:
            continue
        form.held_at = datetime.combine(today - timedelta(days=days_ago), time(15, 30))
        form.scenario, form.organiser, form.problems = scenario, "王建军", problems
        for a, t in zip(form.arrivals, times, strict=False):
            a.seconds = t
        form.reinforcement_seconds = 520 if days_ago == 20 else None
        emergency.save_drill(None, form)
