"""Teams of volunteers (队伍) and the police's partner units (警+联盟成员单位).

Grid workers keep the teams and units of their own grids; the officer and the staff keep all. A
partner unit's guards are registered as volunteers (with the unit named on their record).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound
from policeroom.models import (
    Grid,
    PartnerUnit,
    Resident,
    TeamMember,
    Volunteer,
    VolunteerTeam,
    volunteer_team_member,
)
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.records import references_to
from policeroom.services.forces.checks import ordered, validate_partner, validate_team
from policeroom.services.forces.kinds import load_kinds
from policeroom.services.forces.types import PARTNER_BRINGS, PartnerInput, PartnerRow, TeamInput, TeamRow


def _grid_label(code: str | None, name: str | None) -> str:
    return f"{code} {name}" if code else ""


class GroupService:
    """Teams and partner units: lists, forms, archive."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _may_edit(self, grid_id: int | None) -> None:
        if self.ctx.actor.limited_to_grids:
            self.ctx.actor.require_grid(grid_id)

    # -- teams ------------------------------------------------------------------------------
    def teams(self, include_archived: bool = False) -> list[TeamRow]:
        with self.ctx.read() as s:
            counts = dict(
                s.execute(
                    select(volunteer_team_member.c.team_id, func.count()).group_by(volunteer_team_member.c.team_id)
                ).all()
            )
            stmt = (
                select(VolunteerTeam, Grid.code, Grid.name, Resident.name, TeamMember.name)
                .outerjoin(Grid, VolunteerTeam.grid_id == Grid.id)
                .outerjoin(Volunteer, VolunteerTeam.leader_id == Volunteer.id)
                .outerjoin(Resident, Volunteer.resident_id == Resident.id)
                .outerjoin(TeamMember, VolunteerTeam.officer_id == TeamMember.id)
                .order_by(VolunteerTeam.archived, VolunteerTeam.kind, VolunteerTeam.name)
            )
            if not include_archived:
                stmt = stmt.where(VolunteerTeam.archived.is_(False))
            return [
                TeamRow(t.id, t.name, t.kind, _grid_label(gc, gn), t.site, leader or "", officer or "",
                        counts.get(t.id, 0), t.model_squad, t.archived)
                for t, gc, gn, leader, officer in s.execute(stmt).all()
            ]  # fmt: skip

    def team_choices(self) -> list[tuple[int, str]]:
        with self.ctx.read() as s:
            return [
                (i, n)
                for i, n in s.execute(
                    select(VolunteerTeam.id, VolunteerTeam.name)
                    .where(VolunteerTeam.archived.is_(False))
                    .order_by(VolunteerTeam.name)
                )
            ]

    def team(self, team_id: int) -> TeamInput:
        with self.ctx.read() as s:
            t = s.get(VolunteerTeam, team_id)
            if t is None:
                raise NotFound("该队伍不存在")
            return TeamInput(
                name=t.name, kind=t.kind, grid_id=t.grid_id, site=t.site, leader_id=t.leader_id,
                officer_id=t.officer_id, model_squad=t.model_squad, founded_on=t.founded_on,
                member_ids=tuple(m.id for m in t.members), notes=t.notes,
            )  # fmt: skip

    def _check_team(self, s: Session, data: TeamInput, team_id: int | None, members_before: set[int]) -> None:
        errors = validate_team(s, data, load_kinds(s, "team"), team_id)
        if data.name and s.scalar(
            select(VolunteerTeam.id).where(VolunteerTeam.name == data.name, VolunteerTeam.id != (team_id or 0))
        ):
            errors.add("name", "已有同名队伍")
        if data.officer_id is not None and s.get(TeamMember, data.officer_id) is None:
            errors.add("officer_id", "所选民警不存在")
        if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的队伍")
        changed = set(data.member_ids) ^ members_before
        if self.ctx.actor.limited_to_grids and changed:
            grids = set(s.scalars(select(Volunteer.grid_id).where(Volunteer.id.in_(changed))))
            if not all(self.ctx.actor.sees_grid(g) for g in grids):
                errors.add("member_ids", "网格员只能把本人负责网格的志愿者编入或移出队伍")
        errors.raise_if_any()

    def save_team(self, team_id: int | None, data: TeamInput) -> int:
        with self.ctx.write() as s:
            if team_id is None:
                t = VolunteerTeam(name=data.name, kind=data.kind, archived=False)
            else:
                t = s.get(VolunteerTeam, team_id)
                if t is None:
                    raise NotFound("该队伍不存在")
                self._may_edit(t.grid_id)
            self._check_team(s, data, team_id, {m.id for m in t.members} if team_id is not None else set())
            t.name, t.kind, t.grid_id, t.site = data.name, data.kind, data.grid_id, data.site
            t.leader_id, t.officer_id, t.model_squad = data.leader_id, data.officer_id, data.model_squad
            t.founded_on, t.notes = data.founded_on, data.notes
            wanted = set(data.member_ids)
            if team_id is None or {m.id for m in t.members} != wanted:
                t.members = list(s.scalars(select(Volunteer).where(Volunteer.id.in_(wanted)))) if wanted else []
            if team_id is None:
                s.add(t)
            s.flush()
            return t.id

    def archive_team(self, team_id: int) -> str:
        """Delete a team nobody refers to; archive one with members or history."""
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            t = s.get(VolunteerTeam, team_id)
            if t is None:
                raise NotFound("该队伍不存在")
            if t.members or references_to(s, t):
                t.archived = True
                return "archived"
            s.delete(t)
            return "deleted"

    # -- partner units -----------------------------------------------------------------------
    def partners(self, include_archived: bool = False) -> list[PartnerRow]:
        with self.ctx.read() as s:
            counts = dict(
                s.execute(
                    select(Volunteer.partner_unit_id, func.count())
                    .where(Volunteer.partner_unit_id.is_not(None))
                    .group_by(Volunteer.partner_unit_id)
                ).all()
            )
            stmt = (
                select(PartnerUnit, Grid.code, Grid.name)
                .outerjoin(Grid, PartnerUnit.grid_id == Grid.id)
                .order_by(PartnerUnit.archived, PartnerUnit.kind, PartnerUnit.name)
            )
            if not include_archived:
                stmt = stmt.where(PartnerUnit.archived.is_(False))
            return [
                PartnerRow(p.id, p.name, p.kind, p.address, _grid_label(gc, gn), p.contact, p.phone, p.guards,
                           counts.get(p.id, 0), p.agreement_on, p.brings, p.archived)
                for p, gc, gn in s.execute(stmt).all()
            ]  # fmt: skip

    def partner_choices(self) -> list[tuple[int, str]]:
        with self.ctx.read() as s:
            stmt = select(PartnerUnit.id, PartnerUnit.name).where(PartnerUnit.archived.is_(False))
            return [(i, n) for i, n in s.execute(stmt.order_by(PartnerUnit.name))]

    def partner(self, partner_id: int) -> PartnerInput:
        with self.ctx.read() as s:
            p = s.get(PartnerUnit, partner_id)
            if p is None:
                raise NotFound("该单位不存在")
            return PartnerInput(
                name=p.name, kind=p.kind, address=p.address, grid_id=p.grid_id, contact=p.contact, phone=p.phone,
                guards=p.guards, agreement_on=p.agreement_on,
                brings=tuple(b for b in PARTNER_BRINGS if b in p.brings.split("、")), notes=p.notes,
            )  # fmt: skip

    def save_partner(self, partner_id: int | None, data: PartnerInput) -> int:
        with self.ctx.write() as s:
            errors = validate_partner(data, load_kinds(s, "partner"))
            if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
                errors.add("grid_id", "所选网格不存在")
            if data.name and s.scalar(
                select(PartnerUnit.id).where(PartnerUnit.name == data.name, PartnerUnit.id != (partner_id or 0))
            ):
                errors.add("name", "已有同名单位")
            if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
                errors.add("grid_id", "网格员只能登记本人负责网格的单位")
            errors.raise_if_any()
            if partner_id is None:
                p = PartnerUnit(name=data.name, kind=data.kind, archived=False)
                s.add(p)
            else:
                p = s.get(PartnerUnit, partner_id)
                if p is None:
                    raise NotFound("该单位不存在")
                self._may_edit(p.grid_id)
            p.name, p.kind, p.address, p.grid_id = data.name, data.kind, data.address, data.grid_id
            p.contact, p.phone, p.guards, p.agreement_on = data.contact, data.phone, data.guards, data.agreement_on
            p.brings, p.notes = ordered(data.brings, PARTNER_BRINGS), data.notes
            s.flush()
            return p.id

    def archive_partner(self, partner_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            p = s.get(PartnerUnit, partner_id)
            if p is None:
                raise NotFound("该单位不存在")
            if references_to(s, p):
                p.archived = True
                return "archived"
            s.delete(p)
            return "deleted"
