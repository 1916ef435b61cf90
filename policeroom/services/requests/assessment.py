"""考核: per team member, requests handled, closed on time, time per step, satisfaction."""

from __future__ import annotations

from datetime import timedelta

from policeroom.models import AssistanceRequest, Satisfaction, Status
from policeroom.services.requests.rules import RequestRules
from policeroom.services.requests.types import AssessmentRow


def _assess(row: AssessmentRow, r: AssistanceRequest, rules: RequestRules) -> None:
    row.handled += 1
    spans = {
        "dispatch": (r.received_at, r.dispatched_at),
        "handle": (r.dispatched_at, r.first_action_at),
        "feedback": (r.dispatched_at, r.feedback_at),
        "visit": (r.feedback_at, r.visited_at),
        "close": (r.visited_at, r.closed_at if r.status == Status.closed else None),
    }
    for step, (a, b) in spans.items():
        if a is not None and b is not None:
            row.step_hours.setdefault(step, []).append((b - a).total_seconds() / 3600)
    if r.satisfaction is not None:
        row.visited += 1
        if r.satisfaction == Satisfaction.satisfied:
            row.satisfied += 1
        elif r.satisfaction == Satisfaction.fairly:
            row.fairly += 1
        else:
            row.unsatisfied += 1
    if r.status == Status.closed:
        row.closed += 1
        if _on_time(r, rules):
            row.closed_on_time += 1


def _on_time(r: AssistanceRequest, rules: RequestRules) -> bool:
    """Every step done within its limit."""
    from policeroom.services.core.workdays import add_working_days

    checks = [
        (r.dispatched_at, r.received_at + timedelta(hours=rules.hours("dispatch", r.urgency))),
        (r.first_action_at, (r.dispatched_at or r.received_at) + timedelta(hours=rules.hours("handle", r.urgency))),
        (r.feedback_at, (r.dispatched_at or r.received_at) + timedelta(hours=rules.hours("feedback", r.urgency))),
        (r.visited_at, add_working_days(r.feedback_at, rules.visit_working_days) if r.feedback_at else None),
        (r.closed_at, (r.visited_at + timedelta(hours=rules.hours("close", r.urgency))) if r.visited_at else None),
    ]
    return all(done is not None and due is not None and done <= due for done, due in checks)
