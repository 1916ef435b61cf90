"""导出Excel on the lists and the 导入Excel wizard, driven as a person would."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.dom import minidom

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from policeroom.models import Channel, MemberRole, Urgency
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.service import RequestInput
from policeroom.ui.bus import ChangeBus
from policeroom.ui.people.import_dialog import ResidentImportDialog
from policeroom.ui.people.residents import ResidentsPage
from policeroom.ui.people.team import TeamPage
from policeroom.ui.requests.page import RequestsPage
from policeroom.ui.widgets.import_wizard import BAD_BACKGROUND
from tests.timing import DATA_DAY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ZHANG = "11010519491231002X"
LI = "110105198001010016"


@pytest.fixture
def town(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    g2 = officer.grids.create(GridInput(code="WG02", name="安华里二网格"))
    officer.residents.create(ResidentInput(name="张三", id_number=ZHANG, phone="13800000000", grid_id=g1,
                                           address="安华西里1号楼", notes="独居老人"))
    officer.residents.create(ResidentInput(name="李四", id_number=LI, grid_id=g2))
    officer.residents.create(ResidentInput(name="王五", grid_id=g1))
    officer.town = {"g1": g1, "g2": g2}
    return officer


def save_to(monkeypatch, path: Path) -> None:  # noqa: ANN001
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_resident_list_exports_what_it_shows(town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    page.grid_filter.setCurrentIndex(page.grid_filter.findData(town.town["g1"]))
    assert page.model.rowCount() == 2
    save_to(monkeypatch, tmp_path / "居民")
    out = page.export_excel()
    assert out == tmp_path / "居民.xlsx"
    ws = load_workbook(out).active
    assert ws["A1"].value.startswith("安华里社区警务室居民名单（") and "WG01 安华里一网格" in ws["A1"].value
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:J1"] and ws.freeze_panes == "A3"
    headers = [c.value for c in ws[2]]
    assert headers[:6] == ["姓名", "性别", "出生日期", "年龄", "民族", "身份证号"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["王五", "张三"]  # the list's order (pinyin)
    zhang = rows[1]
    assert zhang[2] == datetime(1949, 12, 31) and ws["C4"].number_format == "yyyy-mm-dd"
    assert zhang[5] == "110105********002X"  # masked by default, as on screen (issue 12 item 11)
    assert zhang[7] == "WG01 安华里一网格" and zhang[9] == "独居老人"
    assert ws.column_dimensions["F"].width >= 20


def test_windowed_list_exports_every_row_not_only_the_cached_window(
    town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch  # noqa: ANN001
) -> None:
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    page.model.PAGE = 1  # one row per fetch: the export must page through all of them
    assert [r.name for r in page.model.export_rows()] == ["李四", "王五", "张三"]
    save_to(monkeypatch, tmp_path / "all.xlsx")
    ws = load_workbook(page.export_excel()).active
    assert ws.max_row == 5


def test_team_list_exports_the_columns_as_shown(town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    town.team.create(MemberInput(name="刘晓燕", role=MemberRole.grid_worker, phone="13912345678"))
    page = TeamPage(town, bus)
    qtbot.addWidget(page)
    save_to(monkeypatch, tmp_path / "team.xlsx")
    ws = load_workbook(page.export_excel()).active
    shown = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())]
    assert [c.value for c in ws[2]] == shown
    assert "团队成员名单" in ws["A1"].value
    names = [r[0] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert "刘晓燕" in names and len(names) == page.model.rowCount()


@pytest.mark.today(DATA_DAY)  # its requests are received in November 2026
def test_request_list_exports_times_as_dates(officer: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    at = datetime(2026, 3, 5, 9, 30)
    officer.requests.create(RequestInput(
        received_at=at, channel=Channel.visit, category="证件咨询", urgency=Urgency.normal,
        description="咨询补办身份证", receiver_id=officer.actor.member_id, requester_name="王五",
    ))
    page = RequestsPage(officer, bus)
    qtbot.addWidget(page)
    save_to(monkeypatch, tmp_path / "requests.xlsx")
    ws = load_workbook(page.export_excel()).active
    assert ws["A1"].value.startswith("安华里社区警务室群众求助列表")
    assert ws["B2"].value == "求助时间" and ws["B3"].value == at and ws["B3"].number_format == "yyyy-mm-dd hh:mm"


def test_empty_list_says_there_is_nothing_to_export(officer: Services, bus: ChangeBus, qtbot, monkeypatch) -> None:  # noqa: ANN001
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    page = ResidentsPage(officer, bus)
    qtbot.addWidget(page)
    assert page.export_excel() is None and "没有记录" in told[0]


def test_exported_file_is_valid_for_excel_and_libreoffice(town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    save_to(monkeypatch, tmp_path / "check.xlsx")
    out = page.export_excel()
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                minidom.parseString(z.read(name))  # every part is well-formed XML
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("没有安装 LibreOffice，仅检查了 XML")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path / "csv"), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    text = (tmp_path / "csv" / "check.csv").read_text(encoding="utf-8", errors="replace")
    assert "张三" in text and "1949-12-31" in text and ZHANG in text


# -- import ----------------------------------------------------------------------------------
def ledger(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["安华里社区居民台账"])
    ws.append(["序号", "名字", "公民身份号码", "出生日期", "手机", "现住址", "所属网格"])
    ws.append([1, "赵六", "", date(1990, 5, 6), "13700000000", "安华西里5号楼", "WG01"])
    ws.append([2, "孙七", "110105198001010013", None, "", "", ""])  # wrong check digit
    ws.append([3, "张三", ZHANG, None, "13811112222", "", ""])  # registered: updates
    ws.append([4, "周八", "", None, "", "", "WG09"])  # no such grid
    wb.save(path)
    return path


def test_import_wizard_previews_reports_and_commits_on_confirm(
    town: Services, qtbot, tmp_path: Path, monkeypatch, qtmodeltester  # noqa: ANN001
) -> None:
    before = town.residents.count()
    dlg = ResidentImportDialog(town)
    qtbot.addWidget(dlg)
    assert not dlg.next_button.isEnabled()
    dlg.path_edit.setText(str(ledger(tmp_path / "台账.xlsx")))
    dlg.next_button.click()
    assert dlg.stack.currentIndex() == 1
    assert dlg.combos["name"].currentData() == 1 and dlg.combos["id_number"].currentData() == 2
    assert dlg.combos["gender"].currentData() is None
    assert "表头在第 2 行，共 4 行数据" in dlg.sheet_label.text()

    dlg.next_button.click()
    assert dlg.stack.currentIndex() == 2
    # the unknown grid is one summary line and a choice, not a bad row (issue 12 item 3)
    assert dlg.choice_box.isVisibleTo(dlg) and "1个网格在系统中不存在" in dlg.choice_box.label.text()
    assert not dlg.next_button.isEnabled()
    dlg.choice_box.buttons["map"].setChecked(True)  # mapped to nothing: a bad row after the choice
    qtmodeltester.check(dlg.preview_model)
    assert "可导入 2 行（新增 1 条，更新已登记的 1 条）" in dlg.summary.text() and "有问题 2 行" in dlg.summary.text()
    assert dlg.next_button.text() == "确认导入 2 行"
    bad = dlg.preview_model.index(1, 0)
    assert dlg.preview_model.data(bad) == "4"
    assert dlg.preview_model.data(bad, Qt.ItemDataRole.BackgroundRole).color() == BAD_BACKGROUND
    problems = [[dlg.problems_model.item(r, c).text() for c in range(3)] for r in range(dlg.problems_model.rowCount())]
    assert problems[0][:2] == ["4", "公民身份号码"] and "校验" in problems[0][2]
    assert problems[1][:2] == ["6", "所属网格"]
    dlg.only_bad.setChecked(True)
    assert dlg.preview_model.rowCount() == 2
    assert town.residents.count() == before  # nothing written before 确认导入

    save_to(monkeypatch, tmp_path / "问题.xlsx")
    dlg.save_problems_button.click()
    assert load_workbook(tmp_path / "问题.xlsx").active["A3"].value == 4

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    dlg.next_button.click()
    assert told == ["导入完成：新增居民 1 人，更新已登记居民 1 人。"]
    assert dlg.result() == dlg.DialogCode.Accepted
    assert town.residents.count() == before + 1
    assert town.residents.find_by_id_number(ZHANG).phone == "13811112222"


def test_wizard_reports_a_file_it_cannot_read(town: Services, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    dlg = ResidentImportDialog(town)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "x.xlsx"))
    dlg.next_button.click()
    assert dlg.stack.currentIndex() == 0 and "xlsx" in warned[0]
    # a required field left unmapped is refused at the mapping step
    dlg.path_edit.setText(str(ledger(tmp_path / "ok.xlsx")))
    dlg.next_button.click()
    dlg.combos["name"].setCurrentIndex(0)
    dlg.next_button.click()
    assert dlg.stack.currentIndex() == 1 and "姓名" in warned[-1]


def test_residents_page_has_import_and_reloads_after_it(town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    n = page.model.rowCount()

    def fake_exec(dlg: ResidentImportDialog) -> int:
        dlg.path_edit.setText(str(ledger(tmp_path / "l.xlsx")))
        dlg.forward()
        dlg.forward()
        dlg.choice_box.buttons["map"].setChecked(True)  # WG09 does not exist: leave that row out
        monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
        dlg.forward()
        return 1

    monkeypatch.setattr(ResidentImportDialog, "exec", fake_exec)
    page.import_button.click()
    assert page.model.rowCount() == n + 1


def test_export_progress_for_long_lists(town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from policeroom.ui.widgets import list_export

    monkeypatch.setattr(list_export, "PROGRESS_FROM", 1)
    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    save_to(monkeypatch, tmp_path / "p.xlsx")
    assert load_workbook(io.BytesIO(page.export_excel().read_bytes())).active.max_row == 5


@pytest.mark.today(date(2026, 11, 25))
def test_dispute_ledger_import_skips_entries_already_in_the_ledger(officer: Services, qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001

    from policeroom.services.mediation.types import DisputeFilter
    from policeroom.ui.mediation.dispute_import import DisputeImportDialog

    day = date(2026, 11, 22)  # three days before the pinned today
    wb = Workbook()
    ws = wb.active
    ws.append(["排查日期", "纠纷类型", "当事人", "简要情况", "风险等级"])
    ws.append([day, "邻里", "张三、李四", "楼上漏水渗到楼下", "黄"])
    ws.append([day, "邻里", "王五", "占用楼道", "紫"])
    wb.save(tmp_path / "jf.xlsx")
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)

    def run() -> DisputeImportDialog:
        dlg = DisputeImportDialog(officer)
        qtbot.addWidget(dlg)
        dlg.path_edit.setText(str(tmp_path / "jf.xlsx"))
        dlg.forward()
        dlg.forward()
        return dlg

    dlg = run()
    assert dlg.next_button.text() == "确认导入 1 行" and "有问题 1 行" in dlg.summary.text()
    dlg.forward()
    assert len(officer.disputes.rows(DisputeFilter())) == 1
    again = run()
    assert "台账中已有 1 条" in again.summary.text() and not again.next_button.isEnabled()
    assert again.preview_model.data(again.preview_model.index(0, again.preview_model.columnCount() - 1)).startswith("台账中已有")


def test_round_trip_through_the_export_button_and_the_wizard(
    town: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch, migrated_template: Path  # noqa: ANN001
) -> None:
    from policeroom.db import open_database

    page = ResidentsPage(town, bus)
    qtbot.addWidget(page)
    save_to(monkeypatch, tmp_path / "out.xlsx")
    page.export_full.setChecked(True)  # the officer's full export: a ledger the import reads back
    exported = page.export_excel()

    path = tmp_path / "fresh.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    try:
        fresh = Services(db.sessions)
        fresh.grids.create(GridInput(code="WG01", name="安华里一网格"))
        fresh.grids.create(GridInput(code="WG02", name="安华里二网格"))
        dlg = ResidentImportDialog(fresh)
        qtbot.addWidget(dlg)
        dlg.path_edit.setText(str(exported))
        dlg.forward()
        assert all(c.currentData() is not None for c in dlg.combos.values())
        dlg.forward()
        monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
        dlg.forward()
        assert dlg.result_counts.created == 3

        def records(sv: Services) -> list[tuple]:
            return sorted(
                (r.name, r.id_number, r.gender, r.birth_date, r.ethnicity, r.phone, r.address, r.notes,
                 sv.grids.get(r.grid_id).code if r.grid_id else None)
                for r in (sv.residents.get(i) for i in sv.residents.search_ids(""))
            )

        assert records(fresh) == records(town)
    finally:
        db.close()


@pytest.mark.today(date(2026, 11, 25))
def test_dispute_page_exports_its_ledger_and_imports_it_back(
    officer: Services, bus: ChangeBus, qtbot, tmp_path: Path, monkeypatch  # noqa: ANN001
) -> None:
    from datetime import timedelta

    from policeroom.models import Risk
    from policeroom.services.mediation.types import DisputeFilter, DisputeInput, PartyInput
    from policeroom.ui.mediation.dispute_import import DisputeImportDialog
    from policeroom.ui.mediation.disputes import DisputesPage

    day = date(2026, 11, 23)  # two days before the pinned today
    officer.disputes.create(DisputeInput(
        screened_on=day, dispute_type="邻里", risk=Risk.red, summary="两户因停车位争吵",
        owner_id=officer.actor.member_id, deadline=day + timedelta(days=5),
        parties=[PartyInput(name="张三"), PartyInput(name="李四")],
    ))
    page = DisputesPage(officer, bus)
    qtbot.addWidget(page)
    page.risk_filter.setCurrentIndex(page.risk_filter.findData(Risk.red.value))
    save_to(monkeypatch, tmp_path / "jf.xlsx")
    out = page.export_excel()
    ws = load_workbook(out).active
    assert "纠纷名单" in ws["A1"].value and "红色" in ws["A1"].value
    assert ws["B3"].value == datetime.combine(day, datetime.min.time())  # 排查日期 as a date
    assert ws["A3"].fill.fgColor.rgb.endswith("F8D7DA")  # 红 rows keep their colour (issue 12 item 13)

    officer.disputes.delete(officer.disputes.rows(DisputeFilter())[0].id)
    page.reload()

    def fake_exec(dlg: DisputeImportDialog) -> int:
        dlg.path_edit.setText(str(out))
        dlg.forward()
        dlg.forward()
        assert not dlg.report.errors, dlg.report.errors
        monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
        dlg.forward()
        return 1

    monkeypatch.setattr(DisputeImportDialog, "exec", fake_exec)
    page.import_button.click()
    rows = officer.disputes.rows(DisputeFilter())
    assert [(r.parties, r.risk, r.deadline) for r in rows] == [("张三、李四", Risk.red, day + timedelta(days=5))]
    assert page.model.rowCount() == 1
