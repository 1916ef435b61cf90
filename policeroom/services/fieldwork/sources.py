"""Where the work log's entries come from (工作日志来源): one provider function per kind of record.

Each provider reads its records of a date range and returns one :class:`LogItem` per person who did
the work, linking to the record (``source``, ``source_id``). Nothing is copied into the log: an
edited record is an edited entry, and a record is in the log exactly once per person. A new area adds
its own provider with :func:`provider` (the tips module, the volunteers' activities …).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from policeroom.models import (
    AssistanceRequest,
    CaseRecord,
    GridEvent,
    Household,
    HouseholdVisit,
    Inspection,
    MediationCase,
    PatrolRecord,
    PreventionTalk,
    RecordKind,
    RequestAction,
    Tip,
    WorkLogEntry,
)
from policeroom.services.fieldwork.checks import minutes

CATEGORIES = ("走访调查", "治安巡逻", "警务宣传", "监督检查", "矛盾化解", "情报信息", "为民服务")
#: entries of their own kind, which the weekly duties look for
ENTRY_KINDS = {"": "一般工作", "reception": "接待群众", "notice": "警情公示", "meeting": "居民代表会"}
SOURCE_LABELS = {
    "work_log_entry": "手工填写", "household_visit": "入户走访", "patrol_record": "巡防记录",
    "prevention_talk": "防范宣传", "case_record": "调解记录", "request_action": "求助处置",
    "inspection": "场所巡查", "grid_event": "网格事件", "tip": "举报线索",
}  # fmt: skip


@dataclass(frozen=True)
class LogItem:
    """One entry of the 警务工作日志 as shown and printed."""

    member_id: int
    day: date
    start: time | None
    end: time | None
    place: str
    category: str
    content: str
    result: str
    source: str  # the table of the record it comes from (work_log_entry: written by hand)
    source_id: int
    kind: str = ""

    @property
    def minutes(self) -> int:
        return minutes(self.start, self.end)

    @property
    def hand_written(self) -> bool:
        return self.source == "work_log_entry"

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def period(self) -> str:
        if self.start is None:
            return ""
        return f"{self.start:%H:%M}-{self.end:%H:%M}" if self.end else f"{self.start:%H:%M}"


#: (session, first day, last day, member ids or None for everyone) -> items
Provider = Callable[[Session, date, date, "set[int] | None"], Iterable[LogItem]]
PROVIDERS: dict[str, Provider] = {}


def provider(source: str) -> Callable[[Provider], Provider]:
    """Register the provider of one kind of record (a decorator)."""

    def add(fn: Provider) -> Provider:
        PROVIDERS[source] = fn
        return fn

    return add


def _for(members: set[int] | None, member_id: int | None) -> bool:
    return member_id is not None and (members is None or member_id in members)


def _span(at: datetime, length: int = 60) -> tuple[date, time, time]:
    """A moment recorded alone (a mediation session, a handling step) taken as ``length`` minutes of work."""
    end = at + timedelta(minutes=length)
    return at.date(), at.time().replace(second=0, microsecond=0), (end if end.date() == at.date() else at).time()


@provider("work_log_entry")
def _hand(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    stmt = select(WorkLogEntry).where(WorkLogEntry.day.between(a, b))
    if members is not None:
        stmt = stmt.where(WorkLogEntry.member_id.in_(members))
    for e in s.scalars(stmt):
        yield LogItem(e.member_id, e.day, e.start_time, e.end_time, e.place, e.category, e.content, e.result,
                      "work_log_entry", e.id, e.kind)  # fmt: skip


@provider("household_visit")
def _visits(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    stmt = (select(HouseholdVisit).options(selectinload(HouseholdVisit.household))
            .where(HouseholdVisit.visited_on.between(a, b)))  # fmt: skip
    for v in s.scalars(stmt):
        if _for(members, v.visitor_id):
            h: Household = v.household
            text = f"入户走访 {h.address}（{v.kind}）：{v.purpose}"
            found = "；".join(x for x in (v.population, v.hazards, v.disputes, v.wishes) if x)
            yield LogItem(v.visitor_id, v.visited_on, v.start_time, v.end_time, h.address, "走访调查",
                          text + (f"。了解情况：{found}" if found else ""), v.action, "household_visit", v.id)  # fmt: skip


@provider("patrol_record")
def _patrols(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    from policeroom.services.fieldwork.patrols import patrol_row

    stmt = select(PatrolRecord).where(PatrolRecord.day.between(a, b)).options(
        selectinload(PatrolRecord.members), selectinload(PatrolRecord.points), selectinload(PatrolRecord.helpers))
    for p in s.scalars(stmt):
        row = patrol_row(p, {})
        for m in p.members:
            if _for(members, m.id):
                yield LogItem(m.id, p.day, p.start_time, p.end_time, row.grid, "治安巡逻",
                              f"巡防 {row.route}（{row.people_count}人）：{row.reading.summary}",
                              p.findings, "patrol_record", p.id)  # fmt: skip


@provider("prevention_talk")
def _talks(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    stmt = select(PreventionTalk).where(PreventionTalk.day.between(a, b)).options(selectinload(PreventionTalk.givers))
    for t in s.scalars(stmt):
        for m in t.givers:
            if _for(members, m.id):
                text = f"{t.topic}宣传：对象{t.audience or '群众'}，{t.people_reached}人，发放资料{t.materials}份"
                yield LogItem(m.id, t.day, t.start_time, t.end_time, t.place, "警务宣传", text, t.notes,
                              "prevention_talk", t.id)  # fmt: skip


@provider("case_record")
def _mediation(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    a_at, b_at = datetime.combine(a, time.min), datetime.combine(b + timedelta(days=1), time.min)
    stmt = (select(CaseRecord).where(CaseRecord.kind == RecordKind.session, CaseRecord.at >= a_at, CaseRecord.at < b_at)
            .options(selectinload(CaseRecord.case).selectinload(MediationCase.mediators)))  # fmt: skip
    for r in s.scalars(stmt):
        day, start, end = _span(r.at)
        for m in r.case.mediators:
            if _for(members, m.id):
                yield LogItem(m.id, day, start, end, r.place, "矛盾化解",
                              f"调解 {r.case.number}：{r.subject or r.case.dispute_type}", r.result,
                              "case_record", r.id)  # fmt: skip


@provider("request_action")
def _requests(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    """A handling step by whoever took it (or, when the step names nobody, the request's assignee)."""
    a_at, b_at = datetime.combine(a, time.min), datetime.combine(b + timedelta(days=1), time.min)
    stmt = (select(RequestAction, AssistanceRequest.number, AssistanceRequest.category, AssistanceRequest.assignee_id)
            .join(AssistanceRequest, AssistanceRequest.id == RequestAction.request_id)
            .where(RequestAction.at >= a_at, RequestAction.at < b_at))  # fmt: skip
    for act, number, category, handler in s.execute(stmt):
        who = act.member_id or handler
        if _for(members, who):
            day, start, end = _span(act.at, 30)
            yield LogItem(who, day, start, end, "", "为民服务", f"群众求助 {number}（{category}）：{act.content}",
                          "", "request_action", act.id)  # fmt: skip


@provider("inspection")
def _inspections(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    stmt = select(Inspection).where(Inspection.on_date.between(a, b)).options(selectinload(Inspection.place))
    for i in s.scalars(stmt):
        if _for(members, i.inspector_id):
            day, start, end = _span(i.at, 30)
            yield LogItem(i.inspector_id, i.on_date, start, end, i.place.address or i.place.name, "监督检查",  # type: ignore[arg-type]
                          f"场所巡查 {i.place.name}", i.notes, "inspection", i.id)  # fmt: skip


@provider("grid_event")
def _events(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    """An event reported (情报信息) by its reporter, and handled (为民服务) by its handler."""
    a_at, b_at = datetime.combine(a, time.min), datetime.combine(b + timedelta(days=1), time.min)
    stmt = select(GridEvent).where(
        ((GridEvent.found_at >= a_at) & (GridEvent.found_at < b_at))
        | ((GridEvent.handled_at >= a_at) & (GridEvent.handled_at < b_at))
    ).options(selectinload(GridEvent.category))
    for e in s.scalars(stmt):
        if a_at <= e.found_at < b_at and _for(members, e.reporter_id):
            day, start, end = _span(e.found_at, 15)
            yield LogItem(e.reporter_id, day, start, end, e.location, "情报信息",  # type: ignore[arg-type]
                          f"上报网格事件 {e.number}（{e.category.name}）：{e.description[:60]}", "", "grid_event", e.id)
        if e.handled_at is not None and a_at <= e.handled_at < b_at and _for(members, e.handler_id):
            day, start, end = _span(e.handled_at, 30)
            yield LogItem(e.handler_id, day, start, end, e.location, "为民服务",  # type: ignore[arg-type]
                          f"处置网格事件 {e.number}（{e.category.name}）", e.handling, "grid_event", e.id)


@provider("tip")
def _tips(s: Session, a: date, b: date, members: set[int] | None) -> Iterable[LogItem]:
    """A tip registered (情报信息) by its receiver: its number and category only — never the tipster, and
    not the matter either (the log is read and printed more widely than the tip)."""
    a_at, b_at = datetime.combine(a, time.min), datetime.combine(b + timedelta(days=1), time.min)
    stmt = select(Tip.id, Tip.number, Tip.category, Tip.received_at, Tip.receiver_id).where(
        Tip.received_at >= a_at, Tip.received_at < b_at, Tip.receiver_id.is_not(None))
    for tid, number, category, at, receiver in s.execute(stmt):
        if _for(members, receiver):
            day, start, end = _span(at, 20)
            yield LogItem(receiver, day, start, end, "", "情报信息", f"登记举报线索 {number}（{category}）", "", "tip", tid)


def log_items(s: Session, a: date, b: date, members: set[int] | None = None) -> list[LogItem]:
    """Every entry of ``a`` to ``b`` (inclusive) of the given people, by day and time."""
    items: list[LogItem] = []
    for fn in PROVIDERS.values():
        items.extend(fn(s, a, b, members))
    items.sort(key=lambda i: (i.day, i.start or time.min, i.source, i.source_id, i.member_id))
    return items
