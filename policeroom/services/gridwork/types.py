"""Plain data of grid work: what forms send in and what lists, details and 考核 give back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.models import EventSource, EventStatus, Frequency, Urgency
from policeroom.services.loop.lights import Light
from policeroom.services.loop.timeline import TimelineItem


@dataclass
class EventInput:
    """The registration of a grid event (网格事件登记)."""

    source: EventSource
    category_id: int | None
    grid_id: int | None
    found_at: datetime
    description: str
    urgency: Urgency = Urgency.normal
    place_id: int | None = None
    location: str = ""
    reporter_id: int | None = None
    reporter_name: str = ""
    reporter_phone: str = ""
    request_id: int | None = None
    tip_ref: str = ""


@dataclass(frozen=True)
class PhotoInput:
    file_name: str
    data: bytes
    mime: str = ""


@dataclass(frozen=True)
class EventFilter:
    """The register's search and filters."""

    query: str = ""
    statuses: tuple[EventStatus, ...] = ()
    category_id: int | None = None
    grid_id: int | None = None
    source: EventSource | None = None
    urgency: Urgency | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue_only: bool = False
    self_handled_only: bool = False
    parked_only: bool = False
    #: the events behind one number of the 考核 (a list of ids), or None
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class EventRow:
    """One line of the register."""

    id: int
    number: str
    found_at: datetime
    source: str
    category: str
    grid: str
    place: str
    location: str
    reporter: str
    urgency: str
    status: EventStatus
    status_label: str
    handler: str
    step: str
    due: datetime | None
    light: Light
    self_handled: bool
    description: str


@dataclass(frozen=True)
class PhotoItem:
    id: int
    file_name: str
    mime: str
    size: int


@dataclass(frozen=True)
class EventDetail:
    """One event with its links, photos, timeline and what may be done next."""

    id: int
    number: str
    source: EventSource
    category_id: int
    category: str
    admit_rule: str
    close_rule: str
    is_dispute: bool
    grid_id: int
    grid: str
    place_id: int | None
    place: str
    location: str
    found_at: datetime
    reporter_id: int | None
    reporter: str
    reporter_phone: str
    description: str
    urgency: Urgency
    status: EventStatus
    status_label: str
    handler_id: int | None
    handler: str
    registered_at: datetime | None
    dispatched_at: datetime | None
    handled_at: datetime | None
    handling: str
    fed_back_at: datetime | None
    feedback: str
    closed_at: datetime | None
    check_note: str
    rejected_reason: str
    self_handled: bool
    request_id: int | None
    request_number: str
    dispute_id: int | None
    dispute_number: str
    inspection_id: int | None
    tip_ref: str
    step: str
    step_start: datetime | None
    due: datetime | None
    light: Light
    parked: bool
    park_reason: str
    asked_due: datetime | None
    asked_reason: str
    photos: list[PhotoItem]
    timeline: list[TimelineItem]
    moves: list[str]
    open_supervisions: list[int] = field(default_factory=list)


@dataclass
class CategoryInput:
    """An event category with its rules and limits (step -> urgency -> amount)."""

    name: str
    admit_rule: str = ""
    close_rule: str = ""
    time_type: str = "working_hours"
    limits: dict[str, dict[str, float]] = field(default_factory=dict)
    is_dispute: bool = False
    archived: bool = False
    sort_order: int = 0


@dataclass(frozen=True)
class CategoryRow:
    id: int
    name: str
    admit_rule: str
    close_rule: str
    time_type: str
    limits: dict[str, dict[str, float]]
    is_dispute: bool
    archived: bool
    sort_order: int


# -- places and inspections (场所巡查) ------------------------------------------------------------
@dataclass
class PlaceInput:
    grid_id: int | None
    kind_id: int | None
    name: str
    address: str = ""
    contact: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    kind: str
    kind_id: int
    grid: str
    grid_id: int
    address: str
    contact: str
    phone: str
    notes: str
    archived: bool
    last_inspected: date | None
    next_due: date | None


@dataclass(frozen=True)
class ItemRow:
    id: int
    kind_id: int
    text: str
    frequency: Frequency
    frequency_label: str
    category_id: int | None
    archived: bool


@dataclass(frozen=True)
class TickInput:
    item_id: int
    ok: bool
    note: str = ""


@dataclass(frozen=True)
class TickRow:
    id: int
    item_id: int
    item: str
    ok: bool
    note: str
    event_id: int | None
    event_number: str


@dataclass(frozen=True)
class InspectionRow:
    id: int
    place_id: int
    place: str
    grid: str
    on_date: date
    at: datetime
    inspector: str
    failed: int
    notes: str
    ticks: list[TickRow] = field(default_factory=list)


@dataclass(frozen=True)
class DueItem:
    """One place on a grid worker's due list, with the items due and the earliest due day."""

    place_id: int
    place: str
    kind: str
    grid: str
    address: str
    due: date
    items: list[str]
    #: overdue / today / week / later
    when: str
    workers: list[str]


@dataclass(frozen=True)
class WorkerDue:
    """One grid worker's inspections due: overdue, due today, due later this week (places)."""

    member_id: int
    name: str
    overdue: int
    today: int
    week: int
    items: list[DueItem]
