"""The people pages: team (团队成员), grids (网格) and the tab page, driven as a user would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from policeroom.models import AccountRole, MemberRole
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.people.grids import GridDialog, GridsPage
from policeroom.ui.people.page import PeoplePage
from policeroom.ui.people.team import TeamMemberDialog, TeamPage
from policeroom.ui.widgets.forms import RecordDialog
from policeroom.ui.widgets.table import IdRole
from tests.conftest import actor

#: The offscreen platform says this whenever a dialog is shown; it is not our warning.
offscreen_dialog = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def run_modal(page_action: Callable[[], object], handler: Callable[[RecordDialog], None]) -> None:
    """Run ``page_action`` (which opens a modal dialog) while ``handler`` drives the dialog.

    A failure inside the handler closes the dialog (so the test does not hang) and is raised after.
    """
    failures: list[BaseException] = []

    def fire() -> None:
        dlg = QApplication.activeModalWidget()
        try:
            assert isinstance(dlg, RecordDialog), dlg
            handler(dlg)
        except BaseException as e:  # noqa: BLE001 - re-raised below
            failures.append(e)
            if isinstance(dlg, QWidget):
                dlg.close()

    QTimer.singleShot(0, fire)
    page_action()
    if failures:
        raise failures[0]


def type_text(qtbot, widget: QWidget, text: str) -> None:  # noqa: ANN001
    """Type as a user does: ASCII key by key, Chinese committed by the input method (QTest cannot key it)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def click_save(qtbot, dlg: RecordDialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def column_texts(page, column: int) -> list[str]:  # noqa: ANN001
    m = page.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def add_grids(services: Services, *codes: str) -> list[int]:
    return [services.grids.create(GridInput(code=c, name=f"{c}网格", households=100)) for c in codes]


@pytest.fixture
def team_page(officer: Services, bus: ChangeBus, qtbot) -> TeamPage:  # noqa: ANN001
    page = TeamPage(officer, bus)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def grids_page(officer: Services, bus: ChangeBus, qtbot) -> GridsPage:  # noqa: ANN001
    page = GridsPage(officer, bus)
    qtbot.addWidget(page)
    return page


# -- models ---------------------------------------------------------------------------------------
def test_team_model(officer: Services, team_page: TeamPage, qtmodeltester) -> None:  # noqa: ANN001
    officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff, phone="13601057788"))
    team_page.reload()
    assert team_page.model.rowCount() == 2
    qtmodeltester.check(team_page.model)


def test_grid_model(officer: Services, grids_page: GridsPage, qtmodeltester) -> None:  # noqa: ANN001
    add_grids(officer, "WG01", "WG02")
    grids_page.reload()
    assert column_texts(grids_page, 0) == ["WG01", "WG02"]
    qtmodeltester.check(grids_page.model)


def test_resident_model_in_people_page(officer: Services, bus: ChangeBus, qtbot, qtmodeltester) -> None:  # noqa: ANN001
    (gid,) = add_grids(officer, "WG01")
    for name in ("张三", "李四", "王五"):
        officer.residents.create(ResidentInput(name=name, grid_id=gid))
    page = PeoplePage(officer, bus)
    qtbot.addWidget(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["居民", "团队成员", "网格"]
    assert page.residents.model.rowCount() == 3
    qtmodeltester.check(page.residents.model)
    assert page.grids.model.data(page.grids.model.index(0, 5)) == "3"


# -- grids ----------------------------------------------------------------------------------------
@offscreen_dialog
def test_add_grid_through_dialog(officer: Services, grids_page: GridsPage, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    assert grids_page.empty_label.isVisibleTo(grids_page)

    def fill(dlg: RecordDialog) -> None:
        assert isinstance(dlg, GridDialog)
        qtbot.keyClicks(dlg.code, "wg09")
        type_text(qtbot, dlg.name, "安华里九网格")
        dlg.households.setValue(320)
        click_save(qtbot, dlg)
        assert not dlg.isVisible()

    with qtbot.waitSignal(bus.changed) as blocker:
        run_modal(grids_page.create, fill)
    assert blocker.args[0] == "grid"
    assert column_texts(grids_page, 0) == ["WG09"]
    assert column_texts(grids_page, 1) == ["安华里九网格"]
    assert grids_page.selected_id() == officer.grids.list()[0].id
    assert not grids_page.empty_label.isVisibleTo(grids_page)


def test_grid_code_error_shown_inline(officer: Services, qtbot) -> None:  # noqa: ANN001
    add_grids(officer, "WG01")
    dlg = GridDialog(officer, None)
    qtbot.addWidget(dlg)
    dlg.code.setText("WG01")
    dlg.save()
    assert "已存在" in dlg.errors.text("code")
    assert "请填写网格名称" in dlg.errors.text("name")
    assert len(officer.grids.list()) == 1


def test_delete_archive_and_restore_grid(
    officer: Services, grids_page: GridsPage, monkeypatch, qtbot
) -> None:  # noqa: ANN001
    gid, _ = add_grids(officer, "WG01", "WG02")
    officer.residents.create(ResidentInput(name="张三", grid_id=gid))
    grids_page.reload()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: shown.append(title))

    grids_page.select_id(gid)
    grids_page.delete_selected()  # referenced by a resident: archived
    assert shown == ["已归档"]
    assert column_texts(grids_page, 0) == ["WG02"]
    assert grids_page.restore_button.isHidden()

    grids_page.show_archived.setChecked(True)
    assert column_texts(grids_page, 0) == ["WG01", "WG02"]
    grids_page.select_id(gid)
    assert not grids_page.restore_button.isHidden() and grids_page.restore_button.isEnabled()
    grids_page.restore_button.click()
    assert not officer.grids.get(gid).archived
    assert not grids_page.restore_button.isEnabled()


def test_grid_worker_sees_only_their_grid(officer: Services, bus: ChangeBus, qtbot) -> None:  # noqa: ANN001
    mine, _other = add_grids(officer, "WG01", "WG02")
    worker = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[mine]))
    officer.sign_in(actor(AccountRole.grid_worker, (mine,), name="张秀兰"))
    page = GridsPage(officer, bus)
    qtbot.addWidget(page)
    assert column_texts(page, 0) == ["WG01"]
    assert not page.new_button.isEnabled()
    page.create()  # Ctrl+N as well: nothing opens
    page.select_id(mine)
    assert page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()

    dlg = GridDialog(officer, mine, page)
    qtbot.addWidget(dlg)
    assert dlg.code.isReadOnly() and dlg.name.isReadOnly() and not dlg.workers.isEnabled()
    assert dlg.workers.checked_ids() == [worker]
    dlg.description.setPlainText("安华里1-6号楼")
    dlg.households.setValue(412)
    dlg.save()
    assert dlg.result() == GridDialog.DialogCode.Accepted
    assert officer.grids.get(mine).households == 412

    team = TeamPage(officer, bus)
    qtbot.addWidget(team)
    team.select_id(worker)
    assert not team.new_button.isEnabled()
    assert not team.edit_button.isEnabled()
    assert not team.delete_button.isEnabled()


def test_grid_dialog_keeps_a_worker_who_left(officer: Services, qtbot) -> None:  # noqa: ANN001
    (gid,) = add_grids(officer, "WG01")
    mid = officer.team.create(MemberInput(name="孙志刚", role=MemberRole.grid_worker, grid_ids=[gid]))
    officer.team.update(
        mid, MemberInput(name="孙志刚", role=MemberRole.grid_worker, active=False, grid_ids=[gid])
    )
    dlg = GridDialog(officer, gid)
    qtbot.addWidget(dlg)
    assert dlg.workers.item(0).text() == "孙志刚（已离开）"
    assert dlg.workers.checked_ids() == [mid]


# -- team -----------------------------------------------------------------------------------------
@offscreen_dialog
def test_add_member_bad_phone_then_good(officer: Services, team_page: TeamPage, qtbot) -> None:  # noqa: ANN001
    (gid,) = add_grids(officer, "WG01")
    before = len(officer.team.list(include_left=True))

    def fill(dlg: RecordDialog) -> None:
        assert isinstance(dlg, TeamMemberDialog)
        type_text(qtbot, dlg.name, "赵丽娟")
        qtbot.keyClicks(dlg.phone, "1381105")
        dlg.grids.set_checked([gid])
        click_save(qtbot, dlg)
        assert dlg.isVisible()
        assert dlg.errors.text("phone")
        assert dlg.findChild(QWidget, "error_phone").isVisibleTo(dlg)
        assert len(officer.team.list(include_left=True)) == before
        qtbot.keyClicks(dlg.phone, "0303")
        click_save(qtbot, dlg)
        assert not dlg.isVisible()

    run_modal(team_page.create, fill)
    assert len(officer.team.list(include_left=True)) == before + 1
    row = team_page.selected_row()
    assert (row.name, row.role, row.phone, row.grid_ids) == (
        "赵丽娟",
        MemberRole.grid_worker,
        "13811050303",
        (gid,),
    )
    assert "赵丽娟" in column_texts(team_page, 0)


@offscreen_dialog
def test_composition_warning_follows_grid_workers(officer: Services, team_page: TeamPage, qtbot) -> None:  # noqa: ANN001
    for name in ("刘晓燕", "陈磊"):
        officer.team.create(MemberInput(name=name, role=MemberRole.staff))
    gids = add_grids(officer, "WG01", "WG02")
    team_page.bus.notify("grid", *gids)  # the page follows the bus
    panel = team_page.composition
    assert "网格员 0 名" in panel.summary.text()
    assert "还没有网格员" in panel.warning_text()
    assert "WG01 WG01网格" in panel.warning_text()
    assert panel.warning_box.isVisibleTo(team_page)

    def fill(dlg: RecordDialog) -> None:
        assert isinstance(dlg, TeamMemberDialog)
        type_text(qtbot, dlg.name, "张秀兰")
        assert dlg.role.currentData() == MemberRole.grid_worker
        for i in range(dlg.grids.count()):  # tick every grid by clicking its line
            rect = dlg.grids.visualItemRect(dlg.grids.item(i))
            qtbot.mouseClick(dlg.grids.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert sorted(dlg.grids.checked_ids()) == sorted(gids)
        click_save(qtbot, dlg)

    run_modal(team_page.create, fill)
    assert "网格员 1 名" in panel.summary.text()
    assert panel.warning_text() == ""
    assert not panel.warning_box.isVisibleTo(team_page)


def test_team_filters_and_leaving(officer: Services, team_page: TeamPage, monkeypatch) -> None:  # noqa: ANN001
    mid = officer.team.create(MemberInput(name="吴俊杰", role=MemberRole.grid_worker))
    team_page.reload()
    team_page.role_filter.setCurrentIndex(team_page.role_filter.findData(MemberRole.grid_worker))
    assert column_texts(team_page, 0) == ["吴俊杰"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    team_page.select_id(mid)
    team_page.delete_selected()  # nobody refers to him: really deleted
    assert team_page.model.rowCount() == 0
    assert "没有符合条件" in team_page.empty_label.text()

    dlg = TeamMemberDialog(officer, None)
    dlg.name.setText("郑婷")
    dlg.active.setChecked(False)
    assert dlg.left_on.isEnabled() and dlg.left_on.value() is not None
    dlg.save()
    team_page.reload()
    assert team_page.model.rowCount() == 0
    team_page.show_left.setChecked(True)
    assert column_texts(team_page, 0) == ["郑婷"]
    assert column_texts(team_page, 4) == ["已离开"]
    assert team_page.model.data(team_page.model.index(0, 0), IdRole) == dlg.saved_id
    dlg.deleteLater()


# -- the demo community, as a user sees it --------------------------------------------------------
@offscreen_dialog
def test_demo_people_page_renders(services: Services, bus: ChangeBus, qtbot, tmp_path) -> None:  # noqa: ANN001
    from policeroom.services.demo.seed import DEMO_PASSWORD, seed_demo

    seed_demo(services.ctx, residents=40)
    services.sign_in(services.accounts.authenticate("wangjianjun", DEMO_PASSWORD))
    page = PeoplePage(services, bus)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.team.composition.warning_text() == ""  # the demo team is a complete 1 + 2 + N
    assert page.team.model.rowCount() >= 11 and page.grids.model.rowCount() == 8
    for i, name in enumerate(("residents", "team", "grids")):
        page.tabs.setCurrentIndex(i)
        shot = page.grab()
        assert shot.save(str(tmp_path / f"{name}.png"))
        assert shot.width() == 1200
    dlg = GridDialog(services, page.grids.model.row_at(0).id, page)
    dlg.show()
    assert dlg.workers.checked_ids()  # WG01 has its grid worker ticked
    assert dlg.grab().save(str(tmp_path / "grid_dialog.png"))
    dlg.close()
