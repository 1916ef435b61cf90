"""The rules of a mediation case: its lifecycle, its number, and its deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from policeroom.models import CASE_STATUS_LABELS, CaseKind, CaseStatus
from policeroom.services.core.workdays import add_working_days, is_workday

#: The moves a case may make (受理 → 调查 → 调解 → 达成协议 / 调解不成 → 履行 → 回访 → 结案归档).
MOVES: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.accepted: (CaseStatus.investigating, CaseStatus.mediating, CaseStatus.failed),
    CaseStatus.investigating: (CaseStatus.mediating, CaseStatus.failed),
    CaseStatus.mediating: (CaseStatus.agreed, CaseStatus.failed),
    CaseStatus.agreed: (CaseStatus.performed,),
    CaseStatus.performed: (CaseStatus.visited,),
    CaseStatus.visited: (CaseStatus.archived,),
    CaseStatus.failed: (CaseStatus.archived,),
    CaseStatus.archived: (),
}

#: What each move is called on a button and in messages.
MOVE_LABELS = {
    CaseStatus.investigating: "开始调查",
    CaseStatus.mediating: "开始调解",
    CaseStatus.agreed: "达成协议",
    CaseStatus.failed: "调解不成",
    CaseStatus.performed: "履行完毕",
    CaseStatus.visited: "回访",
    CaseStatus.archived: "结案归档",
}

#: Statuses in which the case is still being worked on (not archived).
OPEN_CASE_STATUSES = tuple(s for s in CaseStatus if s is not CaseStatus.archived)

#: Days after the agreement within which the parties may apply for judicial confirmation (Art. 33).
CONFIRMATION_DAYS = 30

#: Working days after the performance deadline by which the follow-up visit is due.
VISIT_AFTER_WORKING_DAYS = 3

PUBLIC_ORDER_COPIES = 3

#: Dispute types that can lie behind a minor public-order case fit for 治安调解 (a fight or damaged
#: property out of a neighbour or similar dispute); contract, consumer or labour disputes do not.
PUBLIC_ORDER_DISPUTE_TYPES = ("邻里", "损害赔偿", "房屋宅基地", "物业")


def check_move(current: CaseStatus, target: CaseStatus) -> str | None:
    """None when the move is allowed, else the reason in plain Chinese."""
    if target in MOVES[current]:
        return None
    allowed = "、".join(MOVE_LABELS[t] for t in MOVES[current])
    now = CASE_STATUS_LABELS[current]
    if not allowed:
        return f"案件已{now}，不能再{MOVE_LABELS.get(target, '办理')}。"
    return f"案件当前为“{now}”，不能直接{MOVE_LABELS.get(target, '办理')}；现在可以：{allowed}。"


def case_number(kind: CaseKind, year: int, seq: int, committee_short: str, station: str) -> str:
    """（2026）安华人调字第15号 for people's mediation; （2026）和平里派出所治调字第3号 for 治安调解."""
    if kind is CaseKind.public_order:
        return f"（{year}）{station}治调字第{seq}号"
    return f"（{year}）{committee_short}人调字第{seq}号"


_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）", "［": "（", "］": "）"})


def normalize_case_number(text: str) -> str:
    """A typed case number as the register writes it: ``(2026)安华人调字第15号`` (what a terminal
    gives), ``〔2026〕`` and ``（2026）`` are the same number; spaces are dropped."""
    return "".join(text.split()).translate(_BRACKETS)


def counter_key(kind: CaseKind, year: int) -> str:
    return f"{'ZT' if kind is CaseKind.public_order else 'RT'}{year}"


def confirmation_last_day(agreed_on: date) -> date:
    """The last day to apply for judicial confirmation: 30 days after the agreement took effect.

    The day it took effect does not count, and a period ending on a rest day or statutory holiday
    ends on the next working day (民法典 arts. 201 and 203).
    """
    last = agreed_on + timedelta(days=CONFIRMATION_DAYS)
    while not is_workday(last):
        last += timedelta(days=1)
    return last


def visit_due(agreed_on: date, performance_deadline: date | None) -> date:
    """A follow-up visit falls due 3 working days after the performance deadline (or the agreement)."""
    start = performance_deadline or agreed_on
    return add_working_days(datetime.combine(start, datetime.min.time()), VISIT_AFTER_WORKING_DAYS).date()


def default_copies(kind: CaseKind, parties: int) -> int:
    """Parties + 1 for the committee; 治安调解协议书 is always made in 3."""
    return PUBLIC_ORDER_COPIES if kind is CaseKind.public_order else parties + 1
