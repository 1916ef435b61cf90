"""Plain data the forces services take and return: forms, filters, rows, details."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.models import AVAILABILITY, VolunteerStatus

AVAILABILITY_CHOICES = AVAILABILITY

#: Longhua's ten kinds of team (十类), 义警队 and the room's own (其他); editable in settings.
DEFAULT_TEAM_KINDS = (
    "平安义巡队", "平安先锋队", "平安美容师", "平安护路队", "平安宣传队", "平安好管家", "平安小哥",
    "平安楼栋长", "平安护苗队", "特色志愿者", "义警队", "其他",
)  # fmt: skip
TEAM_KINDS_KEY = "forces.team_kinds"
#: 警+联盟 kinds (editable)
DEFAULT_PARTNER_KINDS = ("警企", "警银", "警校", "警保", "警医", "警商", "警邮", "其他")
PARTNER_KINDS_KEY = "forces.partner_kinds"
#: what a partner unit brings (several)
PARTNER_BRINGS = ("巡防", "视频", "线索", "宣传")
#: sites of emergency units (editable)
DEFAULT_UNIT_KINDS = ("商圈", "景区", "城中村", "学校", "市场", "医院", "小区", "其他")
UNIT_KINDS_KEY = "forces.unit_kinds"
#: yearly evaluation grades
EVALUATION_GRADES = ("优秀", "称职", "基本称职", "不称职")
#: insurance is listed this many days before it runs out
INSURANCE_WARNING_DAYS = 30

#: the seam to the hours ledger: (volunteer ids, year) -> confirmed hours of each (missing = none)
ConfirmedHours = Callable[[list[int], int], Mapping[int, float]]


def no_hours_recorded(_ids: list[int], _year: int) -> Mapping[int, float]:
    """Before an hours ledger is wired in, nobody has confirmed hours."""
    return {}


#: the volunteer list's seam to the hours and points ledgers: ids -> {id: (hours, points, star label)}
Standing = Callable[[list[int]], Mapping[int, tuple[float, float, str]]]


def no_standing(_ids: list[int]) -> Mapping[int, tuple[float, float, str]]:
    """Without the ledgers (tests of the register alone): nobody has hours or points yet."""
    return {}


@dataclass
class VolunteerInput:
    """What the volunteer dialog sends. ``resident_id`` names the person in the resident index."""

    resident_id: int | None
    joined_on: date | None
    grid_id: int | None = None
    roles: tuple[str, ...] = ()
    skills: str = ""
    availability: tuple[str, ...] = ()
    team_ids: tuple[int, ...] = ()
    insurance_policy: str = ""
    insurer: str = ""
    insurance_until: date | None = None
    partner_unit_id: int | None = None
    auxiliary: bool = False
    notes: str = ""


@dataclass(frozen=True)
class VolunteerFilter:
    query: str = ""
    team_id: int | None = None
    role: str | None = None
    status: VolunteerStatus | None = None
    #: "expiring" (within 30 days), "expired", "none" (no insurance recorded)
    insurance: str | None = None
    grid_id: int | None = None
    auxiliary: bool | None = None


@dataclass(frozen=True)
class VolunteerRow:
    """One line of the volunteer list."""

    id: int
    number: str
    name: str
    gender: str
    age: int | None
    phone: str
    grid: str
    teams: str
    roles: str
    status: VolunteerStatus
    joined_on: date
    insurance_until: date | None
    auxiliary: bool
    partner_unit: str
    id_number: str = ""
    #: from the hours and points ledgers (志愿服务): confirmed hours, points balance, ★ level
    hours: float = 0.0
    points: float = 0.0
    star: str = ""

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class TrainingItem:
    id: int
    on: date
    title: str
    hours: int
    organiser: str


@dataclass(frozen=True)
class CommendationItem:
    id: int
    on: date
    title: str
    issuer: str


@dataclass(frozen=True)
class EvaluationItem:
    id: int
    year: int
    grade: str
    remarks: str


@dataclass(frozen=True)
class VolunteerDetail:
    id: int
    number: str
    resident_id: int
    name: str
    data: VolunteerInput
    status: VolunteerStatus
    status_reason: str
    status_on: date | None
    trainings: list[TrainingItem] = field(default_factory=list)
    commendations: list[CommendationItem] = field(default_factory=list)
    evaluations: list[EvaluationItem] = field(default_factory=list)


@dataclass(frozen=True)
class InactiveVolunteer:
    """A line of the year-end list: registered, no confirmed hours this year."""

    id: int
    number: str
    name: str
    teams: str
    joined_on: date
    hours: float


@dataclass
class TeamInput:
    name: str
    kind: str
    grid_id: int | None = None
    site: str = ""
    leader_id: int | None = None
    officer_id: int | None = None
    model_squad: bool = False
    founded_on: date | None = None
    member_ids: tuple[int, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    kind: str
    grid: str
    site: str
    leader: str
    officer: str
    members: int
    model_squad: bool
    archived: bool


@dataclass
class PartnerInput:
    name: str
    kind: str
    address: str = ""
    grid_id: int | None = None
    contact: str = ""
    phone: str = ""
    guards: int = 0
    agreement_on: date | None = None
    brings: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    kind: str
    address: str
    grid: str
    contact: str
    phone: str
    guards: int
    volunteers: int
    agreement_on: date | None
    brings: str
    archived: bool


@dataclass
class MemberInput:
    resident_id: int
    post: str


@dataclass
class UnitInput:
    name: str
    kind: str
    site: str = ""
    grid_id: int | None = None
    partner_unit_id: int | None = None
    notes: str = ""
    members: list[MemberInput] = field(default_factory=list)


@dataclass(frozen=True)
class MemberRow:
    id: int
    resident_id: int
    name: str
    post: str
    phone: str
    on_post_since: datetime | None


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    site: str
    grid: str
    members: int
    on_post: int
    last_drill: date | None
    archived: bool


@dataclass(frozen=True)
class UnitOnPost:
    """For the 工作台 panel: who of a unit is on post now."""

    unit_id: int
    unit: str
    members: int
    on_post: list[tuple[str, str, datetime]]  # (name, post, since)


@dataclass
class ArrivalInput:
    name: str
    post: str = ""
    seconds: int | None = None  # None: did not arrive
    member_id: int | None = None


@dataclass
class DrillInput:
    unit_id: int
    held_at: datetime | None
    scenario: str
    organiser: str = ""
    arrivals: list[ArrivalInput] = field(default_factory=list)
    reinforcement_seconds: int | None = None
    professional_seconds: int | None = None
    problems: str = ""


@dataclass(frozen=True)
class RingResult:
    """One ring of the response standard: its time, what it asks, the time it took, met or not."""

    minutes: int
    name: str
    rule: str
    seconds: int | None
    #: None: not tested in this drill (the street's and the professional forces are optional)
    met: bool | None


@dataclass(frozen=True)
class DrillRow:
    id: int
    unit: str
    held_at: datetime
    scenario: str
    arrived: int
    called: int
    rings: str  # 1分钟✓ 3分钟✗ …
    all_met: bool


@dataclass(frozen=True)
class DrillDetail:
    id: int
    unit_id: int
    unit: str
    unit_kind: str
    site: str
    data: DrillInput
    rings: list[RingResult]
