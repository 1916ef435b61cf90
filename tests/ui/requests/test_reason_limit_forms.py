"""The 作废 and 挂账 forms show their 200-character limit (the service refuses longer, never cuts)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.detail import RequestDetailDialog
from tests.ui.requests.test_requests_ui import Team, minute, register, team  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.mark.parametrize("step", ["void", "park"])
def test_reason_field_shows_its_limit(officer: Services, team: Team, bus: ChangeBus, qtbot, step: str) -> None:  # noqa: ANN001, F811
    rid = register(officer, ago=timedelta(hours=10))
    officer.requests.dispatch(rid, team.worker_id, at=minute(timedelta(hours=9)))
    detail = RequestDetailDialog(officer, bus, rid)
    qtbot.addWidget(detail)
    dialog = detail.step_dialog(step)
    qtbot.addWidget(dialog)
    assert dialog.reason.property("text_limit") == 200
    dialog.reason.setPlainText("等" * 12)
    counters = [w.text() for w in dialog.findChildren(QLabel) if "/200" in w.text()]
    assert counters and "12" in counters[0]
    assert "200" in dialog.reason.toolTip()
