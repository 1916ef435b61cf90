"""Shaping requests: settings into rules, forms onto rows, rows into list rows and details (群众求助)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.models import (
    CHANNEL_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    AssistanceRequest,
    LoopState,
    Setting,
    Status,
)
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.records import next_value
from policeroom.services.core.workdays import calendar_warning
from policeroom.services.loop.engine import Matter
from policeroom.services.loop.engine import window as loop_window
from policeroom.services.loop.lights import Light, Window
from policeroom.services.loop.timeline import TimelineItem, matter_counts
from policeroom.services.requests.kind import REQUEST_KIND, limits_of
from policeroom.services.requests.rules import (
    ACTION_LABELS,
    NEXT_ACTION,
    STEP_LABELS,
    RequestRules,
    current_step,
    step_window,
)
from policeroom.services.requests.types import (
    ActionItem,
    EventItem,
    RequestDetail,
    RequestInput,
    RequestRow,
)

EVENT_LABELS = {
    "register": "登记",
    "update": "修改登记",
    **ACTION_LABELS,
}

SORT_KEYS = {
    # Registration order: ids are given in the order requests are registered, and walking the primary
    # key (and FTS5 rowids) in that order needs no sort: the default, fast at a million rows.
    "number": AssistanceRequest.id,
    "received_at": AssistanceRequest.received_at,
    "channel": AssistanceRequest.channel,
    "requester": AssistanceRequest.requester_name,
    "category": AssistanceRequest.category,
    "urgency": AssistanceRequest.urgency,
    "status": AssistanceRequest.status,
    "assignee": AssistanceRequest.assignee_id,
    "grid": AssistanceRequest.grid_id,
    "due": AssistanceRequest.step_due,
}


def request_number(year: int, seq: int) -> str:
    return f"QZ{year}-{seq:06d}"


def next_seq(session: Session, year: int) -> int:
    """Take the year's next number inside the caller's transaction (rolled back with it: no gaps)."""
    return next_value(session, f"QZ{year}")



def _rules(s: Session) -> RequestRules:
    values = {
        key: value
        for key, value in s.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_(("requests.categories", "requests.limits")))
        )
    }
    return RequestRules.from_json(values.get("requests.categories"), values.get("requests.limits"))


def _apply(r: AssistanceRequest, d: RequestInput) -> None:
    r.received_at = d.received_at
    r.channel = d.channel
    r.resident_id = d.resident_id
    r.requester_name = d.requester_name
    r.requester_initials = name_keys(d.requester_name)[1] if d.requester_name else ""
    r.requester_phone = d.requester_phone
    r.requester_address = d.requester_address.strip()
    r.anonymous = d.anonymous
    r.anonymous_reason = d.anonymous_reason if d.anonymous else ""
    r.occurred_at = d.occurred_at
    r.location = d.location.strip()
    r.grid_id = d.grid_id
    r.category = d.category
    r.urgency = d.urgency
    r.description = d.description
    r.receiver_id = d.receiver_id
    r.leader = d.leader.strip()


def _matter(r: AssistanceRequest, rules: RequestRules) -> Matter:
    """The request as the loop engine sees it; ``start`` by the request's own rule (registered, dispatched ...)."""
    base = step_window(
        rules, r.status, r.urgency, received_at=r.received_at, dispatched_at=r.dispatched_at,
        feedback_at=r.feedback_at, visited_at=r.visited_at,
    )  # fmt: skip
    return Matter(r.id, r.status.value, r.urgency.value, r.assignee_id, base[0] if base else None)


def _window(r: AssistanceRequest, rules: RequestRules, state: LoopState | None = None) -> Window | None:
    """The current step's clock, after 返工, 延期 and 挂账."""
    return loop_window(REQUEST_KIND, _matter(r, rules), state, limits_of(rules))


def _refresh_due(r: AssistanceRequest, rules: RequestRules, state: LoopState | None = None) -> None:
    """Keep the indexed due date in step (None while parked: a parked request is never overdue)."""
    w = _window(r, rules, state)
    r.step_due = w.due if w is not None and w.parked_at is None else None
    if r.status == Status.fed_back and w is not None and w.due is not None:
        r.visit_due = w.due


def _light(w: Window | None, now: datetime) -> Light:
    return w.light(now) if w is not None else Light.none


def _row(
    r: AssistanceRequest, assignee: str | None, gcode: str | None, gname: str | None, rules: RequestRules,
    now: datetime, state: LoopState | None = None,
) -> RequestRow:  # fmt: skip
    w = _window(r, rules, state)
    requester = "（匿名）" if r.anonymous else r.requester_name
    return RequestRow(
        id=r.id, number=r.number, received_at=r.received_at, channel=CHANNEL_LABELS[r.channel], requester=requester,
        phone="" if r.anonymous else r.requester_phone, category=r.category, urgency=r.urgency, status=r.status,
        assignee=assignee or "", grid=f"{gcode} {gname}" if gcode else "", summary=r.description[:60],
        due=w.due if w else None, light=_light(w, now),
    )  # fmt: skip


def _detail(
    r: AssistanceRequest, rules: RequestRules, now: datetime, state: LoopState | None, items: list[TimelineItem]
) -> RequestDetail:
    from policeroom.services.core.labels import value_label

    w = _window(r, rules, state)
    window = (w.start, w.due) if w is not None and w.due is not None else None
    current = state if state is not None and w is not None and state.step == w.step else None
    step = current_step(r.status)
    resident = r.resident
    dates = [r.received_at.date()] + ([window[1].date()] if window else [])
    return RequestDetail(
        id=r.id, number=r.number, status=r.status, status_label=STATUS_LABELS[r.status], received_at=r.received_at,
        channel=r.channel, channel_label=CHANNEL_LABELS[r.channel], resident_id=r.resident_id,
        requester_name=r.requester_name, requester_gender=value_label(resident.gender) if resident and resident.gender else "",
        requester_id_number=(resident.id_number or "") if resident else "", requester_phone=r.requester_phone,
        requester_address=r.requester_address, anonymous=r.anonymous, anonymous_reason=r.anonymous_reason,
        occurred_at=r.occurred_at, location=r.location, grid_id=r.grid_id,
        grid_label=f"{r.grid.code} {r.grid.name}" if r.grid else "", category=r.category, urgency=r.urgency,
        urgency_label=URGENCY_LABELS[r.urgency], description=r.description, receiver_id=r.receiver_id,
        receiver_name=r.receiver.name if r.receiver else "", leader=r.leader, assignee_id=r.assignee_id,
        assignee_name=r.assignee.name if r.assignee else "", dispatched_at=r.dispatched_at, feedback_at=r.feedback_at,
        feedback=r.feedback, visit_due=r.visit_due, visited_at=r.visited_at, visit_method=r.visit_method,
        satisfaction=r.satisfaction, satisfaction_label=SATISFACTION_LABELS[r.satisfaction] if r.satisfaction else "",
        visit_remarks=r.visit_remarks, closed_at=r.closed_at, referred_to=r.referred_to, void_reason=r.void_reason,
        actions=tuple(ActionItem(a.id, a.at, a.member.name if a.member else "", a.content) for a in r.actions),
        events=tuple(EventItem(e.at, e.move, e.label, e.actor, e.note) for e in items),
        timeline=tuple(items), counts=matter_counts(items),
        parked_at=current.parked_at if current else None, park_reason=current.park_reason if current else "",
        asked_due=current.asked_due if current else None, asked_reason=current.asked_reason if current else "",
        step=step, step_label=STEP_LABELS.get(step or "", ""), step_due=window[1] if window else None,
        light=_light(w, now), next_action=NEXT_ACTION.get(r.status),
        calendar_warning=calendar_warning(*dates) if step == "visit" else None,
    )
