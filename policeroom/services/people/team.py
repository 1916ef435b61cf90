"""Team members (团队成员) and the "1 + 2 + N" composition check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, ValidationError
from policeroom.models import Grid, MemberRole, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.records import all_terms, contains, name_match, references_to
from policeroom.services.core.text import name_problem, normalize_text
from policeroom.services.core.validators import normalize_phone


@dataclass
class MemberInput:
    """What the team-member dialog sends."""

    name: str
    role: MemberRole
    phone: str = ""
    active: bool = True
    joined_on: date | None = None
    left_on: date | None = None
    notes: str = ""
    grid_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    role: MemberRole
    phone: str
    active: bool
    grids: str  # "WG01 安华里一网格、WG02 …"
    grid_ids: tuple[int, ...]
    joined_on: date | None
    left_on: date | None
    notes: str


@dataclass(frozen=True)
class Composition:
    """The team against the 1 officer + 2 staff + N grid workers model."""

    counts: dict[MemberRole, int]
    warnings: list[str]

    @property
    def summary(self) -> str:
        c = self.counts
        extra = []
        if c.get(MemberRole.auxiliary):
            extra.append(f"辅警 {c[MemberRole.auxiliary]} 名")
        if c.get(MemberRole.volunteer):
            extra.append(f"志愿者 {c[MemberRole.volunteer]} 名")
        base = (
            f"社区民警 {c.get(MemberRole.officer, 0)} 名 + 社区工作人员 {c.get(MemberRole.staff, 0)} 名 + "
            f"网格员 {c.get(MemberRole.grid_worker, 0)} 名"
        )
        return base + ("；另有" + "、".join(extra) if extra else "")


def clean_member_fields(errors: FormErrors, name: str, phone: str | None) -> tuple[str, str | None]:
    name = normalize_text(name or "")
    if not name:
        errors.add("name", "请填写姓名")
    elif len(name) > 50:
        errors.add("name", "姓名不能超过50个字")
    elif name_problem(name):
        errors.add("name", name_problem(name))
    clean_phone = None
    if phone and phone.strip():
        try:
            clean_phone = normalize_phone(phone)
        except ValidationError as e:
            errors.add("phone", e.message)
    return name, clean_phone


SORT_KEYS = {
    "name": TeamMember.name_pinyin,
    "role": TeamMember.role,
    "phone": TeamMember.phone,
    "active": TeamMember.active,
    "joined_on": TeamMember.joined_on,
}


class TeamService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _query(self, query: str, role: MemberRole | None, include_left: bool) -> Select:
        stmt = select(TeamMember).where(all_terms(query, lambda t: name_match(TeamMember, t) | contains(TeamMember.phone, t)))
        if role is not None:
            stmt = stmt.where(TeamMember.role == role)
        if not include_left:
            stmt = stmt.where(TeamMember.active.is_(True))
        return stmt

    def list(
        self,
        query: str = "",
        *,
        role: MemberRole | None = None,
        include_left: bool = False,
        sort: str = "role",
        descending: bool = False,
    ) -> list[MemberRow]:
        """Team members as rows; a team is small, so the whole list is returned."""
        key = SORT_KEYS.get(sort, TeamMember.role)
        order = [key.desc() if descending else key.asc(), TeamMember.name_pinyin, TeamMember.id]
        with self.ctx.read() as s:
            members = s.scalars(
                self._query(query, role, include_left).options(selectinload(TeamMember.grids)).order_by(*order)
            ).all()
            rows = [_row(m) for m in members]
        if sort == "role":  # officer, staff, grid worker ... in the model's order, not alphabetically
            rank = {r: i for i, r in enumerate(MemberRole)}
            rows.sort(key=lambda r: rank[r.role], reverse=descending)
        return rows

    def get(self, member_id: int) -> MemberRow:
        with self.ctx.read() as s:
            m = s.get(TeamMember, member_id, options=[selectinload(TeamMember.grids)])
            if m is None:
                raise NotFound("该团队成员不存在")
            return _row(m)

    def _validate(self, s: Session, data: MemberInput) -> tuple[str, str | None, list[Grid]]:
        errors = FormErrors()
        name, phone = clean_member_fields(errors, data.name, data.phone)
        try:
            data.role = MemberRole(data.role)  # a combo box hands back the plain string value
        except ValueError:
            errors.add("role", "请选择角色")
        if data.left_on and data.joined_on and data.left_on < data.joined_on:
            errors.add("left_on", "离开日期不能早于入职日期")
        if data.left_on and data.left_on > clock.today():
            errors.add("left_on", "离开日期不能晚于今天")
        grids = list(s.scalars(select(Grid).where(Grid.id.in_(data.grid_ids))).all()) if data.grid_ids else []
        if len(grids) != len(set(data.grid_ids)):
            errors.add("grid_ids", "所选网格不存在")
        if len(data.notes) > 2000:
            errors.add("notes", "备注不能超过2000字")
        errors.raise_if_any()
        return name, phone, grids

    def create(self, data: MemberInput) -> int:
        self.ctx.actor.require(Perm.edit_team)
        with self.ctx.write() as s:
            name, phone, grids = self._validate(s, data)
            m = TeamMember(name=name, role=data.role, notes=data.notes.strip())
            _apply(m, data, name, phone, grids)
            s.add(m)
            s.flush()
            return m.id

    def update(self, member_id: int, data: MemberInput) -> None:
        self.ctx.actor.require(Perm.edit_team)
        with self.ctx.write() as s:
            m = s.get(TeamMember, member_id)
            if m is None:
                raise NotFound("该团队成员不存在")
            name, phone, grids = self._validate(s, data)
            _apply(m, data, name, phone, grids)

    def delete(self, member_id: int) -> str:
        """Delete a member nobody refers to; otherwise mark them as left. Returns what was done."""
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            m = s.get(TeamMember, member_id)
            if m is None:
                raise NotFound("该团队成员不存在")
            refs = [r for r in references_to(s, m) if r.label != "网格"]
            if refs:
                m.active = False
                m.left_on = m.left_on or clock.today()
                return "archived"
            s.delete(m)
            return "deleted"

    def composition(self) -> Composition:
        with self.ctx.read() as s:
            counts = dict(
                s.execute(
                    select(TeamMember.role, func.count()).where(TeamMember.active.is_(True)).group_by(TeamMember.role)
                ).all()
            )
            uncovered = s.scalars(
                select(Grid.code + " " + Grid.name)
                .where(Grid.archived.is_(False))
                .where(
                    ~Grid.workers.any((TeamMember.active.is_(True)) & (TeamMember.role == MemberRole.grid_worker))
                )
                .order_by(Grid.code)
            ).all()
        warnings = []
        officers, staff, workers = (counts.get(r, 0) for r in (MemberRole.officer, MemberRole.staff, MemberRole.grid_worker))
        if officers != 1:
            warnings.append(
                "尚未登记社区民警，请添加 1 名社区民警。" if officers == 0 else f"登记了 {officers} 名社区民警，“1+2+N”模式为 1 名。"
            )
        if staff != 2:
            warnings.append(f"社区工作人员现有 {staff} 名，“1+2+N”模式要求 2 名。")
        if workers < 1:
            warnings.append("还没有网格员，“1+2+N”模式要求至少 1 名网格员。")
        if uncovered:
            warnings.append("以下网格没有在岗网格员负责：" + "、".join(uncovered) + "。")
        return Composition(counts=counts, warnings=warnings)


def _apply(m: TeamMember, data: MemberInput, name: str, phone: str | None, grids: list[Grid]) -> None:
    m.name = name
    m.name_pinyin, m.name_initials = name_keys(name)
    m.role = data.role
    m.phone = phone
    m.active = data.active
    m.joined_on = data.joined_on
    m.left_on = data.left_on if not data.active or data.left_on else None
    m.notes = data.notes.strip()
    m.grids = grids


def _row(m: TeamMember) -> MemberRow:
    return MemberRow(
        id=m.id,
        name=m.name,
        role=m.role,
        phone=m.phone or "",
        active=m.active,
        grids="、".join(f"{g.code} {g.name}" for g in m.grids),
        grid_ids=tuple(g.id for g in m.grids),
        joined_on=m.joined_on,
        left_on=m.left_on,
        notes=m.notes,
    )
