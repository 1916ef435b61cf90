"""The volunteer registry: numbering, one record per person, validation, search, filters, permissions."""

from __future__ import annotations

from datetime import date

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, AuditEntry, VolunteerStatus
from policeroom.services.core.context import ServiceContext
from policeroom.services.forces.types import VolunteerFilter, VolunteerInput
from policeroom.services.forces.volunteers import VolunteerService
from tests.conftest import actor
from tests.forces.helpers import grid, resident, volunteer

pytestmark = pytest.mark.today(date(2026, 11, 20))


def test_numbers_run_per_year_and_one_person_is_one_volunteer(services) -> None:  # noqa: ANN001
    g = grid(services)
    a = volunteer(services, "张三", g)
    b = volunteer(services, "李四", g)
    assert services.volunteers.get(a).number == "ZY2026-0001"
    assert services.volunteers.get(b).number == "ZY2026-0002"
    rid = services.volunteers.get(a).resident_id
    with pytest.raises(ValidationError) as err:
        services.volunteers.create(VolunteerInput(resident_id=rid, joined_on=date(2026, 1, 1), roles=("信息员",)))
    assert "ZY2026-0001" in err.value.errors["resident_id"]
    # the refused save took no number
    c = volunteer(services, "王五", g)
    assert services.volunteers.get(c).number == "ZY2026-0003"


def test_every_field_is_checked_beside_its_field(services) -> None:  # noqa: ANN001
    rid = resident(services, "赵六")
    with pytest.raises(ValidationError) as err:
        services.volunteers.create(VolunteerInput(
            resident_id=rid, joined_on=date(2026, 12, 1), roles=(), insurance_policy="P1", skills="长" * 201,
        ))  # fmt: skip
    errors = err.value.errors
    assert errors["joined_on"] == "加入日期不能晚于今天"
    assert errors["roles"] == "请至少选择一个角色"
    assert "保险有效期" in errors["insurance_until"]
    assert "200" in errors["skills"]
    with pytest.raises(ValidationError) as err:
        services.volunteers.create(VolunteerInput(resident_id=None, joined_on=None, roles=("队长",)))
    assert set(err.value.errors) >= {"resident_id", "joined_on", "roles"}


def test_search_by_name_pinyin_and_number_and_filters(services) -> None:  # noqa: ANN001
    g = grid(services)
    t = services.force_groups.save_team(None, _team("平安义巡一队"))
    a = volunteer(services, "单丽华", g, roles=("治安员", "宣传员"), team_ids=(t,),
                  insurance_policy="P1", insurance_until=date(2026, 12, 10))  # fmt: skip
    b = volunteer(services, "曾国强", g, roles=("调解员",), insurance_policy="P2", insurance_until=date(2027, 6, 1))
    c = volunteer(services, "张三", g, roles=("信息员",), insurance_policy="P3", insurance_until=date(2026, 11, 1))

    def ids(**kw) -> set[int]:  # noqa: ANN003
        return set(services.volunteers.search_ids(VolunteerFilter(**kw)))

    assert ids(query="slh") == {a}  # 单 read shan as a surname
    assert ids(query="zengguo") == {b}
    assert ids(query="丽") == {a}
    assert ids(query="ZY2026-0003") == {c}
    assert ids(query="zy2026-000") == {a, b, c}
    assert ids(team_id=t) == {a}
    assert ids(role="宣传员") == {a}
    assert ids(insurance="expiring") == {a}  # 20 days left; b has months; c has run out
    assert ids(insurance="expired") == {c}
    services.volunteers.set_status(b, VolunteerStatus.suspended, "外出务工")
    assert ids(status=VolunteerStatus.suspended) == {b}
    assert services.volunteers.get(b).status_reason == "外出务工"
    rows = services.volunteers.rows([a])
    assert rows[0].teams == "平安义巡一队" and rows[0].roles == "治安员、宣传员"


def test_status_change_needs_a_reason_and_is_in_the_history(services, db) -> None:  # noqa: ANN001
    v = volunteer(services, "张三")
    with pytest.raises(ValidationError, match="请填写注销的原因"):
        services.volunteers.set_status(v, VolunteerStatus.cancelled, " ")
    services.volunteers.set_status(v, VolunteerStatus.cancelled, "本人申请退出")
    with db.sessions() as s:
        entries = s.query(AuditEntry).filter_by(entity="volunteer", entity_id=v).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert "本人申请退出" in entries[-1].changes


def test_grid_workers_register_and_see_only_their_grids(db, services) -> None:  # noqa: ANN001
    g1, g2 = grid(services, "WG01", "一网格"), grid(services, "WG02", "二网格")
    other = volunteer(services, "李四", g2)
    worker = VolunteerService(ServiceContext(db.sessions, actor(AccountRole.grid_worker, (g1,))))
    mine = worker.create(VolunteerInput(resident_id=resident(services, "张三", g1), joined_on=date(2026, 1, 1),
                                        grid_id=g1, roles=("信息员",)))  # fmt: skip
    assert worker.search_ids() == [mine]
    with pytest.raises(ValidationError, match="本人负责网格"):
        worker.create(VolunteerInput(resident_id=resident(services, "王五", g2), joined_on=date(2026, 1, 1),
                                     grid_id=g2, roles=("信息员",)))  # fmt: skip
    with pytest.raises(PermissionDenied):
        worker.get(other)
    with pytest.raises(PermissionDenied):
        worker.set_status(other, VolunteerStatus.suspended, "x")
    with pytest.raises(PermissionDenied):
        worker.delete(mine)
    staff = VolunteerService(ServiceContext(db.sessions, actor(AccountRole.staff)))
    assert set(staff.search_ids()) == {mine, other}


def test_year_end_list_takes_hours_through_the_seam(db, services) -> None:  # noqa: ANN001
    quiet = volunteer(services, "张三", joined=date(2025, 5, 1))
    busy = volunteer(services, "李四", joined=date(2025, 5, 1))
    newcomer = volunteer(services, "王五", joined=date(2026, 9, 1))  # under six months at year end
    edge = volunteer(services, "赵六", joined=date(2026, 6, 30))  # exactly six months before 31 December
    stopped = volunteer(services, "钱七", joined=date(2025, 5, 1))
    services.volunteers.set_status(stopped, VolunteerStatus.cancelled, "迁出")
    asked: list[tuple[list[int], int]] = []

    def hours(ids: list[int], year: int) -> dict[int, float]:
        asked.append((sorted(ids), year))
        return {busy: 12.5, quiet: 0.0}

    svc = VolunteerService(services.ctx, confirmed_hours=hours)
    listed = svc.without_hours(2026)
    assert [r.id for r in listed] == [quiet, edge]
    assert asked == [(sorted([quiet, busy, edge]), 2026)]
    assert newcomer not in [r.id for r in listed]


def test_career_records(services) -> None:  # noqa: ANN001
    v = volunteer(services, "张三", joined=date(2024, 1, 1))
    services.volunteer_career.add_training(v, date(2026, 3, 1), "急救培训", 4, "区红十字会")
    services.volunteer_career.add_commendation(v, date(2026, 5, 1), "优秀平安志愿者", "区综治办")
    services.volunteer_career.set_evaluation(v, 2025, "优秀", "巡逻积极")
    services.volunteer_career.set_evaluation(v, 2025, "称职")
    d = services.volunteers.get(v)
    assert [t.title for t in d.trainings] == ["急救培训"]
    assert [c.title for c in d.commendations] == ["优秀平安志愿者"]
    assert [(e.year, e.grade) for e in d.evaluations] == [(2025, "称职")]
    with pytest.raises(ValidationError, match="2024年才加入"):
        services.volunteer_career.set_evaluation(v, 2023, "优秀")
    with pytest.raises(ValidationError):
        services.volunteer_career.add_training(v, date(2026, 12, 1), "", 4)


def _team(name: str):  # noqa: ANN202
    from policeroom.services.forces.types import TeamInput

    return TeamInput(name=name, kind="平安义巡队")
