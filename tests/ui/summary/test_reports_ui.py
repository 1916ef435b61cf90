"""统计报表 flows: the dashboard's items open their lists; choose a week, write, save, make the PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences
from policeroom.ui.summary.page import ReportsPage
from tests.services.summary.week_data import build_week
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)


@pytest.fixture
def win(officer: Services, tmp_path: Path, qtbot) -> MainWindow:  # noqa: ANN001
    officer.ids = build_week(officer)
    w = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(w)
    w.attach(officer, None)
    w.show()
    return w


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_dashboard_to_reports_to_this_weeks_summary(win: MainWindow, qtbot, monkeypatch) -> None:  # noqa: ANN001
    printed: list[tuple[bytes, str]] = []
    monkeypatch.setattr("policeroom.ui.widgets.pdf_output.present_pdf", lambda _p, data, name: printed.append((data, name)))
    dash = win.pages["dashboard"]
    assert dash.mediation.cards["red_disputes"].text().startswith("1")  # the red-risk entry is not resolved
    assert "上周" in dash.week.values["requests_received"].text()
    dash.week.report_btn.click()
    page = win.pages["reports"]
    assert isinstance(page, ReportsPage) and win.stack.currentWidget() is page
    # this week
    page.summary_btn.click()
    data, name = printed[-1]
    assert name.endswith("工作小结.pdf") and "周" in name
    assert "一、数据概况" in _text(data)
    # the hand-built week: 2026, week 45
    page.picker.year.setValue(2026)
    page.picker.week.setValue(45)
    assert page.picker.dates.text() == "2026年11月2日—11月8日"
    assert page.table.item(0, 0).text() == "接收求助（件）" and page.table.item(0, 1).text() == "5"
    assert "红色风险纠纷" in page.edits["key_work"].toPlainText()
    page.edits["problems"].setPlainText("夜间巡防力量不足，张三丰（13800000000）反映路灯不亮。")
    assert "尚未保存" in page.state.text()
    page.summary_btn.click()  # saves the texts first
    data, name = printed[-1]
    assert name == "安华里社区警务室2026年第45周工作小结.pdf"
    text = _text(data)
    assert "夜间巡防力量不足，张某某（138****0000）反映路灯不亮。" in text
    assert "已保存" in page.state.text()
    # the texts stay with the week
    page.picker.prev_btn.click()
    assert page.edits["problems"].toPlainText() == ""
    page.picker.next_btn.click()
    assert page.edits["problems"].toPlainText().startswith("夜间巡防力量不足")
    # the month's statistics table
    page.picker.kind.setCurrentIndex(1)
    page.picker.year.setValue(2026)
    page.picker.month.setValue(11)
    assert page.summary_btn.text() == "生成月度小结"
    page.table_btn.click()
    data, name = printed[-1]
    assert name == "矛盾纠纷排查调处情况统计表（2026年11月）.pdf"
    assert "合计" in _text(data)


def test_too_long_text_is_cut_at_the_limit_the_field_shows(win: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    """Issue 12, item 8: the field holds 5,000 at most (the service refuses more) and counts them."""
    from PySide6.QtWidgets import QLabel

    page = win.show_module("reports")
    page.edits["situation"].setPlainText("形" * 5001)
    assert page.edits["situation"].toPlainText() == "形" * 5000
    assert "已输入5000/5000字" in [c.text() for c in page.findChildren(QLabel, "text_counter")]
    assert "最多5000字" in page.edits["situation"].toolTip()


def test_reset_texts_asks_first(win: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    page = win.show_module("reports")
    page.edits["problems"].setPlainText("人手不足")
    assert page.save()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.reset_texts()
    assert page.edits["problems"].toPlainText() == "人手不足"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.reset_texts()
    # pre-filled again from the figures (issue 11 item 12), no longer what was typed
    assert "人手不足" not in page.edits["problems"].toPlainText() and "自动填写" in page.state.text()


def test_dashboard_mediation_items_open_their_lists(win: MainWindow) -> None:
    dash = win.pages["dashboard"]
    dash.mediation.cards["red_disputes"].click()
    module = win.pages["mediation"]
    assert win.stack.currentWidget() is module
    assert module.tabs.currentWidget() is module.disputes
    assert module.disputes.risk_filter.currentData() == "red"
    win.show_module("dashboard")
    dash.mediation.cards["visits_due"].click()
    assert module.tabs.currentWidget() is module.cases and module.cases.visit_due.isChecked()


def test_this_weeks_summary_opens_in_the_preview(win: MainWindow) -> None:
    """Not patched: the summary goes through the real in-app preview (thumbnails, page count, zoom)."""
    from policeroom.ui.widgets.pdf_preview import PdfPreviewDialog
    from tests.ui.requests.test_requests_ui import run_modal

    seen: list[tuple[int, str, str]] = []

    def look(dlg) -> None:  # noqa: ANN001
        assert isinstance(dlg, PdfPreviewDialog)
        seen.append((dlg.thumbs.count(), dlg.page_count.text(), dlg.suggested_name))
        dlg.step_zoom(1)
        assert dlg.zoom_percent() > 0
        dlg.close()

    win.pages["dashboard"].week.report_btn.click()
    run_modal(win.pages["reports"].summary_btn.click, look)
    pages, label, name = seen[0]
    assert pages >= 1 and label == f"共 {pages} 页" and name.endswith("工作小结.pdf")
