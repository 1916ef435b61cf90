"""A new room (issue 11, item 16): the set-up form marks what is required and lines its boxes up; the
工作台 greets the room with its first steps, ticked off as they are done; sort arrows point the way
the list runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from policeroom.models import MemberRole
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)


def test_first_run_marks_required_fields_and_aligns_its_boxes(services, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from policeroom.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible()]
    xs = {e.mapTo(dialog, QPoint(0, 0)).x() for e in edits}
    assert len(xs) == 1, f"boxes start at x={sorted(xs)}"
    marked = {label.buddy(): "*" in label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert marked[dialog.room["room_name"]] and marked[dialog.room["committee_short"]]
    assert marked[dialog.officer_name] and marked[dialog.username] and marked[dialog.password]
    assert not marked[dialog.room["officer_in_charge"]] and not marked[dialog.officer_phone]


def test_a_new_room_is_greeted_with_first_steps(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.services.people.grids import GridInput
    from policeroom.services.people.residents import ResidentInput
    from policeroom.services.people.team import MemberInput
    from policeroom.ui.dashboard.page import DashboardPage

    page = DashboardPage(officer, bus)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    steps = page.first_steps
    assert steps.isVisible()
    assert [b.isEnabled() for b in steps.buttons.values()] == [True, True, True]
    assert page.cards["team"].text() == "1\n团队成员（人）"  # not “在岗”: who is on post is the board's
    with qtbot.waitSignal(steps.open_people) as opened:
        steps.buttons["grids"].click()
    assert opened.args == ["grids"]

    worker = officer.team.create(MemberInput(name="李海涛", role=MemberRole.grid_worker, phone="13911112222"))
    page.refresh()
    assert steps.marks["team"].text() == "✓ 已完成" and not steps.buttons["team"].isEnabled()
    assert steps.buttons["grids"].isEnabled()
    grid = officer.grids.create(GridInput(code="WG01", name="安华里一网格", worker_ids=[worker]))
    page.refresh()
    assert steps.marks["grids"].text() == "✓ 已完成" and steps.isVisible()
    officer.residents.create(ResidentInput(name="张三", address="安华里1号楼101", grid_id=grid))
    page.refresh()
    assert not steps.isVisible()


def test_first_steps_are_not_shown_to_a_grid_worker(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.models import AccountRole
    from policeroom.ui.dashboard.page import DashboardPage
    from tests.conftest import actor

    officer.sign_in(actor(AccountRole.grid_worker))
    page = DashboardPage(officer, bus)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert not page.first_steps.isVisible()


class _Numbers(QAbstractTableModel):
    def rowCount(self, _parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 3

    def columnCount(self, _parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return str(index.row()) if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, _s: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        return "编号" if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal else None


def _arrow_points_down(view: QTableView) -> bool:
    """Whether the sort arrow drawn in the header is ▼ (its wide edge on top)."""
    header = view.horizontalHeader()
    image = header.grab().toImage()
    rows: dict[int, list[int]] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.blue() - c.red() > 40:  # the theme's blue arrow; the text and the header are grey
                rows.setdefault(y, []).append(x)
    assert rows, "no sort arrow drawn"
    ys = sorted(rows)
    top, bottom = rows[ys[0]], rows[ys[-1]]
    return max(top) - min(top) > max(bottom) - min(bottom)


@pytest.mark.parametrize(("order", "down"), [(Qt.SortOrder.DescendingOrder, True), (Qt.SortOrder.AscendingOrder, False)])
def test_sort_arrow_points_the_way_the_list_runs(qapp, qtbot, tmp_path: Path, order, down) -> None:  # noqa: ANN001
    from policeroom.ui.theme import apply_theme

    apply_theme(qapp, dark=False, cache_dir=tmp_path / "theme")
    try:
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(_Numbers())
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(0, order)
        view.resize(300, 200)
        view.show()
        QApplication.processEvents()
        assert _arrow_points_down(view) is down
    finally:
        qapp.setStyleSheet("")
