"""线索举报 in the work summaries (counts only, never a tipster).

    受理线索     tips whose 受理时间 falls in the period.
    核实属实     tips whose 核查结论 is 属实 or 部分属实, with the 核查时间 in the period.
    移交         tips handed to a competent body (不予受理并移交, or 移交 with the 核查结论) in the period.
    奖励审批     rewards approved in the period (笔) and their approved amount (元).
    奖励发放     rewards claimed in the period (笔) and their amount (元).
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from policeroom.models import Tip
from policeroom.services.tips.rules import TRUE_VERDICTS


def _in(col, start, end):  # noqa: ANN001, ANN202 - a column, datetimes -> a condition
    return (col >= start) & (col < end)


def _n(cond):  # noqa: ANN001, ANN202
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _sum(cond, col):  # noqa: ANN001, ANN202
    return func.coalesce(func.sum(case((cond, col), else_=0)), 0)


def tip_figures(s: Session, start, end) -> dict[str, int]:  # noqa: ANN001 - datetimes
    """The period's figures, one pass over the tips touched in it."""
    received = _in(Tip.received_at, start, end)
    true = _in(Tip.verified_at, start, end) & Tip.verdict.in_(TRUE_VERDICTS)
    moved = _in(Tip.transferred_at, start, end)
    approved = _in(Tip.approved_at, start, end) & Tip.reward_approved.is_not(None)
    paid = _in(Tip.claimed_at, start, end) & Tip.reward_approved.is_not(None)
    row = s.execute(select(
        _n(received), _n(true), _n(moved), _n(approved), _sum(approved, Tip.reward_approved), _n(paid),
        _sum(paid, Tip.reward_approved),
    ).where(received | true | moved | approved | paid)).one()  # fmt: skip
    keys = ("tips_received", "tips_true", "tips_transferred", "rewards_approved", "rewards_approved_amount",
            "rewards_paid", "rewards_paid_amount")  # fmt: skip
    return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}


def tips_by_category(s: Session, start, end) -> list[tuple[str, int]]:  # noqa: ANN001
    rows = s.execute(
        select(Tip.category, func.count()).where(_in(Tip.received_at, start, end)).group_by(Tip.category)
        .order_by(func.count().desc(), Tip.category)
    ).all()  # fmt: skip
    return [(c, int(n)) for c, n in rows]
