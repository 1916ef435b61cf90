"""A realistic demo community (演示数据): the team, 8 grids and a few hundred residents.

Later modules add their own demo records here. Only an empty database is filled, so a real
database can never be mixed with invented people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from policeroom.errors import DomainError
from policeroom.models import Account, AccountRole, Grid, MemberRole, Resident, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import SYSTEM, ServiceContext
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.settings import RoomSettings, write_room_settings
from policeroom.services.demo.data import DEMO_GRIDS, DEMO_TEAM, household_address, people
from policeroom.services.people.accounts import ROLE_FOR_MEMBER
from policeroom.services.people.passwords import hash_password

DEMO_PASSWORD = "demo1234"
from policeroom.config import DEMO_VERSION  # noqa: E402,F401 - bump it there when the demo changes

DEMO_SETTINGS = RoomSettings(
    room_name="安华里社区警务室",
    station="和平里派出所",
    community="安华里社区",
    committee_name="安华里社区人民调解委员会",
    committee_short="安华",
    officer_in_charge="王建军",
)


@dataclass(frozen=True)
class DemoResult:
    team: int
    grids: int
    residents: int
    officer_username: str
    password: str
    requests: int = 0
    disputes: int = 0
    cases: int = 0
    grid_events: int = 0
    inspections: int = 0


def seed_demo(
    ctx: ServiceContext,
    *,
    residents: int = 360,
    seed: int = 20261122,
    today: date | None = None,
    requests_per_year: int = 600,
    mediation: bool = True,
    activities: bool = True,
    grid_work: bool = True,
) -> DemoResult:
    """Fill an empty database with the demo community in one transaction.

    Raises:
        DomainError: the database already holds accounts or residents.
    """
    today = today or clock.today()
    rng = random.Random(seed)
    requests = 0
    with ctx.sessions() as s, s.begin():
        s.info["actor"] = SYSTEM
        if s.scalar(select(func.count()).select_from(Account)) or s.scalar(select(func.count()).select_from(Resident)):
            raise DomainError("数据库中已有账户或居民，演示数据只能填入空数据库。")
        write_room_settings(s, DEMO_SETTINGS)
        grids = {}
        for g in DEMO_GRIDS:
            grid = Grid(code=g.code, name=g.name, description=g.description, households=g.households)
            s.add(grid)
            grids[g.code] = (grid, g)
        officer_username = ""
        for i, m in enumerate(DEMO_TEAM):
            member = TeamMember(
                name=m.name, role=MemberRole(m.role), phone=m.phone,
                joined_on=today - timedelta(days=rng.randint(200, 3000)),
                notes=m.title if m.role == "staff" else "",
            )
            member.name_pinyin, member.name_initials = name_keys(m.name)
            if m.grid_code:
                member.grids = [grids[m.grid_code][0]]
            s.add(member)
            username = member.name_pinyin.replace(" ", "")
            if member.role == MemberRole.officer:
                officer_username = username
            s.add(
                Account(
                    username=username, member=member, role=ROLE_FOR_MEMBER[member.role],
                    password_hash=hash_password(DEMO_PASSWORD) if i < 1 else _quick_hash(),
                )
            )
        # One volunteer without an account, to show the other roles.
        volunteer = TeamMember(name="钱桂英", role=MemberRole.volunteer, phone="13011056688", notes="楼门长、平安志愿者")
        volunteer.name_pinyin, volunteer.name_initials = name_keys(volunteer.name)
        s.add(volunteer)
        grid_list = list(grids.values())
        for p in people(rng, residents, today=today):
            grid, g = rng.choice(grid_list)
            r = Resident(
                name=p.name, gender=p.gender, ethnicity=p.ethnicity, id_number=p.id_number, birth_date=p.birth_date,
                phone=p.phone, address=household_address(rng, g.compound, rng.choice(g.buildings)), grid=grid,
                notes=rng.choice(["", "", "", "", "独居老人", "出租房屋租户", "低保户", "楼门长", "残疾人"]),
            )
            r.name_pinyin, r.name_initials = name_keys(p.name)
            s.add(r)
        s.flush()
        if requests_per_year:
            from policeroom.services.demo.requests import seed_requests

            requests = seed_requests(s, rng, clock.now_minute(), per_year=requests_per_year)
        from policeroom.services.demo.roster import seed_roster

        seed_roster(s, random.Random(seed), today)
        from policeroom.services.demo.fieldwork import seed_fieldwork

        seed_fieldwork(s, random.Random(seed + 17), today)
    disputes = cases = grid_events = inspections = 0
    if mediation:
        from policeroom.services.demo.mediation import seed_mediation

        disputes, cases = seed_mediation(ctx, rng, today)
        from policeroom.services.demo.tips import seed_tips

        seed_tips(ctx, random.Random(seed + 15), today)
    from policeroom.services.demo.forces import seed_forces

    seed_forces(ctx, seed, today)
    if activities:  # after the volunteers (群防群治): a year of activities, hours, points and rewards
        from policeroom.services.demo.activities import seed_activities

        seed_activities(ctx, random.Random(seed + 14), today)
    if grid_work:
        from policeroom.services.demo.gridwork import seed_gridwork

        grid_events, inspections = seed_gridwork(ctx, random.Random(seed + 16), today)
    return DemoResult(
        len(DEMO_TEAM) + 1, len(DEMO_GRIDS), residents, officer_username, DEMO_PASSWORD, requests, disputes, cases,
        grid_events, inspections,
    )


_SHARED_HASH: list[str] = []


def _quick_hash() -> str:
    """All demo accounts share one password; hash it once (scrypt is deliberately slow)."""
    if not _SHARED_HASH:
        _SHARED_HASH.append(hash_password(DEMO_PASSWORD))
    return _SHARED_HASH[0]


__all__ = ["DEMO_PASSWORD", "DEMO_SETTINGS", "DemoResult", "seed_demo", "AccountRole"]
