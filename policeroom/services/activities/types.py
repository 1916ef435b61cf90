"""Plain data the activity services take and return (no ORM objects leave a transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ActivityInput:
    """The activity form (新建/编辑活动)."""

    kind: str = ""
    title: str = ""
    organiser_id: int | None = None
    place: str = ""
    grid_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    needs: str = ""
    risky: bool = False
    cap_minutes: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ActivityRow:
    id: int
    number: str
    kind: str
    title: str
    organiser_id: int
    organiser: str
    place: str
    grid_id: int | None
    grid: str
    starts_at: datetime
    ends_at: datetime
    needs: str
    risky: bool
    cap_minutes: int | None
    status: str  # ActivityStatus value
    status_label: str
    cancel_reason: str
    notes: str
    signed_up: int = 0
    waiting: int = 0
    confirmed_minutes: int = 0

    @property
    def length_minutes(self) -> int:
        return max(0, int((self.ends_at - self.starts_at).total_seconds() // 60))


@dataclass(frozen=True)
class ParticipationRow:
    id: int
    activity_id: int
    activity: str
    volunteer_id: int
    volunteer_number: str
    volunteer_name: str
    star: str
    role: str
    status: str  # PartStatus value
    status_label: str
    signed_in_at: datetime | None
    signed_out_at: datetime | None
    scheduled_minutes: int
    actual_minutes: int | None
    counted_minutes: int | None
    flagged: bool
    confirmed_by: str
    confirmed_at: datetime | None
    void_reason: str


@dataclass(frozen=True)
class VolunteerInfo:
    """What the activity screens and papers need of a volunteer (the volunteer itself is i14a's)."""

    id: int
    number: str
    name: str
    id_number: str
    insured_until: date | None
    active: bool


@dataclass(frozen=True)
class VolunteerStanding:
    """A volunteer's confirmed hours, points and star (shown beside the name)."""

    volunteer: VolunteerInfo
    minutes: int
    points: int  # tenths
    star: int
    star_label: str


@dataclass(frozen=True)
class LedgerLine:
    """One entry of either ledger as lists and the passbook show it."""

    id: int
    ledger: str  # hours / points
    volunteer_id: int
    volunteer_number: str
    volunteer_name: str
    at: datetime
    kind: str
    summary: str
    amount: int
    balance_after: int
    operator: str
    reason: str
    reverses_id: int | None
    reversed: bool = False


@dataclass(frozen=True)
class RewardRow:
    id: int
    name: str
    points: int
    stock: int
    valid_until: date | None
    active: bool


@dataclass(frozen=True)
class RedemptionRow:
    id: int
    number: str
    volunteer_id: int
    volunteer_number: str
    volunteer_name: str
    item: str
    points: int
    status: str
    status_label: str
    applied_at: datetime
    approved_by: str
    approved_at: datetime | None
    issued_at: datetime | None
    valid_until: date | None
    redeemed_by: str
    redeemed_at: datetime | None
    redeemed_place: str
    closed_reason: str


@dataclass(frozen=True)
class CertActivity:
    day: str  # ISO date
    title: str
    minutes: int


@dataclass(frozen=True)
class CertificateData:
    """A certificate as issued (the snapshot) and as the register lists it."""

    id: int
    number: str
    issued_on: date
    volunteer_id: int
    volunteer_number: str
    volunteer_name: str
    id_kind: str
    id_number: str  # masked unless asked for in full
    minutes: int
    period_from: date | None
    period_to: date | None
    activities: tuple[CertActivity, ...]
    unit: str
    head: str
    issuer: str
    contact: str
    voided: bool
    void_reason: str
    voided_by: str = ""


@dataclass(frozen=True)
class PassbookLine:
    """One line of the 积分存折: 日期 摘要 存入 取出 结余 经办人."""

    day: date
    summary: str
    hours_in: int  # minutes
    points_in: int  # tenths
    points_out: int  # tenths
    balance: int  # tenths, points after
    operator: str


@dataclass(frozen=True)
class Passbook:
    volunteer: VolunteerInfo
    lines: tuple[PassbookLine, ...]
    minutes: int
    points: int
    room_name: str
    printed_at: datetime


@dataclass(frozen=True)
class ActivitiesGlance:
    """工作台: this week's activities, hours confirmed this month, waiting confirmations and approvals."""

    this_week: list[ActivityRow] = field(default_factory=list)
    minutes_this_month: int = 0
    waiting_confirmation: int = 0
    waiting_approval: int = 0
