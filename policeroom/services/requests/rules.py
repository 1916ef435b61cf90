"""The closed loop's rules (群众求助): which step may follow which, time limits, overdue colours."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from policeroom.models import Status, Urgency
from policeroom.services.core.workdays import add_working_days

#: the default categories: the 110 rules' urgent kinds first, then everyday ones
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "走失人员",
    "危难求助",
    "水电气热险情",
    "邻里求助",
    "生活困难",
    "证件咨询",
    "车辆挪移",
    "噪声扰民",
    "法律咨询",
    "其他",
)

#: default hours allowed for each timed step, by urgency (一般 / 紧急 / 特急)
DEFAULT_LIMITS: dict[str, dict[str, float]] = {
    "dispatch": {"normal": 4, "urgent": 1, "critical": 0.25},  # 派遣: from registration
    "handle": {"normal": 24, "urgent": 4, "critical": 1},  # 处置: first action, from dispatch
    "feedback": {"normal": 72, "urgent": 24, "critical": 8},  # 反馈: from dispatch
    "close": {"normal": 24, "urgent": 24, "critical": 24},  # 办结: from the visit
}
STEP_LABELS = {"dispatch": "派遣", "handle": "处置", "feedback": "反馈", "visit": "回访", "close": "办结"}
VISIT_WORKING_DAYS = 3
OPEN_STATUSES = (Status.registered, Status.dispatched, Status.handling, Status.fed_back, Status.visited)
FINAL_STATUSES = (Status.closed, Status.referred, Status.voided)


@dataclass
class RequestRules:
    """Categories and step limits as configured (settings keys requests.categories / requests.limits)."""

    categories: list[str] = field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    limits: dict[str, dict[str, float]] = field(default_factory=lambda: json.loads(json.dumps(DEFAULT_LIMITS)))
    visit_working_days: int = VISIT_WORKING_DAYS

    def hours(self, step: str, urgency: Urgency) -> float:
        return float(self.limits.get(step, DEFAULT_LIMITS[step]).get(urgency.value, DEFAULT_LIMITS[step][urgency.value]))

    def to_json(self) -> tuple[str, str]:
        return json.dumps(self.categories, ensure_ascii=False), json.dumps(self.limits)

    @classmethod
    def from_json(cls, categories: str | None, limits: str | None) -> RequestRules:
        rules = cls()
        if categories:
            try:
                rules.categories = [str(c) for c in json.loads(categories)] or rules.categories
            except ValueError:
                pass
        if limits:
            try:
                stored = json.loads(limits)
                for step, by_urgency in stored.items():
                    if step in rules.limits:
                        rules.limits[step].update({k: float(v) for k, v in by_urgency.items()})
            except (ValueError, AttributeError, TypeError):
                pass
        return rules


def current_step(status: Status) -> str | None:
    """The step a request is waiting for."""
    return {
        Status.registered: "dispatch",
        Status.dispatched: "handle",
        Status.handling: "feedback",
        Status.fed_back: "visit",
        Status.visited: "close",
    }.get(status)


def step_window(
    rules: RequestRules,
    status: Status,
    urgency: Urgency,
    *,
    received_at: datetime,
    dispatched_at: datetime | None,
    feedback_at: datetime | None,
    visited_at: datetime | None,
) -> tuple[datetime, datetime] | None:
    """(start, due) of the step the request waits for; None once it is closed, referred or voided."""
    step = current_step(status)
    if step is None:
        return None
    if step == "dispatch":
        start = received_at
    elif step in ("handle", "feedback"):
        start = dispatched_at or received_at
    elif step == "visit":
        start = feedback_at or received_at
        return start, add_working_days(start, rules.visit_working_days)
    else:
        start = visited_at or received_at
    return start, start + timedelta(hours=rules.hours(step, urgency))


def overdue_level(start: datetime | None, due: datetime | None, now: datetime) -> int:
    """0 on time, 1 (yellow) past the limit, 2 (red) past it by as long again (督办)."""
    if due is None or now <= due:
        return 0
    allowed = (due - start) if start is not None else timedelta(hours=24)
    return 2 if now > due + max(allowed, timedelta(hours=1)) else 1


#: legal moves: action -> statuses it may start from
ALLOWED_FROM: dict[str, tuple[Status, ...]] = {
    "dispatch": (Status.registered, Status.dispatched, Status.handling),
    "handle": (Status.dispatched, Status.handling),
    "feedback": (Status.handling,),
    "visit": (Status.fed_back,),
    "close": (Status.visited,),
    "refer": (Status.registered, Status.dispatched, Status.handling),
    "void": OPEN_STATUSES,
}

REFUSALS: dict[tuple[str, Status], str] = {
    ("close", Status.registered): "尚未派遣、处置和反馈，不能办结。",
    ("close", Status.dispatched): "尚未处置和反馈，不能办结。",
    ("close", Status.handling): "尚未向求助人反馈结果，不能办结。请先反馈，再回访。",
    ("close", Status.fed_back): "尚未回访，不能办结。请先回访求助人。",
    ("feedback", Status.registered): "尚未派遣和处置，不能反馈。",
    ("feedback", Status.dispatched): "还没有处置记录，不能反馈。请先登记处置情况。",
    ("visit", Status.handling): "尚未向求助人反馈结果，不能回访。",
    ("handle", Status.registered): "请先派遣处置人，再登记处置情况。",
}


def refusal(action: str, status: Status) -> str | None:
    """Why ``action`` is not allowed now, in plain Chinese; None when it is."""
    if status in ALLOWED_FROM[action]:
        return None
    if status in FINAL_STATUSES:
        from policeroom.models import STATUS_LABELS

        return f"该求助{STATUS_LABELS[status]}，不能再{ACTION_LABELS[action]}。"
    return REFUSALS.get((action, status)) or f"当前状态不能{ACTION_LABELS[action]}。"


ACTION_LABELS = {
    "dispatch": "派遣",
    "handle": "登记处置",
    "feedback": "反馈",
    "visit": "回访",
    "close": "办结",
    "refer": "转办",
    "void": "作废",
}

#: the obvious next button for each status
NEXT_ACTION = {
    Status.registered: "dispatch",
    Status.dispatched: "handle",
    Status.handling: "feedback",
    Status.fed_back: "visit",
    Status.visited: "close",
}
