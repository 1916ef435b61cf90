"""Permission rows of the dispute ledger, mediation cases and their Excel import (see tests/test_permissions.py).

eA is grid A's ledger entry turned into the people's case cA (mediator: the staff member), eA2 grid A's
entry still in the ledger, eB/cB grid B's; cP is a 治安调解 case of grid A's residents handled by the
officer alone. Steps a case is not at are ``lenient``: who may act is decided before the step is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from policeroom.models import (
    CaseKind,
    CaseSource,
    CaseStatus,
    DisputeStatus,
    MediationCase,
    OtherWay,
    PartyRole,
    RecordKind,
    Risk,
)
from policeroom.services.core.context import SYSTEM
from policeroom.services.core.imports import guess_mapping
from policeroom.services.mediation.types import (
    AgreementInput,
    CaseFilter,
    CaseInput,
    DisputeInput,
    PartyInput,
    RecordInput,
    VisitInput,
)
from policeroom.services.registry import Services
from tests.permission_world import DAY, PermCase, World
from tests.services.people.permission_cases import xlsx

AT = datetime(2026, 11, 21, 10, 0)


def _system(sv: Services) -> Services:
    return Services(sv.ctx.sessions, SYSTEM)


def _own_grid(sv: Services, w: World) -> str:
    """The actor's own grid key (grid A for the officer and staff)."""
    return "gB" if sv.actor.grid_ids == {w.gB} else "gA"


def _entry(w: World, grid: str, people: tuple[str, ...] = ("rA", "rA2")) -> DisputeInput:
    return DisputeInput(
        screened_on=DAY, dispute_type="邻里", risk=Risk.yellow, summary="装修噪声扰民，双方争吵",
        grid_id=getattr(w, grid), owner_id=w.officer_member,
        parties=[PartyInput(name="", resident_id=getattr(w, p)) for p in people],
    )  # fmt: skip


def _case(w: World, kind: CaseKind = CaseKind.people, people: tuple[str, str] = ("rA", "rA2")) -> CaseInput:
    return CaseInput(
        kind=kind, source=CaseSource.application, dispute_type="邻里", accepted_on=DAY,
        facts="装修噪声扰民。", mediator_ids=[w.staff_member if kind == CaseKind.people else w.officer_member],
        parties=[PartyInput(name="", resident_id=getattr(w, people[0]), role=PartyRole.applicant),
                 PartyInput(name="", resident_id=getattr(w, people[1]), role=PartyRole.respondent)],
    )  # fmt: skip


def _with_session(sv: Services, work: Any, write: bool = False) -> Any:
    with (sv.ctx.write() if write else sv.ctx.read()) as s:
        return work(s)


def _link_other_party(sv: Services, w: World) -> int:
    """A ledger entry of the actor's own grid, naming grid A's resident picked from the index."""
    return sv.disputes.create(_entry(w, _own_grid(sv, w), ("rA",)), today=DAY)


def _case_with_other_party(sv: Services, w: World) -> int:
    grid = _own_grid(sv, w)
    people = ("rA", "rA2") if grid == "gA" else ("rB", "rA")
    return sv.mediation.create(_case(w, people=people), today=DAY)


def _create_and_open(sv: Services, w: World) -> Any:
    return sv.cases.get(sv.mediation.create(_case(w), today=DAY))


def _case_update(sv: Services, w: World) -> None:
    data = _system(sv).cases.get(w.cA).data
    data.facts += "（补充：已多次协商）"
    sv.mediation.update(w.cA, data, today=DAY)


def _number(sv: Services, case_id: int) -> str:
    return _system(sv).cases.get(case_id).number


def _ids_are(expected: dict[str, set[str]]) -> Any:
    def check(rows: Any, w: World, role: str) -> None:
        assert {r.id for r in rows} == {getattr(w, k) for k in expected[role]}

    return check


LEDGER = [
    ["排查日期", "网格", "纠纷类型", "当事人", "简要情况", "风险等级"],
    ["2026-11-20", "WG01", "邻里", "严某某", "楼道堆物引发争吵", "黄"],
]


def _ledger_report(sv: Services, as_system: bool) -> Any:
    ledger = (_system(sv) if as_system else sv).dispute_ledger
    spec, sheet = ledger.read(xlsx(LEDGER))
    return ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))


CASES = [
    # -- the screening ledger (矛盾纠纷排查台账) ----------------------------------------------
    PermCase("disputes.check", lambda sv, w: _with_session(sv, lambda s: sv.disputes.check(s, _entry(w, "gA"), DAY)),
             "AAAR"),
    PermCase("disputes.create", lambda sv, w: sv.disputes.create(_entry(w, "gA"), today=DAY), "AAAR"),
    PermCase("disputes.create", _link_other_party, "AAAR", note="leak: linking another grid's resident as a party"),
    PermCase("disputes.create_in", lambda sv, w: _with_session(
        sv, lambda s: sv.disputes.create_in(s, _entry(w, "gA"), DAY).id, write=True), "AAAR"),
    PermCase("disputes.delete", lambda sv, w: sv.disputes.delete(w.eA2), "ARRR"),
    PermCase("disputes.dispute_types", lambda sv, w: sv.disputes.dispute_types(), "AAAA"),
    PermCase("disputes.get", lambda sv, w: sv.disputes.get(w.eA), "AAAR"),
    PermCase("disputes.link_case", lambda sv, w: _with_session(
        sv, lambda s: sv.disputes.link_case(s, w.eA2, s.get(MediationCase, w.cA)).id, write=True), "AAAR"),
    PermCase("disputes.rows", lambda sv, w: sv.disputes.rows(today=DAY), "AAFF",
             check=_ids_are({"officer": {"eA", "eA2", "eB"}, "staff": {"eA", "eA2", "eB"}, "own": {"eA", "eA2"},
                             "other": {"eB"}})),
    PermCase("disputes.save_dispute_types", lambda sv, w: sv.disputes.save_dispute_types(
        sv.disputes.dispute_types()), "ARRR"),
    PermCase("disputes.set_status", lambda sv, w: sv.disputes.set_status(w.eA2, DisputeStatus.in_progress, today=DAY),
             "AAAR"),
    PermCase("disputes.update", lambda sv, w: sv.disputes.update(w.eA2, _entry(w, "gA"), today=DAY), "AAAR"),
    # -- the ledger's Excel import ----------------------------------------------------------
    PermCase("dispute_ledger.read", lambda sv, w: sv.dispute_ledger.read(xlsx(LEDGER)), "AAAA"),
    PermCase("dispute_ledger.spec", lambda sv, w: sv.dispute_ledger.spec(), "AAAA"),
    PermCase("dispute_ledger.check", lambda sv, w: _ledger_report(sv, as_system=False), "AAAA",
             note="rows of another grid are problem rows"),
    PermCase("dispute_ledger.commit", lambda sv, w: sv.dispute_ledger.commit(_ledger_report(sv, as_system=True)),
             "AAAR", note="the commit re-checks every row's grid"),
    # -- mediation cases: writing -----------------------------------------------------------
    PermCase("mediation.add_performance", lambda sv, w: sv.mediation.add_performance(w.cA, DAY, "已赔偿"),
             "AAAR", lenient=True),
    PermCase("mediation.add_record", lambda sv, w: sv.mediation.add_record(w.cA, RecordKind.session, RecordInput(
        at=AT, subject="噪声", content="双方陈述", recorder="刘芳")), "AAAR"),
    PermCase("mediation.add_record", lambda sv, w: sv.mediation.add_record(w.cP, RecordKind.session, RecordInput(
        at=AT, subject="纠纷", content="双方陈述", recorder="王建军")), "ARRR", note="public-order case"),
    PermCase("mediation.add_visit", lambda sv, w: sv.mediation.add_visit(
        w.cA, VisitInput(visited_on=DAY, visitor_id=w.staff_member), today=DAY), "AAAR", lenient=True),
    PermCase("mediation.archive", lambda sv, w: sv.mediation.archive(w.cA, DAY, w.staff_member), "AAAR",
             lenient=True),
    PermCase("mediation.check_party", lambda sv, w: sv.mediation.check_party(PartyInput(name="", resident_id=w.rA)),
             "AAAR", note="leak: the index's record of another grid's resident"),
    PermCase("mediation.create", _create_and_open, "AAAR", note="the grid worker who registers it can open it"),
    PermCase("mediation.create", _case_with_other_party, "AAAR", note="leak: linking another grid's resident"),
    PermCase("mediation.create", lambda sv, w: sv.mediation.create(_case(w, CaseKind.public_order), today=DAY),
             "ARRR", note="public-order case", refusal="治安调解由社区民警主持"),
    PermCase("mediation.delete_record", lambda sv, w: sv.mediation.delete_record(w.recA), "ARRR"),
    PermCase("mediation.draft_from_entry", lambda sv, w: sv.mediation.draft_from_entry(w.eA2, today=DAY), "AAAR",
             note="leak: another grid's facts, parties and phones"),
    PermCase("mediation.fail", lambda sv, w: sv.mediation.fail(w.cA, DAY, "双方分歧大", OtherWay.litigation, today=DAY),
             "AAAR", lenient=True),
    PermCase("mediation.move", lambda sv, w: sv.mediation.move(w.cA, CaseStatus.mediating), "AAAR"),
    PermCase("mediation.move", lambda sv, w: sv.mediation.move(w.cP, CaseStatus.investigating), "ARRR",
             note="public-order case"),
    PermCase("mediation.record_agreement", lambda sv, w: sv.mediation.record_agreement(w.cA, AgreementInput(
        oral=True, agreed_on=DAY, terms=["停止夜间施工"]), today=DAY), "AAAR", lenient=True),
    PermCase("mediation.record_confirmation", lambda sv, w: sv.mediation.record_confirmation(
        w.cA, DAY, "东城区人民法院"), "AAAR", lenient=True),
    PermCase("mediation.update", _case_update, "AAAR"),
    PermCase("mediation.update_record", lambda sv, w: sv.mediation.update_record(w.recA, RecordInput(
        at=AT, interviewee="严秀英", content="了解漏水经过（补充）", recorder="刘芳")), "AAAR"),
    # -- mediation cases: reading (治安调解: the officer and its handlers only) ----------------
    PermCase("cases.doc", lambda sv, w: sv.cases.doc(w.cA), "AAAR"),
    PermCase("cases.doc", lambda sv, w: sv.cases.doc(w.cP), "ARRR", note="leak: public-order case"),
    PermCase("cases.due", lambda sv, w: sv.cases.due(DAY), "AFFF"),
    PermCase("cases.get", lambda sv, w: sv.cases.get(w.cA), "AAAR"),
    PermCase("cases.get", lambda sv, w: sv.cases.get(w.cP), "ARRR", note="leak: public-order case"),
    PermCase("cases.id_by_number", lambda sv, w: sv.cases.id_by_number(_number(sv, w.cP)), "ARRR",
             note="public-order case"),
    PermCase("cases.id_by_number", lambda sv, w: sv.cases.id_by_number(_number(sv, w.cA)), "AAAR"),
    PermCase("cases.rows", lambda sv, w: sv.cases.rows(CaseFilter(), today=DAY), "AFFF",
             note="leak: every case with full ID numbers",
             check=_ids_are({"officer": {"cA", "cB", "cP"}, "staff": {"cA", "cB"}, "own": {"cA"}, "other": {"cB"}})),
]
