"""Small pieces the tips services share: who may see a tip, the loop's view of it, the claim deadline."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from sqlalchemy import Select, false
from sqlalchemy.orm import Session

from policeroom.errors import NotFound
from policeroom.models import Tip
from policeroom.services.core.context import Actor
from policeroom.services.core.workdays import add_working_days, is_workday
from policeroom.services.loop.engine import Matter
from policeroom.services.tips.kind import GRADE


def visible(stmt: Select, actor: Actor) -> Select:
    """Grid workers see the tips of their own grids only."""
    if actor.limited_to_grids:
        return stmt.where(Tip.grid_id.in_(actor.grid_ids)) if actor.grid_ids else stmt.where(false())
    return stmt


def get_tip(s: Session, actor: Actor, tip_id: int) -> Tip:
    t = s.get(Tip, tip_id)
    if t is None:
        raise NotFound("该线索不存在。")
    actor.require_grid(t.grid_id)
    return t


def step_start(t: Tip) -> datetime | None:
    """When the step the tip waits for started (通知 counts from 查处, as the rules say)."""
    return {
        "registered": t.received_at,
        "accepted": t.accepted_at,
        "checking": t.assigned_at,
        "verified": t.verified_at,
        "handled": t.outcome_at,
        "assessed": t.assessed_at,
        "approved": t.outcome_at,
        "notified": t.notified_at,
        "declined": t.accepted_at,
        "transferred": t.accepted_at,
        "unfounded": t.verified_at,
        "no_reward": t.assessed_at,
        "claimed": t.claimed_at,
        "lapsed": datetime.combine(t.lapsed_on, datetime.min.time()) if t.lapsed_on else None,
        "archived": t.archived_at,
    }.get(t.status) or t.received_at


def matter(t: Tip) -> Matter:
    return Matter(t.id, t.status, GRADE, t.handler_id, step_start(t))


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def claim_deadline(notified: date, months: int) -> date:
    """M months after the notice; a deadline on a rest day moves to the next working day (遇节假日顺延)."""
    day = add_months(notified, months)
    for _ in range(40):
        if is_workday(day):
            return day
        day += timedelta(days=1)
    return day


def lapse_day(deadline: date) -> date:
    """The day the unclaimed reward lapses: the day after the deadline."""
    return deadline + timedelta(days=1)


def effective_status(t: Tip, today: date) -> str:
    """The status as it stands today: a notified reward past its deadline has lapsed by itself."""
    if t.status == "notified" and t.claim_deadline is not None and today > t.claim_deadline:
        return "lapsed"
    return t.status


def notify_due(t: Tip, working_days: int) -> datetime | None:
    return add_working_days(t.outcome_at, working_days) if t.outcome_at else None
