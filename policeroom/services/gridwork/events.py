"""网格事件 service: report, correct, photos, and the loop's own steps (立案 … 核查结案, 自行处置).

One transaction per call. 督办 延期 挂账 返工 are in :mod:`.oversight`; links to the screening ledger and
from requests in :mod:`.links`; reads in :mod:`.reader`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import (
    EVENT_SOURCE_LABELS,
    URGENCY_LABELS,
    EventCategory,
    EventPhoto,
    EventSource,
    EventStatus,
    Grid,
    GridEvent,
    Place,
    TeamMember,
    Urgency,
)
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.text import normalize_text
from policeroom.services.core.validators import normalize_phone
from policeroom.services.gridwork.kind import KIND_NAME, MOVE_LABELS
from policeroom.services.gridwork.links import EventLinks
from policeroom.services.gridwork.shapes import (
    category_kind,
    event_number,
    event_window,
    matter,
    next_seq,
    refresh_due,
)
from policeroom.services.gridwork.types import EventInput, PhotoInput
from policeroom.services.loop.engine import Loop

DESCRIPTION_LIMIT = 2000
NOTE_LIMIT = 1000
CLOCK_SKEW = timedelta(minutes=5)
PHOTO_LIMIT = 8 * 1024 * 1024
PHOTOS_PER_EVENT = 12
_IMAGE_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG": "image/png",
    b"GIF8": "image/gif",
    b"BM": "image/bmp",
}


class GridEventService(EventLinks):
    """网格事件: registration and the loop's steps here; 督办 延期 挂账 返工 in EventOversight."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- registration ------------------------------------------------------------------------
    def _clean(self, s: Session, d: EventInput, now: datetime) -> EventInput:
        errors = FormErrors()
        try:
            d.source = EventSource(d.source)
        except ValueError:
            errors.add("source", "请选择事件来源")
        try:
            d.urgency = Urgency(d.urgency)
        except ValueError:
            errors.add("urgency", "请选择紧急程度")
        category = s.get(EventCategory, d.category_id) if d.category_id is not None else None
        if category is None or category.archived:
            errors.add("category_id", "请从列表中选择事件类别")
        if d.grid_id is None or s.get(Grid, d.grid_id) is None:
            errors.add("grid_id", "请选择事件所在网格")
        elif self.ctx.actor.limited_to_grids and d.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能上报本人负责网格的事件")
        if d.place_id is not None:
            place = s.get(Place, d.place_id)
            if place is None:
                errors.add("place_id", "所选场所不存在")
            elif d.grid_id is not None and place.grid_id != d.grid_id:
                errors.add("place_id", "所选场所不在该网格内")
        if d.found_at > now + CLOCK_SKEW:
            errors.add("found_at", "发现时间不能晚于现在")
        elif d.found_at.year < 2000:
            errors.add("found_at", "请填写正确的发现时间")
        d.description = (d.description or "").strip()
        if not d.description:
            errors.add("description", "请填写事件描述")
        elif len(d.description) > DESCRIPTION_LIMIT:
            errors.add("description", f"事件描述不能超过{DESCRIPTION_LIMIT}个字")
        d.location = normalize_text(d.location or "")
        if len(d.location) > 200:
            errors.add("location", "地点不能超过200个字")
        if d.reporter_id is not None:
            member = s.get(TeamMember, d.reporter_id)
            if member is None:
                errors.add("reporter_id", "所选上报人不存在")
            else:
                d.reporter_name = member.name
        d.reporter_name = normalize_text(d.reporter_name or "")
        if not d.reporter_name:
            errors.add("reporter_id", "请选择上报的网格员，或填写上报人姓名")
        elif len(d.reporter_name) > 50:
            errors.add("reporter_name", "上报人姓名不能超过50个字")
        if (d.reporter_phone or "").strip():
            try:
                d.reporter_phone = normalize_phone(d.reporter_phone)
            except ValidationError as e:
                errors.add("reporter_phone", e.message)
        else:
            d.reporter_phone = ""
        if len(d.tip_ref or "") > 40:
            errors.add("tip_ref", "线索编号不能超过40个字")
        errors.raise_if_any()
        return d

    def create(
        self, data: EventInput, photos: list[PhotoInput] | None = None, now: datetime | None = None
    ) -> int:
        """上报 an event (待立案); its number SJ2026-000001 is taken in the same transaction."""
        now = now or clock.now()
        with self.ctx.write() as s:
            return self.create_in(s, data, photos or [], now).id

    def create_in(self, s: Session, data: EventInput, photos: list[PhotoInput], now: datetime) -> GridEvent:
        d = self._clean(s, data, now)
        year = d.found_at.year
        seq = next_seq(s, year)
        e = GridEvent(number=event_number(year, seq), year=year, seq=seq, status=EventStatus.reported)
        _apply(e, d)
        s.add(e)
        s.flush()
        for p in photos:
            self._add_photo(s, e, p, now)
        s.refresh(e)
        kind = category_kind(e.category)
        refresh_due(e, None, kind)
        note = f"{EVENT_SOURCE_LABELS[e.source]}，{e.category.name}，{URGENCY_LABELS[e.urgency]}"
        event = Loop(kind, self.ctx.actor).record(
            s, matter(e), "report", e.found_at, note, to_status=e.status.value
        )
        event.from_status = None
        return e

    def update(self, event_id: int, data: EventInput, now: datetime | None = None) -> None:
        """Correct the registration while the event is open (its year stays: the number is the year's)."""
        now = now or clock.now()
        with self.ctx.write() as s:
            e = self._get_for_write(s, event_id)
            self._require_grid(e)
            if e.status in (EventStatus.closed, EventStatus.rejected):
                raise ValidationError("status", "该事件已办结，登记内容不能再修改。")
            d = self._clean(s, data, now)
            if d.found_at.year != e.year:
                raise ValidationError("found_at", "发现时间不能改到另一年（编号按年编排）")
            _apply(e, d)
            s.flush()
            s.refresh(e)
            kind = category_kind(e.category)
            loop = Loop(kind, self.ctx.actor)
            refresh_due(e, loop.state(s, e.id), kind)
            loop.record(s, matter(e), "update", now, "")

    def add_photo(self, event_id: int, photo: PhotoInput) -> int:
        with self.ctx.write() as s:
            e = self._get_for_write(s, event_id)
            self._require_grid(e)
            return self._add_photo(s, e, photo, clock.now()).id

    def remove_photo(self, photo_id: int) -> None:
        with self.ctx.write() as s:
            p = s.get(EventPhoto, photo_id)
            if p is None:
                raise ValidationError("photo", "该照片不存在")
            self._require_grid(self._get_for_write(s, p.event_id))
            s.delete(p)

    def _add_photo(self, s: Session, e: GridEvent, p: PhotoInput, now: datetime) -> EventPhoto:
        if not p.data:
            raise ValidationError("photos", "照片文件是空的")
        if len(p.data) > PHOTO_LIMIT:
            raise ValidationError("photos", f"照片不能超过{PHOTO_LIMIT // 1024 // 1024}MB，请压缩后再添加")
        mime = next((m for magic, m in _IMAGE_MAGIC.items() if p.data.startswith(magic)), None)
        if mime is None:
            raise ValidationError("photos", "只能添加 JPG、PNG、GIF 或 BMP 图片")
        count = len(e.photos) if e.id else 0
        if count >= PHOTOS_PER_EVENT:
            raise ValidationError("photos", f"每个事件最多{PHOTOS_PER_EVENT}张照片")
        photo = EventPhoto(
            event_id=e.id, file_name=(p.file_name or "照片")[-120:], mime=mime, data=p.data, added_at=now
        )
        s.add(photo)
        s.flush()
        return photo

    def _require_grid(self, e: GridEvent) -> None:
        actor = self.ctx.actor
        if actor.limited_to_grids and e.grid_id not in actor.grid_ids and actor.member_id != e.handler_id:
            raise PermissionDenied("网格员只能办理本人负责网格或派给本人的网格事件。")

    # -- the loop's steps -----------------------------------------------------------------------
    def _move(
        self,
        event_id: int,
        move: str,
        at: datetime | None,
        note: str,
        act: Callable[[Session, GridEvent], str],
    ) -> None:
        """Check the move (status, role, parked, time), let ``act`` change the event, record the step."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            e = self._get_for_write(s, event_id)
            self._require_grid(e)
            kind = category_kind(e.category)
            loop = Loop(kind, self.ctx.actor)
            before = matter(e)
            state = loop.state(s, e.id)
            loop.check(s, before, move, state)
            if at > now + CLOCK_SKEW:
                raise ValidationError("at", f"{MOVE_LABELS[move]}时间不能晚于现在")
            start = before.start if before.start is not None else e.found_at
            if state is not None and state.restart_at is not None and state.restart_at > start:
                start = state.restart_at
            if at < start:
                raise ValidationError("at", f"{MOVE_LABELS[move]}时间不能早于{start:%Y-%m-%d %H:%M}")
            window = event_window(e, state, kind)
            detail = act(s, e)
            e.status = EventStatus(kind.all_moves[move].to_status)
            loop.settle(s, matter(e))
            refresh_due(e, loop.state(s, e.id), kind)
            text = "，".join(t for t in (detail, note.strip()) if t)
            loop.record(s, before, move, at, text[:2000], to_status=e.status.value, window=window)

    def register(self, event_id: int, at: datetime | None = None, note: str = "") -> None:
        """立案: the report is valid (meets the category's 立案条件)."""

        def act(_s: Session, e: GridEvent) -> str:
            e.registered_at = at or clock.now()
            return ""

        self._move(event_id, "register", at, _limit(note, "note"), act)

    def reject(self, event_id: int, reason: str, at: datetime | None = None) -> None:
        """不立案: not a valid report, with the reason."""
        reason = _required(reason, "rejected_reason", "请填写不立案的理由", 200)

        def act(_s: Session, e: GridEvent) -> str:
            e.rejected_reason = reason
            e.closed_at = at or clock.now()
            return f"不立案：{reason}"

        self._move(event_id, "reject", at, "", act)

    def dispatch(self, event_id: int, handler_id: int, at: datetime | None = None, note: str = "") -> None:
        """派遣 to a team member (again: 改派)."""

        def act(s: Session, e: GridEvent) -> str:
            member = s.get(TeamMember, handler_id) if handler_id is not None else None
            if member is None or not member.active:
                raise ValidationError("handler_id", "请选择在岗的团队成员")
            again = e.status == EventStatus.dispatched
            e.handler_id = member.id
            e.dispatched_at = at or clock.now()
            return ("改派给" if again else "派遣给") + member.name

        self._move(event_id, "dispatch", at, _limit(note, "note"), act)

    def handle(self, event_id: int, content: str, at: datetime | None = None) -> None:
        """处置: what was done."""
        content = _required(content, "handling", "请填写处置情况", NOTE_LIMIT)

        def act(_s: Session, e: GridEvent) -> str:
            e.handled_at = at or clock.now()
            e.handling = content
            return content

        self._move(event_id, "handle", at, "", act)

    def feedback(self, event_id: int, content: str, at: datetime | None = None) -> None:
        """反馈: the result told to the reporter (or the superior who assigned it)."""
        content = _required(content, "feedback", "请填写反馈内容", NOTE_LIMIT)

        def act(_s: Session, e: GridEvent) -> str:
            e.fed_back_at = at or clock.now()
            e.feedback = content
            return content

        self._move(event_id, "feedback", at, "", act)

    def close(self, event_id: int, note: str = "", at: datetime | None = None) -> None:
        """核查结案: the check finds the 结案条件 met (failing it is 返工)."""
        note = _limit(note, "check_note")

        def act(_s: Session, e: GridEvent) -> str:
            e.closed_at = at or clock.now()
            e.check_note = note
            return "核查合格"

        self._move(event_id, "close", at, note, act)

    def self_handle(self, event_id: int, content: str, at: datetime | None = None) -> None:
        """自行处置: the grid worker fixed it on the spot; it closes at once and counts as a valid report."""
        content = _required(content, "handling", "请填写现场处置情况", NOTE_LIMIT)

        def act(_s: Session, e: GridEvent) -> str:
            when = at or clock.now()
            e.self_handled = True
            e.registered_at = e.handled_at = e.closed_at = when
            e.handler_id = e.handler_id or e.reporter_id or self.ctx.actor.member_id
            e.handling = content
            return f"现场自行处置：{content}"

        self._move(event_id, "self_handle", at, "", act)


def _apply(e: GridEvent, d: EventInput) -> None:
    e.source, e.category_id, e.grid_id, e.place_id = d.source, d.category_id, d.grid_id, d.place_id
    e.location, e.found_at, e.description, e.urgency = d.location, d.found_at, d.description, d.urgency
    e.reporter_id, e.reporter_name, e.reporter_phone = d.reporter_id, d.reporter_name, d.reporter_phone
    e.request_id, e.tip_ref = d.request_id, (d.tip_ref or "").strip()


def _required(text: str, field: str, message: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(field, message)
    if len(text) > limit:
        raise ValidationError(field, f"不能超过{limit}个字")
    return text


def _limit(text: str, field: str, limit: int = NOTE_LIMIT) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ValidationError(field, f"不能超过{limit}个字")
    return text


__all__ = ["KIND_NAME", "GridEventService"]
