"""Grids (网格): code, name, area description, households, responsible grid workers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, PermissionDenied
from policeroom.models import Grid, Resident, TeamMember
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import all_terms, contains, references_to

_CODE = re.compile(r"^[A-Za-z0-9\-_]{1,20}$")


@dataclass
class GridInput:
    code: str
    name: str
    description: str = ""
    households: int = 0
    worker_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class GridRow:
    id: int
    code: str
    name: str
    description: str
    households: int
    workers: str
    worker_ids: tuple[int, ...]
    residents: int
    archived: bool


SORT_KEYS = {"code": Grid.code, "name": Grid.name, "households": Grid.households}


class GridService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(
        self, query: str = "", *, include_archived: bool = False, sort: str = "code", descending: bool = False
    ) -> list[GridRow]:
        actor = self.ctx.actor
        key = SORT_KEYS.get(sort, Grid.code)
        stmt = select(Grid).where(
            all_terms(query, lambda t: contains(Grid.code, t) | contains(Grid.name, t) | contains(Grid.description, t))
        )
        if not include_archived:
            stmt = stmt.where(Grid.archived.is_(False))
        if actor.limited_to_grids:
            stmt = stmt.where(Grid.id.in_(actor.grid_ids))
        stmt = stmt.options(selectinload(Grid.workers)).order_by(key.desc() if descending else key, Grid.code)
        with self.ctx.read() as s:
            grids = s.scalars(stmt).all()
            counts = dict(
                s.execute(
                    select(Resident.grid_id, func.count())
                    .where(Resident.archived.is_(False))
                    .group_by(Resident.grid_id)
                ).all()
            )
            rows = [_row(g, counts.get(g.id, 0)) for g in grids]
        if sort == "residents":
            rows.sort(key=lambda r: r.residents, reverse=descending)
        elif sort == "workers":
            rows.sort(key=lambda r: r.workers, reverse=descending)
        return rows

    def choices(self) -> list[tuple[int, str]]:
        """(id, "WG01 安华里一网格") for combo boxes, limited to the actor's grids where that applies."""
        return [(r.id, f"{r.code} {r.name}") for r in self.list()]

    def get(self, grid_id: int) -> GridRow:
        self.ctx.actor.require_grid(grid_id)
        for row in self.list(include_archived=True):
            if row.id == grid_id:
                return row
        raise NotFound("该网格不存在或您无权查看")

    def _validate(self, s: Session, data: GridInput, grid_id: int | None) -> tuple[str, str, list[TeamMember]]:
        errors = FormErrors()
        code = data.code.strip().upper()
        name = data.name.strip()
        if not _CODE.match(code):
            errors.add("code", "网格编号用1至20位字母、数字或 -，例如 WG01")
        elif s.scalar(select(Grid.id).where(Grid.code == code, Grid.id != (grid_id or 0))):
            errors.add("code", f"网格编号 {code} 已存在")
        if not name:
            errors.add("name", "请填写网格名称")
        elif len(name) > 60:
            errors.add("name", "网格名称不能超过60个字")
        if not 0 <= data.households <= 100_000:
            errors.add("households", "户数应在0至100000之间")
        workers = list(s.scalars(select(TeamMember).where(TeamMember.id.in_(data.worker_ids))).all())
        if len(workers) != len(set(data.worker_ids)):
            errors.add("worker_ids", "所选网格员不存在")
        errors.raise_if_any()
        return code, name, workers

    def create(self, data: GridInput) -> int:
        self.ctx.actor.require(Perm.edit_all_grids)
        with self.ctx.write() as s:
            code, name, workers = self._validate(s, data, None)
            g = Grid(code=code, name=name, description=data.description.strip(), households=data.households)
            g.workers = workers
            s.add(g)
            s.flush()
            return g.id

    def update(self, grid_id: int, data: GridInput) -> None:
        """Officer and staff edit everything; a grid worker only the description and households of their grid."""
        actor = self.ctx.actor
        with self.ctx.write() as s:
            g = s.get(Grid, grid_id, options=[selectinload(Grid.workers)])
            if g is None:
                raise NotFound("该网格不存在")
            if actor.can(Perm.edit_all_grids):
                code, name, workers = self._validate(s, data, grid_id)
                g.code, g.name, g.workers = code, name, workers
            else:
                actor.require_grid(grid_id)
                if data.code.strip().upper() != g.code or data.name.strip() != g.name or sorted(
                    data.worker_ids
                ) != sorted(w.id for w in g.workers):
                    raise PermissionDenied("网格员只能修改本网格的范围说明和户数。")
                self._validate(s, data, grid_id)
            g.description = data.description.strip()
            g.households = data.households

    def delete(self, grid_id: int) -> str:
        """Delete an unused grid; archive one that residents or other records refer to."""
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            g = s.get(Grid, grid_id)
            if g is None:
                raise NotFound("该网格不存在")
            if references_to(s, g):
                g.archived = True
                return "archived"
            g.workers = []
            s.flush()
            s.delete(g)
            return "deleted"

    def restore(self, grid_id: int) -> None:
        self.ctx.actor.require(Perm.edit_all_grids)
        with self.ctx.write() as s:
            g = s.get(Grid, grid_id)
            if g is None:
                raise NotFound("该网格不存在")
            g.archived = False


def _row(g: Grid, residents: int) -> GridRow:
    return GridRow(
        id=g.id,
        code=g.code,
        name=g.name,
        description=g.description,
        households=g.households,
        workers="、".join(w.name for w in g.workers if w.active),
        worker_ids=tuple(w.id for w in g.workers),
        residents=residents,
        archived=g.archived,
    )
