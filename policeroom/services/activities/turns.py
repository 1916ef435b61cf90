"""Volunteers on a patrol record (巡防) → a 智慧义巡 participation waiting for confirmation (issue 16).

The patrol form picks registered volunteers of the patrol's grid; saving the record calls
:func:`sync_patrol` in the same transaction. Each patrol has one activity (kind 智慧义巡, organised by the
patrol's leader, marked in its notes with the record's id) and each picked volunteer one participation
in it, already 待确认 with the patrol's length: the organiser or the officer confirms the hours as for
any activity, so the hours are never typed twice. Idempotent: saving the record again changes nothing but
what changed (a volunteer taken off loses a participation that was not yet confirmed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, ValidationError
from policeroom.models import Activity, ActivityStatus, Participation, PartStatus, Volunteer, VolunteerStatus
from policeroom.services.activities.rules import HOLDING, counted, minutes_between
from policeroom.services.core import clock
from policeroom.services.core.context import Actor
from policeroom.services.core.records import next_value

KIND = "智慧义巡"


def marker(record_id: int) -> str:
    """The note that ties an activity to its patrol record (no column of its own: the tables stay apart)."""
    return f"【巡防记录 #{record_id}】"


@dataclass(frozen=True)
class PatrolTurn:
    record_id: int
    starts_at: datetime
    ends_at: datetime
    grid_id: int
    organiser_id: int
    title: str
    place: str


def check_volunteers(s: Session, grid_id: int, volunteer_ids: list[int]) -> dict[int, str]:
    """id → name of the picked volunteers; each must be 在册 and serve the patrol's grid."""
    ids = set(volunteer_ids)
    if not ids:
        return {}
    from policeroom.services.activities.lookup import many

    found = {v.id: v for v in s.scalars(select(Volunteer).where(Volunteer.id.in_(ids)))}
    names = {i: info.name for i, info in many(s, ids).items()}
    for vid in ids:
        v = found.get(vid)
        if v is None or v.status is not VolunteerStatus.active:
            raise ValidationError("volunteer_ids", "所选志愿者不是在册志愿者")
        if v.grid_id != grid_id:
            raise ValidationError("volunteer_ids", f"志愿者{names.get(vid, '')}不在本巡防路线的网格，请到志愿者登记中核对服务网格")
    return names


def _activity(s: Session, record_id: int) -> Activity | None:
    return s.scalar(select(Activity).where(Activity.kind == KIND, Activity.notes.startswith(marker(record_id))))


def sync_patrol(s: Session, actor: Actor, turn: PatrolTurn, volunteer_ids: list[int]) -> list[int]:
    """The patrol's activity and one 待确认 participation per volunteer; returns the participation ids."""
    a = _activity(s, turn.record_id)
    wanted = set(volunteer_ids)
    if a is None and not wanted:
        return []
    confirmed = [p for p in (a.participations if a else []) if p.status is PartStatus.confirmed]
    if a is None:
        year = turn.starts_at.year
        seq = next_value(s, f"HD{year}")
        a = Activity(number=f"HD{year}-{seq:04d}", year=year, seq=seq, kind=KIND, status=ActivityStatus.finished)
        s.add(a)
    if not confirmed:  # once hours are confirmed the activity keeps what was confirmed
        a.title, a.place, a.grid_id, a.organiser_id = turn.title[:100], turn.place[:100], turn.grid_id, turn.organiser_id
        a.starts_at, a.ends_at = turn.starts_at, turn.ends_at
        a.notes = f"{marker(turn.record_id)}由巡防记录自动登记，时长请组织人或社区民警确认。"
    s.flush()
    length = minutes_between(a.starts_at, a.ends_at)
    now = clock.now_minute()
    out = []
    have = {p.volunteer_id: p for p in a.participations}
    for vid in sorted(wanted):
        p = have.get(vid)
        if p is not None and p.status is PartStatus.confirmed:
            out.append(p.id)
            continue
        if p is None:
            p = Participation(activity_id=a.id, volunteer_id=vid, status=PartStatus.pending, applied_at=now,
                              recorded_by=actor.name)  # fmt: skip
            s.add(p)
        p.status, p.void_reason, p.scheduled_minutes = PartStatus.pending, "", length
        p.actual_minutes = length
        p.counted_minutes = counted(length, a.cap_minutes or length)
        # another activity at the same time: the confirmer should look before the hours count twice
        p.flagged = _clash(s, a, vid)
        s.flush()
        out.append(p.id)
    for vid, p in have.items():
        if vid not in wanted and p.status is PartStatus.pending:
            p.status, p.void_reason = PartStatus.voided, "已从巡防记录中移除"
    return out


def drop_patrol(s: Session, record_id: int) -> None:
    """The patrol record is deleted: its unconfirmed participations are voided (confirmed ones refuse)."""
    a = _activity(s, record_id)
    if a is None:
        return
    if any(p.status is PartStatus.confirmed for p in a.participations):
        raise DomainError("该巡防记录的志愿服务时长已确认，不能删除；请先在志愿服务活动中作废这些时长。")
    for p in a.participations:
        if p.status in HOLDING:
            p.status, p.void_reason = PartStatus.voided, "巡防记录已删除"
    a.status, a.cancel_reason = ActivityStatus.cancelled, "巡防记录已删除"


def _clash(s: Session, a: Activity, volunteer_id: int) -> bool:
    P = Participation  # noqa: N806
    return s.scalar(
        select(P.id).join(Activity, Activity.id == P.activity_id).where(
            P.volunteer_id == volunteer_id, P.status.in_(HOLDING), Activity.id != a.id,
            Activity.status != ActivityStatus.cancelled, Activity.starts_at < a.ends_at, Activity.ends_at > a.starts_at,
        ).limit(1)
    ) is not None  # fmt: skip


def grid_volunteers(s: Session, grid_id: int) -> list[tuple[int, str]]:
    """(id, "编号 姓名") of the 在册 volunteers serving ``grid_id``, for the patrol form."""
    from policeroom.services.activities.lookup import choices

    scope = select(Volunteer.id).where(Volunteer.grid_id == grid_id)
    return [(v.id, f"{v.number} {v.name}") for v in choices(s, scope=scope)]
