"""Patrols (巡防): routes of a grid with ordered checkpoints, patrol records, the roster's planned patrols.

A record keeps one row per checkpoint of its route (a point not reached has no time), so missed and
out-of-order points are read from it (``checkpoints.read_points``). Grid workers record patrols of
their own grids; routes are set by the officer and staff.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import NotFound, PermissionDenied, ValidationError
from policeroom.models import (
    Assignment,
    EventSource,
    Grid,
    GridEvent,
    PatrolCheckpoint,
    PatrolHelper,
    PatrolPoint,
    PatrolRecord,
    PatrolRoute,
    ShiftType,
    TeamMember,
    patrol_member,
)
from policeroom.services.activities import turns
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.fieldwork import checks
from policeroom.services.fieldwork.checkpoints import PointState, read_points
from policeroom.services.fieldwork.types import (
    HelperTurn,
    PatrolInput,
    PatrolRow,
    PlannedPatrol,
    PointRow,
    RouteInput,
    RouteRow,
)
from policeroom.services.gridwork.events import GridEventService
from policeroom.services.gridwork.types import EventInput

MAX_POINTS = 40


def route_row(r: PatrolRoute) -> RouteRow:
    return RouteRow(
        r.id, r.grid_id, f"{r.grid.code} {r.grid.name}", r.name, r.start_time, r.end_time, r.min_people,
        tuple((c.id, c.name) for c in r.checkpoints if not c.archived), r.notes, r.archived,
    )  # fmt: skip


def patrol_row(p: PatrolRecord, events: dict[int, str]) -> PatrolRow:
    pts = sorted(p.points, key=lambda x: x.seq)
    reading = read_points([PointState(x.seq, x.checkpoint.name, x.at, x.problem, x.note) for x in pts])
    route = p.route
    in_window = checks.within(p.start_time, route.start_time, route.end_time) and checks.within(
        p.end_time, route.start_time, route.end_time
    )
    return PatrolRow(
        id=p.id, day=p.day, start_time=p.start_time, end_time=p.end_time, route_id=p.route_id, route=route.name,
        grid_id=p.grid_id, grid=f"{p.grid.code} {p.grid.name}", members=tuple(m.name for m in p.members),
        member_ids=tuple(m.id for m in p.members), leader_id=p.leader_id,
        volunteers=tuple(h.name for h in p.helpers if h.kind == "volunteer"),
        guards=tuple(h.name + (f"（{h.unit}）" if h.unit else "") for h in p.helpers if h.kind == "guard"),
        min_people=route.min_people, reading=reading,
        points=tuple(PointRow(x.id, x.checkpoint_id, x.seq, x.checkpoint.name, x.at, x.problem, x.note,
                              x.event_id, events.get(x.event_id or 0, "")) for x in pts),
        findings=p.findings, live=p.live, in_window=in_window,
        volunteer_ids=tuple(h.volunteer_id for h in p.helpers if h.kind == "volunteer" and h.volunteer_id),
        free_volunteers=tuple(h.name for h in p.helpers if h.kind == "volunteer" and not h.volunteer_id),
    )  # fmt: skip


def _load(s: Session, stmt) -> list[PatrolRow]:  # noqa: ANN001 - a select of PatrolRecord
    stmt = stmt.options(
        selectinload(PatrolRecord.points).selectinload(PatrolPoint.checkpoint),
        selectinload(PatrolRecord.members), selectinload(PatrolRecord.helpers),
        selectinload(PatrolRecord.route), selectinload(PatrolRecord.grid),
    )  # fmt: skip
    records = list(s.scalars(stmt))
    event_ids = {pt.event_id for r in records for pt in r.points if pt.event_id}
    events = dict(s.execute(select(GridEvent.id, GridEvent.number).where(GridEvent.id.in_(event_ids))).all()) if event_ids else {}
    return [patrol_row(r, events) for r in records]


def _split_guard(text: str) -> tuple[str, str]:
    """``张强（安华物业）`` → (张强, 安华物业)."""
    text = text.strip()
    if text.endswith("）") and "（" in text:
        name, _, unit = text[:-1].partition("（")
        return name.strip(), unit.strip()
    return text, ""


#: the 其他志愿者 and 联防保安 lines of a patrol record, each typed as names separated by 、
HELPERS_TEXT_LIMIT = 500


class PatrolService:
    """Routes and patrol records; the roster's planned patrols matched with their records."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- routes ---------------------------------------------------------------------------
    def routes(self, *, include_archived: bool = False, grid_id: int | None = None) -> list[RouteRow]:
        stmt = select(PatrolRoute).options(selectinload(PatrolRoute.checkpoints), selectinload(PatrolRoute.grid))
        if not include_archived:
            stmt = stmt.where(PatrolRoute.archived.is_(False))
        if grid_id is not None:
            stmt = stmt.where(PatrolRoute.grid_id == grid_id)
        if (scope := checks.grid_scope(self.ctx.actor, PatrolRoute.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            return [route_row(r) for r in s.scalars(stmt.order_by(PatrolRoute.grid_id, PatrolRoute.name))]

    def route(self, route_id: int) -> RouteRow:
        for r in self.routes(include_archived=True):
            if r.id == route_id:
                return r
        with self.ctx.read() as s:
            route = s.get(PatrolRoute, route_id)
        if route is not None:  # another grid's route: refused, not "missing"
            checks.require_grid(self.ctx.actor, route.grid_id)
        raise NotFound("该巡防路线不存在或您无权查看")

    def _check_route(self, data: RouteInput) -> tuple[str, str, list[str]]:
        errors = FormErrors()
        if data.grid_id is None:
            errors.add("grid_id", "请选择网格")
        name = checks.text(errors, "name", data.name, PatrolRoute.name, "路线名称", required=True)
        notes = checks.text(errors, "notes", data.notes, PatrolRoute.notes, "备注")
        if not 1 <= data.min_people <= 50:
            errors.add("min_people", "最少人数应在1至50之间")
        if data.start_time == data.end_time:
            errors.add("end_time", "结束时间应不同于开始时间")
        points = []
        for raw in data.checkpoints:
            p = checks.text(errors, "checkpoints", raw, PatrolCheckpoint.name, "检查点名称")
            if p:
                if p in points:
                    errors.add("checkpoints", f"检查点“{p}”重复")
                points.append(p)
        if not points:
            errors.add("checkpoints", "请至少填写一个检查点（每行一个，按巡逻顺序）")
        elif len(points) > MAX_POINTS:
            errors.add("checkpoints", f"一条路线最多{MAX_POINTS}个检查点")
        errors.raise_if_any()
        return name, notes, points

    def create_route(self, data: RouteInput) -> int:
        self.ctx.actor.require(Perm.edit_all_grids)
        name, notes, points = self._check_route(data)
        with self.ctx.write() as s:
            r = PatrolRoute(grid_id=data.grid_id, name=name, start_time=data.start_time, end_time=data.end_time,
                            min_people=data.min_people, notes=notes)  # fmt: skip
            r.checkpoints = [PatrolCheckpoint(seq=i, name=p) for i, p in enumerate(points, start=1)]
            s.add(r)
            s.flush()
            return r.id

    def update_route(self, route_id: int, data: RouteInput) -> None:
        """Checkpoints are matched by name: kept ones are renumbered, new ones added, dropped ones that
        patrols already used are archived (their records keep them), unused ones deleted."""
        self.ctx.actor.require(Perm.edit_all_grids)
        name, notes, points = self._check_route(data)
        with self.ctx.write() as s:
            r = s.get(PatrolRoute, route_id)
            if r is None:
                raise NotFound("该巡防路线不存在")
            r.grid_id, r.name, r.notes = data.grid_id, name, notes  # type: ignore[assignment]
            r.start_time, r.end_time, r.min_people = data.start_time, data.end_time, data.min_people
            by_name = {c.name: c for c in r.checkpoints}
            used = set(s.scalars(select(PatrolPoint.checkpoint_id).join(PatrolCheckpoint).where(
                PatrolCheckpoint.route_id == route_id)))  # fmt: skip
            for c in list(r.checkpoints):
                if c.name not in points:
                    if c.id in used:
                        c.archived, c.seq = True, 1000 + c.seq
                    else:
                        r.checkpoints.remove(c)
            for i, p in enumerate(points, start=1):
                c = by_name.get(p)
                if c is None:
                    r.checkpoints.append(PatrolCheckpoint(seq=i, name=p))
                else:
                    c.seq, c.archived = i, False

    def archive_route(self, route_id: int, archived: bool = True) -> None:
        self.ctx.actor.require(Perm.edit_all_grids)
        with self.ctx.write() as s:
            r = s.get(PatrolRoute, route_id)
            if r is None:
                raise NotFound("该巡防路线不存在")
            r.archived = archived

    # -- records --------------------------------------------------------------------------
    def list(self, date_from: date | None = None, date_to: date | None = None, *, grid_id: int | None = None,
             only_incomplete: bool = False) -> list[PatrolRow]:  # fmt: skip
        stmt = select(PatrolRecord)
        if date_from is not None:
            stmt = stmt.where(PatrolRecord.day >= date_from)
        if date_to is not None:
            stmt = stmt.where(PatrolRecord.day <= date_to)
        if grid_id is not None:
            stmt = stmt.where(PatrolRecord.grid_id == grid_id)
        if (scope := checks.grid_scope(self.ctx.actor, PatrolRecord.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            rows = _load(s, stmt.order_by(PatrolRecord.day.desc(), PatrolRecord.start_time.desc()))
        if only_incomplete:
            rows = [r for r in rows if r.reading.missed or r.reading.out_of_order]
        return rows

    def get(self, record_id: int) -> PatrolRow:
        with self.ctx.read() as s:
            rows = _load(s, select(PatrolRecord).where(PatrolRecord.id == record_id))
        if not rows:
            raise NotFound("该巡防记录不存在")
        checks.require_grid(self.ctx.actor, rows[0].grid_id)
        return rows[0]

    def _check(self, s: Session, data: PatrolInput) -> tuple[PatrolRoute, str, list[TeamMember]]:
        errors = FormErrors()
        route = s.get(PatrolRoute, data.route_id) if data.route_id else None
        if route is None:
            errors.add("route_id", "请选择巡防路线")
        checks.day(errors, "day", data.day, "巡防日期", latest=clock.today())
        if data.start_time == data.end_time:
            errors.add("end_time", "结束时间应晚于开始时间")
        findings = checks.text(errors, "findings", data.findings, PatrolRecord.findings, "发现问题及处置")
        members = list(s.scalars(select(TeamMember).where(TeamMember.id.in_(data.member_ids))))
        if len(members) != len(set(data.member_ids)):
            errors.add("member_ids", "所选人员不存在")
        if not members:
            errors.add("member_ids", "请勾选参加巡防的团队成员")
        if data.leader_id is not None and data.leader_id not in data.member_ids:
            errors.add("leader_id", "带队人应是参加巡防的团队成员")
        for n in [*data.volunteers, *data.guards]:
            if len(n.strip()) > 50:
                errors.add("helpers", "志愿者、联防人员每人不超过50个字")
        for key, names in (("helpers", data.volunteers), ("guards", data.guards)):
            typed = len("、".join(n.strip() for n in names))
            if typed > HELPERS_TEXT_LIMIT:
                errors.add(key, f"不能超过{HELPERS_TEXT_LIMIT}个字（现在{typed}个字）")
        if route is not None:
            ids = {c.id for c in route.checkpoints}
            for p in data.points:
                if p.checkpoint_id not in ids:
                    errors.add("points", "检查点不属于所选路线")
                elif p.at is not None and not checks.within(p.at, data.start_time, data.end_time):
                    name = next(c.name for c in route.checkpoints if c.id == p.checkpoint_id)
                    errors.add("points", f"检查点“{name}”的时间 {p.at:%H:%M} 不在本次巡防时段内")
                elif len(p.note) > 200:
                    errors.add("points", "每个检查点的情况不超过200个字")
                elif p.problem and p.at is None:
                    errors.add("points", "未到达的检查点不能标为“发现问题”")
        errors.raise_if_any()
        assert route is not None
        checks.require_grid(self.ctx.actor, route.grid_id)
        return route, findings, members

    def _fill(self, s: Session, rec: PatrolRecord, data: PatrolInput, route: PatrolRoute, findings: str,
              members: list[TeamMember]) -> None:  # fmt: skip
        rec.route_id, rec.grid_id, rec.day = route.id, route.grid_id, data.day  # type: ignore[assignment]
        rec.start_time, rec.end_time, rec.findings, rec.live = data.start_time, data.end_time, findings, data.live
        rec.members = members
        rec.leader_id = data.leader_id if data.leader_id is not None else members[0].id
        # registered volunteers: 在册 and of the route's grid (id → name), each with hours to confirm
        picked = turns.check_volunteers(s, route.grid_id, data.volunteer_ids)
        helpers = [("volunteer", n[:50], "", vid) for vid, n in picked.items()]
        helpers += [("volunteer", n.strip(), "", None) for n in data.volunteers if n.strip() and n.strip() not in picked.values()]
        helpers += [("guard", *_split_guard(n), None) for n in data.guards if n.strip()]
        old = {(h.kind, h.name, h.unit, h.volunteer_id): h for h in rec.helpers}
        rec.helpers = [old.get(k) or PatrolHelper(kind=k[0], name=k[1], unit=k[2], volunteer_id=k[3]) for k in helpers]
        given = {p.checkpoint_id: p for p in data.points}
        existing = {p.checkpoint_id: p for p in rec.points}
        # a new record takes the route's points as they are; an edited one keeps the points it was walked with
        points = [c for c in route.checkpoints if c.id in existing] if existing else [
            c for c in route.checkpoints if not c.archived]
        for c in points:
            p = given.get(c.id)
            row = existing.get(c.id)
            if row is None:  # a point keeps its place in the route as it was on the patrol's day
                row = PatrolPoint(checkpoint_id=c.id, seq=c.seq)
                rec.points.append(row)
            row.at = p.at if p else None
            row.problem = bool(p and p.problem)
            row.note = (p.note.strip() if p else "")[:200]

    def create(self, data: PatrolInput) -> int:
        with self.ctx.write() as s:
            route, findings, members = self._check(s, data)
            rec = PatrolRecord()
            s.add(rec)
            self._fill(s, rec, data, route, findings, members)
            s.flush()
            self._volunteer_hours(s, rec, data)
            return rec.id

    def update(self, record_id: int, data: PatrolInput) -> None:
        with self.ctx.write() as s:
            rec = s.get(PatrolRecord, record_id)
            if rec is None:
                raise NotFound("该巡防记录不存在")
            checks.require_grid(self.ctx.actor, rec.grid_id)
            route, findings, members = self._check(s, data)
            if route.id != rec.route_id:
                rec.points.clear()
                s.flush()
            self._fill(s, rec, data, route, findings, members)
            s.flush()
            self._volunteer_hours(s, rec, data)

    def _volunteer_hours(self, s: Session, rec: PatrolRecord, data: PatrolInput) -> None:
        """The registered volunteers' 智慧义巡 participations, 待确认 (services/activities/turns.py)."""
        start = datetime.combine(rec.day, rec.start_time)
        end = start + timedelta(minutes=checks.minutes(rec.start_time, rec.end_time))
        turn = turns.PatrolTurn(rec.id, start, end, rec.grid_id, rec.leader_id, f"巡防 {rec.route.name}",
                                rec.route.name)  # fmt: skip
        turns.sync_patrol(s, self.ctx.actor, turn, list(data.volunteer_ids))

    def delete(self, record_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            rec = s.get(PatrolRecord, record_id)
            if rec is None:
                raise NotFound("该巡防记录不存在")
            if any(p.event_id for p in rec.points):
                raise PermissionDenied("该巡防记录的发现已转为网格事件，不能删除。")
            turns.drop_patrol(s, rec.id)
            s.delete(rec)
        return "deleted"

    def report_finding(self, point_id: int, category_id: int, description: str) -> str:
        """发现问题 → 网格事件 in one click: returns the event's number (SJ2026-000001).

        The event is registered by the grid-events service in this transaction (its number, checks,
        loop history and due date are the events' own); the checkpoint keeps the link.
        """
        with self.ctx.write() as s:
            pt = s.get(PatrolPoint, point_id)
            if pt is None:
                raise NotFound("该检查点记录不存在")
            rec = pt.record
            checks.require_grid(self.ctx.actor, rec.grid_id)
            if pt.event_id is not None:
                raise ValidationError("point", "这个发现已转为网格事件")
            if not pt.problem:
                raise ValidationError("point", "只有“发现问题”的检查点可以转为网格事件")
            reporter = self.ctx.actor.member_id or rec.leader_id
            data = EventInput(
                EventSource.patrol, category_id, rec.grid_id, datetime.combine(rec.day, pt.at or rec.start_time),
                (description or "").strip() or pt.note, location=f"{rec.route.name} · {pt.checkpoint.name}"[:200],
                reporter_id=reporter, reporter_name="" if reporter else self.ctx.actor.name,
            )  # fmt: skip
            event = GridEventService(self.ctx).create_in(s, data, [], clock.now())
            pt.event_id = event.id
            return event.number

    def volunteer_choices(self, route_id: int | None) -> list[tuple[int, str]]:
        """在册 volunteers of the route's grid, to pick on the patrol record (their hours then wait for 确认)."""
        with self.ctx.read() as s:
            route = s.get(PatrolRoute, route_id) if route_id else None
            if route is None:
                return []
            checks.require_grid(self.ctx.actor, route.grid_id)
            return turns.grid_volunteers(s, route.grid_id)

    def event_categories(self) -> list[tuple[int, str]]:
        """(id, name) of the event categories in use, in their order."""
        return GridEventService(self.ctx).categories()

    def helper_turns(self, date_from: date, date_to: date, kind: str = "volunteer") -> list[HelperTurn]:
        """Volunteers (``guard``: partner units' guards) on patrols from ``date_from`` to ``date_to``."""
        stmt = (select(PatrolHelper, PatrolRecord).join(PatrolRecord, PatrolRecord.id == PatrolHelper.record_id)
                .where(PatrolHelper.kind == kind, PatrolRecord.day.between(date_from, date_to))
                .options(selectinload(PatrolRecord.grid)).order_by(PatrolRecord.day, PatrolHelper.id))  # fmt: skip
        if (scope := checks.grid_scope(self.ctx.actor, PatrolRecord.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            return [HelperTurn(r.id, h.id, h.kind, h.name, h.unit, h.volunteer_id, r.day,
                               round(checks.minutes(r.start_time, r.end_time) / 60, 1), f"{r.grid.code} {r.grid.name}")
                    for h, r in s.execute(stmt)]  # fmt: skip

    # -- the roster -----------------------------------------------------------------------
    def planned(self, date_from: date, date_to: date, *, today: date | None = None) -> list[PlannedPatrol]:
        """巡防 shifts of the roster from ``date_from`` to ``date_to`` (up to today), each with its records.

        A shift on a grid is matched by a record of that grid on that day; a shift without a grid by a
        record on that day with one of its people.
        """
        today = today or clock.today()
        date_to = min(date_to, today)
        actor = self.ctx.actor
        with self.ctx.read() as s:
            cells = s.execute(
                select(Assignment.day, Assignment.grid_id, Assignment.member_id)
                .join(ShiftType, ShiftType.id == Assignment.shift_type_id)
                .where(ShiftType.post == "patrol", Assignment.day.between(date_from, date_to))
            ).all()
            names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            grids = {g.id: f"{g.code} {g.name}" for g in s.scalars(select(Grid))}
            recs = s.execute(
                select(PatrolRecord.id, PatrolRecord.day, PatrolRecord.grid_id).where(
                    PatrolRecord.day.between(date_from, date_to))
            ).all()  # fmt: skip
            people: dict[int, set[int]] = {}
            for pid, mid in s.execute(select(patrol_member.c.patrol_id, patrol_member.c.member_id)
                                      .where(patrol_member.c.patrol_id.in_([r.id for r in recs]))):  # fmt: skip
                people.setdefault(pid, set()).add(mid)
        plans: dict[tuple[date, int | None], list[int]] = {}
        for day_, grid_id, member_id in cells:
            plans.setdefault((day_, grid_id), []).append(member_id)
        out = []
        for (day_, grid_id), mids in sorted(plans.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            if actor.limited_to_grids and grid_id not in actor.grid_ids:
                continue
            if grid_id is not None:
                matched = tuple(r.id for r in recs if r.day == day_ and r.grid_id == grid_id)
            else:
                matched = tuple(r.id for r in recs if r.day == day_ and people.get(r.id, set()) & set(mids))
            out.append(PlannedPatrol(day_, grid_id, grids.get(grid_id or 0, "（未指定网格）"),
                                     tuple(names.get(m, "") for m in mids), matched))  # fmt: skip
        return out

