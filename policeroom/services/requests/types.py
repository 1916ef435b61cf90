"""Plain data the request service takes and returns (群众求助): forms, filters, rows, details, figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.models import Channel, Satisfaction, Status, Urgency
from policeroom.services.loop.lights import Light
from policeroom.services.loop.timeline import MatterCounts, TimelineItem


@dataclass
class RequestInput:
    """The registration form (登记)."""

    received_at: datetime
    channel: Channel
    category: str
    urgency: Urgency
    description: str
    receiver_id: int | None
    resident_id: int | None = None
    requester_name: str = ""
    requester_phone: str = ""
    requester_address: str = ""
    anonymous: bool = False
    anonymous_reason: str = ""
    occurred_at: datetime | None = None
    location: str = ""
    grid_id: int | None = None
    leader: str = ""
    #: a requester typed in (not picked) is also added to the resident index (居民档案)
    add_to_index: bool = False


@dataclass(frozen=True)
class RequestFilter:
    """What the list shows: the search box plus the filter bar."""

    query: str = ""
    statuses: tuple[Status, ...] = ()
    category: str | None = None
    urgency: Urgency | None = None
    date_from: date | None = None
    date_to: date | None = None
    assignee_id: int | None = None
    grid_id: int | None = None
    overdue_only: bool = False
    due_on: date | None = None  # the current step falls due on this day (工作台：今日到期)


@dataclass(frozen=True)
class RequestRow:
    id: int
    number: str
    received_at: datetime
    channel: str
    requester: str
    phone: str
    category: str
    urgency: Urgency
    status: Status
    assignee: str
    grid: str
    summary: str
    due: datetime | None
    light: Light  # 红黄绿灯 of the current step (parked: grey)

    @property
    def overdue(self) -> bool:
        return self.light == Light.red


@dataclass(frozen=True)
class ActionItem:
    id: int
    at: datetime
    member: str
    content: str


@dataclass(frozen=True)
class EventItem:
    at: datetime
    kind: str
    label: str
    actor: str
    detail: str


@dataclass(frozen=True)
class RequestDetail:
    """Everything about one request, with Chinese labels, for the detail view and the printed form."""

    id: int
    number: str
    status: Status
    status_label: str
    received_at: datetime
    channel: Channel
    channel_label: str
    resident_id: int | None
    requester_name: str
    requester_gender: str
    requester_id_number: str
    requester_phone: str
    requester_address: str
    anonymous: bool
    anonymous_reason: str
    occurred_at: datetime | None
    location: str
    grid_id: int | None
    grid_label: str
    category: str
    urgency: Urgency
    urgency_label: str
    description: str
    receiver_id: int | None
    receiver_name: str
    leader: str
    assignee_id: int | None
    assignee_name: str
    dispatched_at: datetime | None
    feedback_at: datetime | None
    feedback: str
    visit_due: datetime | None
    visited_at: datetime | None
    visit_method: str
    satisfaction: Satisfaction | None
    satisfaction_label: str
    visit_remarks: str
    closed_at: datetime | None
    referred_to: str
    void_reason: str
    actions: tuple[ActionItem, ...]
    events: tuple[EventItem, ...]
    step: str | None  # dispatch / handle / feedback / visit / close, or None when finished
    step_label: str
    step_due: datetime | None
    light: Light
    next_action: str | None
    calendar_warning: str | None
    #: the loop engine's view: every event with 督办 replies, counts, the clock's state
    timeline: tuple[TimelineItem, ...] = ()
    counts: MatterCounts = field(default_factory=MatterCounts)
    parked_at: datetime | None = None
    park_reason: str = ""
    asked_due: datetime | None = None
    asked_reason: str = ""

    @property
    def overdue(self) -> bool:
        return self.light == Light.red

    @property
    def unanswered(self) -> tuple[TimelineItem, ...]:
        """The 督办 still waiting for a reply, oldest first."""
        return tuple(e for e in self.timeline if e.move == "supervise" and e.reply is None)


@dataclass(frozen=True)
class DashboardCounts:
    mine: int
    due_today: int
    overdue: int
    visits_due: int
    open: int


@dataclass
class AssessmentRow:
    """考核 per team member over a period."""

    member_id: int
    name: str
    handled: int = 0
    closed: int = 0
    closed_on_time: int = 0
    visited: int = 0
    satisfied: int = 0
    fairly: int = 0
    unsatisfied: int = 0
    #: from the loop engine's timeline: steps finished on time / late, 督办 received, 返工, 延期 approved
    steps_on_time: int = 0
    steps_late: int = 0
    supervised: int = 0
    reworked: int = 0
    extended: int = 0
    step_hours: dict[str, list[float]] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        return self.closed_on_time / self.closed if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        return (self.satisfied + self.fairly) / self.visited if self.visited else None

    def average_hours(self, step: str) -> float | None:
        values = self.step_hours.get(step) or []
        return sum(values) / len(values) if values else None
