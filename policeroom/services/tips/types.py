"""Plain data of the tips module: what a form sends, what lists and details show (never the tipster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.services.loop.lights import Light
from policeroom.services.loop.timeline import TimelineItem

SEALED = "已密封"


@dataclass
class TipInput:
    """The intake form (登记线索). The tipster's fields go to the sealed record only."""

    received_at: datetime
    channel: str
    category: str
    content: str
    anonymous: bool = True
    subject: str = ""
    place: str = ""
    grid_id: int | None = None
    occurred_at: datetime | None = None
    amount: int | None = None
    duplicate_of: str = ""
    receiver_id: int | None = None
    # sealed
    resident_id: int | None = None
    tipster_name: str = ""
    tipster_id_number: str = ""
    tipster_phone: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Intake:
    """What 登记 returns: the query code is shown once (and printed on the 受理回执), never again."""

    tip_id: int
    number: str
    code: str


@dataclass(frozen=True)
class TipRow:
    """One line of the tips list: no identity of any kind (举报人 is always 已密封)."""

    id: int
    number: str
    received_at: datetime
    channel: str
    category: str
    subject: str
    place: str
    grid: str
    status: str
    status_label: str
    handler: str
    due: datetime | None
    light: Light
    verdict: str
    reward: int | None
    duplicate_of: str
    anonymous: bool
    tipster: str = SEALED


@dataclass(frozen=True)
class AttachmentItem:
    id: int
    file_name: str
    size: int
    thumbnail: bytes | None
    added_at: datetime


@dataclass(frozen=True)
class TipDetail:
    """A tip as the detail view shows it (the tipster sealed; 查看举报人 is a separate, recorded call)."""

    row: TipRow
    occurred_at: datetime | None
    amount: int | None
    content: str
    receiver: str
    grid_id: int | None
    has_identity: bool
    decline_reason: str
    transfer_to: str
    transfer_note: str
    transferred_at: datetime | None
    verify_days: int | None
    verdict: str
    measures: str
    outcome: str
    outcome_at: datetime | None
    reward_rule: str
    reward_tier: str
    reward_proposed: int | None
    reward_basis: str
    exclusions: dict[str, bool]
    reward_approved: int | None
    approve_note: str
    approved_by: str
    approved_at: datetime | None
    notified_at: datetime | None
    notify_due: datetime | None
    claim_deadline: date | None
    claimed_at: datetime | None
    claim_method: str
    lapsed_on: date | None
    archived_at: datetime | None
    archive_reason: str
    erased_at: datetime | None
    timeline: list[TimelineItem] = field(default_factory=list)
    attachments: list[AttachmentItem] = field(default_factory=list)
    same_matter: list[str] = field(default_factory=list)
    calendar_warning: str | None = None


@dataclass(frozen=True)
class Tipster:
    """The sealed tipster, for the officer only (查看举报人)."""

    name: str
    id_number: str
    phone: str
    contact: str
    resident_id: int | None
    claim_receiver: str
    claim_detail: str


@dataclass
class TipFilter:
    query: str = ""
    status: str = ""  # a status, "open", or "" for all
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class RewardLine:
    """One line of the monthly 奖励发放登记表: no names."""

    number: str
    category: str
    rule: str
    tier: str
    approved: int
    approved_by: str
    approved_at: datetime | None
    paid_at: datetime | None
    method: str
    state: str


@dataclass(frozen=True)
class KeepingRow:
    """A tip archived long ago: when its identity, contact and attachments are to be erased."""

    id: int
    number: str
    category: str
    archived_at: datetime
    erase_on: date
    has_identity: bool
    attachments: int


@dataclass(frozen=True)
class TipPaper:
    """What the papers print of one tip (the service fills it; never the tipster's identity)."""

    room_name: str
    station: str
    number: str
    category: str
    received_at: datetime
    receiver: str
    code: str | None = None  # only at intake
    transfer_to: str = ""
    transfer_note: str = ""
    transferred_at: datetime | None = None
    subject: str = ""
    content: str = ""
    reward_rule: str = ""
    reward_tier: str = ""
    amount: int | None = None
    claim_method: str = ""
    claim_proxy: bool = False
    claimed_at: datetime | None = None
    claim_deadline: date | None = None
    lapsed_on: date | None = None
    notified_at: datetime | None = None
