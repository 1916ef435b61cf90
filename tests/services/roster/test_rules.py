"""The rule checker: every rule and every requirement is detected when broken, with a Chinese reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from policeroom.services.roster.calendar import ManualDay, day_info, roster_calendar_warning
from policeroom.services.roster.rules import check, patrol_target, station_days
from policeroom.services.roster.types import Absence, Cell, DayKind, NeedKind, Post, Rules, Shift
from tests.services.roster.helpers import DAY, NEEDS, NIGHT, ONCALL, PATROL, problem

MON = date(2026, 11, 23)


def codes(p, cells):  # noqa: ANN001, ANN201
    return [v.code for v in check(p, cells) if not v.is_requirement]


def rules_only(**kw):  # noqa: ANN003, ANN201
    return problem(needs=[], **kw)


def test_overlap() -> None:
    p = rules_only()
    vs = check(p, [Cell(10, MON, DAY.id), Cell(10, MON, NIGHT.id - 1 + 1)])
    assert "overlap" not in [v.code for v in vs]  # 白班 08:30-17:30 then 夜班 17:30: touching, not overlapping
    vs = check(p, [Cell(10, MON, DAY.id), Cell(10, MON, DAY.id, None), Cell(10, MON, 3, 100)])
    assert any(v.code == "overlap" for v in check(p, [Cell(1, MON, DAY.id), Cell(1, MON, ONCALL.id)]))
    wide = Shift(9, "长", "长白班", Post.desk, time(8, 0), time(20, 0))
    p2 = rules_only(shifts=[DAY, NIGHT, PATROL, ONCALL, wide])
    v = [x for x in check(p2, [Cell(10, MON, 9), Cell(10, MON, PATROL.id, 100)]) if x.code == "overlap"]
    assert v and "时间重叠" in v[0].message and v[0].cells == ((10, MON),)


def test_rest_and_day_after_night() -> None:
    p = rules_only()
    vs = check(p, [Cell(10, MON, NIGHT.id), Cell(10, MON + timedelta(days=1), DAY.id)])
    got = {v.code: v.message for v in vs}
    assert "rest" in got and "少于11小时" in got["rest"] and "只休息0小时" in got["rest"]
    assert "day_after_night" in got and "夜班后" in got["day_after_night"]
    # patrol the evening after a night: 10.5 h of rest
    vs = check(p, [Cell(10, MON, NIGHT.id), Cell(10, MON + timedelta(days=1), PATROL.id, 100)])
    assert "rest" in [v.code for v in vs]
    # with a 10-hour rest rule and the day-after-night rule off, the patrol is fine
    p = rules_only(rules=Rules(min_rest_hours=10, no_day_after_night=False))
    assert codes(p, [Cell(10, MON, NIGHT.id), Cell(10, MON + timedelta(days=1), PATROL.id, 100)]) == []


def test_consecutive_days() -> None:
    p = rules_only(days=14)
    cells = [Cell(10, MON + timedelta(days=i), PATROL.id, 100) for i in range(7)]
    vs = [v for v in check(p, cells) if v.code == "consecutive"]
    assert len(vs) == 1 and "连续值班（含备勤）7天" in vs[0].message and "超过6天" in vs[0].message
    assert codes(p, cells[:6]) == []
    # the streak may start in the history before the period
    p = rules_only(days=7, history=[Cell(10, MON - timedelta(days=i), PATROL.id, 100) for i in range(1, 4)])
    assert "consecutive" in codes(p, [Cell(10, MON + timedelta(days=i), PATROL.id, 100) for i in range(4)])


def test_weekly_hours_cap() -> None:
    p = rules_only(rules=Rules(weekly_hours_cap=40, min_rest_hours=0, no_day_after_night=False))
    cells = [Cell(10, MON + timedelta(days=i), NIGHT.id) for i in (0, 2, 4)]  # 45 h
    vs = [v for v in check(p, cells) if v.code == "hours"]
    assert len(vs) == 1 and "45小时" in vs[0].message and "上限40小时" in vs[0].message
    assert codes(replace(p, rules=Rules(weekly_hours_cap=0)), cells) == []


def test_absence_and_role() -> None:
    p = rules_only(absences=[Absence(10, MON, MON + timedelta(days=2), "comp_rest")])
    vs = check(p, [Cell(10, MON + timedelta(days=1), DAY.id), Cell(10, MON, ONCALL.id)])
    msgs = {v.code: v.message for v in vs}
    assert "调休" in msgs["absence"]
    assert "不能上民警备勤" in msgs["role"]


def test_requirement_shift_count_explained() -> None:
    p = problem(absences=[Absence(11, MON, MON, "leave"), Absence(12, MON, MON, "comp_rest")])
    others = [10, 13, 14, 15, 16, 17, 1, 2, 3]
    # everyone else already works the day shift on MON, so only nobody can take the night
    cells = [Cell(m, MON, DAY.id) for m in others] + [Cell(m, MON - timedelta(days=0), 3, 100) for m in []]
    vs = [v for v in check(p, cells) if v.code == "need_shift" and v.day == MON and v.need_id == 3]
    assert len(vs) == 1
    text = vs[0].message
    assert text.startswith("11月23日 夜间值班 需要2人，没有人可排")
    assert "李海涛请假" in text and "赵丽娟调休" in text and "已排白班" in text


def test_requirement_lists_who_could_take_it() -> None:
    p = problem()
    vs = [v for v in check(p, [Cell(10, MON, NIGHT.id)]) if v.need_id == 3 and v.day == MON]
    assert "只排了1人（还可排：" in vs[0].message


def test_officer_daily_and_desk_roles() -> None:
    p = problem()
    vs = check(p, [Cell(10, MON, DAY.id), Cell(11, MON, DAY.id)])
    on_mon = [v for v in vs if v.day == MON]
    # on the officer's day off the station's duty officer (所值班) is on call: no unmet requirement
    assert not any(v.code == "need_role" for v in on_mon)
    assert MON in station_days(p, [Cell(10, MON, DAY.id)])
    assert any(v.need_id == 1 and "社区民警或社区工作人员" in v.message for v in on_mon)
    # the room chose a staff member instead of 所值班: then nobody on call is an unmet requirement
    staff = replace(p, rules=replace(p.rules, cover_by_staff=True),
                    shifts=[replace(s, roles=s.roles | {"staff"}) if s.id == ONCALL.id else s for s in p.shifts])
    assert any(v.code == "need_role" and "社区民警" in v.message and v.day == MON
               for v in check(staff, [Cell(10, MON, DAY.id)]))
    assert not [v for v in check(staff, [Cell(2, MON, ONCALL.id)]) if v.day == MON and v.code == "need_role"]
    assert station_days(staff, []) == []
    # the officer on call fulfils the daily requirement
    vs = check(p, [Cell(1, MON, ONCALL.id)])
    assert not [v for v in vs if v.day == MON and v.code == "need_role"]


def test_patrol_requirement_per_week() -> None:
    p = problem()
    cells = [Cell(10, MON + timedelta(days=i), PATROL.id, 100) for i in (0, 2)]
    vs = [v for v in check(p, cells) if v.code == "need_patrol"]
    assert any("第1网格 需要巡防3次，只排了2次" in v.message for v in vs)
    assert len(vs) == 8  # grid 1 short by one, the 7 other grids not patrolled at all
    assert patrol_target(NEEDS[4], 1) == 0 and patrol_target(NEEDS[4], 3) == 1 and patrol_target(NEEDS[4], 7) == 3


def test_holidays_and_tiaoxiu_days() -> None:
    assert day_info(date(2026, 10, 1)).kind == DayKind.holiday and day_info(date(2026, 10, 1)).name == "国庆节"
    assert day_info(date(2026, 10, 10)).kind == DayKind.workday  # Saturday, 调休 working day
    assert day_info(date(2026, 10, 10)).name == "调休上班"
    assert day_info(date(2026, 11, 22)).kind == DayKind.weekend
    # a year chinese-calendar does not know: weekends only, a warning, hand-entered days win
    far = date(2099, 10, 1)
    assert day_info(far).kind == DayKind.workday  # a Thursday
    assert "2099年" in roster_calendar_warning([far])
    manual = {far: ManualDay(far, True, "国庆节")}
    assert day_info(far, manual).kind == DayKind.holiday
    assert roster_calendar_warning([far], manual) is None


def test_holiday_shifts_counted_as_such() -> None:
    from policeroom.services.roster.solver import load_counts

    p = problem(start=date(2026, 9, 28), days=14)
    cells = [Cell(10, date(2026, 10, 1), NIGHT.id), Cell(10, date(2026, 10, 10), DAY.id),
             Cell(11, date(2026, 10, 11), DAY.id)]
    loads = load_counts(p, cells)
    assert loads[10]["holidays"] == 1 and loads[10]["weekends"] == 0 and loads[10]["nights"] == 1
    assert loads[11]["weekends"] == 1


def test_need_kinds_have_labels() -> None:
    assert {k.label for k in NeedKind} == {"班次人数", "每日在岗", "网格巡防"}
