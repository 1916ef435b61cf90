"""志愿服务记录证明 (numbered, a snapshot at issue, entered in the 出具登记簿) and the 积分存折 page.

A certificate states the confirmed hours at the moment of issue (民发〔2015〕149号): the hours and the
activities are copied into the certificate, so later confirmations or reversals do not change it;
reprinting prints the copy. Voiding (the officer's) needs a reason and keeps the entry in the register.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound, ValidationError
from policeroom.models import (
    Activity,
    Certificate,
    HoursEntry,
    Participation,
    PartStatus,
    PointsEntry,
    TeamMember,
)
from policeroom.services.activities import access, ledger, lookup
from policeroom.services.activities.types import CertActivity, CertificateData, Passbook, PassbookLine
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.records import next_value
from policeroom.services.core.settings import load_room_settings
from policeroom.services.core.text import check_text
from policeroom.services.core.validators import mask_id_number

ID_KIND = "居民身份证"


def certificate_number(year: int, seq: int) -> str:
    return f"志证〔{year}〕第{seq}号"


def _data(c: Certificate) -> CertificateData:
    snap = json.loads(c.snapshot)
    return CertificateData(
        id=c.id, number=c.number, issued_on=c.issued_on, volunteer_id=c.volunteer_id,
        volunteer_number=snap["volunteer_number"], volunteer_name=snap["name"], id_kind=snap["id_kind"],
        id_number=snap["id_number"], minutes=c.minutes, period_from=c.period_from, period_to=c.period_to,
        activities=tuple(CertActivity(a["day"], a["title"], a["minutes"]) for a in snap["activities"]),
        unit=snap["unit"], head=snap["head"], issuer=snap["issuer"], contact=snap["contact"],
        voided=c.voided, void_reason=c.void_reason, voided_by=c.voided_by,
    )  # fmt: skip


def confirmed_activities(s: Session, volunteer_id: int) -> list[CertActivity]:
    """The volunteer's confirmed participations still counted (not voided), oldest first."""
    rows = s.execute(
        select(Activity.starts_at, Activity.number, Activity.title, Participation.counted_minutes)
        .join(Participation, Participation.activity_id == Activity.id)
        .where(Participation.volunteer_id == volunteer_id, Participation.status == PartStatus.confirmed)
        .order_by(Activity.starts_at, Activity.id)
    )
    return [CertActivity(at.date().isoformat(), title, int(m or 0)) for at, _n, title, m in rows]


class CertificateService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def issue(self, volunteer_id: int, *, full_id: bool = False) -> CertificateData:
        """出具: a new number, the confirmed hours and activities as they stand now (a snapshot)."""
        access.require_desk(self.ctx.actor, "出具志愿服务记录证明")
        with self.ctx.write() as s:
            v = lookup.volunteer(s, volunteer_id)
            minutes = ledger.balance(s, HoursEntry, volunteer_id)
            if minutes <= 0:
                raise DomainError(f"{v.name}还没有确认的服务时长，不能出具证明。")
            acts = confirmed_activities(s, volunteer_id)
            room = load_room_settings(s)
            member = s.get(TeamMember, self.ctx.actor.member_id) if self.ctx.actor.member_id else None
            today = clock.today()
            seq = next_value(s, f"ZZ{today.year}")
            snap = {
                "volunteer_number": v.number, "name": v.name, "id_kind": ID_KIND,
                "id_number": v.id_number if full_id else mask_id_number(v.id_number) if v.id_number else "",
                "activities": [a.__dict__ for a in acts], "unit": room.room_name, "head": room.officer_in_charge,
                "issuer": self.ctx.actor.name, "contact": (member.phone or "") if member else "",
            }  # fmt: skip
            c = Certificate(
                number=certificate_number(today.year, seq), year=today.year, seq=seq, volunteer_id=volunteer_id,
                issued_on=today, minutes=minutes, snapshot=json.dumps(snap, ensure_ascii=False),
                period_from=date.fromisoformat(acts[0].day) if acts else None,
                period_to=date.fromisoformat(acts[-1].day) if acts else None, issuer=self.ctx.actor.name,
            )  # fmt: skip
            s.add(c)
            s.flush()
            return _data(c)

    def void(self, cert_id: int, reason: str) -> None:
        access.require_officer(self.ctx.actor, "作废志愿服务记录证明")
        reason = check_text(reason, "作废原因", 200, field="reason")
        if not reason:
            raise ValidationError("reason", "请填写作废原因")
        with self.ctx.write() as s:
            c = s.get(Certificate, cert_id)
            if c is None:
                raise NotFound("证明不存在。")
            if c.voided:
                raise DomainError(f"{c.number}已作废。")
            c.voided, c.void_reason, c.voided_by, c.voided_at = True, reason, self.ctx.actor.name, clock.now_minute()

    def get(self, cert_id: int) -> CertificateData:
        with self.ctx.read() as s:
            c = s.get(Certificate, cert_id)
            if c is None:
                raise NotFound("证明不存在。")
            access.require_volunteer(s, self.ctx.actor, c.volunteer_id)
            return _data(c)

    def by_number(self, number: str) -> CertificateData:
        text = number.strip().replace("[", "〔").replace("]", "〕")
        with self.ctx.read() as s:
            c = s.scalar(select(Certificate).where(Certificate.number == text))
            if c is None:
                raise NotFound(f"没有编号为 {number} 的证明。")
            access.require_volunteer(s, self.ctx.actor, c.volunteer_id)
            return _data(c)

    def register(self, year: int | None = None) -> list[CertificateData]:
        """出具登记簿: every certificate (voided ones too), newest first."""
        stmt = select(Certificate).order_by(Certificate.year.desc(), Certificate.seq.desc())
        if year:
            stmt = stmt.where(Certificate.year == year)
        scope = access.volunteer_scope(self.ctx.actor)
        if scope is not None:
            stmt = stmt.where(Certificate.volunteer_id.in_(scope))
        with self.ctx.read() as s:
            return [_data(c) for c in s.scalars(stmt)]

    def passbook(self, volunteer_id: int) -> Passbook:
        """积分存折: both ledgers as one ruled page (存入 hours and points, 取出 points, 结余 points)."""
        with self.ctx.read() as s:
            access.require_volunteer(s, self.ctx.actor, volunteer_id)
            v = lookup.volunteer(s, volunteer_id)
            entries: list = [*s.scalars(select(HoursEntry).where(HoursEntry.volunteer_id == volunteer_id)),
                             *s.scalars(select(PointsEntry).where(PointsEntry.volunteer_id == volunteer_id))]  # fmt: skip
            entries.sort(key=lambda e: (e.at, isinstance(e, PointsEntry), e.id))
            lines: list[dict] = []
            merged: dict[tuple[int, bool], int] = {}
            points = 0
            for e in entries:
                key = (e.participation_id, e.reverses_id is not None) if e.participation_id else None
                if key is not None and key in merged:
                    line = lines[merged[key]]
                else:
                    line = {"day": e.at.date(), "summary": e.summary, "hours": 0, "in": 0, "out": 0, "op": e.operator}
                    lines.append(line)
                    if key is not None:
                        merged[key] = len(lines) - 1
                if isinstance(e, HoursEntry):
                    line["hours"] += e.amount
                else:
                    points = e.balance_after
                    line["in" if e.amount > 0 else "out"] += abs(e.amount)
                line["balance"] = points
            out = tuple(
                PassbookLine(x["day"], x["summary"], x["hours"], x["in"], x["out"], x.get("balance", points), x["op"])
                for x in lines
            )
            room = load_room_settings(s)
            return Passbook(
                v, out, ledger.balance(s, HoursEntry, volunteer_id), ledger.balance(s, PointsEntry, volunteer_id),
                room.room_name, clock.now(),
            )  # fmt: skip
