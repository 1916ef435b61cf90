"""Roster settings on the migrated database: shift types, requirements, the 三班倒 template, leave and
preference editing, swap withdrawal, the duty sheet; a failed write leaves the database unchanged."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from policeroom.errors import DomainError, PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.core.context import Actor
from policeroom.services.core.forms import errors_of
from policeroom.services.registry import Services
from policeroom.services.roster.setup import NeedInput, ShiftInput
from tests.ui.roster.test_roster_ui import _team

MON = date(2026, 11, 23)


def test_shift_validation_and_edit(officer: Services) -> None:
    setup = officer.roster.setup
    with pytest.raises(ValidationError) as e:
        setup.create_shift(ShiftInput("夜", "", "nowhere", time(8, 0), time(8, 0), roles=[]))
    errors = errors_of(e.value)
    assert set(errors) == {"code", "name", "post", "end", "roles"}
    assert "已被“夜间值班”使用" in errors["code"]
    assert len(setup.shifts()) == 4  # nothing written
    sid = setup.create_shift(ShiftInput("晚", "晚间巡防", "patrol", time(21, 0), time(23, 0)))
    shift = next(s for s in setup.shifts() if s.id == sid)
    assert shift.times == "21:00-23:00" and shift.minutes == 120
    with pytest.raises(ValidationError, match="只用于备勤"):
        setup.update_shift(sid, ShiftInput("晚", "晚间巡防", "patrol", time(21, 0), time(21, 0)))
    setup.update_shift(sid, ShiftInput("晚", "晚间巡防", "patrol", time(20, 0), time(22, 0), roles=["grid_worker"]))
    shift = next(s for s in setup.shifts() if s.id == sid)
    assert shift.start == time(20, 0) and shift.roles == frozenset({"grid_worker"})
    assert any(h.action for h in officer.history("roster_shift_type", sid))  # audited (times as text)
    setup.archive_shift(sid)
    assert sid not in {s.id for s in setup.shifts()}


def test_requirement_validation_and_labels(officer: Services) -> None:
    setup = officer.roster.setup
    day, night, patrol = setup.shifts()[:3]
    with pytest.raises(ValidationError) as e:
        setup.create_need(NeedInput("grid_patrol", [day.id], 9))
    assert set(errors_of(e.value)) == {"shift_ids", "min_count"}
    with pytest.raises(ValidationError, match="只针对一个班次"):
        setup.create_need(NeedInput("shift", [day.id, night.id], 1))
    nid = setup.create_need(NeedInput("shift", [patrol.id], 2, ["grid_worker"], "restday"))
    row = next(r for r in setup.needs() if r.need.id == nid)
    assert row.label == "巡防 休息日和节假日至少2名网格员"
    setup.update_need(nid, NeedInput("shift", [patrol.id], 3, [], "all"))
    assert next(r for r in setup.needs() if r.need.id == nid).label == "巡防 每天至少3人"
    setup.delete_need(nid)
    assert nid not in {r.need.id for r in setup.needs()}


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_three_shift_template_then_generate(officer: Services) -> None:
    _team(officer)
    officer.roster.generate(MON, MON + timedelta(days=6), time_limit=2)
    officer.roster.setup.apply_template("three")
    shifts = officer.roster.config.shifts()
    assert [s.times for s in shifts[:3]] == ["08:00-16:00", "16:00-00:00", "00:00-08:00"]
    assert len(officer.roster.setup.needs()) == 6
    # the cells of the old shift types stay on record; the new week is generated on the new shifts
    week2 = MON + timedelta(days=7)
    result = officer.roster.generate(week2, week2 + timedelta(days=6), time_limit=3)
    assert result.broken_rules == []
    assert {c.shift_id for c in result.cells} <= {s.id for s in shifts}
    with pytest.raises(DomainError):
        officer.roster.setup.apply_template("nope")


def test_only_officer_edits_settings(officer: Services) -> None:
    officer.sign_in(Actor(account_id=None, name="刘晓燕", role=AccountRole.staff))
    with pytest.raises(PermissionDenied):
        officer.roster.setup.apply_template("three")
    with pytest.raises(PermissionDenied):
        officer.roster.setup.create_need(NeedInput("shift", [1], 1))


def test_absence_and_preference_editing(officer: Services) -> None:
    _team(officer)
    ids = {m.name: m.id for m in officer.roster.view(MON, MON).problem.members}
    cfg = officer.roster.config
    a = cfg.add_absence(ids["张秀兰"], "leave", MON, MON + timedelta(days=1), "事假")
    b = cfg.add_absence(ids["张秀兰"], "training", MON + timedelta(days=3), MON + timedelta(days=3))
    with pytest.raises(ValidationError, match="重叠"):
        cfg.update_absence(b, ids["张秀兰"], "training", MON + timedelta(days=1), MON + timedelta(days=3))
    cfg.update_absence(a, ids["张秀兰"], "comp_rest", MON, MON, "调休")
    rows = {r.id: r for r in cfg.absences()}
    assert rows[a].kind_label == "调休" and rows[a].days == 1 and rows[a].note == "调休"
    with pytest.raises(ValidationError) as e:
        cfg.add_absence(None, "x", None, None)  # type: ignore[arg-type]
    assert set(errors_of(e.value)) == {"member", "kind", "start", "end"}
    p = cfg.add_preference(ids["李海涛"], False, None, 5, None, "周六接孩子")
    with pytest.raises(ValidationError, match="只填一项"):
        cfg.update_preference(p, ids["李海涛"], False, None, 5, MON)
    cfg.update_preference(p, ids["李海涛"], True, 2, None, None)
    row = cfg.preference_rows()[0]
    assert row.text == "想上夜间值班" and row.when == "每天"
    # a grid worker edits only their own
    officer.sign_in(Actor(account_id=None, name="李海涛", role=AccountRole.grid_worker, member_id=ids["李海涛"]))
    with pytest.raises(PermissionDenied):
        cfg.update_absence(a, ids["张秀兰"], "leave", MON, MON)
    cfg.add_absence(ids["李海涛"], "leave", MON + timedelta(days=5), MON + timedelta(days=5))


def test_swap_withdrawn_and_duty_sheet(officer: Services) -> None:
    _team(officer)
    ids = {m.name: m.id for m in officer.roster.view(MON, MON).problem.members}
    night = officer.roster.config.shifts()[1]
    officer.roster.set_cell(ids["陈磊"], MON, [(night.id, None)])
    officer.roster.set_cell(ids["刘晓燕"], MON, [(night.id, None)])
    sid = officer.roster.request_swap(ids["陈磊"], MON, ids["张秀兰"], MON + timedelta(days=1), "家中有事")
    officer.roster.cancel_swap(sid)
    assert officer.roster.swaps()[0].status_label == "已撤回"
    with pytest.raises(DomainError):
        officer.roster.decide_swap(sid, True)
    officer.duty.check_in(ids["陈磊"], datetime.combine(MON, time(17, 20)))
    officer.duty.check_out(ids["陈磊"], datetime.combine(MON + timedelta(days=1), time(8, 35)))
    hid = officer.duty.add_handover(datetime.combine(MON, time(17, 30)), "对讲机交接", ids["刘晓燕"], ids["陈磊"])
    rows, handovers = officer.duty.sheet(MON)
    assert [(r[1], r[4], r[5]) for r in rows] == [("刘晓燕", "", ""), ("陈磊", "17:20", "08:35")]
    assert handovers[0][1:] == ("对讲机交接", "刘晓燕", "陈磊")
    officer.duty.delete_handover(hid)
    assert officer.duty.handovers(MON) == []
