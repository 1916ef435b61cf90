"""When the officer disables an account (or changes its role or grids) while it is signed in, the
window goes back to sign-in at the next call and the sign-in window says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from policeroom.errors import SessionEnded
from policeroom.models import AccountRole, MemberRole
from policeroom.services.people.grids import GridInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.ui.login import LoginDialog
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences

PASSWORD = "anhua2026x"


def test_a_disabled_account_returns_the_window_to_sign_in(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    member = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    account = officer.accounts.create(username="zhangxl", password=PASSWORD, confirm=PASSWORD, member_id=member)
    desk = Services(officer.ctx.sessions)
    desk.sign_in(desk.accounts.authenticate("zhangxl", PASSWORD))
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(desk, None)
    win.show()
    officer.accounts.update(account, role=AccountRole.grid_worker, active=False)
    with pytest.raises(SessionEnded):
        desk.residents.count()  # whatever page makes the next call
    qtbot.waitUntil(lambda: not win.isVisible())
    assert win.signed_out and "停用" in win.ended_message

    login = LoginDialog(lambda: desk, "zhangxl", "安华里社区警务室")
    qtbot.addWidget(login)
    login.show_message(win.ended_message)
    login.show()
    assert login.message.isVisible() and "停用" in login.message.text()
