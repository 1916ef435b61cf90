"""A past period sees the world as it was at its end (issue 11 item 11), and 存在问题 is pre-filled (item 12).

Records on both sides of 15 November 2026; the report covers 1 October to 15 November and is made on
5 December, when everything after the end has happened: a request closed, a red dispute resolved, an
agreement reached, new requests, disputes and cases.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from policeroom.models import DisputeStatus, RecordKind, Risk, ShiftType
from policeroom.services.mediation.types import AgreementInput, DisputeInput, PartyInput, RecordInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.summary.types import range_period
from tests.services.summary.week_data import _case, _loop, _request, at
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)

PERIOD = range_period(date(2026, 10, 1), date(2026, 11, 15))
AFTER = date(2026, 11, 20)


def _entry(sv: Services, ids: dict[str, int], on: date, dtype: str, people: int, summary: str) -> int:
    return sv.disputes.create(DisputeInput(
        screened_on=on, dispute_type=dtype, risk=Risk.red, summary=summary, grid_id=ids["g1"], people_count=people,
        owner_id=ids["officer"], deadline=on + timedelta(days=60),
        parties=[PartyInput(name="张三丰", resident_id=ids["zs"]), PartyInput(name="李四", resident_id=ids["ls"])],
    ), today=AFTER)  # fmt: skip


@pytest.fixture
def both_sides(officer: Services) -> Services:
    from policeroom.models import MemberRole

    sv = officer
    g1 = sv.grids.create(GridInput(code="WG01", name="一网格"))
    w1 = sv.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    zs = sv.residents.create(ResidentInput(name="张三丰", phone="13800000000", address="安华里3号楼", grid_id=g1))
    ls = sv.residents.create(ResidentInput(name="李四", phone="13900000001", address="安华里5号楼", grid_id=g1))
    ids = {"g1": g1, "w1": w1, "zs": zs, "ls": ls, "officer": sv.actor.member_id}
    # Before the end: a request received in October, handled only from 19 November (closed after the end).
    late = _request(sv, ids, at(10, 9, month=10), "邻里求助")
    _loop(sv, late, ids, at(19, 9))
    # After the end: a request received and closed.
    after = _request(sv, ids, at(20, 9), "证件咨询")
    _loop(sv, after, ids, at(20, 9))
    # A red dispute screened in October and resolved after the end; a red one screened after the end.
    red = _entry(sv, ids, date(2026, 10, 5), "邻里", 3, "楼上漏水，双方多次争吵")
    sv.disputes.set_status(red, DisputeStatus.resolved, today=AFTER)
    _entry(sv, ids, AFTER, "物业", 8, "周后的红色纠纷")
    # A case accepted in October, agreed after the end; a case accepted after the end.
    case = _case(sv, ids, date(2026, 10, 10), "邻里")
    sv.mediation.add_record(case, RecordKind.session, RecordInput(at=at(19, 10), place="警务室", subject="漏水赔偿",
                                                                  recorder="刘芳", content="调解"))  # fmt: skip
    sv.mediation.record_agreement(case, AgreementInput(
        oral=False, agreed_on=AFTER, terms=["李四赔偿张三丰2000元"], performance_method="现金",
        performance_deadline=AFTER + timedelta(days=7),
    ), today=AFTER)  # fmt: skip
    _case(sv, ids, date(2026, 11, 18), "物业")
    # Duty: a shift on 14 November nobody checked in to; one on 20 November (after the end).
    with sv.ctx.read() as s:
        day_shift = s.scalar(select(ShiftType.id).where(ShiftType.code == "白"))
    sv.roster.set_cell(ids["officer"], date(2026, 11, 14), [(day_shift, None)])
    sv.roster.set_cell(ids["officer"], AFTER, [(day_shift, None)])
    sv.ids = ids
    return sv


def test_figures_count_the_records_as_they_stood_at_the_end(both_sides: Services) -> None:
    data = both_sides.summary.summary(PERIOD)
    f = data.figures
    assert f.requests_received == 1 and f.requests_closed == 0 and f.requests_visited == 0
    assert f.requests_overdue == 1  # open at the end, and late for its next step
    assert f.disputes_screened == 1 and f.disputes_red == 1 and f.disputes_resolved == 0
    assert f.cases_accepted == 1 and f.cases_agreed == 0 and f.cases_failed == 0 and f.sessions == 0
    assert f.duty_shifts == 1 and f.absent == 1
    assert data.by_type == [("邻里", 1)] and data.by_category == [("邻里求助", 1)]
    assert (data.trend[-1].requests, data.trend[-1].disputes) == (1, 1)


def test_every_section_sees_the_world_at_the_end(both_sides: Services) -> None:
    texts = both_sides.summary.summary(PERIOD).texts
    key = texts.key_work
    assert "红色风险纠纷" in key and "至本期末尚未化解" in key and "已化解" not in key
    assert "周后的红色纠纷" not in key and "达成" not in key  # screened / agreed after the end
    assert "超期求助" in key or "已超期" in key
    assert texts.situation == "本期接收群众求助1件，以“邻里求助”（1件）为主；排查矛盾纠纷1件，主要为邻里纠纷（1件），其中红色风险1件。"
    assert "红色风险纠纷1件" in texts.next_plan and "物业" not in texts.next_plan


def test_problems_are_prefilled_from_the_figures(both_sides: Services) -> None:
    """Issue 11 item 12: "四、存在问题：无。" was printed beside 超期未办 32."""
    problems = both_sides.summary.summary(PERIOD).texts.problems.splitlines()
    assert problems == [
        "1. 至本期末仍有1件群众求助超期未办结，需督促相关人员尽快办理。",
        "2. 尚有1件红色风险纠纷未化解，存在激化风险，稳控和化解力度需加强。",
        "3. 值班签到缺勤1次，值班纪律需进一步落实。",
    ]
    # the next period: the request was closed and the dispute resolved in it; nobody missed a shift
    later = both_sides.summary.summary(PERIOD.next()).texts.problems
    assert "红色风险纠纷" in later  # the one screened on 20 November is still open
    assert "超期" not in later


def test_dispute_table_as_of_the_end(both_sides: Services) -> None:
    table = both_sides.summary.dispute_table(PERIOD)
    rows = {r.dispute_type: r for r in table.rows}
    neighbour = rows["邻里"]
    assert (neighbour.screened, neighbour.mediated, neighbour.succeeded, neighbour.failed) == (1, 1, 0, 0)
    assert (neighbour.people, neighbour.major) == (3, 1)
    assert rows["物业"].screened == 0 and rows["物业"].mediated == 0
    assert (table.total.screened, table.total.mediated, table.total.succeeded) == (1, 1, 0)
