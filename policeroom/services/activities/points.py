"""The hours and points ledgers as people use them: balances, stars, bonuses, adjustments, reversals.

Bonuses (commendation, bringing in a new volunteer …) and adjustments are the officer's, each with a
reason; a wrong entry is reversed, never edited. Spending points never touches the hours ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import HoursEntry, PointsEntry
from policeroom.services.activities import access, ledger, lookup
from policeroom.services.activities.rules import star_label, star_level
from policeroom.services.activities.types import LedgerLine, VolunteerStanding
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.text import check_text

KIND_LABELS = {
    "service": "服务时长", "earn": "服务积分", "bonus": "奖励积分", "adjust": "积分调整",
    "redeem": "兑换", "reversal": "冲正", "carry": "往年结转",
}  # fmt: skip


def _balances(s: Session, model: type[ledger.Entry], ids: set[int] | None) -> dict[int, int]:
    """Each volunteer's balance: the ``balance_after`` of their last entry (``check`` proves it is the sum).

    The last entry per volunteer is found in the volunteer index alone (its rows carry the entry id), so a
    page of the list reads a few hundred rows, not every entry of those volunteers.
    """
    last = select(func.max(model.id)).group_by(model.volunteer_id)
    if ids is not None:
        if not ids:
            return {}
        last = last.where(model.volunteer_id.in_(ids))
    stmt = select(model.volunteer_id, model.balance_after).where(model.id.in_(last.scalar_subquery()))
    return {vid: int(balance) for vid, balance in s.connection().execute(stmt)}


def minutes_by_volunteer(s: Session, ids: set[int] | None = None) -> dict[int, int]:
    """Confirmed minutes per volunteer (the hours ledger's balances)."""
    return _balances(s, HoursEntry, ids)


def hours_in_year(ctx: ServiceContext) -> Callable[[list[int], int], dict[int, float]]:
    """The year-end list's seam (VolunteerService.confirmed_hours): hours confirmed within ``year`` per
    volunteer, reversals included and 往年结转 left out (those hours belong to earlier years)."""

    def hours(ids: list[int], year: int) -> dict[int, float]:
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        out: dict[int, float] = {}
        with ctx.read() as s:
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                rows = s.execute(
                    select(HoursEntry.volunteer_id, func.sum(HoursEntry.amount))
                    .where(HoursEntry.volunteer_id.in_(part), HoursEntry.at >= start, HoursEntry.at < end,
                           HoursEntry.kind != "carry")
                    .group_by(HoursEntry.volunteer_id)
                )
                out.update({vid: (minutes or 0) / 60 for vid, minutes in rows})
        return out

    return hours


def standing_of(ctx: ServiceContext) -> Callable[[list[int]], dict[int, tuple[float, float, str]]]:
    """The volunteer list's seam (VolunteerService.standing): per id, (confirmed hours, points balance,
    star label) from the two ledgers' balances — two indexed queries per page of the list."""

    def standing(ids: list[int]) -> dict[int, tuple[float, float, str]]:
        if not ids:
            return {}
        with ctx.read() as s:
            minutes = minutes_by_volunteer(s, set(ids))
            points = points_by_volunteer(s, set(ids))
        return {i: (round(minutes.get(i, 0) / 60, 1), points.get(i, 0) / 10, star_label(minutes.get(i, 0)))
                for i in ids if i in minutes or i in points}  # fmt: skip

    return standing


def points_by_volunteer(s: Session, ids: set[int] | None = None) -> dict[int, int]:
    return _balances(s, PointsEntry, ids)


def line(e: ledger.Entry, v, reversed_ids: set[int]) -> LedgerLine:  # noqa: ANN001 - VolunteerInfo | None
    return LedgerLine(
        id=e.id, ledger="hours" if isinstance(e, HoursEntry) else "points", volunteer_id=e.volunteer_id,
        volunteer_number=v.number if v else "", volunteer_name=v.name if v else "", at=e.at,
        kind=KIND_LABELS.get(e.kind, e.kind), summary=e.summary, amount=e.amount, balance_after=e.balance_after,
        operator=e.operator, reason=e.reason, reverses_id=e.reverses_id, reversed=e.id in reversed_ids,
    )  # fmt: skip


class PointsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def volunteer_by_number(self, number: str):  # noqa: ANN201 - VolunteerInfo
        with self.ctx.read() as s:
            v = lookup.by_number(s, number)
            access.require_volunteer(s, self.ctx.actor, v.id)  # its ID number: grid workers their grids' only
            return v

    def standing(self, volunteer_id: int) -> VolunteerStanding:
        with self.ctx.read() as s:
            access.require_volunteer(s, self.ctx.actor, volunteer_id)
            v = lookup.volunteer(s, volunteer_id)
            minutes = ledger.balance(s, HoursEntry, volunteer_id)
            points = ledger.balance(s, PointsEntry, volunteer_id)
            return VolunteerStanding(v, minutes, points, star_level(minutes), star_label(minutes))

    def standing_ids(self, query: str = "") -> list[int]:
        """The volunteers of the list, by number (ids only: the list fetches rows a page at a time);
        ``query`` finds by name (1+ characters), pinyin initials or number."""
        with self.ctx.read() as s:
            return lookup.ids(s, query, access.volunteer_scope(self.ctx.actor))

    def standings_for(self, ids: list[int]) -> list[VolunteerStanding]:
        """Those volunteers with their confirmed hours, points and star (one page of the list)."""
        scope = set(self.standing_ids()) if self.ctx.actor.limited_to_grids else None
        ids = [i for i in ids if scope is None or i in scope]
        with self.ctx.read() as s:
            people = lookup.many(s, set(ids))
            minutes, points = minutes_by_volunteer(s, set(ids)), points_by_volunteer(s, set(ids))
            return [
                VolunteerStanding(v, minutes.get(i, 0), points.get(i, 0), star_level(minutes.get(i, 0)),
                                  star_label(minutes.get(i, 0)))
                for i in ids if (v := people.get(i)) is not None
            ]  # fmt: skip

    def standings(self, query: str = "") -> list[VolunteerStanding]:
        """Every volunteer found (those no longer 在册 too: their hours stand), by number."""
        ids = self.standing_ids(query)
        return [st for i in range(0, len(ids), 500) for st in self.standings_for(ids[i : i + 500])]

    def picker_choices(self) -> list[tuple[int, str]]:
        """Volunteers 在册 for a picker: (id, ``ZY2026-0001 张三``)."""
        with self.ctx.read() as s:
            return [(v.id, f"{v.number}  {v.name}") for v in lookup.choices(s, scope=access.volunteer_scope(self.ctx.actor))]

    def lines(self, volunteer_id: int | None = None, ledger_name: str = "points") -> list[LedgerLine]:
        """A ledger's entries, oldest first (one volunteer's, or everyone's)."""
        model = PointsEntry if ledger_name == "points" else HoursEntry
        stmt = select(model).order_by(model.volunteer_id, model.id)
        if volunteer_id is not None:
            stmt = stmt.where(model.volunteer_id == volunteer_id)
        scope = access.volunteer_scope(self.ctx.actor)
        if scope is not None:
            stmt = stmt.where(model.volunteer_id.in_(scope))
        with self.ctx.read() as s:
            entries = list(s.scalars(stmt))
            reversed_ids = {e.reverses_id for e in entries if e.reverses_id}
            if volunteer_id is None:
                reversed_ids = set(s.scalars(select(model.reverses_id).where(model.reverses_id.is_not(None))))
            people = lookup.many(s, {e.volunteer_id for e in entries})
            return [line(e, people.get(e.volunteer_id), reversed_ids) for e in entries]

    def bonus(self, volunteer_id: int, points: float, reason: str, op_key: str | None = None) -> int:
        """奖励积分 (commendation, a new volunteer brought in …) or 调整 (negative): the officer's, with a reason."""
        access.require_officer(self.ctx.actor, "积分奖励和调整")
        reason = check_text(reason, "原因", 200, field="reason")
        if not reason:
            raise ValidationError("reason", "请填写原因")
        tenths = int(round(points * 10))
        if tenths == 0 or abs(tenths) > 100_000:
            raise ValidationError("points", "积分应在-10000到10000之间，且不为0")
        with self.ctx.write() as s:
            lookup.volunteer(s, volunteer_id)
            key = op_key or f"bonus:{volunteer_id}:{clock.now().isoformat()}"
            entry = ledger.post(
                s, PointsEntry, volunteer_id, key, tenths, kind="bonus" if tenths > 0 else "adjust",
                summary="奖励积分" if tenths > 0 else "积分调整", reason=reason, actor=self.ctx.actor,
            )  # fmt: skip
            return entry.id

    def carry_forward(self, volunteer_id: int, minutes: int, reason: str) -> int:
        """往年时长结转: confirmed hours of earlier years from a paper or imported ledger (the officer's).

        Only the hours ledger: points of earlier years were already spent or lapsed under the old book.
        Once per volunteer (its operation key), so importing the same ledger twice adds nothing.
        """
        access.require_officer(self.ctx.actor, "往年服务时长结转")
        reason = check_text(reason, "依据", 200, field="reason")
        if not reason:
            raise ValidationError("reason", "请写明依据（如：2025年志愿服务记录册）")
        if not 0 < minutes <= 100_000 * 60:
            raise ValidationError("minutes", "结转时长应大于0")
        with self.ctx.write() as s:
            lookup.volunteer(s, volunteer_id)
            return ledger.post(s, HoursEntry, volunteer_id, f"carry:{volunteer_id}", minutes, kind="carry",
                               summary="往年服务时长结转", reason=reason, actor=self.ctx.actor).id  # fmt: skip

    def reverse(self, entry_id: int, reason: str, ledger_name: str = "points") -> int:
        """冲正 one entry with a reason (the officer's)."""
        access.require_officer(self.ctx.actor, "冲正台账记录")
        reason = check_text(reason, "冲正原因", 200, field="reason")
        model = PointsEntry if ledger_name == "points" else HoursEntry
        with self.ctx.write() as s:
            return ledger.reverse(s, model, entry_id, reason, actor=self.ctx.actor).id

    def check(self) -> list[ledger.LedgerProblem]:
        """余额 = 明细之和 for every volunteer (the monthly check; ``verify`` runs it too)."""
        with self.ctx.read() as s:
            return ledger.check(s)
