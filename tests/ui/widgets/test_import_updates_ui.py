"""Issue 12, item 1 in the wizard's preview: before -> after per field; an update can be unticked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from policeroom.services.core.imports import guess_mapping
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.widgets.import_preview import PreviewModel
from tests.services.people.test_imports import ZHANG, xlsx


def test_preview_shows_before_after_and_unticking_skips_the_update(officer: Services, qtmodeltester) -> None:  # noqa: ANN001
    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, address="旧址"))
    spec, sheet = officer.resident_ledger.read(xlsx([["姓名", "身份证号", "住址"], ["张三", ZHANG, "新址"]], None))
    mapping = guess_mapping(spec, sheet.headers)
    report = officer.resident_ledger.check(spec, sheet, mapping)
    model = PreviewModel()
    model.load(spec, sheet, mapping, report, only_bad=False)
    qtmodeltester.check(model)
    last = model.columnCount() - 1
    assert model.data(model.index(0, last)) == "住址：旧址 → 新址"
    first = model.index(0, 0)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert report.excluded == {2}
    assert officer.resident_ledger.commit(report).updated == 0
    assert officer.residents.find_by_id_number(ZHANG).address == "旧址"


def test_wizard_saves_the_blank_template(officer: Services, qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from policeroom.ui.people.import_dialog import ResidentImportDialog

    dlg = ResidentImportDialog(officer)
    qtbot.addWidget(dlg)
    out = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dlg.template_button.click()
    assert [ws.title for ws in load_workbook(out).worksheets] == ["居民台账", "填写说明"]
