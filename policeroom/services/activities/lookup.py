"""Reading volunteers (the records are kept by the 志愿者 part of 群防群治) for activities and papers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound
from policeroom.models import Resident, Volunteer, VolunteerStatus
from policeroom.services.activities.types import VolunteerInfo


def _info(v: Volunteer, r: Resident) -> VolunteerInfo:
    return VolunteerInfo(
        id=v.id, number=v.number, name=r.name, id_number=r.id_number or "", insured_until=v.insurance_until,
        active=v.status is VolunteerStatus.active,
    )  # fmt: skip


def volunteer(s: Session, volunteer_id: int) -> VolunteerInfo:
    row = s.execute(
        select(Volunteer, Resident).join(Resident, Resident.id == Volunteer.resident_id).where(Volunteer.id == volunteer_id)
    ).first()
    if row is None:
        raise NotFound("没有这位志愿者。")
    return _info(*row)


def by_number(s: Session, number: str) -> VolunteerInfo:
    number = number.strip().upper()
    row = s.execute(
        select(Volunteer, Resident).join(Resident, Resident.id == Volunteer.resident_id).where(Volunteer.number == number)
    ).first()
    if row is None:
        raise NotFound(f"没有编号为 {number} 的志愿者。")
    return _info(*row)


def many(s: Session, ids: set[int]) -> dict[int, VolunteerInfo]:
    if not ids:
        return {}
    out: dict[int, VolunteerInfo] = {}
    id_list = sorted(ids)
    for i in range(0, len(id_list), 500):
        rows = s.execute(
            select(Volunteer, Resident)
            .join(Resident, Resident.id == Volunteer.resident_id)
            .where(Volunteer.id.in_(id_list[i : i + 500]))
        )
        out.update({v.id: _info(v, r) for v, r in rows})
    return out


def choices(s: Session) -> list[VolunteerInfo]:
    """Volunteers 在册, by number (for pickers)."""
    rows = s.execute(
        select(Volunteer, Resident)
        .join(Resident, Resident.id == Volunteer.resident_id)
        .where(Volunteer.status == VolunteerStatus.active)
        .order_by(Volunteer.number)
    )
    return [_info(v, r) for v, r in rows]
