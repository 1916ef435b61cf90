"""pytest-qt flow: generate a week, edit a cell into a conflict, see it flagged with its reason."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from policeroom.models import MemberRole
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.timing import frozen


def _team(services: Services) -> None:
    from policeroom.services.people.grids import GridInput

    for name in ("刘晓燕", "陈磊"):
        services.team.create(MemberInput(name=name, role=MemberRole.staff))
    for i, name in enumerate(("张秀兰", "李海涛", "赵丽娟", "孙志刚", "周春梅", "吴俊杰")):
        m = services.team.create(MemberInput(name=name, role=MemberRole.grid_worker))
        services.grids.create(GridInput(code=f"WG0{i + 1}", name=f"第{i + 1}网格", worker_ids=[m]))


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
def test_generate_edit_conflict_flagged(officer: Services, bus, qtbot, tmp_path) -> None:  # noqa: ANN001
    from policeroom.ui.roster.page import RosterPage

    _team(officer)
    module = RosterPage(officer, bus)
    qtbot.addWidget(module)
    page = module.grid
    page.anchor = date(2026, 11, 23)
    page.refresh()
    assert "还没有排班" in page.summary.text()
    page.generate()
    view = page.model.view
    assert view.cells and view.violations == []
    assert "符合全部规则" in page.summary.text() and "用时" in page.summary.text()
    module.grab().save(str(tmp_path / "roster.png"))
    # put someone who has a night on Monday onto Tuesday's day shift: rest and day-after-night flagged
    night = next(c for c in view.cells if c.day == date(2026, 11, 23) and view.problem.shift(c.shift_id).night)
    day_shift = next(s for s in view.problem.shifts if s.name == "白班")
    page.apply_cell(night.member_id, date(2026, 11, 24), [(day_shift.id, None)], None)
    view = page.model.view
    broken = [v for v in view.violations if not v.is_requirement]
    assert {v.code for v in broken} >= {"rest", "day_after_night"}
    row = [m.id for m in view.problem.members].index(night.member_id)
    index = page.model.index(row, 1)
    assert "⚠" in page.model.data(index)
    assert "少于11小时" in page.model.data(index, 3)  # ToolTipRole
    texts = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("夜班后" in t for t in texts)
    assert "违反规则" in page.summary.text()


def test_page_in_main_window_and_month(officer: Services, tmp_path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    from policeroom.ui.main_window import MainWindow
    from policeroom.ui.prefs import Preferences
    from policeroom.ui.roster.page import RosterPage

    with frozen(date(2026, 12, 5)):  # a Saturday: the week began on 30 November
        win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
        qtbot.addWidget(win)
        win.attach(officer, None)
        module = win.show_module("roster")
        assert isinstance(module, RosterPage)
        page = module.grid
        page.span.setCurrentIndex(1)
        assert page.model.columnCount() == 31
        assert page.bounds() == (date(2026, 12, 1), date(2026, 12, 31))
        page.move(1)
        assert page.bounds() == (date(2027, 1, 1), date(2027, 1, 31))


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 12, 5),  # Saturday, week began Monday 30 November
        date(2026, 12, 7),  # Monday: the week and the month begin together
        date(2027, 1, 3),  # Sunday, week 53 of 2026 began on 28 December
        date(2026, 12, 31),  # the last day of the year, inside ISO week 53
        date(2027, 1, 1),  # New Year's Day, still in week 2026-W53
        date(2026, 2, 28),  # the last day of a short month
        date(2028, 2, 29),  # a leap day (a Tuesday)
    ],
)
def test_month_view_opens_on_todays_month(officer: Services, bus, qtbot, today: date) -> None:  # noqa: ANN001
    from policeroom.ui.roster.page import RosterPage

    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    with frozen(today):
        module = RosterPage(officer, bus)
        qtbot.addWidget(module)
        page = module.grid
        assert page.bounds() == (monday, monday + timedelta(days=6))
        y, w, _ = today.isocalendar()
        assert page.period.text().startswith(f"{y}年第{w}周")
        page.span.setCurrentIndex(1)  # 按月
        assert page.bounds() == (first, last)
        assert page.period.text() == f"{today.year}年{today.month}月"
        assert page.model.columnCount() == last.day
        assert page.today_btn.text() == "本月"
        page.move(-1)
        assert page.bounds()[1] == first - timedelta(days=1)
        page.go_today()
        assert page.bounds() == (first, last)
        page.span.setCurrentIndex(0)  # back to 按周: the week of today again
        assert page.bounds() == (monday, monday + timedelta(days=6))
        assert page.today_btn.text() == "本周"


def test_week_53_shows_both_years_and_the_calendar_warning(officer: Services, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.roster.page import RosterPage

    with frozen(date(2027, 1, 1)):
        module = RosterPage(officer, bus)
        qtbot.addWidget(module)
        page = module.grid
    assert page.period.text() == "2026年第53周（12月28日—1月3日）"
    assert page.model.columnCount() == 7
    assert not page.warning.isHidden() and "2027年" in page.warning.text()
    page.move(1)
    assert page.period.text().startswith("2027年第1周") and page.bounds()[0] == date(2027, 1, 4)
    page.move(-2)
    assert page.period.text().startswith("2026年第52周") and "2027" not in page.warning.text()
    assert page.warning.isHidden()
