"""The one ledger pattern (台账): append-only entries, a unique operation key, the balance after each entry.

Both the hours ledger (minutes) and the points ledger (tenths of a point) are written only through
:func:`post` and :func:`reverse`, inside the caller's transaction:

- the same operation key twice does nothing (the first entry is returned), so a retried save or a
  double click cannot earn twice;
- an entry is never updated or deleted; a mistake is corrected by a reversing entry (its amount the
  opposite, its ``reverses_id`` the entry it corrects, a reason required); an entry is reversed at most once;
- a balance never goes below zero: such an entry is refused with ``积分不足`` (or ``时长不足``).

:func:`check` recomputes every balance from the entries (``verify`` runs it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound
from policeroom.models import HoursEntry, PointsEntry, Volunteer
from policeroom.services.core import clock

Entry = HoursEntry | PointsEntry

SHORT = {HoursEntry: "时长不足", PointsEntry: "积分不足"}


def balance(s: Session, model: type[Entry], volunteer_id: int) -> int:
    """The balance after the volunteer's last entry (0 before any)."""
    last = s.scalar(
        select(model.balance_after).where(model.volunteer_id == volunteer_id).order_by(model.id.desc()).limit(1)
    )
    return int(last or 0)


def post(
    s: Session,
    model: type[Entry],
    volunteer_id: int,
    op_key: str,
    amount: int,
    *,
    kind: str,
    summary: str,
    actor: object,
    reason: str = "",
    participation_id: int | None = None,
    reverses_id: int | None = None,
    **extra: object,
) -> Entry:
    """Append one entry; the same ``op_key`` again returns the first entry and changes nothing.

    Raises:
        DomainError: the balance would fall below zero (积分不足), or the key was used for another volunteer.
    """
    existing = s.scalar(select(model).where(model.op_key == op_key))
    if existing is not None:
        if existing.volunteer_id != volunteer_id or existing.amount != amount:
            raise DomainError(f"操作编号“{op_key}”已用于另一笔记录。")
        return existing
    # One writer per volunteer at a time: on PostgreSQL the volunteer's row is locked until the saving
    # transaction ends, so two desks cannot both read the same last balance (SQLite: BEGIN IMMEDIATE already).
    s.execute(select(Volunteer.id).where(Volunteer.id == volunteer_id).with_for_update())
    before = balance(s, model, volunteer_id)
    after = before + amount
    if after < 0:
        unit = "积分" if model is PointsEntry else "时长"
        raise DomainError(f"{SHORT[model]}：当前{unit}余额不够这笔扣减。")
    entry = model(
        volunteer_id=volunteer_id, op_key=op_key, kind=kind, amount=amount, balance_after=after,
        summary=summary[:200], reason=reason[:200], at=clock.now(),
        operator=getattr(actor, "name", "") or "系统", operator_account_id=getattr(actor, "account_id", None),
        participation_id=participation_id, reverses_id=reverses_id, **extra,
    )  # fmt: skip
    s.add(entry)
    s.flush()
    return entry


def reverse(s: Session, model: type[Entry], entry_id: int, reason: str, *, actor: object, op_key: str | None = None) -> Entry:
    """Correct an entry with its opposite (冲正); at most once per entry, never a reversal of a reversal."""
    reason = reason.strip()
    if not reason:
        from policeroom.errors import ValidationError

        raise ValidationError("reason", "请填写冲正原因")
    entry = s.get(model, entry_id)
    if entry is None:
        raise NotFound("这笔记录不存在。")
    if entry.reverses_id is not None:
        raise DomainError("这是一笔冲正记录，不能再冲正。")
    done = s.scalar(select(model).where(model.reverses_id == entry_id))
    if done is not None:
        if op_key is not None and done.op_key == op_key:
            return done
        raise DomainError("这笔记录已经冲正过。")
    extra = {"redemption_id": entry.redemption_id} if model is PointsEntry else {}
    return post(
        s, model, entry.volunteer_id, op_key or f"reverse:{entry.op_key}", -entry.amount, kind="reversal",
        summary=f"冲正：{entry.summary}", reason=reason, actor=actor, participation_id=entry.participation_id,
        reverses_id=entry.id, **extra,
    )  # fmt: skip


@dataclass(frozen=True)
class LedgerProblem:
    ledger: str
    volunteer_id: int
    message: str


def check(s: Session) -> list[LedgerProblem]:
    """Every volunteer's balance against the sum of their entries, entry by entry (余额 = 明细之和).

    One window query per ledger (the running sum in entry order), so the database does the adding.
    """
    problems: list[LedgerProblem] = []
    for model, name in ((HoursEntry, "时长台账"), (PointsEntry, "积分台账")):
        running = func.sum(model.amount).over(partition_by=model.volunteer_id, order_by=model.id).label("running")
        inner = select(model.id, model.volunteer_id, model.balance_after, running).subquery()
        bad = s.execute(
            select(inner.c.id, inner.c.volunteer_id, inner.c.balance_after, inner.c.running)
            .where((inner.c.balance_after != inner.c.running) | (inner.c.running < 0))
            .order_by(inner.c.volunteer_id, inner.c.id)
        )
        for entry_id, vid, after, total in bad:
            if after != total:
                problems.append(LedgerProblem(name, vid, f"第{entry_id}笔的余额{after}与明细之和{total}不符"))
            else:
                problems.append(LedgerProblem(name, vid, f"第{entry_id}笔之后余额为负"))
    return problems
