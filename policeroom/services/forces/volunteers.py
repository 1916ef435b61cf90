"""The volunteer registry (平安志愿者): one volunteer per resident, numbered ZY2026-0001.

Grid workers register and edit volunteers of their own grids and see only those; the officer and the
staff see and edit all. Every write goes through the history (修改记录) by the session hook.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, ValidationError
from policeroom.models import (
    AVAILABILITY,
    GENDER_LABELS,
    VOLUNTEER_ROLES,
    Grid,
    PartnerUnit,
    Resident,
    Volunteer,
    VolunteerStatus,
    VolunteerTeam,
    volunteer_team_member,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.dates import age_on
from policeroom.services.core.records import all_terms, contains, name_match, next_value
from policeroom.services.core.scope import LINK_REFUSED
from policeroom.services.core.validators import mask_id_number
from policeroom.services.forces.checks import ordered, validate_volunteer
from policeroom.services.forces.types import (
    INSURANCE_WARNING_DAYS,
    ConfirmedHours,
    InactiveVolunteer,
    Standing,
    VolunteerDetail,
    VolunteerFilter,
    VolunteerInput,
    VolunteerRow,
    no_hours_recorded,
    no_standing,
)

SORT_KEYS = {
    "number": Volunteer.number,
    "name": Resident.name_pinyin,
    "grid": Grid.code,
    "status": Volunteer.status,
    "joined_on": Volunteer.joined_on,
    "insurance_until": Volunteer.insurance_until,
}


def volunteer_number(year: int, seq: int) -> str:
    """``ZY2026-0001``: one running number per year (the house counter, taken in the saving transaction)."""
    return f"ZY{year}-{seq:04d}"


def _term(t: str):  # noqa: ANN202 - SQL clause
    clauses = [name_match(Resident, t), contains(Volunteer.number, t.upper())]
    if t.isdigit() and len(t) >= 3:
        clauses.append(contains(func.replace(Resident.phone, "-", ""), t))
    return or_(*clauses)


class VolunteerService:
    """Register, find and keep the volunteers.

    Args:
        confirmed_hours: the seam to the hours ledger, ``(ids, year) -> hours``; used by the year-end list.
    """

    def __init__(self, ctx: ServiceContext, confirmed_hours: ConfirmedHours = no_hours_recorded,
                 standing: Standing = no_standing) -> None:  # fmt: skip
        self.ctx = ctx
        self.confirmed_hours = confirmed_hours
        self.standing = standing

    # -- reading ---------------------------------------------------------------------------
    def _filtered(self, f: VolunteerFilter, sort: str = "number") -> Select:
        # joins only when the search or the sort needs them: the plain list is one index walk
        stmt = select(Volunteer.id)
        if f.query.strip() or sort == "name":
            stmt = stmt.join(Resident, Volunteer.resident_id == Resident.id).where(all_terms(f.query, _term))
        if sort == "grid":
            stmt = stmt.outerjoin(Grid, Volunteer.grid_id == Grid.id)
        if f.team_id is not None:
            stmt = stmt.where(
                exists().where(
                    volunteer_team_member.c.volunteer_id == Volunteer.id, volunteer_team_member.c.team_id == f.team_id
                )
            )
        if f.role:
            stmt = stmt.where(contains(Volunteer.roles, f.role))
        if f.status is not None:
            stmt = stmt.where(Volunteer.status == f.status)
        if f.grid_id is not None:
            stmt = stmt.where(Volunteer.grid_id == f.grid_id)
        if f.auxiliary is not None:
            stmt = stmt.where(Volunteer.auxiliary.is_(f.auxiliary))
        today = clock.today()
        if f.insurance == "expiring":
            stmt = stmt.where(
                Volunteer.insurance_until >= today,
                Volunteer.insurance_until <= today + timedelta(days=INSURANCE_WARNING_DAYS),
            )
        elif f.insurance == "expired":
            stmt = stmt.where(Volunteer.insurance_until < today)
        elif f.insurance == "none":
            stmt = stmt.where(Volunteer.insurance_until.is_(None))
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(Volunteer.grid_id.in_(self.ctx.actor.grid_ids))
        return stmt

    def search_ids(self, f: VolunteerFilter = VolunteerFilter(), sort: str = "number", descending: bool = False) -> list[int]:  # noqa: B008
        """Ids of the matching volunteers in display order; rows are fetched a screenful at a time."""
        sort = sort if sort in SORT_KEYS else "number"
        key = SORT_KEYS[sort]
        order = key.desc() if descending else key.asc()
        stmt = self._filtered(f, sort).order_by(order, Volunteer.id)
        with self.ctx.read() as s:  # plain ints through the connection: no ORM rows for 10,000 ids
            return [i for (i,) in s.connection().execute(stmt)]

    def count(self, f: VolunteerFilter = VolunteerFilter()) -> int:  # noqa: B008
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).select_from(self._filtered(f).subquery())) or 0

    def rows(self, ids: list[int]) -> list[VolunteerRow]:
        """Rows for these ids, in the same order (identity numbers masked: lists are seen over shoulders)."""
        today = clock.today()
        cols = (
            Volunteer.id, Volunteer.number, Resident.name, Resident.gender, Resident.birth_date, Resident.phone,
            Grid.code, Grid.name, Volunteer.roles, Volunteer.status, Volunteer.joined_on, Volunteer.insurance_until,
            Volunteer.auxiliary, PartnerUnit.name, Resident.id_number,
        )  # fmt: skip
        stmt = (
            select(*cols)
            .join(Resident, Volunteer.resident_id == Resident.id)
            .outerjoin(Grid, Volunteer.grid_id == Grid.id)
            .outerjoin(PartnerUnit, Volunteer.partner_unit_id == PartnerUnit.id)
            .where(Volunteer.id.in_(ids))
        )
        if self.ctx.actor.limited_to_grids:  # ids of another grid's volunteers are dropped
            stmt = stmt.where(Volunteer.grid_id.in_(self.ctx.actor.grid_ids))
        with self.ctx.read() as s:
            found = {r[0]: r for r in s.execute(stmt)}
            teams: dict[int, list[str]] = {}
            for vid, name in s.execute(
                select(volunteer_team_member.c.volunteer_id, VolunteerTeam.name)
                .join(VolunteerTeam, VolunteerTeam.id == volunteer_team_member.c.team_id)
                .where(volunteer_team_member.c.volunteer_id.in_(ids))
                .order_by(VolunteerTeam.name)
            ):
                teams.setdefault(vid, []).append(name)
        standing = self.standing([i for i in ids if i in found])
        out = []
        for i in ids:
            if i not in found:
                continue
            hours, points, star = standing.get(i, (0.0, 0.0, ""))
            (vid, number, name, gender, birth, phone, gcode, gname, roles, status, joined, until, aux, pname,
             id_number) = found[i]  # fmt: skip
            out.append(VolunteerRow(
                id=vid, number=number, name=name, gender=GENDER_LABELS.get(gender or "", ""), age=age_on(birth, today),
                phone=phone or "", grid=f"{gcode} {gname}" if gcode else "", teams="、".join(teams.get(i, [])),
                roles=roles, status=status, joined_on=joined, insurance_until=until, auxiliary=aux,
                partner_unit=pname or "", id_number=mask_id_number(id_number) if id_number else "",
                hours=hours, points=points, star=star,
            ))  # fmt: skip
        return out

    def _load(self, s: Session, volunteer_id: int) -> Volunteer:
        v = s.get(Volunteer, volunteer_id)
        if v is None:
            raise NotFound("该志愿者不存在")
        if self.ctx.actor.limited_to_grids:
            self.ctx.actor.require_grid(v.grid_id)
        return v

    def get(self, volunteer_id: int) -> VolunteerDetail:
        from policeroom.services.forces.career import detail_of

        with self.ctx.read() as s:
            return detail_of(s, self._load(s, volunteer_id))

    def id_by_number(self, number: str) -> int:
        with self.ctx.read() as s:
            v = s.scalar(select(Volunteer).where(Volunteer.number == number.strip().upper()))
            if v is None:
                raise NotFound(f"没有编号为 {number} 的志愿者")
            if self.ctx.actor.limited_to_grids:
                self.ctx.actor.require_grid(v.grid_id)
            return v.id

    def of_resident(self, resident_id: int) -> int | None:
        """The volunteer record of a resident, if they are one (for grid workers: one of their grids)."""
        stmt = select(Volunteer.id).where(Volunteer.resident_id == resident_id)
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(Volunteer.grid_id.in_(self.ctx.actor.grid_ids))
        with self.ctx.read() as s:
            return s.scalar(stmt)

    # -- writing ---------------------------------------------------------------------------
    def _check(self, s: Session, data: VolunteerInput, volunteer_id: int | None) -> None:
        errors = validate_volunteer(s, data, volunteer_id)
        if data.grid_id is None and data.resident_id is not None and "resident_id" not in errors.errors:
            data.grid_id = s.scalar(select(Resident.grid_id).where(Resident.id == data.resident_id))
        actor = self.ctx.actor
        if actor.limited_to_grids and data.grid_id not in actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的志愿者")
        if actor.limited_to_grids and data.resident_id is not None and "resident_id" not in errors.errors:
            # a person newly linked (not the record's own) must be a resident of the worker's grids
            current = s.scalar(select(Volunteer.resident_id).where(Volunteer.id == volunteer_id)) if volunteer_id else None
            if data.resident_id != current and not actor.sees_grid(
                s.scalar(select(Resident.grid_id).where(Resident.id == data.resident_id))
            ):
                errors.add("resident_id", LINK_REFUSED)
        if data.resident_id is not None and "resident_id" not in errors.errors:
            other = s.scalar(
                select(Volunteer).where(Volunteer.resident_id == data.resident_id, Volunteer.id != (volunteer_id or 0))
            )
            if other is not None:
                errors.add("resident_id", f"该居民已登记为志愿者（{other.number}），一人只登记一次")
        errors.raise_if_any()

    def create(self, data: VolunteerInput) -> int:
        """Register a volunteer; the number is taken inside the saving transaction (no gaps, no doubles)."""
        with self.ctx.write() as s:
            self._check(s, data, None)
            return self.create_within(s, data)

    def create_within(self, s: Session, data: VolunteerInput) -> int:
        """Register inside an open transaction (also the ledger import's)."""
        self._check(s, data, None)
        year = clock.today().year  # numbered by the year of registration, like every yearly number
        seq = next_value(s, f"ZY{year}")
        v = Volunteer(number=volunteer_number(year, seq), year=year, seq=seq, status=VolunteerStatus.active)
        _apply(s, v, data)
        s.add(v)
        s.flush()
        return v.id

    def update(self, volunteer_id: int, data: VolunteerInput) -> None:
        with self.ctx.write() as s:
            v = self._load(s, volunteer_id)
            self._check(s, data, volunteer_id)
            _apply(s, v, data)

    def set_status(self, volunteer_id: int, status: VolunteerStatus, reason: str, on: date | None = None) -> None:
        """在册 / 暂停 / 注销; suspending or cancelling needs a reason (kept with the status)."""
        from policeroom.services.core.text import check_text

        reason = check_text(reason, "原因", 200, field="status_reason", multiline=False)
        if status != VolunteerStatus.active and not reason:
            raise ValidationError("status_reason", f"请填写{status.label}的原因")
        on = on or clock.today()
        if on > clock.today():
            raise ValidationError("status_on", "日期不能晚于今天")
        with self.ctx.write() as s:
            v = self._load(s, volunteer_id)
            if v.status == status:
                raise ValidationError("status", f"该志愿者已是“{status.label}”状态")
            v.status, v.status_reason, v.status_on = status, reason, on

    def delete(self, volunteer_id: int) -> str:
        """Delete a volunteer registered by mistake (officer); one others refer to is cancelled instead."""
        from policeroom.services.core.records import references_to

        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            v = self._load(s, volunteer_id)
            if references_to(s, v) or v.teams:
                if v.status != VolunteerStatus.cancelled:
                    v.status, v.status_reason, v.status_on = VolunteerStatus.cancelled, "删除（已被引用）", clock.today()
                return "archived"
            s.delete(v)
            return "deleted"

    # -- the year-end list -------------------------------------------------------------------
    def without_hours(self, year: int, as_of: date | None = None) -> list[InactiveVolunteer]:
        """Registered (在册) volunteers with no confirmed hours in ``year``, for the yearly evaluation.

        Volunteers who joined less than six months before ``as_of`` (default 31 December of the year)
        are left out: they have not had a fair chance yet. Hours come from ``confirmed_hours``.
        """
        as_of = as_of or date(year, 12, 31)
        cutoff = _months_before(as_of, 6)
        f = VolunteerFilter(status=VolunteerStatus.active)
        with self.ctx.read() as s:
            ids = list(s.scalars(self._filtered(f).where(Volunteer.joined_on <= cutoff).order_by(Volunteer.number)))
        hours = self.confirmed_hours(ids, year) if ids else {}
        quiet = [i for i in ids if (hours.get(i) or 0) <= 0]
        rows = {r.id: r for start in range(0, len(quiet), 500) for r in self.rows(quiet[start : start + 500])}
        return [
            InactiveVolunteer(i, rows[i].number, rows[i].name, rows[i].teams, rows[i].joined_on, float(hours.get(i) or 0))
            for i in quiet
            if i in rows
        ]

    def insurance_expiring(self) -> int:
        """How many registered volunteers' insurance runs out within 30 days (the 工作台's count)."""
        return self.count(VolunteerFilter(status=VolunteerStatus.active, insurance="expiring"))


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    import calendar

    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _apply(s: Session, v: Volunteer, data: VolunteerInput) -> None:
    v.resident_id = data.resident_id  # type: ignore[assignment]
    v.grid_id = data.grid_id
    v.roles = ordered(data.roles, VOLUNTEER_ROLES)
    v.availability = ordered(data.availability, AVAILABILITY)
    v.skills = data.skills
    v.joined_on = data.joined_on  # type: ignore[assignment]
    v.insurance_policy, v.insurer, v.insurance_until = data.insurance_policy, data.insurer, data.insurance_until
    v.partner_unit_id = data.partner_unit_id
    v.auxiliary = data.auxiliary
    v.notes = data.notes
    wanted = set(data.team_ids)
    if {t.id for t in v.teams} != wanted:
        v.teams = list(s.scalars(select(VolunteerTeam).where(VolunteerTeam.id.in_(wanted)))) if wanted else []


__all__ = ["VolunteerService", "volunteer_number"]
