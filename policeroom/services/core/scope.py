"""Who may read which record (范围): the checks shared by the history and the services' reads.

Grid workers see records of their own grids (and requests assigned to them); staff see every grid;
the officer sees everything. 治安调解 cases are the officer's and their own handlers' only, and the
history of accounts, settings and exports is the officer's only.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, PermissionDenied
from policeroom.models import (
    AccountRole,
    Base,
    CaseKind,
    DisputeEntry,
    MediationCase,
    Resident,
    case_mediator,
)
from policeroom.services.core.context import Actor, Perm

#: tables whose history only the officer reads (who signed in, settings, exports)
OFFICER_ONLY = {"account": Perm.manage_accounts, "setting": Perm.edit_settings, "output": Perm.edit_settings,
                # a tipster's sealed identity (举报人): the officer's only, as 查看举报人 is
                "tip_identity": Perm.manage_accounts}

OUT_OF_SCOPE = "网格员只能查看本人负责网格的记录。"


def _model_for(table: str) -> type[Base] | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return mapper.class_
    return None


def require_history(s: Session, actor: Actor, table: str, entity_id: int) -> None:
    """May ``actor`` read the history of ``table`` #``entity_id``? Raises PermissionDenied if not."""
    perm = OFFICER_ONLY.get(table)
    if perm is not None:
        actor.require(perm)
        return
    if table == "mediation_case":
        require_case_visible(s, actor, entity_id)
        return
    if not actor.limited_to_grids:
        return
    cls = _model_for(table)
    obj = s.get(cls, entity_id) if cls is not None else None
    if obj is None:  # gone, or not a record: its scope cannot be told
        raise PermissionDenied(OUT_OF_SCOPE)
    if table == "assistance_request":
        if obj.grid_id in actor.grid_ids or (actor.member_id is not None and obj.assignee_id == actor.member_id):
            return
        raise PermissionDenied(OUT_OF_SCOPE)
    if table == "grid":
        actor.require_grid(obj.id)
        return
    if table == "team_member":
        if obj.id == actor.member_id:
            return
        raise PermissionDenied(OUT_OF_SCOPE)
    columns = sa_inspect(cls).columns
    if "grid_id" in columns:
        actor.require_grid(obj.grid_id)
        return
    if "case_id" in columns:
        require_case_visible(s, actor, obj.case_id)
        return
    raise PermissionDenied(OUT_OF_SCOPE)


def is_officer(actor: Actor) -> bool:
    return actor.role == AccountRole.officer


# -- mediation cases --------------------------------------------------------------------------
CASE_REFUSED = "您不是本案的调解员、记录人或登记人，不能查看该调解案件。"
PUBLIC_ORDER_REFUSED = "治安调解案件只有社区民警和本案的办理人可以查看。"


def _handled_by(member_id: int | None) -> ColumnElement[bool]:
    """The case is handled by this team member (a mediator, the recorder or the registrar)."""
    if member_id is None:
        return false()
    return or_(
        MediationCase.recorder_id == member_id,
        MediationCase.registrar_id == member_id,
        exists().where(case_mediator.c.case_id == MediationCase.id, case_mediator.c.member_id == member_id),
    )


def case_clause(actor: Actor) -> ColumnElement[bool]:
    """The mediation cases ``actor`` may read, as a WHERE clause on MediationCase.

    治安调解: the officer and the case's own handlers. 人民调解: the officer and staff, and a grid
    worker for cases they handle or that came from a ledger entry of their grid.
    """
    if is_officer(actor):
        return true()
    mine = _handled_by(actor.member_id)
    if not actor.limited_to_grids:
        people = MediationCase.kind != CaseKind.public_order
    else:
        from_grid = exists().where(
            DisputeEntry.case_id == MediationCase.id, DisputeEntry.grid_id.in_(actor.grid_ids)
        )
        people = and_(MediationCase.kind != CaseKind.public_order, from_grid)
    return or_(people, mine)


def require_case_visible(s: Session, actor: Actor, case_id: int) -> MediationCase:
    """The case, if ``actor`` may read it (NotFound / PermissionDenied otherwise)."""
    c = s.get(MediationCase, case_id)
    if c is None:
        raise NotFound("该调解案件不存在或已被删除")
    if is_officer(actor):
        return c
    if not s.scalar(select(MediationCase.id).where(MediationCase.id == case_id, case_clause(actor))):
        raise PermissionDenied(PUBLIC_ORDER_REFUSED if c.kind == CaseKind.public_order else CASE_REFUSED)
    return c


# -- residents --------------------------------------------------------------------------------
LINK_REFUSED = "只能从本人负责网格的居民中选择；其他网格的人员请直接填写姓名和电话。"


def resident_clause(actor: Actor) -> ColumnElement[bool]:
    if not actor.limited_to_grids:
        return true()
    return Resident.grid_id.in_(actor.grid_ids)
