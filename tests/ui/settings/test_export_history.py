"""设置 › 导出记录 (officer only): every export and print of personal data — who, when, which list, which
filter, how many rows, masked or full — searchable, sortable and itself exportable."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.settings.exports import ExportHistoryPage
from policeroom.ui.settings.page import SettingsPage
from tests.conftest import actor
from tests.timing import frozen

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _log(officer: Services) -> None:
    """Three exports and a print, on three days, by two people."""
    with frozen(datetime(2026, 11, 20, 9, 30)):
        officer.exports.record("居民名单", "搜索“张”，WG01 安华里一网格", 12, full=False)
    with frozen(datetime(2026, 11, 21, 15, 5)):
        officer.exports.record("居民名单", "", 360, full=True)
        officer.record_output("print", "群众求助登记表 QZ2026-000007")
    staff = Services(officer.ctx.sessions, actor(AccountRole.staff, name="刘晓燕"))
    with frozen(datetime(2026, 11, 22, 8, 0)):
        staff.exports.record("群众求助台账", "超期", 3, full=False)


def test_service_lists_newest_first_with_every_fact(officer: Services) -> None:
    _log(officer)
    rows = officer.exports.list()
    assert [r.what for r in rows] == ["群众求助台账", "群众求助登记表 QZ2026-000007", "居民名单", "居民名单"]
    first = rows[0]
    assert (first.actor, first.kind, first.filters, first.rows, first.personal) == ("刘晓燕", "导出", "超期", 3, "已隐藏")
    full = rows[2]
    assert full.actor == "王建军" and full.rows == 360 and full.personal == "完整" and full.filters == "（无）"
    assert rows[1].kind == "打印" and rows[1].rows is None


def test_service_search_filter_sort(officer: Services) -> None:
    _log(officer)
    assert [r.rows for r in officer.exports.list("居民 完整")] == [360]
    assert [r.actor for r in officer.exports.list("刘晓燕")] == ["刘晓燕"]
    assert [r.kind for r in officer.exports.list(kind="print")] == ["打印"]
    assert [r.rows for r in officer.exports.list(kind="export", sort="rows", descending=False)] == [3, 12, 360]
    assert officer.exports.list("没有这个") == []


def test_only_the_officer_sees_it(officer: Services, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    staff = Services(officer.ctx.sessions, actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        staff.exports.list()
    page = SettingsPage(staff, bus)
    qtbot.addWidget(page)
    assert page.exports is None
    assert "导出记录" not in [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_screen_lists_searches_sorts_and_exports(officer: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001, E501
    _log(officer)
    settings = SettingsPage(officer, bus)
    qtbot.addWidget(settings)
    page = settings.exports
    assert isinstance(page, ExportHistoryPage)
    assert settings.tabs.tabText(settings.tabs.indexOf(page)) == "导出记录"
    assert page.model.rowCount() == 4 and page.count_label.text() == "共 4 条"
    assert not page.new_button.isVisible() and not page.delete_button.isEnabled()
    first = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert first == ["2026-11-22 08:00", "刘晓燕", "导出", "群众求助台账", "超期", "3", "已隐藏"]
    page.search_box.setText("完整")
    page.search_box.flush()
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "360"
    page.search_box.setText("")
    page.search_box.flush()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("print"))
    assert page.model.rowCount() == 1 and page.model.index(0, 2).data() == "打印"
    page.kind_filter.setCurrentIndex(0)
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # 行数
    assert [page.model.index(i, 5).data() for i in range(4)] == ["", "3", "12", "360"]
    out = tmp_path / "导出记录.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert page.export_excel() == out
    sheet = load_workbook(out).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "群众求助登记表 QZ2026-000007" in values and "完整" in values  # not masked: no number in it
    assert officer.exports.list("导出记录")[0].what.startswith("导出记录")  # this export is logged too


def test_empty_state(officer: Services, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    page = ExportHistoryPage(officer, bus)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.isVisible() and "还没有导出或打印记录" in page.empty_label.text()


def test_screenshots(officer: Services, bus: ChangeBus, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    _log(officer)
    out = Path(os.environ.get("POLICEROOM_SHOTS", tmp_path))
    settings = SettingsPage(officer, bus)
    qtbot.addWidget(settings)
    settings.tabs.setCurrentWidget(settings.exports)
    for w, h in ((1366, 768), (1920, 1080)):
        settings.resize(w - 150, h - 60)  # the page beside the navigation, under the menu
        settings.show()
        qtbot.waitExposed(settings)
        assert settings.grab().save(str(out / f"export-history-{w}x{h}.png"))
