"""Reading mediation cases: the list, one case's details, what is due, and the documents' data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from policeroom.errors import NotFound
from policeroom.models import (
    AGREEMENT_KIND_LABELS,
    CASE_SOURCE_LABELS,
    CASE_STATUS_LABELS,
    OTHER_WAY_LABELS,
    PARTY_ROLE_LABELS,
    AgreementKind,
    CaseKind,
    CaseParty,
    CaseRecord,
    CaseSource,
    CaseStatus,
    DisputeEntry,
    DisputeStatus,
    MediationCase,
    OtherWay,
    PartyRole,
    RecordKind,
    Risk,
)
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.records import contains, search_terms
from policeroom.services.core.scope import case_clause, require_case_visible
from policeroom.services.core.settings import load_room_settings
from policeroom.services.mediation.docs import CaseDoc, PartyDoc, PerformanceDoc, RecordDoc, VisitDoc
from policeroom.services.mediation.rules import MOVES, confirmation_last_day, normalize_case_number
from policeroom.services.mediation.types import (
    AgreementInput,
    CaseDetail,
    CaseFilter,
    CaseInput,
    CaseRow,
    PartyInput,
    PartyView,
    PerformanceView,
    RecordInput,
    RecordView,
    VisitInput,
    VisitView,
)

SORT_KEYS = {
    "number": (MediationCase.year, MediationCase.seq),
    "accepted_on": (MediationCase.accepted_on,),
    "dispute_type": (MediationCase.dispute_type,),
    "status": (MediationCase.status,),
    "agreed_on": (MediationCase.agreed_on,),
    "visit_due": (MediationCase.visit_due,),
}

#: Cases waiting for their follow-up visit.
AWAITING_VISIT = (CaseStatus.agreed, CaseStatus.performed)


@dataclass(frozen=True)
class MediationDue:
    """What the dashboard shows of mediation today."""

    visits_due: int  # visits due within 3 days or overdue
    visits_overdue: int
    performance_soon: int  # performance deadlines within 7 days
    sessions_ahead: int  # scheduled sessions in the next 7 days
    red_disputes: int  # red-risk ledger entries not yet resolved
    open_cases: int


class MediationReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _filtered(self, f: CaseFilter, today: date) -> Select:
        stmt = select(MediationCase.id)
        for term in search_terms(f.query):
            in_parties = select(CaseParty.case_id).where(
                or_(
                    contains(CaseParty.name, term),
                    contains(CaseParty.phone, term),
                    contains(CaseParty.id_number, term),
                )
            )
            stmt = stmt.where(
                or_(
                    contains(MediationCase.number, normalize_case_number(term)),
                    contains(MediationCase.title, term),
                    contains(MediationCase.facts, term),
                    contains(MediationCase.dispute_type, term),
                    MediationCase.id.in_(in_parties),
                )
            )
        if f.kind:
            stmt = stmt.where(MediationCase.kind == f.kind)
        if f.statuses:
            stmt = stmt.where(MediationCase.status.in_(f.statuses))
        if f.dispute_type:
            stmt = stmt.where(MediationCase.dispute_type == f.dispute_type)
        if f.date_from:
            stmt = stmt.where(MediationCase.accepted_on >= f.date_from)
        if f.date_to:
            stmt = stmt.where(MediationCase.accepted_on <= f.date_to)
        if f.visit_due_only:
            stmt = stmt.where(
                MediationCase.status.in_(AWAITING_VISIT), MediationCase.visit_due <= today + timedelta(days=3)
            )
        return stmt

    def rows(
        self, f: CaseFilter = CaseFilter(), *, sort: str = "number", descending: bool = True,  # noqa: B008
        today: date | None = None,
    ) -> list[CaseRow]:  # fmt: skip
        today = today or clock.today()
        keys = SORT_KEYS.get(sort, SORT_KEYS["number"])
        order = [k.desc() if descending else k.asc() for k in keys]
        order.append(MediationCase.id.desc() if descending else MediationCase.id.asc())
        with self.ctx.read() as s:
            stmt = (
                select(MediationCase)
                .where(MediationCase.id.in_(self._filtered(f, today)), case_clause(self.ctx.actor))
                .options(selectinload(MediationCase.parties), selectinload(MediationCase.mediators))
                .order_by(*order)
            )
            return [_row(c, today) for c in s.scalars(stmt)]

    def id_by_number(self, number: str) -> int:
        with self.ctx.read() as s:
            wanted = normalize_case_number(number)
            found = s.scalar(select(MediationCase.id).where(MediationCase.number == wanted))
            if found is None:
                raise NotFound(f"没有编号为“{number}”的调解案件")
            require_case_visible(s, self.ctx.actor, found)
            return found

    def get(self, case_id: int) -> CaseDetail:
        with self.ctx.read() as s:
            c = require_case_visible(s, self.ctx.actor, case_id)
            agreement = None
            if c.agreement_kind:
                agreement = AgreementInput(
                    oral=c.agreement_kind == AgreementKind.oral, agreed_on=c.agreed_on, terms=c.terms.splitlines(),
                    performance_method=c.performance_method, performance_deadline=c.performance_deadline,
                    copies=c.copies, performed_on_the_spot=c.performed_on_the_spot,
                )  # fmt: skip
            return CaseDetail(
                id=c.id, number=c.number, status=CaseStatus(c.status), data=_case_input(c),
                parties=tuple(_party_view(p) for p in c.parties), mediators=tuple(m.name for m in c.mediators),
                recorder=c.recorder.name if c.recorder else "",
                records=tuple(RecordView(r.id, RecordKind(r.kind).value, _record_input(r)) for r in c.records),
                agreement=agreement,
                performances=tuple(PerformanceView(p.id, p.on, p.content, p.proof) for p in c.performances),
                visits=tuple(_visit_view(v) for v in c.visits), visit_due=c.visit_due,
                failed_on=c.failed_on, failed_reason=c.failed_reason,
                other_way=OtherWay(c.other_way).value if c.other_way else None,
                confirmation_last_day=_confirmation_last_day(c),
                confirmation_applied_on=c.confirmation_applied_on, confirmation_court=c.confirmation_court,
                confirmation_result=c.confirmation_result, archived_on=c.archived_on, filed_by_id=c.filed_by_id,
                retention=c.retention, file_remarks=c.file_remarks,
                entry_numbers=tuple(s.scalars(select(DisputeEntry.number).where(DisputeEntry.case_id == c.id))),
                next_steps=tuple(t.value for t in MOVES[CaseStatus(c.status)]),
            )  # fmt: skip

    def doc(self, case_id: int) -> CaseDoc:
        """Everything the case's documents print, in plain data for `reports.mediation`."""
        with self.ctx.read() as s:
            c = require_case_visible(s, self.ctx.actor, case_id)
            room = load_room_settings(s)
            return CaseDoc(
                number=c.number, kind=CaseKind(c.kind).value, committee_name=room.committee_name,
                station=room.station, room_name=room.room_name, title=c.title,
                source=CaseSource(c.source).value, source_label=CASE_SOURCE_LABELS[CaseSource(c.source)],
                dispute_type=c.dispute_type, accepted_on=c.accepted_on, facts=c.facts, issues=c.issues,
                claims=c.claims, responsibility=c.responsibility,
                amount=float(c.amount) if c.amount is not None else None,
                parties=tuple(_party_doc(p) for p in c.parties), mediators=tuple(m.name for m in c.mediators),
                recorder=c.recorder.name if c.recorder else "", registrar=c.registrar.name if c.registrar else "",
                records=tuple(_record_doc(r) for r in c.records),
                agreement_kind=AgreementKind(c.agreement_kind).value if c.agreement_kind else None,
                agreed_on=c.agreed_on, terms=tuple(t for t in c.terms.splitlines() if t.strip()),
                performance_method=c.performance_method, performance_deadline=c.performance_deadline,
                copies=c.copies, performed_on_the_spot=c.performed_on_the_spot,
                performances=tuple(PerformanceDoc(p.on, p.content, p.proof) for p in c.performances),
                visits=tuple(
                    VisitDoc(v.visited_on, v.visitor.name if v.visitor else "", v.method, v.reason, v.parties,
                             v.performance, v.satisfaction, v.new_conflict, v.notes)
                    for v in c.visits
                ),
                failed_on=c.failed_on, failed_reason=c.failed_reason,
                other_way_label=OTHER_WAY_LABELS[OtherWay(c.other_way)] if c.other_way else "",
                confirmation_last_day=_confirmation_last_day(c), confirmation_applied_on=c.confirmation_applied_on,
                confirmation_court=c.confirmation_court, confirmation_result=c.confirmation_result,
                archived_on=c.archived_on, filed_by=c.filed_by.name if c.filed_by else "",
                retention=c.retention, file_remarks=c.file_remarks,
                status_label=CASE_STATUS_LABELS[CaseStatus(c.status)],
            )  # fmt: skip

    def due(self, today: date | None = None) -> MediationDue:
        today = today or clock.today()
        with self.ctx.read() as s:

            def n(stmt: Select) -> int:
                return s.scalar(select(func.count()).select_from(stmt.subquery())) or 0

            # counted within the actor's scope: visible cases, ledger entries of their grids
            mine = case_clause(self.ctx.actor)
            visible = select(MediationCase.id).where(mine)
            waiting = visible.where(MediationCase.status.in_(AWAITING_VISIT))
            entries = select(DisputeEntry.id)
            if self.ctx.actor.limited_to_grids:
                entries = entries.where(DisputeEntry.grid_id.in_(self.ctx.actor.grid_ids))
            return MediationDue(
                visits_due=n(waiting.where(MediationCase.visit_due <= today + timedelta(days=3))),
                visits_overdue=n(waiting.where(MediationCase.visit_due < today)),
                performance_soon=n(
                    visible.where(
                        MediationCase.status == CaseStatus.agreed,
                        MediationCase.performance_deadline >= today,
                        MediationCase.performance_deadline <= today + timedelta(days=7),
                    )
                ),
                sessions_ahead=n(
                    select(CaseRecord.id).where(
                        CaseRecord.kind == RecordKind.session,
                        CaseRecord.case_id.in_(visible),
                        func.date(CaseRecord.at) >= today.isoformat(),
                        func.date(CaseRecord.at) <= (today + timedelta(days=7)).isoformat(),
                    )
                ),
                red_disputes=n(
                    entries.where(
                        DisputeEntry.risk == Risk.red,
                        DisputeEntry.status.in_((DisputeStatus.unresolved, DisputeStatus.in_progress)),
                    )
                ),
                open_cases=n(visible.where(MediationCase.status != CaseStatus.archived)),
            )


def _confirmation_last_day(c: MediationCase) -> date | None:
    if c.kind == CaseKind.people and c.agreement_kind == AgreementKind.written and c.agreed_on:
        return confirmation_last_day(c.agreed_on)
    return None


def _attention(c: MediationCase, today: date) -> str:
    status = CaseStatus(c.status)
    if status in AWAITING_VISIT and c.visit_due:
        late = (today - c.visit_due).days
        if late > 0:
            return f"回访已超期{late}天"
        if late >= -3:
            return "今日应回访" if late == 0 else f"{-late}天后应回访"
    if status == CaseStatus.agreed and c.performance_deadline:
        left = (c.performance_deadline - today).days
        if 0 <= left <= 7:
            return "今日履行期满" if left == 0 else f"{left}天后履行期满"
    last = _confirmation_last_day(c)
    if (
        last
        and not c.confirmation_applied_on
        and 0 <= (last - today).days <= 7
        and status != CaseStatus.archived
    ):
        return f"司法确认申请期限{last.month}月{last.day}日届满"
    return ""


def _row(c: MediationCase, today: date) -> CaseRow:
    status = CaseStatus(c.status)
    status_text = CASE_STATUS_LABELS[status]
    if c.agreement_kind and status != CaseStatus.failed:
        status_text = f"{status_text}（{AGREEMENT_KIND_LABELS[AgreementKind(c.agreement_kind)][:2]}）"
    return CaseRow(
        id=c.id, number=c.number, kind=CaseKind(c.kind), accepted_on=c.accepted_on, title=c.title,
        dispute_type=c.dispute_type, parties="、".join(p.name for p in c.parties),
        mediators="、".join(m.name for m in c.mediators), status=status, agreed_on=c.agreed_on,
        visit_due=c.visit_due if status in AWAITING_VISIT else None,
        visit_overdue=bool(status in AWAITING_VISIT and c.visit_due and c.visit_due < today),
        attention=_attention(c, today),
    )  # fmt: skip


def _case_input(c: MediationCase) -> CaseInput:
    return CaseInput(
        kind=CaseKind(c.kind), source=CaseSource(c.source), dispute_type=c.dispute_type, accepted_on=c.accepted_on,
        facts=c.facts, parties=[_party_input(p) for p in c.parties], mediator_ids=[m.id for m in c.mediators],
        title=c.title, issues=c.issues, claims=c.claims, responsibility=c.responsibility,
        amount=float(c.amount) if c.amount is not None else None, recorder_id=c.recorder_id,
        registrar_id=c.registrar_id,
    )  # fmt: skip


def _party_input(p: CaseParty) -> PartyInput:
    return PartyInput(
        name=p.name, resident_id=p.resident_id, role=PartyRole(p.role), gender=p.gender, ethnicity=p.ethnicity,
        id_number=p.id_number, birth_date=p.birth_date, age=p.age, occupation=p.occupation, phone=p.phone,
        address=p.address,
    )  # fmt: skip


def _party_view(p: CaseParty) -> PartyView:
    return PartyView(
        id=p.id, role=PartyRole(p.role), resident_id=p.resident_id, name=p.name, gender=p.gender,
        ethnicity=p.ethnicity, id_number=p.id_number, birth_date=p.birth_date, age=p.age,
        occupation=p.occupation, phone=p.phone, address=p.address,
    )  # fmt: skip


def _party_doc(p: CaseParty) -> PartyDoc:
    role = PartyRole(p.role)
    return PartyDoc(
        role=role.value, role_label=PARTY_ROLE_LABELS[role], name=p.name, gender=p.gender, ethnicity=p.ethnicity,
        birth_date=p.birth_date, age=p.age, occupation=p.occupation, phone=p.phone, address=p.address,
        id_number=p.id_number,
    )  # fmt: skip


def _record_input(r) -> RecordInput:  # noqa: ANN001 - CaseRecord
    return RecordInput(
        at=r.at, place=r.place, subject=r.subject, parties_present=r.parties_present, participants=r.participants,
        interviewee=r.interviewee, investigator=r.investigator, recorder=r.recorder, content=r.content,
        result=r.result,
    )  # fmt: skip


def _record_doc(r) -> RecordDoc:  # noqa: ANN001 - CaseRecord
    return RecordDoc(kind=RecordKind(r.kind).value, **vars(_record_input(r)))


def _visit_view(v) -> VisitView:  # noqa: ANN001 - CaseVisit
    data = VisitInput(
        visited_on=v.visited_on, visitor_id=v.visitor_id, method=v.method, reason=v.reason,
        performance=v.performance, satisfaction=v.satisfaction, new_conflict=v.new_conflict, notes=v.notes,
    )  # fmt: skip
    return VisitView(v.id, v.visited_on, v.visitor_id, v.visitor.name if v.visitor else "", data)
