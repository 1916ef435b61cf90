"""志愿服务活动: the activity register (new, edit, start, finish, cancel), its settings and its lists."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policeroom.errors import DomainError, NotFound, ValidationError
from policeroom.models import (
    ACTIVITY_STATUS_LABELS,
    Activity,
    ActivityStatus,
    Grid,
    Participation,
    PartStatus,
    Setting,
    TeamMember,
)
from policeroom.services.activities import access
from policeroom.services.activities.rules import (
    DEFAULT_KINDS,
    DEFAULT_LIMIT,
    DEFAULT_RATE,
    HOLDING,
    LIMIT_PERIODS,
    MAX_MINUTES,
    format_needs,
    parse_needs,
)
from policeroom.services.activities.types import ActivitiesGlance, ActivityInput, ActivityRow
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import all_terms, contains, next_value
from policeroom.services.core.text import check_text

KINDS_KEY, RATE_KEY, LIMIT_KEY = "activities.kinds", "activities.rate", "activities.redeem_limit"


def setting(s: Session, key: str, default: str) -> str:
    row = s.get(Setting, key)
    return row.value if row is not None and row.value else default


def kinds(s: Session) -> list[str]:
    try:
        value = json.loads(setting(s, KINDS_KEY, ""))
        return [str(k) for k in value] or list(DEFAULT_KINDS)
    except ValueError:
        return list(DEFAULT_KINDS)


def rate(s: Session) -> float:
    try:
        return float(setting(s, RATE_KEY, str(DEFAULT_RATE)))
    except ValueError:
        return DEFAULT_RATE


def redeem_limit(s: Session) -> str:
    value = setting(s, LIMIT_KEY, DEFAULT_LIMIT)
    return value if value in LIMIT_PERIODS else DEFAULT_LIMIT


def _put(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value


def activity_row(a: Activity, counts: dict[int, tuple[int, int, int]] | None = None) -> ActivityRow:
    signed, waiting, minutes = (counts or {}).get(a.id, (0, 0, 0))
    return ActivityRow(
        id=a.id, number=a.number, kind=a.kind, title=a.title, organiser_id=a.organiser_id,
        organiser=a.organiser.name if a.organiser else "", place=a.place, grid_id=a.grid_id,
        grid=f"{a.grid.code} {a.grid.name}" if a.grid else "", starts_at=a.starts_at, ends_at=a.ends_at,
        needs=a.needs, risky=a.risky, cap_minutes=a.cap_minutes, status=a.status.value,
        status_label=ACTIVITY_STATUS_LABELS[a.status], cancel_reason=a.cancel_reason, notes=a.notes,
        signed_up=signed, waiting=waiting, confirmed_minutes=minutes,
    )  # fmt: skip


def _counts(s: Session, ids: list[int]) -> dict[int, tuple[int, int, int]]:
    if not ids:
        return {}
    P = Participation  # noqa: N806
    from sqlalchemy import case

    rows = s.execute(
        select(
            P.activity_id,
            func.sum(case((P.status.in_(HOLDING), 1), else_=0)),
            func.sum(case((P.status == PartStatus.pending, 1), else_=0)),
            func.sum(case((P.status == PartStatus.confirmed, P.counted_minutes), else_=0)),
        )
        .where(P.activity_id.in_(ids))
        .group_by(P.activity_id)
    )
    return {aid: (int(a or 0), int(b or 0), int(c or 0)) for aid, a, b, c in rows}


class ActivityService:
    """The activity register; participations are in :class:`ParticipationService`."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- settings -------------------------------------------------------------------------
    def kinds(self) -> list[str]:
        with self.ctx.read() as s:
            return kinds(s)

    def settings(self) -> tuple[list[str], float, str]:
        """(活动类型, 每小时积分, 兑换频次)."""
        with self.ctx.read() as s:
            return kinds(s), rate(s), redeem_limit(s)

    def save_settings(self, kind_list: list[str], points_per_hour: float, limit: str) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        clean = [k.strip() for k in kind_list if k.strip()]
        if not clean:
            errors.add("kinds", "至少保留一个活动类型")
        elif len(set(clean)) != len(clean):
            errors.add("kinds", "活动类型不能重复")
        elif any(len(k) > 30 for k in clean):
            errors.add("kinds", "活动类型不能超过30个字")
        if not 0 < points_per_hour <= 100:
            errors.add("rate", "每小时积分应大于0、不超过100")
        if limit not in LIMIT_PERIODS:
            errors.add("limit", "请选择兑换频次")
        errors.raise_if_any()
        with self.ctx.write() as s:
            _put(s, KINDS_KEY, json.dumps(clean, ensure_ascii=False))
            _put(s, RATE_KEY, f"{points_per_hour:g}")
            _put(s, LIMIT_KEY, limit)

    # -- register -------------------------------------------------------------------------
    def _clean(self, s: Session, data: ActivityInput) -> ActivityInput:
        errors = FormErrors()
        if data.kind not in kinds(s):
            errors.add("kind", "请从列表中选择活动类型（类型可在设置中修改）")
        for field, label, limit in (("title", "活动名称", 100), ("place", "地点", 100), ("notes", "说明", 2000)):
            try:
                setattr(data, field, check_text(getattr(data, field), label, limit, field=field, multiline=field == "notes"))
            except ValidationError as e:
                errors.capture(e)
        if not data.title:
            errors.add("title", "请填写活动名称")
        if data.organiser_id is None or s.get(TeamMember, data.organiser_id) is None:
            errors.add("organiser_id", "请选择组织人")
        if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的活动")
        if data.starts_at is None:
            errors.add("starts_at", "请填写开始时间")
        if data.ends_at is None:
            errors.add("ends_at", "请填写结束时间")
        if data.starts_at and data.ends_at:
            if data.ends_at <= data.starts_at:
                errors.add("ends_at", "结束时间应晚于开始时间")
            elif data.ends_at - data.starts_at > timedelta(minutes=MAX_MINUTES):
                errors.add("ends_at", "一次活动不能超过24小时，跨天的活动请分开登记")
        try:
            data.needs = format_needs(parse_needs(data.needs or ""))
        except ValueError as e:
            errors.add("needs", str(e))
        if data.cap_minutes is not None and not 1 <= data.cap_minutes <= MAX_MINUTES:
            errors.add("cap_minutes", "计时上限应在1到1440分钟之间")
        errors.raise_if_any()
        return data

    def create(self, data: ActivityInput) -> int:
        with self.ctx.write() as s:
            data = self._clean(s, data)
            year = data.starts_at.year
            seq = next_value(s, f"HD{year}")
            a = Activity(number=f"HD{year}-{seq:04d}", year=year, seq=seq, status=ActivityStatus.planned)
            self._apply(a, data)
            s.add(a)
            s.flush()
            return a.id

    def update(self, activity_id: int, data: ActivityInput) -> None:
        with self.ctx.write() as s:
            a = self._get(s, activity_id)
            access.require_activity(self.ctx.actor, a)
            if a.status in (ActivityStatus.cancelled, ActivityStatus.finished):
                raise DomainError(f"活动{ACTIVITY_STATUS_LABELS[a.status]}，不能再修改。")
            data = self._clean(s, data)
            self._apply(a, data)

    @staticmethod
    def _apply(a: Activity, d: ActivityInput) -> None:
        a.kind, a.title, a.organiser_id, a.place, a.grid_id = d.kind, d.title, d.organiser_id, d.place, d.grid_id
        a.starts_at, a.ends_at, a.needs, a.risky = d.starts_at, d.ends_at, d.needs, d.risky
        a.cap_minutes, a.notes = d.cap_minutes, d.notes

    def _get(self, s: Session, activity_id: int) -> Activity:
        a = s.get(Activity, activity_id)
        if a is None:
            raise NotFound("活动不存在。")
        if not access.may_see(self.ctx.actor, a.grid_id):
            access.require_activity(self.ctx.actor, a)
        return a

    def set_status(self, activity_id: int, status: ActivityStatus, reason: str = "") -> None:
        """开始 (进行中), 结束 (已结束) or 取消 (with a reason; open participations are voided with it)."""
        with self.ctx.write() as s:
            a = self._get(s, activity_id)
            access.require_activity(self.ctx.actor, a)
            allowed = {
                ActivityStatus.planned: (ActivityStatus.running, ActivityStatus.cancelled),
                ActivityStatus.running: (ActivityStatus.finished, ActivityStatus.cancelled),
                ActivityStatus.finished: (),
                ActivityStatus.cancelled: (),
            }
            if status not in allowed[a.status]:
                raise DomainError(
                    f"活动当前为“{ACTIVITY_STATUS_LABELS[a.status]}”，不能改为“{ACTIVITY_STATUS_LABELS[status]}”。"
                )
            if status is ActivityStatus.cancelled:
                reason = check_text(reason, "取消原因", 200, field="reason")
                if not reason:
                    raise ValidationError("reason", "请填写取消原因")
                if any(p.status is PartStatus.confirmed for p in a.participations):
                    raise DomainError("活动已有确认的服务时长，不能取消；请先作废这些参加记录。")
                for p in a.participations:
                    if p.status in HOLDING:
                        p.status, p.void_reason = PartStatus.voided, f"活动已取消：{reason}"[:200]
                a.cancel_reason = reason
            a.status = status

    def get(self, activity_id: int) -> ActivityRow:
        with self.ctx.read() as s:
            a = self._get(s, activity_id)
            return activity_row(a, _counts(s, [a.id]))

    def rows(
        self, query: str = "", *, status: str | None = None, kind: str | None = None,
        date_from: date | None = None, date_to: date | None = None, limit: int | None = None,
    ) -> list[ActivityRow]:  # fmt: skip
        """Activities newest first; grid workers see their grids' only."""
        stmt = select(Activity)
        actor = self.ctx.actor
        if actor.limited_to_grids:
            stmt = stmt.where(Activity.grid_id.in_(actor.grid_ids or {-1}))
        if status:
            stmt = stmt.where(Activity.status == ActivityStatus(status))
        if kind:
            stmt = stmt.where(Activity.kind == kind)
        if date_from:
            stmt = stmt.where(Activity.ends_at >= datetime.combine(date_from, datetime.min.time()))
        if date_to:
            stmt = stmt.where(Activity.starts_at < datetime.combine(date_to + timedelta(days=1), datetime.min.time()))
        if query:
            stmt = stmt.where(
                all_terms(query, lambda t: contains(Activity.title, t) | contains(Activity.number, t) | contains(Activity.place, t))
            )
        stmt = stmt.order_by(Activity.starts_at.desc(), Activity.id.desc())
        if limit:
            stmt = stmt.limit(limit)
        with self.ctx.read() as s:
            acts = list(s.scalars(stmt))
            counts = _counts(s, [a.id for a in acts])
            return [activity_row(a, counts) for a in acts]

    def organisers(self) -> list[tuple[int, str]]:
        """Team members who may organise (active), by name."""
        with self.ctx.read() as s:
            rows = s.execute(select(TeamMember.id, TeamMember.name).where(TeamMember.active).order_by(TeamMember.id))
            return [(i, n) for i, n in rows]

    def glance(self) -> ActivitiesGlance:
        """工作台: this week's activities, hours confirmed this month, waiting confirmations and approvals."""
        from policeroom.services.activities.figures import minutes_confirmed, month_bounds, waiting_approval

        week = self.this_week()
        start, end = month_bounds(clock.now())
        scope = access.volunteer_scope(self.ctx.actor)  # grid workers: their grids' volunteers
        waiting = select(func.count()).select_from(Participation).join(Activity).where(Participation.status == PartStatus.pending)
        if self.ctx.actor.limited_to_grids:
            waiting = waiting.where(Activity.grid_id.in_(self.ctx.actor.grid_ids or {-1}))
        with self.ctx.read() as s:
            return ActivitiesGlance(
                this_week=week,
                minutes_this_month=minutes_confirmed(s, start, end, scope),
                waiting_confirmation=int(s.scalar(waiting) or 0),
                waiting_approval=waiting_approval(s, scope),
            )  # fmt: skip

    def this_week(self) -> list[ActivityRow]:
        today = clock.today()
        monday = today - timedelta(days=today.weekday())
        return [r for r in self.rows(date_from=monday, date_to=monday + timedelta(days=6)) if r.status != "cancelled"]
