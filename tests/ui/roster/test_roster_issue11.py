"""Issue 11 on screen: the legend of 白/夜/巡/备, 所值班 on the officer's days off, the 节假日 tab listing the
year's holidays and 调休 days with their source, and the 调班 list naming the person who asked."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from policeroom.services.registry import Services
from tests.ui.roster.test_roster_screens import _module
from tests.ui.roster.test_roster_ui import _team

MON = date(2027, 1, 11)


@pytest.mark.today(datetime(2027, 1, 8, 9, 0))
def test_legend_and_station_cover_on_the_grid(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    _team(officer)
    module = _module(officer, bus, qtbot)
    grid = module.grid
    grid.anchor = MON
    grid.refresh()
    text = grid.legend.text()
    for mark in ("白", "夜", "巡", "备", "白班", "夜间值班", "巡防", "民警备勤", "不计工时", "所值班"):
        assert mark in text, mark
    grid.generate()
    view = officer.roster.view(MON, MON + timedelta(days=6))
    officer_id = next(m.id for m in view.problem.members if m.role == "officer")
    off = [d for d in view.problem.days if not view.cells_of(officer_id, d)]
    assert len(off) >= 2  # two whole days off in the week
    headers = [grid.model.headerData(i, Qt.Orientation.Horizontal) for i in range(7)]
    for d in off:
        assert headers[(d - MON).days].endswith("所值班"), headers
    assert "欠补休" not in grid.summary.text().split("\n")[0] or "0 周次" in grid.summary.text()
    module.resize(1366, 768)
    module.show()
    qtbot.wait(50)
    shot = os.environ.get("ROSTER_SHOTS")
    if shot:
        module.grab().save(os.path.join(shot, "roster-week.png"))
        grid.span.setCurrentIndex(1)
        qtbot.wait(50)
        module.grab().save(os.path.join(shot, "roster-month.png"))


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_holidays_tab_lists_the_calendar_and_hand_entries(officer: Services, bus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    module = _module(officer, bus, qtbot)
    hol = module.show_tab("setup").holidays
    hol.year.setValue(2026)
    rows = [hol.model.row_at(i) for i in range(hol.model.rowCount())]
    by_day = {r.day: r for r in rows}
    assert by_day[date(2026, 10, 1)].name == "国庆节" and by_day[date(2026, 10, 1)].rest
    assert "chinese-calendar" in by_day[date(2026, 10, 1)].source
    workdays = [r for r in rows if not r.rest]
    assert workdays and all(r.name == "调休上班" and r.day.weekday() >= 5 for r in workdays)
    assert len(rows) >= 30
    officer.roster.config.set_manual_day(date(2026, 12, 24), True, "单位活动")
    hol.refresh()
    mine = next(hol.model.row_at(i) for i in range(hol.model.rowCount())
                if hol.model.row_at(i).day == date(2026, 12, 24))
    assert mine.manual and mine.source == "手工录入"
    # a calendar day cannot be deleted, only overridden by entering the same day
    told = []
    monkeypatch.setattr("policeroom.ui.roster.setup_calendar.QMessageBox.information", lambda *a: told.append(a[2]))
    hol.table.selectRow(0)
    hol.delete()
    assert told and "日历数据" in told[0]


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_swap_list_names_the_person(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.models import ShiftSwap

    _team(officer)
    ids = {m.name: m.id for m in officer.roster.view(MON, MON).problem.members}
    with officer.ctx.write() as s:  # as the demo stored it before: the program's name, not the person's
        s.add(ShiftSwap(member_a_id=ids["张秀兰"], day_a=MON, member_b_id=ids["李海涛"], day_b=MON + timedelta(days=1),
                        reason="孩子家长会", status="pending", requested_by="演示"))
    module = _module(officer, bus, qtbot)
    panel = module.show_tab("swaps")
    panel.refresh()
    headers = [panel.model.headerData(i, Qt.Orientation.Horizontal) for i in range(panel.model.columnCount())]
    col = headers.index("提交人")
    assert panel.model.index(0, col).data() == "张秀兰"


def test_rest_settings_saved(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.services.roster.types import Post
    from policeroom.ui.widgets.forms import combo_select

    module = _module(officer, bus, qtbot)
    rules = module.show_tab("setup").rules
    assert rules.spins["rest_days_in_7"].value() == 1 and rules.spins["weekly_days_off"].value() == 2
    assert rules.cover.currentData() is False  # 所值班 by default
    rules.spins["weekly_days_off"].setValue(5)
    assert not rules.save() and "每周休息天数" in rules.errors.text("weekly_days_off")
    rules.spins["weekly_days_off"].setValue(1)
    combo_select(rules.cover, True)
    assert rules.save()
    saved = officer.roster.config.rules()
    assert saved.weekly_days_off == 1 and saved.cover_by_staff and saved.rest_days_in_7 == 1
    problem = officer.roster.view(MON, MON).problem
    on_call = next(s for s in problem.shifts if s.post == Post.on_call)
    assert "staff" in on_call.roles  # a staff member may now be on call on the officer's days off
