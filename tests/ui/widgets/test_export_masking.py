"""Issue 12, item 11: exports mask ID numbers and phones; the officer alone may export in full; logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole
from policeroom.services.core.exports import mask_text
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.people.residents import ResidentsPage
from tests.conftest import actor

ZHANG = "11010519491231002X"


def _export(page: ResidentsPage, monkeypatch, path: Path) -> list[tuple]:  # noqa: ANN001
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    out = page.export_excel()
    return list(load_workbook(out).active.iter_rows(min_row=3, values_only=True))


def test_officer_may_export_in_full_once_and_history_says_so(
    officer: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch  # noqa: ANN001
) -> None:
    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, phone="13800001111"))
    page = ResidentsPage(officer, bus)
    qtbot.addWidget(page)
    page.search_box.setText("张")
    row = _export(page, monkeypatch, tmp_path / "a.xlsx")[0]
    assert (row[5], row[6]) == ("110105********002X", "138****1111")
    assert not page.export_full.isHidden()
    page.export_full.setChecked(True)
    row = _export(page, monkeypatch, tmp_path / "b.xlsx")[0]
    assert (row[5], row[6]) == (ZHANG, "13800001111")
    assert not page.export_full.isChecked()  # for that export only
    log = officer.exports.entries()
    assert len(log) == 2 and log[0].action == "导出" and "居民名单" in log[0].title
    latest = {c.field: c.after for c in log[0].changes}
    assert latest["身份证号和电话"] == "完整" and latest["行数"] == "1"
    assert {c.field: c.after for c in log[1].changes}["身份证号和电话"] == "已隐藏"


def test_staff_cannot_export_in_full(officer: Services, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    officer.sign_in(actor(AccountRole.staff))
    page = ResidentsPage(officer, bus)
    qtbot.addWidget(page)
    assert page.export_full.isHidden()
    with pytest.raises(PermissionDenied):
        officer.exports.record("居民名单", "", 1, full=True)


def test_ids_and_phones_inside_free_text_are_masked() -> None:
    assert mask_text(f"张三 13800001111，李四 {ZHANG}，0755-23456789") == (
        "张三 138****1111，李四 110105********002X，0755-****6789"
    )
