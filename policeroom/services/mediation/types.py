"""Plain data the dispute and mediation services take and return: forms, filters, rows, details."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.models import CaseKind, CaseSource, CaseStatus, DisputeStatus, PartyRole, Risk

#: 纠纷类型 as the justice bureaus count them (forms.md); editable in settings.
DEFAULT_DISPUTE_TYPES = (
    "婚姻家庭", "邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "山林土地", "征地拆迁",
    "环境污染", "劳动争议", "消费", "医疗", "道路交通事故", "物业", "拖欠农民工工资", "其他",
)  # fmt: skip

DISPUTE_TYPES_KEY = "mediation.dispute_types"


@dataclass
class PartyInput:
    """A party on a ledger entry (name and phone) or on a case (every field of the documents)."""

    name: str
    resident_id: int | None = None
    role: PartyRole = PartyRole.applicant
    gender: str = ""
    ethnicity: str = ""
    id_number: str = ""
    birth_date: date | None = None
    age: int | None = None
    occupation: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class DisputeInput:
    """A line of the screening ledger (矛盾纠纷排查台账)."""

    screened_on: date
    dispute_type: str
    risk: Risk
    summary: str
    grid_id: int | None = None
    screener_id: int | None = None
    occurred_at: datetime | None = None
    location: str = ""
    people_count: int = 2
    demands: str = ""
    owner_id: int | None = None
    measures: str = ""
    deadline: date | None = None
    status: DisputeStatus = DisputeStatus.unresolved
    resolved_on: date | None = None  # 化解日期; today when marked 已化解 without one
    transferred_to: str = ""
    stabilizing: str = ""
    revisit_notes: str = ""
    notes: str = ""
    parties: list[PartyInput] = field(default_factory=list)


@dataclass(frozen=True)
class DisputeFilter:
    query: str = ""
    statuses: tuple[DisputeStatus, ...] = ()
    risk: Risk | None = None
    dispute_type: str | None = None
    grid_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class DisputeRow:
    id: int
    number: str
    screened_on: date
    grid: str
    dispute_type: str
    parties: str
    people_count: int
    summary: str
    risk: Risk
    owner: str
    deadline: date | None
    status: DisputeStatus
    case_number: str
    overdue: bool
    resolved_on: date | None = None


@dataclass(frozen=True)
class DisputeDetail:
    id: int
    number: str
    data: DisputeInput
    case_id: int | None
    case_number: str
    resolved_on: date | None


@dataclass
class CaseInput:
    """A mediation case as registered (受理)."""

    kind: CaseKind
    source: CaseSource
    dispute_type: str
    accepted_on: date
    facts: str
    parties: list[PartyInput]
    mediator_ids: list[int]
    title: str = ""
    issues: str = ""
    claims: str = ""
    responsibility: str = ""
    amount: float | None = None
    recorder_id: int | None = None
    registrar_id: int | None = None


@dataclass
class RecordInput:
    """调查记录 (investigation) or 调解记录 (session)."""

    at: datetime
    place: str = ""
    subject: str = ""
    parties_present: str = ""
    participants: str = ""
    interviewee: str = ""
    investigator: str = ""
    recorder: str = ""
    content: str = ""
    result: str = ""


@dataclass
class AgreementInput:
    """The agreement (调解协议): written or oral."""

    oral: bool
    agreed_on: date
    terms: list[str]
    performance_method: str = ""
    performance_deadline: date | None = None
    copies: int | None = None
    performed_on_the_spot: bool = False


@dataclass
class VisitInput:
    visited_on: date
    visitor_id: int | None
    method: str = "电话"
    reason: str = "了解协议履行情况"
    performance: str = ""
    satisfaction: str = "满意"
    new_conflict: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CaseFilter:
    query: str = ""
    kind: CaseKind | None = None
    statuses: tuple[CaseStatus, ...] = ()
    dispute_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    visit_due_only: bool = False


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    kind: CaseKind
    accepted_on: date
    title: str
    dispute_type: str
    parties: str
    mediators: str
    status: CaseStatus
    agreed_on: date | None
    visit_due: date | None
    visit_overdue: bool
    attention: str  # what needs doing next, in words (e.g. 回访已超期3天)


@dataclass(frozen=True)
class PartyView:
    id: int
    role: PartyRole
    resident_id: int | None
    name: str
    gender: str
    ethnicity: str
    id_number: str
    birth_date: date | None
    age: int | None
    occupation: str
    phone: str
    address: str


@dataclass(frozen=True)
class RecordView:
    id: int
    kind: str
    data: RecordInput


@dataclass(frozen=True)
class PerformanceView:
    id: int
    on: date
    content: str
    proof: str


@dataclass(frozen=True)
class VisitView:
    id: int
    visited_on: date
    visitor_id: int | None
    visitor: str
    data: VisitInput


@dataclass(frozen=True)
class CaseDetail:
    """A case with everything its screens show."""

    id: int
    number: str
    status: CaseStatus
    data: CaseInput
    parties: tuple[PartyView, ...]
    mediators: tuple[str, ...]
    recorder: str
    records: tuple[RecordView, ...]
    agreement: AgreementInput | None
    performances: tuple[PerformanceView, ...]
    visits: tuple[VisitView, ...]
    visit_due: date | None
    failed_on: date | None
    failed_reason: str
    other_way: str | None
    confirmation_last_day: date | None
    confirmation_applied_on: date | None
    confirmation_court: str
    confirmation_result: str
    archived_on: date | None
    filed_by_id: int | None
    retention: str
    file_remarks: str
    entry_numbers: tuple[str, ...]
    next_steps: tuple[str, ...]  # the moves allowed now (CaseStatus values), for the buttons
