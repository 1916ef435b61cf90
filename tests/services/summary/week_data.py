"""A hand-built week (2026-W45, Monday 2 to Sunday 8 November) with every figure counted by hand.

Records just outside the week (Sunday 23:59 of the week before, Monday 00:00 of the week after) check
the boundaries. The expected figures are in ``EXPECTED`` / ``EXPECTED_PREVIOUS`` / ``EXPECTED_YEAR_AGO``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from policeroom.models import (
    CaseKind,
    CaseSource,
    Channel,
    DisputeStatus,
    MemberRole,
    OtherWay,
    PartyRole,
    RecordKind,
    Risk,
    Satisfaction,
    ShiftType,
    Urgency,
)
from policeroom.services.mediation.types import (
    AgreementInput,
    CaseInput,
    DisputeInput,
    PartyInput,
    RecordInput,
    VisitInput,
)
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.service import RequestInput

WEEK = "2026-W45"
MON = date(2026, 11, 2)
NOW = datetime(2026, 11, 20, 12, 0)  # when the summary is made
TODAY = NOW.date()
ZS_ID = "11010519491231002X"
ZS_PHONE = "13800000000"


def at(day: int, hh: int, mm: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hh, mm)


def build_week(sv: Services) -> dict[str, int]:
    g1 = sv.grids.create(GridInput(code="WG01", name="一网格"))
    w1 = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    zs = sv.residents.create(ResidentInput(name="张三丰", id_number=ZS_ID, phone=ZS_PHONE, address="安华里3号楼",
                                           grid_id=g1))  # fmt: skip
    ls = sv.residents.create(ResidentInput(name="李四", phone="13900000001", address="安华里5号楼", grid_id=g1))
    officer = sv.actor.member_id
    ids = {"g1": g1, "w1": w1, "zs": zs, "ls": ls, "officer": officer}
    _requests(sv, ids)
    _disputes(sv, ids)
    _roster(sv, ids)
    return ids


def _request(sv: Services, ids: dict[str, int], received: datetime, category: str, **kw) -> int:  # noqa: ANN003
    data = dict(
        received_at=received, channel=Channel.visit, category=category, urgency=Urgency.normal,
        description="请帮忙", receiver_id=ids["officer"], resident_id=ids["zs"],
    )  # fmt: skip
    data.update(kw)
    return sv.requests.create(RequestInput(**data))


def _loop(sv: Services, rid: int, ids: dict[str, int], start: datetime, close_after_visit: float = 1,
          satisfaction: Satisfaction = Satisfaction.satisfied) -> None:  # fmt: skip
    sv.requests.dispatch(rid, ids["w1"], at=start + timedelta(hours=1))
    sv.requests.add_action(rid, start + timedelta(hours=2), None, "上门处理")
    sv.requests.feedback(rid, start + timedelta(hours=3), "已处理并告知")
    visit = datetime.combine(start.date() + timedelta(days=1), time(9))
    sv.requests.visit(rid, visit, "电话回访", satisfaction)
    sv.requests.close(rid, at=visit + timedelta(hours=close_after_visit))


def _requests(sv: Services, ids: dict[str, int]) -> None:
    # In the week: r1 closed on time (satisfied), r2 referred, r3 Sunday 23:59 waiting for dispatch (not yet
    # overdue at the week's end), r6 closed 25 h after the visit (late; unsatisfied), r8 urgent with no
    # feedback in 24 h (overdue), r7 voided (never counts).
    r1 = _request(sv, ids, at(2, 9), "邻里求助")
    _loop(sv, r1, ids, at(2, 9))
    r2 = _request(sv, ids, at(3, 10), "噪声扰民")
    sv.requests.refer(r2, "物业", at=at(3, 11))
    _request(sv, ids, at(8, 23, 59), "证件咨询")
    r6 = _request(sv, ids, at(4, 9), "邻里求助")
    _loop(sv, r6, ids, at(4, 9), close_after_visit=25, satisfaction=Satisfaction.unsatisfied)
    r7 = _request(sv, ids, at(5, 9), "其他")
    sv.requests.void(r7, "重复登记")
    r8 = _request(sv, ids, at(6, 8), "走失人员", urgency=Urgency.urgent)
    sv.requests.dispatch(r8, ids["w1"], at=at(6, 8, 30))
    sv.requests.add_action(r8, at(6, 9), None, "组织寻找")
    # Next week: Monday 00:00 exactly.
    _request(sv, ids, at(9, 0), "证件咨询")
    # The week before: r5 Sunday 23:59, dispatched late on Monday, never handled (overdue at the week's end);
    # r10 closed in that week.
    r5 = _request(sv, ids, at(1, 23, 59), "车辆挪移")
    sv.requests.dispatch(r5, ids["w1"], at=at(2, 10))
    r10 = _request(sv, ids, at(28, 9, month=10), "邻里求助")
    _loop(sv, r10, ids, at(28, 9, month=10))
    # A year before (2025-W45 is 3 to 9 November 2025).
    r_ago = _request(sv, ids, at(5, 9, year=2025), "证件咨询")
    _loop(sv, r_ago, ids, at(5, 9, year=2025))


def _entry(sv: Services, ids: dict[str, int], on: date, dtype: str, risk: Risk, people: int, summary: str) -> int:
    return sv.disputes.create(DisputeInput(
        screened_on=on, dispute_type=dtype, risk=risk, summary=summary, grid_id=ids["g1"], people_count=people,
        owner_id=ids["officer"], deadline=date(2026, 11, 13),
        parties=[PartyInput(name="张三丰", resident_id=ids["zs"]), PartyInput(name="李四", resident_id=ids["ls"])],
    ), today=TODAY)  # fmt: skip


def _case(sv: Services, ids: dict[str, int], accepted: date, dtype: str) -> int:
    return sv.mediation.create(CaseInput(
        kind=CaseKind.people, source=CaseSource.application, dispute_type=dtype, accepted_on=accepted,
        facts="双方因琐事发生争执。", mediator_ids=[ids["officer"]],
        parties=[PartyInput(name="张三丰", resident_id=ids["zs"], role=PartyRole.applicant, id_number=ZS_ID,
                            phone=ZS_PHONE),
                 PartyInput(name="李四", resident_id=ids["ls"], role=PartyRole.respondent, age=45)],
    ), today=TODAY)  # fmt: skip


def _disputes(sv: Services, ids: dict[str, int]) -> None:
    # Week: d1 red (3 people), d2 yellow (2 people) resolved on Saturday; outside: next Monday, last Sunday.
    _entry(sv, ids, MON, "邻里", Risk.red, 3, "楼上漏水，双方多次争吵，扬言动手")
    d2 = _entry(sv, ids, date(2026, 11, 8), "婚姻家庭", Risk.yellow, 2, "夫妻因赡养老人争吵")
    sv.disputes.set_status(d2, DisputeStatus.resolved, today=date(2026, 11, 7))
    _entry(sv, ids, date(2026, 11, 9), "邻里", Risk.blue, 2, "下周的纠纷")
    _entry(sv, ids, date(2026, 11, 1), "物业", Risk.blue, 6, "上周的纠纷")
    # Cases: c1 accepted Tuesday, a session and a written agreement on Thursday, visited on Saturday,
    # performance due next Thursday; c2 accepted the week before, failed on Friday; c3 next Monday.
    c1 = _case(sv, ids, date(2026, 11, 3), "邻里")
    sv.mediation.add_record(c1, RecordKind.session, RecordInput(at=at(5, 10), place="警务室", subject="漏水赔偿", recorder="刘芳", content="调解"))
    sv.mediation.record_agreement(c1, AgreementInput(
        oral=False, agreed_on=date(2026, 11, 5), terms=["李四赔偿张三丰2000元"], performance_method="现金",
        performance_deadline=date(2026, 11, 12),
    ), today=TODAY)  # fmt: skip
    sv.mediation.add_visit(c1, VisitInput(visited_on=date(2026, 11, 7), visitor_id=ids["officer"], notes="已按协议赔偿，双方满意"), today=TODAY)
    c2 = _case(sv, ids, date(2026, 10, 30), "婚姻家庭")
    sv.mediation.fail(c2, date(2026, 11, 6), "双方分歧过大", OtherWay.litigation, today=TODAY)
    _case(sv, ids, date(2026, 11, 9), "物业")


def _roster(sv: Services, ids: dict[str, int]) -> None:
    with sv.ctx.read() as s:
        codes = {r.code: r.id for r in s.scalars(select(ShiftType))}
    o, w = ids["officer"], ids["w1"]
    sv.roster.set_cell(o, MON, [(codes["白"], None)])
    sv.roster.set_cell(o, date(2026, 11, 3), [(codes["白"], None)])
    sv.roster.set_cell(w, date(2026, 11, 4), [(codes["巡"], ids["g1"])])
    sv.roster.set_cell(o, date(2026, 11, 5), [(codes["备"], None)])  # on call: no working time
    sv.roster.set_cell(w, date(2026, 11, 8), [(codes["夜"], None)])  # Sunday night: counts in the week it starts
    sv.roster.set_cell(o, date(2026, 11, 9), [(codes["白"], None)])  # next week
    sv.duty.check_in(o, at(2, 8, 30))
    sv.duty.check_in(o, at(3, 8, 50))  # 20 minutes late
    sv.duty.check_in(w, at(8, 17, 30))
    # the patrol on Wednesday: nobody checked in (absent)


EXPECTED = dict(
    requests_received=5, requests_closed=2, requests_referred=1, requests_closed_on_time=1, requests_overdue=2,
    requests_visited=2, requests_satisfied=1,
    disputes_screened=2, disputes_red=1, disputes_resolved=1, people_involved=5,
    cases_accepted=1, cases_agreed=1, cases_failed=1, agreements_written=1, sessions=1, case_visits=1,
    duty_shifts=4, duty_hours=35.0, patrols=1, patrol_hours=2.0, checked_in=3, late=1, absent=1,
)  # fmt: skip
EXPECTED_PREVIOUS = dict(
    requests_received=2, requests_closed=1, requests_referred=0, requests_closed_on_time=1, requests_overdue=0,
    requests_visited=1, requests_satisfied=1,
    disputes_screened=1, disputes_red=0, disputes_resolved=0, people_involved=6,
    cases_accepted=1, cases_agreed=0, cases_failed=0, duty_shifts=0,
)  # fmt: skip
EXPECTED_YEAR_AGO = dict(requests_received=1, requests_closed=1, requests_overdue=0, disputes_screened=0,
                         cases_accepted=0)
