"""The dispute screening ledger (矛盾纠纷排查台账): entries, their parties, and turning one into a case."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, ValidationError
from policeroom.models import (
    DisputeEntry,
    DisputeParty,
    DisputeStatus,
    Grid,
    MediationCase,
    Risk,
    Setting,
    TeamMember,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import contains, next_value, search_terms
from policeroom.services.mediation.parties import clean_parties
from policeroom.services.mediation.types import (
    DEFAULT_DISPUTE_TYPES,
    DISPUTE_TYPES_KEY,
    DisputeDetail,
    DisputeFilter,
    DisputeInput,
    DisputeRow,
    PartyInput,
)

#: Statuses in which an entry still needs work (its deadline counts).
OPEN_DISPUTE_STATUSES = (DisputeStatus.unresolved, DisputeStatus.in_progress)

SORT_KEYS = {
    "number": DisputeEntry.id,
    "screened_on": DisputeEntry.screened_on,
    "dispute_type": DisputeEntry.dispute_type,
    "people_count": DisputeEntry.people_count,
    "risk": DisputeEntry.risk,
    "deadline": DisputeEntry.deadline,
    "status": DisputeEntry.status,
}


def entry_number(year: int, seq: int) -> str:
    return f"JF{year}-{seq:04d}"


def load_dispute_types(s: Session) -> list[str]:
    row = s.get(Setting, DISPUTE_TYPES_KEY)
    if row is not None and row.value:
        try:
            types = [str(t) for t in json.loads(row.value) if str(t).strip()]
        except (ValueError, TypeError):
            types = []
        if types:
            return types
    return list(DEFAULT_DISPUTE_TYPES)


class DisputeService:
    """Screening ledger entries (矛盾纠纷排查台账)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- configuration --------------------------------------------------------------------
    def dispute_types(self) -> list[str]:
        with self.ctx.read() as s:
            return load_dispute_types(s)

    def save_dispute_types(self, types: list[str]) -> list[str]:
        self.ctx.actor.require(Perm.edit_settings)
        clean = [t.strip() for t in types if t.strip()]
        if not clean:
            raise ValidationError("dispute_types", "至少保留一个纠纷类型")
        if len(set(clean)) != len(clean):
            raise ValidationError("dispute_types", "纠纷类型不能重复")
        if any(len(t) > 30 for t in clean):
            raise ValidationError("dispute_types", "纠纷类型名称不能超过30个字")
        with self.ctx.write() as s:
            value = json.dumps(clean, ensure_ascii=False)
            row = s.get(Setting, DISPUTE_TYPES_KEY)
            if row is None:
                s.add(Setting(key=DISPUTE_TYPES_KEY, value=value))
            else:
                row.value = value
        return clean

    # -- writing --------------------------------------------------------------------------
    def _clean(self, s: Session, d: DisputeInput, today: date, kept: frozenset[int] = frozenset()) -> DisputeInput:
        errors = FormErrors()
        if d.screened_on > today:
            errors.add("screened_on", "排查日期不能晚于今天")
        if d.occurred_at and d.occurred_at.date() > d.screened_on:
            errors.add("occurred_at", "发生时间不能晚于排查日期")
        if not d.dispute_type:
            errors.add("dispute_type", "请选择纠纷类型")
        elif d.dispute_type not in load_dispute_types(s):
            errors.add("dispute_type", "请从列表中选择纠纷类型（类型可在设置中修改）")
        try:
            d.risk = Risk(d.risk)
        except ValueError:
            errors.add("risk", "请选择风险等级")
        try:
            d.status = DisputeStatus(d.status)
        except ValueError:
            errors.add("status", "请选择化解状态")
        d.summary = d.summary.strip()
        if not d.summary:
            errors.add("summary", "请填写纠纷简要情况")
        if not 1 <= d.people_count <= 100000:
            errors.add("people_count", "涉及人数应在1到100000之间")
        if d.deadline and d.deadline < d.screened_on:
            errors.add("deadline", "化解时限不能早于排查日期")
        if (
            d.resolved_on is not None
            and d.status == DisputeStatus.resolved
            and not (d.screened_on <= d.resolved_on <= today)
        ):
            errors.add("resolved_on", "化解日期应在排查日期和今天之间")
        if d.status == DisputeStatus.transferred and not d.transferred_to.strip():
            errors.add("transferred_to", "已移交的纠纷请填写移交单位")
        for key in ("screener_id", "owner_id"):
            member_id = getattr(d, key)
            if member_id is not None and s.get(TeamMember, member_id) is None:
                errors.add(key, "所选人员不存在")
        if d.grid_id is not None and s.get(Grid, d.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        if self.ctx.actor.limited_to_grids and d.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的纠纷")
        for key, limit in (("location", 200), ("transferred_to", 60)):
            setattr(d, key, getattr(d, key).strip())
            if len(getattr(d, key)) > limit:
                errors.add(key, f"不能超过{limit}个字")
        d.parties = clean_parties(s, d.parties, errors, minimum=1, full=False, actor=self.ctx.actor, kept=kept)
        if d.parties and d.people_count < len(d.parties):
            errors.add("people_count", f"涉及人数不能少于所列当事人（{len(d.parties)}人）")
        errors.raise_if_any()
        return d

    def create(self, data: DisputeInput, today: date | None = None) -> int:
        today = today or clock.today()
        with self.ctx.write() as s:
            return self.create_in(s, data, today).id

    def check(self, s: Session, data: DisputeInput, today: date) -> DisputeInput:
        """Validate an entry without saving it (raises FormErrors); the Excel import checks rows with it."""
        return self._clean(s, data, today)

    def create_in(self, s: Session, data: DisputeInput, today: date) -> DisputeEntry:
        """Add an entry inside the caller's transaction (the Excel import adds all its rows in one)."""
        d = self._clean(s, data, today)
        year = d.screened_on.year
        seq = next_value(s, f"JF{year}")
        e = DisputeEntry(number=entry_number(year, seq), year=year, seq=seq)
        _apply(e, d, today)
        s.add(e)
        s.flush()
        return e

    def update(self, entry_id: int, data: DisputeInput, today: date | None = None) -> None:
        today = today or clock.today()
        with self.ctx.write() as s:
            e = self._get_for_write(s, entry_id)
            d = self._clean(s, data, today, kept=frozenset(p.resident_id for p in e.parties if p.resident_id))
            if d.screened_on.year != e.year:
                raise ValidationError("screened_on", "排查日期不能改到另一年（编号按年编排）")
            _apply(e, d, today)

    def set_status(
        self, entry_id: int, status: DisputeStatus, transferred_to: str = "", today: date | None = None
    ) -> None:
        """Quick status change from the list (化解中 / 已化解 / 已移交)."""
        today = today or clock.today()
        status = DisputeStatus(status)
        with self.ctx.write() as s:
            e = self._get_for_write(s, entry_id)
            if status == DisputeStatus.transferred:
                if not transferred_to.strip():
                    raise ValidationError("transferred_to", "已移交的纠纷请填写移交单位")
                e.transferred_to = transferred_to.strip()
            e.status = status
            e.resolved_on = today if status == DisputeStatus.resolved else None

    def delete(self, entry_id: int) -> None:
        """Remove an entry typed by mistake (officer only); one linked to a case is kept."""
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            e = self._get_for_write(s, entry_id)
            if e.case_id is not None:
                raise ValidationError("case", "该纠纷已转为调解案件，不能删除")
            s.delete(e)

    def _get_for_write(self, s: Session, entry_id: int) -> DisputeEntry:
        e = s.get(DisputeEntry, entry_id)
        if e is None:
            raise NotFound("该纠纷记录不存在或已被删除")
        if self.ctx.actor.limited_to_grids:
            self.ctx.actor.require_grid(e.grid_id)
        return e

    # -- reading --------------------------------------------------------------------------
    def _filtered(self, f: DisputeFilter, today: date) -> Select:
        stmt = select(DisputeEntry.id)
        for term in search_terms(f.query):
            in_parties = select(DisputeParty.entry_id).where(
                or_(contains(DisputeParty.name, term), contains(DisputeParty.phone, term))
            )
            stmt = stmt.where(
                or_(
                    contains(DisputeEntry.number, term),
                    contains(DisputeEntry.summary, term),
                    contains(DisputeEntry.demands, term),
                    contains(DisputeEntry.location, term),
                    contains(DisputeEntry.dispute_type, term),
                    DisputeEntry.id.in_(in_parties),
                )
            )
        if f.statuses:
            stmt = stmt.where(DisputeEntry.status.in_(f.statuses))
        if f.risk:
            stmt = stmt.where(DisputeEntry.risk == f.risk)
        if f.dispute_type:
            stmt = stmt.where(DisputeEntry.dispute_type == f.dispute_type)
        if f.grid_id:
            stmt = stmt.where(DisputeEntry.grid_id == f.grid_id)
        if f.date_from:
            stmt = stmt.where(DisputeEntry.screened_on >= f.date_from)
        if f.date_to:
            stmt = stmt.where(DisputeEntry.screened_on <= f.date_to)
        if f.overdue_only:
            stmt = stmt.where(DisputeEntry.deadline < today, DisputeEntry.status.in_(OPEN_DISPUTE_STATUSES))
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(DisputeEntry.grid_id.in_(self.ctx.actor.grid_ids))
        return stmt

    def rows(
        self, f: DisputeFilter = DisputeFilter(), *, sort: str = "number", descending: bool = True,  # noqa: B008
        today: date | None = None,
    ) -> list[DisputeRow]:  # fmt: skip
        """The ledger as listed: red first when sorting by risk, newest first by default."""
        today = today or clock.today()
        key = SORT_KEYS.get(sort, DisputeEntry.id)
        if key is DisputeEntry.risk:  # colours sort by severity, not alphabetically
            from sqlalchemy import case

            key = case({r.value: i for i, r in enumerate(Risk)}, value=DisputeEntry.risk)
        order = (key.desc(), DisputeEntry.id.desc()) if descending else (key.asc(), DisputeEntry.id.asc())
        with self.ctx.read() as s:
            ids = select(DisputeEntry.id).where(DisputeEntry.id.in_(self._filtered(f, today)))
            stmt = (
                select(DisputeEntry)
                .where(DisputeEntry.id.in_(ids))
                .options(
                    selectinload(DisputeEntry.parties),
                    selectinload(DisputeEntry.grid),
                    selectinload(DisputeEntry.owner),
                    selectinload(DisputeEntry.case),
                )
                .order_by(*order)
            )
            return [_row(e, today) for e in s.scalars(stmt)]

    def get(self, entry_id: int) -> DisputeDetail:
        with self.ctx.read() as s:
            e = s.get(DisputeEntry, entry_id)
            if e is None:
                raise NotFound("该纠纷记录不存在或已被删除")
            if self.ctx.actor.limited_to_grids:
                self.ctx.actor.require_grid(e.grid_id)
            return DisputeDetail(
                id=e.id, number=e.number, data=_input(e), case_id=e.case_id,
                case_number=e.case.number if e.case else "", resolved_on=e.resolved_on,
            )  # fmt: skip

    def link_case(self, s: Session, entry_id: int, case: MediationCase) -> DisputeEntry:
        """Link an entry to the case made from it (inside the case's transaction)."""
        e = self._get_for_write(s, entry_id)
        if e.case_id is not None:
            raise ValidationError("entry", "该纠纷已转为调解案件，不能再次转案")
        e.case = case
        if e.status == DisputeStatus.unresolved:
            e.status = DisputeStatus.in_progress
        return e


def _apply(e: DisputeEntry, d: DisputeInput, today: date) -> None:
    for key in (
        "screened_on", "grid_id", "screener_id", "occurred_at", "location", "dispute_type", "people_count",
        "summary", "demands", "risk", "owner_id", "measures", "deadline", "status", "transferred_to",
        "stabilizing", "revisit_notes", "notes",
    ):  # fmt: skip
        value = getattr(d, key)
        setattr(e, key, value.strip() if isinstance(value, str) and key not in ("risk", "status") else value)
    if d.status == DisputeStatus.resolved:
        e.resolved_on = d.resolved_on or e.resolved_on or today
    else:
        e.resolved_on = None
    old = {(p.resident_id, p.name): p for p in e.parties}
    e.parties = []
    for i, p in enumerate(d.parties):
        party = old.pop((p.resident_id, p.name), None) or DisputeParty(name=p.name)
        party.position, party.resident_id, party.name, party.phone = i, p.resident_id, p.name, p.phone
        e.parties.append(party)


def _input(e: DisputeEntry) -> DisputeInput:
    return DisputeInput(
        screened_on=e.screened_on, dispute_type=e.dispute_type, risk=Risk(e.risk), summary=e.summary,
        grid_id=e.grid_id, screener_id=e.screener_id, occurred_at=e.occurred_at, location=e.location,
        people_count=e.people_count, demands=e.demands, owner_id=e.owner_id, measures=e.measures,
        deadline=e.deadline, status=DisputeStatus(e.status), transferred_to=e.transferred_to,
        resolved_on=e.resolved_on,
        stabilizing=e.stabilizing, revisit_notes=e.revisit_notes, notes=e.notes,
        parties=[PartyInput(name=p.name, resident_id=p.resident_id, phone=p.phone) for p in e.parties],
    )  # fmt: skip


def _row(e: DisputeEntry, today: date) -> DisputeRow:
    overdue = bool(e.deadline and e.deadline < today and e.status in OPEN_DISPUTE_STATUSES)
    return DisputeRow(
        id=e.id, number=e.number, screened_on=e.screened_on,
        grid=f"{e.grid.code} {e.grid.name}" if e.grid else "", dispute_type=e.dispute_type,
        parties="、".join(p.name for p in e.parties), people_count=e.people_count, summary=e.summary,
        risk=Risk(e.risk), owner=e.owner.name if e.owner else "", deadline=e.deadline,
        status=DisputeStatus(e.status), case_number=e.case.number if e.case else "", overdue=overdue,
        resolved_on=e.resolved_on,
    )  # fmt: skip
