"""A small community with volunteers (made directly: the volunteer register is the other half of issue 14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from policeroom.models import Grid, MemberRole, Resident, TeamMember, Volunteer
from policeroom.services.activities.types import ActivityInput
from policeroom.services.registry import Services

ID_NUMBERS = ("11010519491231002X", "440524188001010014", "110105198001010016", "110105199002020026",
              "110105197503030017", "110105198504040029")  # fmt: skip


@dataclass
class Place:
    grid_a: int
    grid_b: int
    organiser: int
    worker: int
    volunteers: list[int]


def add_volunteers(services: Services, n: int, *, insured_until: date | None = date(2027, 12, 31), grid_id=None) -> list[int]:  # noqa: ANN001
    from policeroom.services.core.pinyin import name_keys

    ids = []
    with services.ctx.write() as s:
        start = s.query(Volunteer).count()
        for i in range(n):
            k = start + i
            name = "志愿者" + "甲乙丙丁戊己庚辛壬癸"[k % 10] + str(k // 10)
            r = Resident(name=name, id_number=ID_NUMBERS[k] if k < len(ID_NUMBERS) else None, address="安华里1号楼")
            r.name_pinyin, r.name_initials = name_keys(name)
            s.add(r)
            s.flush()
            v = Volunteer(number=f"ZY2026-{k + 1:04d}", year=2026, seq=k + 1, resident_id=r.id, joined_on=date(2026, 1, 5),
                          roles="治安员", insurance_until=insured_until, grid_id=grid_id)  # fmt: skip
            s.add(v)
            s.flush()
            ids.append(v.id)
    return ids


@pytest.fixture
def place(officer: Services) -> Place:
    with officer.ctx.write() as s:
        a, b = Grid(code="WG01", name="一网格"), Grid(code="WG02", name="二网格")
        s.add_all([a, b])
        s.flush()
        org = TeamMember(name="李组织", role=MemberRole.staff, phone="13800000001")
        worker = TeamMember(name="赵网格", role=MemberRole.grid_worker)
        worker.grids = [a]
        s.add_all([org, worker])
        s.flush()
        ids = (a.id, b.id, org.id, worker.id)
    return Place(*ids, volunteers=add_volunteers(officer, 4))


def activity_input(place: Place, start: datetime, end: datetime, **kw) -> ActivityInput:  # noqa: ANN003
    base = dict(kind="智慧义巡", title="夜间义巡", organiser_id=place.organiser, place="安华里小区", grid_id=place.grid_a,
                starts_at=start, ends_at=end, needs="")  # fmt: skip
    base.update(kw)
    return ActivityInput(**base)
