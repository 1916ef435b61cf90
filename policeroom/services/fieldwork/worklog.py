"""The work log (警务工作日志): a person's entries by day and week, hand-written entries, the weekly duties.

Entries come from the records (``sources``); hand-written ones are stored in ``work_log_entry``.
Everyone keeps their own log; the officer and staff read (and write) everyone's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select

from policeroom.errors import NotFound, PermissionDenied
from policeroom.models import MemberRole, TeamMember, WorkLogEntry
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.fieldwork import checks
from policeroom.services.fieldwork.sources import CATEGORIES, ENTRY_KINDS, LogItem, log_items


@dataclass
class EntryInput:
    member_id: int | None
    day: date | None
    category: str
    content: str
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    kind: str = ""
    result: str = ""


@dataclass(frozen=True)
class LogWeek:
    """A person's week of the log: the entries by day and the hours they account for."""

    member_id: int
    member: str
    role: str
    start: date
    items: tuple[LogItem, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def day(self, d: date) -> list[LogItem]:
        return [i for i in self.items if i.day == d]

    @property
    def hours(self) -> float:
        return round(sum(i.minutes for i in self.items) / 60, 1)

    def by_category(self) -> dict[str, int]:
        out = dict.fromkeys(CATEGORIES, 0)
        for i in self.items:
            out[i.category] = out.get(i.category, 0) + 1
        return out


class WorkLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _may_read(self, member_id: int) -> None:
        actor = self.ctx.actor
        if actor.limited_to_grids and member_id != actor.member_id:
            raise PermissionDenied("网格员只能查看和填写本人的工作日志。")

    def members(self) -> list[tuple[int, str]]:
        """Whose logs the actor may open: everyone in the team (active), or only themselves."""
        with self.ctx.read() as s:
            stmt = select(TeamMember).where(TeamMember.active.is_(True), TeamMember.role != MemberRole.volunteer)
            if self.ctx.actor.limited_to_grids:
                stmt = stmt.where(TeamMember.id == (self.ctx.actor.member_id or 0))
            return [(m.id, f"{m.name}（{m.role.label}）") for m in s.scalars(stmt.order_by(TeamMember.id))]

    def member_by_name(self, name: str) -> int:
        with self.ctx.read() as s:
            ids = list(s.scalars(select(TeamMember.id).where(TeamMember.name == name.strip())))
        if not ids:
            raise NotFound(f"团队中没有名为“{name}”的成员")
        return ids[0]

    def items(self, member_id: int, date_from: date, date_to: date) -> list[LogItem]:
        self._may_read(member_id)
        with self.ctx.read() as s:
            return log_items(s, date_from, date_to, {member_id})

    def week(self, member_id: int, any_day: date) -> LogWeek:
        """The ISO week (Monday to Sunday) containing ``any_day``."""
        self._may_read(member_id)
        start = any_day - timedelta(days=any_day.weekday())
        with self.ctx.read() as s:
            m = s.get(TeamMember, member_id)
            if m is None:
                raise NotFound("该团队成员不存在")
            items = log_items(s, start, start + timedelta(days=6), {member_id})
            return LogWeek(member_id, m.name, m.role.label, start, tuple(items))

    # -- hand-written entries -------------------------------------------------------------
    def entry(self, entry_id: int) -> EntryInput:
        with self.ctx.read() as s:
            e = s.get(WorkLogEntry, entry_id)
            if e is None:
                raise NotFound("该工作日志不存在")
            self._may_read(e.member_id)
            return EntryInput(e.member_id, e.day, e.category, e.content, e.start_time, e.end_time, e.place, e.kind,
                              e.result)  # fmt: skip

    def _check(self, data: EntryInput) -> dict:
        errors = FormErrors()
        if data.member_id is None:
            errors.add("member_id", "请选择人员")
        checks.day(errors, "day", data.day, "日期", latest=clock.today() + timedelta(days=30))
        if data.category not in CATEGORIES:
            errors.add("category", "请选择工作类别")
        if data.kind not in ENTRY_KINDS:
            errors.add("kind", "请选择事项")
        if (data.start_time is None) != (data.end_time is None):
            errors.add("end_time", "开始和结束时间请都填写或都不填")
        E = WorkLogEntry  # noqa: N806
        content = checks.text(errors, "content", data.content, E.content, "内容", required=True)
        place = checks.text(errors, "place", data.place, E.place, "地点")
        result = checks.text(errors, "result", data.result, E.result, "结果或待办")
        errors.raise_if_any()
        self._may_read(data.member_id)  # type: ignore[arg-type]
        return dict(member_id=data.member_id, day=data.day, category=data.category, kind=data.kind, content=content,
                    place=place, result=result, start_time=data.start_time, end_time=data.end_time)  # fmt: skip

    def add(self, data: EntryInput) -> int:
        values = self._check(data)
        with self.ctx.write() as s:
            e = WorkLogEntry(**values)
            s.add(e)
            s.flush()
            return e.id

    def update(self, entry_id: int, data: EntryInput) -> None:
        values = self._check(data)
        with self.ctx.write() as s:
            e = s.get(WorkLogEntry, entry_id)
            if e is None:
                raise NotFound("该工作日志不存在")
            self._may_read(e.member_id)
            for key, value in values.items():
                setattr(e, key, value)

    def delete(self, entry_id: int) -> str:
        """A hand-written entry is deleted by whoever keeps the log (entries from records go with them)."""
        with self.ctx.write() as s:
            e = s.get(WorkLogEntry, entry_id)
            if e is None:
                raise NotFound("该工作日志不存在")
            self._may_read(e.member_id)
            s.delete(e)
        return "deleted"

    def duties(self, member_id: int | None = None, any_day: date | None = None) -> list:
        """The officer's weekly duties checklist (``duties.weekly_duties``) for the week of ``any_day``."""
        from policeroom.services.fieldwork.duties import weekly_duties

        member_id = member_id if member_id is not None else self.officer_id()
        if member_id is None:
            return []
        self._may_read(member_id)
        today = clock.today()
        with self.ctx.read() as s:
            return weekly_duties(s, member_id, any_day or today, today)

    def officer_id(self) -> int | None:
        """The member whose weekly duties the 工作台 shows: the signed-in officer, else the team's officer."""
        actor = self.ctx.actor
        with self.ctx.read() as s:
            if actor.member_id is not None:
                m = s.get(TeamMember, actor.member_id)
                if m is not None and m.role == MemberRole.officer:
                    return m.id
            return s.scalar(select(TeamMember.id).where(TeamMember.role == MemberRole.officer,
                                                         TeamMember.active.is_(True)).order_by(TeamMember.id))  # fmt: skip
