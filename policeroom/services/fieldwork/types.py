"""Plain data of field work passed between the services, the screens, the reports and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from policeroom.services.fieldwork.checkpoints import CheckpointReading

# -- patrols -------------------------------------------------------------------------------------


@dataclass
class RouteInput:
    grid_id: int | None
    name: str
    start_time: time
    end_time: time
    min_people: int = 2
    checkpoints: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class RouteRow:
    id: int
    grid_id: int
    grid: str
    name: str
    start_time: time
    end_time: time
    min_people: int
    checkpoints: tuple[tuple[int, str], ...]  # (checkpoint id, name) in route order
    notes: str
    archived: bool

    @property
    def window(self) -> str:
        return f"{self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def label(self) -> str:
        return f"{self.name}（{self.grid}，{self.window}）"


@dataclass
class PointInput:
    checkpoint_id: int
    at: time | None = None  # None: not reached (漏巡)
    problem: bool = False
    note: str = ""


@dataclass
class PatrolInput:
    route_id: int | None
    day: date | None
    start_time: time
    end_time: time
    member_ids: list[int] = field(default_factory=list)
    leader_id: int | None = None
    volunteers: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)  # "姓名（单位）" or a name
    points: list[PointInput] = field(default_factory=list)
    findings: str = ""
    live: bool = False
    #: registered volunteers (志愿者登记) of the patrol's grid: each gets a 智慧义巡 participation 待确认
    volunteer_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PointRow:
    id: int
    checkpoint_id: int
    seq: int
    name: str
    at: time | None
    problem: bool
    note: str
    event_id: int | None
    event_number: str


@dataclass(frozen=True)
class PatrolRow:
    id: int
    day: date
    start_time: time
    end_time: time
    route_id: int
    route: str
    grid_id: int
    grid: str
    members: tuple[str, ...]
    member_ids: tuple[int, ...]
    leader_id: int | None
    volunteers: tuple[str, ...]
    guards: tuple[str, ...]
    min_people: int
    reading: CheckpointReading
    points: tuple[PointRow, ...]
    findings: str
    live: bool
    in_window: bool
    volunteer_ids: tuple[int, ...] = ()  # the registered ones among ``volunteers``
    free_volunteers: tuple[str, ...] = ()  # the ones typed by name

    @property
    def window(self) -> str:
        return f"{self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def people_count(self) -> int:
        return len(self.members) + len(self.volunteers) + len(self.guards)

    @property
    def people(self) -> str:
        parts = list(self.members)
        parts += [f"{n}（志愿者）" for n in self.volunteers]
        parts += [f"{n}（联防）" if "（" not in n else n for n in self.guards]
        return "、".join(parts)

    @property
    def short_handed(self) -> bool:
        return self.people_count < self.min_people

    @property
    def hours(self) -> float:
        from policeroom.services.fieldwork.checks import minutes

        return round(minutes(self.start_time, self.end_time) / 60, 1)


@dataclass(frozen=True)
class HelperTurn:
    """A volunteer's (or partner guard's) turn on a patrol: the seam the volunteers module reads, so a
    participation waits there for confirmation and its hours are not typed twice."""

    record_id: int
    helper_id: int
    kind: str  # volunteer / guard
    name: str
    unit: str
    volunteer_id: int | None
    day: date
    hours: float
    grid: str


@dataclass(frozen=True)
class PlannedPatrol:
    """A patrol planned in the roster (巡防 shift on a grid) and whether a patrol record matches it."""

    day: date
    grid_id: int | None
    grid: str
    members: tuple[str, ...]
    record_ids: tuple[int, ...]

    @property
    def recorded(self) -> bool:
        return bool(self.record_ids)


# -- households and visits -----------------------------------------------------------------------


@dataclass
class HouseholdInput:
    grid_id: int | None
    building: str
    unit: str
    room: str
    kind: str
    head_name: str = ""
    resident_ids: list[int] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    grid_id: int
    grid: str
    address: str
    building: str
    unit: str
    room: str
    kind: str
    head_name: str
    residents: tuple[str, ...]
    resident_ids: tuple[int, ...]
    notes: str
    archived: bool
    last_visit: date | None
    next_due: date
    workers: tuple[str, ...]  # the grid's workers, whose due list it is on


@dataclass
class VisitInput:
    household_id: int | None
    visited_on: date | None
    visitor_id: int | None
    start_time: time | None = None
    end_time: time | None = None
    companions: str = ""
    received_by: str = ""
    purpose: str = ""
    population: str = ""
    hazards: str = ""
    disputes: str = ""
    wishes: str = ""
    action: str = ""
    signed: bool = False
    next_due: date | None = None  # None: from the household's kind


@dataclass(frozen=True)
class VisitRow:
    id: int
    household_id: int
    address: str
    grid_id: int
    grid: str
    visited_on: date
    start_time: time | None
    end_time: time | None
    visitor_id: int
    visitor: str
    companions: str
    kind: str
    received_by: str
    purpose: str
    population: str
    hazards: str
    disputes: str
    wishes: str
    action: str
    signed: bool
    next_due: date | None


@dataclass(frozen=True)
class DueCounts:
    overdue: int = 0
    today: int = 0
    this_week: int = 0


# -- talks ----------------------------------------------------------------------------------------


@dataclass
class TalkInput:
    day: date | None
    place: str
    topic: str
    grid_id: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    audience: str = ""
    people_reached: int = 0
    materials: int = 0
    giver_ids: list[int] = field(default_factory=list)
    other_givers: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TalkRow:
    id: int
    day: date
    start_time: time | None
    end_time: time | None
    grid_id: int | None
    grid: str
    place: str
    topic: str
    audience: str
    people_reached: int
    materials: int
    givers: tuple[str, ...]
    giver_ids: tuple[int, ...]
    other_givers: str
    notes: str
