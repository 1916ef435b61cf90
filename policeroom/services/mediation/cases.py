"""People's mediation cases (人民调解案件) and public-order mediation (治安调解): the case's whole life."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, PermissionDenied, ValidationError
from policeroom.models import (
    OTHER_WAY_LABELS,
    AccountRole,
    AgreementKind,
    CaseKind,
    CaseParty,
    CaseRecord,
    CaseSource,
    CaseStatus,
    CaseVisit,
    DisputeEntry,
    DisputeStatus,
    MediationCase,
    OtherWay,
    PartyRole,
    Performance,
    RecordKind,
    Resident,
    TeamMember,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.dates import chinese_date
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import next_value
from policeroom.services.core.scope import require_case_visible
from policeroom.services.core.settings import load_room_settings
from policeroom.services.mediation.disputes import DisputeService, load_dispute_types
from policeroom.services.mediation.parties import clean_parties, party_from_resident
from policeroom.services.mediation.rules import (
    MOVE_LABELS,
    case_number,
    check_move,
    confirmation_last_day,
    counter_key,
    default_copies,
    visit_due,
)
from policeroom.services.mediation.types import (
    AgreementInput,
    CaseInput,
    PartyInput,
    RecordInput,
    VisitInput,
)

#: A date typed more than this far ahead is a slip of the keyboard.
FUTURE_SLACK = timedelta(days=1)


class MediationService:
    """Write side of mediation cases; the read side (lists, details, documents) is in mediation_read."""

    def __init__(self, ctx: ServiceContext, disputes: DisputeService) -> None:
        self.ctx = ctx
        self.disputes = disputes

    # -- registering (受理) ----------------------------------------------------------------
    def draft_from_entry(self, entry_id: int, today: date | None = None) -> CaseInput:
        """A case form pre-filled from a ledger entry: its facts, type and parties."""
        today = today or clock.today()
        with self.ctx.read() as s:
            e = s.get(DisputeEntry, entry_id)
            if e is None:
                raise NotFound("该纠纷记录不存在或已被删除")
            self.ctx.actor.require_grid(e.grid_id)
            parties = []
            for i, p in enumerate(e.parties):
                role = PartyRole.applicant if i == 0 else PartyRole.respondent
                r = s.get(Resident, p.resident_id) if p.resident_id else None
                if r is not None and not self.ctx.actor.sees_grid(r.grid_id):
                    r = None  # the index's record of another grid's resident is not copied in
                party = party_from_resident(r, role) if r else PartyInput(name=p.name, role=role)
                party.phone = p.phone or party.phone
                parties.append(party)
            facts = e.summary + (f"\n主要诉求：{e.demands}" if e.demands else "")
            names = "与".join(p.name for p in e.parties[:2])
            return CaseInput(
                kind=CaseKind.people, source=CaseSource.initiative, dispute_type=e.dispute_type,
                accepted_on=today, facts=facts, parties=parties,
                mediator_ids=[e.owner_id] if e.owner_id else [], title=f"{names}{e.dispute_type}纠纷" if names else "",
                claims=e.demands,
            )  # fmt: skip

    def check_party(self, party: PartyInput, *, full: bool = True) -> PartyInput:
        """Validate one party as the party dialog saves it (errors keyed by the party's own fields)."""
        errors = FormErrors()
        with self.ctx.read() as s:
            clean = clean_parties(s, [party], errors, minimum=1, full=full, actor=self.ctx.actor)
        if errors.errors:
            single = FormErrors()
            for key, message in errors.errors.items():
                field = key.removeprefix("parties.0.")
                prefix = f"{party.name}："
                single.add("name" if field == "parties" else field, message.removeprefix(prefix))
            single.raise_if_any()
        return clean[0]

    def _clean(self, s: Session, d: CaseInput, today: date, kept: frozenset[int] = frozenset()) -> CaseInput:
        errors = FormErrors()
        try:
            d.kind = CaseKind(d.kind)
        except ValueError:
            errors.add("kind", "请选择调解类别")
        try:
            d.source = CaseSource(d.source)
        except ValueError:
            errors.add("source", "请选择案件来源")
        if d.kind == CaseKind.public_order and self.ctx.actor.role != AccountRole.officer:
            errors.add("kind", "治安调解由社区民警主持，请用民警账户登记")
        if not d.dispute_type:
            errors.add("dispute_type", "请选择纠纷类型")
        elif d.dispute_type not in load_dispute_types(s):
            errors.add("dispute_type", "请从列表中选择纠纷类型（类型可在设置中修改）")
        if d.accepted_on > today + FUTURE_SLACK:
            errors.add("accepted_on", "受理日期不能晚于今天")
        d.facts = d.facts.strip()
        if not d.facts:
            errors.add("facts", "请填写纠纷主要事实")
        elif len(d.facts) > 20000:
            errors.add("facts", "纠纷主要事实不能超过20000字")
        d.title, d.issues, d.claims, d.responsibility = (
            d.title.strip(),
            d.issues.strip(),
            d.claims.strip(),
            d.responsibility.strip(),
        )
        if len(d.title) > 100:
            errors.add("title", "案由不能超过100个字")
        if d.amount is not None and not 0 <= d.amount < 10**12:
            errors.add("amount", "涉及金额应为不小于0的数")
        ids = list(dict.fromkeys(d.mediator_ids))
        if not ids:
            errors.add(
                "mediator_ids",
                "请至少选择一位人民调解员" if d.kind != CaseKind.public_order else "请选择主持调解的民警",
            )
        elif any(s.get(TeamMember, m) is None for m in ids):
            errors.add("mediator_ids", "所选调解员不存在")
        d.mediator_ids = ids
        for key in ("recorder_id", "registrar_id"):
            if getattr(d, key) is not None and s.get(TeamMember, getattr(d, key)) is None:
                errors.add(key, "所选人员不存在")
        if d.recorder_id is not None and d.recorder_id in ids:
            errors.add("recorder_id", "记录人不能同时是本案调解员")
        d.parties = clean_parties(s, d.parties, errors, minimum=2, full=True, actor=self.ctx.actor, kept=kept)
        errors.raise_if_any()
        if not d.title and len(d.parties) >= 2:
            d.title = f"{d.parties[0].name}与{d.parties[1].name}{d.dispute_type}纠纷"
        return d

    def create(self, data: CaseInput, *, entry_id: int | None = None, today: date | None = None) -> int:
        """受理: register a case and give it the year's next number (no gaps, no duplicates)."""
        today = today or clock.today()
        with self.ctx.write() as s:
            d = self._clean(s, data, today)
            if d.registrar_id is None and self.ctx.actor.limited_to_grids:
                d.registrar_id = self.ctx.actor.member_id  # 登记人: so the grid worker can open the case
            room = load_room_settings(s)
            year = d.accepted_on.year
            seq = next_value(s, counter_key(d.kind, year))
            c = MediationCase(
                number=case_number(d.kind, year, seq, room.committee_short, room.station),
                kind=d.kind, year=year, seq=seq, status=CaseStatus.accepted,
            )  # fmt: skip
            _apply(s, c, d)
            s.add(c)
            s.flush()
            if entry_id is not None:
                self.disputes.link_case(s, entry_id, c)
            return c.id

    def update(self, case_id: int, data: CaseInput, today: date | None = None) -> None:
        today = today or clock.today()
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            d = self._clean(s, data, today, kept=frozenset(p.resident_id for p in c.parties if p.resident_id))
            if d.kind != c.kind:
                raise ValidationError("kind", "调解类别决定案件编号，登记后不能更改")
            if d.accepted_on.year != c.year:
                raise ValidationError("accepted_on", "受理日期不能改到另一年（编号按年编排）")
            _apply(s, c, d)

    # -- the lifecycle ---------------------------------------------------------------------
    def move(self, case_id: int, target: CaseStatus) -> None:
        """开始调查 / 开始调解: the moves that need no other data."""
        target = CaseStatus(target)
        if target not in (CaseStatus.investigating, CaseStatus.mediating):
            raise ValidationError(
                "status", f"“{MOVE_LABELS.get(target, target.value)}”需要填写相应内容，请使用对应按钮。"
            )
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            self._require_move(c, target)
            c.status = target

    def add_record(self, case_id: int, kind: RecordKind, data: RecordInput) -> int:
        """An investigation record or session minutes; the case moves on to 调查 / 调解 with it."""
        kind = RecordKind(kind)
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            _clean_record(kind, data)
            rec = CaseRecord(case_id=c.id, kind=kind)
            _apply_record(rec, data)
            s.add(rec)
            if c.recorder_id is None:  # 记录人 asked for where it is needed: it becomes the case's (issue 11)
                c.recorder_id = _member_named(s, data.recorder, c)
            if kind is RecordKind.investigation and c.status == CaseStatus.accepted:
                c.status = CaseStatus.investigating
            if kind is RecordKind.session and c.status in (CaseStatus.accepted, CaseStatus.investigating):
                c.status = CaseStatus.mediating
            s.flush()
            return rec.id

    def update_record(self, record_id: int, data: RecordInput) -> None:
        with self.ctx.write() as s:
            rec = s.get(CaseRecord, record_id)
            if rec is None:
                raise NotFound("该记录不存在或已被删除")
            self._get_for_write(s, rec.case_id)
            _clean_record(RecordKind(rec.kind), data)
            _apply_record(rec, data)

    def delete_record(self, record_id: int) -> None:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            rec = s.get(CaseRecord, record_id)
            if rec is None:
                raise NotFound("该记录不存在或已被删除")
            self._get_for_write(s, rec.case_id)
            s.delete(rec)

    def record_agreement(self, case_id: int, data: AgreementInput, today: date | None = None) -> None:
        """达成协议: the written agreement (协议书) or the oral one (口头协议); correctable until performed."""
        today = today or clock.today()
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            if c.status != CaseStatus.agreed:
                self._require_move(c, CaseStatus.agreed)
            errors = FormErrors()
            terms = [t.strip() for t in data.terms if t.strip()]
            if not terms:
                errors.add("terms", "请至少写一条协议内容")
            if any(len(t) > 2000 for t in terms):
                errors.add("terms", "每条协议内容不能超过2000字")
            if data.agreed_on > today + FUTURE_SLACK:
                errors.add("agreed_on", "协议日期不能晚于今天")
            if data.agreed_on < c.accepted_on:
                errors.add("agreed_on", "协议日期不能早于受理日期")
            if data.performance_deadline and data.performance_deadline < data.agreed_on:
                errors.add("performance_deadline", "履行期限不能早于协议日期")
            if not data.performed_on_the_spot and not data.performance_method.strip():
                errors.add("performance_method", "请写明履行方式（或勾选“当场履行”）")
            if data.oral and c.kind == CaseKind.public_order:
                errors.add("oral", "治安调解应制作治安调解协议书，不能只作口头协议")
            expected = default_copies(CaseKind(c.kind), len(c.parties))
            if c.kind == CaseKind.public_order:
                copies = expected
            else:
                copies = data.copies or expected
                if not data.oral and copies < len(c.parties) + 1:
                    errors.add(
                        "copies", f"协议书至少一式{len(c.parties) + 1}份（当事人各一份，调解委员会留存一份）"
                    )
                if copies > 20:
                    errors.add("copies", "份数不能超过20份")
            errors.raise_if_any()
            c.agreement_kind = AgreementKind.oral if data.oral else AgreementKind.written
            c.agreed_on = data.agreed_on
            c.terms = "\n".join(terms)
            c.performance_method = data.performance_method.strip()
            c.performance_deadline = data.performance_deadline
            c.copies = None if data.oral else copies
            c.performed_on_the_spot = data.performed_on_the_spot
            c.visit_due = visit_due(data.agreed_on, data.performance_deadline)
            c.status = CaseStatus.agreed
            if data.performed_on_the_spot:
                c.performed_on = data.agreed_on
                c.status = CaseStatus.performed
                if not c.performances:
                    c.performances.append(Performance(on=data.agreed_on, content="协议当场履行完毕"))

    def fail(
        self, case_id: int, on: date, reason: str, other_way: OtherWay | None, today: date | None = None
    ) -> None:
        """调解不成: end the mediation and record which other way the parties were told of."""
        today = today or clock.today()
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            self._require_move(c, CaseStatus.failed)
            errors = FormErrors()
            if not reason.strip():
                errors.add("failed_reason", "请写明调解不成的原因")
            if other_way is None:
                errors.add("other_way", "请选择已告知当事人的其他解决途径")
            if on < c.accepted_on or on > today + FUTURE_SLACK:
                errors.add("failed_on", "终止日期应在受理日期和今天之间")
            errors.raise_if_any()
            c.failed_on, c.failed_reason, c.other_way = on, reason.strip(), OtherWay(other_way)
            c.status = CaseStatus.failed

    def add_performance(
        self, case_id: int, on: date, content: str, proof: str = "", *, completed: bool = False
    ) -> int:
        """A performance entry (履行情况); ``completed`` marks the agreement fully performed."""
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            if c.status not in (CaseStatus.agreed, CaseStatus.performed, CaseStatus.visited):
                raise ValidationError("status", "达成协议后才能登记履行情况")
            if not content.strip():
                raise ValidationError("content", "请填写履行内容")
            if c.agreed_on and on < c.agreed_on:
                raise ValidationError("on", "履行日期不能早于协议日期")
            p = Performance(case_id=c.id, on=on, content=content.strip(), proof=proof.strip())
            s.add(p)
            if completed and c.status == CaseStatus.agreed:
                c.status, c.performed_on = CaseStatus.performed, on
            s.flush()
            return p.id

    def add_visit(self, case_id: int, data: VisitInput, today: date | None = None) -> int:
        """回访: a visit after the agreement; once performed, the case is then ready to archive."""
        today = today or clock.today()
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            if c.status not in (CaseStatus.agreed, CaseStatus.performed, CaseStatus.visited):
                raise ValidationError("status", "达成协议后才能回访")
            errors = FormErrors()
            if data.visited_on > today + FUTURE_SLACK:
                errors.add("visited_on", "回访时间不能晚于今天")
            if c.agreed_on and data.visited_on < c.agreed_on:
                errors.add("visited_on", "回访时间不能早于协议日期")
            if data.visitor_id is None or s.get(TeamMember, data.visitor_id) is None:
                errors.add("visitor_id", "请选择回访人")
            if not (data.performance.strip() or data.notes.strip()):
                errors.add("performance", "请填写回访情况（协议履行情况、满意度、有无新矛盾）")
            errors.raise_if_any()
            v = CaseVisit(
                case_id=c.id, visited_on=data.visited_on, visitor_id=data.visitor_id, method=data.method.strip(),
                reason=data.reason.strip(), parties="、".join(p.name for p in c.parties),
                performance=data.performance.strip(), satisfaction=data.satisfaction.strip(),
                new_conflict=data.new_conflict, notes=data.notes.strip(),
            )  # fmt: skip
            s.add(v)
            if c.status == CaseStatus.performed:
                c.status = CaseStatus.visited
            s.flush()
            return v.id

    def record_confirmation(self, case_id: int, applied_on: date, court: str, result: str = "") -> None:
        """司法确认: the parties' joint application to a court, within 30 days of the agreement."""
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            if c.kind != CaseKind.people or c.agreement_kind != AgreementKind.written or c.agreed_on is None:
                raise ValidationError("confirmation", "只有书面人民调解协议可以申请司法确认")
            last = confirmation_last_day(c.agreed_on)
            if applied_on < c.agreed_on:
                raise ValidationError("confirmation_applied_on", "申请日期不能早于协议日期")
            if applied_on > last:
                raise ValidationError(
                    "confirmation_applied_on", f"已超过申请司法确认的期限（最后一日为{chinese_date(last)}）"
                )
            if not court.strip():
                raise ValidationError("confirmation_court", "请填写受理法院")
            c.confirmation_applied_on, c.confirmation_court = applied_on, court.strip()
            c.confirmation_result = result.strip()

    def archive(
        self, case_id: int, on: date, filed_by_id: int | None, retention: str = "长期", remarks: str = ""
    ) -> None:
        """结案归档: close the case and record the case file's cover details."""
        with self.ctx.write() as s:
            c = self._get_for_write(s, case_id)
            self._require_move(c, CaseStatus.archived)
            errors = FormErrors()
            if filed_by_id is None or s.get(TeamMember, filed_by_id) is None:
                errors.add("filed_by_id", "请选择立卷人")
            if retention not in ("永久", "长期", "短期"):
                errors.add("retention", "保管期限应为永久、长期或短期")
            last = max(filter(None, (c.accepted_on, c.agreed_on, c.failed_on)))
            if on < last:
                errors.add("archived_on", f"立卷日期不能早于{chinese_date(last)}")
            errors.raise_if_any()
            c.archived_on, c.filed_by_id, c.retention, c.file_remarks = (
                on,
                filed_by_id,
                retention,
                remarks.strip(),
            )
            c.status = CaseStatus.archived
            for e in s.query(DisputeEntry).filter(DisputeEntry.case_id == c.id):
                if e.status in (DisputeStatus.unresolved, DisputeStatus.in_progress):
                    e.status = DisputeStatus.resolved if c.agreed_on else DisputeStatus.transferred
                    e.resolved_on = on if c.agreed_on else None
                    if not c.agreed_on:
                        e.transferred_to = (
                            e.transferred_to or f"告知当事人通过{OTHER_WAY_LABELS[OtherWay(c.other_way)]}解决"
                        )

    # -- helpers ---------------------------------------------------------------------------
    def _get_for_write(self, s: Session, case_id: int) -> MediationCase:
        c = s.get(MediationCase, case_id)
        if c is None:
            raise NotFound("该调解案件不存在或已被删除")
        if c.kind == CaseKind.public_order and self.ctx.actor.role != AccountRole.officer:
            raise PermissionDenied("治安调解案件只能由社区民警办理")
        require_case_visible(s, self.ctx.actor, case_id)
        if c.status == CaseStatus.archived:
            raise ValidationError("status", "案件已结案归档，不能再修改")
        return c

    @staticmethod
    def _require_move(c: MediationCase, target: CaseStatus) -> None:
        reason = check_move(CaseStatus(c.status), target)
        if reason:
            raise ValidationError("status", reason)


def _apply(s: Session, c: MediationCase, d: CaseInput) -> None:
    for key in ("source", "dispute_type", "accepted_on", "facts", "issues", "claims", "responsibility", "title",
                "amount", "recorder_id", "registrar_id"):  # fmt: skip
        setattr(c, key, getattr(d, key))
    c.mediators = [s.get(TeamMember, m) for m in d.mediator_ids]
    old = {(p.resident_id, p.name): p for p in c.parties}
    c.parties = []
    for i, p in enumerate(d.parties):
        party = old.pop((p.resident_id, p.name), None) or CaseParty(name=p.name, role=p.role)
        party.position = i
        for key in ("role", "resident_id", "name", "gender", "ethnicity", "id_number", "birth_date", "age",
                    "occupation", "phone", "address"):  # fmt: skip
            setattr(party, key, getattr(p, key))
        c.parties.append(party)


def _clean_record(kind: RecordKind, d: RecordInput) -> None:
    errors = FormErrors()
    for key in ("place", "subject", "parties_present", "participants", "interviewee", "investigator", "recorder",
                "content", "result"):  # fmt: skip
        setattr(d, key, getattr(d, key).strip())
    if d.at > clock.now() + timedelta(days=60):
        errors.add("at", "时间不能晚于两个月后")
    if not d.content:
        errors.add("content", "请填写记录内容")
    if kind is RecordKind.investigation and not d.interviewee:
        errors.add("interviewee", "请填写被调查人")
    if kind is RecordKind.session and not d.subject:
        errors.add("subject", "请填写事由")
    if not d.recorder:
        errors.add("recorder", "请填写记录人")
    for key, limit in (("place", 200), ("subject", 200), ("parties_present", 200), ("participants", 200)):
        if len(getattr(d, key)) > limit:
            errors.add(key, f"不能超过{limit}个字")
    errors.raise_if_any()


def _member_named(s: Session, name: str, c: MediationCase) -> int | None:
    """The one active team member called ``name``, unless a mediator of the case (None otherwise)."""
    ids = s.scalars(select(TeamMember.id).where(TeamMember.name == name, TeamMember.active.is_(True))).all()
    return ids[0] if len(ids) == 1 and ids[0] not in {m.id for m in c.mediators} else None


def _apply_record(rec: CaseRecord, d: RecordInput) -> None:
    for key in ("at", "place", "subject", "parties_present", "participants", "interviewee", "investigator",
                "recorder", "content", "result"):  # fmt: skip
        setattr(rec, key, getattr(d, key))
