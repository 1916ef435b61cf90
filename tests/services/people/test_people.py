"""Residents, team and grids through the services: validation, duplicates, search, permissions, history."""

from __future__ import annotations

from datetime import date

import pytest

from policeroom.errors import DuplicateResident, PermissionDenied, ValidationError
from policeroom.models import AccountRole, MemberRole
from policeroom.services.core.forms import errors_of
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from tests.conftest import actor


def names(services, query: str, **kw) -> list[str]:  # noqa: ANN001
    return [r.name for r in services.residents.rows(services.residents.search_ids(query, **kw))]


@pytest.fixture
def town(officer):  # noqa: ANN001, ANN201
    g1 = officer.grids.create(GridInput(code="wg01", name="一网格", households=300))
    g2 = officer.grids.create(GridInput(code="WG02", name="二网格"))
    people = [
        ("张三", "11010519491231002x", "138 0000 0000", g1),
        ("单田芳", "", "010-12345678", g1),
        ("曾志伟", "", "", g2),
        ("李张", "", "", g2),
        ("欧阳娜娜", "", "", g2),
    ]
    ids = {}
    for name, idn, phone, g in people:
        ids[name] = officer.residents.create(ResidentInput(name=name, id_number=idn, phone=phone, grid_id=g))
    officer.town = {"g1": g1, "g2": g2, **ids}
    return officer


def test_id_number_fills_gender_and_birth_and_is_stored_upper(town) -> None:  # noqa: ANN001
    r = town.residents.get(town.town["张三"])
    assert r.id_number == "11010519491231002X"
    assert (r.gender, r.birth_date) == ("female", date(1949, 12, 31))
    assert r.phone == "13800000000"


def test_bad_fields_are_all_reported_and_nothing_saved(town) -> None:  # noqa: ANN001
    before = town.residents.count()
    with pytest.raises(ValidationError) as err:
        town.residents.create(ResidentInput(name="", id_number="110105194912310021", phone="1380000"))
    errors = errors_of(err.value)
    assert set(errors) == {"name", "id_number", "phone"}
    assert "校验" in errors["id_number"]
    assert town.residents.count() == before


def test_same_id_number_offers_the_existing_person(town) -> None:  # noqa: ANN001
    with pytest.raises(DuplicateResident) as err:
        town.residents.create(ResidentInput(name="张叁", id_number="11010519491231002X"))
    assert err.value.existing_id == town.town["张三"]
    assert "已登记为张三" in err.value.message


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", ["李张", "张三"]),  # one character, sorted by pinyin
        ("张三", ["张三"]),
        ("zs", ["张三"]),
        ("ZS", ["张三"]),
        ("stf", ["单田芳"]),  # 单 read shan as a surname
        ("shan", ["单田芳"]),
        ("zzw", ["曾志伟"]),  # 曾 read zeng
        ("oynn", ["欧阳娜娜"]),
        ("1380000", ["张三"]),
        ("002x", ["张三"]),
        ("010-1234", ["单田芳"]),
        ("张 zs", ["张三"]),  # every term must match
        ("%", []),
        ("_", []),
    ],
)
def test_search(town, query: str, expected: list[str]) -> None:  # noqa: ANN001
    assert names(town, query) == expected


def test_filters_and_sorting(town) -> None:  # noqa: ANN001
    assert names(town, "", grid_id=town.town["g1"]) == ["单田芳", "张三"]
    assert names(town, "", gender="female") == ["张三"]
    assert names(town, "", sort="name", descending=True)[0] == "张三"  # zhangsan > zengzhiwei


def test_grid_worker_sees_and_edits_only_own_grid(town) -> None:  # noqa: ANN001
    g1, g2 = town.town["g1"], town.town["g2"]
    town.sign_in(actor(AccountRole.grid_worker, (g1,)))
    assert names(town, "") == ["单田芳", "张三"]
    with pytest.raises(PermissionDenied):
        town.residents.get(town.town["曾志伟"])
    with pytest.raises(ValidationError) as err:
        town.residents.create(ResidentInput(name="王五", grid_id=g2))
    assert "grid_id" in errors_of(err.value)
    assert town.residents.create(ResidentInput(name="王五", grid_id=g1))
    with pytest.raises(PermissionDenied):
        town.residents.delete(town.town["张三"])
    assert [g.code for g in town.grids.list()] == ["WG01"]


def test_history_records_actor_and_changes(town) -> None:  # noqa: ANN001
    rid = town.town["曾志伟"]
    town.residents.update(rid, ResidentInput(name="曾志伟", phone="13912345678", grid_id=town.town["g1"]))
    items = town.history("resident", rid)
    assert [i.action for i in items] == ["修改", "新建"]
    changed = {c.field: (c.before, c.after) for c in items[0].changes}
    assert changed == {"联系电话": ("（空）", "13912345678"), "网格": ("WG02 二网格", "WG01 一网格")}
    assert items[0].actor == "王建军"


def test_delete_unreferenced_resident_and_history_keeps_it(town) -> None:  # noqa: ANN001
    rid = town.town["李张"]
    assert town.residents.delete(rid) == "deleted"
    assert "李张" not in names(town, "")
    assert town.history("resident", rid)[0].action == "删除"


def test_grid_with_residents_is_archived_not_deleted(town) -> None:  # noqa: ANN001
    assert town.grids.delete(town.town["g1"]) == "archived"
    assert [g.code for g in town.grids.list()] == ["WG02"]
    assert [g.code for g in town.grids.list(include_archived=True)] == ["WG01", "WG02"]
    empty = town.grids.create(GridInput(code="WG09", name="空网格"))
    assert town.grids.delete(empty) == "deleted"


def test_grid_code_unique_and_upper(town) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as err:
        town.grids.create(GridInput(code="WG01", name="重复", households=-1))
    assert set(errors_of(err.value)) == {"code", "households"}


def test_team_composition_warnings(town) -> None:  # noqa: ANN001
    comp = town.team.composition()
    assert comp.counts == {MemberRole.officer: 1}
    text = " ".join(comp.warnings)
    assert "社区工作人员现有 0 名" in text and "还没有网格员" in text and "WG01 一网格" in text
    for n in ("刘晓燕", "陈磊"):
        town.team.create(MemberInput(name=n, role=MemberRole.staff, phone="13601057788"))
    town.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[town.town["g1"]]))
    comp = town.team.composition()
    assert comp.warnings == ["以下网格没有在岗网格员负责：WG02 二网格。"]
    wid = town.team.create(MemberInput(name="李海涛", role=MemberRole.grid_worker, grid_ids=[town.town["g2"]]))
    assert town.team.composition().warnings == []
    assert "网格员 2 名" in town.team.composition().summary
    member = town.team.get(wid)
    assert member.grids == "WG02 二网格"
    hist = town.history("team_member", wid)
    assert hist[0].changes[-1].field == "网格" and hist[0].changes[-1].after == "WG02 二网格"


def test_member_with_account_is_marked_left_not_deleted(town) -> None:  # noqa: ANN001
    mid = town.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))
    town.accounts.create(username="liuxy", password="huaxi2718", confirm="huaxi2718", member_id=mid)
    assert town.team.delete(mid) == "archived"
    assert town.team.get(mid).active is False
    other = town.team.create(MemberInput(name="临时", role=MemberRole.volunteer))
    assert town.team.delete(other) == "deleted"


def test_team_member_validation(town) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as err:
        town.team.create(MemberInput(name=" ", role=MemberRole.staff, phone="12", joined_on=date(2026, 5, 1),
                                     left_on=date(2026, 1, 1), active=False))
    assert set(errors_of(err.value)) == {"name", "phone", "left_on"}


def test_staff_cannot_delete_grid_worker_cannot_edit_team(town) -> None:  # noqa: ANN001
    town.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        town.grids.delete(town.town["g2"])
    town.sign_in(actor(AccountRole.grid_worker, (town.town["g1"],)))
    with pytest.raises(PermissionDenied):
        town.team.create(MemberInput(name="某", role=MemberRole.staff))
    town.grids.update(town.town["g1"], GridInput(code="WG01", name="一网格", description="1-5号楼", households=320))
    assert town.grids.get(town.town["g1"]).households == 320
    with pytest.raises(PermissionDenied):
        town.grids.update(town.town["g1"], GridInput(code="WG01", name="改名", households=320))


def test_demo_seed_fills_a_valid_community(services) -> None:  # noqa: ANN001
    from policeroom.errors import DomainError
    from policeroom.services.demo.seed import seed_demo

    result = seed_demo(services.ctx, residents=120, requests_per_year=60)
    services.sign_in(services.accounts.authenticate(result.officer_username, result.password))
    assert services.residents.count() == 120
    assert services.requests.count() == 120  # two years
    from policeroom.models import Status
    from policeroom.services.requests.service import RequestFilter

    for status in Status:  # every state of the loop is represented
        assert services.requests.count(RequestFilter(statuses=(status,))) > 0, status
    assert len(services.grids.list()) == 8
    comp = services.team.composition()
    assert comp.warnings == [] and comp.counts[MemberRole.grid_worker] == 8
    from policeroom.models import AgreementKind, CaseKind, CaseStatus, Risk
    from policeroom.services.mediation.types import CaseFilter, DisputeFilter

    cases = services.cases.rows()
    assert {c.status for c in cases} == set(CaseStatus)  # every state of a case
    assert {c.kind for c in cases} == set(CaseKind)
    details = [services.cases.get(c.id) for c in cases if c.agreed_on]
    assert {AgreementKind.oral, AgreementKind.written} <= {
        AgreementKind.oral if d.agreement.oral else AgreementKind.written for d in details
    }
    assert any(c.visit_overdue for c in cases) and services.cases.rows(CaseFilter(visit_due_only=True))
    assert services.disputes.rows(DisputeFilter(risk=Risk.red))
    with pytest.raises(DomainError):
        seed_demo(services.ctx)
