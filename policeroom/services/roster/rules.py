"""The rule checker (排班规则检查): one function, :func:`check`, finds every broken rule and unmet requirement.

The generator validates its roster with it and the calendar grid flags the officer's manual edits with
it, so both always agree. Messages are plain Chinese and say *why* ("只有1人可排：张三请假、李四调休").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise

from policeroom.services.roster.types import (
    ABSENCE_LABELS,
    DAYS_OFF_ROLES,
    ROLE_LABELS,
    Cell,
    Member,
    Need,
    NeedKind,
    Problem,
    Shift,
    Violation,
    md,
)


def check(problem: Problem, cells: Iterable[Cell]) -> list[Violation]:
    """Every broken rule and unmet requirement of ``cells`` in the problem's period, sorted by day.

    ``problem.history`` (cells before the period) counts for rest, streaks and weekly hours, but only
    violations touching a day of the period are reported.
    """
    cells = [c for c in cells if problem.start <= c.day <= problem.end]
    shifts = problem._shift_map()
    members = problem._member_map()
    by_member: dict[int, list[Cell]] = defaultdict(list)
    for c in [*problem.history, *cells]:
        if c.member_id in members and c.shift_id in shifts:
            by_member[c.member_id].append(c)
    out: list[Violation] = []
    for mid, mine in by_member.items():
        out.extend(member_violations(problem, members[mid], mine, shifts))
    out.extend(_need_violations(problem, cells, by_member, shifts))
    out.sort(key=lambda v: (v.day, v.is_requirement, v.code, v.message))
    return out


# -- rules of one person ------------------------------------------------------------------------
def member_violations(problem: Problem, m: Member, cells: list[Cell], shifts: dict[int, Shift]) -> list[Violation]:
    """The broken rules of one person's cells (history included, reported only inside the period)."""
    rules = problem.rules
    out: list[Violation] = []
    in_range = problem.start, problem.end

    def inside(*days: date) -> bool:
        return any(in_range[0] <= d <= in_range[1] for d in days)

    for c in cells:
        if not inside(c.day):
            continue
        s = shifts[c.shift_id]
        a = problem.absence(m.id, c.day)
        if a is not None:
            out.append(Violation("absence", c.day, f"{m.name} {md(c.day)}{ABSENCE_LABELS.get(a.kind, '请假')}，不能排{s.name}",
                                 ((m.id, c.day),)))
        if m.role not in s.roles:
            out.append(Violation("role", c.day, f"{m.name}（{ROLE_LABELS.get(m.role, m.role)}）不能上{s.name}",
                                 ((m.id, c.day),)))

    spans = sorted(
        ((c.day.toordinal() * 1440 + shifts[c.shift_id].start_min, c.day.toordinal() * 1440 + shifts[c.shift_id].end_min,
          c, shifts[c.shift_id]) for c in cells),
        key=lambda t: (t[0], t[1]),
    )
    for i, (_a0, a1, ca, sa) in enumerate(spans):
        for b0, _b1, cb, sb in spans[i + 1:]:
            if b0 >= a1:
                break
            if inside(ca.day, cb.day):
                if sa.id != sb.id:
                    what = f"{sa.name}与{sb.name}"
                else:
                    what = f"两次{sa.name}" if ca.day == cb.day else f"两个{sa.name}"
                out.append(Violation("overlap", cb.day, f"{m.name} {md(cb.day)} {what}时间重叠",
                                     tuple(sorted({(m.id, ca.day), (m.id, cb.day)}))))
    work = [t for t in spans if t[3].work]
    for (_a0, a1, ca, sa), (b0, _b1, cb, sb) in pairwise(work):
        if b0 < a1 or not inside(ca.day, cb.day):
            continue
        gap = b0 - a1
        if rules.min_rest_hours and gap < rules.min_rest_hours * 60:
            end_day = date.fromordinal(a1 // 1440)
            out.append(Violation(
                "rest", cb.day,
                f"{m.name} {md(ca.day)}{sa.name}（{md(end_day)}{a1 % 1440 // 60:02d}:{a1 % 60:02d}下班）到"
                f"{md(cb.day)}{sb.name}只休息{_hours(gap)}，少于{rules.min_rest_hours}小时",
                tuple(sorted({(m.id, ca.day), (m.id, cb.day)}))))
        if rules.no_day_after_night and sa.night and not sb.night and cb.day == date.fromordinal((a1 - 1) // 1440):
            out.append(Violation("day_after_night", cb.day, f"{m.name} {md(ca.day)}夜班后{md(cb.day)}又接{sb.name}",
                                 ((m.id, ca.day), (m.id, cb.day))))

    busy = sorted({c.day for c in cells})  # on call (备勤) is duty too: it is no day off
    if rules.max_consecutive_days and busy:
        run = [busy[0]]
        for d in [*busy[1:], None]:
            if d is not None and d == run[-1] + timedelta(days=1):
                run.append(d)
                continue
            if len(run) > rules.max_consecutive_days and inside(*run[rules.max_consecutive_days:]):
                first_bad = next(x for x in run[rules.max_consecutive_days:] if inside(x))
                out.append(Violation(
                    "consecutive", first_bad,
                    f"{m.name} 连续值班（含备勤）{len(run)}天（{md(run[0])}至{md(run[-1])}），"
                    f"超过{rules.max_consecutive_days}天",
                    tuple((m.id, x) for x in run if inside(x))))
            if d is not None:
                run = [d]
    out.extend(_rest_in_7(problem, m, set(busy), inside))
    out.extend(_weekly_days_off(problem, m, set(busy)))

    if rules.weekly_hours_cap:
        weeks: dict[date, int] = defaultdict(int)
        for c in cells:
            s = shifts[c.shift_id]
            if s.work:
                weeks[c.day - timedelta(days=c.day.weekday())] += s.minutes
        for monday, minutes in weeks.items():
            sunday = monday + timedelta(days=6)
            if minutes > rules.weekly_hours_cap * 60 and monday <= problem.end and sunday >= problem.start:
                days = [c.day for c in cells if monday <= c.day <= sunday and inside(c.day)]
                if days:
                    out.append(Violation(
                        "hours", max(days),
                        f"{m.name} {md(monday)}起这一周排班{_hours(minutes)}，超过每周上限{rules.weekly_hours_cap}小时",
                        tuple(sorted({(m.id, d) for d in days}))))
    return out


def rest7_redundant(rules) -> bool:  # noqa: ANN001 - Rules
    """One day off in 7 is already the consecutive-days rule when that allows at most 6 days."""
    return rules.rest_days_in_7 == 1 and 0 < rules.max_consecutive_days <= 6


def _rest_in_7(problem: Problem, m: Member, busy: set[date], inside) -> list[Violation]:  # noqa: ANN001
    """Every 7 consecutive days hold at least ``rest_days_in_7`` whole days off (hard)."""
    need = problem.rules.rest_days_in_7
    if not need or not busy:
        return []
    out: list[Violation] = []
    first = min(min(busy), problem.start)
    d = first
    last_bad: date | None = None
    while d + timedelta(days=6) <= problem.end:
        window = [d + timedelta(days=k) for k in range(7)]
        worked = [x for x in window if x in busy]
        full = len(worked) == 7
        if 7 - len(worked) < need and inside(*window) and not (full and rest7_redundant(problem.rules)):
            if last_bad is None or d > last_bad:
                out.append(Violation(
                    "rest7", window[-1], f"{m.name} {md(window[0])}至{md(window[-1])}这7天只休息{7 - len(worked)}天，"
                    f"至少应休{need}天", tuple((m.id, x) for x in worked if inside(x))))
                last_bad = window[-1]
        d += timedelta(days=1)
    return out


def week_scope(problem: Problem, monday: date) -> tuple[list[date], int]:
    """The days of a calendar week the roster knows (the period and the week before it) and the days off due."""
    lo = problem.start - timedelta(days=7)
    days = [monday + timedelta(days=k) for k in range(7)]
    known = [d for d in days if lo <= d <= problem.end]
    due = problem.rules.weekly_days_off
    if len(known) < 7:
        due = math.floor(due * len(known) / 7 + 0.5)
    return known, due


def _weekly_days_off(problem: Problem, m: Member, busy: set[date]) -> list[Violation]:
    """民警和工作人员: two whole days off per calendar week where the team allows; else the 补休 owed."""
    if not problem.rules.weekly_days_off or m.role not in DAYS_OFF_ROLES:
        return []
    out: list[Violation] = []
    for monday, days in patrol_weeks(problem):
        known, due = week_scope(problem, monday)
        off = sum(1 for d in known if d not in busy)
        if off < due:
            owed = due - off
            out.append(Violation(
                "days_off", days[-1], f"{m.name} {md(monday)}起这一周只休息{off}天（应休{due}天），欠补休{owed}天",
                tuple((m.id, d) for d in days if d in busy)))
    return out


def owed_rest(violations: Iterable[Violation]) -> dict[str, int]:
    """补休 owed per person name, from the days_off findings."""
    out: dict[str, int] = defaultdict(int)
    for v in violations:
        if v.code == "days_off":
            name, _, rest = v.message.partition(" ")
            out[name] += int(rest.rsplit("欠补休", 1)[1].rstrip("天"))
    return dict(out)


def _hours(minutes: int) -> str:
    h, r = divmod(max(minutes, 0), 60)
    return f"{h}小时" + (f"{r}分" if r else "")


# -- requirements -------------------------------------------------------------------------------
def need_label(problem: Problem, need: Need) -> str:
    """“夜间值班 每天至少2人”, for lists and settings."""
    from policeroom.services.roster.types import DAYS_LABELS

    shifts = problem._shift_map()
    names = "或".join(shifts[i].name for i in need.shift_ids if i in shifts)
    who = _who(need)
    if need.kind == NeedKind.grid_patrol:
        return f"每个网格每周{names}至少{need.min_count}次（优先本网格网格员）"
    if need.kind == NeedKind.role_daily:
        text = f"{DAYS_LABELS.get(need.days, '每天')}至少{need.min_count}名{who}在{names}"
        if problem.station_covers(need):
            text += "（民警休息日由所值班备勤）"
        elif need.roles and "officer" in need.roles and problem.rules.cover_by_staff:
            text += "（民警休息日由社区工作人员备勤）"
        return text
    return f"{names} {DAYS_LABELS.get(need.days, '每天')}至少{need.min_count}{'名' + who if need.roles else '人'}"


def _who(need: Need) -> str:
    if not need.roles:
        return "人员"
    return "或".join(ROLE_LABELS.get(r, r) for r in sorted(need.roles, key=list(ROLE_LABELS).index))


def _need_violations(problem: Problem, cells: list[Cell], by_member: dict[int, list[Cell]],
                     shifts: dict[int, Shift]) -> list[Violation]:
    out: list[Violation] = []
    members = problem._member_map()
    on_day: dict[date, list[Cell]] = defaultdict(list)
    for c in cells:
        on_day[c.day].append(c)
    for need in problem.needs:
        wanted = set(need.shift_ids) & set(shifts)
        if not wanted:
            continue
        if need.kind == NeedKind.grid_patrol:
            out.extend(_patrol_violations(problem, need, cells, wanted))
            continue
        for day in problem.days:
            if not need.applies(problem.kind(day)):
                continue
            counted = {c.member_id for c in on_day.get(day, ()) if c.shift_id in wanted and c.member_id in members
                       and problem.counts(need, members[c.member_id].role, shifts[c.shift_id])}
            if len(counted) >= need.min_count or problem.station_covers(need):
                continue
            out.append(_explain(problem, need, day, counted, by_member, shifts))
    return out


def _explain(problem: Problem, need: Need, day: date, counted: set[int], by_member: dict[int, list[Cell]],
             shifts: dict[int, Shift]) -> Violation:
    """Why a requirement is unmet on a day: who else could take it, or why nobody can."""
    names = "或".join(shifts[i].name for i in need.shift_ids if i in shifts)
    who = f"名{_who(need)}" if need.roles else "人"
    reasons: list[str] = []
    possible: list[str] = []
    for m in problem.members:
        if m.id in counted:
            continue
        options = [shifts[i] for i in need.shift_ids if i in shifts and m.role in shifts[i].roles
                   and problem.counts(need, m.role, shifts[i])]
        if not options:
            continue
        a = problem.absence(m.id, day)
        if a is not None:
            reasons.append(f"{m.name}{ABSENCE_LABELS.get(a.kind, '请假')}")
            continue
        why = None
        mine = by_member.get(m.id, [])
        before = {v.message for v in member_violations(problem, m, mine, shifts)}
        for s in options:
            extra = [v for v in member_violations(problem, m, [*mine, Cell(m.id, day, s.id)], shifts)
                     if v.message not in before and not v.is_soft]
            if not extra:
                why = None
                break
            why = why or _short_reason(m, day, extra[0], mine, shifts)
        if why is None:
            possible.append(m.name)
        else:
            reasons.append(why)
    have = len(counted)
    head = f"{md(day)} {names} 需要{need.min_count}{who}"
    if have + len(possible) < need.min_count:
        can = have + len(possible)
        body = f"，只有{can}人可排" if can else "，没有人可排"
        if reasons:
            body += "：" + "、".join(reasons[:8]) + ("等" if len(reasons) > 8 else "")
    else:
        body = f"，只排了{have}人（还可排：{'、'.join(possible[:6])}{'等' if len(possible) > 6 else ''}）"
    code = "need_role" if need.kind == NeedKind.role_daily else "need_shift"
    return Violation(code, day, head + body, (), need.id)


def _short_reason(m: Member, day: date, v: Violation, mine: list[Cell], shifts: dict[int, Shift]) -> str:
    if v.code == "overlap":
        same = [shifts[c.shift_id].name for c in mine if c.day == day]
        return f"{m.name}已排{same[0]}" if same else f"{m.name}班次时间冲突"
    if v.code in ("rest", "day_after_night"):
        other = [d for _m, d in v.cells if d != day] or [day]
        d = other[0]
        names = [shifts[c.shift_id].name for c in mine if c.day == d and shifts[c.shift_id].work]
        what = names[0] if names else "班"
        if d == day:
            return f"{m.name}已排{what}"
        if d < day:
            return f"{m.name}{'前一天' if (day - d).days == 1 else md(d)}{what}后需休息"
        return f"{m.name}{'次日' if (d - day).days == 1 else md(d)}已排{what}"
    if v.code in ("consecutive", "rest7"):
        return f"{m.name}已连续工作多天"
    if v.code == "days_off":
        return f"{m.name}本周需休息"
    if v.code == "hours":
        return f"{m.name}本周工时已满"
    return f"{m.name}不能排"


def station_days(problem: Problem, cells: Iterable[Cell]) -> list[date]:
    """Days the station's duty officer (所值班) is the one on call: no officer on duty or on call that day."""
    shifts = problem._shift_map()
    members = problem._member_map()
    on_day: dict[date, set[int]] = defaultdict(set)
    out: set[date] = set()
    cells = list(cells)
    for need in problem.needs:
        if not problem.station_covers(need):
            continue
        for c in cells:
            if c.member_id in members and c.shift_id in shifts and problem.counts(need, members[c.member_id].role,
                                                                                shifts[c.shift_id]):
                on_day[c.day].add(c.member_id)
        out.update(d for d in problem.days if need.applies(problem.kind(d)) and len(on_day[d]) < need.min_count)
        on_day.clear()
    return sorted(out)


def patrol_weeks(problem: Problem) -> list[tuple[date, list[date]]]:
    """The calendar weeks touching the period, each with its days inside the period."""
    weeks: dict[date, list[date]] = {}
    for d in problem.days:
        weeks.setdefault(d - timedelta(days=d.weekday()), []).append(d)
    return list(weeks.items())


def patrol_target(need: Need, days_in_period: int) -> int:
    """Times a grid must be patrolled in a (part of a) week: the weekly number, prorated (rounded) for part weeks.

    Rounding rather than ceiling: a month starting on a Sunday must not force every grid's patrol onto
    that one day (nobody would be left for the night).
    """
    return math.floor(need.min_count * days_in_period / 7 + 0.5)


def _patrol_violations(problem: Problem, need: Need, cells: list[Cell], wanted: set[int]) -> list[Violation]:
    out = []
    for monday, days in patrol_weeks(problem):
        target = patrol_target(need, len(days))
        span = set(days)
        for gid, gname in problem.grids.items():
            done = sum(1 for c in cells if c.grid_id == gid and c.shift_id in wanted and c.day in span)
            if done < target:
                part = "" if len(days) == 7 else f"（本期内{len(days)}天）"
                out.append(Violation(
                    "need_patrol", days[-1],
                    f"{md(monday)}起这一周{part} {gname} 需要巡防{target}次，只排了{done}次", (), need.id))
    return out
