"""群众求助 as the loop engine's first kind: its statuses, steps, moves and limits, declared once."""

from __future__ import annotations

from policeroom.models import STATUS_LABELS, Status, Urgency
from policeroom.services.loop.kinds import Kind, Limits
from policeroom.services.loop.moves import Move
from policeroom.services.loop.timing import TimeType
from policeroom.services.requests.rules import (
    ACTION_LABELS,
    ALLOWED_FROM,
    DEFAULT_LIMITS,
    REFUSALS,
    STEP_LABELS,
    RequestRules,
    current_step,
)

#: the status each move leads to (None: it depends, or stays: 改派, more handling entries)
_TO = {
    "dispatch": None,
    "handle": Status.handling.value,
    "feedback": Status.fed_back.value,
    "visit": Status.visited.value,
    "close": Status.closed.value,
    "refer": Status.referred.value,
    "void": Status.voided.value,
}

#: how each step's limit is counted: the desk works around the clock; the visit is in working days
TIME_TYPES = {
    "dispatch": TimeType.calendar_hours,
    "handle": TimeType.calendar_hours,
    "feedback": TimeType.calendar_hours,
    "visit": TimeType.working_days,
    "close": TimeType.calendar_hours,
}


def limits_of(rules: RequestRules) -> Limits:
    """The configured limits (settings requests.limits, hours; the visit in working days)."""
    limits: dict[str, dict[str, float]] = {
        step: {u.value: rules.hours(step, u) for u in Urgency} for step in DEFAULT_LIMITS
    }
    limits["visit"] = {u.value: float(rules.visit_working_days) for u in Urgency}
    return limits


REQUEST_KIND = Kind(
    name="request",
    label="求助",
    statuses={s.value: label for s, label in STATUS_LABELS.items()},
    steps={s.value: step for s in Status if (step := current_step(s)) is not None},
    step_labels=STEP_LABELS,
    moves={
        name: Move(
            name,
            ACTION_LABELS[name],
            tuple(s.value for s in ALLOWED_FROM[name]),
            _TO[name],
            refusals={status.value: why for (action, status), why in REFUSALS.items() if action == name},
        )
        for name in ALLOWED_FROM
    },
    limits=limits_of(RequestRules()),
    time_types=TIME_TYPES,
    closing_status=Status.visited.value,
    rework_to=Status.handling.value,
)

