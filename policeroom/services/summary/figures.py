"""Counting a period's figures (数据概况) from the records, inside the caller's session.

Every figure's definition is written here once, beside the query that counts it. Each counts what
happened inside the period by its own date, so a past period's figures stand as they did at its end:
a request closed or a dispute resolved after the end is not counted as closed or resolved in it.

群众求助 (voided requests never count)
    接收求助   requests whose 求助时间 (``received_at``) falls in the period.
    办结       requests closed (已办结) with 办结时间 in the period.
    转办       requests referred to another department (已转办) with the referral in the period.
    按时办结率 of the requests closed in the period, those whose every step was done within its limit.
    超期未办   requests that, at the end of the period (or now, for the current period), were open and
               past the limit of the step they were waiting for — rebuilt from the steps' timestamps.
    回访       follow-up visits (回访时间) in the period; 满意率 = (满意 + 基本满意) ÷ 回访.
矛盾纠纷
    排查纠纷   ledger entries whose 排查日期 is in the period; 其中红色风险: of those, risk 红.
    涉及人数   the sum of 涉及人数 of those entries.
    化解       entries marked 已化解 with 化解日期 in the period.
人民调解
    受理调解（调处数）   cases whose 受理日期 is in the period.
    达成协议（成功数）   cases whose 协议日期 is in the period (written or oral).
    调解不成             cases whose 终止调解日期 is in the period.
    调解成功率           成功数 ÷ (成功数 + 调解不成) — the cases concluded in the period.
    调解会次             mediation session records (调解记录) held in the period.
    协议回访             follow-up visits of cases (回访记录) in the period.
值班巡防 (备勤 is not working time and does not count)
    值班班次 / 在岗时长  roster cells starting on a day of the period, and their planned hours.
    巡防 / 巡防时长      of those, the 巡防 shifts.
    签到 / 迟到 / 缺勤   shifts that had begun by now: checked in; checked in more than 5 minutes late;
                         not checked in at all.
群防群治 (see ``services.activities.figures``)
    参与志愿者 / 开展活动 / 志愿服务时长 / 兑换积分 / 拉动测试.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import Row, case, func, select
from sqlalchemy.orm import Session

from policeroom.models import (
    AgreementKind,
    Assignment,
    AssistanceRequest,
    Attendance,
    CaseRecord,
    CaseVisit,
    DisputeEntry,
    DisputeStatus,
    MediationCase,
    RecordKind,
    Risk,
    Satisfaction,
    ShiftType,
    Status,
)
from policeroom.services.requests.assessment import _on_time
from policeroom.services.requests.rules import (
    OPEN_STATUSES,
    STEP_LABELS,
    RequestRules,
    current_step,
    step_window,
)
from policeroom.services.summary.types import Figures, Period, TrendPoint

GRACE_MINUTES = 5  # as the duty check-in counts lateness (roster_duty.GRACE)


def _between(col, p: Period):  # noqa: ANN001, ANN202 - a column, a SQL condition
    return col.between(p.start, p.end)


def _in_time(col, p: Period):  # noqa: ANN001, ANN202
    return (col >= p.start_at) & (col < p.end_at)


def count_figures(s: Session, p: Period, rules: RequestRules, now: datetime) -> Figures:
    f = Figures()
    _requests(s, p, rules, now, f)
    _mediation(s, p, f)
    _roster(s, p, now, f)
    from policeroom.services.activities.figures import count_forces  # 群防群治 (its definitions are there)
    from policeroom.services.tips.figures import tip_figures

    for figures in (tip_figures(s, p.start_at, p.end_at), count_forces(s, p.start_at, p.end_at)):
        for key, value in figures.items():
            setattr(f, key, value)
    _fieldwork(s, p, f)
    return f


def _fieldwork(s: Session, p: Period, f: Figures) -> None:
    """网格工作: visits, patrol records, talks, hazards and grid events (defined in services/fieldwork/figures.py)."""
    from dataclasses import asdict

    from policeroom.services.fieldwork.figures import count_fieldwork

    for key, value in asdict(count_fieldwork(s, p.start, min(p.end, date(2099, 12, 31)))).items():
        setattr(f, key, value or ({} if key == "event_categories" else value))


def _count(s: Session, model, *conds) -> int:  # noqa: ANN001
    return s.scalar(select(func.count()).select_from(model).where(*conds)) or 0


def _n(cond):  # noqa: ANN001, ANN202 - a condition -> SUM(CASE WHEN cond THEN 1 ELSE 0 END)
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _requests(s: Session, p: Period, rules: RequestRules, now: datetime, f: Figures) -> None:
    AR = AssistanceRequest  # noqa: N806
    # One pass over the rows touched in the period (each bound is indexed) instead of a query per figure.
    touched = _in_time(AR.received_at, p) | _in_time(AR.closed_at, p) | _in_time(AR.visited_at, p)
    not_void = AR.status != Status.voided
    visited = _in_time(AR.visited_at, p) & AR.satisfaction.is_not(None) & not_void
    row = s.execute(
        select(
            _n(_in_time(AR.received_at, p) & not_void),
            _n(_in_time(AR.closed_at, p) & (AR.status == Status.referred)),
            _n(visited),
            _n(visited & AR.satisfaction.in_((Satisfaction.satisfied, Satisfaction.fairly))),
        ).where(touched)
    ).one()
    f.requests_received, f.requests_referred, f.requests_visited, f.requests_satisfied = (int(x) for x in row)
    closed = list(s.scalars(select(AR).where(_in_time(AR.closed_at, p), AR.status == Status.closed)))
    f.requests_closed = len(closed)
    f.requests_closed_on_time = sum(1 for r in closed if _on_time(r, rules))
    f.requests_overdue = sum(1 for _ in overdue_at(s, min(p.end_at, now), rules))


def overdue_at(
    s: Session, at: datetime, rules: RequestRules
) -> Iterator[tuple[Row, str, datetime]]:
    """Requests open at ``at`` and past the limit of the step they were waiting for: (request, step, due).

    The request's state at ``at`` is rebuilt from its steps' timestamps, so a past week is judged as
    it stood on its last evening, not as the request stands today.
    """
    AR = AssistanceRequest  # noqa: N806
    # Only the columns needed (rows, not ORM objects: several times faster for hundreds of open requests).
    cols = select(AR.id, AR.number, AR.category, AR.requester_name, AR.anonymous, AR.received_at, AR.urgency,
                  AR.dispatched_at, AR.first_action_at, AR.feedback_at, AR.visited_at)  # fmt: skip
    still_open = cols.where(AR.received_at < at, AR.status.in_(OPEN_STATUSES))
    finished_later = cols.where(
        AR.closed_at >= at, AR.received_at < at, AR.status.in_((Status.closed, Status.referred))
    )
    for stmt in (still_open, finished_later):
        for r in s.execute(stmt.order_by(AR.received_at)):

            def before(t: datetime | None) -> datetime | None:
                return t if t is not None and t < at else None

            if before(r.visited_at):
                state = Status.visited
            elif before(r.feedback_at):
                state = Status.fed_back
            elif before(r.first_action_at):
                state = Status.handling
            elif before(r.dispatched_at):
                state = Status.dispatched
            else:
                state = Status.registered
            window = step_window(
                rules, state, r.urgency, received_at=r.received_at, dispatched_at=before(r.dispatched_at),
                feedback_at=before(r.feedback_at), visited_at=before(r.visited_at),
            )  # fmt: skip
            if window is not None and window[1] < at:
                yield r, STEP_LABELS[current_step(state) or "close"], window[1]


def _mediation(s: Session, p: Period, f: Figures) -> None:
    E, C = DisputeEntry, MediationCase  # noqa: N806
    screened = _between(E.screened_on, p)
    resolved = _between(E.resolved_on, p) & (E.status == DisputeStatus.resolved)
    row = s.execute(
        select(_n(screened), _n(screened & (E.risk == Risk.red)),
               func.coalesce(func.sum(case((screened, E.people_count), else_=0)), 0), _n(resolved))
        .where(screened | _between(E.resolved_on, p))
    ).one()  # fmt: skip
    f.disputes_screened, f.disputes_red, f.people_involved, f.disputes_resolved = (int(x) for x in row)
    agreed = _between(C.agreed_on, p)
    row = s.execute(
        select(_n(_between(C.accepted_on, p)), _n(agreed), _n(agreed & (C.agreement_kind == AgreementKind.written)),
               _n(_between(C.failed_on, p)))
        .where(_between(C.accepted_on, p) | agreed | _between(C.failed_on, p))
    ).one()  # fmt: skip
    f.cases_accepted, f.cases_agreed, f.agreements_written, f.cases_failed = (int(x) for x in row)
    f.sessions = _count(s, CaseRecord, CaseRecord.kind == RecordKind.session, _in_time(CaseRecord.at, p))
    f.case_visits = _count(s, CaseVisit, _between(CaseVisit.visited_on, p))


def _roster(s: Session, p: Period, now: datetime, f: Figures) -> None:
    from policeroom.services.roster.config import shift_of
    from policeroom.services.roster.duty import _span

    shifts = {r.id: shift_of(r) for r in s.scalars(select(ShiftType))}
    cells = s.execute(
        select(Assignment.member_id, Assignment.day, Assignment.shift_type_id).where(_between(Assignment.day, p))
    ).all()
    ins = dict(
        ((r.member_id, r.day, r.shift_type_id), r.check_in)
        for r in s.scalars(select(Attendance).where(_between(Attendance.day, p)))
    )
    minutes = patrol_minutes = 0
    for mid, day, sid in cells:
        sh = shifts.get(sid)
        if sh is None or not sh.work:
            continue
        f.duty_shifts += 1
        minutes += sh.minutes
        if sh.post.value == "patrol":
            f.patrols += 1
            patrol_minutes += sh.minutes
        start, _end = _span(day, sh)
        if start > now:
            continue
        check_in = ins.get((mid, day, sid))
        if check_in is None:
            if (now - start).total_seconds() > GRACE_MINUTES * 60:
                f.absent += 1
        else:
            f.checked_in += 1
            if (check_in - start).total_seconds() > GRACE_MINUTES * 60:
                f.late += 1
    f.duty_hours = round(minutes / 60, 1)
    f.patrol_hours = round(patrol_minutes / 60, 1)


def has_roster(s: Session) -> bool:
    """Whether the room keeps its roster in the program (else the roster lines are left out)."""
    return s.scalar(select(Assignment.id).limit(1)) is not None


def by_category(s: Session, p: Period) -> list[tuple[str, int]]:
    """Requests received in the period by 类别, most first."""
    AR = AssistanceRequest  # noqa: N806
    rows = s.execute(
        select(AR.category, func.count())
        .where(_in_time(AR.received_at, p), AR.status != Status.voided)
        .group_by(AR.category)
    ).all()
    return sorted(((c, n) for c, n in rows), key=lambda x: (-x[1], x[0]))


def by_dispute_type(s: Session, p: Period) -> list[tuple[str, int]]:
    """Disputes screened in the period by 纠纷类型, most first."""
    E = DisputeEntry  # noqa: N806
    rows = s.execute(select(E.dispute_type, func.count()).where(_between(E.screened_on, p)).group_by(E.dispute_type))
    return sorted(((t, n) for t, n in rows.all()), key=lambda x: (-x[1], x[0]))


def trend(s: Session, p: Period, n: int = 8) -> list[TrendPoint]:
    """Requests received and disputes screened in the ``n`` periods ending with ``p`` (oldest first)."""
    periods = [p.shifted(-i) for i in range(n - 1, -1, -1)]
    first, last = periods[0], periods[-1]
    AR = AssistanceRequest  # noqa: N806
    received = s.scalars(
        select(AR.received_at).where(AR.received_at >= first.start_at, AR.received_at < last.end_at,
                                     AR.status != Status.voided)
    ).all()  # fmt: skip
    screened = s.scalars(
        select(DisputeEntry.screened_on).where(DisputeEntry.screened_on.between(first.start, last.end))
    ).all()
    starts = [q.start for q in periods]

    def bucket(days: list[date]) -> list[int]:
        counts = [0] * n
        for d in days:
            i = bisect_right(starts, d) - 1
            if i >= 0 and d <= periods[i].end:
                counts[i] += 1
        return counts

    reqs = bucket([t.date() for t in received])
    disp = bucket(list(screened))
    out = []
    for q, a, b in zip(periods, reqs, disp, strict=True):
        if q.kind == "week":
            label = f"第{q.iso[1]}周"
        elif q.kind == "month":
            label = f"{q.start.month}月"
        else:
            label = f"{q.start.month}月{q.start.day}日"  # M月D日, as the period names write dates
        out.append(TrendPoint(label, a, b))
    return out
