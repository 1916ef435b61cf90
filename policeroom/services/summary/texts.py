"""The written sections of a summary, pre-filled from the records, and masking of personal data in them.

二、重点工作及典型事例 lists the period's notable cases: red-risk disputes screened, agreements reached,
requests overdue at the end of the period. 三、辖区形势 opens with what the figures say. 四、存在问题
names what the figures show wrong (overdue requests, red risks open, missed duty). 五、下周工作安排
lists what falls due in the next period: performance deadlines, follow-up visits, dispute deadlines.
Every section sees the world as it stood at the period's end: a dispute resolved later was still open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from policeroom.models import (
    CASE_KIND_LABELS,
    RISK_LABELS,
    AgreementKind,
    AssistanceRequest,
    CaseKind,
    CaseStatus,
    CaseVisit,
    DisputeEntry,
    DisputeStatus,
    MediationCase,
    Risk,
    Status,
)
from policeroom.services.core.dates import chinese_date
from policeroom.services.core.validators import mask_id_number, mask_name, mask_phone
from policeroom.services.requests.rules import RequestRules
from policeroom.services.summary.figures import overdue_at
from policeroom.services.summary.types import Figures, Period

# An 18-character identity number, or an 11-digit mobile, not inside a longer run of digits.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_text(text: str, names: Iterable[str] = ()) -> str:
    """Identity numbers → ``110105********002X``, mobiles → ``138****0000``, and each of ``names`` → ``张某某``.

    Longer names are replaced first, so 欧阳娜娜 is not half-masked by a 欧阳 of another record.
    """
    text = _ID_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), text)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def _d(day: date, p: Period | None = None) -> str:
    """``11月19日``; with the year when it is not the period's year."""
    if p is not None and day.year != p.start.year:
        return chinese_date(day)
    return f"{day.month}月{day.day}日"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split()).rstrip("。；，,.; ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(names: list[str]) -> str:
    names = [n for n in names if n]
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


def notable(s: Session, p: Period, rules: RequestRules, at, names: set[str]) -> list[str]:  # noqa: ANN001 - datetime
    """Lines for 二、重点工作及典型事例 (names unmasked; ``names`` collects them for masking)."""
    lines: list[str] = []
    reds = s.scalars(
        select(DisputeEntry)
        .where(DisputeEntry.screened_on.between(p.start, p.end), DisputeEntry.risk == Risk.red)
        .options(selectinload(DisputeEntry.parties))
        .order_by(DisputeEntry.screened_on, DisputeEntry.id)
    ).all()
    for e in reds:
        parties = [x.name for x in e.parties]
        names.update(parties)
        who = f"，当事人{_join(parties)}" if parties else ""
        lines.append(
            f"红色风险纠纷 {e.number}（{e.dispute_type}，{_d(e.screened_on)}排查{who}）：{_short(e.summary)}"
            f"，至{p.unit}末{_status_at(e, p.end)}。"
        )
    agreed = s.scalars(
        select(MediationCase)
        .where(MediationCase.agreed_on.between(p.start, p.end))
        .options(selectinload(MediationCase.parties))
        .order_by(MediationCase.agreed_on, MediationCase.id)
    ).all()
    for c in agreed:
        parties = [x.name for x in c.parties]
        names.update(parties)
        form = "书面协议" if c.agreement_kind == AgreementKind.written else "口头协议"
        title = c.title or f"{c.dispute_type}纠纷"
        who = f"，{_join(parties)}" if parties and not c.title else ""
        lines.append(
            f"{CASE_KIND_LABELS[CaseKind(c.kind)]}{c.number}（{title}{who}）于{_d(c.agreed_on)}达成{form}。"
        )
    backlog = 0
    for r, step, due in overdue_at(s, at, rules):
        if due < p.start_at:  # overdue since before the period: one line for them all
            backlog += 1
            continue
        if r.requester_name and not r.anonymous:
            names.add(r.requester_name)
        who = "匿名" if r.anonymous or not r.requester_name else r.requester_name
        lines.append(
            f"超期求助 {r.number}（{r.category}，求助人{who}，{_d(r.received_at.date(), p)}登记）：{step}环节"
            f"{_d(due.date(), p)}到期，至{p.unit}末仍未完成。"
        )
    if backlog:
        lines.append(f"另有{backlog}件求助在{p.unit}之前已超期，至{p.unit}末仍未办结，需督办。")
    return lines


_STATE_AT_END = {
    DisputeStatus.unresolved: "尚未化解",
    DisputeStatus.in_progress: "仍在化解中",
    DisputeStatus.resolved: "已化解",
    DisputeStatus.transferred: "已移交",
}


def _status_at(e: DisputeEntry, end: date) -> str:
    """The entry's 化解状态 on ``end``: resolved only if resolved by then (a later 已化解 was still open).

    Only 化解日期 is dated; 化解中 and 已移交 are shown as they stand now.
    """
    if e.resolved_on is not None and e.resolved_on > end:
        return _STATE_AT_END[DisputeStatus.unresolved]
    return _STATE_AT_END[DisputeStatus(e.status)]


def situation(p: Period, f: Figures, cats: list[tuple[str, int]], types: list[tuple[str, int]]) -> str:
    """The opening of 三、辖区形势及纠纷特点, from the figures (the officer goes on from there)."""
    parts = []
    if f.requests_received:
        top = "、".join(f"“{c}”（{n}件）" for c, n in cats[:3])
        parts.append(f"{p.unit}接收群众求助{f.requests_received}件，以{top}为主")
    else:
        parts.append(f"{p.unit}未接收群众求助")
    if f.disputes_screened:
        top = "、".join(f"{t}纠纷（{n}件）" for t, n in types[:3])
        red = f"，其中红色风险{f.disputes_red}件" if f.disputes_red else "，无红色风险纠纷"
        parts.append(f"排查矛盾纠纷{f.disputes_screened}件，主要为{top}{red}")
    else:
        parts.append("未排查到新的矛盾纠纷")
    return "；".join(parts) + "。"


def problems(s: Session, p: Period, f: Figures) -> list[str]:
    """Lines for 四、存在问题, from the figures, for the officer to edit (issue 11 item 12).

    Requests overdue at the period's end, red-risk disputes still unresolved then, late and missed
    duty shifts: what a reader of the figures would otherwise find contradicted by "无".
    """
    lines = []
    if f.requests_overdue:
        lines.append(f"至{p.unit}末仍有{f.requests_overdue}件群众求助超期未办结，需督促相关人员尽快办理。")
    open_red = open_red_at(s, p.end)
    if open_red:
        lines.append(f"尚有{open_red}件红色风险纠纷未化解，存在激化风险，稳控和化解力度需加强。")
    duty = [x for x in (f"迟到{f.late}次" if f.late else "", f"缺勤{f.absent}次" if f.absent else "") if x]
    if duty:
        lines.append(f"值班签到{'、'.join(duty)}，值班纪律需进一步落实。")
    return lines


def open_red_at(s: Session, end: date) -> int:
    """Red-risk disputes screened by ``end`` and not yet resolved then."""
    E = DisputeEntry  # noqa: N806
    return s.scalar(select(func.count()).select_from(E).where(E.risk == Risk.red, _open_disputes_at(end))) or 0


def _open_disputes_at(end: date):  # noqa: ANN202 - a SQL condition
    """Disputes that existed on ``end`` and were not yet resolved then (as the period saw them)."""
    E = DisputeEntry  # noqa: N806
    still_open = E.status.in_((DisputeStatus.unresolved, DisputeStatus.in_progress))
    return and_(E.screened_on <= end, or_(still_open, and_(E.resolved_on.is_not(None), E.resolved_on > end)))


def upcoming(s: Session, p: Period, names: set[str]) -> list[str]:
    """Lines for 五、下周工作安排: what existed at the period's end and falls due in the next period.

    A report shows the world as it was at the end of its period: cases accepted, disputes screened
    and requests received after the end do not exist for it (issue 11).
    """
    nxt = p.next()
    end = p.end
    lines: list[str] = []
    C = MediationCase  # noqa: N806
    agreed_by_end = and_(C.accepted_on <= end, C.agreed_on.is_not(None), C.agreed_on <= end)
    perf = s.scalars(
        select(C).where(agreed_by_end, C.performance_deadline.between(nxt.start, nxt.end),
                        or_(C.status == CaseStatus.agreed, and_(C.performed_on.is_not(None), C.performed_on > end)))
        .options(selectinload(C.parties)).order_by(C.performance_deadline, C.id)
    ).all()  # fmt: skip
    for c in perf:
        parties = [x.name for x in c.parties]
        names.update(parties)
        lines.append(f"{_d(c.performance_deadline)}前督促 {c.number}（{_join(parties)}）履行调解协议。")
    visited_by_end = select(CaseVisit.id).where(CaseVisit.case_id == C.id, CaseVisit.visited_on <= end).exists()
    visits = s.scalars(
        select(C).where(agreed_by_end, C.visit_due.between(nxt.start, nxt.end), ~visited_by_end,
                        C.status.in_((CaseStatus.agreed, CaseStatus.performed, CaseStatus.visited,
                                      CaseStatus.archived)))
        .options(selectinload(C.parties)).order_by(C.visit_due, C.id)
    ).all()  # fmt: skip
    for c in visits:
        parties = [x.name for x in c.parties]
        names.update(parties)
        lines.append(f"{_d(c.visit_due)}前回访 {c.number}（{_join(parties)}）的协议履行情况。")
    E = DisputeEntry  # noqa: N806
    due = s.scalars(
        select(E).where(_open_disputes_at(end), E.deadline.between(nxt.start, nxt.end)).order_by(E.deadline, E.id)
    ).all()  # fmt: skip
    for e in due:
        lines.append(f"{_d(e.deadline)}化解时限到期：{e.number}（{e.dispute_type}，风险{_risk(e.risk)}）。")
    AR = AssistanceRequest  # noqa: N806
    n_visits = s.scalar(
        select(func.count()).select_from(AR)
        .where(AR.status == Status.fed_back, AR.received_at < p.end_at,
               AR.visit_due >= nxt.start_at, AR.visit_due < nxt.end_at)
    ) or 0  # fmt: skip
    if n_visits:
        lines.append(f"{p.next_unit}到期的群众求助回访{n_visits}件，按时回访。")
    open_red = open_red_at(s, end)
    if open_red:
        lines.append(f"继续稳控尚未化解的红色风险纠纷{open_red}件，落实包案责任。")
    return lines


def _risk(risk: Risk | str) -> str:
    return RISK_LABELS[Risk(risk)]


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
