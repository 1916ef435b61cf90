"""pytest-qt flow: generate a week, edit a cell into a conflict, see it flagged with its reason."""

from __future__ import annotations

from datetime import date, timedelta

from policeroom.models import MemberRole
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services


def _team(services: Services) -> None:
    from policeroom.services.people.grids import GridInput

    for name in ("刘晓燕", "陈磊"):
        services.team.create(MemberInput(name=name, role=MemberRole.staff))
    for i, name in enumerate(("张秀兰", "李海涛", "赵丽娟", "孙志刚", "周春梅", "吴俊杰")):
        m = services.team.create(MemberInput(name=name, role=MemberRole.grid_worker))
        services.grids.create(GridInput(code=f"WG0{i + 1}", name=f"第{i + 1}网格", worker_ids=[m]))


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

    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    module = win.show_module("roster")
    assert isinstance(module, RosterPage)
    page = module.grid
    page.span.setCurrentIndex(1)
    assert page.model.columnCount() in (28, 29, 30, 31)
    page.move(1)
    first, _last = page.bounds()
    assert first.day == 1 and first > date.today() - timedelta(days=1)
