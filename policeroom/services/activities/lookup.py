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
    """Those volunteers by id (columns only: a page of a long list costs a few milliseconds)."""
    if not ids:
        return {}
    out: dict[int, VolunteerInfo] = {}
    id_list = sorted(ids)
    for i in range(0, len(id_list), 500):
        rows = s.execute(
            select(Volunteer.id, Volunteer.number, Resident.name, Resident.id_number, Volunteer.insurance_until,
                   Volunteer.status)
            .join(Resident, Resident.id == Volunteer.resident_id)
            .where(Volunteer.id.in_(id_list[i : i + 500]))
        )  # fmt: skip
        out.update({r[0]: _plain(*r) for r in rows})
    return out


def _plain(vid: int, number: str, name: str, id_number: str | None, until, status) -> VolunteerInfo:  # noqa: ANN001
    return VolunteerInfo(vid, number, name, id_number or "", until, status is VolunteerStatus.active)


def choices(s: Session, query: str = "", *, active_only: bool = True, scope=None) -> list[VolunteerInfo]:  # noqa: ANN001
    """Volunteers (在册 unless ``active_only`` is False) by number, found by name, pinyin or number.

    Columns only, no ORM objects: ten thousand volunteers load in a few milliseconds.
    """
    from policeroom.services.core.records import all_terms, contains, name_match

    stmt = (
        select(Volunteer.id, Volunteer.number, Resident.name, Resident.id_number, Volunteer.insurance_until,
               Volunteer.status)
        .join(Resident, Resident.id == Volunteer.resident_id)
        .order_by(Volunteer.number)
    )  # fmt: skip
    if active_only:
        stmt = stmt.where(Volunteer.status == VolunteerStatus.active)
    if scope is not None:
        stmt = stmt.where(Volunteer.id.in_(scope))
    if query:
        stmt = stmt.where(all_terms(query, lambda t: name_match(Resident, t) | contains(Volunteer.number, t.upper())))
    return [_plain(*r) for r in s.execute(stmt)]


def ids(s: Session, query: str = "", scope=None) -> list[int]:  # noqa: ANN001 - scope: a SELECT of ids
    """Volunteer ids by number, found by name, pinyin or number (for the windowed list)."""
    from policeroom.services.core.records import all_terms, contains, name_match

    stmt = select(Volunteer.id).order_by(Volunteer.number)
    if scope is not None:
        stmt = stmt.where(Volunteer.id.in_(scope))
    if query:
        stmt = stmt.join(Resident, Resident.id == Volunteer.resident_id).where(
            all_terms(query, lambda t: name_match(Resident, t) | contains(Volunteer.number, t.upper()))
        )
    return list(s.connection().execute(stmt).scalars())  # Core, not ORM: ten thousand ints in a few ms
