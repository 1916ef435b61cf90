"""网格工作 screens: a failed inspection item to a closed event by clicks; the register; the 考核 table."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from policeroom.models import EventStatus
from policeroom.services.gridwork.places import PlaceInput
from policeroom.services.gridwork.types import EventFilter
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.gridwork.event_detail import EventDetailDialog
from policeroom.ui.gridwork.moves import MoveDialog
from policeroom.ui.gridwork.places import InspectionDialog, InspectionsDialog, PlacesPage
from policeroom.ui.widgets.forms import combo_select
from tests.services.gridwork.conftest import room  # noqa: F401
from tests.ui.requests.test_requests_ui import run_modal

NOW = datetime(2026, 11, 10, 10, 0)
pytestmark = [pytest.mark.today(NOW), pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def place(room: Services) -> int:  # noqa: F811
    kinds = dict((n, i) for i, n in room.places.kinds())
    return room.places.create(
        PlaceInput(room.ids["g1"], kinds["出租屋"], "3号楼201出租屋", "安华里3号楼201", "王先生")
    )


def test_failed_inspection_item_to_a_closed_event(room: Services, place: int, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001, F811
    page = PlacesPage(room, bus)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    # 巡查: the second item fails; without a note the form says so beside the checklist
    ins = InspectionDialog(room, row)
    qtbot.addWidget(ins)
    ins.failed[1].setChecked(True)
    ins.save()
    assert "不合格的项目请写明问题" in ins.errors.text("ticks")
    ins.notes_edits[1].setText("灭火器已过期")
    ins.save()
    assert ins.saved_id is not None
    # 巡查记录: the failed item offers 转为网格事件; one click makes the event and opens it
    records = InspectionsDialog(room, bus, row)
    qtbot.addWidget(records)
    tick = next(t for r in room.places.inspections(place) for t in r.ticks if not t.ok)
    button = records.to_event_button
    assert not button.isEnabled()  # nothing selected yet
    records.select_tick(tick.id)
    assert button.isEnabled()

    def fill(text: str, member: int | None = None):  # noqa: ANN202
        def handler(dlg: QWidget) -> None:
            assert isinstance(dlg, MoveDialog)
            dlg.text.setPlainText(text)
            if member is not None and dlg.member is not None:
                combo_select(dlg.member, member)
            dlg.save()
            assert dlg.result() == dlg.DialogCode.Accepted, dlg.errors.labels

        return handler

    def drive(dlg: QWidget) -> None:
        assert isinstance(dlg, EventDetailDialog)
        assert dlg.detail.status == EventStatus.reported and "灭火器已过期" in dlg.detail.description
        for move, handler in (
            ("register", fill("符合立案条件")),
            ("dispatch", fill("请本周内整改", room.ids["w1"])),
            ("handle", fill("督促房东更换灭火器")),
            ("feedback", fill("已告知房东和租户")),
            ("close", fill("现场复核，灭火器已更换")),
        ):
            b = dlg.findChild(QPushButton, f"move_{move}")
            assert b is not None and not b.isHidden(), (move, dlg.detail.moves)
            run_modal(b.click, handler)
        assert dlg.detail.status == EventStatus.closed and "已结案" in dlg.head.text()
        assert dlg.move_buttons["handle"].isHidden() and dlg.edit_button.isHidden()
        assert [t.label for t in dlg.detail.timeline][-1] == "核查结案"
        dlg.accept()

    run_modal(button.click, drive)
    ids = room.grid_events.search_ids(EventFilter())
    assert len(ids) == 1
    d = room.grid_events.get(ids[0])
    assert d.status == EventStatus.closed and d.inspection_id == ins.saved_id and d.place == "3号楼201出租屋"
    # the record now links the event instead of offering it again
    failed_rows = [
        r for r in range(records.table.rowCount()) if records.table.item(r, 3).text().startswith("不合格")
    ]
    assert [records.table.item(r, 4).text() for r in failed_rows] == [d.number]
    records.select_tick(tick.id)
    assert not records.to_event_button.isEnabled() and records.open_button.isEnabled()


def test_register_lists_filters_and_exports(room: Services, bus: ChangeBus, qtbot, tmp_path) -> None:  # noqa: ANN001, F811
    from policeroom.ui.gridwork.events import EventsPage
    from tests.services.gridwork.conftest import report

    a = report(room, found_at=datetime(2026, 11, 2, 9, 0))
    report(
        room, description="路灯不亮", category_id=room.ids["治安隐患"], found_at=datetime(2026, 11, 10, 9, 30)
    )
    page = EventsPage(room, bus)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    page.overdue_only.setChecked(True)  # 消防隐患 立案 in 4 working hours: the first is overdue by now
    assert page.model.rowCount() == 1 and page.model.row_at(0).id == a
    page.overdue_only.setChecked(False)
    page.set_query("路灯")
    assert page.model.rowCount() == 1
    spec = page.export_spec()
    assert spec.count == 1 and [c.header for c in spec.columns][0] == "编号"


def test_assessment_numbers_open_their_records(room: Services, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001, F811
    from policeroom.ui.gridwork.assessment import AssessmentPage, RecordsDialog
    from tests.services.gridwork.conftest import report

    report(room, found_at=datetime(2026, 11, 2, 9, 0))
    page = AssessmentPage(room, bus)
    qtbot.addWidget(page)
    assert page.month.currentData() == "2026-11"
    names = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert names == ["张秀兰", "李海涛"]
    row = next(r for r in range(page.table.rowCount()) if page.table.verticalHeaderItem(r).text() == "上报数")
    assert page.table.item(row, 0).text() == "1"
    dlg = page.open_cell(row, 0)
    assert isinstance(dlg, RecordsDialog) and dlg.table.rowCount() == 1
    assert dlg.table.item(0, 0).text() == "SJ2026-000001"
    dlg.close()
