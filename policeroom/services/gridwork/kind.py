"""网格事件 as a kind of the loop engine: statuses, steps, moves and default limits, declared once.

Each category (治安隐患 …) carries its own limits (step × urgency) and time type; :func:`kind_for`
gives the kind with that category's clock, so the engine's lights and due dates follow the category.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from policeroom.models import EVENT_STATUS_LABELS, EventStatus, Urgency
from policeroom.services.loop.kinds import Kind, Limits
from policeroom.services.loop.moves import DESK, Move
from policeroom.services.loop.timing import TimeType

KIND_NAME = "grid_event"

#: open status -> the step the event waits for in it
STEPS = {
    EventStatus.reported.value: "register",
    EventStatus.registered.value: "dispatch",
    EventStatus.dispatched.value: "handle",
    EventStatus.handled.value: "feedback",
    EventStatus.fed_back.value: "check",
}
STEP_LABELS = {"register": "立案", "dispatch": "派遣", "handle": "处置", "feedback": "反馈", "check": "核查"}
OPEN_STATUSES = tuple(EventStatus(s) for s in STEPS)
DONE_STATUSES = (EventStatus.closed, EventStatus.rejected)

#: working hours per step and urgency (a category without its own limits uses these)
DEFAULT_LIMITS: dict[str, dict[str, float]] = {
    "register": {"normal": 8, "urgent": 4, "critical": 1},
    "dispatch": {"normal": 8, "urgent": 2, "critical": 1},
    "handle": {"normal": 40, "urgent": 16, "critical": 4},
    "feedback": {"normal": 8, "urgent": 4, "critical": 2},
    "check": {"normal": 16, "urgent": 8, "critical": 4},
}
LIMIT_MAX = 24 * 60.0  # hours (or days) a limit may be at most

MOVE_LABELS = {
    "report": "上报",
    "update": "修改登记",
    "register": "立案",
    "reject": "不立案",
    "dispatch": "派遣",
    "handle": "处置",
    "feedback": "反馈",
    "close": "核查结案",
    "self_handle": "自行处置",
    "to_dispute": "转入矛盾纠纷台账",
}

_S = EventStatus
GRID_EVENT_KIND = Kind(
    name=KIND_NAME,
    label="事件",
    statuses={s.value: label for s, label in EVENT_STATUS_LABELS.items()},
    steps=STEPS,
    step_labels=STEP_LABELS,
    moves={
        "register": Move("register", "立案", (_S.reported.value,), _S.registered.value, roles=DESK),
        "reject": Move("reject", "不立案", (_S.reported.value,), _S.rejected.value, roles=DESK),
        "dispatch": Move(
            "dispatch",
            "派遣",
            (_S.registered.value, _S.dispatched.value),
            _S.dispatched.value,
            roles=DESK,
            refusals={_S.reported.value: "该事件尚未立案，请先立案再派遣。"},
        ),
        "handle": Move(
            "handle",
            "处置",
            (_S.dispatched.value,),
            _S.handled.value,
            refusals={
                _S.registered.value: "该事件尚未派遣，请先派遣再处置。",
                _S.reported.value: "该事件尚未立案，不能处置（现场已处理的请用“自行处置”）。",
            },
        ),
        "feedback": Move(
            "feedback",
            "反馈",
            (_S.handled.value,),
            _S.fed_back.value,
            refusals={_S.dispatched.value: "该事件尚未处置，请先登记处置情况再反馈。"},
        ),
        "close": Move(
            "close",
            "核查结案",
            (_S.fed_back.value,),
            _S.closed.value,
            roles=DESK,
            refusals={_S.handled.value: "该事件尚未反馈，请先反馈再核查结案。"},
        ),
        "self_handle": Move(
            "self_handle",
            "自行处置",
            (_S.reported.value,),
            _S.closed.value,
            refusals={_S.registered.value: "该事件已立案，请按派遣、处置办理。"},
        ),
    },  # fmt: skip
    limits=DEFAULT_LIMITS,
    time_types=dict.fromkeys(STEP_LABELS, TimeType.working_hours),
    closing_status=_S.fed_back.value,
    rework_to=_S.dispatched.value,
)


def clean_limits(raw: Mapping[str, Any] | None) -> dict[str, dict[str, float]]:
    """A category's stored limits, completed with the defaults for any missing step or urgency."""
    out: dict[str, dict[str, float]] = {}
    for step, defaults in DEFAULT_LIMITS.items():
        given = (raw or {}).get(step) or {}
        out[step] = {}
        for u in Urgency:
            try:
                value = float(given.get(u.value, defaults[u.value]))
            except (TypeError, ValueError):
                value = float(defaults[u.value])
            out[step][u.value] = value
    return out


def kind_for(time_type: str | None, limits: Limits | None) -> Kind:
    """The grid-event kind with one category's clock (its time type for every step, its limits)."""
    try:
        tt = TimeType(time_type or TimeType.working_hours.value)
    except ValueError:
        tt = TimeType.working_hours
    return dataclasses.replace(
        GRID_EVENT_KIND, limits=clean_limits(limits), time_types=dict.fromkeys(STEP_LABELS, tt)
    )
