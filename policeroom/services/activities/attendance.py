"""Participations (参加记录): 报名 → 录用/未录用 → 签到 → 签退 → 待确认 → 已确认 | 缺席 | 作废.

Hours are recorded by whoever keeps the sign-in sheet and confirmed by the organiser or the officer;
confirming posts the counted minutes to the hours ledger and the points they earn to the points ledger,
each under the participation's own operation key (confirming twice cannot count twice).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound, ValidationError
from policeroom.models import (
    PART_STATUS_LABELS,
    Activity,
    ActivityStatus,
    HoursEntry,
    Participation,
    PartStatus,
    PointsEntry,
)
from policeroom.services.activities import access, ledger, lookup
from policeroom.services.activities.planning import rate
from policeroom.services.activities.rules import (
    HOLDING,
    MAX_MINUTES,
    check_move,
    counted,
    flagged,
    minutes_between,
    parse_needs,
    points_for,
    star_label,
)
from policeroom.services.activities.types import ParticipationRow
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.text import check_text

#: a sign-in or sign-out may be entered this long before the activity starts or after it ends
SIGN_WINDOW = timedelta(hours=12)


def length(a: Activity) -> int:
    return minutes_between(a.starts_at, a.ends_at)


def hours_key(pid: int) -> str:
    return f"hours:participation:{pid}"


def points_key(pid: int) -> str:
    return f"points:participation:{pid}"


class ParticipationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- helpers --------------------------------------------------------------------------
    def _part(self, s: Session, pid: int) -> Participation:
        p = s.get(Participation, pid)
        if p is None:
            raise NotFound("参加记录不存在。")
        if not access.may_see(self.ctx.actor, p.activity.grid_id):
            access.require_activity(self.ctx.actor, p.activity)
        return p

    def _move(self, p: Participation, target: PartStatus) -> None:
        reason = check_move(p.status, target)
        if reason:
            raise DomainError(reason)
        if p.activity.status is ActivityStatus.cancelled and target is not PartStatus.voided:
            raise DomainError("活动已取消。")

    def _insured(self, s: Session, a: Activity, volunteer_id: int) -> None:
        if not a.risky:
            return
        v = lookup.volunteer(s, volunteer_id)
        if v.insured_until is None or v.insured_until < a.ends_at.date():
            raise DomainError(
                f"这是有风险的活动，只能安排已投保的志愿者（志愿服务条例第十七条）；{v.name}"
                + ("没有有效的意外险。" if v.insured_until is None else f"的保险在{v.insured_until}到期。")
            )

    def _overlap(self, s: Session, a: Activity, volunteer_id: int, exclude: int | None = None) -> None:
        P = Participation  # noqa: N806
        clash = s.execute(
            select(Activity.number, Activity.title)
            .join(P, P.activity_id == Activity.id)
            .where(
                P.volunteer_id == volunteer_id, P.status.in_(HOLDING), Activity.status != ActivityStatus.cancelled,
                Activity.id != a.id, Activity.starts_at < a.ends_at, Activity.ends_at > a.starts_at,
                *([P.id != exclude] if exclude else []),
            )
            .limit(1)
        ).first()  # fmt: skip
        if clash is not None:
            raise DomainError(f"同一时间该志愿者已参加 {clash[0]}“{clash[1]}”，时间重叠，不能再安排。")

    def _role_room(self, s: Session, a: Activity, role: str, exclude: int | None = None) -> None:
        needs = dict(parse_needs(a.needs or ""))
        if not needs:
            return
        if role not in needs:
            raise ValidationError("role", f"请选择岗位：{'、'.join(needs)}")
        taken = s.scalar(
            select(func.count()).select_from(Participation).where(
                Participation.activity_id == a.id, Participation.role == role,
                Participation.status.in_(tuple(x for x in HOLDING if x is not PartStatus.applied)),
                *([Participation.id != exclude] if exclude else []),
            )
        )  # fmt: skip
        if (taken or 0) >= needs[role]:
            raise DomainError(f"岗位“{role}”已录用{needs[role]}人，已满。")

    # -- the moves ------------------------------------------------------------------------
    def apply(self, activity_id: int, volunteer_id: int, role: str = "") -> int:
        """报名: one per person per activity; refused for overlapping times and, if risky, the uninsured."""
        with self.ctx.write() as s:
            a = s.get(Activity, activity_id)
            if a is None:
                raise NotFound("活动不存在。")
            access.require_activity(self.ctx.actor, a)
            if a.status in (ActivityStatus.finished, ActivityStatus.cancelled):
                raise DomainError("活动已结束或已取消，不能再报名。")
            v = lookup.volunteer(s, volunteer_id)
            access.require_volunteer(s, self.ctx.actor, volunteer_id, "网格员只能为本人负责网格的志愿者报名。")
            if not v.active:
                raise DomainError(f"{v.name}不是在册志愿者，不能报名。")
            role = check_text(role, "岗位", 20, field="role", multiline=False)
            needs = dict(parse_needs(a.needs or ""))
            if needs and role not in needs:
                raise ValidationError("role", f"请选择岗位：{'、'.join(needs)}")
            existing = s.scalar(
                select(Participation).where(Participation.activity_id == a.id, Participation.volunteer_id == volunteer_id)
            )
            if existing is not None:
                raise DomainError(f"{v.name}已在本活动中（{PART_STATUS_LABELS[existing.status]}），每人每个活动只有一条参加记录。")
            self._insured(s, a, volunteer_id)
            self._overlap(s, a, volunteer_id)
            p = Participation(
                activity_id=a.id, volunteer_id=volunteer_id, role=role, status=PartStatus.applied,
                applied_at=clock.now_minute(), scheduled_minutes=length(a), recorded_by=self.ctx.actor.name,
            )  # fmt: skip
            s.add(p)
            s.flush()
            return p.id

    def accept(self, pid: int) -> None:
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_activity(self.ctx.actor, p.activity)
            self._move(p, PartStatus.accepted)
            self._insured(s, p.activity, p.volunteer_id)
            self._role_room(s, p.activity, p.role, exclude=p.id)
            p.status = PartStatus.accepted

    def reject(self, pid: int) -> None:
        self._simple(pid, PartStatus.rejected)

    def absent(self, pid: int) -> None:
        self._simple(pid, PartStatus.absent)

    def _simple(self, pid: int, target: PartStatus) -> None:
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_activity(self.ctx.actor, p.activity)
            self._move(p, target)
            p.status = target

    def _check_time(self, a: Activity, at: datetime) -> None:
        if at > clock.now() + timedelta(minutes=5):
            raise ValidationError("at", "签到、签退时间不能晚于现在")
        if not a.starts_at - SIGN_WINDOW <= at <= a.ends_at + SIGN_WINDOW:
            raise ValidationError("at", "签到、签退时间应在活动当天（活动前后12小时内）")

    def sign_in(self, pid: int, at: datetime | None = None) -> None:
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_activity(self.ctx.actor, p.activity)
            self._move(p, PartStatus.signed_in)
            at = at or clock.now_minute()
            self._check_time(p.activity, at)
            p.status, p.signed_in_at = PartStatus.signed_in, at
            if p.activity.status is ActivityStatus.planned:
                p.activity.status = ActivityStatus.running

    def sign_out(self, pid: int, at: datetime | None = None) -> None:
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_activity(self.ctx.actor, p.activity)
            self._move(p, PartStatus.signed_out)
            at = at or clock.now_minute()
            self._check_time(p.activity, at)
            if p.signed_in_at is None or at <= p.signed_in_at:
                raise ValidationError("at", "签退时间应晚于签到时间")
            p.status, p.signed_out_at = PartStatus.signed_out, at
            self._set_minutes(p, minutes_between(p.signed_in_at, at))

    def record_minutes(self, pid: int, actual: int | None = None) -> None:
        """登记时长 → 待确认: from the sign-in and sign-out, or as entered by the organiser (paper sheet)."""
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_activity(self.ctx.actor, p.activity)
            self._move(p, PartStatus.pending)
            if actual is None:
                if p.signed_in_at is None or p.signed_out_at is None:
                    raise ValidationError("actual", "没有签到和签退时间，请填写实际时长")
                actual = minutes_between(p.signed_in_at, p.signed_out_at)
            if not 0 < actual <= MAX_MINUTES:
                raise ValidationError("actual", "实际时长应在1到1440分钟之间")
            self._set_minutes(p, actual)
            p.status, p.recorded_by = PartStatus.pending, self.ctx.actor.name

    @staticmethod
    def _set_minutes(p: Participation, actual: int) -> None:
        a = p.activity
        p.actual_minutes = actual
        p.counted_minutes = counted(actual, a.cap_minutes or length(a))
        p.flagged = flagged(actual, length(a))

    def confirm(self, pid: int) -> None:
        """确认时长: the organiser or the officer; posts hours and the points they earn."""
        with self.ctx.write() as s:
            p = self._part(s, pid)
            access.require_confirm(self.ctx.actor, p.activity)
            self._move(p, PartStatus.confirmed)
            minutes = p.counted_minutes or 0
            p.status, p.confirmed_by, p.confirmed_at = PartStatus.confirmed, self.ctx.actor.name, clock.now_minute()
            what = f"{p.activity.number} {p.activity.title}"
            if minutes:
                ledger.post(s, HoursEntry, p.volunteer_id, hours_key(p.id), minutes, kind="service", summary=what,
                            actor=self.ctx.actor, participation_id=p.id)  # fmt: skip
                pts = points_for(minutes, rate(s))
                if pts:
                    ledger.post(s, PointsEntry, p.volunteer_id, points_key(p.id), pts, kind="earn", summary=what,
                                actor=self.ctx.actor, participation_id=p.id)  # fmt: skip

    def void(self, pid: int, reason: str) -> None:
        """作废 with a reason; a confirmed participation (the officer's) reverses its hours and points."""
        with self.ctx.write() as s:
            p = self._part(s, pid)
            reason = check_text(reason, "作废原因", 200, field="reason")
            if not reason:
                raise ValidationError("reason", "请填写作废原因")
            self._move(p, PartStatus.voided)
            if p.status is PartStatus.confirmed:
                access.require_officer(self.ctx.actor, "作废已确认的服务时长")
                for model, key in ((HoursEntry, hours_key(p.id)), (PointsEntry, points_key(p.id))):
                    entry = s.scalar(select(model).where(model.op_key == key))
                    if entry is not None:
                        ledger.reverse(s, model, entry.id, f"参加记录作废：{reason}", actor=self.ctx.actor)
            else:
                access.require_activity(self.ctx.actor, p.activity)
            p.status, p.void_reason = PartStatus.voided, reason

    # -- reads ----------------------------------------------------------------------------
    def rows(self, activity_id: int | None = None, *, volunteer_id: int | None = None,
             status: PartStatus | None = None) -> list[ParticipationRow]:  # fmt: skip
        from policeroom.services.activities.points import minutes_by_volunteer

        P = Participation  # noqa: N806
        stmt = select(P, Activity).join(Activity, Activity.id == P.activity_id)
        if activity_id is not None:
            stmt = stmt.where(P.activity_id == activity_id)
        if volunteer_id is not None:
            stmt = stmt.where(P.volunteer_id == volunteer_id)
        if status is not None:
            stmt = stmt.where(P.status == status)
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(Activity.grid_id.in_(self.ctx.actor.grid_ids or {-1}))
        with self.ctx.read() as s:
            pairs = s.execute(stmt.order_by(Activity.starts_at.desc(), P.id)).all()
            people = lookup.many(s, {p.volunteer_id for p, _a in pairs})
            minutes = minutes_by_volunteer(s, set(people))
            out = []
            for p, a in pairs:
                v = people.get(p.volunteer_id)
                out.append(ParticipationRow(
                    id=p.id, activity_id=a.id, activity=f"{a.number} {a.title}", volunteer_id=p.volunteer_id,
                    volunteer_number=v.number if v else "", volunteer_name=v.name if v else "",
                    star=star_label(minutes.get(p.volunteer_id, 0)), role=p.role, status=p.status.value,
                    status_label=PART_STATUS_LABELS[p.status], signed_in_at=p.signed_in_at,
                    signed_out_at=p.signed_out_at, scheduled_minutes=p.scheduled_minutes,
                    actual_minutes=p.actual_minutes, counted_minutes=p.counted_minutes, flagged=p.flagged,
                    confirmed_by=p.confirmed_by, confirmed_at=p.confirmed_at, void_reason=p.void_reason,
                ))  # fmt: skip
            return out

    def waiting(self) -> int:
        """Participations waiting for their hours to be confirmed (待确认)."""
        stmt = select(func.count()).select_from(Participation).join(Activity).where(Participation.status == PartStatus.pending)
        if self.ctx.actor.limited_to_grids:
            stmt = stmt.where(Activity.grid_id.in_(self.ctx.actor.grid_ids or {-1}))
        with self.ctx.read() as s:
            return int(s.scalar(stmt) or 0)
