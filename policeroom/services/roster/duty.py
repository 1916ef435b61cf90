"""On post (在岗): check-in / check-out at the desk (签到 / 签退) compared with the roster, the 当前在岗 board,
and the handover log (交接班记录)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from policeroom.errors import DomainError, NotFound, PermissionDenied, ValidationError
from policeroom.models import Assignment, Attendance, Grid, Handover, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.roster.config import load_problem
from policeroom.services.roster.types import NeedKind, Post, Shift

GRACE = timedelta(minutes=5)  # late / early by more than this counts
EARLY_CHECK_IN = timedelta(minutes=60)


@dataclass(frozen=True)
class OnPost:
    member_id: int
    name: str
    shift: str
    post: str  # 驻守接待 / 值班 / 巡防（安华里一网格）
    until: datetime
    checked_in: bool


@dataclass(frozen=True)
class Board:
    """当前在岗: who is on post now, and warnings for the hours ahead."""

    now: datetime
    on_post: list[OnPost]
    warnings: list[str]


@dataclass(frozen=True)
class AttendanceRow:
    day: date
    member: str
    shift: str
    planned: str
    check_in: datetime | None
    check_out: datetime | None
    status: str  # 正常 / 迟到 / 早退 / 迟到、早退 / 缺勤 / 未签退 / 未到班时间
    member_id: int = 0
    post: str = ""

    @property
    def bad(self) -> bool:
        return any(w in self.status for w in ("迟到", "早退", "缺勤", "未签退"))


@dataclass(frozen=True)
class HandoverRow:
    id: int
    at: datetime
    matters: str
    from_name: str
    to_name: str


def _span(day: date, s: Shift) -> tuple[datetime, datetime]:
    base = datetime.combine(day, datetime.min.time())
    return base + timedelta(minutes=s.start_min), base + timedelta(minutes=s.end_min)


class DutyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _shift_map(self, s) -> dict[int, Shift]:  # noqa: ANN001
        from policeroom.models import ShiftType
        from policeroom.services.roster.config import shift_of

        return {r.id: shift_of(r) for r in s.scalars(select(ShiftType))}

    # -- check-in ---------------------------------------------------------------------------
    def check_in(self, member_id: int, at: datetime | None = None) -> str:
        """Record the person's arrival on their current or next shift; returns a confirmation line."""
        return self._clock(member_id, at or clock.now().replace(microsecond=0), arrive=True)

    def check_out(self, member_id: int, at: datetime | None = None) -> str:
        return self._clock(member_id, at or clock.now().replace(microsecond=0), arrive=False)

    def _clock(self, member_id: int, at: datetime, arrive: bool) -> str:
        actor = self.ctx.actor
        if not actor.can(Perm.edit_roster) and actor.member_id != member_id:
            raise PermissionDenied("网格员只能为本人签到签退。")
        with self.ctx.write() as s:
            member = s.get(TeamMember, member_id)
            if member is None:
                raise NotFound("这名团队成员已不存在。")
            shifts = self._shift_map(s)
            rows = s.scalars(select(Assignment).where(
                Assignment.member_id == member_id, Assignment.day.between(at.date() - timedelta(days=1), at.date())))
            best = None
            for a in rows:
                sh = shifts[a.shift_type_id]
                if not sh.work:
                    continue
                start, end = _span(a.day, sh)
                if start - EARLY_CHECK_IN <= at <= end + timedelta(hours=2):
                    best = (a, sh, start, end) if best is None or start > best[2] else best
            if best is None:
                raise DomainError(f"{member.name}现在没有排班（前后一小时内），无法{'签到' if arrive else '签退'}。")
            a, sh, start, end = best
            rec = s.scalar(select(Attendance).where(Attendance.member_id == member_id, Attendance.day == a.day,
                                                    Attendance.shift_type_id == sh.id))
            if rec is None:
                rec = Attendance(member_id=member_id, day=a.day, shift_type_id=sh.id, recorded_by=actor.name)
                s.add(rec)
            if arrive:
                if rec.check_in is not None:
                    raise DomainError(f"{member.name}已于{rec.check_in:%H:%M}签到。")
                rec.check_in = at
                late = at - start > GRACE
                return f"{member.name} {at:%H:%M} 签到（{sh.name}{' · 迟到' if late else ''}）"
            if rec.check_in is None:
                raise DomainError(f"{member.name}本班还没有签到，请先签到。")
            if rec.check_out is not None:
                raise DomainError(f"{member.name}已于{rec.check_out:%H:%M}签退。")
            rec.check_out = at
            early = end - at > GRACE
            return f"{member.name} {at:%H:%M} 签退（{sh.name}{' · 早退' if early else ''}）"

    def attendance(self, start: date, end: date, now: datetime | None = None) -> list[AttendanceRow]:
        """Every work shift of the period against its check-in record: 迟到、早退、缺勤."""
        now = now or clock.now()
        with self.ctx.read() as s:
            shifts = self._shift_map(s)
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            recs = {(r.member_id, r.day, r.shift_type_id): r for r in s.scalars(
                select(Attendance).where(Attendance.day.between(start, end)))}
            grids = dict(s.execute(select(Grid.id, Grid.name)).all())
            cells = s.execute(select(Assignment.member_id, Assignment.day, Assignment.shift_type_id, Assignment.grid_id)
                              .where(Assignment.day.between(start, end))
                              .order_by(Assignment.day, Assignment.shift_type_id, Assignment.member_id)).all()
        out = []
        for mid, day, sid, gid in cells:
            sh = shifts[sid]
            if not sh.work:
                continue
            t0, t1 = _span(day, sh)
            r = recs.get((mid, day, sid))
            cin, cout = (r.check_in, r.check_out) if r else (None, None)
            if t0 > now:
                status = "未到班时间"
            elif cin is None:
                status = "缺勤" if now > t0 + GRACE else "待签到"
            else:
                bad = []
                if cin - t0 > GRACE:
                    bad.append("迟到")
                if cout is not None and t1 - cout > GRACE:
                    bad.append("早退")
                if cout is None and now > t1 + timedelta(hours=2):
                    bad.append("未签退")
                status = "、".join(bad) or ("正常" if cout or now <= t1 else "正常")
            out.append(AttendanceRow(day, names.get(mid, ""), sh.name, sh.times, cin, cout, status, mid,
                                     sh.post.label + (f"（{grids.get(gid, '')}）" if gid is not None else "")))
        return out

    # -- the board --------------------------------------------------------------------------
    def board(self, now: datetime | None = None, hours_ahead: int = 12) -> Board:
        """Who is on post now and where; warnings when the hours ahead have fewer people than required."""
        now = (now or clock.now()).replace(second=0, microsecond=0)
        with self.ctx.read() as s:
            p = load_problem(s, now.date() - timedelta(days=1), now.date() + timedelta(days=1))
            names = {m.id: m.name for m in p.members}
            grids = dict(s.execute(select(Grid.id, Grid.name)).all())
            rows = s.execute(select(Assignment.member_id, Assignment.day, Assignment.shift_type_id, Assignment.grid_id)
                             .where(Assignment.day.between(p.start, p.end))).all()
            ins = {(r.member_id, r.day, r.shift_type_id) for r in s.scalars(
                select(Attendance).where(Attendance.day.between(p.start, p.end), Attendance.check_in.is_not(None),
                                         Attendance.check_out.is_(None)))}
        shifts = {x.id: x for x in p.shifts}
        spans = []
        for mid, day, sid, gid in rows:
            if sid in shifts and mid in names:
                t0, t1 = _span(day, shifts[sid])
                spans.append((mid, day, shifts[sid], gid, t0, t1))
        on_post = []
        for mid, day, sh, gid, t0, t1 in spans:
            if t0 <= now < t1:
                where = sh.post.label + (f"（{grids.get(gid, '')}）" if sh.post == Post.patrol and gid else "")
                on_post.append(OnPost(mid, names[mid], sh.name, where, t1, (mid, day, sh.id) in ins))
        on_post.sort(key=lambda o: (o.shift, o.name))
        return Board(now, on_post, self._ahead(p, spans, now, hours_ahead))

    def _ahead(self, p, spans, now: datetime, hours: int) -> list[str]:  # noqa: ANN001
        warnings = []
        night_needs = {}
        for n in p.needs:
            if n.kind == NeedKind.shift:
                for sid in n.shift_ids:
                    night_needs.setdefault(sid, []).append(n)
        shifts = {x.id: x for x in p.shifts}
        for sid, needs in night_needs.items():
            sh = shifts.get(sid)
            if sh is None:
                continue
            for day in (now.date() - timedelta(days=1), now.date(), now.date() + timedelta(days=1)):
                t0, t1 = _span(day, sh)
                if t1 <= now or t0 > now + timedelta(hours=hours):
                    continue
                want = max((n.min_count for n in needs if n.applies(p.kind(day)) and n.roles is None), default=0)
                have = sum(1 for _m, d, x, _g, _a, _b in spans if x.id == sid and d == day)
                if want and have < want:
                    when = "现在" if t0 <= now else f"{'今天' if t0.date() == now.date() else '明天'}{t0:%H:%M}起"
                    extra = "，达不到“1分钟自救、3分钟互救”的互相照应要求" if have <= 1 and want >= 2 else ""
                    warnings.append(f"{when}{sh.name}只排了{have}人，要求{want}人{extra}")
        return warnings

    # -- handover ---------------------------------------------------------------------------
    def add_handover(self, at: datetime, matters: str, from_member: int | None, to_member: int | None) -> int:
        self.ctx.actor.require(Perm.edit_roster) if self.ctx.actor.member_id not in (from_member, to_member) else None
        if not matters.strip():
            raise ValidationError("matters", "请填写交接事项")
        if len(matters) > 2000:
            raise ValidationError("matters", "交接事项不能超过2000字")
        with self.ctx.write() as s:
            row = Handover(at=at.replace(second=0, microsecond=0), matters=matters.strip(),
                           from_member_id=from_member, to_member_id=to_member)
            s.add(row)
            s.flush()
            return row.id

    def delete_handover(self, handover_id: int) -> None:
        """Delete a handover: the officer any, others only one they handed over themselves."""
        actor = self.ctx.actor
        with self.ctx.write() as s:
            row = s.get(Handover, handover_id)
            if row is None:
                raise NotFound("这条交接班记录已不存在。")
            if actor.member_id is None or row.from_member_id != actor.member_id:
                actor.require(Perm.delete)
            s.delete(row)

    def sheet(self, day: date) -> tuple[list[tuple[str, ...]], list[tuple[datetime, str, str, str]]]:
        """The day's duty sheet (值班日志): (班次, 姓名, 岗位, 时间, 签到, 签退) rows and the handover entries."""
        with self.ctx.read() as s:
            shifts = self._shift_map(s)
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            grids = dict(s.execute(select(Grid.id, Grid.name)).all())
            cells = s.execute(select(Assignment.member_id, Assignment.shift_type_id, Assignment.grid_id)
                              .where(Assignment.day == day)).all()
            clocks = {(r.member_id, r.shift_type_id): r for r in s.scalars(
                select(Attendance).where(Attendance.day == day))}
        order = {sid: (sh.start_min, sid) for sid, sh in shifts.items()}
        rows = []
        for mid, sid, gid in sorted(cells, key=lambda c: (order[c[1]], names.get(c[0], ""))):
            sh = shifts[sid]
            where = sh.post.label + (f"（{grids.get(gid, '')}）" if gid is not None else "")
            rec = clocks.get((mid, sid))
            cin = f"{rec.check_in:%H:%M}" if rec is not None and rec.check_in else ""
            cout = f"{rec.check_out:%H:%M}" if rec is not None and rec.check_out else ""
            rows.append((sh.name, names.get(mid, ""), where, sh.times, cin, cout))
        return rows, [(h.at, h.matters, h.from_name, h.to_name) for h in self.handovers(day)]

    def handovers(self, day: date) -> list[HandoverRow]:
        start = datetime.combine(day, datetime.min.time())
        with self.ctx.read() as s:
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            rows = s.scalars(select(Handover).where(Handover.at >= start, Handover.at < start + timedelta(days=1))
                             .order_by(Handover.at))
            return [HandoverRow(r.id, r.at, r.matters, names.get(r.from_member_id, ""), names.get(r.to_member_id, ""))
                    for r in rows]
