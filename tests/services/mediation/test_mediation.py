"""矛盾纠纷: the screening ledger, case numbering, the lifecycle, agreements, the 30-day window."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import (
    AccountRole,
    CaseKind,
    CaseSource,
    CaseStatus,
    DisputeStatus,
    MemberRole,
    OtherWay,
    PartyRole,
    RecordKind,
    Risk,
)
from policeroom.services.core.forms import errors_of
from policeroom.services.mediation.rules import MOVES, check_move, confirmation_last_day, visit_due
from policeroom.services.mediation.types import (
    AgreementInput,
    CaseFilter,
    CaseInput,
    DisputeFilter,
    DisputeInput,
    PartyInput,
    RecordInput,
    VisitInput,
)
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.conftest import actor, run_desks
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)

TODAY = date(2026, 11, 20)
ZS_ID = "11010519491231002X"  # the standard's own example: female, born 1949-12-31


@pytest.fixture
def room(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    w1 = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    st = officer.team.create(MemberInput(name="刘芳", role=MemberRole.staff))
    zs = officer.residents.create(
        ResidentInput(
            name="张三", id_number=ZS_ID, phone="13800000000", address="安华里3号楼2单元501", grid_id=g1
        )
    )
    ls = officer.residents.create(
        ResidentInput(name="李四", phone="13900000001", address="安华里3号楼2单元601", grid_id=g1)
    )
    officer.ids = {"g1": g1, "w1": w1, "st": st, "zs": zs, "ls": ls, "officer": officer.actor.member_id}
    return officer


def ledger(sv: Services, **kw) -> int:  # noqa: ANN003
    data = dict(
        screened_on=date(2026, 11, 3),
        dispute_type="邻里",
        risk=Risk.yellow,
        summary="楼上漏水渗到楼下，双方争执",
        grid_id=sv.ids["g1"],
        screener_id=sv.ids["w1"],
        owner_id=sv.ids["officer"],
        deadline=date(2026, 11, 30),
        demands="赔偿装修损失5000元",
        parties=[
            PartyInput(name="张三", resident_id=sv.ids["zs"]),
            PartyInput(name="李四", resident_id=sv.ids["ls"]),
        ],
    )
    data.update(kw)
    return sv.disputes.create(DisputeInput(**data), today=TODAY)


def new_case(sv: Services, **kw) -> int:  # noqa: ANN003
    data = dict(
        kind=CaseKind.people,
        source=CaseSource.application,
        dispute_type="邻里",
        accepted_on=date(2026, 11, 5),
        facts="李四家卫生间漏水，致张三家天花板受损。",
        issues="赔偿数额",
        parties=[
            PartyInput(
                name="张三",
                resident_id=sv.ids["zs"],
                role=PartyRole.applicant,
                id_number=ZS_ID,
                occupation="退休",
            ),
            PartyInput(name="李四", resident_id=sv.ids["ls"], role=PartyRole.respondent, age=45),
        ],
        mediator_ids=[sv.ids["officer"]],
        recorder_id=sv.ids["st"],
    )
    data.update(kw)
    return sv.mediation.create(CaseInput(**data), today=TODAY)


def agree(sv: Services, cid: int, **kw) -> None:  # noqa: ANN003
    sv.mediation.add_record(
        cid,
        RecordKind.session,
        RecordInput(
            at=datetime(2026, 11, 10, 9),
            place="警务室调解室",
            subject="漏水赔偿",
            content="双方陈述意见",
            recorder="刘芳",
        ),
    )
    data = dict(
        oral=False,
        agreed_on=date(2026, 11, 10),
        terms=["李四赔偿张三2000元", "李四于11月20日前修好防水"],
        performance_method="现金支付，当面交付",
        performance_deadline=date(2026, 11, 20),
    )
    data.update(kw)
    sv.mediation.record_agreement(cid, AgreementInput(**data), today=TODAY)


# -- the ledger ----------------------------------------------------------------------------------
def test_ledger_entry_validation_lists_every_problem(room: Services) -> None:
    with pytest.raises(ValidationError) as e:
        ledger(
            room,
            summary=" ",
            dispute_type="打架",
            people_count=1,
            deadline=date(2026, 11, 1),
            status=DisputeStatus.transferred,
            parties=[PartyInput(name="张三", phone="123")],
        )
    errs = errors_of(e.value)
    assert errs["summary"] == "请填写纠纷简要情况"
    assert "纠纷类型" in errs["dispute_type"]
    assert errs["deadline"] == "化解时限不能早于排查日期"
    assert errs["transferred_to"] == "已移交的纠纷请填写移交单位"
    assert "张三" in errs["parties.0.phone"]
    assert room.disputes.rows() == []  # nothing saved


def test_ledger_numbers_filters_and_red_first(room: Services) -> None:
    a = ledger(room)
    b = ledger(room, risk=Risk.red, summary="两户因停车位多次争吵，扬言动手", dispute_type="物业")
    c = ledger(
        room, risk=Risk.blue, status=DisputeStatus.resolved, screened_on=date(2025, 12, 30), deadline=None
    )
    rows = room.disputes.rows(sort="risk", descending=False, today=TODAY)
    assert [r.id for r in rows] == [b, a, c]
    assert [r.number for r in rows] == ["JF2026-0002", "JF2026-0001", "JF2025-0001"]
    assert {r.id for r in room.disputes.rows(DisputeFilter(query="停车"))} == {b}
    assert {r.id for r in room.disputes.rows(DisputeFilter(query="李四"))} == {a, b, c}  # by party name
    assert {r.id for r in room.disputes.rows(DisputeFilter(risk=Risk.red))} == {b}
    assert {r.id for r in room.disputes.rows(DisputeFilter(statuses=(DisputeStatus.resolved,)))} == {c}
    late = room.disputes.rows(DisputeFilter(overdue_only=True), today=date(2026, 12, 1))
    assert {r.id for r in late} == {a, b}
    assert rows[0].parties == "张三、李四"


def test_grid_worker_sees_only_own_grid(room: Services) -> None:
    g2 = room.grids.create(GridInput(code="WG02", name="二网格"))
    mine, other = ledger(room), ledger(room, grid_id=g2)
    room.sign_in(actor(AccountRole.grid_worker, (room.ids["g1"],)))
    assert {r.id for r in room.disputes.rows()} == {mine}
    with pytest.raises(PermissionDenied):
        room.disputes.get(other)


def test_dispute_types_are_editable(room: Services) -> None:
    room.disputes.save_dispute_types(["邻里", "宠物纠纷"])
    assert room.disputes.dispute_types() == ["邻里", "宠物纠纷"]
    ledger(room, dispute_type="宠物纠纷")
    with pytest.raises(ValidationError, match="重复"):
        room.disputes.save_dispute_types(["邻里", "邻里"])


def test_entry_becomes_a_case_with_its_facts_and_parties(room: Services) -> None:
    eid = ledger(room)
    draft = room.mediation.draft_from_entry(eid, TODAY)
    assert [p.name for p in draft.parties] == ["张三", "李四"]
    assert [p.role for p in draft.parties] == [PartyRole.applicant, PartyRole.respondent]
    assert draft.parties[0].id_number == ZS_ID and draft.parties[0].gender == "女"
    assert "楼上漏水" in draft.facts and "5000元" in draft.facts
    assert draft.title == "张三与李四邻里纠纷"
    cid = room.mediation.create(draft, entry_id=eid, today=TODAY)
    entry = room.disputes.get(eid)
    assert entry.case_id == cid and entry.data.status == DisputeStatus.in_progress
    assert room.cases.get(cid).entry_numbers == ("JF2026-0001",)
    with pytest.raises(ValidationError, match="已转为调解案件"):
        room.mediation.create(room.mediation.draft_from_entry(eid, TODAY), entry_id=eid, today=TODAY)
    assert len(room.cases.rows()) == 1  # the refused second case rolled back with its number


# -- numbering --------------------------------------------------------------------------------------
def test_case_numbers_run_per_year_and_kind_without_gaps(room: Services) -> None:
    a = new_case(room)
    with pytest.raises(ValidationError):
        new_case(room, facts="")
    b = new_case(room)
    c = new_case(room, accepted_on=date(2025, 12, 29))
    d = new_case(room, kind=CaseKind.public_order, source=CaseSource.police)
    numbers = [room.cases.get(i).number for i in (a, b, c, d)]
    assert numbers == [
        "（2026）安华人调字第1号",
        "（2026）安华人调字第2号",
        "（2025）安华人调字第1号",
        "（2026）和平里派出所治调字第1号",
    ]


def test_case_numbering_under_concurrent_saves(room: Services) -> None:
    url = room.ctx.sessions.kw["bind"].url.render_as_string(hide_password=False)
    assert run_desks(url, room.actor, room.ids, lambda sv: [new_case(sv) for _ in range(5)]) == []
    assert sorted(r.number for r in room.cases.rows()) == sorted(
        f"（2026）安华人调字第{i}号" for i in range(1, 21)
    )


def test_case_validation(room: Services) -> None:
    with pytest.raises(ValidationError) as e:
        new_case(room, parties=[PartyInput(name="张三", role=PartyRole.applicant)], mediator_ids=[])
    errs = errors_of(e.value)
    assert errs["parties"] == "至少需要2位当事人"
    assert errs["mediator_ids"] == "请至少选择一位人民调解员"
    with pytest.raises(ValidationError) as e:
        new_case(
            room,
            recorder_id=room.ids["officer"],
            parties=[
                PartyInput(
                    name="张三", role=PartyRole.applicant, id_number="110105194912310021", ethnicity="火星族"
                ),
                PartyInput(name="李四", role=PartyRole.respondent, age=200),
            ],
        )
    errs = errors_of(e.value)
    assert errs["recorder_id"] == "记录人不能同时是本案调解员"
    assert "校验" in errs["parties.0.id_number"] or "身份证" in errs["parties.0.id_number"]
    assert "民族" in errs["parties.0.ethnicity"]
    assert errs["parties.1.age"] == "李四：年龄应在0到130岁之间"


def test_public_order_mediation_is_the_officers(room: Services) -> None:
    room.sign_in(actor(AccountRole.staff))
    with pytest.raises(ValidationError, match="社区民警"):
        new_case(room, kind=CaseKind.public_order, source=CaseSource.police)


# -- the lifecycle ----------------------------------------------------------------------------------
@pytest.mark.parametrize("current", list(CaseStatus))
@pytest.mark.parametrize("target", [s for s in CaseStatus if s is not CaseStatus.accepted])
def test_every_move_is_checked(current: CaseStatus, target: CaseStatus) -> None:
    reason = check_move(current, target)
    assert (reason is None) == (target in MOVES[current])
    if reason:
        assert "不能" in reason


def test_full_written_lifecycle(room: Services) -> None:
    cid = new_case(room)
    with pytest.raises(ValidationError, match="达成协议后才能登记履行情况"):
        room.mediation.add_performance(cid, date(2026, 11, 6), "付款", completed=True)
    with pytest.raises(ValidationError, match="不能直接达成协议"):
        room.mediation.record_agreement(
            cid,
            AgreementInput(oral=False, agreed_on=date(2026, 11, 6), terms=["x"], performance_method="y"),
            today=TODAY,
        )
    room.mediation.add_record(
        cid,
        RecordKind.investigation,
        RecordInput(
            at=datetime(2026, 11, 6, 10),
            interviewee="王五（邻居）",
            investigator="王建军",
            content="证实漏水",
            recorder="刘芳",
        ),
    )
    assert room.cases.get(cid).status == CaseStatus.investigating
    agree(room, cid)
    d = room.cases.get(cid)
    assert d.status == CaseStatus.agreed
    assert d.agreement.copies == 3  # two parties + the committee
    assert d.visit_due == date(2026, 11, 25)  # 3 working days after Fri 20 Nov: Mon, Tue, Wed
    assert d.confirmation_last_day == date(2026, 12, 10)
    room.mediation.add_performance(cid, date(2026, 11, 18), "李四支付2000元", "收条", completed=True)
    assert room.cases.get(cid).status == CaseStatus.performed
    room.mediation.add_visit(
        cid,
        VisitInput(
            visited_on=date(2026, 11, 20),
            visitor_id=room.ids["officer"],
            performance="已全部履行",
            satisfaction="满意",
        ),
        today=TODAY,
    )
    assert room.cases.get(cid).status == CaseStatus.visited
    room.mediation.archive(cid, date(2026, 11, 20), room.ids["st"], "长期", "")
    assert room.cases.get(cid).status == CaseStatus.archived
    with pytest.raises(ValidationError, match="已结案归档"):
        room.mediation.add_record(
            cid,
            RecordKind.session,
            RecordInput(at=datetime(2026, 11, 21), subject="x", content="x", recorder="x"),
        )


def test_oral_agreement_performed_on_the_spot(room: Services) -> None:
    cid = new_case(room)
    agree(
        room,
        cid,
        oral=True,
        terms=["李四当场赔偿张三500元"],
        performance_method="",
        performed_on_the_spot=True,
        performance_deadline=None,
    )
    d = room.cases.get(cid)
    assert d.status == CaseStatus.performed and d.agreement.oral and d.agreement.copies is None
    assert d.confirmation_last_day is None  # only written agreements go to the court
    assert [p.content for p in d.performances] == ["协议当场履行完毕"]


def test_agreement_validation(room: Services) -> None:
    cid = new_case(room)
    with pytest.raises(ValidationError) as e:
        agree(room, cid, terms=[" "], performance_method="", copies=2, performance_deadline=date(2026, 11, 1))
    errs = errors_of(e.value)
    assert set(errs) == {"terms", "performance_method", "copies", "performance_deadline"}
    assert errs["copies"] == "协议书至少一式3份（当事人各一份，调解委员会留存一份）"


def test_failed_mediation_records_the_other_way(room: Services) -> None:
    eid = ledger(room)
    cid = room.mediation.create(
        room.mediation.draft_from_entry(eid, date(2026, 11, 5)), entry_id=eid, today=TODAY
    )
    with pytest.raises(ValidationError) as e:
        room.mediation.fail(cid, date(2026, 11, 12), "", None, today=TODAY)
    assert set(errors_of(e.value)) == {"failed_reason", "other_way"}
    room.mediation.fail(cid, date(2026, 11, 12), "双方对赔偿数额分歧过大", OtherWay.litigation, today=TODAY)
    assert room.cases.get(cid).status == CaseStatus.failed
    with pytest.raises(ValidationError, match="达成协议后才能回访"):
        room.mediation.add_visit(cid, VisitInput(visited_on=TODAY, visitor_id=room.ids["officer"], notes="x"))
    room.mediation.archive(cid, date(2026, 11, 15), room.ids["st"])
    entry = room.disputes.get(eid)
    assert entry.data.status == DisputeStatus.transferred and "诉讼" in entry.data.transferred_to
    assert room.cases.doc(cid).other_way_label == "诉讼"


def test_judicial_confirmation_window(room: Services) -> None:
    cid = new_case(room)
    agree(room, cid)
    with pytest.raises(ValidationError, match="最后一日为2026年12月10日"):
        room.mediation.record_confirmation(cid, date(2026, 12, 11), "朝阳区人民法院")
    room.mediation.record_confirmation(cid, date(2026, 12, 10), "朝阳区人民法院")
    assert room.cases.get(cid).confirmation_applied_on == date(2026, 12, 10)


def test_confirmation_period_ending_on_a_holiday_moves_to_the_next_working_day() -> None:
    assert confirmation_last_day(date(2026, 11, 10)) == date(2026, 12, 10)  # a Thursday
    assert confirmation_last_day(date(2026, 11, 14)) == date(2026, 12, 14)  # Sun 13 Dec -> Mon 14 Dec
    # 30 days after 2 Sep 2025 is 2 Oct 2025, inside the National Day holiday (1-8 Oct): ends 9 Oct.
    assert confirmation_last_day(date(2025, 9, 2)) == date(2025, 10, 9)


def test_visit_due_counts_working_days() -> None:
    # deadline Tue 30 Sep 2025, then the holiday: 9 Oct (Thu), 10 Oct (Fri), 11 Oct (Sat, a 调休 working day)
    assert visit_due(date(2025, 9, 20), date(2025, 9, 30)) == date(2025, 10, 11)


def test_visits_due_show_in_rows_and_dashboard(room: Services) -> None:
    cid = new_case(room)
    agree(room, cid)
    ledger(room, risk=Risk.red)
    row = room.cases.rows(CaseFilter(visit_due_only=True), today=date(2026, 11, 27))[0]
    assert row.visit_overdue and row.attention == "回访已超期2天"
    due = room.cases.due(today=date(2026, 11, 27))
    assert (due.visits_due, due.visits_overdue, due.red_disputes, due.open_cases) == (1, 1, 1, 1)
    assert room.cases.rows(CaseFilter(visit_due_only=True), today=date(2026, 11, 10)) == []


def test_case_search_and_filters(room: Services) -> None:
    a = new_case(room)
    b = new_case(room, dispute_type="婚姻家庭", facts="夫妻因抚养费争执")
    assert {r.id for r in room.cases.rows(CaseFilter(query="抚养费"))} == {b}
    assert {r.id for r in room.cases.rows(CaseFilter(query="第1号"))} == {a}
    assert {r.id for r in room.cases.rows(CaseFilter(dispute_type="邻里"))} == {a}
    assert {r.id for r in room.cases.rows(CaseFilter(query="13900000001"))} == {a, b}


def test_doc_carries_what_the_documents_print(room: Services) -> None:
    cid = new_case(room)
    agree(room, cid)
    doc = room.cases.doc(cid)
    assert doc.number == "（2026）安华人调字第1号"
    assert doc.committee_name == "安华里社区人民调解委员会" and doc.station == "和平里派出所"
    zs, ls = doc.parties
    assert (zs.role_label, zs.gender, zs.age_on(date(2026, 11, 22)), zs.occupation) == (
        "申请人",
        "女",
        76,
        "退休",
    )
    assert (ls.role_label, ls.age_on(date(2026, 11, 22))) == ("被申请人", 45)
    assert doc.terms == ("李四赔偿张三2000元", "李四于11月20日前修好防水")
    assert doc.mediators == ("王建军",) and doc.recorder == "刘芳"
    assert doc.copies == 3 and doc.agreement_kind == "written"


def test_history_records_the_case(room: Services) -> None:
    cid = new_case(room)
    agree(room, cid)
    items = room.history("mediation_case", cid)
    assert any("协议条款" in str(vars(i)) for i in items)


@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)))
def test_confirmation_last_day_properties(agreed_on: date) -> None:
    """30 days after the agreement, moved past rest days only, onto a working day."""
    from datetime import timedelta

    from policeroom.services.core.workdays import is_workday

    last = confirmation_last_day(agreed_on)
    day30 = agreed_on + timedelta(days=30)
    assert last >= day30 and is_workday(last)
    assert all(not is_workday(day30 + timedelta(days=i)) for i in range((last - day30).days))


@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 60))
def test_visit_due_is_three_working_days_after_the_deadline(agreed_on: date, days: int) -> None:
    from datetime import timedelta

    from policeroom.services.core.workdays import is_workday

    deadline = agreed_on + timedelta(days=days)
    due = visit_due(agreed_on, deadline)
    between = [deadline + timedelta(days=i) for i in range(1, (due - deadline).days + 1)]
    assert is_workday(due) and sum(map(is_workday, between)) == 3


def test_resolved_date_is_kept_or_today(room: Services) -> None:
    eid = ledger(room, status=DisputeStatus.resolved, resolved_on=date(2026, 11, 10))
    assert room.disputes.get(eid).resolved_on == date(2026, 11, 10)
    other = ledger(room, status=DisputeStatus.resolved)
    assert room.disputes.get(other).resolved_on == TODAY
    with pytest.raises(ValidationError, match="化解日期应在排查日期和今天之间"):
        ledger(room, status=DisputeStatus.resolved, resolved_on=date(2026, 11, 1))


def test_only_the_agreement_of_the_cases_kind_prints(room: Services) -> None:
    from policeroom.services.mediation.docs import available_forms, form_refusal

    cid = new_case(room)
    doc = room.cases.doc(cid)
    assert "尚未达成调解协议" in form_refusal("agreement", doc)  # issue 11 item 8: nothing to print yet
    assert form_refusal("agreement", doc, blank=True) is None  # a blank form to fill in by hand, on request
    assert form_refusal("public-order-agreement", doc) is not None
    agree(room, cid, oral=True, copies=None)
    doc = room.cases.doc(cid)
    assert form_refusal("agreement", doc) == "案件（2026）安华人调字第1号是口头协议，应打印 oral-agreement（人民调解口头协议登记表）。"
    assert form_refusal("oral-agreement", doc) is None and form_refusal("session", doc) is None
    assert available_forms(people=True, application=True, record_kinds={"session"}, agreement="oral",
                           visits=False) == ["application", "intake", "session", "oral-agreement", "casefile"]
    police = new_case(room, kind=CaseKind.public_order, source=CaseSource.police)
    assert "治安调解" in form_refusal("agreement", room.cases.doc(police))
