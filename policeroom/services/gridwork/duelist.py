"""The due list of inspections (巡查任务): per place the earliest due day and the items due, and per
grid worker the places overdue, due today and due later this week (the 工作台's list)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.models import Inspection, InspectionItem, InspectionTick, Place, TeamMember
from policeroom.services.gridwork.due import next_due
from policeroom.services.gridwork.types import WorkerDue


def due_by_place(s: Session, places: list[Place], today: date) -> dict[int, tuple[date | None, list[str]]]:
    """Per place: the earliest due day of its items and the items due by then (or already)."""
    if not places:
        return {}
    kind_ids = {p.kind_id for p in places}
    items = list(s.scalars(select(InspectionItem).where(InspectionItem.place_kind_id.in_(kind_ids),
                                                        InspectionItem.archived.is_(False))))  # fmt: skip
    place_ids = [p.id for p in places]
    last: dict[tuple[int, int], date] = {}
    for i in range(0, len(place_ids), 500):
        chunk = place_ids[i : i + 500]
        for pid, item_id, day in s.execute(
            select(Inspection.place_id, InspectionTick.item_id, func.max(Inspection.on_date))
            .join(InspectionTick, InspectionTick.inspection_id == Inspection.id)
            .where(Inspection.place_id.in_(chunk)).group_by(Inspection.place_id, InspectionTick.item_id)
        ):  # fmt: skip
            last[(pid, item_id)] = day
    out: dict[int, tuple[date | None, list[str]]] = {}
    for p in places:
        added = (p.created_at or datetime.combine(today, datetime.min.time())).date()
        dues = [(next_due(last.get((p.id, it.id)), added, it.frequency), it.text)
                for it in items if it.place_kind_id == p.kind_id]  # fmt: skip
        if not dues:
            out[p.id] = (None, [])
            continue
        first = min(d for d, _ in dues)
        horizon = max(first, today)
        out[p.id] = (first, [t for d, t in dues if d <= horizon])
    return out


def due_by_worker(places, today: date | None = None) -> list[WorkerDue]:
    """The 工作台's due list: each active grid worker the actor may see (a grid worker: only themself)."""
    from policeroom.models import MemberRole

    actor = places.ctx.actor
    with places.ctx.read() as s:
        stmt = select(TeamMember.id, TeamMember.name).where(
            TeamMember.role == MemberRole.grid_worker, TeamMember.active.is_(True)
        )
        if actor.limited_to_grids:
            stmt = stmt.where(TeamMember.id == (actor.member_id or -1))
        workers = list(s.execute(stmt.order_by(TeamMember.id)))
    out = []
    for mid, name in workers:
        items = places.due_list(mid, today)
        count = {w: sum(1 for i in items if i.when == w) for w in ("overdue", "today", "week")}
        out.append(WorkerDue(mid, name, count["overdue"], count["today"], count["week"], items))
    return out
