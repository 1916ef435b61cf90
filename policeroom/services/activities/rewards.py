"""积分兑换: the rewards catalogue and redemptions 申请 → 审批 → 发券 → 核销 | 过期 | 撤销.

Points are taken when the volunteer applies (so two applications cannot spend the same points) and
given back by a reversing entry when the redemption is revoked or its voucher expires; the item's stock
goes down and up with them and never below zero. How often one volunteer may redeem is a setting.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound, ValidationError
from policeroom.models import (
    REDEMPTION_STATUS_LABELS,
    PointsEntry,
    Redemption,
    RedemptionStatus,
    RewardItem,
)
from policeroom.services.activities import access, ledger, lookup
from policeroom.services.activities.figures import waiting_approval
from policeroom.services.activities.planning import redeem_limit
from policeroom.services.activities.rules import LIMIT_PERIODS, VOUCHER_DAYS, fmt_points, period_start
from policeroom.services.activities.types import RedemptionRow, RewardRow
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import next_value
from policeroom.services.core.text import check_text

RS = RedemptionStatus
#: what each move needs the redemption to be in
FROM = {
    "approve": (RS.applied,),
    "issue": (RS.approved,),
    "redeem": (RS.issued,),
    "expire": (RS.issued,),
    "revoke": (RS.applied, RS.approved, RS.issued),
}
MOVE_NAMES = {"approve": "审批", "issue": "发券", "redeem": "核销", "expire": "过期处理", "revoke": "撤销"}


def redeem_key(rid: int) -> str:
    return f"redeem:{rid}"


def voucher_number(year: int, seq: int) -> str:
    return f"DH{year}-{seq:06d}"


def _row(r: Redemption, v) -> RedemptionRow:  # noqa: ANN001 - VolunteerInfo | None
    return RedemptionRow(
        id=r.id, number=r.number or "", volunteer_id=r.volunteer_id, volunteer_number=v.number if v else "",
        volunteer_name=v.name if v else "", item=r.item.name, points=r.points, status=r.status.value,
        status_label=REDEMPTION_STATUS_LABELS[r.status], applied_at=r.applied_at, approved_by=r.approved_by,
        approved_at=r.approved_at, issued_at=r.issued_at, valid_until=r.valid_until, redeemed_by=r.redeemed_by,
        redeemed_at=r.redeemed_at, redeemed_place=r.redeemed_place, closed_reason=r.closed_reason,
    )  # fmt: skip


class RewardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- catalogue ------------------------------------------------------------------------
    def items(self, *, available_only: bool = False) -> list[RewardRow]:
        stmt = select(RewardItem).order_by(RewardItem.points, RewardItem.name)
        if available_only:
            stmt = stmt.where(RewardItem.active, RewardItem.stock > 0)
        with self.ctx.read() as s:
            today = clock.today()
            return [
                RewardRow(i.id, i.name, i.points, i.stock, i.valid_until, i.active)
                for i in s.scalars(stmt)
                if not available_only or i.valid_until is None or i.valid_until >= today
            ]

    def save_item(self, item_id: int | None, name: str, points: int, stock: int, valid_until: date | None,
                  active: bool = True) -> int:  # fmt: skip
        access.require_desk(self.ctx.actor, "维护兑换物品")
        errors = FormErrors()
        try:
            name = check_text(name, "物品", 60, field="name", multiline=False)
        except ValidationError as e:
            errors.capture(e)
        if not name:
            errors.add("name", "请填写物品名称")
        if not 1 <= points <= 100_000:
            errors.add("points", "所需积分应在1到100000之间")
        if not 0 <= stock <= 100_000:
            errors.add("stock", "库存不能小于0")
        errors.raise_if_any()
        with self.ctx.write() as s:
            item = s.get(RewardItem, item_id) if item_id else RewardItem()
            if item is None:
                raise NotFound("兑换物品不存在。")
            clash = s.scalar(select(RewardItem.id).where(RewardItem.name == name, RewardItem.id != (item_id or 0)))
            if clash:
                raise ValidationError("name", "已有同名的兑换物品")
            item.name, item.points, item.stock, item.valid_until, item.active = name, points, stock, valid_until, active
            s.add(item)
            s.flush()
            return item.id

    # -- redemptions ----------------------------------------------------------------------
    def _get(self, s: Session, rid: int, move: str) -> Redemption:
        r = s.get(Redemption, rid)
        if r is None:
            raise NotFound("兑换记录不存在。")
        if r.status not in FROM[move]:
            raise DomainError(f"该兑换当前为“{REDEMPTION_STATUS_LABELS[r.status]}”，不能{MOVE_NAMES[move]}。")
        return r

    def apply(self, volunteer_id: int, item_id: int) -> int:
        """申请: checks the item (on offer, in stock), the frequency limit and the points (积分不足)."""
        access.require_desk(self.ctx.actor, "登记积分兑换")
        with self.ctx.write() as s:
            v = lookup.volunteer(s, volunteer_id)
            if not v.active:
                raise DomainError(f"{v.name}不是在册志愿者，不能兑换。")
            item = s.get(RewardItem, item_id)
            today = clock.today()
            if item is None or not item.active or (item.valid_until and item.valid_until < today):
                raise DomainError("该物品已停止兑换。")
            if item.stock <= 0:
                raise DomainError(f"“{item.name}”库存不足。")
            period = redeem_limit(s)
            start = period_start(today, period)
            if start is not None:
                used = s.scalar(
                    select(func.count()).select_from(Redemption).where(
                        Redemption.volunteer_id == volunteer_id,
                        Redemption.applied_at >= datetime.combine(start, datetime.min.time()),
                        Redemption.status.not_in((RS.revoked, RS.expired)),
                    )
                )  # fmt: skip
                if used:
                    raise DomainError(f"兑换频次限制为{LIMIT_PERIODS[period]}，{v.name}本期已兑换过。")
            r = Redemption(volunteer_id=volunteer_id, item_id=item.id, points=item.points, status=RS.applied,
                           applied_at=clock.now_minute())  # fmt: skip
            s.add(r)
            s.flush()
            ledger.post(s, PointsEntry, volunteer_id, redeem_key(r.id), -item.points * 10, kind="redeem",
                        summary=f"兑换 {item.name}", actor=self.ctx.actor, redemption_id=r.id)  # fmt: skip
            item.stock -= 1
            return r.id

    def approve(self, rid: int) -> None:
        access.require_officer(self.ctx.actor, "审批积分兑换")
        with self.ctx.write() as s:
            r = self._get(s, rid, "approve")
            r.status, r.approved_by, r.approved_at = RS.approved, self.ctx.actor.name, clock.now_minute()

    def issue(self, rid: int) -> str:
        """发券: a numbered voucher (DH2026-000001), valid for 90 days."""
        access.require_desk(self.ctx.actor, "发放兑换券")
        with self.ctx.write() as s:
            r = self._get(s, rid, "issue")
            now = clock.now_minute()
            seq = next_value(s, f"DH{now.year}")
            r.number, r.year, r.seq = voucher_number(now.year, seq), now.year, seq
            r.status, r.issued_at, r.valid_until = RS.issued, now, now.date() + timedelta(days=VOUCHER_DAYS)
            return r.number

    def redeem(self, rid: int, by: str, place: str) -> None:
        """核销: who, where (when is now); an expired voucher cannot be redeemed."""
        access.require_desk(self.ctx.actor, "核销兑换券")
        errors = FormErrors()
        try:
            by = check_text(by, "核销人", 50, field="by", multiline=False)
            place = check_text(place, "核销地点", 100, field="place", multiline=False)
        except ValidationError as e:
            errors.capture(e)
        if not by:
            errors.add("by", "请填写核销人")
        if not place:
            errors.add("place", "请填写核销地点")
        errors.raise_if_any()
        with self.ctx.write() as s:
            r = self._get(s, rid, "redeem")
            if r.valid_until and r.valid_until < clock.today():
                raise DomainError(f"兑换券 {r.number} 已于{r.valid_until}过期，不能核销。")
            r.status, r.redeemed_by, r.redeemed_place, r.redeemed_at = RS.redeemed, by, place, clock.now_minute()

    def revoke(self, rid: int, reason: str) -> None:
        """撤销 (the officer's, with a reason): the points come back by a reversing entry, the stock by one."""
        access.require_officer(self.ctx.actor, "撤销积分兑换")
        reason = check_text(reason, "撤销原因", 200, field="reason")
        if not reason:
            raise ValidationError("reason", "请填写撤销原因")
        with self.ctx.write() as s:
            self._close(s, self._get(s, rid, "revoke"), RS.revoked, reason)

    def expire_overdue(self) -> int:
        """过期: issued vouchers past their date; returns how many."""
        access.require_desk(self.ctx.actor, "过期处理")
        today = clock.today()
        with self.ctx.write() as s:
            due = list(s.scalars(select(Redemption).where(Redemption.status == RS.issued, Redemption.valid_until < today)))
            for r in due:
                self._close(s, r, RS.expired, f"兑换券有效期至{r.valid_until}，未核销")
            return len(due)

    def _close(self, s: Session, r: Redemption, status: RedemptionStatus, reason: str) -> None:
        entry = s.scalar(select(PointsEntry).where(PointsEntry.op_key == redeem_key(r.id)))
        if entry is not None:
            ledger.reverse(s, PointsEntry, entry.id, reason, actor=self.ctx.actor, op_key=f"return:{r.id}")
        r.item.stock += 1
        r.status, r.closed_reason, r.closed_at = status, reason[:200], clock.now_minute()

    def rows(self, status: str | None = None, query: str = "") -> list[RedemptionRow]:
        stmt = select(Redemption).order_by(Redemption.applied_at.desc(), Redemption.id.desc())
        if status:
            stmt = stmt.where(Redemption.status == RS(status))
        scope = access.volunteer_scope(self.ctx.actor)
        if scope is not None:
            stmt = stmt.where(Redemption.volunteer_id.in_(scope))
        with self.ctx.read() as s:
            items = list(s.scalars(stmt))
            people = lookup.many(s, {r.volunteer_id for r in items})
            rows = [_row(r, people.get(r.volunteer_id)) for r in items]
        q = query.strip()
        if q:
            rows = [r for r in rows if q in r.number or q in r.volunteer_name or q in r.volunteer_number or q in r.item]
        return rows

    def by_number(self, number: str) -> RedemptionRow:
        with self.ctx.read() as s:
            r = s.scalar(select(Redemption).where(Redemption.number == number.strip().upper()))
            if r is None:
                raise NotFound(f"没有编号为 {number} 的兑换券。")
            access.require_volunteer(s, self.ctx.actor, r.volunteer_id)
            return _row(r, lookup.volunteer(s, r.volunteer_id))

    def waiting_approval(self) -> int:
        """Redemptions waiting for the officer's approval (grid workers: of their grids' volunteers)."""
        with self.ctx.read() as s:
            return waiting_approval(s, access.volunteer_scope(self.ctx.actor))

    @staticmethod
    def points_text(points: int) -> str:
        return fmt_points(points * 10)
